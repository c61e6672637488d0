#!/usr/bin/env bash
# Issue 14's figures over HTTP: case reads and durable advances on 1, 2 and
# 3 `tata serve` nodes sharing one PostgreSQL database, beside pgbench on
# the same server with as many connections as there are nodes (select-only
# for reads, simple-update for writes), and beside one node on the SQLite
# file the cases came from, all in one run:
#   bash bench/cluster_bench.sh [BUILD_DIR] [CASES] [SECONDS]
# The cases are made by bench_import in a SQLite file and moved into the
# PostgreSQL database with `tata db copy` (timed: its own figure). Each
# step runs 64 wrk connections in all, split over the nodes (one wrk
# process per node), so more nodes means the same load spread wider.
# A throwaway PostgreSQL 15 server with fsync and synchronous commits on
# (tests/postgresql/pg-cluster --durable) is started in /tmp and removed.
# On a 2-core machine the nodes, PostgreSQL and wrk share the same cores:
# read the ratios, not the absolute figures.
# PGBENCH_SCALE: pgbench's scale (default 10: a million accounts).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cases=${2:-60000}
seconds=${3:-10}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 2; }
work=$(mktemp -d /tmp/tata-cluster-bench.XXXXXX)
state="$work/postgresql"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bash tests/postgresql/pg-cluster stop "$state" || true
  rm -rf "$work"
}
trap cleanup EXIT

bash tests/postgresql/pg-cluster start "$state" --durable
host=$(cat "$state")
uri="postgresql:///tata?host=$host&user=tata"
psql "postgresql:///postgres?host=$host&user=tata" -qc "CREATE DATABASE pgbench" -c "CREATE DATABASE tata"
pgbench -h "$host" -U tata -i -s "${PGBENCH_SCALE:-10}" -q pgbench >/dev/null 2>&1

echo "== $cases verification cases (bench_import) in SQLite, moved by tata db copy"
"$build/bench/bench_import" --rows "$cases" --dir "$work" --keep | tail -n 1
db="$work/tata.db"
echo "kata-sandi-bench-1" | "$build/tata" user add bench.officer --regency 62.03 --role officer --password-stdin --db "$db" >/dev/null
echo "kata-sandi-bench-2" | "$build/tata" user add bench.kadis --regency 62.03 --role opd_head --opd "Dinas Pendidikan" \
  --password-stdin --db "$db" >/dev/null
# A copy of the file for the SQLite node, so both stores start from the same cases.
cp "$db" "$work/sqlite-node.db"
start=$(date +%s.%N)
"$build/tata" db copy --from "$db" --to "$uri" >"$work/copy.log"
copy_seconds=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')
printf '%-52s %8s s  (%s)\n' "tata db copy, verified on both sides" "$copy_seconds" "$(grep -m1 '^  events' "$work/copy.log" | sed 's/^ *//')"

source bench/listening_port.sh
token() {  # port user password
  curl -s "http://127.0.0.1:$1/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"$3\"}" | sed 's/.*"token":"\([^"]*\)".*/\1/'
}

# wrk processes at once, one per port, 64 connections in all; prints the
# 2xx answers per second summed over them. For advances each process takes
# its own ids: OFFSET + its index, stepping by the number of processes.
wrk_spread() {  # kind (read|advance) offset token ports...
  local kind=$1 offset=$2 tok=$3; shift 3
  local count=$# index=0 outs=() running=()
  for port in "$@"; do
    local out="$work/wrk-$kind-$index.txt"
    outs+=("$out")
    if [ "$kind" = read ]; then
      wrk -t1 -c$((64 / count)) -d"${seconds}s" -H "Authorization: Bearer $tok" -s bench/wrk/read_case.lua \
        "http://127.0.0.1:$port" >"$out" &
    else
      wrk -t1 -c$((64 / count)) -d"${seconds}s" -H "Authorization: Bearer $tok" -s bench/wrk/advance_case.lua \
        "http://127.0.0.1:$port" -- $((offset + index)) "$count" >"$out" &
    fi
    running+=("$!")
    index=$((index + 1))
  done
  wait "${running[@]}"
  awk '/requests in/ {total += $1; sub(/s,$/, "", $4); secs = $4} /Non-2xx/ {bad += $5}
       END {printf "%.0f %.0f", (total - bad) / secs, total}' "${outs[@]}"
}

pgbench_tps() {  # clients, then pgbench's mode option
  pgbench -h "$host" -U tata "$2" -c "$1" -j "$1" -T "$seconds" pgbench 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p'
}

ports=()
start_nodes() {  # database count: sets ports
  ports=()
  for i in $(seq "$2"); do
    "$build/tata" serve --port 0 --db "$1" 2>"$work/node-$i.log" >/dev/null &
    pids+=("$!")
    ports+=("$(listening_port "$work/node-$i.log")")
  done
}
stop_nodes() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}

echo
echo "== 64 wrk connections for ${seconds}s per step, spread over the nodes"
printf '%-26s %12s %12s %8s %12s %12s %8s\n' "" "reads/s" "pgbench -S" "ratio" "advances/s" "pgbench -N" "ratio"
# Each step advances cases no other step touched: ids FIRST.. of its share.
measure() {  # label database nodes first-id share
  start_nodes "$2" "$3"
  local officer kadis reads advances requests
  officer=$(token "${ports[0]}" bench.officer kata-sandi-bench-1)
  kadis=$(token "${ports[0]}" bench.kadis kata-sandi-bench-2)
  read -r reads _ <<<"$(wrk_spread read 0 "$officer" "${ports[@]}")"
  read -r advances requests <<<"$(wrk_spread advance "$4" "$kadis" "${ports[@]}")"
  stop_nodes
  [ "$requests" -le "$5" ] || echo "(the step asked for $requests advances of $5 cases: give more CASES)" >&2
  if [ "$2" = "$uri" ]; then
    local select_tps update_tps
    select_tps=$(pgbench_tps "$3" -S)
    update_tps=$(pgbench_tps "$3" -N)
    printf '%-26s %12s %12.0f %8.2f %12s %12.0f %8.2f\n' "$1" "$reads" "$select_tps" \
      "$(awk -v a="$reads" -v b="$select_tps" 'BEGIN {print a / b}')" "$advances" "$update_tps" \
      "$(awk -v a="$advances" -v b="$update_tps" 'BEGIN {print a / b}')"
  else
    printf '%-26s %12s %12s %8s %12s %12s %8s\n' "$1" "$reads" "" "" "$advances" "" ""
  fi
}
measure "1 node, SQLite file" "$work/sqlite-node.db" 1 0 "$cases"
share=$((cases / 3))
for nodes in 1 2 3; do measure "$nodes node(s), PostgreSQL" "$uri" "$nodes" $(((nodes - 1) * share)) "$share"; done
