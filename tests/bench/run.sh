#!/bin/sh
# run.sh: the benchmarks behind `make bench` (tests/bench.am).
#
# Generates estates of 1 000, 5 000 and 20 000 VPCs with P = 8 and P = 40
# more specific routes per side (tests/bench/gen-estate), and the largest
# of them again in the second shape issue 13 names (4 vSwitches of 2
# instances per VPC, --instances 8; --no-wide leaves it out), then times,
# in the same run and on the same file:
#   xmllint --stream --noout FILE      the floor: reading the file at all
#   peerplan check FILE
#   peerplan plan FILE
#   peerplan cost FILE
# plus `peerplan plan` on the bundled article scenario (whole process) and
# `peerplan graph --level region` on the 5 000-VPC estate; then the growth
# from the second-largest size to the largest, the two timed one after the
# other in each round (tests/bench/growth.py, needs python3).  Wall time is the
# median of several runs (hyperfine when installed, else /usr/bin/time);
# peak memory (maximum resident set) is the median of /usr/bin/time runs.
# A verb that the program does not have yet is reported "not available";
# a verb that fails on an estate is reported with its exit code.
#
# The results replace the part of docs/performance.md between the markers
# <!-- bench:begin --> and <!-- bench:end --> (appended when absent).
#
# Usage: run.sh --peerplan PROG --gen GEN --srcdir DIR [--work DIR]
#               [--out FILE] [--runs N] [--sizes "1000 5000 20000"]
#               [--routes "8 40"] [--no-wide] [--no-write]
set -eu

PEERPLAN= GEN= SRCDIR= WORK=bench-estates OUT= RUNS=5
SIZES="1000 5000 20000" ROUTES="8 40" WRITE=yes WIDE=yes
while [ $# -gt 0 ]; do
  case $1 in
    --peerplan) PEERPLAN=$2; shift 2 ;;
    --gen) GEN=$2; shift 2 ;;
    --srcdir) SRCDIR=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --sizes) SIZES=$2; shift 2 ;;
    --routes) ROUTES=$2; shift 2 ;;
    --no-write) WRITE=no; shift ;;
    --no-wide) WIDE=no; shift ;;
    *) echo "run.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ -n "$PEERPLAN" ] && [ -n "$GEN" ] && [ -n "$SRCDIR" ] || {
  echo "run.sh: --peerplan, --gen and --srcdir are required" >&2; exit 2; }
[ -n "$OUT" ] || OUT=$SRCDIR/docs/performance.md
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "run.sh: $TIME (Debian package 'time') is needed for peak memory" >&2; exit 2; }
XMLLINT=${XMLLINT:-xmllint}
command -v "$XMLLINT" >/dev/null 2>&1 || { echo "run.sh: xmllint not found" >&2; exit 2; }
HYPERFINE=$(command -v hyperfine 2>/dev/null || true)
# GNU time gives hundredths of a second: the article's plan (about 12 ms)
# and the small estates need hyperfine (Debian package 'hyperfine')
[ -n "$HYPERFINE" ] || echo "run.sh: hyperfine not found: times below 10 ms read as 0 (apt-get install hyperfine)" >&2
LC_ALL=C; export LC_ALL
# Progress goes to a terminal only; make sure nothing asks for it.
unset PEERPLAN_PROGRESS 2>/dev/null || true

mkdir -p "$WORK"
TMP=$WORK/tmp
mkdir -p "$TMP"
RESULTS=$WORK/results.tsv
: > "$RESULTS"

log () { printf '%s\n' "$*" >&2; }

