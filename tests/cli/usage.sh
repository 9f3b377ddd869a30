# tests/cli/usage.sh: what a newcomer's mistakes get (issue 11, items 10,
# 11 and 13): one-line usage errors, "did you mean", and messages that say
# what is wrong rather than something near it.
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
cd "$SRC"
set -e
art=data/examples/article.xml

# usage_error DESCRIPTION MESSAGE CMD...: exit 2, stderr is MESSAGE and one
# line pointing at --help (not the 20-30 lines of the help itself).
usage_error () {
  _d=$1; _m=$2; shift 2
  run u "$@"
  expect_rc 2 "$_d"
  expect_grep "$T/err" "$_m" "$_d: says what is wrong"
  expect_grep "$T/err" "--help' for the" "$_d: points at --help"
  if [ "$(wc -l < "$T/err")" -le 2 ]; then ok "$_d: two lines, not the whole help"; else
    not_ok "$_d: $(wc -l < "$T/err") lines on stderr"; sed 's/^/  | /' "$T/err" | head -5; fi
}

# ---- item 10: usage errors -------------------------------------------------
usage_error "cost --months 0" "--months must be 1 to 1200" "$PEERPLAN" cost --months 0 "$art"
usage_error "graph --trace ecs-a" "no scenario given" "$PEERPLAN" graph --trace ecs-a
usage_error "graph --trace ecs-a (one end)" "--trace wants two instance ids" "$PEERPLAN" graph --trace ecs-a "$art"
usage_error "check --format bogus" "--format must be" "$PEERPLAN" check --format bogus "$art"
usage_error "check --no-such-option" "Unknown option --no-such-option" "$PEERPLAN" check --no-such-option "$art"
usage_error "plan two scenarios" "plan takes at most one scenario" "$PEERPLAN" plan "$art" "$art"
usage_error "run without a workflow" "" "$PEERPLAN" run
usage_error "serve --format bogus" "--format must be text or json" "$PEERPLAN" serve --format bogus
expect_grep "$T/err" "Try 'peerplan serve --help'" "the pointer names the verb"

usage_error "graph --trace ecs-a,ecs-x" "no instance 'ecs-x'" "$PEERPLAN" graph --trace ecs-a,ecs-x "$art"
expect_grep "$T/err" "its instances: ecs-a, ecs-b" "--trace lists the scenario's instances"

run v "$PEERPLAN" chek "$art"
expect_rc 2 "peerplan chek"
expect_grep "$T/err" "unknown verb 'chek' (did you mean 'check'?)" "chek: did you mean check"
expect_grep "$T/err" "Try 'peerplan --help' for the verbs." "chek: points at --help"
[ "$(wc -l < "$T/err")" -eq 2 ] && ok "chek: two lines" || not_ok "chek: $(wc -l < "$T/err") lines"
run v "$PEERPLAN" xyzzy
expect_no_grep "$T/err" "did you mean" "nothing close to xyzzy: no guess"
run v "$PEERPLAN" help graf
expect_grep "$T/err" "did you mean 'graph'?" "help graf: did you mean graph"

run V "$PEERPLAN" -V
expect_rc 0 "peerplan -V"
"$PEERPLAN" --version > "$T/version"
cmp -s "$T/out" "$T/version" && ok "-V prints what --version prints" || not_ok "-V differs from --version"

# ---- item 11: small wrong messages -----------------------------------------
: > "$T/empty.xml"
printf '  \n\n' > "$T/blank.xml"
printf '<?xml version="1.0"?>\n<!-- nothing yet -->\n' > "$T/comment.xml"
for f in empty blank comment; do
  run e "$PEERPLAN" check "$T/$f.xml"
  expect_rc 2 "check $f.xml"
  expect_grep "$T/err" "$T/$f.xml:1: the file is empty" "$f.xml: says it is empty"
  expect_no_grep "$T/err" "Extra content" "$f.xml: no libxml2 'Extra content'"
done
run e "$PEERPLAN" check - < "$T/empty.xml"
expect_grep "$T/err" "<stdin>:1: the file is empty" "empty standard input: says it is empty"
run e "$PEERPLAN" run "$T/empty.xml"
expect_grep "$T/err" "the file is empty" "run: an empty workflow says it is empty"
run e "$PEERPLAN" cost --prices "$T/empty.xml" "$art"
expect_grep "$T/err" "$T/empty.xml:1: the file is empty" "cost --prices: an empty quote says it is empty"

