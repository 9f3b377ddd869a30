#!/bin/sh
# tests/bench/reader.sh: reader behaviour that the scale work changed.
#  - ids are checked by the reader (scenario.rng leaves them as text, for
#    speed): each kind of bad id is refused with exit 2, file:line and why;
#  - the checker generated from scenario.rng and the builder see each
#    element in turn: whichever error comes first in the document is the
#    one reported;
#  - progress goes to stderr only on a terminal or with --progress.
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
HEAD='<?xml version="1.0" encoding="UTF-8"?>
<scenario name="ids" xmlns="urn:peerplan:scenario:1">'

bad_id () {  # bad_id DESCRIPTION VALUE WHY
  printf '%s\n  <account id="A" uid="1111111111111111">\n    <vpc id="%s" region="us-west-1" cidr="10.0.0.0/16"/>\n  </account>\n</scenario>\n' \
    "$HEAD" "$2" > "$T/id.xml"
  run id "$PEERPLAN" check "$T/id.xml"
  expect_rc 2 "$1"
  expect_grep "$T/err" "id.xml:4: id=\"$2\" is not an id: $3" "$1: file:line and why"
}
bad_id "an id with a space" "a b" "it holds a character ids may not contain"
bad_id "an id starting with a dash" "-a" "it does not start with a letter or digit"
bad_id "an empty id" "" "it is empty"
long=$(printf 'v%0128d' 0)
bad_id "an id of 129 characters" "$long" "it is longer than 128 characters"
ok128=$(printf 'v%0127d' 0)
printf '%s\n  <account id="A" uid="1111111111111111">\n    <vpc id="%s" region="us-west-1" cidr="10.0.0.0/16"/>\n  </account>\n</scenario>\n' \
  "$HEAD" "$ok128" > "$T/id.xml"
run id "$PEERPLAN" check "$T/id.xml"
expect_rc 0 "an id of 128 characters of every allowed kind is accepted"
printf '%s\n  <account id="A" uid="1111111111111111">\n    <vpc id="a.b_c:d@e/f-9" region="us-west-1" cidr="10.0.0.0/16"/>\n  </account>\n</scenario>\n' \
  "$HEAD" > "$T/id.xml"
run id "$PEERPLAN" check "$T/id.xml"
expect_rc 0 "an id with . _ : @ / - is accepted"
# A reference is an id too (next-hop, vpc, zone...).
printf '%s\n  <account id="A" uid="1111111111111111">\n    <vpc id="v" region="us-west-1" cidr="10.0.0.0/16">\n      <route destination="10.1.0.0/16" next-hop="x y"/>\n    </vpc>\n  </account>\n</scenario>\n' \
  "$HEAD" > "$T/id.xml"
run id "$PEERPLAN" check "$T/id.xml"
expect_rc 2 "a next-hop that is not an id"
expect_grep "$T/err" 'id.xml:5: next-hop="x y" is not an id' "a next-hop that is not an id: file:line"

# The first error in document order wins: a schema error before a value
# error, and a value error before a schema error.
printf '%s\n  <account id="A">\n    <vpc id="v" region="us-west-1" cidr="10,0,0,0/16"/>\n  </account>\n</scenario>\n' \
  "$HEAD" > "$T/order.xml"
run order "$PEERPLAN" check "$T/order.xml"
expect_rc 2 "schema error (no uid) before a bad CIDR"
expect_grep "$T/err" "order.xml:3:" "schema error first: reported at its line"
expect_no_grep "$T/err" "did you mean" "schema error first: the later CIDR error is not the one reported"
printf '%s\n  <account id="A" uid="1111111111111111">\n    <vpc id="v" region="us-west-1" cidr="10,0,0,0/16"/>\n  </account>\n  <account id="B"/>\n</scenario>\n' \
  "$HEAD" > "$T/order.xml"
run order "$PEERPLAN" check "$T/order.xml"
expect_rc 2 "bad CIDR before a schema error (no uid)"
expect_grep "$T/err" "order.xml:4: vpc cidr: '10,0,0,0/16' is not a CIDR block" "value error first: reported with its line"
# CIDRs: the reader's fast path takes only what pp_cidr_parse() takes;
# everything else still gets the full parser's refusal.
cidr_case () {  # cidr_case WANT-RC VALUE [MESSAGE]
  printf '%s\n  <account id="A" uid="1111111111111111">\n    <vpc id="v" region="us-west-1" cidr="%s"/>\n  </account>\n</scenario>\n' \
    "$HEAD" "$2" > "$T/cidr.xml"
  run cidr "$PEERPLAN" check "$T/cidr.xml"
  expect_rc "$1" "vpc cidr \"$2\""
  if [ -n "${3:-}" ]; then expect_grep "$T/err" "cidr.xml:4: vpc cidr: $3" "vpc cidr \"$2\": the parser's reason"; fi
}
cidr_case 0 "10.0.0.0/16"
cidr_case 0 "192.168.255.0/24"
cidr_case 2 "10.0.0.01/16" "'10.0.0.01/16'"
cidr_case 2 "10.0.0.0/016" "'10.0.0.0/016'"
cidr_case 2 "256.0.0.0/16" "'256.0.0.0/16'"
cidr_case 2 "1000.0.0.0/16" "'1000.0.0.0/16'"
cidr_case 2 "10.0.0.0/33" "'10.0.0.0/33'"
cidr_case 2 "10.0.0.1/16" "'10.0.0.1/16'"
cidr_case 2 "10.0.0/16" "'10.0.0/16'"
cidr_case 2 "10.0.0.0/" "'10.0.0.0/'"
cidr_case 2 "10.0.0.0/16 " "'10.0.0.0/16 '"
cidr_case 2 "10,0,0,0/16" "'10,0,0,0/16' is not a CIDR block: octets are separated by commas"

# Progress: nothing on stderr in a pipe; with --progress, lines that say
# what is read, ending at 100%.  An estate of more than 65 536 elements
# gives the intermediate lines too.
"$PP_TOP_BUILDDIR/tests/bench/gen-estate" --regions "$SRC/data/regions.xml" --vpcs 2500 --routes 8 \
  --output "$T/estate.xml"
run quiet "$PEERPLAN" check "$T/estate.xml"
if [ -s "$T/err" ]; then not_ok "check in a pipe prints nothing on stderr"; sed 's/^/  /' "$T/err"; else
  ok "check in a pipe prints nothing on stderr"; fi
run progress "$PEERPLAN" check --progress "$T/estate.xml"
expect_grep "$T/err" "peerplan: reading $T/estate.xml: 100% (" "check --progress: a final line at 100%"
if [ "$(grep -c 'peerplan: reading' "$T/err")" -ge 2 ]; then ok "check --progress: intermediate lines on a large input"; else
  not_ok "check --progress: intermediate lines on a large input"; sed 's/^/  /' "$T/err"; fi
expect_grep "$T/err" " elements, " "check --progress: counts elements"
run plan-progress "$PEERPLAN" plan --progress "$T/estate.xml"
expect_grep "$T/err" "peerplan: reading $T/estate.xml: 100% (" "plan --progress: a final line at 100%"
finish
