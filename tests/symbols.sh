# tests/symbols.sh: every global symbol the project's libraries define
# starts with pp_ or PP_ (HACKING.md), so that no helper (a `param`, a
# `schedule`) can clash with a library's or another layer's at link time.
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
NM=${NM:-nm}
if ! command -v "$NM" >/dev/null 2>&1; then echo "SKIP: nm not found"; exit 77; fi

for lib in libppmodel.a libppdata.a libpppricing.a libpprender.a libppdiff.a libppsim.a libppserve.a; do
  a=$PP_TOP_BUILDDIR/$lib
  if [ ! -f "$a" ]; then not_ok "$lib: not built"; continue; fi
  # Defined, external names; compiler-made ones start with "__" or ".".
  "$NM" -g --defined-only "$a" 2>/dev/null | awk 'NF == 3 { print $3 }' |
    grep -v -e '^pp_' -e '^PP_' -e '^__' -e '^\.' | LC_ALL=C sort -u > "$T/leaks" || true
  if [ -s "$T/leaks" ]; then
    not_ok "$lib defines $(wc -l < "$T/leaks") global names without the pp_ prefix: $(head -n 8 "$T/leaks" | tr '\n' ' ')"
  else
    ok "$lib: every global name starts with pp_ or PP_"
  fi
done
finish
