/* SPDX-License-Identifier: MIT */
/* cost-json.c: the estimate as JSON (cost-report.h), streamed: the
 * document of an estate with tens of thousands of connections is tens of
 * megabytes (docs/performance.md). */

#include "sim/cli/cost-report.h"
#include "sim/cli/report.h"
#include "pricing/pp-calendar.h"
#include "pricing/pp-money.h"

static void
member_money (PpJsonWriter *b, const char *name, guint64 minor)
{
  g_autofree char *s = pp_money_format_minor (minor);

  pp_json_member_string (b, name, s);
}

static void
member_date (PpJsonWriter *b, const char *name, gboolean has, const GDate *d)
{
  char buf[11];

  pp_json_member_string (b, name, has ? pp_date_format (d, buf) : NULL);
}

/* {"CNY": "12.34", ...} */
static void
member_totals (PpJsonWriter *b, const char *name, const guint64 *total, const gboolean *used)
{
  pp_json_key (b, name);
  pp_json_begin_object (b);
  for (guint c = 0; c < PP_CURRENCY_LAST; c++)
    if (used[c])
      member_money (b, pp_currency_to_string ((PpCurrency) c), total[c]);
  pp_json_end_object (b);
}

/* {"CNY": ["12.34", ...], ...}: month 1 first, one amount per month of
 * the horizon, per currency used (the same currencies as "total"). */
static void
member_monthly (PpJsonWriter *b, const PpMonthly *m, const gboolean *used, guint months)
{
  pp_json_key (b, "monthly");
  pp_json_begin_object (b);
  for (guint c = 0; c < PP_CURRENCY_LAST; c++)
    {
      if (!used[c] || m->minor[c] == NULL)
        continue;
      pp_json_key (b, pp_currency_to_string ((PpCurrency) c));
      pp_json_begin_array (b);
      for (guint k = 0; k < months; k++)
        {
          g_autofree char *v = pp_money_format_minor (m->minor[c][k]);

          pp_json_string (b, v);
        }
      pp_json_end_array (b);
    }
  pp_json_end_object (b);
}

/* A price's reference: "file:line", unique per price element. */
static char *
price_ref (const PpPrice *p)
{
  return g_strdup_printf ("%s:%u", p->file, p->line);
}

static void
add_price (PpJsonWriter *b, const PpPrice *p)
{
  g_autofree char *amount = pp_money_format_micro (p->amount_micro);
  g_autofree char *ref = price_ref (p);

  pp_json_begin_object (b);
  pp_json_member_string (b, "ref", ref);
  pp_json_member_string (b, "id", p->id);
  pp_json_member_bool (b, "quote", p->quote);
  pp_json_member_string (b, "amount", amount);
  pp_json_member_string (b, "currency", pp_currency_to_string (p->currency));
  pp_json_member_string (b, "unit", pp_price_unit_to_string (p->unit));
  pp_json_member_string (b, "charge", pp_price_charge_to_string (p->charge));
  pp_json_member_string (b, "source", p->source);
  pp_json_member_string (b, "site", p->site);
  pp_json_member_string (b, "as_of", p->as_of);
  pp_json_member_bool (b, "as_of_exact", p->as_of_exact);
  pp_json_member_string (b, "effective", p->effective);
  pp_json_member_string (b, "note", p->note);
  pp_json_member_string (b, "file", p->file);
  pp_json_member_int (b, "line", p->line);
  pp_json_end_object (b);
}

static void
add_option (PpJsonWriter *b, const PpOption *o, gboolean chosen)
{
  pp_json_begin_object (b);
  pp_json_member_string (b, "billing", pp_option_kind_to_string (o->kind));
  pp_json_member_bool (b, "chosen", chosen);
  pp_json_member_bool (b, "priced", o->cumulative != NULL);
  pp_json_member_string (b, "unit", pp_price_unit_to_string (o->unit));
  pp_json_member_string (b, "currency", pp_currency_to_string (o->currency));
  pp_json_member_string (b, "basis", o->basis);
  if (o->cumulative != NULL)
    {
      g_autofree char *unit = pp_money_format_micro (o->unit_micro);
      g_autofree char *qty = pp_quantity_format (o->quantity_milli);

      pp_json_member_string (b, "unit_price", unit);
      pp_json_member_bool (b, "converted", o->converted);
      pp_json_member_string (b, "quantity", qty);
      member_money (b, "amount", o->amount_minor);
      pp_json_member_int (b, "amount_minor", (gint64) o->amount_minor);
    }
  else
    {
      pp_json_member_string (b, "unit_price", NULL);
      pp_json_member_string (b, "amount", NULL);
    }
  /* The price record (source, site, as-of...) is in the top-level
   * "prices", under this reference. */
  if (o->price != NULL)
    {
      g_autofree char *ref = price_ref (o->price);

      pp_json_member_string (b, "price", ref);
    }
  else
    pp_json_member_string (b, "price", NULL);
  if (o->ask != NULL)
    pp_json_member_string (b, "ask", o->ask);
  pp_json_end_object (b);
}

