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

int
main (int argc, char **argv)
{
  guint errors = 0, external = 0;
  htmlDocPtr doc;
  xmlXPathContextPtr x;

  if (argc != 2)
    {
      fprintf (stderr, "usage: html-check FILE.html\n");
      return 2;
    }
  xmlSetStructuredErrorFunc (&errors, on_error);
  doc = htmlReadFile (argv[1], "UTF-8", HTML_PARSE_NONET);
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
  check (count (x, "//table[contains(@class,'findings')]/thead") == 1
         || count (x, "//section[@id='findings']/p[.='No findings.']") == 1, "the findings table");
  check (count (x, "//table[contains(@class,'accounts')]/tbody/tr") > 0, "the cost per account");
  check (count (x, "//table[contains(@class,'quotas')]") == 1, "the quotas table");
  check (count (x, "//table[contains(@class,'steps')]/tbody/tr") > 0, "the runbook steps");
  check (count (x, "//section[@id='sources']") == 1, "the sources");
  check (count (x, "//section[@id='lead-time']") == 1, "the lead-time calendar");
  walk (xmlDocGetRootElement (doc), &external);
  check (external == 0, "no attribute fetches or links outside the page");
  xmlXPathFreeContext (x);
  xmlFreeDoc (doc);
  return failed ? 1 : 0;
}
