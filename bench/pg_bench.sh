#!/usr/bin/env bash
# Durable advances on PostgreSQL beside pgbench's simple-update on the same
# server, same run (issue 14's figures, one node):
#   bash bench/pg_bench.sh [ADVANCES] [SECONDS] [WORKERS]
# Starts a throwaway PostgreSQL 15 server with fsync and synchronous commits
# on (tests/postgresql/pg-cluster --durable) in /tmp, then:
#   pgbench -N (simple-update: 3 updates and an insert per transaction) with
#   1 and with 8 connections, SECONDS each;
#   build/bench/bench_advance --postgresql: the engine's advances, one per
#   transaction and batched, on one connection (and SQLite's beside them).
#   build/bench/bench_rank --postgresql: WORKERS verified workers (default
#   2.3 million, the national roster, in one regency as the worst case)
#   ranked from the case index on PostgreSQL, beside a plain scan of it.
# The server is stopped and removed at the end.
# PGBENCH_SCALE: pgbench's scale (default 10: a million accounts).
set -euo pipefail
cd "$(dirname "$0")/.."
advances="${1:-2000}"
seconds="${2:-10}"
workers="${3:-2300000}"
build="${TATA_BUILD:-build}"  # the build tree (bench/smoke.sh passes its own)
state="$(mktemp)"
trap 'bash tests/postgresql/pg-cluster stop "$state"' EXIT
bash tests/postgresql/pg-cluster start "$state" --durable
host="$(cat "$state")"
psql "postgresql:///postgres?host=$host&user=tata" -qc "CREATE DATABASE pgbench" -c "CREATE DATABASE tata" \
  -c "CREATE DATABASE ranking"
pgbench -h "$host" -U tata -i -s "${PGBENCH_SCALE:-10}" -q pgbench > /dev/null 2>&1
for clients in 1 8; do
  tps="$(pgbench -h "$host" -U tata -N -c "$clients" -j "$clients" -T "$seconds" pgbench 2>/dev/null \
         | sed -n 's/^tps = \([0-9.]*\).*/\1/p')"
  printf '%-48s %12.0f\n' "pgbench simple-update, $clients connection(s)" "$tps"
done
"$build/bench/bench_advance" --advances "$advances" --postgresql "postgresql:///tata?host=$host&user=tata" || [ $? -eq 1 ]  # 1: a budget not met
echo
"$build/bench/bench_rank" --workers "$workers" --postgresql "postgresql:///ranking?host=$host&user=tata"
