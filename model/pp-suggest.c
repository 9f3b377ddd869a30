/* SPDX-License-Identifier: MIT */
/* pp-suggest.c: "did you mean" over a list of names. */
#include "model/pp-suggest.h"

#include <string.h>

/**
 * pp_edit_distance:
 * @a: a word
 * @b: another word
 *
 * Returns: the Levenshtein distance between @a and @b (insertions,
 * deletions and substitutions), ASCII case ignored.
 */
guint
pp_edit_distance (const char *a, const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (gsize j = 0; j <= lb; j++)
    row[j] = (guint) j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diag = row[0];

      row[0] = (guint) i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + cost);
          diag = up;
        }
    }
  return row[lb];
}

/**
 * pp_suggest:
 * @word: what the user wrote
 * @candidates: (array zero-terminated=1) (nullable): the known words
 *
 * Returns: (transfer none) (nullable): the first of @candidates nearest
 * @word, when it is within 1 + strlen(@word)/3 edits; else NULL (a guess
 * further away would mislead more than it helps).
 */
const char *
pp_suggest (const char *word, const char *const *candidates)
{
  const char *best = NULL;
  guint best_d = G_MAXUINT;

  for (guint i = 0; candidates != NULL && candidates[i] != NULL; i++)
    {
      guint d = pp_edit_distance (word, candidates[i]);

      if (d < best_d)
        {
          best_d = d;
          best = candidates[i];
        }
    }
  if (best == NULL || best_d > 1 + strlen (word) / 3)
    return NULL;
  return best;
}
