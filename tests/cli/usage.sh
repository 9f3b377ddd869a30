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

finish
