/* SPDX-License-Identifier: MIT */
/* pp-date.c: YYYY-MM-DD dates (pp-date.h). */

#include "model/pp-date.h"
#include "model/pp-number.h"

#include <string.h>

gboolean
pp_date_from_iso (const char *text, GDate *out)
{
  guint64 y = 0, m = 0, d = 0;
  char buf[11];

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  memcpy (buf, text, 11);
  buf[4] = buf[7] = '\0';
  if (!pp_parse_uint (buf, 1, 9999, &y, NULL) ||
      !pp_parse_uint (buf + 5, 1, 12, &m, NULL) ||
      !pp_parse_uint (buf + 8, 1, 31, &d, NULL) ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

char *
pp_date_to_iso (const GDate *date, char *buf)
{
  g_snprintf (buf, 11, "%04u-%02u-%02u", g_date_get_year (date),
              (guint) g_date_get_month (date), g_date_get_day (date));
  return buf;
}
