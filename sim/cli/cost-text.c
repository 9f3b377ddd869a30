/* SPDX-License-Identifier: MIT */
/* cost-text.c: the estimate as text or Markdown (cost-report.h). */

#include "sim/cli/cost-report.h"
#include "pricing/pp-calendar.h"
#include "pricing/pp-money.h"

#include <string.h>

/* ---- a tiny table writer ---- */

typedef struct {
  GPtrArray *rows;            /* GStrv each, all of n_cols */
  guint n_cols;
} Table;

static void
table_init (Table *t, guint n_cols)
{
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  t->n_cols = n_cols;
}

static void
table_add (Table *t, ...)
{
  va_list ap;
  char **row = g_new0 (char *, t->n_cols + 1);

  va_start (ap, t);
  for (guint i = 0; i < t->n_cols; i++)
    row[i] = g_strdup (va_arg (ap, const char *));
  va_end (ap);
  g_ptr_array_add (t->rows, row);
}

static void
md_cell (GString *out, const char *s)
{
  for (const char *p = s; *p != '\0'; p++)
    {
      if (*p == '|')
        g_string_append (out, "\\|");
      else if (*p == '<')
        g_string_append (out, "&lt;");
      else if (*p == '>')
        g_string_append (out, "&gt;");
      else if (*p == '\n')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
}

static void
table_write (Table *t, GString *out, PpCostStyle style, const char *indent)
{
  g_autofree guint *width = g_new0 (guint, t->n_cols);

  if (style == PP_COST_STYLE_MARKDOWN)
    {
      for (guint r = 0; r < t->rows->len; r++)
        {
          char **row = g_ptr_array_index (t->rows, r);

          g_string_append (out, "|");
          for (guint c = 0; c < t->n_cols; c++)
            {
              g_string_append_c (out, ' ');
              md_cell (out, row[c]);
              g_string_append (out, " |");
            }
          g_string_append_c (out, '\n');
          if (r == 0)
            {
              g_string_append (out, "|");
              for (guint c = 0; c < t->n_cols; c++)
                g_string_append (out, "---|");
              g_string_append_c (out, '\n');
            }
        }
      g_string_append_c (out, '\n');
      goto done;
    }
  for (guint r = 0; r < t->rows->len; r++)
    {
      char **row = g_ptr_array_index (t->rows, r);

      for (guint c = 0; c < t->n_cols; c++)
        width[c] = MAX (width[c], (guint) g_utf8_strlen (row[c], -1));
    }
  for (guint r = 0; r < t->rows->len; r++)
    {
      char **row = g_ptr_array_index (t->rows, r);
      GString *line = g_string_new (indent);

      for (guint c = 0; c < t->n_cols; c++)
        {
          g_string_append (line, row[c]);
          if (c + 1 < t->n_cols)
            for (guint k = (guint) g_utf8_strlen (row[c], -1); k < width[c] + 2; k++)
              g_string_append_c (line, ' ');
        }
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_string_append_printf (out, "%s\n", line->str);
      g_string_free (line, TRUE);
    }
done:
  g_ptr_array_unref (t->rows);
  t->rows = NULL;
}

/* ---- shared text ---- */

char *
pp_cost_unit_price_text (const PpOption *o)
{
  g_autofree char *amount = NULL;

  if (o->cumulative == NULL)
    return g_strdup ("no price");
  amount = pp_money_format_micro (o->unit_micro);
  if (o->converted)
    {
      g_autofree char *orig = pp_money_format_micro (o->price->amount_micro);

      return g_strdup_printf ("%s %s/%s (%s %s converted)", amount,
                              pp_currency_to_string (o->currency),
                              pp_price_unit_to_string (o->unit), orig,
                              pp_currency_to_string (o->price->currency));
    }
  return g_strdup_printf ("%s %s/%s", amount, pp_currency_to_string (o->currency),
                          pp_price_unit_to_string (o->unit));
}

char *
pp_cost_quantity_text (const PpOption *o)
{
  g_autofree char *q = NULL;
  const char *unit = pp_price_unit_to_string (o->unit);

  if (o->cumulative == NULL)
    return g_strdup ("-");
  q = pp_quantity_format (o->quantity_milli);
  if (o->unit == PP_UNIT_GB)
    return g_strdup_printf ("%s GB", q);
  return g_strdup_printf ("%s %s%s", q, unit, o->quantity_milli == PP_MILLI ? "" : "s");
}

static char *
amount_text (const PpOption *o)
{
  g_autofree char *a = NULL;

  if (o->cumulative == NULL)
    return g_strdup ("?");
  a = pp_money_format_minor (o->amount_minor);
  return g_strdup_printf ("%s %s", a, pp_currency_to_string (o->currency));
}

/* A per-GB option with no traffic given: a rate, not an amount ("0 GB,
 * 0.00 CNY" would read as free). */
static gboolean
no_traffic (const PpSideEstimate *s, const PpOption *o)
{
  return s->charged && o->kind == PP_OPTION_TRANSFER && o->cumulative != NULL && !s->gb_given;
}

/* Which accounts' declared billing has a per-GB side without traffic:
 * @lack[a] for scenario account a (@n of them), and the return value for
 * any account.  One pass over the connections, not one per account: an
 * estate has an account for every twenty VPCs or so. */
static gboolean
totals_lack_traffic (const PpEstimate *e, gboolean *lack, guint n)
{
  gboolean any = FALSE;

  for (guint i = 0; i < e->connections->len; i++)
    {
      const PpConnEstimate *ce = &g_array_index (e->connections, PpConnEstimate, i);

      for (guint end = 0; end < 2; end++)
        {
          const PpSideEstimate *s = &ce->sides[end];

          if (s->charged && no_traffic (s, &s->options[s->chosen]))
            {
              any = TRUE;
              if (s->account < n)
                lack[s->account] = TRUE;
            }
        }
    }
  return any;
}

/* @v with " + no traffic" when @lack: the figure leaves out what no
 * traffic was given for. */
static char *
with_traffic_note (char *v, gboolean lack)
{
  char *r;

  if (!lack)
    return v;
  r = g_strconcat (v, " + no traffic", NULL);
  g_free (v);
  return r;
}

/* @brief: "unknown" alone, for a table that explains it once. */
static char *
totals_text_full (const guint64 *total, const gboolean *used, gboolean incomplete,
                  PpCurrency currency, gboolean brief)
{
  GString *s = g_string_new (NULL);

  for (guint c = 0; c < PP_CURRENCY_LAST; c++)
    if (used[c])
      {
        g_autofree char *a = pp_money_format_minor (total[c]);

        g_string_append_printf (s, "%s%s %s", s->len ? " + " : "", a,
                                pp_currency_to_string ((PpCurrency) c));
      }
  if (s->len == 0 && !incomplete)
    g_string_append_printf (s, "0.00 %s", pp_currency_to_string (currency));
  if (incomplete)
    g_string_append (s, brief ? (s->len ? " + unknown" : "unknown")
                              : (s->len ? " + unknown (a price is missing: see price-missing)"
                                        : "unknown (a price is missing: see price-missing)"));
  return g_string_free (s, FALSE);
}

char *
pp_cost_totals_text (const guint64 *total, const gboolean *used, gboolean incomplete,
                     PpCurrency currency)
{
  return totals_text_full (total, used, incomplete, currency, FALSE);
}

/* Month @month (1-based) of @m, as totals_text() writes a total. */
char *
pp_cost_month_text (const PpMonthly *m, const gboolean *used, gboolean incomplete,
                    PpCurrency currency, guint month)
{
  guint64 v[PP_CURRENCY_LAST] = { 0 };

  for (guint c = 0; c < PP_CURRENCY_LAST; c++)
    if (used[c] && m->minor[c] != NULL)
      v[c] = m->minor[c][month - 1];
  return totals_text_full (v, used, incomplete, currency, TRUE);
}

/* Sources, numbered by first use; each entry names the citation, the
 * site and the as-of date of the figures that cite it. */
typedef struct {
  GPtrArray *texts;           /* owned */
} Sources;

char *
pp_cost_source_text (const PpPrice *p)
{
  if (p->quote)
    return g_strdup_printf ("%s (a quote from %s:%u%s%s)", p->source, p->file, p->line,
                            p->as_of ? ", as of " : ", no as-of date", p->as_of ? p->as_of : "");
  return g_strdup_printf ("%s (%s site, as of %s%s%s%s)", p->source, p->site, p->as_of,
                          p->as_of_exact ? "" : " or later: the page is undated",
                          p->effective ? "; charged " : "", p->effective ? p->effective : "");
}

static guint
source_number (Sources *s, const PpPrice *p)
{
  g_autofree char *entry = pp_cost_source_text (p);
  guint i;

  for (i = 0; i < s->texts->len; i++)
    if (strcmp (g_ptr_array_index (s->texts, i), entry) == 0)
      return i + 1;
  g_ptr_array_add (s->texts, g_steal_pointer (&entry));
  return s->texts->len;
}

static char *
source_cell (Sources *s, const PpOption *o)
{
  if (o->price == NULL)
    return g_strdup (o->kind == PP_OPTION_FREE ? "product rule" : "price-missing");
  return g_strdup_printf ("[%u]%s", source_number (s, o->price),
                          o->price->quote ? " quote" : "");
}

static void
heading (GString *out, PpCostStyle style, int level, const char *text)
{
  if (style == PP_COST_STYLE_MARKDOWN)
    g_string_append_printf (out, "%s %s\n\n", level == 1 ? "###" : "####", text);
  else
    g_string_append_printf (out, "%s%s\n", level == 1 ? "" : "  ", text);
}

static void
para (GString *out, PpCostStyle style, const char *text)
{
  if (style == PP_COST_STYLE_MARKDOWN)
    {
      md_cell (out, text);
      g_string_append (out, "\n\n");
    }
  else
    g_string_append_printf (out, "  %s\n", text);
}

static const char *
region_of (const PpEstimate *e, guint vpc)
{
  return pp_scenario_vpc (e->sc, vpc)->region->id;
}

static void
side_rows (const PpEstimate *e, const PpConnEstimate *ce, Table *t, Sources *src)
{
  for (guint end = 0; end < 2; end++)
    {
      const PpSideEstimate *s = &ce->sides[end];

      for (guint i = 0; i < s->n_options; i++)
        {
          const PpOption *o = &s->options[i];
          g_autofree char *billing = g_strdup_printf ("%s%s", pp_option_kind_to_string (o->kind),
                                                      s->n_options > 1 && i == s->chosen ? " *" : "");
          g_autofree char *price = pp_cost_unit_price_text (o);
          g_autofree char *qty = no_traffic (s, o) ? g_strdup ("-") : pp_cost_quantity_text (o);
          g_autofree char *amount = no_traffic (s, o) ? g_strdup ("no traffic") : amount_text (o);
          g_autofree char *source = source_cell (src, o);

          table_add (t, pp_scenario_account (e->sc, s->account)->id, s->role, billing,
                     price, qty, amount, source, o->basis ? o->basis : "");
        }
    }
}

static char *
breakeven_text (const PpEstimate *e, const PpSideEstimate *s)
{
  GString *out = g_string_new (NULL);
  const PpOption *sub = &s->options[0], *payg = &s->options[1];
  const char *acc = pp_scenario_account (e->sc, s->account)->id;

  if (s->n_options != 2)
    return g_string_free (out, TRUE), NULL;
  g_string_append_printf (out, "break-even for %s (%s): ", acc, s->role);
  if (!s->has_cheaper)
    {
      g_string_append (out, "needs both a subscription and a pay-as-you-go price in one currency");
      if (sub->cumulative == NULL || payg->cumulative == NULL)
        g_string_append (out, " (see price-missing)");
      return g_string_free (out, FALSE);
    }
  if (s->has_breakeven)
    {
      if (s->breakeven_never)
        g_string_append (out, "pay-as-you-go is free, so it is always cheaper; ");
      else
        {
          g_autofree char *q = pp_quantity_format (s->breakeven_milli);

          g_string_append_printf (out, "both cost the same at %s %s of use a month; subscription is cheaper above that; ",
                                  q, s->breakeven_unit == PP_UNIT_HOUR ? "hours" : "days");
        }
    }
  {
    g_autofree char *a = pp_money_format_minor (sub->amount_minor);
    g_autofree char *b = pp_money_format_minor (payg->amount_minor);
    const char *cur = pp_currency_to_string (sub->currency);

    g_string_append_printf (out, "over %u months (%s): subscription %s %s, pay-as-you-go %s %s, so %s is cheaper",
                            e->months, payg->basis, a, cur, b, cur,
                            pp_option_kind_to_string (s->options[s->cheaper].kind));
  }
  if (s->breakeven_month > 1)
    g_string_append_printf (out, "; subscription pays off if the link is kept at least %u months",
                            s->breakeven_month);
  if (s->chosen != s->cheaper)
    g_string_append_printf (out, "; the scenario declares %s", pp_option_kind_to_string (s->options[s->chosen].kind));
  return g_string_free (out, FALSE);
}

static void
write_connection (const PpEstimate *e, const PpConnEstimate *ce, GString *out,
                  PpCostStyle style, Sources *src, gboolean alternative)
{
  const PpConnection *conn = pp_scenario_connection (e->sc, ce->connection);
  g_autofree char *title = NULL;
  g_autofree char *total = NULL;
  Table t;

  if (alternative)
    title = g_strdup_printf ("as a VPC Peering Connection (%s), the product sold today:", ce->link_type);
  else
    title = g_strdup_printf ("connection %s: %s%s%s%s%s, %s -> %s (%s)", conn->id,
                             pp_product_to_string (ce->product),
                             ce->spec ? " " : "", ce->spec ? ce->spec : "",
                             ce->link_type ? " " : "", ce->link_type ? ce->link_type : "",
                             region_of (e, ce->sides[0].vpc), region_of (e, ce->sides[1].vpc),
                             ce->cross_border ? "cross-border" : ce->cross_region ? "cross-region" : "same region");
  if (alternative && style == PP_COST_STYLE_TEXT)
    g_string_append_c (out, '\n');
  heading (out, style, alternative ? 2 : 1, title);
  table_init (&t, 8);
  table_add (&t, "account", "role", "billing", "unit price", "quantity", "amount", "source", "basis");
  side_rows (e, ce, &t, src);
  table_write (&t, out, style, alternative ? "    " : "  ");
  if (!alternative)
    for (guint end = 0; end < 2; end++)
      {
        g_autofree char *be = breakeven_text (e, &ce->sides[end]);

        if (be != NULL)
          para (out, style, be);
      }
  /* A peering across regions without traffic has a rate, not an amount:
   * "0.00 CNY" would read as free. */
  if (ce->product == PP_PRODUCT_VPC_PEER && ce->cross_region
      && !ce->sides[0].gb_given && !ce->sides[1].gb_given)
    total = g_strdup ("no amount, no traffic was given (hint: add <usage gb-per-month=\"N\"/> "
                      "to the connection or give --traffic GB)");
  else
    total = pp_cost_totals_text (ce->total_minor, ce->total_used, ce->incomplete, e->currency);
  {
    g_autofree char *months = NULL;
    g_autofree char *line = NULL;

    if (!alternative)
      {
        guint steady = pp_estimate_steady_month (e);
        g_autofree char *first = pp_cost_month_text (&ce->monthly, ce->total_used, ce->incomplete,
                                             e->currency, 1);
        g_autofree char *later = pp_cost_month_text (&ce->monthly, ce->total_used, ce->incomplete,
                                             e->currency, steady);

        months = steady > 1 ? g_strdup_printf ("; month 1: %s, month %u: %s", first, steady, later)
                            : g_strdup_printf ("; month 1: %s", first);
      }
    line = g_strdup_printf ("%s over %u months: %s%s%s",
                            alternative ? "that design would cost" : "connection total",
                            e->months, total, months && !g_str_has_prefix (total, "no amount") ? months : "",
                            !alternative && ce->sides[0].n_options > 1
                            ? " (* = the billing choice the scenario declares)" : "");
    para (out, style, line);
  }
}

/* Writes what @out holds to @file (when not NULL) once it holds @size
 * bytes or more, and empties it. */
static void
flush_to (GString *out, FILE *file, gsize size)
{
  if (file != NULL && out->len >= size && out->len > 0)
    {
      fwrite (out->str, 1, out->len, file);
      g_string_truncate (out, 0);
    }
}

/* The summary of @e appended to @out, written to @file as it goes when
 * @file is not NULL (a table a connection: 24 MB at 20 000 connections,
 * which need not wait in memory). */
static void
cost_report (GString *out, FILE *file, const PpEstimate *e, PpCostStyle style, guint *n_sources)
{
  Sources src = { g_ptr_array_new_with_free_func (g_free) };
  char d[11];
  guint ai = 0;

  if (style == PP_COST_STYLE_MARKDOWN)
    g_string_append_printf (out, "## peerplan cost: %s\n\n", e->sc->name);
  g_string_append_printf (out, "%sestimate for %s over %u months, amounts in %s%s",
                          style == PP_COST_STYLE_MARKDOWN ? "" : "peerplan cost: ",
                          e->sc->name, e->months, pp_currency_to_string (e->currency),
                          style == PP_COST_STYLE_MARKDOWN ? "" : "\n");
  if (e->usd_to_cny_micro != 0)
    {
      g_autofree char *r = pp_money_format_micro (e->usd_to_cny_micro);

      g_string_append_printf (out, "%s1 USD = %s CNY (--usd-to-cny)%s",
                              style == PP_COST_STYLE_MARKDOWN ? "; " : "",
                              r, style == PP_COST_STYLE_MARKDOWN ? "" : "\n");
    }
  if (e->has_start)
    g_string_append_printf (out, "%sstart %s (%s)%s", style == PP_COST_STYLE_MARKDOWN ? "; " : "",
                            pp_date_format (&e->start, d), e->start_from,
                            style == PP_COST_STYLE_MARKDOWN ? "" : "\n");
  else
    g_string_append_printf (out, "%sno start date (give --start DATE or purchase-date for lead-time dates)%s",
                            style == PP_COST_STYLE_MARKDOWN ? "; " : "",
                            style == PP_COST_STYLE_MARKDOWN ? "" : "\n");
  g_string_append (out, style == PP_COST_STYLE_MARKDOWN ? ".\n\n" : "\n");

  for (guint i = 0; i < e->connections->len; i++)
    {
      const PpConnEstimate *ce = &g_array_index (e->connections, PpConnEstimate, i);

      write_connection (e, ce, out, style, &src, FALSE);
      if (ce->product == PP_PRODUCT_ROUTER_INTERFACE && ai < e->alternatives->len)
        write_connection (e, &g_array_index (e->alternatives, PpConnEstimate, ai++),
                          out, style, &src, TRUE);
      if (style == PP_COST_STYLE_TEXT)
        g_string_append_c (out, '\n');
      flush_to (out, file, 64 * 1024);
    }
  if (e->connections->len == 0)
    {
      para (out, style, "no connections: nothing to price");
      if (style == PP_COST_STYLE_TEXT)
        g_string_append_c (out, '\n');
    }

  heading (out, style, 1, "totals (the declared billing choices):");
  {
    Table t;
    guint steady = pp_estimate_steady_month (e);
    g_autofree char *h_total = g_strdup_printf ("over %u months", e->months);
    g_autofree char *h_steady = g_strdup_printf ("month %u", steady);
    g_autofree gboolean *lacking = g_new0 (gboolean, e->sc->accounts->len);
    gboolean lack_all = totals_lack_traffic (e, lacking, e->sc->accounts->len);
    g_autofree char *all = with_traffic_note (totals_text_full (e->total_minor, e->total_used, e->incomplete,
                                                                e->currency, TRUE), lack_all);
    g_autofree char *all_first = with_traffic_note (pp_cost_month_text (&e->monthly, e->total_used, e->incomplete,
                                                                e->currency, 1), lack_all);
    g_autofree char *all_steady = with_traffic_note (pp_cost_month_text (&e->monthly, e->total_used, e->incomplete,
                                                                 e->currency, steady), lack_all);

    /* The first month, a steady month and the horizon (the whole series
     * is in the JSON); a one-month horizon has one month. */
    table_init (&t, steady > 1 ? 4 : 3);
    if (steady > 1)
      table_add (&t, "account", "month 1", h_steady, h_total);
    else
      table_add (&t, "account", "month 1", h_total);
    for (guint a = 0; a <= e->accounts->len; a++)
      {
        const PpAccountTotal *at = a < e->accounts->len
                                   ? &g_array_index (e->accounts, PpAccountTotal, a) : NULL;
        const char *name = at ? pp_scenario_account (e->sc, at->account)->id : "overall";
        gboolean lack = at != NULL && at->account < e->sc->accounts->len && lacking[at->account];
        g_autofree char *v = at ? with_traffic_note (totals_text_full (at->total_minor, at->total_used,
                                                                       at->incomplete, e->currency, TRUE), lack)
                                : g_strdup (all);
        g_autofree char *v1 = at ? with_traffic_note (pp_cost_month_text (&at->monthly, at->total_used, at->incomplete,
                                                                  e->currency, 1), lack)
                                 : g_strdup (all_first);
        g_autofree char *vs = at ? with_traffic_note (pp_cost_month_text (&at->monthly, at->total_used, at->incomplete,
                                                                  e->currency, steady), lack)
                                 : g_strdup (all_steady);

        if (steady > 1)
          table_add (&t, name, v1, vs, v);
        else
          table_add (&t, name, v1, v);
      }
    table_write (&t, out, style, "  ");
    if (e->incomplete)
      para (out, style, "unknown: a price is missing (see price-missing)");
    if (lack_all)
      para (out, style, "no traffic: a per-GB connection without traffic is left out of these figures "
                        "(hint: add <usage gb-per-month=\"N\"/> to the connection or give --traffic GB)");
    if (pp_estimate_has_long_cycles (e))
      para (out, style, "a subscription paid per cycle of more than a month is charged in the first month of each cycle; the months between cost nothing (the JSON report has every month)");
  }
  if (style == PP_COST_STYLE_TEXT)
    g_string_append_c (out, '\n');

  heading (out, style, 1, "lead time:");
  for (guint i = 0; i < e->lead_times->len; i++)
    {
      const PpLeadTime *lt = &g_array_index (e->lead_times, PpLeadTime, i);
      const PpTicketRule *r = lt->rule;
      GString *line = g_string_new (NULL);

      g_string_append_printf (line, "%s%s (%s): %s", style == PP_COST_STYLE_MARKDOWN ? "- " : "",
                              r->rule,
                              lt->connection != G_MAXUINT32
                              ? pp_scenario_connection (e->sc, lt->connection)->id : lt->object,
                              r->what);
      if (!r->confirmed)
        g_string_append (line, " [unconfirmed]");
      if (lt->dated)
        {
          char a[11], b[11];

          g_string_append_printf (line, "; ready %s at the earliest, %s at the latest",
                                  pp_date_format (&lt->earliest, a), pp_date_format (&lt->latest, b));
        }
      else if (r->has_days)
        g_string_append_printf (line, "; %u-%u working days", r->min_days, r->max_days);
      else
        g_string_append (line, "; review time not published");
      if (style == PP_COST_STYLE_MARKDOWN)
        g_string_append_printf (out, "%s\n", line->str);
      else
        g_string_append_printf (out, "  %s\n", line->str);
      g_string_free (line, TRUE);
    }
  if (e->lead_times->len == 0)
    para (out, style, "no ticket or application is known to be needed");
  else if (style == PP_COST_STYLE_MARKDOWN)
    g_string_append_c (out, '\n');
  if (e->has_ready)
    {
      g_autofree char *line = g_strdup_printf ("every link can carry traffic from %s%s (working days, Monday to Friday; public holidays are not known to peerplan)",
                                               pp_date_format (&e->ready, d),
                                               e->ready_is_lower_bound ? " at the earliest; some review times are not published" : "");
      para (out, style, line);
    }
  if (style == PP_COST_STYLE_TEXT)
    g_string_append_c (out, '\n');

  heading (out, style, 1, "quotas (default values; the busiest object of each):");
  {
    Table t;
    guint shown = 0;

    /* One column of numbers, one of what they count: a bandwidth quota
     * counts Mbps, the others objects. */
    table_init (&t, 6);
    table_add (&t, "rule", "object", "used", "limit", "headroom", "unit");
    for (guint i = 0; i < e->quota_usage->len; i++)
      {
        const PpQuotaUsage *u = &g_array_index (e->quota_usage, PpQuotaUsage, i);
        g_autofree char *count = NULL, *limit = NULL, *head = NULL;

        if (u->object == NULL)
          continue;
        count = g_strdup_printf ("%u", u->count);
        limit = g_strdup_printf ("%u", u->quota->limit);
        head = g_strdup_printf ("%" G_GINT64_FORMAT "%s", u->headroom, u->headroom < 0 ? " (over)" : "");
        table_add (&t, u->quota->rule, u->object, count, limit, head, u->quota->unit);
        shown++;
      }
    if (shown > 0)
      table_write (&t, out, style, "  ");
    else
      {
        g_ptr_array_unref (t.rows);
        para (out, style, "nothing counted");
      }
  }
  if (style == PP_COST_STYLE_TEXT)
    g_string_append_c (out, '\n');

  heading (out, style, 1, "sources:");
  for (guint i = 0; i < src.texts->len; i++)
    g_string_append_printf (out, "%s[%u] %s\n", style == PP_COST_STYLE_MARKDOWN ? "- " : "  ",
                            i + 1, (const char *) g_ptr_array_index (src.texts, i));
  if (src.texts->len == 0)
    para (out, style, "none (no price was found)");
  if (n_sources != NULL)
    *n_sources = src.texts->len;
  g_ptr_array_unref (src.texts);
  flush_to (out, file, 0);
}

char *
pp_cost_report_text (const PpEstimate *e, PpCostStyle style, guint *n_sources)
{
  GString *out = g_string_new (NULL);

  cost_report (out, NULL, e, style, n_sources);
  return g_string_free (out, FALSE);
}

void
pp_cost_report_write (FILE *file, const PpEstimate *e, PpCostStyle style, guint *n_sources)
{
  g_autoptr(GString) out = g_string_sized_new (128 * 1024);

  cost_report (out, file, e, style, n_sources);
}
