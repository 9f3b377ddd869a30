/* SPDX-License-Identifier: MIT */
/* html-check.c FILE.html: the structure of a `peerplan report` page, with
 * libxml2's HTML parser (tests/cli/report.sh runs it).
 *
 * Checks: the page parses, with no parser error other than the HTML5 and
 * SVG element names libxml2's HTML 4 parser does not know; it has a
 * Content-Security-Policy meta, one inline <style> and one inline <script>
 * (no src), the diagram's <svg> and the chart's, the tables of findings,
 * cost, quotas and runbook steps; and no attribute that fetches or links
 * outside the page: no src/href/xlink:href/action/... holding "://" or
 * "//" at its start (text may cite URLs: the sources of the prices do).
 *
 * html-check --diff FILE.html: a page of `report --diff`: also the Change
 * section first, as tables (no <pre> of text): the summary, the cost per
 * account, new and fixed findings, reachability, objects, quotas and
 * tickets, each a sortable table or a line saying there is none; and the
 * diagram of `graph --diff` (its legend).  Without --diff the page must
 * have neither.
 *
 * --expect XPATH N (any number of times): the page holds N nodes XPATH
 * names (a test's own assertion on what a page must show).
 * Prints "ok"/"not ok" lines; exit 1 when one failed. */
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

static int failed;

static void
check (gboolean ok, const char *what)
{
  printf ("%s - %s\n", ok ? "ok" : "not ok", what);
  if (!ok)
    failed++;
}

static const char *const html5[] = {
  "header", "nav", "section", "main", "details", "summary", "meter",
  "svg", "g", "title", "path", "polygon", "polyline", "ellipse", "text", "a", "line", "rect",
  "circle", "defs", "tspan", NULL,
};

static void
on_error (void *data, xmlErrorPtr e)
{
  guint *errors = data;

  if (e->code == XML_HTML_UNKNOWN_TAG && e->str1 != NULL
      && g_strv_contains (html5, (const char *) e->str1))
    return;
  fprintf (stderr, "html-check: line %d: %s", e->line, e->message);
  (*errors)++;
}

static guint
count (xmlXPathContextPtr x, const char *expr)
{
  xmlXPathObjectPtr o = xmlXPathEvalExpression (BAD_CAST expr, x);
  guint n = o != NULL && o->nodesetval != NULL ? (guint) o->nodesetval->nodeNr : 0;

  xmlXPathFreeObject (o);
  return n;
}

/* Attributes that make a browser fetch or navigate. */
static const char *const url_attrs[] = {
  "src", "href", "action", "formaction", "data", "poster", "background", "srcset", "cite", NULL,
};

static void
walk (xmlNodePtr n, guint *external)
{
  for (; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
        {
          const char *name = (const char *) a->name;
          const char *colon = strchr (name, ':');
          xmlChar *v;

          if (colon != NULL)
            name = colon + 1;        /* xlink:href */
          if (!g_strv_contains (url_attrs, name))
            continue;
          v = xmlNodeGetContent ((xmlNodePtr) a);
          if (v != NULL && (strstr ((const char *) v, "://") != NULL
                            || g_str_has_prefix (g_strstrip ((char *) v), "//")))
            {
              fprintf (stderr, "html-check: <%s %s=\"%s\"> leaves the page\n", n->name, a->name, v);
              (*external)++;
            }
          xmlFree (v);
        }
      walk (n->children, external);
    }
}

/* The Change section of report --diff: each part a sortable table of
 * CLASS, or the heading and a line saying there is none. */
static void
check_change_part (xmlXPathContextPtr x, const char *heading, const char *cls, const char *what)
{
  g_autofree char *h = g_strdup_printf ("//section[@id='change']/h3[starts-with(., '%s')]", heading);
  g_autofree char *t = g_strdup_printf ("//section[@id='change']/table[contains(@class,'sortable')]"
                                        "[contains(concat(' ', @class, ' '), ' %s ')]/tbody/tr", cls);
  g_autofree char *none = g_strdup_printf ("%s/following-sibling::*[1][self::p][starts-with(., 'No')"
                                           " or starts-with(., 'None')]", h);
  g_autofree char *label = g_strdup_printf ("the Change section's %s: a sortable table, or none", what);

  check (count (x, h) == 1 && (count (x, t) > 0 || count (x, none) == 1), label);
}

