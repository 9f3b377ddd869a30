/* SPDX-License-Identifier: MIT */
/* pp-estimate-price.c: price matching: the catalog or quote price that
 * fits a side best (product, role, charge, unit, spec, link type and the
 * region pair, most specific first), and the options a side can be billed
 * under, priced with it.
 */
#include "pricing/pp-estimate-private.h"
#include "pricing/pp-money.h"

#include <string.h>

#define BUY_PAGE "common-buy.aliyun.com/?commodityCode=ri_pre"

/* ---- price lookup ---- */

static gboolean
same_pair (const char *a1, const char *b1, const char *a2, const char *b2)
{
  return (g_strcmp0 (a1, a2) == 0 && g_strcmp0 (b1, b2) == 0) ||
         (g_strcmp0 (a1, b2) == 0 && g_strcmp0 (b1, a2) == 0);
}

static gboolean
same_areas (PpArea a1, PpArea b1, PpArea a2, PpArea b2)
{
  return (a1 == a2 && b1 == b2) || (a1 == b2 && b1 == a2);
}

static int
price_score (const Ctx *c, const Want *w, const PpPrice *p, int base)
{
  int score = base;
  gboolean same = w->from == w->to;

  if (p->product != w->product || p->charge != w->charge || !w->unit_ok[p->unit])
    return -1;
  if (w->role == PP_ROLE_ACCEPTOR ? p->role != PP_ROLE_ACCEPTOR : p->role == PP_ROLE_ACCEPTOR)
    return -1;
  if (p->spec != NULL && g_strcmp0 (p->spec, w->spec) != 0)
    return -1;
  if (p->link_type != NULL && g_strcmp0 (p->link_type, w->link_type) != 0)
    return -1;
  if (p->from_region != NULL)
    {
      if (!same_pair (p->from_region, p->to_region, w->from->id, w->to->id))
        return -1;
      score += 100;
    }
  else if (p->has_areas)
    {
      if (!same_areas (p->from_area, p->to_area, w->from->area, w->to->area))
        return -1;
      score += 50;
    }
  if (!p->quote && p->scope != (same ? PP_SCOPE_SAME_REGION : PP_SCOPE_CROSS_REGION))
    return -1;
  if (!p->quote && !same && w->product == PP_PRODUCT_VPC_PEER && !p->has_areas)
    return -1;
  if (p->spec != NULL)
    score += 10;
  if (p->link_type != NULL)
    score += 5;
  if (p->unit == w->preferred_unit)
    score += 3;
  if (p->currency == c->e->currency)
    score += 1;
  return score;
}

static gboolean
want_equal (const Want *a, const Want *b)
{
  return a->product == b->product && a->role == b->role && a->charge == b->charge
         && memcmp (a->unit_ok, b->unit_ok, sizeof a->unit_ok) == 0
         && a->preferred_unit == b->preferred_unit && g_strcmp0 (a->spec, b->spec) == 0
         && g_strcmp0 (a->link_type, b->link_type) == 0 && a->from == b->from && a->to == b->to;
}

static const PpPrice *find_price_in_all (const Ctx *c, const Want *w);

static guint
want_hash (const Want *w)
{
  guint h = (guint) w->product * 31u + (guint) w->role;

  h = h * 31u + (guint) w->charge;
  for (guint i = 0; i < G_N_ELEMENTS (w->unit_ok); i++)
    h = h * 2u + (w->unit_ok[i] != 0);
  h = h * 31u + (guint) w->preferred_unit;
  h = h * 31u + (w->spec != NULL ? g_str_hash (w->spec) : 0);
  h = h * 31u + (w->link_type != NULL ? g_str_hash (w->link_type) : 0);
  h = h * 31u + g_direct_hash (w->from);
  h = h * 31u + g_direct_hash (w->to);
  return h ^ (h >> 15);
}

/* The best price for @w: the quote file's, the scenario's, then the
 * catalog's (find_price_in_all()), remembered in the slot of @w's hash
 * (a Want in that slot before is searched again when it comes back). */
static const PpPrice *
find_price (const Ctx *c, const Want *w)
{
  FoundMemo *m = c->found;
  guint slot;

  if (m == NULL)
    return find_price_in_all (c, w);
  slot = want_hash (w) & (FOUND_MEMO - 1);
  if (!m->used[slot] || !want_equal (&m->found[slot].want, w))
    {
      m->found[slot].want = *w;
      m->found[slot].price = find_price_in_all (c, w);
      m->used[slot] = TRUE;
    }
  return m->found[slot].price;
}

