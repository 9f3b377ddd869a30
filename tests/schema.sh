# tests/schema.sh: every XML file under data/ and tests/data/ validates
# against the schema its namespace names (urn:peerplan:NAME:1 ->
# data/schema/NAME.rng); every *-invalid.xml must fail.  Also: the rule
# table (model/pp-rules.c) and docs/rules.md list the same rule ids.
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
cd "$SRC"
if [ -z "${XMLLINT:-}" ]; then echo "SKIP: xmllint not found"; exit 77; fi

for f in $(find data tests/data -name '*.xml' | LC_ALL=C sort); do
  ns=$(sed -n 's/.*xmlns="urn:peerplan:\([a-z-]*\):1".*/\1/p' "$f" | head -n 1)
  if [ -z "$ns" ]; then continue; fi          # not a peerplan document
  rng=data/schema/$ns.rng
  if [ ! -f "$rng" ]; then not_ok "$f: no schema $rng"; continue; fi
  if "$XMLLINT" --noout --nonet --relaxng "$rng" "$f" >"$T/log" 2>&1; then valid=yes; else valid=no; fi
  case "$f" in
    *-invalid.xml) if [ $valid = no ]; then ok "$f is refused by $rng"; else not_ok "$f should not validate"; fi ;;
    data/examples/broken/input-*)
      # Valid by the schema, refused by the program: exit 2 naming the file.
      if [ $valid = no ]; then not_ok "$f: $(head -n 3 "$T/log")"; continue; fi
      run i "$PEERPLAN" check "$f"
      if [ "$rc" -eq 2 ] && grep -qF "$f:" "$T/err"; then ok "$f validates and the program refuses it (exit 2)"; else
        not_ok "$f: the program gives exit $rc, expected 2 with '$f:'"; fi ;;
    *) if [ $valid = yes ]; then ok "$f validates"; else not_ok "$f: $(head -n 3 "$T/log")"; fi ;;
  esac
done

# The rule ids: the table and docs/rules.md agree.
sed -n 's/^  { "\([a-z0-9-]*\)", PP_SEVERITY_.*/\1/p' model/pp-rules.c | LC_ALL=C sort > "$T/table"
sed -n 's/^| `\([a-z0-9-]*\)` |.*/\1/p' docs/rules.md | LC_ALL=C sort > "$T/docs"
if [ -s "$T/table" ] && cmp -s "$T/table" "$T/docs"; then ok "docs/rules.md lists exactly the $(wc -l < "$T/table") rule ids of the table"; else
  not_ok "docs/rules.md and model/pp-rules.c disagree"; diff "$T/table" "$T/docs" | sed 's/^/  /'; fi

finish
