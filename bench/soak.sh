#!/usr/bin/env bash
# Soak (issue 11): `tata serve` on a fresh demo database plus an imported
# roster, under wrk for DURATION seconds with a mix of reads, advances,
# logins and bad requests (bench/soak.lua). Samples the server's resident
# memory every few seconds (start, end, max), and afterwards checks that
# every advance answered 2xx is in the database (its audit event).
#
#   bash bench/soak.sh [DURATION_SECONDS=60] [BUILD_DIR=build]
#
# 127.0.0.1 only; every loop is bounded; the server and wrk are stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-60}
build=${2:-build}
[[ "$duration" =~ ^[0-9]+$ ]] && (( duration >= 5 && duration <= 3600 )) || { echo "duration: 5..3600 seconds"; exit 2; }
for tool in wrk sqlite3 curl; do command -v "$tool" >/dev/null || { echo "$tool is missing (scripts/setup-debian)"; exit 2; }; done
[[ -x "$build/tata" ]] || { echo "no $build/tata: build it first (cmake --build $build --target tata)"; exit 2; }

work=$(mktemp -d /tmp/tata-soak.XXXXXX)
server=""
sampler=""
cleanup() {
  [[ -n "$sampler" ]] && kill "$sampler" 2>/dev/null || true
  [[ -n "$server" ]] && kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
db="$work/tata.db"

echo "== a fresh demo database ($work)"
"$build/tata" demo --no-serve --db "$db" >"$work/demo.log" 2>&1 || { tail -20 "$work/demo.log"; exit 1; }
# Enough verification cases waiting for the OPD's SPTJM that the paced
# advances (16 connections, one per 40 ms at most) cannot run out.
cases=$(( duration * 420 + 1000 ))
first=$(( $(sqlite3 "$db" "SELECT COALESCE(MAX(id), 0) FROM cases") + 1 ))
echo "== importing $cases workers (case ids from $first)"
awk -v n="$cases" 'BEGIN {
  print "nik,nama,tanggal_lahir,jenis_kelamin,opd,jabatan,sektor,jenis_kontrak,tmt,kategori,sumber_gaji,honor_bulanan,pendidikan,nilai_kinerja,hasil_seleksi,dokumen"
  for (i = 0; i < n; i++) {
    day = i % 28 + 1; month = int(i / 28) % 12 + 1; year = 1970 + int(i / 336) % 30; serial = int(i / 10080) + 1
    printf "620301%02d%02d%02d%04d,\"Pegawai Soak %d\",%04d-%02d-%02d,L,Dinas Pendidikan,Guru Kelas,pendidikan,honorer,2010-07-01,database_bkn,apbd,1500000,S1,80,belum_ikut,ktp;sk;bukti_gaji;ijazah\n", day, month, year % 100, serial, i, year, month, day
  }
}' >"$work/roster.csv"
"$build/tata" import workers "$work/roster.csv" --regency 62.03 --db "$db" >"$work/import.log" 2>&1 || { tail -20 "$work/import.log"; exit 1; }
waiting=$(sqlite3 "$db" "SELECT COUNT(*) FROM cases WHERE id >= $first AND state = 'konfirmasi_opd'")
echo "   $waiting of them wait for the SPTJM"

password="kata-sandi-soak-2025"
echo "$password" | "$build/tata" user add soak.officer --regency 62.03 --role officer --password-stdin --db "$db" >/dev/null
echo "$password" | "$build/tata" user add soak.kadis --regency 62.03 --role opd_head --opd "Dinas Pendidikan" --password-stdin --db "$db" >/dev/null
echo "$password" | "$build/tata" user add soak.login --regency 62.03 --role officer --password-stdin --db "$db" >/dev/null

port=$(( 20000 + RANDOM % 20000 ))
"$build/tata" serve --listen 127.0.0.1 --port "$port" --db "$db" 2>"$work/serve.log" >/dev/null &
server=$!
for _ in $(seq 100); do grep -q listening "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
grep -q listening "$work/serve.log" || { cat "$work/serve.log"; exit 1; }
url="http://127.0.0.1:$port"
token() {
  curl -s "$url/api/v1/auth/login" -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$password\"}" |
    sed 's/.*"token":"\([^"]*\)".*/\1/'
}
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }

rss_start=$(rss)
( for _ in $(seq $(( duration / 3 + 5 ))); do rss; sleep 3; done ) >"$work/rss.txt" 2>/dev/null &
sampler=$!

echo "== wrk -t4 -c64 -d${duration}s: reads, advances, logins, bad requests"
SOAK_OFFICER=$(token soak.officer) SOAK_KADIS=$(token soak.kadis) SOAK_FIRST=$first SOAK_CASES=$waiting \
SOAK_PASSWORD=$password wrk -t4 -c64 -d"${duration}s" --latency -s bench/soak.lua "$url" | tee "$work/wrk.txt"
rss_end=$(rss)
kill "$sampler" 2>/dev/null || true
rss_max=$(sort -n "$work/rss.txt" | tail -1)
(( rss_end > rss_max )) && rss_max=$rss_end

# The server stops (SIGTERM drains), then the database is asked.
kill -TERM "$server"
for _ in $(seq 300); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
kill -0 "$server" 2>/dev/null && { echo "FAIL: the server did not stop within 30 s of SIGTERM"; exit 1; }
wait "$server" || { echo "FAIL: the server did not end cleanly"; tail -5 "$work/serve.log"; exit 1; }
server=""

advanced_2xx=$(awk '/^soak advance/ {sub("2xx=", "", $3); print $3}' "$work/wrk.txt")
in_database=$(sqlite3 "$db" "SELECT COUNT(*) FROM cases WHERE id >= $first AND state <> 'konfirmasi_opd'")
access_lines=$(grep -c '^{"at"' "$work/serve.log" || true)
bad_json=$(grep '^{"at"' "$work/serve.log" | jq -c . 2>&1 >/dev/null | wc -l)

echo
echo "== figures"
printf 'RSS: start %d MB, end %d MB, max %d MB (samples every 3 s: %s)\n' $((rss_start / 1024)) $((rss_end / 1024)) \
  $((rss_max / 1024)) "$(wc -l <"$work/rss.txt")"
printf 'advances answered 2xx: %s; cases advanced in the database: %s\n' "$advanced_2xx" "$in_database"
printf 'access log: %s lines, %s not valid JSON\n' "$access_lines" "$bad_json"
status=0
if (( in_database < advanced_2xx )); then echo "FAIL: $((advanced_2xx - in_database)) acknowledged advances are not in the database"; status=1; fi
if (( bad_json > 0 )); then echo "FAIL: access log lines that are not JSON"; status=1; fi
(( status == 0 )) && echo "OK: every 2xx advance is in the database"
exit $status
