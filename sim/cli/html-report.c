/* SPDX-License-Identifier: MIT */
/* html-report.c: the one-page HTML design review (html-report.h). */
#include "sim/cli/html-report.h"
#include "sim/cli/cost-report.h"
#include "sim/cli/diff-report.h"
#include "sim/cli/runbook.h"
#include "model/pp-data.h"
#include "pricing/pp-calendar.h"
#include "pricing/pp-money.h"

#include <gio/gio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <string.h>

/* Text or an attribute value, escaped for HTML. */
static void
esc (GString *out, const char *s)
{
  for (; s != NULL && *s != '\0'; s++)
    switch (*s)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      default: g_string_append_c (out, *s); break;
      }
}

static void
cell (GString *out, const char *cls, const char *text)
{
  g_string_append (out, "<td");
  if (cls != NULL)
    g_string_append_printf (out, " class=\"%s\"", cls);
  g_string_append_c (out, '>');
  esc (out, text);
  g_string_append (out, "</td>");
}

/* A header row; a column named with a leading '#' sorts as numbers. */
static void
thead (GString *out, const char *cls, const char *const *cols)
{
  g_string_append_printf (out, "<table class=\"%s\"><thead><tr>", cls);
  for (guint i = 0; cols[i] != NULL; i++)
    {
      gboolean num = cols[i][0] == '#';

      g_string_append_printf (out, "<th scope=\"col\"%s>", num ? " data-numeric=\"\"" : "");
      esc (out, cols[i] + (num ? 1 : 0));
      g_string_append (out, "</th>");
    }
  g_string_append (out, "</tr></thead><tbody>\n");
}

/* "sha256-BASE64" of @b, for the Content-Security-Policy. */
static char *
csp_hash (GBytes *b)
{
  g_autoptr(GChecksum) ck = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autofree char *b64 = NULL;

  g_checksum_update (ck, g_bytes_get_data (b, NULL), g_bytes_get_size (b));
  g_checksum_get_digest (ck, digest, &len);
  b64 = g_base64_encode (digest, len);
  return g_strconcat ("sha256-", b64, NULL);
}

/* Graphviz keeps a tooltip in <a xlink:title>: as a <title> child it shows
 * in every browser.  Comments go (Graphviz writes one per object). */
static void
svg_tidy (xmlNodePtr node)
{
  xmlNodePtr next;

  for (xmlNodePtr c = node->children; c != NULL; c = next)
    {
      next = c->next;
      if (c->type == XML_COMMENT_NODE)
        {
          xmlUnlinkNode (c);
          xmlFreeNode (c);
          continue;
        }
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (xmlStrEqual (c->name, BAD_CAST "a"))
        {
          xmlAttrPtr t = xmlHasNsProp (c, BAD_CAST "title", BAD_CAST "http://www.w3.org/1999/xlink");

          if (t != NULL)
            {
              xmlChar *v = xmlNodeGetContent ((xmlNodePtr) t);
              xmlNodePtr title = xmlNewDocNode (c->doc, c->ns, BAD_CAST "title", NULL);

              xmlNodeAddContent (title, v);
              xmlFree (v);
              xmlRemoveProp (t);
              if (c->children != NULL)
                xmlAddPrevSibling (c->children, title);
              else
                xmlAddChild (c, title);
            }
        }
      svg_tidy (c);
    }
}

/* The root <svg> element of @svg, without prolog, DOCTYPE or comments. */
static gboolean
inline_svg (GString *out, GBytes *svg, const char *what, GError **error)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (svg, &len);
  xmlDocPtr doc = xmlReadMemory (data, (int) len, what, NULL,
                                 XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  xmlBufferPtr buf;

  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the %s is not SVG that parses", what);
      xmlFreeDoc (doc);
      return FALSE;
    }
  svg_tidy (xmlDocGetRootElement (doc));
  buf = xmlBufferCreate ();
  xmlNodeDump (buf, doc, xmlDocGetRootElement (doc), 0, 0);
  g_string_append_len (out, (const char *) xmlBufferContent (buf), xmlBufferLength (buf));
  g_string_append_c (out, '\n');
  xmlBufferFree (buf);
  xmlFreeDoc (doc);
  return TRUE;
}

/* One finding as a row: severity (sorted by rank), rule, objects,
 * file:line, and the message with its hint, source and hop trace. */
