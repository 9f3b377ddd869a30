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
if "$CLIENT" --port "$port" --pid "$pid" --sequential "$SEQ" --concurrent "$CONC" \
     --rounds "$ROUNDS" --max-fd-growth 0 >"$T/numbers"; then
  sed 's/^/# /' "$T/numbers"
  echo "ok 1 - every request answered, no descriptor kept after the clients closed"
  rc=0
else
  sed 's/^/# /' "$T/numbers"
  echo "not ok 1 - the server stopped answering or kept closed connections"
  rc=1
fi
kill -TERM "$pid"
if wait "$pid"; then echo "ok 2 - the server stops cleanly"; else echo "not ok 2 - exit $?"; rc=1; fi
pid=
echo "1..2"

if [ "$MODE" = bench ] && [ -n "$OUT" ] && [ $rc -eq 0 ]; then
  get () { sed -n "s/^$1 //p" "$T/numbers"; }
  {
    echo "<!-- bench-serve:begin -->"
    echo "Measured by \`make bench-serve\` (tests/bench/serve-load.sh) on $(date -u +%Y-%m-%d)," \
         "$(uname -m), $(nproc) cores; \`peerplan serve\` in memory under \`ulimit -n $LIMIT\`:"
    echo
    echo "| phase | requests | time | server fds | server RSS |"
    echo "|---|---:|---:|---:|---:|"
    echo "| start | | | $(get fds_before) | $(get rss_kib_before) KiB |"
    echo "| $SEQ short connections, one after the other | $SEQ | $(get sequential_ms) ms |" \
         "$(get fds_after_sequential) | $(get rss_kib_after_sequential) KiB |"
    echo "| $CONC keep-alive clients open at once ($(get fds_while_open) fds while open) |" \
         "$((CONC * ROUNDS)) | $(get concurrent_ms) ms | $(get fds_after) | $(get rss_kib_after) KiB |"
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
