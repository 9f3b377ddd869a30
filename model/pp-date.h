/* SPDX-License-Identifier: MIT */
/* pp-date.h: calendar dates as the scenario writes them (YYYY-MM-DD).
 *
 * The one parser of dates: the scenario reader (purchase-date) and
 * pricing (--start, as-of dates) both call it.  Nothing is allocated.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Strict YYYY-MM-DD, a valid Gregorian date of years 1 to 9999: TRUE and
 * *@out set (cleared first), else FALSE and *@out untouched. */
gboolean pp_date_from_iso (const char *text, GDate *out);
/* Writes YYYY-MM-DD into @buf (at least 11 bytes) and returns it. */
char    *pp_date_to_iso (const GDate *date, char *buf);

G_END_DECLS
