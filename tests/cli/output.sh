# tests/cli/output.sh: output that cannot be written is exit 3 with a
# message, for every verb and output format: standard output is /dev/full
# (every write fails with ENOSPC).  Without the check at exit a report lost
# to a full disk passed as a clean run.
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
cd "$SRC"
set -e
if [ ! -c /dev/full ] || [ ! -w /dev/full ]; then echo "SKIP: no writable /dev/full"; exit 77; fi

# full DESCRIPTION CMD...: CMD with stdout on /dev/full exits 3 and says why.
full () {
  _d=$1; shift
  set +e
  "$@" >/dev/full 2>"$T/err"
  rc=$?
  set -e
  expect_rc 3 "$_d > /dev/full"
  expect_grep "$T/err" "peerplan: cannot write the output" "$_d: the failed write is reported"
}

art=data/examples/article.xml
for f in text json junit sarif markdown; do
  full "check --format $f" "$PEERPLAN" check --format "$f" "$art"
done
# Findings (exit 1) and a lost report: the lost report wins.
full "check --format sarif (findings)" "$PEERPLAN" check --format sarif data/examples/broken/cidr-overlap.xml
for f in text markdown json workflow; do
  full "plan --format $f" "$PEERPLAN" plan --format "$f"
done
for f in text json markdown; do
  full "cost --format $f" "$PEERPLAN" cost --format "$f" "$art"
done
for f in dot svg png pdf; do
  full "graph -T $f" "$PEERPLAN" graph -T "$f" "$art"
done
for f in text json junit; do
  full "run --format $f" "$PEERPLAN" run --format "$f" data/examples/workflow-article.xml
done
# serve does not start when its ready line cannot be written (the timeout
# only guards against a server that would run on).
for f in text json; do
  full "serve --format $f" timeout 60 "$PEERPLAN" serve --format "$f"
done
full "--help" "$PEERPLAN" --help
full "--version" "$PEERPLAN" --version
full "check --help" "$PEERPLAN" check --help

# The same commands on a writable stdout still exit 0.
run ok "$PEERPLAN" check --format sarif "$art"
expect_rc 0 "check --format sarif to a file"

finish