static void
check_diff (xmlXPathContextPtr x, gboolean diff)
{
  const char *legend = "//section[@id='diagram']//svg//text[.='added (green, bold)']";

  if (!diff)
    {
      check (count (x, "//section[@id='change']") == 0, "no Change section without --diff");
      check (count (x, legend) == 0, "no legend of a change without --diff");
      return;
    }
  check (count (x, "//section[@id='change']") == 1
         && count (x, "//section[@id='change']/following-sibling::section[@id='diagram']") == 1,
         "the Change section, before the topology");
  check (count (x, "//nav/a[@href='#change']") == 1, "the navigation links the Change section");
  check (count (x, "//section[@id='change']//pre[not(ancestor::details)]") == 0,
         "the Change section is HTML, not preformatted text");
  check (count (x, "//section[@id='change']/p[@class='summary']/b") == 1, "the summary line");
  check (count (x, "//section[@id='change']/table[contains(@class,'change-cost')]/tbody/tr"
                "[starts-with(td[1], 'account ')]") > 0
         && count (x, "//section[@id='change']/table[contains(@class,'change-cost')]/tbody/tr"
                   "[td[1]='overall']") > 0, "the cost per account and overall");
  check (count (x, "//section[@id='change']/table[contains(@class,'change-cost')]/thead/tr"
                "[th[contains(., 'delta month')] and th[contains(., 'months') and contains(., 'delta')]]") == 1,
         "the cost delta per month and over the horizon");
  check_change_part (x, "New findings", "new", "new findings");
  check_change_part (x, "Fixed findings", "fixed", "fixed findings");
  check_change_part (x, "Reachability", "change-reach", "reachability");
  check_change_part (x, "Objects", "change-objects", "objects");
  check_change_part (x, "Quota headroom", "change-quotas", "quotas");
  check_change_part (x, "New tickets", "change-leads", "tickets");
  check (count (x, "//section[@id='change']/h3[starts-with(., 'New findings')]"
                "/following::h3[starts-with(., 'Fixed findings')]") == 1, "new findings first");
  check (count (x, legend) == 1
         && count (x, "//section[@id='diagram']//svg//text[.='changed (orange)']") == 1,
         "the diagram of graph --diff (its legend)");
}

int
main (int argc, char **argv)
{
  guint errors = 0, external = 0;
  htmlDocPtr doc;
  xmlXPathContextPtr x;
  gboolean diff = FALSE;
  const char *file = NULL;
  g_autoptr(GPtrArray) expect = g_ptr_array_new ();

  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--diff") == 0)
      diff = TRUE;
    else if (strcmp (argv[i], "--expect") == 0 && i + 2 < argc)
      {
        g_ptr_array_add (expect, argv[++i]);
        g_ptr_array_add (expect, argv[++i]);
      }
    else if (file == NULL && argv[i][0] != '-')
      file = argv[i];
    else
      file = NULL, i = argc;
  if (file == NULL)
    {
      fprintf (stderr, "usage: html-check [--diff] [--expect XPATH N]... FILE.html\n");
      return 2;
    }
  xmlSetStructuredErrorFunc (&errors, on_error);
  doc = htmlReadFile (file, "UTF-8", HTML_PARSE_NONET);
  check (doc != NULL && errors == 0, "the page parses as HTML without errors");
  if (doc == NULL)
    return 1;
  x = xmlXPathNewContext (doc);
  check (count (x, "/html/head/meta[@http-equiv='Content-Security-Policy']"
                "[contains(@content, \"default-src 'none'\")]") == 1,
         "a Content-Security-Policy that allows nothing by default");
  check (count (x, "//style") == 1 && count (x, "//script") == 1 && count (x, "//script[@src]") == 0
         && count (x, "//link") == 0, "one inline style and one inline script, no link or src");
  check (count (x, "//section[@id='diagram']//svg") == 1, "the diagram's SVG");
  check (count (x, "//section[@id='diagram']//svg//a/title") > 0, "the diagram's tooltips");
  check (count (x, "//section[@id='cost']//svg") == 1, "the break-even chart's SVG");
  check (count (x, "//table[contains(concat(' ', @class, ' '), ' findings ')]/thead") == 1
         || count (x, "//section[@id='findings']/p[.='No findings.']") == 1, "the findings table");
  check (count (x, "//table[contains(concat(' ', @class, ' '), ' accounts ')]/tbody/tr") > 0, "the cost per account");
  check (count (x, "//table[contains(concat(' ', @class, ' '), ' quotas ')]") == 1, "the quotas table");
  check (count (x, "//table[contains(concat(' ', @class, ' '), ' steps ')]/tbody/tr") > 0, "the runbook steps");
  check (count (x, "//section[@id='sources']") == 1, "the sources");
  check (count (x, "//section[@id='lead-time']") == 1, "the lead-time calendar");
  check_diff (x, diff);
  for (guint i = 0; i < expect->len; i += 2)
    {
      const char *expr = g_ptr_array_index (expect, i);
      guint want = (guint) g_ascii_strtoull (g_ptr_array_index (expect, i + 1), NULL, 10);
      guint got = count (x, expr);
      g_autofree char *label = g_strdup_printf ("%u of %s (found %u)", want, expr, got);

      check (got == want, label);
    }
  walk (xmlDocGetRootElement (doc), &external);
  check (external == 0, "no attribute fetches or links outside the page");
  xmlXPathFreeContext (x);
  xmlFreeDoc (doc);
  return failed ? 1 : 0;
}