median () {  # numbers on stdin -> median
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

has_verb () {
  "$PEERPLAN" "$1" --help >/dev/null 2>&1
}

# measure LABEL FILE-OR-DASH CMD...:
#   appends "LABEL<TAB>FILE<TAB>status<TAB>wall seconds<TAB>KiB<TAB>cpu seconds"
# CPU time (user + system) is kept next to wall time because on a shared
# machine wall time also counts waiting for a core.
measure () {
  label=$1 file=$2; shift 2
  rc=0
  "$@" >/dev/null 2>"$TMP/err" || rc=$?
  if [ "$rc" -gt 1 ]; then
    msg=$(head -n 1 "$TMP/err" | cut -c1-120)
    log "  $label: exit $rc: $msg"
    printf '%s\t%s\tfailed (exit %s)\t-\t-\t-\n' "$label" "$file" "$rc" >> "$RESULTS"
    return 0
  fi
  : > "$TMP/rss"
  : > "$TMP/wall"
  : > "$TMP/cpu"
  i=0
  while [ "$i" -lt "$RUNS" ]; do
    "$TIME" -f '%e %M %U %S' -o "$TMP/t" "$@" >/dev/null 2>/dev/null || true
    tail -n 1 "$TMP/t" > "$TMP/t1"
    read -r w r u sy < "$TMP/t1"
    echo "$w" >> "$TMP/wall"
    echo "$r" >> "$TMP/rss"
    echo "$u $sy" | awk '{ print $1 + $2 }' >> "$TMP/cpu"
    i=$((i + 1))
  done
  if [ -n "$HYPERFINE" ]; then
    "$HYPERFINE" -N -i --warmup 1 --runs "$RUNS" --style none \
      --export-csv "$TMP/hf.csv" -- "$*" >/dev/null 2>&1 || true
    secs=$(awk -F, 'NR == 2 { print $4 }' "$TMP/hf.csv")
    cpu=$(awk -F, 'NR == 2 { print $5 + $6 }' "$TMP/hf.csv")
  else
    secs=$(median < "$TMP/wall")
    cpu=$(median < "$TMP/cpu")
  fi
  kib=$(median < "$TMP/rss")
  log "  $label: ${secs} s (cpu ${cpu} s), ${kib} KiB"
  printf '%s\t%s\tok\t%s\t%s\t%s\n' "$label" "$file" "$secs" "$kib" "$cpu" >> "$RESULTS"
}

VERBS="check plan cost"
AVAILABLE=
for v in $VERBS graph; do
  if has_verb "$v"; then AVAILABLE="$AVAILABLE $v"; else log "peerplan $v: not available"; fi
done

# bench_estate N P [INSTANCES]: generates the estate (INSTANCES per VPC,
# else gen-estate's 4 to 6) and measures the floor and each verb on it.
bench_estate () {
  n=$1 p=$2 inst=${3:-}
  f=$WORK/estate-$n-p$p${inst:+-i$inst}.xml
  if [ ! -s "$f" ] || [ "$GEN" -nt "$f" ]; then
    log "generating $f"
    "$GEN" --regions "$SRCDIR/data/regions.xml" --vpcs "$n" --routes "$p" --seed 1 \
           ${inst:+--instances "$inst"} --output "$f.tmp" && mv "$f.tmp" "$f"
  fi
  size=$(wc -c < "$f" | tr -d ' ')
  routes=$(grep -c '<route ' "$f" || true)
  printf 'file\t%s\t%s\t%s\t%s\t%s\n' "$f" "$n" "$p" "$size $routes" "${inst:-4-6}" >> "$RESULTS"
  log "estate $n VPCs, P=$p, ${inst:-4-6} instances a VPC: $size bytes, $routes routes"
  measure floor "$f" "$XMLLINT" --stream --noout "$f"
  for v in $VERBS; do
    case " $AVAILABLE " in
      *" $v "*) measure "$v" "$f" "$PEERPLAN" "$v" "$f" ;;
      *) printf '%s\t%s\tnot available\t-\t-\t-\n' "$v" "$f" >> "$RESULTS" ;;
    esac
  done
}

for n in $SIZES; do
  for p in $ROUTES; do
    bench_estate "$n" "$p"
  done
done
if [ "$WIDE" = yes ]; then
  # the largest size and P, 4 vSwitches of 2 instances per VPC
  n=$(printf '%s\n' $SIZES | sort -n | tail -n 1)
  p=$(printf '%s\n' $ROUTES | sort -n | tail -n 1)
  bench_estate "$n" "$p" 8
fi

# The article scenario, whole process (plan with no file runs the bundled one).
case " $AVAILABLE " in
  *" plan "*) RUNS_SAVED=$RUNS; RUNS=$((RUNS * 6)); measure article - "$PEERPLAN" plan; RUNS=$RUNS_SAVED ;;
  *) printf 'article\t-\tnot available\t-\t-\t-\n' >> "$RESULTS" ;;
esac
# graph --level region on the 5 000-VPC estate (P = 8).
g=$WORK/estate-5000-p8.xml
if [ -s "$g" ]; then
  case " $AVAILABLE " in
    *" graph "*) measure graph-region "$g" "$PEERPLAN" graph --level region "$g" ;;
    *) printf 'graph-region\t%s\tnot available\t-\t-\t-\n' "$g" >> "$RESULTS" ;;
  esac
fi

