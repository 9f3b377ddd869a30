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
expect_grep "$T/out" "no traffic was given, so there is no amount (hint: add <usage gb-per-month=\"N\"/> to the connection or give --traffic GB)" "product-retired: says no traffic was given and how to give it"
expect_no_grep "$T/out" "0 GB a month = 0.00" "product-retired: no '0 GB = 0.00 CNY'"
run r "$PEERPLAN" cost --traffic 10 "$art"
expect_grep "$T/out" "A pays 0.525 CNY/GB x 10 GB a month = 63.00 CNY" "product-retired with traffic: the amount"

finish