static void
add_connection (PpJsonWriter *b, const PpEstimate *e, const PpConnEstimate *ce)
{
  const PpScenario *sc = e->sc;
  const PpConnection *conn = pp_scenario_connection (sc, ce->connection);

  pp_json_begin_object (b);
  pp_json_member_string (b, "id", conn->id);
  pp_json_member_string (b, "product", pp_product_to_string (ce->product));
  pp_json_member_string (b, "spec", ce->spec);
  pp_json_member_string (b, "link_type", ce->link_type);
  pp_json_member_string (b, "from_region", pp_scenario_vpc (sc, ce->sides[0].vpc)->region->id);
  pp_json_member_string (b, "to_region", pp_scenario_vpc (sc, ce->sides[1].vpc)->region->id);
  pp_json_member_bool (b, "cross_region", ce->cross_region);
  pp_json_member_bool (b, "cross_border", ce->cross_border);
  pp_json_key (b, "sides");
  pp_json_begin_array (b);
  for (guint end = 0; end < 2; end++)
    {
      const PpSideEstimate *s = &ce->sides[end];

      pp_json_begin_object (b);
      pp_json_member_string (b, "account", pp_scenario_account (sc, s->account)->id);
      pp_json_member_string (b, "vpc", pp_scenario_vpc (sc, s->vpc)->id);
      pp_json_member_string (b, "role", s->role);
      pp_json_member_bool (b, "charged", s->charged);
      pp_json_key (b, "usage");
      pp_json_begin_object (b);
      {
        g_autofree char *gb = pp_quantity_format (s->gb_milli);
        g_autofree char *days = pp_quantity_format (s->days_milli);
        g_autofree char *hours = pp_quantity_format (s->hours_milli);

        pp_json_member_string (b, "gb_per_month_outbound", s->gb_given ? gb : NULL);
        pp_json_member_string (b, "days_per_month", days);
        pp_json_member_string (b, "hours_per_day", hours);
      }
      pp_json_end_object (b);
      pp_json_key (b, "options");
      pp_json_begin_array (b);
      for (guint i = 0; i < s->n_options; i++)
        add_option (b, &s->options[i], i == s->chosen);
      pp_json_end_array (b);
      pp_json_key (b, "break_even");
      if (s->has_cheaper)
        {
          pp_json_begin_object (b);
          pp_json_member_string (b, "cheaper", pp_option_kind_to_string (s->options[s->cheaper].kind));
          if (s->has_breakeven && !s->breakeven_never)
            {
              g_autofree char *q = pp_quantity_format (s->breakeven_milli);

              pp_json_member_string (b, s->breakeven_unit == PP_UNIT_HOUR ? "hours_per_month" : "days_per_month", q);
            }
          pp_json_member_bool (b, "pay_as_you_go_always_cheaper", s->has_breakeven && s->breakeven_never);
          pp_json_key (b, "month");
          if (s->breakeven_month)
            pp_json_int (b, s->breakeven_month);
          else
            pp_json_null (b);
          pp_json_end_object (b);
        }
      else
        pp_json_null (b);
      pp_json_end_object (b);
    }
  pp_json_end_array (b);
  member_totals (b, "total", ce->total_minor, ce->total_used);
  member_monthly (b, &ce->monthly, ce->total_used, e->months);
  pp_json_member_bool (b, "incomplete", ce->incomplete);
  pp_json_end_object (b);
}