run n "$PEERPLAN" cost --traffic -5 "$art"
expect_rc 2 "cost --traffic -5"
expect_grep "$T/err" '--traffic: "-5" must not be negative' "--traffic -5: says it must not be negative"

run p "$PEERPLAN" cost --prices /nonexistent.xml "$art"
expect_rc 2 "cost --prices /nonexistent.xml"
expect_grep "$T/err" "peerplan: /nonexistent.xml: cannot open: No such file or directory" "--prices: names the file and the reason once"
expect_no_grep "$T/err" ":0:" "--prices: no line 0"
run p "$PEERPLAN" cost --prices "$T" "$art"
expect_grep "$T/err" "$T: not a regular file" "--prices DIRECTORY: not a regular file"

run c "$PEERPLAN" cost --currency USD "$art"
expect_rc 2 "cost --currency USD without a rate"
expect_grep "$T/err" "--currency USD: 2 price(s) of tokyo-silicon-valley are not in USD" "--currency USD: says the figures are not in USD"
expect_grep "$T/err" "give --usd-to-cny RATE" "--currency USD: says how to convert"
expect_no_grep "$T/out" "amounts in USD" "--currency USD: no 'amounts in USD' over CNY figures"
run c "$PEERPLAN" cost --currency USD --usd-to-cny 7.2 "$art"
expect_rc 0 "cost --currency USD --usd-to-cny 7.2"
expect_grep "$T/out" "1 USD = 7.20 CNY (--usd-to-cny)" "with a rate: says which rate converted"
expect_grep "$T/out" "0.072917 USD/GB (0.525 CNY converted)" "with a rate: every figure converted and marked"

run r "$PEERPLAN" check "$art"
expect_grep "$T/out" "A pays 0.525 CNY/GB of its outbound traffic" "product-retired without traffic: a rate, not an amount"
expect_grep "$T/out" "no traffic was given, so there is no amount (add <usage gb-per-month=\"N\"/> to the connection or give --traffic GB)" "product-retired: says no traffic was given and how to give it"
expect_no_grep "$T/out" "0 GB a month = 0.00" "product-retired: no '0 GB = 0.00 CNY'"
run r "$PEERPLAN" cost "$art"
expect_grep "$T/out" "that design would cost over 12 months: no amount, no traffic was given" "cost: the retired design's total without traffic is no amount"
expect_no_grep "$T/out" "that design would cost over 12 months: 0.00 CNY" "cost: no '0.00 CNY' total without traffic"
run r "$PEERPLAN" cost --traffic 10 "$art"
expect_grep "$T/out" "A pays 0.525 CNY/GB x 10 GB a month = 63.00 CNY" "product-retired with traffic: the amount"

# ---- item 13: smaller ------------------------------------------------------
# The quota table: numbers in the number columns, their unit in its own.
run q "$PEERPLAN" cost data/examples/cross-border.xml
sed -n '/^quotas/,/^$/p' "$T/out" | tr -s ' ' > "$T/quotas"
expect_grep "$T/quotas" " rule object used limit headroom unit" "quota table: a unit column"
expect_grep "$T/quotas" " quota-peer-cross-border-bandwidth hz-sv 100 1024 924 Mbps" "quota table: Mbps in the unit column"
expect_grep "$T/quotas" " quota-vswitches vpc-hz 1 150 149 vSwitches" "quota table: a count's unit too"
if awk 'NR > 2 && NF > 0 && ($3 !~ /^[0-9]+$/ || $4 !~ /^[0-9]+$/) { bad = 1 } END { exit !bad }' "$T/quotas"; then
  not_ok "quota table: a used or limit cell that is not a number"; else ok "quota table: used and limit are numbers only"; fi
run q "$PEERPLAN" cost --format json data/examples/cross-border.xml
expect_grep "$T/out" '"unit" : "Mbps"' "quota JSON: a unit member"

