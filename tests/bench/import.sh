#!/bin/sh
# import.sh: the import benchmark behind `make bench` (tests/bench.am).
#
# Generates a plan JSON of N VPCs (tests/bench/gen-plan.py; default 20 000,
# 3.5 resources per VPC, everything to be created) and times, in the same
# run and on the same file:
#   python3 -c 'import json; json.load(open(F))'   the baseline: reading it
#   peerplan import -o OUT F
#   peerplan check F
# Wall and CPU time are medians of --runs rounds (default 5; /usr/bin/time),
# each round timing the three one after the other; peak memory is the
# median maximum resident set.  The table replaces the part of
# docs/performance.md between <!-- bench-import:begin --> and
# <!-- bench-import:end -->.
#
# Usage: import.sh --peerplan PROG --srcdir DIR [--work DIR] [--out FILE]
#                  [--runs N] [--vpcs N] [--no-write]
set -eu

PEERPLAN= SRCDIR= WORK=bench-import OUT= RUNS=5 VPCS=20000 WRITE=yes
while [ $# -gt 0 ]; do
  case $1 in
    --peerplan) PEERPLAN=$2; shift 2 ;;
    --srcdir) SRCDIR=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --vpcs) VPCS=$2; shift 2 ;;
    --no-write) WRITE=no; shift ;;
    *) echo "import.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ -n "$PEERPLAN" ] && [ -n "$SRCDIR" ] || { echo "import.sh: --peerplan and --srcdir are required" >&2; exit 2; }
[ -n "$OUT" ] || OUT=$SRCDIR/docs/performance.md
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "import.sh: $TIME (Debian package 'time') is needed" >&2; exit 2; }
PYTHON=${PYTHON:-python3}
LC_ALL=C; export LC_ALL
mkdir -p "$WORK"
F=$WORK/plan-$VPCS.json
if [ ! -s "$F" ] || [ "$SRCDIR/tests/bench/gen-plan.py" -nt "$F" ] ||
   [ "$SRCDIR/data/regions.xml" -nt "$F" ]; then
  echo "generating $F" >&2
  "$PYTHON" "$SRCDIR/tests/bench/gen-plan.py" --vpcs "$VPCS" \
    --regions "$SRCDIR/data/regions.xml" > "$F.tmp" && mv "$F.tmp" "$F"
fi
size=$(wc -c < "$F" | tr -d ' ')

median () {
  sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# time1 LABEL CMD...: runs CMD once and appends its wall time, CPU time and
# peak memory to $WORK/LABEL.{wall,cpu,rss}; stops the benchmark if it fails
time1 () {
  label=$1; shift
  rc=0
  "$TIME" -f '%e %M %U %S' -o "$WORK/t" "$@" >/dev/null 2>"$WORK/$label.err" || rc=$?
  tail -n 1 "$WORK/t" > "$WORK/t1"; read -r w r u s < "$WORK/t1"
  echo "$w" >> "$WORK/$label.wall"; echo "$r" >> "$WORK/$label.rss"
  echo "$u $s" | awk '{ print $1 + $2 }' >> "$WORK/$label.cpu"
  # A benchmark of a command that fails measures nothing worth writing down
  # (check's exit 1 is findings, the verb's success).
  case $label:$rc in
    *:0|check:1) ;;
    *) echo "import.sh: $label exited with $rc; nothing written. Its errors:" >&2
       cat "$WORK/$label.err" >&2
       exit 1 ;;
  esac
}

# Each round times the baseline and both commands one after the other, so
# that a busy minute on the shared machine weighs on all three alike.
for label in python import check; do
  : > "$WORK/$label.wall"; : > "$WORK/$label.cpu"; : > "$WORK/$label.rss"
done
i=0
while [ "$i" -lt "$RUNS" ]; do
  time1 python "$PYTHON" -c 'import json, sys; json.load(open(sys.argv[1]))' "$F"
  time1 import "$PEERPLAN" import -o "$WORK/plan.xml" "$F"
  time1 check "$PEERPLAN" check "$F"
  i=$((i + 1))
done
# prints "LABEL wall cpu KiB" for each, the baseline first
for label in python import check; do
  printf '%s %s %s %s\n' "$label" "$(median < "$WORK/$label.wall")" \
    "$(median < "$WORK/$label.cpu")" "$(median < "$WORK/$label.rss")"
done > "$WORK/results"
cat "$WORK/results" >&2

table=$(awk -v size="$size" -v vpcs="$VPCS" -v runs="$RUNS" -v date="$(date -u +%Y-%m-%d)" '
  { label[NR] = $1; wall[NR] = $2; cpu[NR] = $3; rss[NR] = $4 }
  END {
    printf "Plan JSON of %d VPCs (`tests/bench/gen-plan.py`), %.1f MB, %s; medians of %d rounds on the\n", vpcs, size / 1e6, date, runs
    printf "same file, each round timing the three one after the other (the baseline is Python reading it):\n\n"
    printf "| command | wall | CPU | x baseline (wall / CPU) | peak RSS | RSS / file size |\n|---|---|---|---|---|---|\n"
    names["python"] = "baseline `python3 -c \"import json; json.load(open(F))\"`"
    names["import"] = "`peerplan import -o OUT F`"
    names["check"] = "`peerplan check F` (import + every rule)"
    for (i = 1; i <= NR; i++)
      printf "| %s | %.2f s | %.2f s | %.2f / %.2f | %.0f MB | %.2f |\n", names[label[i]], wall[i], cpu[i],
             wall[i] / wall[1], cpu[i] / cpu[1], rss[i] / 1024, rss[i] * 1024 / size
  }' "$WORK/results")
printf '%s\n' "$table"
[ "$WRITE" = yes ] || exit 0
{
  awk '/<!-- bench-import:begin -->/ { exit } { print }' "$OUT"
  echo '<!-- bench-import:begin -->'
  printf '%s\n' "$table"
  echo '<!-- bench-import:end -->'
  awk 'f { print } /<!-- bench-import:end -->/ { f = 1 }' "$OUT"
} > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