# ----------------------------------------------------------------- report
REPORT=$WORK/performance-bench.md
{
  echo "<!-- bench:begin -->"
  echo "## Benchmarks (make bench)"
  echo
  echo "Written by \`make bench\` (tests/bench/run.sh); do not edit by hand."
  echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo),"
  echo "$(awk '/MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo);"
  echo "$("$XMLLINT" --version 2>&1 | head -n 1 | sed 's/^xmllint: //');"
  echo "$("$PEERPLAN" --version 2>/dev/null | head -n 1 || echo 'peerplan (version unknown)')"
  echo "at $(git -C "$SRCDIR" describe --always --dirty 2>/dev/null || echo 'unknown commit'), $(date -u +%Y-%m-%d)."
  echo "Wall times are medians of $RUNS runs${HYPERFINE:+ (hyperfine)}, with the CPU time (user + system)"
  echo "in brackets; memory is the peak resident set (median of $RUNS runs). \"x floor\" divides by"
  echo "\`xmllint --stream --noout\` on the same file in the same run: wall time, and CPU time in brackets"
  echo "(the steadier figure when other work shares the machine's cores)."
  echo
  echo "| VPCs | P | instances a VPC | file | routes | floor | check | x floor | plan | x floor | cost | x floor |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '
    $1 == "file" { files[++nf] = $2; vpcs[$2] = $3; p[$2] = $4; split($5, a, " "); size[$2] = a[1]; routes[$2] = a[2]; inst[$2] = $6; next }
    { st[$1, $2] = $3; s[$1, $2] = $4; m[$1, $2] = $5; c[$1, $2] = $6 }
    function cell(v, f,   r) {
      if (!((v, f) in st)) return "-"
      if (st[v, f] != "ok") return st[v, f]
      r = sprintf("%.3f s (%.3f), %.0f MB", s[v, f], c[v, f], m[v, f] / 1024)
      return r
    }
    function ratio(v, f) {
      if (st[v, f] != "ok" || st["floor", f] != "ok" || s["floor", f] == 0 || c["floor", f] == 0) return "-"
      return sprintf("%.2f (%.2f)", s[v, f] / s["floor", f], c[v, f] / c["floor", f])
    }
    END {
      for (i = 1; i <= nf; i++) {
        f = files[i]
        printf "| %d | %d | %s | %.1f MB | %d | %s | %s | %s | %s | %s | %s | %s |\n", vpcs[f], p[f], inst[f], size[f] / 1e6, routes[f], cell("floor", f), cell("check", f), ratio("check", f), cell("plan", f), ratio("plan", f), cell("cost", f), ratio("cost", f)
      }
    }' "$RESULTS"
  echo
  # growth: the two largest sizes, timed in alternation (growth.py)
  big=$(printf '%s\n' $SIZES | sort -n | tail -n 1)
  small=$(printf '%s\n' $SIZES | sort -n | tail -n 2 | head -n 1)
  echo "Growth from $small to $big VPCs: time on the larger over time on the smaller, wall (CPU),"
  echo "the median of $RUNS rounds that time both estates one after the other (tests/bench/growth.py);"
  echo "linear growth means a ratio close to the file-size ratio, and issue 13 asks for at most 1.1 times it:"
  echo
  pairs=
  for p in $ROUTES; do
    a=$WORK/estate-$small-p$p.xml b=$WORK/estate-$big-p$p.xml
    [ -s "$a" ] && [ -s "$b" ] && [ "$small" != "$big" ] && pairs="$pairs --pair $p $a $b"
  done
  if [ -n "$pairs" ] && command -v python3 >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    python3 "$SRCDIR/tests/bench/growth.py" --peerplan "$PEERPLAN" --runs "$RUNS" $pairs
  else
    echo "(not measured: python3 and two sizes are needed)"
  fi
  echo
  echo "Small jobs:"
  echo
  echo "| what | status | time | memory |"
  echo "|---|---|---:|---:|"
  awk -F'\t' '
    $1 == "article" { printf "| `peerplan plan` (bundled article scenario, whole process) | %s | %s | %s |\n", $3, ($4 == "-" ? "-" : hf == "" && $4 < 0.01 ? "under GNU time resolution of 10 ms (no hyperfine; see make bench-startup)" : sprintf("%.1f ms (cpu %.1f ms)", $4 * 1000, $6 * 1000)), ($5 == "-" ? "-" : sprintf("%.1f MB", $5 / 1024)) }
    $1 == "graph-region" { printf "| `peerplan graph --level region` (5 000 VPCs, P = 8) | %s | %s | %s |\n", $3, ($4 == "-" ? "-" : sprintf("%.3f s (cpu %.3f s)", $4, $6)), ($5 == "-" ? "-" : sprintf("%.0f MB", $5 / 1024)) }' hf="$HYPERFINE" "$RESULTS"
  echo "<!-- bench:end -->"
} > "$REPORT"

cat "$REPORT"
if [ "$WRITE" = yes ]; then
  if [ -f "$OUT" ] && grep -q '<!-- bench:begin -->' "$OUT"; then
    awk -v report="$REPORT" '
      /<!-- bench:begin -->/ { while ((getline line < report) > 0) print line; skip = 1; next }
      /<!-- bench:end -->/ { skip = 0; next }
      !skip { print }' "$OUT" > "$OUT.tmp" && mv "$OUT.tmp" "$OUT"
  else
    { [ -f "$OUT" ] && { cat "$OUT"; echo; }; cat "$REPORT"; } > "$OUT.tmp" && mv "$OUT.tmp" "$OUT"
  fi
  log "wrote $OUT"
fi
