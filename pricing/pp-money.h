/* SPDX-License-Identifier: MIT */
/* pp-money.h: money as integers, with checked arithmetic.
 *
 * Unit prices are micro-units of their currency (1 CNY = 1 000 000);
 * quantities are milli-units (1 GB = 1 000); amounts are minor units
 * (1 CNY = 100 fen, 1 USD = 100 cents).  Every multiplication and sum goes
 * through g_uint64_checked_*: a result that does not fit is refused with
 * PP_PRICING_ERROR_OVERFLOW.  A line is rounded once, half up, to the
 * minor unit; totals add rounded lines.  No floating point anywhere.
 */
#pragma once

#include <glib.h>
#include "model/pp-price.h"

G_BEGIN_DECLS

/* @unit_micro x @quantity_milli, in minor units (rounded half up). */
gboolean pp_money_line (guint64 unit_micro, guint64 quantity_milli,
                        guint64 *minor, GError **error);
/* *@acc += @v */
gboolean pp_money_add (guint64 *acc, guint64 v, GError **error);
/* @a x @b (plain integers) */
gboolean pp_money_mul (guint64 a, guint64 b, guint64 *out, GError **error);
/* @micro (a unit price) x @rate_micro / 10^6, rounded half up. */
gboolean pp_money_convert_micro (guint64 micro, guint64 rate_micro,
                                 guint64 *out, GError **error);

/* "1234.56" (transfer full). */
char *pp_money_format_minor (guint64 minor);
/* A unit price: "450.00", "0.525", "5.60" (at least 2 decimals, no
 * trailing zeros beyond) (transfer full). */
char *pp_money_format_micro (guint64 micro);
/* A milli-unit quantity: "12", "21.5", "0.125" (transfer full). */
char *pp_quantity_format (guint64 milli);

G_END_DECLS
