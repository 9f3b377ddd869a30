# tests/docs/match.awk: does an output match what the docs show?
#
#   awk -f match.awk EXPECTED ACTUAL   (exit 0: it matches, 1: it does not)
#   awk -v expand=1 -f match.awk EXPECTED ACTUAL
#
# Line for line and byte for byte, except that a line of EXPECTED that is
# exactly `...` stands for any number of lines of ACTUAL (none too).
#
# With expand=1 it prints EXPECTED with each `...` replaced by the lines of
# ACTUAL it stands for in the closest alignment (each run of shown lines
# placed where most of its lines agree), so that a diff of that against
# ACTUAL shows only the lines that differ.

function matches(i, j,    k) {
  if ((i, j) in memo)
    return 0                    # tried before, and it failed
  if (i > ne)
    return j > na
  if (e[i] == "...") {
    for (k = j; k <= na + 1; k++)
      if (matches(i + 1, k))
        return 1
  } else if (j <= na && e[i] == a[j] && matches(i + 1, j + 1))
    return 1
  memo[i, j] = 1
  return 0
}

# The shown lines e[i..k-1] (k: the next `...` or ne + 1), placed at the
# position p >= j of ACTUAL where most of them agree (the last run is
# placed at the end when it fits there).
function place(i, k, j, last,    len, p, t, hits, best, bestp) {
  len = k - i
  if (last && na - len + 1 >= j)
    return na - len + 1
  best = -1; bestp = j
  for (p = j; p <= na - len + 1; p++) {
    hits = 0
    for (t = 0; t < len; t++)
      if (a[p + t] == e[i + t])
        hits++
    if (hits > best) { best = hits; bestp = p }
  }
  return bestp
}

function expand_print(    i, j, k, p, t) {
  i = 1; j = 1
  while (i <= ne) {
    if (e[i] != "...") {
      print e[i]; i++; j++
      continue
    }
    for (k = i + 1; k <= ne && e[k] != "..."; k++)
      ;
    if (k == i + 1 && k > ne) {          # a last `...`: the rest
      for (; j <= na; j++) print a[j]
      i = k
      continue
    }
    p = place(i + 1, k, j, k > ne)
    for (; j < p; j++) print a[j]
    i++
  }
}

FILENAME == ARGV[1] { e[++ne] = $0; next }
{ a[++na] = $0 }

END {
  if (expand) { expand_print(); exit 0 }
  exit matches(1, 1) ? 0 : 1
}