static const PpPrice *
find_price_in_all (const Ctx *c, const Want *w)
{
  const PpPrice *best = NULL;
  int best_score = -1;
  const GArray *scen = c->sc->prices;

  /* Quote file first, then the scenario's quotes, then the catalog; within
   * a source the first of equal score wins. */
  if (c->opts->quotes != NULL)
    for (guint i = 0; i < pp_prices_count (c->opts->quotes); i++)
      {
        const PpPrice *p = pp_prices_nth (c->opts->quotes, i);
        int s = price_score (c, w, p, 2000);

        if (s > best_score)
          best = p, best_score = s;
      }
  if (scen != NULL)
    for (guint i = 0; i < scen->len; i++)
      {
        const PpPrice *p = &g_array_index (scen, PpPrice, i);
        int s = price_score (c, w, p, 1000);

        if (s > best_score)
          best = p, best_score = s;
      }
  for (guint i = 0; i < pp_prices_count (c->catalog); i++)
    {
      const PpPrice *p = pp_prices_nth (c->catalog, i);
      int s = price_score (c, w, p, 0);

      if (s > best_score)
        best = p, best_score = s;
    }
  return best;
}

/* ---- options ---- */

void
pp_estimate_option_clear (PpOption *o)
{
  g_clear_pointer (&o->cumulative, g_free);
  g_clear_pointer (&o->basis, g_free);
  g_clear_pointer (&o->ask, g_free);
}

static gboolean
option_set_price (Ctx *c, PpOption *o, const PpPrice *p, GError **error)
{
  PpEstimate *e = c->e;

  o->price = p;
  o->unit = p->unit;
  o->currency = p->currency;
  o->unit_micro = p->amount_micro;
  if (p->currency != e->currency && e->usd_to_cny_micro != 0)
    {
      if (p->currency == PP_CURRENCY_USD)
        {
          if (!pp_money_convert_micro (p->amount_micro, e->usd_to_cny_micro, &o->unit_micro, error))
            return FALSE;
        }
      else
        {
          guint64 v;

          /* CNY -> USD: x 10^6 / rate, rounded half up. */
          if (!pp_money_mul (p->amount_micro, PP_MICRO, &v, error))
            return FALSE;
          o->unit_micro = v / e->usd_to_cny_micro +
                          (v % e->usd_to_cny_micro >= e->usd_to_cny_micro - e->usd_to_cny_micro / 2);
        }
      o->currency = e->currency;
      o->converted = TRUE;
    }
  return TRUE;
}

/* Fills the cumulative cost and the amount of a priced option, given the
 * billed quantity (milli-units) for m months as q(m) = per_month x m, or,
 * for a subscription, whole cycles of @cycle_months months of
 * @cycle_units units each. */
static gboolean
option_fill (Ctx *c, PpOption *o, guint64 per_month_milli, guint cycle_months,
             guint64 cycle_units_milli, GError **error)
{
  guint months = c->e->months;

  o->cumulative = g_new0 (guint64, months + 1);
  o->cycle_months = cycle_months;
  for (guint m = 1; m <= months; m++)
    {
      guint64 q;

      if (cycle_months > 0)
        {
          guint cycles = (m + cycle_months - 1) / cycle_months;

          if (!pp_money_mul (cycles, cycle_units_milli, &q, error))
            return FALSE;
        }
      else if (!pp_money_mul (per_month_milli, m, &q, error))
        return FALSE;
      if (!pp_money_line (o->unit_micro, q, &o->cumulative[m], error))
        return FALSE;
      if (m == months)
        o->quantity_milli = q;
    }
  o->amount_minor = o->cumulative[months];
  return TRUE;
}

static char *
region_pair (const Want *w)
{
  return g_strdup_printf ("from-region=\"%s\" to-region=\"%s\"", w->from->id, w->to->id);
}

static char *
ask_for (const Ctx *c, const Want *w, PpPriceUnit unit)
{
  g_autofree char *pair = region_pair (w);
  GString *s = g_string_new ("<price product=\"");

  g_string_append (s, pp_product_to_string (w->product));
  g_string_append_c (s, '"');
  if (w->spec != NULL)
    g_string_append_printf (s, " spec=\"%s\"", w->spec);
  if (w->link_type != NULL && w->product == PP_PRODUCT_VPC_PEER)
    g_string_append_printf (s, " link-type=\"%s\"", w->link_type);
  g_string_append_printf (s, " %s charge=\"%s\" unit=\"%s\" amount=\"?\" currency=\"%s\" source=\"%s\" as-of=\"YYYY-MM-DD\"/>",
                          pair, pp_price_charge_to_string (w->charge),
                          pp_price_unit_to_string (unit),
                          pp_currency_to_string (c->e->currency),
                          w->product == PP_PRODUCT_ROUTER_INTERFACE ? BUY_PAGE : "the purchase page");
  return g_string_free (s, FALSE);
}

