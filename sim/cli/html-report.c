/* SPDX-License-Identifier: MIT */
/* html-report.c: the one-page HTML design review (html-report.h). */
#include "sim/cli/html-report.h"
#include "sim/cli/cost-report.h"
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
    {
      const PpFinding *x = pp_findings_nth (f, i);
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
  if (r->change_text != NULL)
    g_string_append (out, "<a href=\"#change\">Change</a>");
  g_string_append (out, "<a href=\"#diagram\">Topology</a><a href=\"#findings\">Findings</a>"
                   "<a href=\"#cost\">Cost</a><a href=\"#quotas\">Quotas</a>"
                   "<a href=\"#lead-time\">Lead time</a><a href=\"#runbook\">Runbook</a>"
                   "<a href=\"#sources\">Sources</a></nav>\n");

  if (r->change_text != NULL)
    {
      g_string_append (out, "<section id=\"change\"><h2>Change</h2>\n"
                       "<p>What the change does, as <code>peerplan diff OLD NEW</code> reports it; "
                       "the sections below are NEW.</p>\n<pre>");
      esc (out, r->change_text);
      g_string_append (out, "</pre></section>\n");
    }
  g_string_append (out, "<section id=\"diagram\"><h2>Topology</h2>\n"
                   "<p>Hover an object for its findings; Ctrl + wheel zooms.</p>\n"
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
