# tests/cli/serve-state.sh: `peerplan serve --state` starting on a damaged
# state, through the verb: a torn last record is cut and kept aside; a
# damaged record followed by whole ones, or an edited scenario.xml, is
# refused with exit 2, a message naming the file, offset and record and what
# to do, and nothing changed; --recover-journal cuts only where it is told.
# (The fault injection itself is tests/test-journal.c; docs/serve.md.)
. "$PP_TOP_SRCDIR/tests/cli/setup.sh"
cd "$SRC"
set -e

# boot NAME ARGS...: runs `peerplan serve ARGS` until its ready line is out
# (at most 10 s), then stops it; $ready is 1 if it got ready.
boot () {
  _n=$1; shift
  "$PEERPLAN" serve --format json "$@" >"$T/$_n.out" 2>"$T/$_n.err" &
  _pid=$!
  _i=0
  while [ ! -s "$T/$_n.out" ] && [ $_i -lt 100 ] && kill -0 "$_pid" 2>/dev/null; do
    sleep 0.1; _i=$((_i + 1)); done
  ready=0
  if [ -s "$T/$_n.out" ]; then ready=1; fi
  kill -TERM "$_pid" 2>/dev/null || true
  wait "$_pid" || true
}

# record JSON: one journal record (LEN SUM JSON) of the ASCII text JSON.
record () {
  _sum=$(printf '%s' "$1" | sha256sum | cut -c1-16)
  printf '%08x %s %s\n' "${#1}" "$_sum" "$1"
}

# listing DIR: every file with its checksum, to see that nothing changed.
listing () {
  (cd "$1" && for f in *; do printf '%s ' "$f"; sha256sum <"$f"; done)
}

st="$T/state"
boot new --state "$st"
if [ "$ready" = 1 ]; then ok "a new state"; else not_ok "a new state"; cat "$T/new.err"; fi
for s in 1 2 3; do record "{\"t\":\"advance\",\"s\":$s}" >>"$st/journal"; done
boot three --state "$st"
expect_grep "$T/three.out" '"replayed":3' "three records replayed"

# A damaged record followed by whole ones: refused, nothing changed.  Record
# 2 starts at byte 19 + 48 = 67; its "s":2 becomes "s":7.
printf 7 | dd of="$st/journal" bs=1 seek=$((67 + 26 + 19)) conv=notrunc 2>/dev/null
cp "$st/journal" "$T/damaged"
listing "$st" >"$T/before"
run c "$PEERPLAN" serve --state "$st"
expect_rc 2 "a damaged record followed by a whole one is refused"
expect_grep "$T/err" "state/journal: record 2 at byte 67 is damaged (a checksum that does not match) and 1 whole record follows it" \
  "... naming the file, the record and its offset"
expect_grep "$T/err" "Nothing was changed." "... saying nothing was changed"
expect_grep "$T/err" "--recover-journal=67" "... and what to do"
if [ -s "$T/out" ]; then not_ok "no ready line when refused"; else ok "no ready line when refused"; fi
listing "$st" >"$T/after"
if cmp -s "$T/before" "$T/after"; then ok "nothing in the state changed"; else
  not_ok "the state changed"; diff "$T/before" "$T/after" || true; fi

run r "$PEERPLAN" serve --state "$st" --recover-journal=68
expect_rc 2 "--recover-journal at another offset"
expect_grep "$T/err" "--recover-journal=68 does not name the first damaged record" "... says so"
listing "$st" >"$T/after"
if cmp -s "$T/before" "$T/after"; then ok "... and changes nothing"; else not_ok "the state changed"; fi
run r "$PEERPLAN" serve --recover-journal=67
expect_rc 2 "--recover-journal without --state"
run r "$PEERPLAN" serve --state "$st" --recover-journal=minus
expect_rc 2 "--recover-journal that is not an offset"

boot recover --state "$st" --recover-journal=67
if [ "$ready" = 1 ]; then ok "--recover-journal=67 starts"; else not_ok "no start"; cat "$T/recover.err"; fi
expect_grep "$T/recover.out" '"replayed":1' "... with the one record before the damage"
expect_grep "$T/recover.err" "cut at byte 67 as asked by --recover-journal: 2 record(s) dropped" \
  "... saying what it dropped"
if cmp -s "$T/damaged" "$st/journal.corrupt-67"; then ok "... after keeping the whole journal"; else
  not_ok "journal.corrupt-67 is not the journal as it was"; fi
if [ "$(wc -c <"$st/journal")" -eq 67 ]; then ok "... cut at byte 67"; else not_ok "not cut at 67"; fi
run r "$PEERPLAN" serve --state "$st" --recover-journal=67
expect_rc 2 "the flag again, once nothing is damaged"
expect_grep "$T/err" "has no damaged record" "... says so"

# A torn last record: cut, kept aside, the server starts.
printf '0000001' >>"$st/journal"
boot torn --state "$st"
if [ "$ready" = 1 ]; then ok "a torn last record: the server starts"; else not_ok "no start"; cat "$T/torn.err"; fi
expect_grep "$T/torn.err" "the journal ended in an incomplete record (7 bytes, never acknowledged)" \
  "... saying what it cut"
if [ -f "$st/journal.torn-67" ]; then ok "... kept aside as journal.torn-67"; else not_ok "no journal.torn-67"; fi

# A damaged last record that is whole (terminated) is not a torn write.
record '{"t":"advance","s":9}' | tr 9 8 >>"$st/journal"
listing "$st" >"$T/before"
run d "$PEERPLAN" serve --state "$st"
expect_rc 2 "a damaged, terminated last record is refused"
expect_grep "$T/err" "record 2 at byte 67 is damaged (a checksum that does not match) and no whole record follows it" \
  "... as corruption"
listing "$st" >"$T/after"
if cmp -s "$T/before" "$T/after"; then ok "... and nothing changed"; else not_ok "the state changed"; fi
run r "$PEERPLAN" serve --state "$st" --recover-journal=67
expect_rc 2 "--recover-journal where a journal.corrupt-67 exists already"
expect_grep "$T/err" "journal.corrupt-67 already exists: move it away first" "... never overwrites it"
mv "$st/journal.corrupt-67" "$T/first.corrupt-67"
boot cut --state "$st" --recover-journal=67
expect_grep "$T/cut.out" '"replayed":1' "--recover-journal cuts it"

# An edited scenario.xml is refused.
printf '<!-- edited -->\n' >>"$st/scenario.xml"
listing "$st" >"$T/before"
run e "$PEERPLAN" serve --state "$st"
expect_rc 2 "an edited scenario.xml"
expect_grep "$T/err" "state/scenario.xml: changed since the state was created" "... is refused with why"
expect_grep "$T/err" "put the original back" "... and what to do"
listing "$st" >"$T/after"
if cmp -s "$T/before" "$T/after"; then ok "... and nothing changed"; else not_ok "the state changed"; fi

finish