void
pp_cost_report_json_members (PpJsonWriter *b, const PpEstimate *e)
{
  const PpScenario *sc = e->sc;
  guint ai = 0;

  pp_json_member_string (b, "scenario", sc->name);
  pp_json_member_string (b, "file", sc->file);
  pp_json_member_int (b, "months", e->months);
  pp_json_member_string (b, "currency", pp_currency_to_string (e->currency));
  if (e->usd_to_cny_micro)
    {
      g_autofree char *r = pp_money_format_micro (e->usd_to_cny_micro);

      pp_json_member_string (b, "usd_to_cny", r);
    }
  else
    pp_json_member_string (b, "usd_to_cny", NULL);
  member_date (b, "start", e->has_start, &e->start);
  pp_json_member_string (b, "start_from", e->has_start ? e->start_from : NULL);

  /* Every unit price used, once, in order of first use. */
  pp_json_key (b, "prices");
  pp_json_begin_array (b);
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
    GArray *lists[2] = { e->connections, e->alternatives };

    for (guint l = 0; l < 2; l++)
      for (guint i = 0; i < lists[l]->len; i++)
        {
          const PpConnEstimate *ce = &g_array_index (lists[l], PpConnEstimate, i);

          for (guint end = 0; end < 2; end++)
            for (guint k = 0; k < ce->sides[end].n_options; k++)
              {
                const PpPrice *p = ce->sides[end].options[k].price;

                if (p != NULL && g_hash_table_add (seen, (gpointer) p))
                  add_price (b, p);
              }
        }
  }
  pp_json_end_array (b);

  pp_json_key (b, "connections");
  pp_json_begin_array (b);
  for (guint i = 0; i < e->connections->len; i++)
    add_connection (b, e, &g_array_index (e->connections, PpConnEstimate, i));
  pp_json_end_array (b);

  /* The same designs as VPC Peering Connections (product-retired), one
   * per router-interface connection, with the same ids. */
  pp_json_key (b, "alternatives");
  pp_json_begin_array (b);
  for (; ai < e->alternatives->len; ai++)
    add_connection (b, e, &g_array_index (e->alternatives, PpConnEstimate, ai));
  pp_json_end_array (b);

  pp_json_key (b, "accounts");
  pp_json_begin_array (b);
  for (guint a = 0; a < e->accounts->len; a++)
    {
      const PpAccountTotal *t = &g_array_index (e->accounts, PpAccountTotal, a);

      pp_json_begin_object (b);
      pp_json_member_string (b, "id", pp_scenario_account (sc, t->account)->id);
      member_totals (b, "total", t->total_minor, t->total_used);
      member_monthly (b, &t->monthly, t->total_used, e->months);
      pp_json_member_bool (b, "incomplete", t->incomplete);
      pp_json_end_object (b);
    }
  pp_json_end_array (b);
  member_totals (b, "total", e->total_minor, e->total_used);
  member_monthly (b, &e->monthly, e->total_used, e->months);
  pp_json_member_int (b, "steady_month", pp_estimate_steady_month (e));
  pp_json_member_bool (b, "incomplete", e->incomplete);

  pp_json_key (b, "lead_times");
  pp_json_begin_array (b);
  for (guint i = 0; i < e->lead_times->len; i++)
    {
      const PpLeadTime *lt = &g_array_index (e->lead_times, PpLeadTime, i);
      const PpTicketRule *r = lt->rule;

      pp_json_begin_object (b);
      pp_json_member_string (b, "rule", r->rule);
      pp_json_member_string (b, "connection", lt->connection != G_MAXUINT32
                                   ? pp_scenario_connection (sc, lt->connection)->id : NULL);
      pp_json_member_string (b, "quota_name", lt->object);
      pp_json_member_string (b, "what", r->what);
      pp_json_member_bool (b, "confirmed", r->confirmed);
      if (r->has_days)
        {
          pp_json_member_int (b, "min_working_days", r->min_days);
          pp_json_member_int (b, "max_working_days", r->max_days);
        }
      pp_json_member_int (b, "month_end_days", r->month_end_days);
      member_date (b, "earliest", lt->dated, &lt->earliest);
      member_date (b, "latest", lt->dated, &lt->latest);
      pp_json_member_string (b, "source", r->source);
      pp_json_end_object (b);
    }
  pp_json_end_array (b);
  member_date (b, "ready", e->has_ready, &e->ready);
  pp_json_member_bool (b, "ready_is_lower_bound", e->ready_is_lower_bound);
  pp_json_member_bool (b, "public_holidays_known", FALSE);

  pp_json_key (b, "quotas");
  pp_json_begin_array (b);
  for (guint i = 0; i < e->quota_usage->len; i++)
    {
      const PpQuotaUsage *u = &g_array_index (e->quota_usage, PpQuotaUsage, i);

      pp_json_begin_object (b);
      pp_json_member_string (b, "rule", u->quota->rule);
      pp_json_member_string (b, "quota_name", u->quota->quota_name);
      pp_json_member_int (b, "limit", u->quota->limit);
      pp_json_member_string (b, "object", u->object);
      pp_json_member_int (b, "count", u->count);
      pp_json_member_int (b, "headroom", u->headroom);
      pp_json_member_string (b, "unit", u->quota->unit);
      pp_json_member_int (b, "over", u->n_over);
      pp_json_member_string (b, "source", u->quota->source);
      pp_json_end_object (b);
    }
  pp_json_end_array (b);
}

void
pp_cost_report_json (FILE *out, const PpEstimate *e, const PpFindings *findings)
{
  PpJsonWriter w;

  pp_json_writer_init (&w, out);
  pp_json_begin_object (&w);
  pp_json_member_int (&w, "version", 1);
  pp_cost_report_json_members (&w, e);
  pp_json_key (&w, "findings");
  pp_report_json_findings (&w, findings);
  pp_report_json_waived (&w, findings);
  pp_json_end_object (&w);
  pp_json_writer_finish (&w);
}
