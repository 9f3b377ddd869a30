/* SPDX-License-Identifier: MIT */
/* pp-estimate.c: per-side estimates, break-even, findings and lead times.
 *
 * DOC: one pass over the connections, in scenario order.  Each connection
 * gets a PpConnEstimate with two sides; a side has one or two options (the
 * billing choices priced), each with its unit price (and where it came
 * from), quantity over the horizon, amount and the cumulative cost per
 * month for the chart.  Totals are summed from the chosen options per
 * account and per currency.  Everything is integer arithmetic through
 * pp-money.h; an overflow aborts the estimate with an error.
 */

#include "pricing/pp-estimate.h"
#include "pricing/pp-calendar.h"
#include "pricing/pp-money.h"
#include "pricing/pp-pricing-error.h"
#include "model/pp-error.h"

#include <string.h>

#define RETIRED_SINCE "2019-06-20"
#define BUY_PAGE "common-buy.aliyun.com/?commodityCode=ri_pre"

static const char * const option_names[] = {
  "subscription", "pay-as-you-go", "transfer", "free",
};
G_STATIC_ASSERT (G_N_ELEMENTS (option_names) == PP_OPTION_LAST);

const char *
pp_option_kind_to_string (PpOptionKind k)
{
  g_return_val_if_fail ((guint) k < PP_OPTION_LAST, "?");
  return option_names[k];
}

typedef struct {
  const PpScenario *sc;
  const PpPricingOptions *opts;
  const PpPrices *catalog;
  const PpQuotas *quotas;
  const PpTickets *tickets;
  PpFindings *findings;
  PpEstimate *e;
  guint *usage_first;         /* per connection: its first <usage>, or G_MAXUINT32 */
} Ctx;

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

typedef struct {
  PpProduct product;
  PpPriceRole role;
  PpPriceCharge charge;
  gboolean unit_ok[PP_UNIT_LAST];
  PpPriceUnit preferred_unit;
  const char *spec;
  const char *link_type;
  const PpRegion *from;
  const PpRegion *to;
} Want;

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

static const PpPrice *
find_price (const Ctx *c, const Want *w)
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

static void
option_clear (PpOption *o)
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
static gboolean
option_subscription (Ctx *c, PpOption *o, const PpEnd *end, Want w, GError **error)
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

static gboolean
option_payg (Ctx *c, PpOption *o, const PpSideEstimate *side, Want w, GError **error)
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

static gboolean
option_transfer (Ctx *c, PpOption *o, const PpSideEstimate *side, Want w, GError **error)
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
                                : g_strdup ("0 GB a month (no traffic given: <usage> or --traffic)");
  }
  return option_fill (c, o, side->gb_milli, 0, 0, error);
}

static gboolean
option_free (Ctx *c, PpOption *o, Want w, GError **error)
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

/* ---- usage ---- */

static void
side_usage (Ctx *c, guint conn, PpSideEstimate *side)
{
  const GArray *usages = c->sc->usages;
  const PpUsage *specific = NULL, *generic = NULL;
  const char *vpc_id = pp_scenario_vpc (c->sc, side->vpc)->id;

  /* A connection's <usage> elements are contiguous (they are its children). */
  for (guint i = c->usage_first[conn]; usages != NULL && i < usages->len; i++)
    {
      const PpUsage *u = &g_array_index (usages, PpUsage, i);

      if (u->connection != conn)
        break;
      if (u->from == NULL)
        {
          if (generic == NULL)
            generic = u;
        }
      else if (specific == NULL &&
               (u->from_vpc == side->vpc || g_strcmp0 (u->from, vpc_id) == 0))
        specific = u;
    }
  side->days_milli = PP_PRICING_DEFAULT_DAYS_MILLI;
  side->hours_milli = PP_PRICING_DEFAULT_HOURS_MILLI;
  for (int pass = 0; pass < 2; pass++)
    {
      const PpUsage *u = pass == 0 ? generic : specific;

      if (u == NULL)
        continue;
      if (u->has_gb)
        side->gb_milli = u->gb_milli, side->gb_given = TRUE;
      if (u->has_days)
        side->days_milli = u->days_milli;
      if (u->has_hours)
        side->hours_milli = u->hours_milli;
    }
  if (c->opts->has_traffic)
    side->gb_milli = c->opts->traffic_gb_milli, side->gb_given = TRUE;
}

