# tests/cli/setup.sh: sourced by every CLI test (the jq tests/setup pattern).
#
# Gives: $PEERPLAN (the program), $SRC (the source tree), $T (a temporary
# directory removed at exit), and helpers that count checks and failures.
# A test ends with `finish`, which prints "N passed, N failed" and exits 1
# if anything failed.  This is the one harness of the CLI tests: every
# tests/cli/*.sh (and tests/schema.sh) sources it, in the source tree
# (`cd "$SRC"`, so that messages and golden files name files the same way
# wherever the build is).
set -u
LC_ALL=C
export LC_ALL
unset NO_COLOR
: "${PEERPLAN:?run the CLI tests through make check}"
SRC=${PP_TOP_SRCDIR:?run the CLI tests through make check}
T=$(mktemp -d "${TMPDIR:-/tmp}/peerplan-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
_passed=0
_failed=0

ok () { _passed=$((_passed + 1)); echo "ok - $*"; }
not_ok () { _failed=$((_failed + 1)); echo "not ok - $*"; }
# fail MESSAGE: a check that failed (counted; the test goes on), for
# checks written as `CONDITION || fail "what went wrong"`.
fail () { not_ok "$*"; }
# begin_checks, then end_checks DESCRIPTION: the `|| fail` checks between
# them count as one passed check when none of them failed.
begin_checks () { _mark=$_failed; }
end_checks () { if [ "$_failed" -eq "${_mark:?begin_checks first}" ]; then ok "$*"; fi; }

# run NAME CMD...: runs CMD with stdout in $T/out, stderr in $T/err and the
# exit code in $rc.
run () {
  _name=$1; shift
  set +e
  "$@" >"$T/out" 2>"$T/err"
  rc=$?
  set -e
  return 0
}

# expect_rc WANT DESCRIPTION
expect_rc () {
  if [ "$rc" -eq "$1" ]; then ok "$2 (exit $rc)"; else
    not_ok "$2: exit $rc, expected $1"; sed 's/^/  stderr: /' "$T/err" | head -20; fi
}

# expect_grep FILE PATTERN DESCRIPTION (fixed string)
expect_grep () {
  if grep -qF -- "$2" "$1"; then ok "$3"; else
    not_ok "$3: '$2' not in $(basename "$1")"; sed 's/^/  | /' "$1" | head -20; fi
}

# expect_no_grep FILE PATTERN DESCRIPTION
expect_no_grep () {
  if grep -qF -- "$2" "$1"; then not_ok "$3: '$2' found in $(basename "$1")"; else ok "$3"; fi
}

# golden ACTUAL_FILE EXPECTED_REL: compares with the golden file in the
# source tree, or rewrites it when PP_TEST_REGENERATE=1 (review the diff).
golden () {
  if [ "${PP_TEST_REGENERATE:-0}" = 1 ]; then
    cp "$1" "$SRC/$2"; ok "regenerated $2"; return 0; fi
  if cmp -s "$1" "$SRC/$2"; then ok "output matches $2"; else
    not_ok "output differs from $2"; diff -u "$SRC/$2" "$1" | head -40; fi
}

finish () {
  echo "$_passed passed, $_failed failed"
  [ "$_failed" -eq 0 ]
}