static void
finding_row (GString *out, const PpFinding *x)
{
  const char *sev = pp_severity_to_string (x->severity);
  g_autofree char *objects = x->objects ? g_strjoinv (", ", x->objects) : g_strdup ("");
  g_autofree char *where = g_strdup_printf ("%s:%u", x->file ? x->file : "", x->line);
  g_autofree char *cls = g_strconcat ("sev-", sev, NULL);

  /* severity sorts by rank: error first when descending */
  g_string_append_printf (out, "<tr><td class=\"%s\" data-key=\"%d\">%s</td>", cls,
                          (int) x->severity, sev);
  cell (out, NULL, x->rule);
  cell (out, NULL, objects);
  cell (out, NULL, where);
  g_string_append (out, "<td>");
  esc (out, x->message);
  if (x->hint != NULL)
    {
      g_string_append (out, "<br><i>hint: ");
      esc (out, x->hint);
      g_string_append (out, "</i>");
    }
  if (x->source != NULL)
    {
      g_string_append (out, "<br><small>source: ");
      esc (out, x->source);
      g_string_append (out, "</small>");
    }
  if (x->trace != NULL)
    {
      g_string_append (out, "<details><summary>trace</summary><pre>");
      esc (out, x->trace);
      g_string_append (out, "</pre></details>");
    }
  g_string_append (out, "</td></tr>\n");
}

static void
write_findings (GString *out, const PpFindings *f)
{
  static const char *const cols[] = { "#severity", "rule", "objects", "where", "message", NULL };

  g_string_append_printf (out, "<section id=\"findings\"><h2>Findings</h2>\n"
                          "<p>%u error(s), %u warning(s), %u info. Click a column to sort.</p>\n",
                          pp_findings_count (f, PP_SEVERITY_ERROR),
                          pp_findings_count (f, PP_SEVERITY_WARNING),
                          pp_findings_count (f, PP_SEVERITY_INFO));
  if (pp_findings_len (f) == 0)
    {
      g_string_append (out, "<p>No findings.</p></section>\n");
      return;
    }
  thead (out, "sortable findings", cols);
  for (guint i = 0; i < pp_findings_len (f); i++)
    finding_row (out, pp_findings_nth (f, i));
  g_string_append (out, "</tbody></table></section>\n");
}

static char *
money (guint64 minor, PpCurrency cur)
{
  g_autofree char *a = pp_money_format_minor (minor);

  return g_strdup_printf ("%s %s", a, pp_currency_to_string (cur));
}

/* The number of @p in @sources, numbered by first use from 1. */
static guint
source_number (GPtrArray *sources, const PpPrice *p)
{
  g_autofree char *entry = pp_cost_source_text (p);

  for (guint i = 0; i < sources->len; i++)
    if (strcmp (g_ptr_array_index (sources, i), entry) == 0)
      return i + 1;
  g_ptr_array_add (sources, g_steal_pointer (&entry));
  return sources->len;
}

static void
option_rows (GString *out, const PpEstimate *e, const PpConnEstimate *ce, gboolean alternative,
             GPtrArray *sources)
{
  const PpConnection *conn = pp_scenario_connection (e->sc, ce->connection);

  for (guint end = 0; end < 2; end++)
    {
      const PpSideEstimate *s = &ce->sides[end];

      for (guint i = 0; i < s->n_options; i++)
        {
          const PpOption *o = &s->options[i];
          g_autofree char *name = g_strdup_printf ("%s%s", conn->id, alternative ? " (as VPC peering)" : "");
          g_autofree char *billing = g_strdup_printf ("%s%s", pp_option_kind_to_string (o->kind),
                                                      !alternative && s->n_options > 1 && i == s->chosen
                                                      ? " (declared)" : "");
          g_autofree char *price = pp_cost_unit_price_text (o);
          g_autofree char *amount = o->cumulative ? money (o->amount_minor, o->currency) : g_strdup ("?");
          g_autofree char *src = NULL;
          g_autofree char *be = NULL;

          if (o->price != NULL)
            src = g_strdup_printf ("[%u]%s", source_number (sources, o->price), o->price->quote ? " quote" : "");
          else
            src = g_strdup (o->kind == PP_OPTION_FREE ? "product rule" : "price-missing");
          if (s->breakeven_month > 0 && i == 0)
            be = g_strdup_printf ("month %u", s->breakeven_month);
          g_string_append (out, "<tr>");
          cell (out, NULL, name);
          cell (out, NULL, pp_scenario_account (e->sc, s->account)->id);
          cell (out, NULL, s->role);
          cell (out, NULL, billing);
          cell (out, "num", price);
          cell (out, "num", amount);
          cell (out, NULL, be ? be : "");
          cell (out, NULL, src);
          g_string_append (out, "</tr>\n");
        }
    }
}

