/* SPDX-License-Identifier: MIT */
/* cost-chart.c: the cumulative cost over the horizon as an SVG chart.
 *
 * One series per priced option of each charged side (subscription solid,
 * pay-as-you-go dashed, transfer dotted), x = months of use 0..N, y = the
 * cost of keeping the link that long, in the estimate's currency.  The
 * break-even month of a side is a vertical marker.  The document is
 * written with libxml2's xmlTextWriter, so every attribute and text is
 * escaped by the library.  Pixel positions use floating point; the money
 * plotted comes from the integer estimate.
 */

#include "sim/cli/cost-report.h"
#include "pricing/pp-money.h"

#include <gio/gio.h>

#include <libxml/xmlwriter.h>
#include <string.h>

#define W 960
#define H 540
#define LEFT 110
#define RIGHT 330
#define TOP 60
#define BOTTOM 70

static const char * const palette[] = {
  "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
};

typedef struct {
  const PpOption *option;
  const PpSideEstimate *side;
  const PpConnEstimate *conn;
  guint color;                /* one colour per side; its options differ by dash */
} Series;

static gboolean
w_ok (int rc, GError **error)
{
  if (rc < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "cannot write the SVG chart (libxml2 xmlTextWriter failed)");
      return FALSE;
    }
  return TRUE;
}

#define TRY(call) G_STMT_START { if (!w_ok ((call), error)) goto out; } G_STMT_END

static int
attr (xmlTextWriterPtr w, const char *name, const char *value)
{
  return xmlTextWriterWriteAttribute (w, (const xmlChar *) name, (const xmlChar *) value);
}

static int
attr_num (xmlTextWriterPtr w, const char *name, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.1f", v);
  return attr (w, name, buf);
}

static int
text_el (xmlTextWriterPtr w, double x, double y, const char *anchor,
         const char *extra_attr, const char *extra_value, const char *content)
{
  int rc;

  if ((rc = xmlTextWriterStartElement (w, (const xmlChar *) "text")) < 0 ||
      (rc = attr_num (w, "x", x)) < 0 || (rc = attr_num (w, "y", y)) < 0 ||
      (rc = attr (w, "text-anchor", anchor)) < 0)
    return rc;
  if (extra_attr != NULL && (rc = attr (w, extra_attr, extra_value)) < 0)
    return rc;
  if ((rc = xmlTextWriterWriteString (w, (const xmlChar *) content)) < 0)
    return rc;
  return xmlTextWriterEndElement (w);
}

static int
line_el (xmlTextWriterPtr w, double x1, double y1, double x2, double y2,
         const char *stroke, const char *dash)
{
  int rc;

  if ((rc = xmlTextWriterStartElement (w, (const xmlChar *) "line")) < 0 ||
      (rc = attr_num (w, "x1", x1)) < 0 || (rc = attr_num (w, "y1", y1)) < 0 ||
      (rc = attr_num (w, "x2", x2)) < 0 || (rc = attr_num (w, "y2", y2)) < 0 ||
      (rc = attr (w, "stroke", stroke)) < 0)
    return rc;
  if (dash != NULL && (rc = attr (w, "stroke-dasharray", dash)) < 0)
    return rc;
  return xmlTextWriterEndElement (w);
}

/* A "nice" step (1, 2 or 5 x 10^k minor units) for about 5 ticks. */
static guint64
nice_step (guint64 max)
{
  guint64 step = 1;

  while (step * 5 < max)
    {
      if (step * 2 * 5 >= max)
        return step * 2;
      if (step * 5 * 5 >= max)
        return step * 5;
      if (step > G_MAXUINT64 / 10)
        break;
      step *= 10;
    }
  return step;
}