/* ---- break-even ---- */

static void
side_breakeven (Ctx *c, PpSideEstimate *s)
{
  const PpOption *sub = &s->options[0], *payg = &s->options[1];
  guint months = c->e->months;

  if (s->n_options != 2 || sub->kind != PP_OPTION_SUBSCRIPTION ||
      sub->cumulative == NULL || payg->cumulative == NULL ||
      sub->currency != payg->currency)
    return;
  s->has_cheaper = TRUE;
  s->cheaper = sub->amount_minor <= payg->amount_minor ? 0 : 1;
  for (guint m = 1; m <= months && s->breakeven_month == 0; m++)
    if (sub->cumulative[m] <= payg->cumulative[m])
      s->breakeven_month = m;
  if (payg->unit == PP_UNIT_DAY || payg->unit == PP_UNIT_HOUR)
    {
      /* The subscription's cost per month (micro), over the usage per
       * month at which pay-as-you-go costs the same. */
      guint64 per_month_micro = sub->unit == PP_UNIT_YEAR ? sub->unit_micro / 12
                                                          : sub->unit_micro;

      s->has_breakeven = TRUE;
      s->breakeven_unit = payg->unit;
      if (payg->unit_micro == 0)
        s->breakeven_never = TRUE;
      else
        {
          guint64 v;

          if (!g_uint64_checked_mul (&v, per_month_micro, PP_MILLI))
            s->has_breakeven = FALSE;
          else
            s->breakeven_milli = v / payg->unit_micro;
        }
    }
}

/* ---- connections ---- */

static void
side_init (Ctx *c, const PpConnection *conn, guint end, PpSideEstimate *s,
           PpProduct product)
{
  s->end = end;
  s->vpc = conn->ends[end].vpc;
  s->account = pp_scenario_vpc (c->sc, s->vpc)->account;
  if (product == PP_PRODUCT_ROUTER_INTERFACE)
    s->role = end == 0 ? "initiator" : "acceptor";
  else
    s->role = end == 0 ? "requester" : "accepter";
}

static gboolean
estimate_connection (Ctx *c, guint ci, PpProduct product, gboolean alternative,
                     PpConnEstimate *out, GError **error)
{
  const PpConnection *conn = pp_scenario_connection (c->sc, ci);
  const PpRegion *r0 = pp_scenario_vpc (c->sc, conn->ends[0].vpc)->region;
  const PpRegion *r1 = pp_scenario_vpc (c->sc, conn->ends[1].vpc)->region;

  out->connection = ci;
  out->product = product;
  out->alternative = alternative;
  out->cross_region = r0 != r1;
  out->cross_border = pp_regions_cross_border (r0, r1);
  out->spec = product == PP_PRODUCT_ROUTER_INTERFACE ? conn->spec : NULL;
  out->link_type = product == PP_PRODUCT_VPC_PEER
                   ? (conn->type == PP_CONN_VPC_PEER && conn->link_type ? conn->link_type : "Gold")
                   : NULL;
  for (guint end = 0; end < 2; end++)
    {
      PpSideEstimate *s = &out->sides[end];
      Want w = { 0 };

      side_init (c, conn, end, s, product);
      side_usage (c, ci, s);
      w.product = product;
      w.role = end == 0 ? PP_ROLE_INITIATOR : PP_ROLE_ANY;
      w.spec = out->spec;
      w.link_type = out->link_type;
      w.from = end == 0 ? r0 : r1;
      w.to = end == 0 ? r1 : r0;
      if (product == PP_PRODUCT_ROUTER_INTERFACE && end == 0)
        {
          s->charged = TRUE;
          s->n_options = 2;
          if (!option_subscription (c, &s->options[0], &conn->ends[0], w, error) ||
              !option_payg (c, &s->options[1], s, w, error))
            return FALSE;
          s->chosen = conn->ends[0].charge == PP_CHARGE_PAY_AS_YOU_GO ? 1 : 0;
          side_breakeven (c, s);
        }
      else if (product == PP_PRODUCT_ROUTER_INTERFACE)
        {
          s->charged = FALSE;
          s->n_options = 1;
          if (!option_free (c, &s->options[0], w, error))
            return FALSE;
        }
      else
        {
          s->charged = out->cross_region;
          s->n_options = 1;
          w.role = PP_ROLE_ANY;
          if (!option_transfer (c, &s->options[0], s, w, error))
            return FALSE;
        }
    }
  for (guint end = 0; end < 2; end++)
    {
      const PpSideEstimate *s = &out->sides[end];
      const PpOption *o = &s->options[s->chosen];

      if (o->cumulative == NULL)
        {
          if (s->charged)
            out->incomplete = TRUE;
          continue;
        }
      if (!pp_money_add (&out->total_minor[o->currency], o->amount_minor, error))
        return FALSE;
      out->total_used[o->currency] = TRUE;
    }
  return TRUE;
}

