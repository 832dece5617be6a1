# Sourced by .ci/run and scripts/bench.sh: start_postgres [fsync=on|off] installs Debian's
# PostgreSQL 15 if missing, starts a throw-away server on a free loopback port (55432 unless
# taken, or TUKIVERKKO_PGPORT), sets PGPORT and PGDIR, and stops and removes it on exit.
PGBIN=/usr/lib/postgresql/15/bin

start_postgres() {
  local fsync=${1:-off}
  if [ ! -x "$PGBIN/initdb" ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  PGDIR=$(mktemp -d)
  chown postgres "$PGDIR"
  # A free loopback port (55432 unless taken), so that two checkouts can run side by side.
  PGPORT=${TUKIVERKKO_PGPORT:-$(python3 -c 'import socket
s = socket.socket()
try:
    s.bind(("127.0.0.1", 55432))
except OSError:
    s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')}
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
    -o "-k $PGDIR -p $PGPORT -c listen_addresses=127.0.0.1 -c fsync=$fsync" start >/dev/null
  trap stop_postgres EXIT
}

stop_postgres() {
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
