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

/* ---- a streaming JSON writer ----
 *
 * The cost document of an estate with tens of thousands of connections is
 * tens of megabytes; a tree (JsonBuilder) of it costs seconds and hundreds
 * of megabytes, so the document is written as it is walked.  The layout
 * is json-glib's pretty layout ("key" : value, two-space indent). */

typedef struct {
  FILE *out;
  guint depth;
  gboolean has_items[32];     /* per depth: the container has an element */
  gboolean after_key;
} Jw;

static void
jw_newline (Jw *w)
{
  fputc ('\n', w->out);
  for (guint i = 0; i < w->depth; i++)
    fputs ("  ", w->out);
}

static void
jw_next (Jw *w)
{
  if (w->after_key)
    {
      w->after_key = FALSE;
      return;
    }
  if (w->depth == 0)
    return;
  if (w->has_items[w->depth])
    fputc (',', w->out);
  w->has_items[w->depth] = TRUE;
  jw_newline (w);
}

static void
jw_string_literal (Jw *w, const char *s)
{
  fputc ('"', w->out);
  for (const unsigned char *p = (const unsigned char *) s; *p != '\0'; p++)
    switch (*p)
      {
      case '"': fputs ("\\\"", w->out); break;
      case '\\': fputs ("\\\\", w->out); break;
      case '\n': fputs ("\\n", w->out); break;
      case '\r': fputs ("\\r", w->out); break;
      case '\t': fputs ("\\t", w->out); break;
      default:
        if (*p < 0x20)
          fprintf (w->out, "\\u%04x", *p);
        else
          fputc (*p, w->out);
      }
  fputc ('"', w->out);
}

static void
jw_begin (Jw *w, char open)
{
  jw_next (w);
  fputc (open, w->out);
  g_assert (w->depth + 1 < G_N_ELEMENTS (w->has_items));
  w->has_items[++w->depth] = FALSE;
}

static void
jw_end (Jw *w, char close)
{
  gboolean items = w->has_items[w->depth];

  w->depth--;
  if (items)
    jw_newline (w);
  fputc (close, w->out);
}

static void
jw_key (Jw *w, const char *name)
{
  jw_next (w);
  jw_string_literal (w, name);
  fputs (" : ", w->out);
  w->after_key = TRUE;
}

static void
jw_str (Jw *w, const char *s)
{
  jw_next (w);
  if (s == NULL)
    fputs ("null", w->out);
  else
    jw_string_literal (w, s);
}

static void
jw_int (Jw *w, gint64 v)
{
  jw_next (w);
  fprintf (w->out, "%" G_GINT64_FORMAT, v);
}

static void
jw_bool (Jw *w, gboolean v)
{
  jw_next (w);
  fputs (v ? "true" : "false", w->out);
}

static void
jw_null (Jw *w)
{
  jw_next (w);
  fputs ("null", w->out);
}

static void
member_str (Jw *b, const char *name, const char *value)
{
  jw_key (b, name);
  if (value == NULL)
    jw_null (b);
  else
    jw_str (b, value);
}

static void
member_int (Jw *b, const char *name, gint64 value)
{
  jw_key (b, name);
  jw_int (b, value);
}

static void
member_bool (Jw *b, const char *name, gboolean value)
{
  jw_key (b, name);
  jw_bool (b, value);
}

static void
member_money (Jw *b, const char *name, guint64 minor)
{
  g_autofree char *s = pp_money_format_minor (minor);

  member_str (b, name, s);
}

static void
member_date (Jw *b, const char *name, gboolean has, const GDate *d)
{
  char buf[11];

  member_str (b, name, has ? pp_date_format (d, buf) : NULL);
}

/* {"CNY": "12.34", ...} */
static void
member_totals (Jw *b, const char *name, const guint64 *total, const gboolean *used)
{
  jw_key (b, name);
  jw_begin (b, '{');
  for (guint c = 0; c < PP_CURRENCY_LAST; c++)
    if (used[c])
      member_money (b, pp_currency_to_string ((PpCurrency) c), total[c]);
  jw_end (b, '}');
}

/* A price's reference: "file:line", unique per price element. */
static char *
price_ref (const PpPrice *p)
{
  return g_strdup_printf ("%s:%u", p->file, p->line);
}

static void
add_price (Jw *b, const PpPrice *p)
{
  g_autofree char *amount = pp_money_format_micro (p->amount_micro);
  g_autofree char *ref = price_ref (p);

  jw_begin (b, '{');
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
  jw_end (b, '}');
}

static void
add_option (Jw *b, const PpOption *o, gboolean chosen)
{
  jw_begin (b, '{');
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
  jw_end (b, '}');
}