# Markdown: no table of headers alone, no heading right under a heading of
# the same or a higher level.
run m "$PEERPLAN" check --format markdown data/examples/hub-and-spoke.xml
expect_rc 0 "check --format markdown, no findings"
expect_grep "$T/out" "No findings." "markdown without findings: says so"
expect_no_grep "$T/out" "| severity |" "markdown without findings: no empty table"
# headings FILE: prints "LINE: A -> B" for two headings in a row where B is
# not a sub-heading of A.
headings () {
  awk '/^#/ { lvl = index($0, " ") - 1
              if (prev_lvl && lvl <= prev_lvl) print NR ": " prev " -> " $0
              prev = $0; prev_lvl = lvl; next }
       /^$/ { next }
       { prev_lvl = 0 }' "$1"
}
for args in "plan --format markdown" "plan --format markdown data/examples/hub-and-spoke.xml" \
            "cost --format markdown data/examples/hub-and-spoke.xml" "check --format markdown data/examples/article.xml"; do
  # shellcheck disable=SC2086
  run m "$PEERPLAN" $args
  headings "$T/out" > "$T/twice"
  if [ -s "$T/twice" ]; then not_ok "$args: two headings in a row: $(head -1 "$T/twice")"; else
    ok "$args: no two headings in a row"; fi
done

# serve, plan and run share one default seed.
"$PEERPLAN" serve --state "$T/st" > "$T/serve.out" 2> "$T/serve.err" &
spid=$!
_i=0
while [ ! -s "$T/serve.out" ] && [ $_i -lt 100 ] && kill -0 "$spid" 2>/dev/null; do sleep 0.1; _i=$((_i + 1)); done
kill -TERM "$spid" 2>/dev/null || true
wait "$spid" || true
expect_grep "$T/st/state.json" '"seed" : "20260101"' "serve: the default seed is 20260101"
run s "$PEERPLAN" plan --format json
expect_grep "$T/out" '"seed" : 20260101,' "plan: the default seed is 20260101"

# A schema message names the man page and the file a checkout has.
printf '<scenario name="x" xmlns="urn:peerplan:scenario:1">\n  <bogus/>\n</scenario>\n' > "$T/bogus.xml"
run d "$PEERPLAN" check "$T/bogus.xml"
expect_rc 2 "an element the schema does not know"
expect_grep "$T/err" "peerplan-scenario(5) and, in the source, docs/scenario.md" "schema message: names docs/scenario.md"
[ -f "$SRC/docs/scenario.md" ] && ok "docs/scenario.md is where the message says" || not_ok "no docs/scenario.md"

# serve and the PNG/PDF chart run in programs of their own, found beside
# peerplan (here, the build tree) or in $(pkglibexecdir).  A peerplan
# copied away from them says which program it lacks and where it looked,
# exit 3, and the other verbs still work.
mkdir -p "$T/alone" && cp "$PEERPLAN" "$T/alone/peerplan"
run alone "$T/alone/peerplan" plan
expect_rc 0 "a peerplan without its helper programs still plans"
if [ ! -x "${PP_PKGLIBEXECDIR:?}/peerplan-serve" ]; then
  run alone-serve "$T/alone/peerplan" serve --help
  expect_rc 3 "serve without peerplan-serve: internal failure"
  expect_grep "$T/err" "peerplan: serve: cannot find the program peerplan-serve (looked in $T/alone/peerplan-serve and $PP_PKGLIBEXECDIR/peerplan-serve)" \
    "serve without peerplan-serve: names the program and where it looked"
  run alone-chart "$T/alone/peerplan" cost --chart "$T/alone/c.png" "$SRC/data/examples/article.xml"
  expect_rc 3 "a PNG chart without peerplan-svg-convert: internal failure"
  expect_grep "$T/err" "cannot find the program peerplan-svg-convert" "the chart names the program it lacks"
  [ ! -e "$T/alone/c.png" ] && ok "no chart file is left" || not_ok "a chart file was written"
else
  ok "# skipped: peerplan-serve is installed in $PP_PKGLIBEXECDIR, which the copy finds"
fi
run beside "$PEERPLAN" serve --help
expect_rc 0 "peerplan serve --help runs peerplan-serve"
expect_grep "$T/out" "serve the Alibaba Cloud VPC API locally" "serve's help is serve's"

finish
