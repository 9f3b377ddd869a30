#!/bin/sh
# zones.sh: `peerplan check` refuses a zone its region does not have, with
# the region's zones, and an unknown region with the nearest region id
# (issue 11 item 6).  Both are input errors: exit 2, the file an entry of
# the report (item 1).
. "${PP_TOP_SRCDIR:?}/tests/cli/setup.sh"
cd "$SRC"

run zone "$PEERPLAN" check tests/data/zones/unknown-zone.xml
expect_rc 2 "unknown zone of a listed region"
expect_grep "$T/err" "tests/data/zones/unknown-zone.xml:6: vswitch 'vsw-sg': zone 'ap-southeast-1z' is not a zone of ap-southeast-1 (Singapore); its zones are ap-southeast-1a, ap-southeast-1b, ap-southeast-1c, ap-southeast-1d" \
  "the message lists Singapore's zones"
expect_grep "$T/out" "tests/data/zones/unknown-zone.xml:6: input error: vswitch 'vsw-sg': zone 'ap-southeast-1z'" \
  "the report has the file as an input error"

run region "$PEERPLAN" check tests/data/zones/region-typo.xml
expect_rc 2 "unknown region"
expect_grep "$T/err" "tests/data/zones/region-typo.xml:5: vpc 'vpc-sg': unknown region 'ap-southeast1'; did you mean ap-southeast-1?" \
  "the message suggests ap-southeast-1"

# Every zone the shipped examples use is one the catalog accepts.
for f in data/examples/article.xml data/examples/estate-50.xml; do
  run "$f" "$PEERPLAN" check "$f"
  if grep -q 'is not a zone of' "$T/err"; then not_ok "$f: a zone is refused"; else ok "$f: zones accepted"; fi
done
finish