/* Subscription for a router-interface initiator. */
gboolean
pp_estimate_option_subscription (Ctx *c, PpOption *o, const PpEnd *end, Want w, GError **error)
{
  guint period = end->period ? end->period : 1;
  gboolean yearly = end->cycle == PP_CYCLE_YEAR;
  guint cycle_months = period * (yearly ? 12 : 1);
  const PpPrice *p;

  o->kind = PP_OPTION_SUBSCRIPTION;
  w.charge = PP_PRICE_CHARGE_SUBSCRIPTION;
  w.unit_ok[PP_UNIT_MONTH] = TRUE;
  w.unit_ok[PP_UNIT_YEAR] = yearly;
  w.preferred_unit = yearly ? PP_UNIT_YEAR : PP_UNIT_MONTH;
  p = find_price (c, &w);
  if (p == NULL)
    {
      o->unit = w.preferred_unit;
      o->currency = c->e->currency;
      o->ask = ask_for (c, &w, w.preferred_unit);
      o->basis = g_strdup_printf ("%u %s cycle%s", period, yearly ? "year" : "month",
                                  period > 1 ? "s" : "");
      return TRUE;
    }
  if (!option_set_price (c, o, p, error))
    return FALSE;
  if (p->unit == PP_UNIT_YEAR)
    o->basis = g_strdup_printf ("paid per %u-year cycle", period);
  else if (yearly)
    o->basis = g_strdup_printf ("paid per %u-year cycle at 12 x the monthly price (no yearly price known)", period);
  else
    o->basis = g_strdup_printf ("paid per %u-month cycle", period);
  return option_fill (c, o, 0, cycle_months,
                      (guint64) (p->unit == PP_UNIT_YEAR ? period : cycle_months) * PP_MILLI,
                      error);
}

gboolean
pp_estimate_option_payg (Ctx *c, PpOption *o, const PpSideEstimate *side, Want w, GError **error)
{
  const PpPrice *p;
  guint64 per_month = 0;

  o->kind = PP_OPTION_PAY_AS_YOU_GO;
  w.charge = PP_PRICE_CHARGE_PAY_AS_YOU_GO;
  w.unit_ok[PP_UNIT_DAY] = w.unit_ok[PP_UNIT_HOUR] = w.unit_ok[PP_UNIT_MONTH] = TRUE;
  w.preferred_unit = PP_UNIT_DAY;
  p = find_price (c, &w);
  if (p == NULL)
    {
      o->unit = PP_UNIT_DAY;
      o->currency = c->e->currency;
      o->ask = ask_for (c, &w, PP_UNIT_DAY);
      o->basis = g_strdup ("per day (China site) or per hour");
      return TRUE;
    }
  if (!option_set_price (c, o, p, error))
    return FALSE;
  {
    g_autofree char *days = pp_quantity_format (side->days_milli);
    g_autofree char *hours = pp_quantity_format (side->hours_milli);

    switch (p->unit)
      {
      case PP_UNIT_DAY:
        per_month = side->days_milli;
        o->basis = g_strdup_printf ("%s days a month", days);
        break;
      case PP_UNIT_HOUR:
        if (!pp_money_mul (side->days_milli, side->hours_milli, &per_month, error))
          return FALSE;
        per_month = (per_month + PP_MILLI / 2) / PP_MILLI;
        o->basis = g_strdup_printf ("%s days a month x %s hours a day", days, hours);
        break;
      case PP_UNIT_MONTH:
      case PP_UNIT_YEAR:
      case PP_UNIT_GB:
      case PP_UNIT_LAST:
      default:
        per_month = PP_MILLI;
        o->basis = g_strdup ("per month");
        break;
      }
  }
  return option_fill (c, o, per_month, 0, 0, error);
}

gboolean
pp_estimate_option_transfer (Ctx *c, PpOption *o, const PpSideEstimate *side, Want w, GError **error)
{
  const PpPrice *p;

  o->kind = PP_OPTION_TRANSFER;
  w.charge = PP_PRICE_CHARGE_TRANSFER;
  w.unit_ok[PP_UNIT_GB] = TRUE;
  w.preferred_unit = PP_UNIT_GB;
  p = find_price (c, &w);
  if (p == NULL)
    {
      o->unit = PP_UNIT_GB;
      o->currency = c->e->currency;
      o->ask = ask_for (c, &w, PP_UNIT_GB);
      o->basis = g_strdup ("outbound GB");
      return TRUE;
    }
  if (!option_set_price (c, o, p, error))
    return FALSE;
  {
    g_autofree char *gb = pp_quantity_format (side->gb_milli);

    if (!side->charged)
      o->basis = g_strdup ("free within a region");
    else
      o->basis = side->gb_given ? g_strdup_printf ("%s GB outbound a month", gb)
                                : g_strdup ("no traffic given (<usage> or --traffic): a rate, no amount");
  }
  return option_fill (c, o, side->gb_milli, 0, 0, error);
}

gboolean
pp_estimate_option_free (Ctx *c, PpOption *o, Want w, GError **error)
{
  const PpPrice *p;

  o->kind = PP_OPTION_FREE;
  w.role = PP_ROLE_ACCEPTOR;
  w.charge = PP_PRICE_CHARGE_PAY_AS_YOU_GO;
  w.unit_ok[PP_UNIT_MONTH] = TRUE;
  w.preferred_unit = PP_UNIT_MONTH;
  w.spec = NULL;
  p = find_price (c, &w);
  o->unit = PP_UNIT_MONTH;
  o->currency = c->e->currency;
  o->basis = g_strdup ("the acceptor is free");
  if (p != NULL && !option_set_price (c, o, p, error))
    return FALSE;
  o->price = p;
  o->unit_micro = 0;
  return option_fill (c, o, PP_MILLI, 0, 0, error);
}

