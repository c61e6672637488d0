#!/usr/bin/env bash
# Each benchmark run at a small size, so that none of them rots between the
# hand-run measurements (the figures come from the full sizes in the README):
# it must finish, exit 0 and print the line that says what it measured.
#
#   bash bench/smoke.sh BUILD_DIR advance|import|rank|plan|http|pg|cluster
set -euo pipefail
build=$1
work=$(mktemp -d /tmp/tata-bench-smoke.XXXXXX)
trap 'rm -rf "$work"' EXIT
# A budget missed here is not a failure: at this size, on a machine shared
# with the rest of the suite, the figure means nothing (bench_advance exits 1
# with "budget NOT met"); any other failure is one.
run() {  # expected line (grep -E), then the command
  local expected=$1; shift
  local out status=0
  out=$("$@" 2>&1) || status=$?
  if [ "$status" -ne 0 ] && ! { [ "$status" -eq 1 ] && grep -q "budget NOT met" <<<"$out"; }; then
    echo "$out"; echo "FAILED (exit $status): $*"; exit 1
  fi
  echo "$out"
  grep -Eq "$expected" <<<"$out" || { echo "FAILED: no line matching '$expected'"; exit 1; }
}
case $2 in
  advance) run '^engine: 1 advance per transaction' "$build/bench/bench_advance" --advances 300 --dir "$work" ;;
  import) run '^2000 created, 0 rejected' "$build/bench/bench_import" --rows 2000 --dir "$work" ;;
  rank) run '^20000 workers ranked' "$build/bench/bench_rank" --workers 20000 --dir "$work" ;;
  plan) run '^5000 workers; ' "$build/bench/bench_plan" --workers 5000 --scenarios 1 --dir "$work" ;;
  http) run '^read: +[0-9]+% of the baseline' bash "$(dirname "$0")/http_bench.sh" "$build" 2000 1 ;;
  # pgbench's tables at scale 1 (100,000 rows, not a million): the smoke
  # checks that the scripts run, not what pgbench measures.
  pg) PGBENCH_SCALE=1 TATA_BUILD=$build run '^20000 workers ranked' bash "$(dirname "$0")/pg_bench.sh" 200 1 20000 ;;
  cluster) PGBENCH_SCALE=1 run '^3 node\(s\), PostgreSQL +[0-9]+' bash "$(dirname "$0")/cluster_bench.sh" "$build" 3000 1 ;;
  *) echo "unknown benchmark: $2"; exit 2 ;;
esac
