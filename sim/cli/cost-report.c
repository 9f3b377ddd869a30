/* SPDX-License-Identifier: MIT */
/* cost-report.c: the cost summary as text/Markdown (for plan) and JSON. */

#include "sim/cli/cost-report.h"
#include "pricing/pp-calendar.h"
#include "pricing/pp-cost-format.h"
#include "pricing/pp-money.h"

gboolean
pp_cli_cost_summary (FILE *out, const PpScenario *sc, PpFindings *findings,
                     gboolean markdown, GError **error)
{
  g_autoptr(PpEstimate) e = pp_estimate_new (sc, NULL, findings, error);
  g_autofree char *text = NULL;

  if (e == NULL)
    return FALSE;
  text = pp_cost_format (e, markdown ? PP_COST_STYLE_MARKDOWN : PP_COST_STYLE_TEXT);
  fputs (text, out);
  return TRUE;
}

static void
member_str (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, value);
}

static void
member_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
member_bool (JsonBuilder *b, const char *name, gboolean value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
member_money (JsonBuilder *b, const char *name, guint64 minor)
{
  g_autofree char *s = pp_money_format_minor (minor);

  member_str (b, name, s);
}

static void
member_date (JsonBuilder *b, const char *name, gboolean has, const GDate *d)
{
  char buf[11];

  member_str (b, name, has ? pp_date_format (d, buf) : NULL);
}

/* {"CNY": "12.34", ...} */
static void
member_totals (JsonBuilder *b, const char *name, const guint64 *total, const gboolean *used)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint c = 0; c < PP_CURRENCY_LAST; c++)
    if (used[c])
      member_money (b, pp_currency_to_string ((PpCurrency) c), total[c]);
  json_builder_end_object (b);
}

/* A price's reference: "file:line", unique per price element. */
static char *
price_ref (const PpPrice *p)
{
  return g_strdup_printf ("%s:%u", p->file, p->line);
}

static void
add_price (JsonBuilder *b, const PpPrice *p)
{
  g_autofree char *amount = pp_money_format_micro (p->amount_micro);
  g_autofree char *ref = price_ref (p);

  json_builder_begin_object (b);
  member_str (b, "ref", ref);
  member_str (b, "id", p->id);
  member_bool (b, "quote", p->quote);
  member_str (b, "amount", amount);
  member_str (b, "currency", pp_currency_to_string (p->currency));
  member_str (b, "unit", pp_price_unit_to_string (p->unit));
  member_str (b, "charge", pp_price_charge_to_string (p->charge));
  member_str (b, "source", p->source);
  member_str (b, "site", p->site);
  member_str (b, "as_of", p->as_of);
  member_bool (b, "as_of_exact", p->as_of_exact);
  member_str (b, "effective", p->effective);
  member_str (b, "note", p->note);
  member_str (b, "file", p->file);
  member_int (b, "line", p->line);
  json_builder_end_object (b);
}

static void
add_option (JsonBuilder *b, const PpOption *o, gboolean chosen)
{
  json_builder_begin_object (b);
  member_str (b, "billing", pp_option_kind_to_string (o->kind));
  member_bool (b, "chosen", chosen);
  member_bool (b, "priced", o->cumulative != NULL);
  member_str (b, "unit", pp_price_unit_to_string (o->unit));
  member_str (b, "currency", pp_currency_to_string (o->currency));
  member_str (b, "basis", o->basis);
  if (o->cumulative != NULL)
    {
      g_autofree char *unit = pp_money_format_micro (o->unit_micro);
      g_autofree char *qty = pp_quantity_format (o->quantity_milli);

      member_str (b, "unit_price", unit);
      member_bool (b, "converted", o->converted);
      member_str (b, "quantity", qty);
      member_money (b, "amount", o->amount_minor);
      member_int (b, "amount_minor", (gint64) o->amount_minor);
    }
  else
    {
      member_str (b, "unit_price", NULL);
      member_str (b, "amount", NULL);
    }
  /* The price record (source, site, as-of...) is in the top-level
   * "prices", under this reference. */
  if (o->price != NULL)
    {
      g_autofree char *ref = price_ref (o->price);

      member_str (b, "price", ref);
    }
  else
    member_str (b, "price", NULL);
  if (o->ask != NULL)
    member_str (b, "ask", o->ask);
  json_builder_end_object (b);
}

