# tests/rng-gen.sh: model/pp-rng-gen stops (exit 1, the schema's line and
# the construct named) on every RelaxNG construct the generated checker
# does not handle, so that a schema change cannot silently weaken it; and
# it writes tables for the constructs it does handle.
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
GEN=$PP_TOP_BUILDDIR/model/pp-rng-gen

# schema BODY: a grammar whose start element <r> holds BODY.
schema () {
  printf '<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="urn:t"\n  datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">\n<start><element name="r">\n%s\n</element></start>\n<define name="d"><element name="d"><empty/></element></define>\n</grammar>\n' "$1" > "$T/s.rng"
}

refused () {  # refused WHAT BODY
  schema "$2"
  rc=0; "$GEN" "$T/s.rng" pp_t > "$T/out.c" 2> "$T/err" || rc=$?
  if [ "$rc" -eq 1 ] && grep -q "^$T/s.rng:[0-9][0-9]*: pp-rng-gen: .*$1" "$T/err"; then
    ok "refused: $1"
  else
    not_ok "pp-rng-gen accepted or misreported $1 (exit $rc): $(head -c 300 "$T/err")"
  fi
}
refused "<interleave>" '<interleave><ref name="d"/><element name="e"><empty/></element></interleave>'
refused "<mixed>" '<mixed><ref name="d"/></mixed>'
refused "<list>" '<attribute name="a"><list><data type="string"/></list></attribute>'
refused "<element> without a name attribute" '<element><anyName/><empty/></element>'
refused "name classes" '<attribute name="a"><anyName/></attribute>'
refused "attributes inside <zeroOrMore>" '<zeroOrMore><attribute name="a"/></zeroOrMore>'
refused "datatype 'token'" '<attribute name="a"><data type="token"/></attribute>'
refused "param 'totalDigits'" '<attribute name="a"><data type="decimal"><param name="totalDigits">3</param></data></attribute>'
refused "not a whole number" '<attribute name="a"><data type="decimal"><param name="maxInclusive">3.5</param></data></attribute>'
refused "pattern metacharacter |" '<attribute name="a"><data type="string"><param name="pattern">a|b</param></data></attribute>'
refused "pattern metacharacter \\." '<attribute name="a"><data type="string"><param name="pattern">a.b</param></data></attribute>'
refused "pattern escape \\\\d" '<attribute name="a"><data type="string"><param name="pattern">\d{3}</param></data></attribute>'
refused "negated character class" '<attribute name="a"><data type="string"><param name="pattern">[^a]</param></data></attribute>'
refused "<except>" '<attribute name="a"><data type="string"><except><value>x</value></except></data></attribute>'
refused "an attribute in a namespace" '<attribute name="a" ns="urn:x"/>'
refused "ref to undefined 'nope'" '<ref name="nope"/>'
refused "mixed content" '<text/><ref name="d"/>'
refused "two different <e> elements" '<choice><element name="e"><empty/></element><element name="e"><attribute name="a"/></element></choice>'
refused "<notAllowed>" '<notAllowed/>'

# What it handles: the shipped schemas, and a choice between groups of
# attributes and elements (variants).
for rng in scenario workflow; do
  if "$GEN" "$SRC/data/schema/$rng.rng" pp_t > "$T/out.c" 2> "$T/err" && grep -q "^const PpRngSchema pp_t = {" "$T/out.c"; then
    ok "$rng.rng: tables written"
  else
    not_ok "$rng.rng: $(head -c 300 "$T/err")"
  fi
done
schema '<choice><group><attribute name="k"><value>a</value></attribute><ref name="d"/></group><group><attribute name="k"><value>b</value></attribute></group></choice>'
if "$GEN" "$T/s.rng" pp_t > "$T/out.c" 2> "$T/err" && grep -q '{ attrs_0_1, 1,' "$T/out.c"; then
  ok "a choice between attribute groups gives two variants"
else
  not_ok "variants: $(head -c 300 "$T/err")"
fi
finish
