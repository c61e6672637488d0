#!/usr/bin/env bash
# HTTP budgets of DESIGN.md section 8, measured with wrk (-t2 -c64) beside a
# minimal Poco server answering a fixed JSON body, in the same run:
#   - reading a case: >= 50% of the baseline's requests/s, p99 <= 10 ms
#     (beside it, reading a case that names no worker, which writes no
#     entry to the personal-data access log: what that entry costs a read)
#   - advancing cases: >= 3,000/s, p99 <= 10 ms (only 2xx answers count;
#     each case can be advanced once, so CASES must outlast the run)
#   - server memory: <= 100 MB resident with 100,000 cases
#
#   bash bench/http_bench.sh [BUILD_DIR] [CASES] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cases=${2:-100000}
seconds=${3:-10}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 2; }
work=$(mktemp -d /tmp/tata-http-bench.XXXXXX)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "== $cases verification cases (bench_import), then the server on them"
"$build/bench/bench_import" --rows "$cases" --dir "$work" --keep | tail -n 3
db="$work/tata.db"
echo "kata-sandi-bench-1" | "$build/tata" user add bench.officer --regency 62.03 --role officer --password-stdin --db "$db" >/dev/null
echo "kata-sandi-bench-2" | "$build/tata" user add bench.kadis --regency 62.03 --role opd_head --opd "Dinas Pendidikan" \
  --password-stdin --db "$db" >/dev/null

source bench/listening_port.sh
"$build/tata" serve --port 0 --db "$db" 2>"$work/serve.log" >/dev/null &
server=$!
pids+=("$server")
port=$(listening_port "$work/serve.log") || exit 1
url="http://127.0.0.1:$port"
token() {
  curl -s "$url/api/v1/auth/login" -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" |
    sed 's/.*"token":"\([^"]*\)".*/\1/'
}
officer=$(token bench.officer kata-sandi-bench-1)
kadis=$(token bench.kadis kata-sandi-bench-2)
body_bytes=$(curl -s "$url/api/v1/cases/1" -H "Authorization: Bearer $officer" | wc -c)
# Procurement packages: cases that name no worker, so reading one writes no
# access-log entry.
packages=100
first_package=$(curl -s "$url/api/v1/cases" -H "Authorization: Bearer $officer" -H 'Content-Type: application/json' \
  -d '{"workflow":"vendor_selection","data":{}}' | awk 'match($0, /"id":[0-9]+/) {print substr($0, RSTART + 5, RLENGTH - 5)}')
# The answer's keys are sorted: its first "id" is the case's (its tasks' come later).
[[ "$first_package" =~ ^[0-9]+$ ]] || { echo "no procurement package was created"; exit 1; }
for _ in $(seq 2 "$packages"); do
  curl -s -o /dev/null "$url/api/v1/cases" -H "Authorization: Bearer $officer" -H 'Content-Type: application/json' \
    -d '{"workflow":"vendor_selection","data":{}}'
done
package_bytes=$(curl -s "$url/api/v1/cases/$first_package" -H "Authorization: Bearer $officer" | wc -c)

"$build/bench/bench_poco_baseline" 0 "$body_bytes" >"$work/baseline.log" &
pids+=("$!")
base_port=$(listening_port "$work/baseline.log") || exit 1

run_wrk() {  # label, then wrk arguments; prints requests/s and p99 (ms)
  local label=$1; shift
  local out
  out=$(wrk -t2 -c64 -d"${seconds}s" --latency "$@")
  # Only answered-2xx requests count: a refused advance is not an advance.
  local total secs errors p99 rps
  total=$(awk '/requests in/ {print $1}' <<<"$out")
  secs=$(awk '/requests in/ {sub(/s,$/, "", $4); print $4}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  rps=$(awk -v t="$total" -v e="${errors:-0}" -v s="$secs" 'BEGIN {printf "%.0f", (t - e) / s}')
  printf '%-40s %10s 2xx/s   p99 %8s   non-2xx %s of %s\n' "$label" "$rps" "$p99" "${errors:-0}" "$total" >&2
  echo "$rps"
}

echo
echo "== wrk -t2 -c64 -d${seconds}s (case body $body_bytes bytes, package body $package_bytes)"
base=$(run_wrk "baseline: Poco, fixed JSON body" "http://127.0.0.1:$base_port/")
read_rps=$(run_wrk "tata: GET /api/v1/cases/{id}" -H "Authorization: Bearer $officer" -s bench/wrk/read_case.lua "$url")
unlogged_rps=$(run_wrk "tata: GET a package (names no worker)" -H "Authorization: Bearer $officer" \
  -s bench/wrk/read_case.lua "$url" -- "$first_package" "$packages")
advance_rps=$(run_wrk "tata: POST .../outcomes/setuju (SPTJM)" -H "Authorization: Bearer $kadis" \
  -s bench/wrk/advance_case.lua "$url")
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")

echo
awk -v r="$read_rps" -v u="$unlogged_rps" -v b="$base" -v a="$advance_rps" -v m="$rss_kb" 'BEGIN {
  printf "read:    %.0f%% of the baseline (budget >= 50%%)\n", 100 * r / b
  printf "         %.0f%% for a case naming no worker, which writes no access-log entry (the entry: about %.0f%% of a read)\n", 100 * u / b, (u > 0 ? 100 * (1 - r / u) : 0)
  printf "advance: %.0f/s (budget >= 3,000/s)\n", a
  printf "memory:  %.0f MB resident after the runs (budget <= 100 MB)\n", m / 1024
}'
# A run that answered no read or no advance measured nothing: fail (the
# smoke run in CI, bench.http_smoke, relies on it).
[ "$read_rps" -gt 0 ] && [ "$unlogged_rps" -gt 0 ] && [ "$advance_rps" -gt 0 ] || { echo "no 2xx answers: nothing was measured"; exit 1; }