GBytes *
pp_cost_chart_svg (const PpEstimate *e, GError **error)
{
  g_autoptr(GArray) series = g_array_new (FALSE, TRUE, sizeof (Series));
  xmlBufferPtr buf = xmlBufferCreate ();
  xmlTextWriterPtr w = NULL;
  GBytes *result = NULL;
  guint64 max = 0, step;
  guint left_out = 0, n_sides = 0;
  double pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
  const char *cur = pp_currency_to_string (e->currency);
  char label[256];

  for (guint i = 0; i < e->connections->len; i++)
    {
      const PpConnEstimate *ce = &g_array_index (e->connections, PpConnEstimate, i);

      for (guint end = 0; end < 2; end++)
        {
          const PpSideEstimate *s = &ce->sides[end];

          if (!s->charged)
            continue;
          n_sides++;
          for (guint o = 0; o < s->n_options; o++)
            {
              Series se = { &s->options[o], s, ce, n_sides - 1 };

              if (s->options[o].cumulative == NULL || s->options[o].currency != e->currency)
                {
                  left_out++;
                  continue;
                }
              g_array_append_val (series, se);
              max = MAX (max, s->options[o].cumulative[e->months]);
            }
        }
    }
  step = nice_step (max ? max : 100);
  max = ((max + step - 1) / step) * step;
  if (max == 0)
    max = step;

  w = xmlNewTextWriterMemory (buf, 0);
  if (w == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot create an XML writer");
      goto out;
    }
  TRY (xmlTextWriterSetIndent (w, 1));
  TRY (xmlTextWriterStartDocument (w, NULL, "UTF-8", NULL));
  TRY (xmlTextWriterStartElementNS (w, NULL, (const xmlChar *) "svg",
                                    (const xmlChar *) "http://www.w3.org/2000/svg"));
  TRY (attr (w, "width", "960"));
  TRY (attr (w, "height", "540"));
  TRY (attr (w, "viewBox", "0 0 960 540"));
  TRY (attr (w, "font-family", "sans-serif"));
  TRY (attr (w, "font-size", "12"));
  TRY (xmlTextWriterWriteElement (w, (const xmlChar *) "title", (const xmlChar *) "peerplan cost: cumulative cost over the horizon"));
  TRY (xmlTextWriterStartElement (w, (const xmlChar *) "rect"));
  TRY (attr (w, "width", "100%"));
  TRY (attr (w, "height", "100%"));
  TRY (attr (w, "fill", "white"));
  TRY (xmlTextWriterEndElement (w));

  g_snprintf (label, sizeof label, "Cumulative cost of %s over %u months (%s)", e->sc->name, e->months, cur);
  TRY (text_el (w, LEFT, 30, "start", "font-size", "16", label));

  /* Axes, ticks and grid. */
  TRY (line_el (w, LEFT, TOP + ph, LEFT + pw, TOP + ph, "black", NULL));
  TRY (line_el (w, LEFT, TOP, LEFT, TOP + ph, "black", NULL));
  for (guint64 v = 0; v <= max; v += step)
    {
      double y = TOP + ph - ph * ((double) v / (double) max);
      g_autofree char *t = pp_money_format_minor (v);

      TRY (line_el (w, LEFT, y, LEFT + pw, y, "#dddddd", NULL));
      TRY (text_el (w, LEFT - 6, y + 4, "end", NULL, NULL, t));
      if (v > G_MAXUINT64 - step)
        break;
    }
  {
    guint xstep = e->months <= 12 ? 1 : e->months <= 36 ? 3 : e->months <= 120 ? 12 : 60;

    for (guint m = 0; m <= e->months; m += xstep)
      {
        double x = LEFT + pw * ((double) m / (double) e->months);
        char t[16];

        g_snprintf (t, sizeof t, "%u", m);
        TRY (line_el (w, x, TOP + ph, x, TOP + ph + 5, "black", NULL));
        TRY (text_el (w, x, TOP + ph + 20, "middle", NULL, NULL, t));
      }
  }
  TRY (text_el (w, LEFT + pw / 2, H - 20, "middle", NULL, NULL, "months of use"));
  g_snprintf (label, sizeof label, "cumulative cost (%s)", cur);
  {
    char rot[64];

    g_snprintf (rot, sizeof rot, "rotate(-90 %d %d)", 30, TOP + (int) ph / 2);
    TRY (text_el (w, 30, TOP + ph / 2, "middle", "transform", rot, label));
  }

  /* Series. */
  for (guint i = 0; i < series->len; i++)
    {
      const Series *se = &g_array_index (series, Series, i);
      const char *color = palette[se->color % G_N_ELEMENTS (palette)];
      GString *pts = g_string_new (NULL);
      const char *dash = se->option->kind == PP_OPTION_SUBSCRIPTION ? NULL
                       : se->option->kind == PP_OPTION_PAY_AS_YOU_GO ? "8 4" : "2 3";
      double ly = TOP + 20 + 36.0 * i;
      const PpConnection *conn = pp_scenario_connection (e->sc, se->conn->connection);

      for (guint m = 0; m <= e->months; m++)
        {
          char xs[G_ASCII_DTOSTR_BUF_SIZE], ys[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (xs, sizeof xs, "%.1f", LEFT + pw * ((double) m / (double) e->months));
          g_ascii_formatd (ys, sizeof ys, "%.1f",
                           TOP + ph - ph * ((double) se->option->cumulative[m] / (double) max));
          g_string_append_printf (pts, "%s%s,%s", m ? " " : "", xs, ys);
        }
      TRY (xmlTextWriterStartElement (w, (const xmlChar *) "polyline"));
      TRY (attr (w, "points", pts->str));
      g_string_free (pts, TRUE);
      TRY (attr (w, "fill", "none"));
      TRY (attr (w, "stroke", color));
      TRY (attr (w, "stroke-width", "2"));
      if (dash != NULL)
        TRY (attr (w, "stroke-dasharray", dash));
      TRY (xmlTextWriterEndElement (w));

      /* Legend entry. */
      TRY (line_el (w, W - RIGHT + 20, ly, W - RIGHT + 50, ly, color, dash));
      g_snprintf (label, sizeof label, "%s: %s (%s) %s",
                  conn->id, pp_scenario_account (e->sc, se->side->account)->id,
                  se->side->role, pp_option_kind_to_string (se->option->kind));
      TRY (text_el (w, W - RIGHT + 56, ly + 4, "start", NULL, NULL, label));
      {
        g_autofree char *a = pp_money_format_minor (se->option->amount_minor);
        g_autofree char *u = pp_cost_unit_price_text (se->option);

        g_snprintf (label, sizeof label, "%s %s in %u months at %s", a, cur, e->months, u);
        TRY (text_el (w, W - RIGHT + 56, ly + 18, "start", "font-size", "10", label));
      }
    }

  /* Break-even: a marker at the month from which a subscription pays off
   * (when that is after the first month), and the usage per month at which
   * both cost the same, under the legend. */
  {
    double ly = TOP + 20 + 36.0 * series->len + 10;
    guint k = 0;

    for (guint i = 0; i < e->connections->len; i++)
      {
        const PpConnEstimate *ce = &g_array_index (e->connections, PpConnEstimate, i);
        const PpSideEstimate *s = &ce->sides[0];
        const char *id = pp_scenario_connection (e->sc, ce->connection)->id;

        if (!s->has_cheaper || s->options[0].currency != e->currency)
          continue;
        if (s->breakeven_month > 1)
          {
            double x = LEFT + pw * ((double) s->breakeven_month / (double) e->months);

            TRY (line_el (w, x, TOP, x, TOP + ph, "#555555", "4 4"));
            g_snprintf (label, sizeof label, "break-even %s: month %u", id, s->breakeven_month);
            TRY (text_el (w, x + 4, TOP + 12 + 14.0 * k++, "start", "font-size", "10", label));
          }
        if (s->has_breakeven && !s->breakeven_never)
          {
            g_autofree char *q = pp_quantity_format (s->breakeven_milli);

            g_snprintf (label, sizeof label, "break-even %s: %s %s of use a month", id, q,
                        s->breakeven_unit == PP_UNIT_HOUR ? "hours" : "days");
          }
        else if (s->breakeven_month > 0)
          g_snprintf (label, sizeof label, "break-even %s: subscription pays off from month %u",
                      id, s->breakeven_month);
        else
          g_snprintf (label, sizeof label, "break-even %s: pay-as-you-go stays cheaper", id);
        TRY (text_el (w, W - RIGHT + 20, ly, "start", "font-size", "11", label));
        ly += 16;
      }
  }

  if (series->len == 0)
    TRY (text_el (w, LEFT + pw / 2, TOP + ph / 2, "middle", NULL, NULL,
                  "no priced charge to draw (see price-missing)"));
  if (left_out > 0)
    {
      g_snprintf (label, sizeof label,
                  "%u option%s not drawn: no price, or priced in another currency (give --usd-to-cny)",
                  left_out, left_out == 1 ? "" : "s");
      TRY (text_el (w, LEFT, H - 4, "start", "font-size", "10", label));
    }
  TRY (text_el (w, W - RIGHT + 20, TOP - 8, "start", "font-size", "10",
                "solid: subscription, dashed: pay-as-you-go,"));
  TRY (text_el (w, W - RIGHT + 20, TOP + 4, "start", "font-size", "10",
                "dotted: per-GB transfer"));
  TRY (xmlTextWriterEndElement (w));
  TRY (xmlTextWriterEndDocument (w));
  xmlFreeTextWriter (w);
  w = NULL;
  result = g_bytes_new (xmlBufferContent (buf), (gsize) xmlBufferLength (buf));

out:
  if (w != NULL)
    xmlFreeTextWriter (w);
  xmlBufferFree (buf);
  return result;
}
