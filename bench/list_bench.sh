#!/usr/bin/env bash
# Lists and searches at national size (issue: every route p99 <= 50 ms and
# within 10x a plain read of one case, measured in the same run):
#   1. bench_lists fill: CASES verification cases over the five shipped
#      regencies (2,300,000 by default), then the engine builds their text
#      index (its cost beside writing the cases);
#   2. `tata serve` on that database, an officer of Kapuas (62.03);
#   3. bench_lists measure: REQUESTS sequential requests per route, p50/p99.
#
#   bash bench/list_bench.sh [BUILD_DIR] [CASES] [REQUESTS]
# CI runs it at 20,000 cases and 20 requests (ctest bench.lists_smoke), so it
# never rots; the figures in README.md are from the full size.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cases=${2:-2300000}
requests=${3:-200}
work=$(mktemp -d /tmp/tata-list-bench.XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "== $cases cases, then their text index"
"$build/bench/bench_lists" fill --dir "$work" --cases "$cases"
db="$work/tata.db"
echo "kata-sandi-bench-1" | "$build/tata" user add bench.officer --regency 62.03 --role officer --password-stdin --db "$db" >/dev/null

# The log exists before the server starts: the loop below reads it at once
# (under pipefail, reading a file the child has not created yet would end
# the script).
: >"$work/serve.log"
"$build/tata" serve --port 0 --db "$db" 2>"$work/serve.log" >/dev/null &
server=$!
port=""
for _ in $(seq 300); do
  port=$(sed -n 's/.*listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$work/serve.log" | head -n 1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "the server did not start:"; cat "$work/serve.log"; exit 1; }
url="http://127.0.0.1:$port"
token=$(curl -s "$url/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"bench.officer","password":"kata-sandi-bench-1"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
echo
echo "== $requests requests per route"
"$build/bench/bench_lists" measure --url "$url" --token "$token" --requests "$requests"
