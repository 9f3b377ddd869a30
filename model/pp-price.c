/* SPDX-License-Identifier: MIT */
/* pp-price.c: unit prices, quotes and usage (see pp-price.h). */

#include "model/pp-price.h"
#include "model/pp-error.h"
#include "model/pp-scenario.h"

#include <string.h>

G_STATIC_ASSERT ((int) PP_PRODUCT_ROUTER_INTERFACE == (int) PP_CONN_ROUTER_INTERFACE);
G_STATIC_ASSERT ((int) PP_PRODUCT_VPC_PEER == (int) PP_CONN_VPC_PEER);

PP_ENUM_IMPL (pp_currency, PpCurrency, PP_CURRENCY_LAST, "CNY", "USD");
PP_ENUM_IMPL (pp_price_unit, PpPriceUnit, PP_UNIT_LAST, "month", "year", "day", "hour", "GB");
PP_ENUM_IMPL (pp_price_charge, PpPriceCharge, PP_PRICE_CHARGE_LAST,
              "subscription", "pay-as-you-go", "transfer");
PP_ENUM_IMPL (pp_product, PpProduct, PP_PRODUCT_LAST, "router-interface", "vpc-peer");
PP_ENUM_IMPL (pp_price_scope, PpPriceScope, PP_SCOPE_LAST, "any", "same-region", "cross-region");
PP_ENUM_IMPL (pp_price_role, PpPriceRole, PP_ROLE_LAST, "any", "initiator", "acceptor");

gboolean
pp_decimal_parse (const char *text, guint digits, guint64 *out, GError **error)
{
  guint64 value = 0;
  guint frac = 0;
  gboolean seen_point = FALSE, seen_digit = FALSE;
  const char *p;

  g_return_val_if_fail (digits <= 9, FALSE);
  if (text == NULL || *text == '\0')
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                   "empty number");
      return FALSE;
    }
  if (*text == '-')
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                   "\"%s\" must not be negative (hint: give 0 or more)", text);
      return FALSE;
    }
  for (p = text; *p != '\0'; p++)
    {
      if (*p == '.' && !seen_point)
        {
          seen_point = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p))
        {
          g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                       "\"%s\" is not a decimal number (hint: write digits with at most one '.', e.g. 0.525)",
                       text);
          return FALSE;
        }
      seen_digit = TRUE;
      if (seen_point && ++frac > digits)
        {
          g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                       "\"%s\" has more than %u decimals", text, digits);
          return FALSE;
        }
      if (!g_uint64_checked_mul (&value, value, 10) ||
          !g_uint64_checked_add (&value, value, (guint64) (*p - '0')))
        goto overflow;
    }
  if (!seen_digit)
    {
      g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                   "\"%s\" is not a decimal number", text);
      return FALSE;
    }
  for (; frac < digits; frac++)
    if (!g_uint64_checked_mul (&value, value, 10))
      goto overflow;
  *out = value;
  return TRUE;

overflow:
  g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
               "\"%s\" is too large", text);
  return FALSE;
}

char *
pp_decimal_format (guint64 value, guint digits)
{
  guint64 scale = 1;
  g_autofree char *frac = NULL;
  gsize len;

  g_return_val_if_fail (digits <= 9, NULL);
  for (guint i = 0; i < digits; i++)
    scale *= 10;
  if (digits == 0 || value % scale == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT, value / scale);
  frac = g_strdup_printf ("%0*" G_GUINT64_FORMAT, (int) digits, value % scale);
  for (len = strlen (frac); len > 0 && frac[len - 1] == '0'; len--)
    frac[len - 1] = '\0';
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%s", value / scale, frac);
}

static const char *
attr (const char * const *names, const char * const *values, const char *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], name) == 0)
      return values[i];
  return NULL;
}

static gboolean
fail (GError **error, const char *file, guint line, const char *format, ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (GError **error, const char *file, guint line, const char *format, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
               "%s:%u: %s", file, line, msg);
  return FALSE;
}

static gboolean
parse_scaled (const char *v, guint digits, const char *what, guint64 *out,
              const char *file, guint line, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (!pp_decimal_parse (v, digits, out, &local))
    return fail (error, file, line, "%s: %s", what, local->message);
  return TRUE;
}

