# Sourced by the HTTP benchmarks. Servers start on free ports (port 0), read
# back from what each prints, so that a run beside the test suite (the
# bench.*_smoke tests) collides with nothing.
listening_port() {  # file: the port a server wrote it listens on, waiting up to 30 s
  local port=""
  for _ in $(seq 300); do
    port=$(sed -n 's/.*listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$1" 2>/dev/null | head -n 1)
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "a server did not start:" >&2; cat "$1" >&2; exit 1; }
  echo "$port"
}
