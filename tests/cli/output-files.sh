# tests/cli/output-files.sh: one rule for the format of every output file
# (sim/cli/cli-output.c, pp_cli_output_format): the format follows the
# extension, -T wins only where it agrees with it, and an unknown or
# disagreeing extension (or a name without one and no -T) is refused with
# exit 2 before anything is written.  Every verb x extension x -T; the
# bytes written are checked by their magic, not by the name.
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
cd "$SRC"
set -e
art=data/examples/article.xml
quote=tests/data/pricing/article-quote.xml

# magic FILE: the format the bytes are (dot, svg, png, pdf or unknown).
magic () {
  case "$(head -c 8 "$1" | od -An -c | tr -d ' \n')" in
    211PNG*) echo png ;;
    %PDF-*) echo pdf ;;
    *) if head -c 200 "$1" | grep -q '^digraph\|^strict digraph'; then echo dot
       elif head -c 400 "$1" | grep -q '<svg'; then echo svg
       else echo unknown; fi ;;
  esac
}

# wrote WANT FILE DESCRIPTION: exit 0 and FILE holds WANT.
wrote () {
  if [ "$rc" -ne 0 ]; then not_ok "$3: exit $rc"; sed 's/^/  stderr: /' "$T/err" | head -5
  elif [ ! -s "$2" ]; then not_ok "$3: $2 not written"
  elif [ "$(magic "$2")" != "$1" ]; then not_ok "$3: $2 holds $(magic "$2"), not $1"
  else ok "$3"; fi
}

# refused FILE DESCRIPTION: exit 2, a message saying what to do, nothing written.
refused () {
  if [ "$rc" -ne 2 ]; then not_ok "$2: exit $rc, expected 2"
  elif ! grep -q 'give a name ending in\|make them agree' "$T/err"; then not_ok "$2: no hint"; sed 's/^/  stderr: /' "$T/err"
  elif ! grep -q "^Try 'peerplan [a-z]* --help'" "$T/err"; then not_ok "$2: no pointer at --help"
  elif [ -e "$1" ]; then not_ok "$2: $1 written although refused"
  else ok "$2 (exit 2)"; fi
}

# graph -o by the extension alone (.gv is DOT; the case does not matter).
for ext in dot gv svg png pdf PNG; do
  want=$(echo "$ext" | tr A-Z a-z); [ "$want" = gv ] && want=dot
  run g "$PEERPLAN" graph -o "$T/g.$ext" "$art"
  wrote "$want" "$T/g.$ext" "graph -o g.$ext"
  rm -f "$T/g.$ext"
done
# graph -T x -o .ext: agreeing pairs write, the others are refused.
for t in dot svg png pdf; do
  for ext in dot svg png pdf; do
    run g "$PEERPLAN" graph -T "$t" -o "$T/g.$ext" "$art"
    if [ "$t" = "$ext" ]; then wrote "$t" "$T/g.$ext" "graph -T $t -o g.$ext"
    else refused "$T/g.$ext" "graph -T $t -o g.$ext"; fi
    rm -f "$T/g.$ext"
  done
  # A name without an extension says nothing: -T decides.
  run g "$PEERPLAN" graph -T "$t" -o "$T/noext" "$art"
  wrote "$t" "$T/noext" "graph -T $t -o noext"
  rm -f "$T/noext"
  # stdout: -T decides (binary formats need a non-terminal stdout, as here).
  run g "$PEERPLAN" graph -T "$t" "$art"
  wrote "$t" "$T/out" "graph -T $t > stdout"
done
run g "$PEERPLAN" graph "$art"
wrote dot "$T/out" "graph > stdout: DOT by default"
for ext in jpg txt xml; do
  run g "$PEERPLAN" graph -o "$T/g.$ext" "$art"
  refused "$T/g.$ext" "graph -o g.$ext"
  run g "$PEERPLAN" graph -T png -o "$T/g.$ext" "$art"
  refused "$T/g.$ext" "graph -T png -o g.$ext"
done
run g "$PEERPLAN" graph -o "$T/noext" "$art"
refused "$T/noext" "graph -o noext without -T"
run g "$PEERPLAN" graph -T jpg -o "$T/g.jpg" "$art"
expect_rc 2 "graph -T jpg"
expect_grep "$T/err" "-T must be dot, svg, png or pdf" "graph -T jpg: the formats"

# plan --graph: the extension decides.
for ext in dot gv svg png pdf; do
  want=$ext; [ "$want" = gv ] && want=dot
  run p "$PEERPLAN" plan --graph "$T/p.$ext" "$art"
  rc=$([ "$rc" -le 1 ] && echo 0 || echo "$rc")   # the plan's own verdict is 1
  wrote "$want" "$T/p.$ext" "plan --graph p.$ext"
done
for name in p.jpg p.txt noext; do
  run p "$PEERPLAN" plan --graph "$T/$name" "$art"
  refused "$T/$name" "plan --graph $name"
done

# cost --chart: SVG made by peerplan, PNG and PDF drawn from it by librsvg.
for ext in svg png pdf; do
  run c "$PEERPLAN" cost --prices "$quote" --chart "$T/c.$ext" "$art"
  wrote "$ext" "$T/c.$ext" "cost --chart c.$ext"
done
for name in c.dot c.jpg noext; do
  run c "$PEERPLAN" cost --prices "$quote" --chart "$T/$name" "$art"
  refused "$T/$name" "cost --chart $name"
done
# report -o: a page, named .html or .htm (any case); anything else is refused
# before the scenario is read.
for ext in html htm HTML; do
  run r "$PEERPLAN" report -o "$T/r.$ext" "$art"
  if [ "$rc" -eq 0 ] && head -c 100 "$T/r.$ext" | grep -q '^<!DOCTYPE html>'; then ok "report -o r.$ext"
  else not_ok "report -o r.$ext: exit $rc or not a page"; fi
done
for name in r.svg r.txt r.xhtml noext; do
  run r "$PEERPLAN" report -o "$T/$name" "$art"
  refused "$T/$name" "report -o $name"
done
run r "$PEERPLAN" report --diff -o "$T/r.pdf" "$art" "$art"
refused "$T/r.pdf" "report --diff -o r.pdf"
expect_grep "$T/err" "give a name ending in .html or .htm" "report -o: names the extensions that work"

# Deterministic: the same chart twice, the same bytes; no date in the PDF.
begin_checks
for ext in png pdf; do
  "$PEERPLAN" cost --prices "$quote" --chart "$T/again.$ext" "$art" >/dev/null
  cmp -s "$T/c.$ext" "$T/again.$ext" || fail "cost --chart .$ext differs between two runs"
done
grep -aq 'CreationDate\|ModDate' "$T/c.pdf" && fail "the chart's PDF carries a date"
[ "$(od -An -j16 -N4 -tu1 "$T/c.png" | awk '{print $1*16777216+$2*65536+$3*256+$4}')" = 960 ] ||
  fail "the chart's PNG is not the SVG's 960 pixels wide"
end_checks "cost --chart: PNG and PDF the same bytes on every run, no date, the SVG's size"

finish
