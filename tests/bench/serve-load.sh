#!/bin/sh
# serve-load.sh: `peerplan serve` under connection load (tests/bench/serve-load.c).
#
# Starts `peerplan serve` on 127.0.0.1 (port 0) under a descriptor limit,
# runs the load client against it, and checks that every request was
# answered and that the server holds no more descriptors at the end than at
# the start (closed connections are released).
#
#   make check (no arguments): 2 000 short connections and 40 keep-alive
#     clients x 5 requests under `ulimit -n 64`.  Before the fix of issue 15
#     item 1 the server stopped answering after about 57 connections.
#   make bench-serve: serve-load.sh --bench [--out docs/performance.md]:
#     10 000 short connections and 200 keep-alive clients x 10 requests under
#     `ulimit -n 1024`, and the numbers (descriptors and RSS before and
#     after, times) written into docs/performance.md between
#     <!-- bench-serve:begin --> and <!-- bench-serve:end -->.
#
# Loopback only; bounded in count, and each request in time (5 s).
# Environment: PEERPLAN (the program), PP_TOP_BUILDDIR (for the client).
set -eu

MODE=check OUT=
while [ $# -gt 0 ]; do
  case $1 in
    --bench) MODE=bench; shift ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "serve-load.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
: "${PEERPLAN:?PEERPLAN must name the peerplan program}"
CLIENT=${SERVE_LOAD:-${PP_TOP_BUILDDIR:-.}/tests/bench/serve-load}
if [ "$MODE" = bench ]; then
  LIMIT=1024 SEQ=10000 CONC=200 ROUNDS=10
else
  LIMIT=64 SEQ=2000 CONC=40 ROUNDS=5
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/peerplan-serve-load.XXXXXX")
pid=
cleanup () {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || :; wait "$pid" 2>/dev/null || :; fi
  rm -rf "$T"
}
trap cleanup EXIT INT TERM

(ulimit -n "$LIMIT" && exec "$PEERPLAN" serve --format json) >"$T/ready" 2>"$T/err" &
pid=$!
i=0
while [ ! -s "$T/ready" ] && [ $i -lt 100 ] && kill -0 "$pid" 2>/dev/null; do
  sleep 0.1; i=$((i + 1))
done
port=$(sed -n 's/.*"url":"http:\/\/127\.0\.0\.1:\([0-9]*\)".*/\1/p' "$T/ready")
if [ -z "$port" ]; then
  echo "not ok 1 - peerplan serve did not start"; cat "$T/err" >&2; exit 1
fi

echo "# serve on port $port, ulimit -n $LIMIT: $SEQ short connections," \
     "$CONC keep-alive clients x $ROUNDS requests"
rc=0
# Bench: the same load twice on the same server.  The first pass sets the
# allocator's high-water mark (200 connections at once); flat means the
# second pass ends where it started.
passes=1
[ "$MODE" = bench ] && passes=2
for pass in $(seq $passes); do
  if "$CLIENT" --port "$port" --pid "$pid" --sequential "$SEQ" --concurrent "$CONC" \
       --rounds "$ROUNDS" --max-fd-growth 0 >"$T/numbers.$pass"; then
    sed "s/^/# pass $pass: /" "$T/numbers.$pass"
    echo "ok $pass - pass $pass: every request answered, no descriptor kept after the clients closed"
  else
    sed "s/^/# pass $pass: /" "$T/numbers.$pass"
    echo "not ok $pass - pass $pass: the server stopped answering or kept closed connections"
    rc=1
  fi
done
n=$((passes + 1))
kill -TERM "$pid"
if wait "$pid"; then echo "ok $n - the server stops cleanly"; else echo "not ok $n - exit $?"; rc=1; fi
pid=
echo "1..$n"

if [ "$MODE" = bench ] && [ -n "$OUT" ] && [ $rc -eq 0 ]; then
  get () { sed -n "s/^$2 //p" "$T/numbers.$1"; }
  {
    echo "<!-- bench-serve:begin -->"
    echo "Measured by \`make bench-serve\` (tests/bench/serve-load.sh) on $(date -u +%Y-%m-%d)," \
         "$(uname -m), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg);" \
         "\`peerplan serve\` in memory under \`ulimit -n $LIMIT\`, the same load run twice" \
         "on one server:"
    echo
    echo "| pass | phase | requests | time | server fds after | server RSS after |"
    echo "|---|---|---:|---:|---:|---:|"
    for p in 1 2; do
      echo "| $p | start | | | $(get $p fds_before) | $(get $p rss_kib_before) KiB |"
      echo "| $p | $SEQ short connections, one after the other | $SEQ | $(get $p sequential_ms) ms |" \
           "$(get $p fds_after_sequential) | $(get $p rss_kib_after_sequential) KiB |"
      echo "| $p | $CONC keep-alive clients at once ($(get $p fds_while_open) fds open;" \
           "$(get $p reconnects) reconnects after \`Connection: close\`) |" \
           "$((CONC * ROUNDS)) | $(get $p concurrent_ms) ms | $(get $p fds_after) | $(get $p rss_kib_after) KiB |"
    done
    echo "<!-- bench-serve:end -->"
  } >"$T/table"
  if grep -q '<!-- bench-serve:begin -->' "$OUT"; then
    awk -v table="$T/table" '
      /<!-- bench-serve:begin -->/ { while ((getline l < table) > 0) print l; skip = 1; next }
      /<!-- bench-serve:end -->/ { skip = 0; next }
      !skip { print }' "$OUT" >"$T/out" && cat "$T/out" >"$OUT"
  else
    { echo; cat "$T/table"; } >>"$OUT"
  fi
  echo "# written into $OUT"
fi
exit $rc
