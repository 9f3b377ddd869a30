# tests/docs/match.awk: does an output match what the docs show?
#
#   awk -f match.awk EXPECTED ACTUAL   (exit 0: it matches, 1: it does not)
#
# Line for line and byte for byte, except that a line of EXPECTED that is
# exactly `...` stands for any number of lines of ACTUAL (none too).

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

FILENAME == ARGV[1] { e[++ne] = $0; next }
{ a[++na] = $0 }

END { exit matches(1, 1) ? 0 : 1 }
