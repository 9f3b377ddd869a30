/* SPDX-License-Identifier: MIT */
/* pp-calendar.h: working days and the month-end rule, for lead times.
 *
 * A working day is Monday to Friday.  Public holidays are NOT known to
 * peerplan (China's, whose change every year by decree, included): a date
 * computed here can be later in practice, and every report says so.
 *
 * The month-end rule of the cross-border compliance review: nothing is
 * processed on the last N working days of a month (N = 2); a request that
 * arrives then waits for the first working day of the next month.  A
 * "processing day" is a working day outside those N.
 *
 * Counting: a review of D working days submitted on day S is done at the
 * end of the D-th processing day after S (S itself is not counted), and the
 * link can carry traffic that day.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Strict YYYY-MM-DD (a valid Gregorian date).  PP_PRICING_ERROR_INVALID. */
gboolean pp_date_parse (const char *text, GDate *out, GError **error);
/* Writes YYYY-MM-DD into @buf (at least 11 bytes) and returns it. */
char    *pp_date_format (const GDate *date, char *buf);

gboolean pp_calendar_is_working_day (const GDate *date);
/* TRUE if @date is one of the last @n working days of its month. */
gboolean pp_calendar_in_month_end (const GDate *date, guint n);
/* A working day not in the last @month_end_days working days of its month. */
gboolean pp_calendar_is_processing_day (const GDate *date, guint month_end_days);
/* The @days-th processing day after @start (@days = 0: @start itself). */
void     pp_calendar_add_processing_days (const GDate *start, guint days,
                                          guint month_end_days, GDate *out);

G_END_DECLS