static void
conn_estimate_clear (PpConnEstimate *ce)
{
  for (guint s = 0; s < 2; s++)
    for (guint o = 0; o < ce->sides[s].n_options; o++)
      option_clear (&ce->sides[s].options[o]);
}

/* ---- findings ---- */

static const char *
end_objects_id (const Ctx *c, const PpSideEstimate *s)
{
  return pp_scenario_account (c->sc, s->account)->id;
}

static char *
price_text (const PpOption *o)
{
  g_autofree char *amount = pp_money_format_micro (o->unit_micro);

  return g_strdup_printf ("%s %s/%s", amount, pp_currency_to_string (o->currency),
                          pp_price_unit_to_string (o->unit));
}

static void
finding_price_missing (Ctx *c, const PpConnection *conn, const PpConnEstimate *ce,
                       const PpSideEstimate *s)
{
  const PpOption *o = &s->options[s->chosen];
  const char *objects[] = { conn->id, end_objects_id (c, s), NULL };
  PpFinding *f;
  GString *hint = g_string_new (NULL);

  f = pp_findings_add (c->findings, "price-missing", c->sc->file,
                       conn->ends[s->end].line ? conn->ends[s->end].line : conn->line,
                       objects,
                       "connection %s: account %s (%s) is charged for %s %s%s%s, and neither the catalog nor a quote prices it%s",
                       conn->id, end_objects_id (c, s), s->role,
                       pp_product_to_string (ce->product),
                       pp_option_kind_to_string (o->kind),
                       ce->spec ? " " : "", ce->spec ? ce->spec : "",
                       ce->product == PP_PRODUCT_ROUTER_INTERFACE && ce->cross_region
                       ? " (cross-region router-interface prices were never published)" : "");
  g_string_append_printf (hint, "copy the price from the purchase page into a quote file for --prices FILE (or a <price> in the scenario): %s",
                          o->ask);
  for (guint i = 0; i < s->n_options; i++)
    if (i != s->chosen && s->options[i].ask != NULL)
      g_string_append_printf (hint, "; to compare, also %s", s->options[i].ask);
  pp_finding_set_hint (f, "%s", hint->str);
  g_string_free (hint, TRUE);
}

static void
finding_price_stale (Ctx *c, const PpConnection *conn, const PpOption *o,
                     const PpSideEstimate *s, GHashTable *seen)
{
  const PpPrice *p = o->price;
  const PpEstimate *e = c->e;
  GDate as_of;
  gint age;
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  const char *objects[] = { conn->id, end_objects_id (c, s), NULL };
  char ref[11];
  PpFinding *f;

  if (p == NULL || p->as_of == NULL || p->amount_micro == 0 ||
      !pp_date_parse (p->as_of, &as_of, NULL))
    return;
  age = g_date_days_between (&as_of, &e->stale_ref);
  if (age <= (gint) e->max_age_days)
    return;
  key = g_strdup_printf ("%s:%u:%s", conn->id, p->line, p->file);
  if (!g_hash_table_add (seen, g_steal_pointer (&key)))
    return;
  text = price_text (o);
  f = pp_findings_add (c->findings, "price-stale", c->sc->file, conn->line, objects,
                       "connection %s: the price used for %s %s, %s, is as of %s%s, %d days before %s (older than %u days): %s",
                       conn->id, s->role, pp_option_kind_to_string (o->kind), text,
                       p->as_of, p->as_of_exact ? "" : " or later (undated source)",
                       age, pp_date_format (&e->stale_ref, ref), e->max_age_days,
                       p->source);
  pp_finding_set_hint (f, "check the figure on the purchase page and give it as a quote (--prices FILE) with its as-of date");
}

