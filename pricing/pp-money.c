/* SPDX-License-Identifier: MIT */
/* pp-money.c: money as integers, with checked arithmetic (pp-money.h). */

#include "pricing/pp-money.h"
#include "pricing/pp-pricing-error.h"

static gboolean
overflow (GError **error)
{
  g_set_error (error, PP_PRICING_ERROR, PP_PRICING_ERROR_OVERFLOW,
               "amount too large: the estimate would overflow 64-bit arithmetic (hint: check the traffic, horizon and prices for a typo)");
  return FALSE;
}

gboolean
pp_money_mul (guint64 a, guint64 b, guint64 *out, GError **error)
{
  if (!g_uint64_checked_mul (out, a, b))
    return overflow (error);
  return TRUE;
}

gboolean
pp_money_add (guint64 *acc, guint64 v, GError **error)
{
  if (!g_uint64_checked_add (acc, *acc, v))
    return overflow (error);
  return TRUE;
}

/* @v / @div rounded half up, without overflow in the rounding. */
static guint64
div_round (guint64 v, guint64 div)
{
  return v / div + (v % div >= div - div / 2 ? 1 : 0);
}

gboolean
pp_money_line (guint64 unit_micro, guint64 quantity_milli, guint64 *minor,
               GError **error)
{
  guint64 nano;

  /* micro x milli = 10^-9; minor = 10^-2: divide by 10^7. */
  if (!g_uint64_checked_mul (&nano, unit_micro, quantity_milli))
    return overflow (error);
  *minor = div_round (nano, G_GUINT64_CONSTANT (10000000));
  return TRUE;
}

gboolean
pp_money_convert_micro (guint64 micro, guint64 rate_micro, guint64 *out,
                        GError **error)
{
  guint64 v;

  if (!g_uint64_checked_mul (&v, micro, rate_micro))
    return overflow (error);
  *out = div_round (v, PP_MICRO);
  return TRUE;
}

char *
pp_money_format_minor (guint64 minor)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%02u", minor / 100, (guint) (minor % 100));
}

char *
pp_money_format_micro (guint64 micro)
{
  char frac[8];
  int len;

  g_snprintf (frac, sizeof frac, "%06u", (guint) (micro % PP_MICRO));
  for (len = 6; len > 2 && frac[len - 1] == '0'; len--)
    ;
  frac[len] = '\0';
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%s", micro / PP_MICRO, frac);
}

char *
pp_quantity_format (guint64 milli)
{
  char frac[4];
  int len;

  if (milli % PP_MILLI == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT, milli / PP_MILLI);
  g_snprintf (frac, sizeof frac, "%03u", (guint) (milli % PP_MILLI));
  for (len = 3; len > 1 && frac[len - 1] == '0'; len--)
    ;
  frac[len] = '\0';
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%s", milli / PP_MILLI, frac);
}