gboolean
pp_price_from_attributes (PpPrice *out, GStringChunk *strings,
                          const char * const *names, const char * const *values,
                          const char *file, guint line, GError **error)
{
  const char *v;
  PpPrice p = { 0 };

  p.id = "quote";
  p.quote = TRUE;
  p.site = "quote";
  p.as_of_exact = TRUE;
  p.file = g_string_chunk_insert_const (strings, file);
  p.line = line;

  v = attr (names, values, "product");
  if (!pp_product_from_string (v, &p.product))
    return fail (error, file, line, "price: product \"%s\" is not router-interface or vpc-peer",
                 v ? v : "");
  v = attr (names, values, "unit");
  if (!pp_price_unit_from_string (v, &p.unit))
    return fail (error, file, line, "price: unit \"%s\" is not month, year, day, hour or GB",
                 v ? v : "");
  v = attr (names, values, "currency");
  if (!pp_currency_from_string (v, &p.currency))
    return fail (error, file, line, "price: currency \"%s\" is not CNY or USD (hint: convert with --usd-to-cny, not by hand)",
                 v ? v : "");
  v = attr (names, values, "amount");
  if (v == NULL)
    return fail (error, file, line, "price: amount is missing");
  if (!parse_scaled (v, 6, "price amount", &p.amount_micro, file, line, error))
    return FALSE;

  v = attr (names, values, "charge");
  if (v != NULL)
    {
      if (!pp_price_charge_from_string (v, &p.charge))
        return fail (error, file, line, "price: charge \"%s\" is not subscription, pay-as-you-go or transfer", v);
    }
  else if (p.unit == PP_UNIT_GB)
    p.charge = PP_PRICE_CHARGE_TRANSFER;
  else if (p.unit == PP_UNIT_MONTH || p.unit == PP_UNIT_YEAR)
    p.charge = PP_PRICE_CHARGE_SUBSCRIPTION;
  else
    p.charge = PP_PRICE_CHARGE_PAY_AS_YOU_GO;
  if ((p.charge == PP_PRICE_CHARGE_TRANSFER) != (p.unit == PP_UNIT_GB))
    return fail (error, file, line, "price: charge %s does not go with unit %s (hint: transfer is per GB; subscription per month or year; pay-as-you-go per day or hour)",
                 pp_price_charge_to_string (p.charge), pp_price_unit_to_string (p.unit));
  if (p.charge == PP_PRICE_CHARGE_SUBSCRIPTION && p.unit != PP_UNIT_MONTH && p.unit != PP_UNIT_YEAR)
    return fail (error, file, line, "price: a subscription is priced per month or per year, not per %s",
                 pp_price_unit_to_string (p.unit));
  if (p.charge == PP_PRICE_CHARGE_PAY_AS_YOU_GO && p.unit == PP_UNIT_YEAR)
    return fail (error, file, line, "price: pay-as-you-go is priced per day, hour or month, not per year");

  v = attr (names, values, "spec");
  p.spec = v ? g_string_chunk_insert_const (strings, v) : NULL;
  v = attr (names, values, "link-type");
  p.link_type = v ? g_string_chunk_insert_const (strings, v) : NULL;
  v = attr (names, values, "from-region");
  p.from_region = v ? g_string_chunk_insert_const (strings, v) : NULL;
  v = attr (names, values, "to-region");
  p.to_region = v ? g_string_chunk_insert_const (strings, v) : NULL;
  if ((p.from_region == NULL) != (p.to_region == NULL))
    return fail (error, file, line, "price: give both from-region and to-region, or neither");

  {
    const char *fa = attr (names, values, "from-area");
    const char *ta = attr (names, values, "to-area");

    if ((fa == NULL) != (ta == NULL))
      return fail (error, file, line, "price: give both from-area and to-area, or neither");
    if (fa != NULL)
      {
        if (!pp_area_from_string (fa, &p.from_area))
          return fail (error, file, line, "price: from-area \"%s\" is not an area (hint: mainland-china, asia-pacific, europe, north-america, south-america, middle-east)", fa);
        if (!pp_area_from_string (ta, &p.to_area))
          return fail (error, file, line, "price: to-area \"%s\" is not an area (hint: mainland-china, asia-pacific, europe, north-america, south-america, middle-east)", ta);
        p.has_areas = TRUE;
      }
    if (p.has_areas && p.from_region != NULL)
      return fail (error, file, line, "price: give a region pair or an area pair, not both");
  }

  v = attr (names, values, "source");
  p.source_given = v != NULL;
  if (v != NULL)
    p.source = g_string_chunk_insert_const (strings, v);
  else
    {
      g_autofree char *s = g_strdup_printf ("quote at %s:%u", file, line);
      p.source = g_string_chunk_insert_const (strings, s);
    }
  v = attr (names, values, "as-of");
  p.as_of = v ? g_string_chunk_insert_const (strings, v) : NULL;
  if (p.as_of != NULL)
    {
      GDate d;

      g_date_clear (&d, 1);
      if (strlen (p.as_of) != 10)
        return fail (error, file, line, "price: as-of \"%s\" is not a date YYYY-MM-DD", p.as_of);
      g_date_set_parse (&d, p.as_of);
      if (!g_date_valid (&d))
        return fail (error, file, line, "price: as-of \"%s\" is not a date YYYY-MM-DD", p.as_of);
    }
  *out = p;
  return TRUE;
}

gboolean
pp_usage_from_attributes (PpUsage *out, GStringChunk *strings, guint connection,
                          const char * const *names, const char * const *values,
                          const char *file, guint line, GError **error)
{
  const char *v;
  PpUsage u = { 0 };

  u.connection = connection;
  u.from_vpc = G_MAXUINT32;
  u.line = line;
  v = attr (names, values, "from");
  u.from = v ? g_string_chunk_insert_const (strings, v) : NULL;
  if ((v = attr (names, values, "gb-per-month")) != NULL)
    {
      if (!parse_scaled (v, 3, "usage gb-per-month", &u.gb_milli, file, line, error))
        return FALSE;
      u.has_gb = TRUE;
    }
  if ((v = attr (names, values, "days-per-month")) != NULL)
    {
      if (!parse_scaled (v, 3, "usage days-per-month", &u.days_milli, file, line, error))
        return FALSE;
      if (u.days_milli > 31 * PP_MILLI)
        return fail (error, file, line, "usage: days-per-month %s is more than 31", v);
      u.has_days = TRUE;
    }
  if ((v = attr (names, values, "hours-per-day")) != NULL)
    {
      if (!parse_scaled (v, 3, "usage hours-per-day", &u.hours_milli, file, line, error))
        return FALSE;
      if (u.hours_milli > 24 * PP_MILLI)
        return fail (error, file, line, "usage: hours-per-day %s is more than 24", v);
      u.has_hours = TRUE;
    }
  *out = u;
  return TRUE;
}