static char *
alternative_summary (const Ctx *c, const PpConnEstimate *alt)
{
  GString *s = g_string_new (NULL);

  for (guint end = 0; end < 2; end++)
    {
      const PpSideEstimate *side = &alt->sides[end];
      const PpOption *o = &side->options[0];
      g_autofree char *gb = pp_quantity_format (side->gb_milli);

      if (end > 0)
        g_string_append (s, ", ");
      if (o->cumulative == NULL)
        g_string_append_printf (s, "%s pays an unknown rate", end_objects_id (c, side));
      else
        {
          g_autofree char *unit = price_text (o);
          g_autofree char *amount = pp_money_format_minor (o->amount_minor);

          g_string_append_printf (s, "%s pays %s x %s GB a month = %s %s",
                                  end_objects_id (c, side), unit, gb, amount,
                                  pp_currency_to_string (o->currency));
        }
    }
  g_string_append_printf (s, " over %u months", c->e->months);
  if (alt->cross_region && !alt->sides[0].gb_given && !alt->sides[1].gb_given)
    g_string_append (s, " (no traffic given: add <usage> or --traffic)");
  return g_string_free (s, FALSE);
}

static void
finding_retired (Ctx *c, const PpConnection *conn, const PpConnEstimate *alt)
{
  const char *objects[] = { conn->id, NULL };
  g_autofree char *summary = alternative_summary (c, alt);
  PpFinding *f;

  f = pp_findings_add (c->findings, "product-retired", c->sc->file, conn->line, objects,
                       "connection %s: router-interface VPC-to-VPC connections have been closed to new purchases since %s; the same design as a VPC Peering Connection (%s, %s): %s",
                       conn->id, RETIRED_SINCE, alt->link_type,
                       alt->cross_region ? "each side pays its own outbound traffic" : "free within a region",
                       summary);
  if (conn->status != NULL)
    {
      pp_finding_set_severity (f, PP_SEVERITY_INFO);
      pp_finding_set_hint (f, "an existing connection keeps working; a new one is bought as a VPC Peering Connection (type=\"vpc-peer\")");
    }
  else
    pp_finding_set_hint (f, "declare the connection with type=\"vpc-peer\" (<requester>/<accepter>) to plan what can still be bought; the estimate of that design is shown next to this one");
}

/* ---- lead times ---- */

static void
lead_time_dates (Ctx *c, PpLeadTime *lt)
{
  const PpEstimate *e = c->e;

  if (!e->has_start || !lt->rule->has_days)
    return;
  lt->dated = TRUE;
  pp_calendar_add_processing_days (&e->start, lt->rule->min_days,
                                   lt->rule->month_end_days, &lt->earliest);
  pp_calendar_add_processing_days (&e->start, lt->rule->max_days,
                                   lt->rule->month_end_days, &lt->latest);
}

