/* SPDX-License-Identifier: MIT */
/* pp-render-legend.c: the graph's label: title, counts, findings, trace
 * and legend.
 */
#include "render/pp-render-private.h"

#include <string.h>

/* ---- title and legend ------------------------------------------------- */

/* The graph's label is one HTML-like table (a label, not DOT text): the
 * title, a line of counts, findings and trace, then the legend, three
 * entries a row so that it stays short above a wide drawing. */

#define LEGEND_PER_ROW 3

typedef struct {
  const char *color;
  const char *sample;
  gboolean bold;
  const char *text;
} LegendItem;

static void
legend_cells (GString *h, const LegendItem *it)
{
  if (g_str_equal (it->sample, "VPC"))
    g_string_append_printf (h, "<TD BORDER=\"2\" COLOR=\"%s\">VPC</TD>", it->color);
  else
    g_string_append_printf (h, "<TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\">%s%s%s</FONT></TD>",
                            it->color, it->bold ? "<B>" : "", it->sample, it->bold ? "</B>" : "");
  g_string_append_printf (h, "<TD ALIGN=\"LEFT\">%s</TD>", it->text);
}

void
pp_render_set_label (Builder *b)
{
  const PpScenario *sc = b->sc;
  g_autoptr(GString) h = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GHashTable) regions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *title = g_markup_escape_text (b->o.title ? b->o.title : sc->name, -1);
  const LegendItem items[] = {
    { COLOR_PLANNED, "╌╌╌▶", FALSE, "planned / Idle" },
    { COLOR_PENDING, "╌╌╌▶", FALSE, "Connecting / Activating / Accepting" },
    { COLOR_ACTIVE, "━━━▶", TRUE, "Active" },
    { COLOR_FAILED, "━━━▶", TRUE, "failed / Inactive / Rejected / Expired" },
    { COLOR_FAILED, "⚠ rule → VPC", FALSE, "route table to fix (the VPC it must reach)" },
    { COLOR_FAILED, "VPC", FALSE, "overlapping CIDR (range in the label)" },
    { COLOR_FAILED, "⚠ rule", FALSE, "finding on the object (tooltip: message)" },
    { COLOR_MARK, "[cross-border]", FALSE, "one end in mainland China" },
    { COLOR_MARK, pp_render_ticket_marks[0].marker, FALSE, pp_render_ticket_marks[0].meaning },
    { COLOR_MARK, pp_render_ticket_marks[1].marker, FALSE, pp_render_ticket_marks[1].meaning },
    { COLOR_MARK, pp_render_ticket_marks[2].marker, FALSE, pp_render_ticket_marks[2].meaning },
    { "black", "RI / peering", FALSE, "router interface / VPC peering end" },
    { COLOR_TRACE, "━━━▶", TRUE, "reachability trace" },
    { COLOR_FAILED, "✗ dropped here", FALSE, "where the trace's packet is dropped" },
  };
  /* the trace's rows only with a trace, the drop's only with a drop */
  guint n_items = G_N_ELEMENTS (items)
                  - (b->o.trace == NULL ? 2 : b->o.trace->dropped_in == NULL ? 1 : 0);
  Counts c = { 0 };

  for (guint v = 0; v < sc->vpcs->len; v++)
    {
      pp_render_count_vpc (sc, v, &c);
      g_hash_table_add (regions, (gpointer) pp_scenario_vpc (sc, v)->region->id);
    }
  pp_render_append_count (line, sc->accounts->len, "account", "accounts");
  pp_render_append_count (line, g_hash_table_size (regions), "region", "regions");
  pp_render_append_count (line, c.vpcs, "VPC", "VPCs");
  pp_render_append_count (line, sc->connections->len, "connection", "connections");
  g_string_append_printf (line, " · level %s", pp_render_level_to_string (b->o.level));

  g_string_append_printf (h, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"2\">"
                          "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"%u\"><FONT POINT-SIZE=\"16\"><B>%s</B></FONT></TD></TR>"
                          "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"%u\">%s",
                          2 * LEGEND_PER_ROW, title, 2 * LEGEND_PER_ROW, line->str);
  if (b->o.findings != NULL)
    {
      guint ne = pp_findings_count (b->o.findings, PP_SEVERITY_ERROR);
      guint nw = pp_findings_count (b->o.findings, PP_SEVERITY_WARNING);
      guint ni = pp_findings_count (b->o.findings, PP_SEVERITY_INFO);

      g_string_append_printf (h, " · <FONT COLOR=\"%s\">findings: %u %s, %u %s, %u info</FONT>",
                              ne ? COLOR_FAILED : nw ? COLOR_WARNING : "black", ne,
                              pp_render_plural (ne, "error", "errors"), nw,
                              pp_render_plural (nw, "warning", "warnings"), ni);
    }
  g_string_append (h, "</TD></TR>");
  if (b->o.trace != NULL)
    {
      const PpRenderTrace *t = b->o.trace;
      g_autofree char *text = g_strdup_printf ("trace %s → %s: %s", t->from, t->to,
                                               t->verdict ? t->verdict
                                               : t->reached ? "reached" : "not reached");
      g_autofree char *esc_text = g_markup_escape_text (text, -1);

      g_string_append_printf (h, "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"%u\"><FONT COLOR=\"%s\">%s</FONT></TD></TR>",
                              2 * LEGEND_PER_ROW, t->reached ? COLOR_TRACE : COLOR_FAILED, esc_text);
    }
  if (!b->o.no_legend)
    for (guint i = 0; i < n_items; i += LEGEND_PER_ROW)
      {
        g_string_append (h, "<TR>");
        for (guint k = i; k < i + LEGEND_PER_ROW && k < n_items; k++)
          legend_cells (h, &items[k]);
        g_string_append (h, "</TR>");
      }
  g_string_append (h, "</TABLE>");
  agsafeset (b->g, (char *) "label", agstrdup_html (b->g, h->str), (char *) "");
}