static void
add_connection (JsonBuilder *b, const PpEstimate *e, const PpConnEstimate *ce)
{
  const PpScenario *sc = e->sc;
  const PpConnection *conn = pp_scenario_connection (sc, ce->connection);

  json_builder_begin_object (b);
  member_str (b, "id", conn->id);
  member_str (b, "product", pp_product_to_string (ce->product));
  member_str (b, "spec", ce->spec);
  member_str (b, "link_type", ce->link_type);
  member_str (b, "from_region", pp_scenario_vpc (sc, ce->sides[0].vpc)->region->id);
  member_str (b, "to_region", pp_scenario_vpc (sc, ce->sides[1].vpc)->region->id);
  member_bool (b, "cross_region", ce->cross_region);
  member_bool (b, "cross_border", ce->cross_border);
  json_builder_set_member_name (b, "sides");
  json_builder_begin_array (b);
  for (guint end = 0; end < 2; end++)
    {
      const PpSideEstimate *s = &ce->sides[end];

      json_builder_begin_object (b);
      member_str (b, "account", pp_scenario_account (sc, s->account)->id);
      member_str (b, "vpc", pp_scenario_vpc (sc, s->vpc)->id);
      member_str (b, "role", s->role);
      member_bool (b, "charged", s->charged);
      json_builder_set_member_name (b, "usage");
      json_builder_begin_object (b);
      {
        g_autofree char *gb = pp_quantity_format (s->gb_milli);
        g_autofree char *days = pp_quantity_format (s->days_milli);
        g_autofree char *hours = pp_quantity_format (s->hours_milli);

        member_str (b, "gb_per_month_outbound", s->gb_given ? gb : NULL);
        member_str (b, "days_per_month", days);
        member_str (b, "hours_per_day", hours);
      }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "options");
      json_builder_begin_array (b);
      for (guint i = 0; i < s->n_options; i++)
        add_option (b, &s->options[i], i == s->chosen);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "break_even");
      if (s->has_cheaper)
        {
          json_builder_begin_object (b);
          member_str (b, "cheaper", pp_option_kind_to_string (s->options[s->cheaper].kind));
          if (s->has_breakeven && !s->breakeven_never)
            {
              g_autofree char *q = pp_quantity_format (s->breakeven_milli);

              member_str (b, s->breakeven_unit == PP_UNIT_HOUR ? "hours_per_month" : "days_per_month", q);
            }
          member_bool (b, "pay_as_you_go_always_cheaper", s->has_breakeven && s->breakeven_never);
          json_builder_set_member_name (b, "month");
          if (s->breakeven_month)
            json_builder_add_int_value (b, s->breakeven_month);
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  member_totals (b, "total", ce->total_minor, ce->total_used);
  member_bool (b, "incomplete", ce->incomplete);
  json_builder_end_object (b);
}