static void
ticket_finding (Ctx *c, PpLeadTime *lt, const char *file, guint line,
                const char * const *objects, const char *subject)
{
  const PpTicketRule *r = lt->rule;
  PpEstimate *e = c->e;
  GString *msg = g_string_new (NULL);
  PpFinding *f;

  g_string_append_printf (msg, "%s %s %s", subject, r->confirmed ? "needs" : "may need", r->what);
  if (!r->confirmed)
    g_string_append (msg, " (unconfirmed: a practitioner's report, no official document)");
  if (lt->dated)
    {
      char d0[11], d1[11], s[11];

      g_string_append_printf (msg, "; started on %s (%s), it can carry traffic from %s at the earliest",
                              pp_date_format (&e->start, s), e->start_from,
                              pp_date_format (&lt->earliest, d0));
      if (g_date_compare (&lt->earliest, &lt->latest) != 0)
        g_string_append_printf (msg, ", %s at the latest", pp_date_format (&lt->latest, d1));
      g_string_append (msg, " (working days; public holidays not known)");
    }
  else if (r->has_days)
    g_string_append_printf (msg, "; %u-%u working days%s (give --start DATE or purchase-date for a date)",
                            r->min_days, r->max_days,
                            r->month_end_days ? " plus the month-end rule" : "");
  else if (e->has_start)
    {
      char s[11];

      g_string_append_printf (msg, "; its review time is not published, so no earliest date can be given beyond %s (%s): apply before you need the link",
                              pp_date_format (&e->start, s), e->start_from);
    }
  else
    g_string_append (msg, "; its review time is not published: apply before you need the link");
  f = pp_findings_add (c->findings, r->rule, file, line, objects, "%s", msg->str);
  if (r->note != NULL)
    pp_finding_set_hint (f, "%s (source: %s)", r->note, r->source);
  else
    pp_finding_set_hint (f, "source: %s", r->source);
  g_string_free (msg, TRUE);
}

static void
lead_times (Ctx *c)
{
  PpEstimate *e = c->e;
  const PpScenario *sc = c->sc;

  for (guint i = 0; i < e->connections->len; i++)
    {
      const PpConnEstimate *ce = &g_array_index (e->connections, PpConnEstimate, i);
      const PpConnection *conn = pp_scenario_connection (sc, ce->connection);
      const PpRegion *r0 = pp_scenario_vpc (sc, conn->ends[0].vpc)->region;
      const PpRegion *r1 = pp_scenario_vpc (sc, conn->ends[1].vpc)->region;
      const char *objects[] = { conn->id, NULL };

      for (guint k = 0; k < pp_tickets_count (c->tickets); k++)
        {
          const PpTicketRule *r = pp_tickets_nth (c->tickets, k);
          PpLeadTime lt = { 0 };
          g_autofree char *subject = NULL;

          if (!r->products[ce->product])
            continue;
          if (r->applies == PP_TICKET_APPLIES_CROSS_BORDER && ce->cross_border)
            subject = g_strdup_printf ("connection %s links %s (%s) and %s (%s) across the mainland China border: it",
                                       conn->id, r0->id, r0->mainland ? "mainland China" : "outside mainland China",
                                       r1->id, r1->mainland ? "mainland China" : "outside mainland China");
          else if (r->applies == PP_TICKET_APPLIES_CROSS_REGION && ce->cross_region)
            subject = g_strdup_printf ("connection %s (%s, %s to %s)",
                                       conn->id, pp_product_to_string (ce->product), r0->id, r1->id);
          if (subject == NULL)
            continue;
          lt.connection = ce->connection;
          lt.rule = r;
          lead_time_dates (c, &lt);
          if (c->findings != NULL)
            ticket_finding (c, &lt, sc->file, conn->line, objects, subject);
          g_array_append_val (e->lead_times, lt);
        }
    }
  {
    const PpTicketRule *r = pp_tickets_find (c->tickets, PP_TICKET_APPLIES_QUOTA_EXCEEDED);

    for (guint q = 0; r != NULL && q < e->quota_usage->len; q++)
      {
        const PpQuotaUsage *u = &g_array_index (e->quota_usage, PpQuotaUsage, q);
        PpLeadTime lt = { 0 };
        const char *objects[] = { u->object, NULL };
        g_autofree char *subject = NULL;

        if (u->n_over == 0 || u->quota->quota_name == NULL)
          continue;
        lt.connection = G_MAXUINT32;
        lt.rule = r;
        lt.object = u->quota->quota_name;
        lead_time_dates (c, &lt);
        subject = g_strdup_printf ("%s is over its quota (%s): it", u->object, u->quota->rule);
        if (c->findings != NULL)
          ticket_finding (c, &lt, sc->file,
                          u->first_over_line ? u->first_over_line : sc->line,
                          objects, subject);
        g_array_append_val (e->lead_times, lt);
      }
  }
  if (e->has_start)
    {
      e->has_ready = TRUE;
      e->ready = e->start;
      for (guint i = 0; i < e->lead_times->len; i++)
        {
          const PpLeadTime *lt = &g_array_index (e->lead_times, PpLeadTime, i);

          if (lt->dated && g_date_compare (&lt->earliest, &e->ready) > 0)
            e->ready = lt->earliest;
          if (!lt->dated)
            e->ready_is_lower_bound = TRUE;
        }
    }
}

