/* SPDX-License-Identifier: MIT */
/* pp-estimate.c: per-side estimates, break-even and findings; prices are
 * matched in pp-estimate-price.c, lead times in pp-estimate-lead.c.
 *
 * DOC: one pass over the connections, in scenario order.  Each connection
 * gets a PpConnEstimate with two sides; a side has one or two options (the
 * billing choices priced), each with its unit price (and where it came
 * from), quantity over the horizon, amount and the cumulative cost per
 * month for the chart.  Totals are summed from the chosen options per
 * account and per currency.  Everything is integer arithmetic through
 * pp-money.h; an overflow aborts the estimate with an error.
 */

#include "pricing/pp-estimate-private.h"
#include "pricing/pp-calendar.h"
#include "pricing/pp-money.h"
#include "pricing/pp-pricing-error.h"
#include "model/pp-error.h"

#include <string.h>

#define RETIRED_SINCE "2019-06-20"

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

/* ---- monthly series ---- */

static void
monthly_clear (PpMonthly *m)
{
  for (guint c = 0; c < PP_CURRENCY_LAST; c++)
    g_clear_pointer (&m->minor[c], g_free);
}

/* Adds the month-by-month cost of @o (priced) to @m. */
static gboolean
monthly_add_option (PpMonthly *m, const PpOption *o, guint months, GError **error)
{
  guint64 **series = &m->minor[o->currency];

  if (*series == NULL)
    *series = g_new0 (guint64, months);
  for (guint k = 0; k < months; k++)
    if (!pp_money_add (&(*series)[k], o->cumulative[k + 1] - o->cumulative[k], error))
      return FALSE;
  return TRUE;
}

guint
pp_estimate_steady_month (const PpEstimate *e)
{
  return e->months > 1 ? 2 : 1;
}

gboolean
pp_estimate_has_long_cycles (const PpEstimate *e)
{
  for (guint i = 0; i < e->connections->len; i++)
    {
      const PpConnEstimate *ce = &g_array_index (e->connections, PpConnEstimate, i);

      for (guint end = 0; end < 2; end++)
        {
          const PpOption *o = &ce->sides[end].options[ce->sides[end].chosen];

          if (o->cumulative != NULL && o->cycle_months > 1 && o->amount_minor > 0)
            return TRUE;
        }
    }
  return FALSE;
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
          if (!pp_estimate_option_subscription (c, &s->options[0], &conn->ends[0], w, error) ||
              !pp_estimate_option_payg (c, &s->options[1], s, w, error))
            return FALSE;
          s->chosen = conn->ends[0].charge == PP_CHARGE_PAY_AS_YOU_GO ? 1 : 0;
          side_breakeven (c, s);
        }
      else if (product == PP_PRODUCT_ROUTER_INTERFACE)
        {
          s->charged = FALSE;
          s->n_options = 1;
          if (!pp_estimate_option_free (c, &s->options[0], w, error))
            return FALSE;
        }
      else
        {
          s->charged = out->cross_region;
          s->n_options = 1;
          w.role = PP_ROLE_ANY;
          if (!pp_estimate_option_transfer (c, &s->options[0], s, w, error))
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
      if (!pp_money_add (&out->total_minor[o->currency], o->amount_minor, error) ||
          !monthly_add_option (&out->monthly, o, c->e->months, error))
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
      pp_estimate_option_clear (&ce->sides[s].options[o]);
  monthly_clear (&ce->monthly);
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
      /* the same element but for these two: half the length */
      g_string_append_printf (hint, "; to compare, the same with charge=\"%s\" unit=\"%s\"",
                              pp_option_kind_to_string (s->options[i].kind),
                              pp_price_unit_to_string (s->options[i].unit));
  pp_finding_set_hint (f, "%s", hint->str);
  g_string_free (hint, TRUE);
  pp_finding_set_subject (f, conn->id);
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
                       "connection %s: the %s %s price, %s, is %d days old on %s (as of %s%s; limit %u)",
                       conn->id, s->role, pp_option_kind_to_string (o->kind), text,
                       age, pp_date_format (&e->stale_ref, ref),
                       p->as_of, p->as_of_exact ? "" : " or later", e->max_age_days);
  pp_finding_set_source (f, p->source);
  pp_finding_set_hint (f, "check the figure on the purchase page and give it as a quote (--prices FILE) with its as-of date");
  /* the connection is priced; the account pays */
  pp_finding_set_subject (f, conn->id);
}