JsonNode *
pp_cost_report_json (const PpEstimate *e, const PpFindings *findings)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const PpScenario *sc = e->sc;
  guint ai = 0;

  json_builder_begin_object (b);
  member_int (b, "version", 1);
  member_str (b, "scenario", sc->name);
  member_str (b, "file", sc->file);
  member_int (b, "months", e->months);
  member_str (b, "currency", pp_currency_to_string (e->currency));
  if (e->usd_to_cny_micro)
    {
      g_autofree char *r = pp_money_format_micro (e->usd_to_cny_micro);

      member_str (b, "usd_to_cny", r);
    }
  else
    member_str (b, "usd_to_cny", NULL);
  member_date (b, "start", e->has_start, &e->start);
  member_str (b, "start_from", e->has_start ? e->start_from : NULL);

  /* Every unit price used, once, in order of first use. */
  json_builder_set_member_name (b, "prices");
  json_builder_begin_array (b);
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
  json_builder_end_array (b);

  json_builder_set_member_name (b, "connections");
  json_builder_begin_array (b);
  for (guint i = 0; i < e->connections->len; i++)
    add_connection (b, e, &g_array_index (e->connections, PpConnEstimate, i));
  json_builder_end_array (b);

  /* The same designs as VPC Peering Connections (product-retired), one
   * per router-interface connection, with the same ids. */
  json_builder_set_member_name (b, "alternatives");
  json_builder_begin_array (b);
  for (; ai < e->alternatives->len; ai++)
    add_connection (b, e, &g_array_index (e->alternatives, PpConnEstimate, ai));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "accounts");
  json_builder_begin_array (b);
  for (guint a = 0; a < e->accounts->len; a++)
    {
      const PpAccountTotal *t = &g_array_index (e->accounts, PpAccountTotal, a);

      json_builder_begin_object (b);
      member_str (b, "id", pp_scenario_account (sc, t->account)->id);
      member_totals (b, "total", t->total_minor, t->total_used);
      member_bool (b, "incomplete", t->incomplete);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  member_totals (b, "total", e->total_minor, e->total_used);
  member_bool (b, "incomplete", e->incomplete);

  json_builder_set_member_name (b, "lead_times");
  json_builder_begin_array (b);
  for (guint i = 0; i < e->lead_times->len; i++)
    {
      const PpLeadTime *lt = &g_array_index (e->lead_times, PpLeadTime, i);
      const PpTicketRule *r = lt->rule;

      json_builder_begin_object (b);
      member_str (b, "rule", r->rule);
      member_str (b, "connection", lt->connection != G_MAXUINT32
                                   ? pp_scenario_connection (sc, lt->connection)->id : NULL);
      member_str (b, "quota_name", lt->object);
      member_str (b, "what", r->what);
      member_bool (b, "confirmed", r->confirmed);
      if (r->has_days)
        {
          member_int (b, "min_working_days", r->min_days);
          member_int (b, "max_working_days", r->max_days);
        }
      member_int (b, "month_end_days", r->month_end_days);
      member_date (b, "earliest", lt->dated, &lt->earliest);
      member_date (b, "latest", lt->dated, &lt->latest);
      member_str (b, "source", r->source);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  member_date (b, "ready", e->has_ready, &e->ready);
  member_bool (b, "ready_is_lower_bound", e->ready_is_lower_bound);
  member_bool (b, "public_holidays_known", FALSE);

  json_builder_set_member_name (b, "quotas");
  json_builder_begin_array (b);
  for (guint i = 0; i < e->quota_usage->len; i++)
    {
      const PpQuotaUsage *u = &g_array_index (e->quota_usage, PpQuotaUsage, i);

      json_builder_begin_object (b);
      member_str (b, "rule", u->quota->rule);
      member_str (b, "quota_name", u->quota->quota_name);
      member_int (b, "limit", u->quota->limit);
      member_str (b, "object", u->object);
      member_int (b, "count", u->count);
      member_int (b, "headroom", u->headroom);
      member_int (b, "over", u->n_over);
      member_str (b, "source", u->quota->source);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < pp_findings_len (findings); i++)
    {
      const PpFinding *f = pp_findings_nth (findings, i);

      json_builder_begin_object (b);
      member_str (b, "rule", f->rule);
      member_str (b, "severity", pp_severity_to_string (f->severity));
      member_str (b, "message", f->message);
      member_str (b, "file", f->file);
      member_int (b, "line", f->line);
      member_str (b, "hint", f->hint);
      json_builder_set_member_name (b, "objects");
      json_builder_begin_array (b);
      for (guint k = 0; f->objects != NULL && f->objects[k] != NULL; k++)
        json_builder_add_string_value (b, f->objects[k]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