/* ---- the estimate ---- */

void
pp_estimate_free (PpEstimate *e)
{
  if (e == NULL)
    return;
  for (guint i = 0; e->connections && i < e->connections->len; i++)
    conn_estimate_clear (&g_array_index (e->connections, PpConnEstimate, i));
  for (guint i = 0; e->alternatives && i < e->alternatives->len; i++)
    conn_estimate_clear (&g_array_index (e->alternatives, PpConnEstimate, i));
  g_clear_pointer (&e->connections, g_array_unref);
  g_clear_pointer (&e->alternatives, g_array_unref);
  g_clear_pointer (&e->accounts, g_array_unref);
  g_clear_pointer (&e->lead_times, g_array_unref);
  g_clear_pointer (&e->quota_usage, g_array_unref);
  g_free (e);
}

static gboolean
add_totals (PpEstimate *e, GError **error)
{
  for (guint i = 0; i < e->connections->len; i++)
    {
      const PpConnEstimate *ce = &g_array_index (e->connections, PpConnEstimate, i);

      for (guint end = 0; end < 2; end++)
        {
          const PpSideEstimate *s = &ce->sides[end];
          const PpOption *o = &s->options[s->chosen];
          PpAccountTotal *t = &g_array_index (e->accounts, PpAccountTotal, s->account);

          if (o->cumulative == NULL)
            {
              if (s->charged)
                t->incomplete = e->incomplete = TRUE;
              continue;
            }
          if (!pp_money_add (&t->total_minor[o->currency], o->amount_minor, error) ||
              !pp_money_add (&e->total_minor[o->currency], o->amount_minor, error))
            return FALSE;
          t->total_used[o->currency] = e->total_used[o->currency] = TRUE;
        }
    }
  return TRUE;
}