static void
write_cost (GString *out, const PpEstimate *e, GPtrArray *sources)
{
  static const char *const acols[] = { "account", "#first month", "#steady month", "#total", NULL };
  static const char *const ccols[] = { "connection", "account", "role", "billing", "unit price",
                                       "amount", "break-even", "source", NULL };
  const char *cur = pp_currency_to_string (e->currency);
  guint steady = pp_estimate_steady_month (e);
  guint ai = 0;

  g_string_append_printf (out, "<section id=\"cost\"><h2>Cost</h2>\n<p>Over %u months, in %s, "
                          "the billing choices the scenario declares: per account the first month, "
                          "a steady month (month %u)%s and the total.</p>\n",
                          e->months, cur, steady,
                          pp_estimate_has_long_cycles (e)
                          ? " (a subscription paid per year is charged in the first month of each cycle)" : "");
  thead (out, "sortable accounts", acols);
  for (guint a = 0; a < e->accounts->len; a++)
    {
      const PpAccountTotal *at = &g_array_index (e->accounts, PpAccountTotal, a);
      const guint64 *own = at->monthly.minor[e->currency];
      g_autofree char *f = pp_cost_month_text (&at->monthly, at->total_used, at->incomplete, e->currency, 1);
      g_autofree char *l = pp_cost_month_text (&at->monthly, at->total_used, at->incomplete, e->currency, steady);
      g_autofree char *t = pp_cost_totals_text (at->total_minor, at->total_used, at->incomplete, e->currency);

      g_string_append (out, "<tr>");
      cell (out, NULL, pp_scenario_account (e->sc, at->account)->id);
      /* sorted by the figures in the estimate's currency */
      g_string_append_printf (out, "<td class=\"num\" data-key=\"%" G_GUINT64_FORMAT "\">",
                              own ? own[0] : 0);
      esc (out, f);
      g_string_append_printf (out, "</td><td class=\"num\" data-key=\"%" G_GUINT64_FORMAT "\">",
                              own ? own[steady - 1] : 0);
      esc (out, l);
      g_string_append_printf (out, "</td><td class=\"num\" data-key=\"%" G_GUINT64_FORMAT "\">",
                              at->total_minor[e->currency]);
      esc (out, t);
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</tbody></table>\n");
  {
    g_autofree char *all = pp_cost_totals_text (e->total_minor, e->total_used, e->incomplete, e->currency);

    g_string_append (out, "<p>Overall: ");
    esc (out, all);
    g_string_append (out, ".</p>\n<h3>Per connection and side</h3>\n");
  }
  thead (out, "sortable connections", ccols);
  for (guint i = 0; i < e->connections->len; i++)
    {
      const PpConnEstimate *ce = &g_array_index (e->connections, PpConnEstimate, i);

      option_rows (out, e, ce, FALSE, sources);
      if (ce->product == PP_PRODUCT_ROUTER_INTERFACE && ai < e->alternatives->len)
        option_rows (out, e, &g_array_index (e->alternatives, PpConnEstimate, ai++), TRUE, sources);
    }
  g_string_append (out, "</tbody></table>\n<h3>Break-even</h3>\n<div class=\"chart\">\n");
}

static void
write_quotas (GString *out, const PpEstimate *e)
{
  static const char *const cols[] = { "rule", "object", "#used", "#limit", "#headroom", "unit", NULL };
  guint shown = 0;

  g_string_append (out, "<section id=\"quotas\"><h2>Quotas</h2>\n"
                   "<p>Default values; the busiest object of each quota.</p>\n");
  thead (out, "sortable quotas", cols);
  for (guint i = 0; i < e->quota_usage->len; i++)
    {
      const PpQuotaUsage *u = &g_array_index (e->quota_usage, PpQuotaUsage, i);

      if (u->object == NULL)
        continue;
      g_string_append (out, "<tr>");
      cell (out, NULL, u->quota->rule);
      cell (out, NULL, u->object);
      g_string_append_printf (out, "<td class=\"num\">%u</td><td class=\"num\">%u</td>"
                              "<td class=\"num%s\">%" G_GINT64_FORMAT "</td>",
                              u->count, u->quota->limit, u->headroom < 0 ? " over" : "", u->headroom);
      cell (out, NULL, u->quota->unit);
      g_string_append (out, "</tr>\n");
      shown++;
    }
  g_string_append (out, "</tbody></table>\n");
  if (shown == 0)
    g_string_append (out, "<p>Nothing counted.</p>\n");
  g_string_append (out, "</section>\n");
}

/* The calendar: one row per ticket, a bar from the start to the latest
 * day (one em a week). */
static void
write_lead_times (GString *out, const PpEstimate *e)
{
  static const char *const cols[] = { "rule", "for", "what", "earliest", "latest", "weeks", NULL };
  char d[11];

  g_string_append (out, "<section id=\"lead-time\"><h2>Lead time</h2>\n");
  if (e->has_start)
    g_string_append_printf (out, "<p>Start %s (%s).</p>\n", pp_date_format (&e->start, d), e->start_from);
  else
    g_string_append (out, "<p>No start date (give purchase-date in the scenario for dates).</p>\n");
  if (e->lead_times->len == 0)
    g_string_append (out, "<p>No ticket or application is known to be needed.</p>\n");
  else
    {
      thead (out, "sortable lead-times", cols);
      for (guint i = 0; i < e->lead_times->len; i++)
        {
          const PpLeadTime *lt = &g_array_index (e->lead_times, PpLeadTime, i);
          const PpTicketRule *r = lt->rule;
          g_autofree char *what = g_strdup_printf ("%s%s", r->what, r->confirmed ? "" : " [unconfirmed]");
          char a[11], b[11];

          g_string_append (out, "<tr>");
          cell (out, NULL, r->rule);
          cell (out, NULL, lt->connection != G_MAXUINT32
                           ? pp_scenario_connection (e->sc, lt->connection)->id : lt->object);
          cell (out, NULL, what);
          if (lt->dated)
            {
              guint days = g_date_days_between (&e->start, &lt->latest);

              cell (out, NULL, pp_date_format (&lt->earliest, a));
              cell (out, NULL, pp_date_format (&lt->latest, b));
              g_string_append_printf (out, "<td data-key=\"%u\"><meter min=\"0\" max=\"26\" value=\"%u\" "
                                      "title=\"%u days from the start\"></meter> %u</td>",
                                      days, MIN ((days + 6) / 7, 26u), days, (days + 6) / 7);
            }
          else
            {
              g_autofree char *span = r->has_days
                ? g_strdup_printf ("%u-%u working days", r->min_days, r->max_days)
                : g_strdup ("review time not published");

              cell (out, NULL, span);
              cell (out, NULL, "");
              cell (out, NULL, "");
            }
          g_string_append (out, "</tr>\n");
        }
      g_string_append (out, "</tbody></table>\n");
    }
  if (e->has_ready)
    g_string_append_printf (out, "<p>Every link can carry traffic from <b>%s</b>%s (working days, "
                            "Monday to Friday; public holidays are not known to peerplan).</p>\n",
                            pp_date_format (&e->ready, d),
                            e->ready_is_lower_bound ? " at the earliest; some review times are not published" : "");
  g_string_append (out, "</section>\n");
}

static void
write_runbook (GString *out, const PpRunResult *run)
{
  static const char *const cols[] = { "#step", "account", "action", "outcome", "details", NULL };

  g_string_append (out, "<section id=\"runbook\"><h2>Runbook</h2>\n"
                   "<p>The API calls that build the scenario, in order, as simulated.</p>\n");
  thead (out, "sortable steps", cols);
  for (guint i = 0; i < run->steps->len; i++)
    {
      const PpStepResult *r = g_ptr_array_index (run->steps, i);
      const PpStep *st = r->step;
      const char *outcome = pp_outcome_to_string (r->outcome);
      g_autofree char *action = NULL;
      g_autofree char *text = NULL;
      size_t len = 0;
      FILE *mem = open_memstream (&text, &len);

      if (st->kind == PP_STEP_CALL)
        action = g_strdup (st->action);
      else if (st->kind == PP_STEP_WAIT)
        action = g_strdup_printf ("wait until %s is %s", st->wait_for, st->wait_status);
      else
        action = g_strdup_printf ("ping %s -> %s and back", st->from, st->to);
      if (mem != NULL)
        {
          pp_runbook_text_step (mem, r, TRUE, FALSE);
          fclose (mem);
        }
      g_string_append_printf (out, "<tr><td class=\"num\">%u</td>", r->number);
      cell (out, NULL, st->account ? st->account : "");
      cell (out, NULL, action);
      cell (out, outcome, outcome);
      g_string_append (out, "<td><details><summary>parameters and result</summary><pre>");
      esc (out, text);
      g_string_append (out, "</pre></details></td></tr>\n");
    }
  g_string_append (out, "</tbody></table></section>\n");
}

/* ---- report --diff: the change, as tables ---- */

/* A money cell sorted by its minor units; a delta coloured by its sign. */
static void
money_cell (GString *out, gint64 key, const char *text, gboolean delta)
{
  g_string_append_printf (out, "<td class=\"num%s\" data-key=\"%" G_GINT64_FORMAT "\">",
                          !delta || key == 0 ? "" : key > 0 ? " more" : " less", key);
  esc (out, text);
  g_string_append (out, "</td>");
}

/* Account rows (all of them), then the connections that changed, then
 * the overall row: old, new and delta in a steady month and over the
 * horizon. */
/* TRUE when the change adds, removes or changes connection @id. */
static gboolean
connection_touched (const PpDiff *d, const char *id)
{
  for (guint i = 0; i < d->objects->len; i++)
    {
      const PpDiffObject *o = &g_array_index (d->objects, PpDiffObject, i);

      if (strcmp (o->kind, "connection") == 0 && strcmp (o->id, id) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
write_change_cost (GString *out, const PpDiff *d)
{
  guint st = pp_diff_report_steady_month (d);
  g_autofree char *m_old = g_strdup_printf ("#old month %u", st);
  g_autofree char *m_new = g_strdup_printf ("#new month %u", st);
  g_autofree char *m_delta = g_strdup_printf ("#delta month %u", st);
  g_autofree char *t_old = g_strdup_printf ("#old %u months", d->months);
  g_autofree char *t_new = g_strdup_printf ("#new %u months", d->months);
  g_autofree char *t_delta = g_strdup_printf ("#delta %u months", d->months);
  const char *const cols[] = { "cost of", "currency", "#old month 1", "#new month 1", m_old, m_new,
                               m_delta, t_old, t_new, t_delta, "note", NULL };
  static const char *const order[] = { "account", "connection", "overall" };

  g_string_append_printf (out, "<h3>Cost</h3>\n<p>Per account, then each connection the change "
                          "touches or whose cost changed, then overall; over %u months, the billing "
                          "choices each side declares.</p>\n", d->months);
  thead (out, "sortable change-cost", cols);
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    for (guint i = 0; i < d->costs->len; i++)
      {
        const PpDiffCost *x = &g_array_index (d->costs, PpDiffCost, i);
        g_auto(PpDiffCostText) t = { 0 };
        gboolean changed = pp_diff_cost_changed (x);
        gboolean unknown = x->old_incomplete || x->new_incomplete;
        g_autoptr(GString) note = g_string_new (NULL);

        if (strcmp (x->kind, order[k]) != 0
            || (k == 1 && !changed && !connection_touched (d, x->id)))
          continue;
        pp_diff_cost_text_init (&t, d, x);
        if (unknown)
          g_string_append_printf (note, "a price is missing in %s: the delta is unknown",
                                  x->old_incomplete && x->new_incomplete ? "OLD and NEW"
                                  : x->old_incomplete ? "OLD" : "NEW");
        if (!x->in_old || !x->in_new)
          g_string_append_printf (note, "%sonly in %s", note->len ? "; " : "", x->in_old ? "OLD" : "NEW");
        if (!changed || (x->maybe_changed && x->delta_minor == 0 && x->in_old && x->in_new))
          g_string_append_printf (note, "%s%s", note->len ? "; " : "",
                                  unknown ? "the priced part is unchanged" : "unchanged");
        g_string_append_printf (out, "<tr%s>", x->id == NULL ? " class=\"total\"" : "");
        cell (out, NULL, t.label);
        cell (out, NULL, pp_currency_to_string (x->currency));
        money_cell (out, x->old_monthly ? (gint64) x->old_monthly[0] : 0, t.old_first, FALSE);
        money_cell (out, x->new_monthly ? (gint64) x->new_monthly[0] : 0, t.new_first, FALSE);
        money_cell (out, x->old_monthly ? (gint64) x->old_monthly[st - 1] : 0, t.old_steady, FALSE);
        money_cell (out, x->new_monthly ? (gint64) x->new_monthly[st - 1] : 0, t.new_steady, FALSE);
        money_cell (out, t.delta_steady_minor, t.delta_steady, TRUE);
        money_cell (out, (gint64) x->old_minor, t.old_total, FALSE);
        money_cell (out, (gint64) x->new_minor, t.new_total, FALSE);
        money_cell (out, x->delta_minor, t.delta, TRUE);
        g_string_append (out, "<td>");
        esc (out, note->str);
        if (x->new_sources != NULL || x->old_sources != NULL)
          {
            g_string_append (out, "<details><summary>sources</summary><small>NEW: ");
            esc (out, x->new_sources ? x->new_sources : "none");
            if (g_strcmp0 (x->old_sources, x->new_sources) != 0)
              {
                g_string_append (out, "<br>OLD: ");
                esc (out, x->old_sources ? x->old_sources : "none");
              }
            g_string_append (out, "</small></details>");
          }
        g_string_append (out, "</td></tr>\n");
      }
  g_string_append (out, "</tbody></table>\n");
}

static void
write_change_findings (GString *out, const PpDiff *d, PpDiffFindingStatus status)
{
  static const char *const cols[] = { "#severity", "rule", "objects", "where", "message", NULL };
  gboolean fixed = status == PP_DIFF_FINDING_FIXED;
  guint n = d->n_findings[status];

  g_string_append_printf (out, "<h3>%s findings (%u)</h3>\n", fixed ? "Fixed" : "New", n);
  if (n == 0)
    {
      g_string_append_printf (out, "<p>None.</p>\n");
      return;
    }
  g_string_append_printf (out, "<p>%s</p>\n", fixed
                          ? "In OLD, gone from NEW (where: OLD's file and line)."
                          : "In NEW, not in OLD (matched by rule and objects, not by line).");
  thead (out, fixed ? "sortable change-findings fixed" : "sortable change-findings new", cols);
  for (guint i = 0; i < d->findings->len; i++)
    {
      const PpDiffFinding *f = &g_array_index (d->findings, PpDiffFinding, i);

      if (f->status == status)
        finding_row (out, f->finding);
    }
  g_string_append (out, "</tbody></table>\n");
}

static void
write_change_reach (GString *out, const PpDiff *d)
{
  static const char *const cols[] = { "from", "to", "old", "new", "where the new path stops or goes",
                                      NULL };

  g_string_append_printf (out, "<h3>Reachability (%u)</h3>\n", d->reach->len);
  if (d->reach_limited)
    g_string_append_printf (out, "<p>More than %u instances: only the expect-reach pairs were "
                            "compared.</p>\n", PP_DIFF_MAX_REACH_INSTANCES);
  if (d->reach->len == 0)
    {
      g_string_append (out, "<p>No ping result changed.</p>\n");
      return;
    }
  g_string_append (out, "<p>Each pair of instances whose ping (both ways) gives another result.</p>\n");
  thead (out, "sortable change-reach", cols);
  for (guint i = 0; i < d->reach->len; i++)
    {
      const PpDiffReach *r = &g_array_index (d->reach, PpDiffReach, i);

      g_string_append (out, "<tr>");
      cell (out, NULL, r->from);
      cell (out, NULL, r->to);
      cell (out, r->old_ok ? "passed" : "failed", r->old_ok ? "reached" : "unreachable");
      cell (out, r->new_ok ? "passed" : "failed", r->new_ok ? "reached" : "unreachable");
      g_string_append (out, "<td>");
      esc (out, r->where);
      g_string_append (out, "<details><summary>traces</summary><pre>OLD:\n");
      esc (out, r->old_trace);
      g_string_append (out, "\nNEW:\n");
      esc (out, r->new_trace);
      g_string_append (out, "</pre></details></td></tr>\n");
    }
  g_string_append (out, "</tbody></table>\n");
}

static void
write_change_objects (GString *out, const PpDiff *d)
{
  static const char *const cols[] = { "change", "kind", "id", "attributes (old -> new)", "#old line",
                                      "#new line", NULL };

  g_string_append_printf (out, "<h3>Objects (%u)</h3>\n", d->objects->len);
  if (d->objects->len == 0)
    {
      g_string_append (out, "<p>No object added, removed or changed.</p>\n");
      return;
    }
  thead (out, "sortable change-objects", cols);
  for (guint i = 0; i < d->objects->len; i++)
    {
      const PpDiffObject *o = &g_array_index (d->objects, PpDiffObject, i);
      const char *what = pp_diff_change_to_string (o->change);

      g_string_append (out, "<tr>");
      cell (out, what, what);
      cell (out, NULL, o->kind);
      cell (out, NULL, o->id);
      g_string_append (out, "<td>");
      for (guint k = 0; k < o->attrs->len; k++)
        {
          const PpDiffAttr *a = &g_array_index (o->attrs, PpDiffAttr, k);

          if (k > 0)
            g_string_append (out, "<br>");
          g_string_append (out, "<code>");
          esc (out, a->name);
          g_string_append (out, "</code> ");
          esc (out, a->old_value ? a->old_value : "(none)");
          g_string_append (out, " -&gt; ");
          esc (out, a->new_value ? a->new_value : "(none)");
        }
      g_string_append (out, "</td>");
      if (o->old_line)
        g_string_append_printf (out, "<td class=\"num\">%u</td>", o->old_line);
      else
        g_string_append (out, "<td class=\"num\" data-key=\"0\"></td>");
      if (o->new_line)
        g_string_append_printf (out, "<td class=\"num\">%u</td>", o->new_line);
      else
        g_string_append (out, "<td class=\"num\" data-key=\"0\"></td>");
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody></table>\n");
}

static void
write_change_quotas_leads (GString *out, const PpDiff *d)
{
  static const char *const qcols[] = { "rule", "object", "#old headroom", "#new headroom", "#limit",
                                       "unit", NULL };
  static const char *const lcols[] = { "rule", "for", "what", "earliest", "latest", NULL };
  char a[11], b[11];

  g_string_append_printf (out, "<h3>Quota headroom that shrank (%u)</h3>\n", d->quotas->len);
  if (d->quotas->len == 0)
    g_string_append (out, "<p>None.</p>\n");
  else
    {
      thead (out, "sortable change-quotas", qcols);
      for (guint i = 0; i < d->quotas->len; i++)
        {
          const PpDiffQuota *q = &g_array_index (d->quotas, PpDiffQuota, i);

          g_string_append (out, "<tr>");
          cell (out, NULL, q->rule);
          cell (out, NULL, q->new_object ? q->new_object : "");
          g_string_append_printf (out, "<td class=\"num\">%" G_GINT64_FORMAT "</td>"
                                  "<td class=\"num%s\">%" G_GINT64_FORMAT "</td><td class=\"num\">%u</td>",
                                  q->old_headroom, q->new_headroom < 0 ? " over" : "",
                                  q->new_headroom, q->limit);
          cell (out, NULL, q->unit);
          g_string_append (out, "</tr>\n");
        }
      g_string_append (out, "</tbody></table>\n");
    }
  g_string_append_printf (out, "<h3>New tickets (%u)</h3>\n", d->leads->len);
  if (d->leads->len == 0)
    g_string_append (out, "<p>None: NEW needs no ticket or application that OLD did not.</p>\n");
  else
    {
      thead (out, "sortable change-leads", lcols);
      for (guint i = 0; i < d->leads->len; i++)
        {
          const PpDiffLead *l = &g_array_index (d->leads, PpDiffLead, i);

          g_string_append (out, "<tr>");
          cell (out, NULL, l->rule);
          cell (out, NULL, l->object ? l->object : "");
          cell (out, NULL, l->what);
          cell (out, NULL, l->dated ? pp_date_format (&l->earliest, a) : "");
          cell (out, NULL, l->dated ? pp_date_format (&l->latest, b) : "");
          g_string_append (out, "</tr>\n");
        }
      g_string_append (out, "</tbody></table>\n");
    }
  if (d->old_ready_known && d->new_ready_known && g_date_compare (&d->old_ready, &d->new_ready) != 0)
    g_string_append_printf (out, "<p>Every link can carry traffic from <b>%s</b> (was %s).</p>\n",
                            pp_date_format (&d->new_ready, a), pp_date_format (&d->old_ready, b));
}

/* The "Change" section: what `peerplan diff OLD NEW` reports, from the
 * same PpDiff, as tables. */
static void
write_change (GString *out, const PpHtmlReport *r)
{
  const PpDiff *d = r->diff;
  g_autofree char *summary = pp_diff_report_summary (d);

  g_string_append (out, "<section id=\"change\"><h2>Change</h2>\n<p>From <code>");
  esc (out, r->old_file);
  g_string_append (out, "</code> (");
  esc (out, d->old_sc->name);
  g_string_append (out, ") to <code>");
  esc (out, r->new_file);
  g_string_append (out, "</code> (");
  esc (out, d->new_sc->name);
  g_string_append (out, "), as <code>peerplan diff OLD NEW</code> reports it; the topology "
                   "marks the change and the sections after it are NEW's.</p>\n<p class=\"summary\"><b>");
  esc (out, summary);
  g_string_append (out, "</b></p>\n");
  if (d->notes->len > 0)
    {
      g_string_append (out, "<ul class=\"notes\">");
      for (guint i = 0; i < d->notes->len; i++)
        {
          g_string_append (out, "<li>");
          esc (out, g_ptr_array_index (d->notes, i));
          g_string_append (out, "</li>");
        }
      g_string_append (out, "</ul>\n");
    }
  write_change_cost (out, d);
  write_change_findings (out, d, PP_DIFF_FINDING_NEW);
  write_change_findings (out, d, PP_DIFF_FINDING_FIXED);
  g_string_append_printf (out, "<p>%u finding(s) unchanged (in the Findings section).</p>\n",
                          d->n_findings[PP_DIFF_FINDING_UNCHANGED]);
  write_change_reach (out, d);
  write_change_objects (out, d);
  write_change_quotas_leads (out, d);
  g_string_append (out, "</section>\n");
}

GBytes *
pp_html_report (const PpHtmlReport *r, GError **error)
{
  g_autoptr(GBytes) css = pp_data_get ("report/report.css", error);
  g_autoptr(GBytes) js = css ? pp_data_get ("report/report.js", error) : NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *css_hash = NULL, *js_hash = NULL;
  const PpScenario *sc = r->sc;

  if (js == NULL)
    return NULL;
  css_hash = csp_hash (css);
  js_hash = csp_hash (js);
  g_string_append_printf (out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                          "style-src '%s'; script-src '%s'; img-src data:\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                          "<meta name=\"generator\" content=\"peerplan report\">\n<title>",
                          css_hash, js_hash);
  g_string_append (out, "Design review: ");
  esc (out, sc->name);
  g_string_append (out, "</title>\n<style>");
  g_string_append_len (out, g_bytes_get_data (css, NULL), (gssize) g_bytes_get_size (css));
  g_string_append (out, "</style>\n</head>\n<body>\n<header><h1>Design review: ");
  esc (out, sc->name);
  g_string_append (out, "</h1>\n<p>Scenario <code>");
  esc (out, sc->file);
  g_string_append (out, "</code>; accounts:");
  for (guint a = 0; a < sc->accounts->len; a++)
    {
      const PpAccount *acc = pp_scenario_account (sc, a);
      g_autofree char *s = g_strdup_printf ("%s %s (uid %s)", a ? "," : "", acc->id, acc->uid);

      esc (out, s);
    }
  g_string_append_printf (out, ".</p>\n<p>%s</p>\n</header>\n",
                          pp_plan_ok (r->plan)
                          ? "The plan runs: every step passed and no finding is an error."
                          : "The plan does not run as declared: see the failed steps and the errors.");
  g_string_append (out, "<nav>");
  if (r->diff != NULL)
    g_string_append (out, "<a href=\"#change\">Change</a>");
  g_string_append (out, "<a href=\"#diagram\">Topology</a><a href=\"#findings\">Findings</a>"
                   "<a href=\"#cost\">Cost</a><a href=\"#quotas\">Quotas</a>"
                   "<a href=\"#lead-time\">Lead time</a><a href=\"#runbook\">Runbook</a>"
                   "<a href=\"#sources\">Sources</a></nav>\n");

  if (r->diff != NULL)
    write_change (out, r);
  g_string_append (out, "<section id=\"diagram\"><h2>Topology</h2>\n");
  if (r->diff != NULL)
    g_string_append (out, "<p>NEW, with the change marked as <code>peerplan graph --diff</code> "
                     "draws it: added green and bold, changed orange, removed grey, dashed and "
                     "struck (see the legend).</p>\n");
  g_string_append (out, "<p>Hover an object for its findings; Ctrl + wheel zooms.</p>\n"
                   "<div class=\"tools\"><button type=\"button\" data-zoom=\"in\">zoom in</button>"
                   "<button type=\"button\" data-zoom=\"out\">zoom out</button>"
                   "<button type=\"button\" data-zoom=\"fit\">fit</button>"
                   "<button type=\"button\" data-zoom=\"one\">100%</button></div>\n"
                   "<div class=\"zoom\">\n");
  if (!inline_svg (out, r->diagram_svg, "diagram", error))
    return NULL;
  g_string_append (out, "</div></section>\n");

  write_findings (out, r->plan->findings);
  write_cost (out, r->estimate, sources);
  if (!inline_svg (out, r->chart_svg, "cost chart", error))
    return NULL;
  g_string_append (out, "</div></section>\n");
  write_quotas (out, r->estimate);
  write_lead_times (out, r->estimate);
  write_runbook (out, r->plan->run);

  g_string_append (out, "<section id=\"sources\"><h2>Sources</h2>\n");
  if (sources->len == 0)
    g_string_append (out, "<p>None (no price was found).</p>\n");
  else
    {
      g_string_append (out, "<ol>\n");
      for (guint i = 0; i < sources->len; i++)
        {
          g_string_append (out, "<li>");
          esc (out, g_ptr_array_index (sources, i));
          g_string_append (out, "</li>\n");
        }
      g_string_append (out, "</ol>\n");
    }
  g_string_append (out, "</section>\n<script>");
  g_string_append_len (out, g_bytes_get_data (js, NULL), (gssize) g_bytes_get_size (js));
  g_string_append (out, "</script>\n</body>\n</html>\n");
  return g_string_free_to_bytes (g_steal_pointer (&out));
}