static void
add_connection (Jw *b, const PpEstimate *e, const PpConnEstimate *ce)
{
  const PpScenario *sc = e->sc;
  const PpConnection *conn = pp_scenario_connection (sc, ce->connection);

  jw_begin (b, '{');
  member_str (b, "id", conn->id);
  member_str (b, "product", pp_product_to_string (ce->product));
  member_str (b, "spec", ce->spec);
  member_str (b, "link_type", ce->link_type);
  member_str (b, "from_region", pp_scenario_vpc (sc, ce->sides[0].vpc)->region->id);
  member_str (b, "to_region", pp_scenario_vpc (sc, ce->sides[1].vpc)->region->id);
  member_bool (b, "cross_region", ce->cross_region);
  member_bool (b, "cross_border", ce->cross_border);
  jw_key (b, "sides");
  jw_begin (b, '[');
  for (guint end = 0; end < 2; end++)
    {
      const PpSideEstimate *s = &ce->sides[end];

      jw_begin (b, '{');
      member_str (b, "account", pp_scenario_account (sc, s->account)->id);
      member_str (b, "vpc", pp_scenario_vpc (sc, s->vpc)->id);
      member_str (b, "role", s->role);
      member_bool (b, "charged", s->charged);
      jw_key (b, "usage");
      jw_begin (b, '{');
      {
        g_autofree char *gb = pp_quantity_format (s->gb_milli);
        g_autofree char *days = pp_quantity_format (s->days_milli);
        g_autofree char *hours = pp_quantity_format (s->hours_milli);

        member_str (b, "gb_per_month_outbound", s->gb_given ? gb : NULL);
        member_str (b, "days_per_month", days);
        member_str (b, "hours_per_day", hours);
      }
      jw_end (b, '}');
      jw_key (b, "options");
      jw_begin (b, '[');
      for (guint i = 0; i < s->n_options; i++)
        add_option (b, &s->options[i], i == s->chosen);
      jw_end (b, ']');
      jw_key (b, "break_even");
      if (s->has_cheaper)
        {
          jw_begin (b, '{');
          member_str (b, "cheaper", pp_option_kind_to_string (s->options[s->cheaper].kind));
          if (s->has_breakeven && !s->breakeven_never)
            {
              g_autofree char *q = pp_quantity_format (s->breakeven_milli);

              member_str (b, s->breakeven_unit == PP_UNIT_HOUR ? "hours_per_month" : "days_per_month", q);
            }
          member_bool (b, "pay_as_you_go_always_cheaper", s->has_breakeven && s->breakeven_never);
          jw_key (b, "month");
          if (s->breakeven_month)
            jw_int (b, s->breakeven_month);
          else
            jw_null (b);
          jw_end (b, '}');
        }
      else
        jw_null (b);
      jw_end (b, '}');
    }
  jw_end (b, ']');
  member_totals (b, "total", ce->total_minor, ce->total_used);
  member_bool (b, "incomplete", ce->incomplete);
  jw_end (b, '}');
}

void
pp_cost_report_json (FILE *out, const PpEstimate *e, const PpFindings *findings)
{
  Jw jw = { out, 0, { FALSE }, FALSE };
  Jw *b = &jw;
  const PpScenario *sc = e->sc;
  guint ai = 0;

  jw_begin (b, '{');
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
  jw_key (b, "prices");
  jw_begin (b, '[');
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
  jw_end (b, ']');

  jw_key (b, "connections");
  jw_begin (b, '[');
  for (guint i = 0; i < e->connections->len; i++)
    add_connection (b, e, &g_array_index (e->connections, PpConnEstimate, i));
  jw_end (b, ']');

  /* The same designs as VPC Peering Connections (product-retired), one
   * per router-interface connection, with the same ids. */
  jw_key (b, "alternatives");
  jw_begin (b, '[');
  for (; ai < e->alternatives->len; ai++)
    add_connection (b, e, &g_array_index (e->alternatives, PpConnEstimate, ai));
  jw_end (b, ']');

  jw_key (b, "accounts");
  jw_begin (b, '[');
  for (guint a = 0; a < e->accounts->len; a++)
    {
      const PpAccountTotal *t = &g_array_index (e->accounts, PpAccountTotal, a);

      jw_begin (b, '{');
      member_str (b, "id", pp_scenario_account (sc, t->account)->id);
      member_totals (b, "total", t->total_minor, t->total_used);
      member_bool (b, "incomplete", t->incomplete);
      jw_end (b, '}');
    }
  jw_end (b, ']');
  member_totals (b, "total", e->total_minor, e->total_used);
  member_bool (b, "incomplete", e->incomplete);

  jw_key (b, "lead_times");
  jw_begin (b, '[');
  for (guint i = 0; i < e->lead_times->len; i++)
    {
      const PpLeadTime *lt = &g_array_index (e->lead_times, PpLeadTime, i);
      const PpTicketRule *r = lt->rule;

      jw_begin (b, '{');
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
      jw_end (b, '}');
    }
  jw_end (b, ']');
  member_date (b, "ready", e->has_ready, &e->ready);
  member_bool (b, "ready_is_lower_bound", e->ready_is_lower_bound);
  member_bool (b, "public_holidays_known", FALSE);

  jw_key (b, "quotas");
  jw_begin (b, '[');
  for (guint i = 0; i < e->quota_usage->len; i++)
    {
      const PpQuotaUsage *u = &g_array_index (e->quota_usage, PpQuotaUsage, i);

      jw_begin (b, '{');
      member_str (b, "rule", u->quota->rule);
      member_str (b, "quota_name", u->quota->quota_name);
      member_int (b, "limit", u->quota->limit);
      member_str (b, "object", u->object);
      member_int (b, "count", u->count);
      member_int (b, "headroom", u->headroom);
      member_str (b, "unit", u->quota->unit);
      member_int (b, "over", u->n_over);
      member_str (b, "source", u->quota->source);
      jw_end (b, '}');
    }
  jw_end (b, ']');

  jw_key (b, "findings");
  jw_begin (b, '[');
  for (guint i = 0; i < pp_findings_len (findings); i++)
    {
      const PpFinding *f = pp_findings_nth (findings, i);

      jw_begin (b, '{');
      member_str (b, "rule", f->rule);
      member_str (b, "severity", pp_severity_to_string (f->severity));
      member_str (b, "message", f->message);
      member_str (b, "file", f->file);
      member_int (b, "line", f->line);
      member_str (b, "hint", f->hint);
      jw_key (b, "objects");
      jw_begin (b, '[');
      for (guint k = 0; f->objects != NULL && f->objects[k] != NULL; k++)
        jw_str (b, f->objects[k]);
      jw_end (b, ']');
      jw_end (b, '}');
    }
  jw_end (b, ']');
  jw_end (b, '}');
  fputc ('\n', out);
}