PpEstimate *
pp_estimate_new (const PpScenario *sc, const PpPricingOptions *opts,
                 PpFindings *findings, GError **error)
{
  static const PpPricingOptions defaults = { 0 };
  g_autoptr(PpEstimate) e = g_new0 (PpEstimate, 1);
  g_autoptr(GHashTable) stale_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Ctx c = { 0 };
  g_autofree guint *usage_first = NULL;

  if (opts == NULL)
    opts = &defaults;
  c.sc = sc;
  c.opts = opts;
  c.findings = findings;
  c.e = e;
  c.catalog = opts->catalog ? opts->catalog : pp_prices_default (error);
  if (c.catalog == NULL)
    return NULL;
  c.quotas = opts->quotas ? opts->quotas : pp_quotas_default (error);
  if (c.quotas == NULL)
    return NULL;
  c.tickets = opts->tickets ? opts->tickets : pp_tickets_default (error);
  if (c.tickets == NULL)
    return NULL;

  e->sc = sc;
  e->months = opts->months ? opts->months : PP_PRICING_DEFAULT_MONTHS;
  if (e->months > PP_PRICING_MAX_MONTHS)
    {
      g_set_error (error, PP_PRICING_ERROR, PP_PRICING_ERROR_INVALID,
                   "a horizon of %u months is more than %u", e->months, PP_PRICING_MAX_MONTHS);
      return NULL;
    }
  e->currency = opts->has_currency ? opts->currency : PP_CURRENCY_CNY;
  e->usd_to_cny_micro = opts->usd_to_cny_micro;
  e->max_age_days = opts->max_age_days ? opts->max_age_days : pp_prices_max_age_days (c.catalog);
  if (opts->start != NULL)
    {
      g_autoptr(GError) local = NULL;

      if (!pp_date_parse (opts->start, &e->start, &local))
        {
          g_set_error (error, PP_PRICING_ERROR, PP_PRICING_ERROR_INVALID,
                       "--start: %s", local->message);
          return NULL;
        }
      e->has_start = TRUE;
      e->start_from = "--start";
      e->stale_ref = e->start;
    }
  else if (sc->has_purchase_date)
    {
      e->start = sc->purchase_date;
      e->has_start = TRUE;
      e->start_from = "purchase-date";
      e->stale_ref = e->start;
    }
  else if (!pp_date_parse (pp_prices_as_of (c.catalog), &e->stale_ref, error))
    return NULL;

  usage_first = g_new (guint, sc->connections->len + 1);
  for (guint i = 0; i <= sc->connections->len; i++)
    usage_first[i] = G_MAXUINT32;
  for (guint i = sc->usages ? sc->usages->len : 0; i-- > 0;)
    {
      guint conn = g_array_index (sc->usages, PpUsage, i).connection;

      if (conn < sc->connections->len)
        usage_first[conn] = i;
    }
  c.usage_first = usage_first;

  e->connections = g_array_sized_new (FALSE, TRUE, sizeof (PpConnEstimate), sc->connections->len);
  e->alternatives = g_array_sized_new (FALSE, TRUE, sizeof (PpConnEstimate), sc->connections->len);
  e->accounts = g_array_new (FALSE, TRUE, sizeof (PpAccountTotal));
  e->lead_times = g_array_new (FALSE, TRUE, sizeof (PpLeadTime));
  g_array_set_size (e->accounts, sc->accounts->len);
  for (guint a = 0; a < sc->accounts->len; a++)
    g_array_index (e->accounts, PpAccountTotal, a).account = a;

  for (guint i = 0; i < sc->connections->len; i++)
    {
      const PpConnection *conn = pp_scenario_connection (sc, i);
      PpConnEstimate ce = { 0 };

      if (conn->ends[0].vpc >= sc->vpcs->len || conn->ends[1].vpc >= sc->vpcs->len)
        continue;               /* unresolved: the reader reports it */
      g_array_append_val (e->connections, ce);
      if (!estimate_connection (&c, i, (PpProduct) conn->type, FALSE,
                                &g_array_index (e->connections, PpConnEstimate,
                                                e->connections->len - 1), error))
        return NULL;
      if (conn->type == PP_CONN_ROUTER_INTERFACE)
        {
          PpConnEstimate alt = { 0 };

          g_array_append_val (e->alternatives, alt);
          if (!estimate_connection (&c, i, PP_PRODUCT_VPC_PEER, TRUE,
                                    &g_array_index (e->alternatives, PpConnEstimate,
                                                    e->alternatives->len - 1), error))
            return NULL;
        }
    }
  if (!add_totals (e, error))
    return NULL;

  if (findings != NULL)
    {
      guint ai = 0;

      for (guint i = 0; i < e->connections->len; i++)
        {
          const PpConnEstimate *ce = &g_array_index (e->connections, PpConnEstimate, i);
          const PpConnection *conn = pp_scenario_connection (sc, ce->connection);

          for (guint end = 0; end < 2; end++)
            {
              const PpSideEstimate *s = &ce->sides[end];

              if (s->charged && s->options[s->chosen].cumulative == NULL)
                finding_price_missing (&c, conn, ce, s);
              for (guint o = 0; o < s->n_options; o++)
                finding_price_stale (&c, conn, &s->options[o], s, stale_seen);
            }
          if (ce->product == PP_PRODUCT_ROUTER_INTERFACE)
            finding_retired (&c, conn, &g_array_index (e->alternatives, PpConnEstimate, ai++));
        }
    }
  {
    g_autoptr(PpFindings) scratch = findings ? NULL : pp_findings_new ();

    e->quota_usage = pp_quota_check (sc, c.quotas, findings ? findings : scratch);
  }
  lead_times (&c);
  return g_steal_pointer (&e);
}

gboolean
pp_pricing_check (const PpScenario *sc, PpFindings *findings, GError **error)
{
  g_autoptr(PpEstimate) e = pp_estimate_new (sc, NULL, findings, error);

  return e != NULL;
}