static char *
alternative_summary (const Ctx *c, const PpConnEstimate *alt)
{
  GString *s = g_string_new (NULL);
  gboolean none_given = !alt->sides[0].gb_given && !alt->sides[1].gb_given;

  for (guint end = 0; end < 2; end++)
    {
      const PpSideEstimate *side = &alt->sides[end];
      const PpOption *o = &side->options[0];
      g_autofree char *gb = pp_quantity_format (side->gb_milli);

      if (end > 0)
        g_string_append (s, ", ");
      if (o->cumulative == NULL)
        g_string_append_printf (s, "%s pays an unknown rate", end_objects_id (c, side));
      else if (alt->cross_region && !side->gb_given)
        {
          /* "x 0 GB = 0.00" would read as free: without traffic there is
           * a rate, not an amount. */
          g_autofree char *unit = price_text (o);

          g_string_append_printf (s, "%s pays %s of its outbound traffic%s",
                                  end_objects_id (c, side), unit, none_given ? "" : " (none given)");
        }
      else
        {
          g_autofree char *unit = price_text (o);
          g_autofree char *amount = pp_money_format_minor (o->amount_minor);

          g_string_append_printf (s, "%s pays %s x %s GB a month = %s %s",
                                  end_objects_id (c, side), unit, gb, amount,
                                  pp_currency_to_string (o->currency));
        }
    }
  if (alt->cross_region && none_given)
    g_string_append (s, "; no traffic was given, so there is no amount "
                     "(add <usage gb-per-month=\"N\"/> to the connection or give --traffic GB)");
  else
    g_string_append_printf (s, " over %u months", c->e->months);
  return g_string_free (s, FALSE);
}

static void
finding_retired (Ctx *c, const PpConnection *conn, const PpConnEstimate *alt)
{
  const char *objects[] = { conn->id, NULL };
  g_autofree char *summary = alternative_summary (c, alt);
  PpFinding *f;

  /* one line for what is wrong; what the same design costs now goes with
   * the fix, in the hint */
  f = pp_findings_add (c->findings, "product-retired", c->sc->file, conn->line, objects,
                       "connection %s: router-interface VPC-to-VPC connections have been closed to new purchases since %s",
                       conn->id, RETIRED_SINCE);
  if (conn->status != NULL)
    {
      pp_finding_set_severity (f, PP_SEVERITY_INFO);
      pp_finding_set_hint (f, "an existing connection keeps working; a new one is bought as a VPC Peering Connection (type=\"vpc-peer\"): %s, %s: %s",
                           alt->link_type,
                           alt->cross_region ? "each side pays its own outbound traffic" : "free within a region",
                           summary);
    }
  else
    pp_finding_set_hint (f, "declare the connection with type=\"vpc-peer\" (<requester>/<accepter>) to plan what can still be bought: as a VPC Peering Connection (%s, %s), %s; the estimate of that design is shown next to this one",
                         alt->link_type,
                         alt->cross_region ? "each side pays its own outbound traffic" : "free within a region",
                         summary);
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
  for (guint i = 0; e->accounts && i < e->accounts->len; i++)
    monthly_clear (&g_array_index (e->accounts, PpAccountTotal, i).monthly);
  monthly_clear (&e->monthly);
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
              !pp_money_add (&e->total_minor[o->currency], o->amount_minor, error) ||
              !monthly_add_option (&t->monthly, o, e->months, error) ||
              !monthly_add_option (&e->monthly, o, e->months, error))
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
  g_autofree FoundMemo *found = g_new0 (FoundMemo, 1);

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
  c.found = found;

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
  pp_estimate_lead_times (&c);
  return g_steal_pointer (&e);
}

gboolean
pp_pricing_check (const PpScenario *sc, PpFindings *findings, GError **error)
{
  g_autoptr(PpEstimate) e = pp_estimate_new (sc, NULL, findings, error);

  return e != NULL;
}

