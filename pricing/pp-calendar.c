/* SPDX-License-Identifier: MIT */
/* pp-calendar.c: working days and the month-end rule (pp-calendar.h). */

#include "pricing/pp-calendar.h"
#include "pricing/pp-pricing-error.h"
#include "model/pp-date.h"

#include <string.h>

gboolean
pp_date_parse (const char *text, GDate *out, GError **error)
{
  if (pp_date_from_iso (text, out))
    return TRUE;
  g_set_error (error, PP_PRICING_ERROR, PP_PRICING_ERROR_INVALID,
               "\"%s\" is not a date (hint: YYYY-MM-DD, e.g. 2026-11-26)",
               text ? text : "");
  return FALSE;
}

char *
pp_date_format (const GDate *date, char *buf)
{
  return pp_date_to_iso (date, buf);
}

gboolean
pp_calendar_is_working_day (const GDate *date)
{
  GDateWeekday w = g_date_get_weekday (date);

  return w != G_DATE_SATURDAY && w != G_DATE_SUNDAY;
}

gboolean
pp_calendar_in_month_end (const GDate *date, guint n)
{
  GDate d = *date;
  guint later = 0;
  GDateMonth month = g_date_get_month (date);

  if (n == 0 || !pp_calendar_is_working_day (date))
    return FALSE;
  /* Count the working days after @date in the same month. */
  for (;;)
    {
      g_date_add_days (&d, 1);
      if (g_date_get_month (&d) != month)
        break;
      if (pp_calendar_is_working_day (&d) && ++later >= n)
        return FALSE;
    }
  return TRUE;
}

gboolean
pp_calendar_is_processing_day (const GDate *date, guint month_end_days)
{
  return pp_calendar_is_working_day (date) &&
         !pp_calendar_in_month_end (date, month_end_days);
}

void
pp_calendar_add_processing_days (const GDate *start, guint days,
                                 guint month_end_days, GDate *out)
{
  *out = *start;
  while (days > 0)
    {
      g_date_add_days (out, 1);
      if (pp_calendar_is_processing_day (out, month_end_days))
        days--;
    }
}
