/* SPDX-License-Identifier: MIT */
/* pp-render-edges.c: the edges: one per connection (or one per pair of
 * nodes with counts at the region and account levels).  Findings are not
 * edges: each is drawn on its subject (pp-render-marks.c), so no curve
 * crosses an account that has nothing to do with it.
 */
#include "render/pp-render-private.h"

#include <string.h>

/* ---- connections ------------------------------------------------------ */

/* The innermost cluster that holds both @x and @y (or the root graph). */
static Agraph_t *
common_parent (Builder *b, Agnode_t *x, Agnode_t *y)
{
  Agraph_t *px = g_hash_table_lookup (b->parents, x);
  Agraph_t *py = g_hash_table_lookup (b->parents, y);

  for (Agraph_t *p = px; p != NULL; p = p == b->g ? NULL : agparent (p))
    for (Agraph_t *q = py; q != NULL; q = q == b->g ? NULL : agparent (q))
      if (p == q)
        return p;
  return b->g;
}

/* At the top-down levels, a connection's label becomes a node of its own
 * between two edge segments, in the innermost cluster that holds both
 * ends: dot never overlaps nodes, but it does overlap the labels of edges
 * that cross clusters.  @e keeps its id on the second segment (the one
 * with the arrow); the first is "<id>:tail", the label node "<id>:label". */
static void
split_label (Builder *b, Agedge_t *e)
{
  static const char * const copy[] = { "style", "color", "penwidth", "dir", "tooltip", NULL };
  Agnode_t *t = agtail (e), *h = aghead (e);
  g_autofree char *id = g_strdup (agget (e, (char *) "id"));
  g_autofree char *lname = g_strdup_printf ("%s:label", id);
  g_autofree char *tname = g_strdup_printf ("%s:tail", id);
  Agnode_t *n = pp_render_add_node (b, common_parent (b, t, h), lname, agget (e, (char *) "label"),
                          agget (e, (char *) "tooltip"));
  Agedge_t *e1 = pp_render_add_edge (b, t, n, tname);
  Agedge_t *e2;

  pp_render_set (n, "shape", "plaintext");
  pp_render_set (n, "margin", "0.02");
  pp_render_set (n, "height", "0.2");
  if (*agget (e, (char *) "fontcolor"))
    pp_render_set (n, "fontcolor", agget (e, (char *) "fontcolor"));
  pp_render_set (n, "fontsize", "9");
  e2 = pp_render_add_edge (b, n, h, id);
  for (guint i = 0; copy[i]; i++)
    {
      pp_render_set (e1, copy[i], agget (e, (char *) copy[i]));
      pp_render_set (e2, copy[i], agget (e, (char *) copy[i]));
    }
  pp_render_set (e1, "arrowhead", "none");
  agdelete (b->g, e);
}


const PpRenderTicketMark pp_render_ticket_marks[PP_RENDER_N_TICKET_MARKS] = {
  { "ticket-cross-border", "[cross-border application]", "cross-border compliance application" },
  { "ticket-bandwidth", "[bandwidth ticket]", "bandwidth applied for by ticket (unconfirmed)" },
  { "ticket-quota", "[quota ticket]", "quota increase to request first" },
};

void
pp_render_add_connection (Builder *b, guint ci)
{
  const PpScenario *sc = b->sc;
  const PpConnection *c = pp_scenario_connection (sc, ci);
  const char *status = pp_render_conn_status (b, ci);
  PpRenderStatus cls = pp_render_status_classify (status);
  g_autofree char *capacity = pp_render_conn_capacity (c);
  g_autofree char *cost = b->o.cost ? b->o.cost (sc, ci, b->o.user_data) : NULL;
  /* the ticket markers and the cost line tell the ticket-* and price-* findings */
  static const char * const told[] = { "ticket-", "price-", NULL };
  g_autofree char *rules = pp_render_marks_rules_except (b->conn_marks[ci], told);
  g_autofree char *eid = g_strdup_printf ("conn:%s", c->id);
  g_autoptr(GString) label = g_string_new (NULL);
  g_autoptr(GString) tip = g_string_new (NULL);
  GString *marks = g_string_new (NULL);
  Agnode_t *t, *h;
  Agedge_t *e;
  gboolean cross = pp_render_conn_cross_border (sc, c);

  if (b->o.level >= PP_RENDER_LEVEL_VSWITCH)
    {
      g_autofree char *tn = pp_render_end_node_name (c, 0);
      g_autofree char *hn = pp_render_end_node_name (c, 1);

      t = pp_render_find_node (b, tn);
      h = pp_render_find_node (b, hn);
    }
  else
    {
      t = pp_render_vpc_anchor (b, c->ends[0].vpc);
      h = pp_render_vpc_anchor (b, c->ends[1].vpc);
    }
  g_string_append_printf (label, "%s\\n%s\\n%s", c->id, capacity, status);
  if (cost)
    g_string_append_printf (label, "\\n%s", cost);
  if (cross)
    g_string_append (marks, "[cross-border]");
  for (guint k = 0; k < PP_RENDER_N_TICKET_MARKS; k++)
    if (pp_render_marks_have_prefix (b->conn_marks[ci], pp_render_ticket_marks[k].rule))
      g_string_append_printf (marks, "%s%s", marks->len ? " " : "", pp_render_ticket_marks[k].marker);
  if (marks->len)
    g_string_append_printf (label, "\\n%s", marks->str);
  if (rules)
    g_string_append_printf (label, "\\n⚠ %s", rules);

  g_string_append_printf (tip, "%s %s: %s → %s\\n%s\\nstatus %s",
                          pp_conn_type_to_string (c->type), c->id,
                          pp_scenario_vpc (sc, c->ends[0].vpc)->id,
                          pp_scenario_vpc (sc, c->ends[1].vpc)->id, capacity, status);
  if (cost)
    g_string_append_printf (tip, "\\n%s", cost);
  if (cross)
    g_string_append (tip, "\\ncross-border (one end in mainland China)");
  if (b->o.level < PP_RENDER_LEVEL_VSWITCH)
    for (guint side = 0; side < 2; side++)
      {
        g_autofree char *charge = pp_render_end_charge (&c->ends[side]);

        if (charge)
          g_string_append_printf (tip, "\\n%s pays %s", pp_render_end_role (c, side), charge);
      }
  pp_render_marks_tooltip (tip, b->conn_marks[ci]);

  e = pp_render_add_edge (b, t, h, eid);
  pp_render_style_status (e, cls);
  if (b->conn_marks[ci] && b->conn_marks[ci]->worst > PP_SEVERITY_INFO)
    pp_render_set (e, "fontcolor", pp_render_severity_color (b->conn_marks[ci]->worst));
  else if (marks->len)
    pp_render_set (e, "fontcolor", COLOR_MARK);
  if (pp_render_trace_mark (b, e, c->id, tip, FALSE))
    pp_render_set (e, "fontcolor", COLOR_TRACE);
  pp_render_set (e, "label", label->str);
  pp_render_set (e, "tooltip", tip->str);
  g_string_free (marks, TRUE);
  if (b->o.level < PP_RENDER_LEVEL_VSWITCH)
    split_label (b, e);
}

typedef struct {
  Agnode_t *t, *h;
  guint n, by_class[PP_RENDER_STATUS_LAST];
  guint cross, ticket[PP_RENDER_N_TICKET_MARKS], marked;
  gboolean on_trace;
  GString *tip;
} Bundle;

static void
bundle_free (gpointer p)
{
  Bundle *bu = p;

  g_string_free (bu->tip, TRUE);
  g_free (bu);
}

/* Region and account levels: one edge per pair of nodes, with counts. */
void
pp_render_add_bundled_connections (Builder *b)
{
  const PpScenario *sc = b->sc;
  g_autoptr(GPtrArray) bundles = g_ptr_array_new_with_free_func (bundle_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  static const char * const class_names[PP_RENDER_STATUS_LAST] = {
    "planned", "pending", "active", "failed" };

  for (guint i = 0; i < sc->connections->len; i++)
    {
      guint ci = b->conn_order[i];
      const PpConnection *c = pp_scenario_connection (sc, ci);
      Agnode_t *t = pp_render_vpc_anchor (b, c->ends[0].vpc);
      Agnode_t *h = pp_render_vpc_anchor (b, c->ends[1].vpc);
      const char *st = pp_render_conn_status (b, ci);
      g_autofree char *key = NULL;
      Bundle *bu;

      if (strcmp (agnameof (t), agnameof (h)) > 0)
        {
          Agnode_t *x = t;
          t = h;
          h = x;
        }
      key = g_strdup_printf ("%s\x1f%s", agnameof (t), agnameof (h));
      bu = g_hash_table_lookup (by_key, key);
      if (bu == NULL)
        {
          bu = g_new0 (Bundle, 1);
          bu->t = t;
          bu->h = h;
          bu->tip = g_string_new (NULL);
          g_ptr_array_add (bundles, bu);
          g_hash_table_insert (by_key, g_steal_pointer (&key), bu);
        }
      bu->n++;
      bu->by_class[pp_render_status_classify (st)]++;
      if (pp_render_conn_cross_border (sc, c))
        bu->cross++;
      for (guint k = 0; k < PP_RENDER_N_TICKET_MARKS; k++)
        if (pp_render_marks_have_prefix (b->conn_marks[ci], pp_render_ticket_marks[k].rule))
          bu->ticket[k]++;
      if (b->conn_marks[ci])
        bu->marked++;
      if (g_hash_table_contains (b->trace_steps, c->id))
        bu->on_trace = TRUE;
      g_string_append_printf (bu->tip, "%s%s %s → %s (%s)", bu->tip->len ? "\\n" : "",
                              c->id, pp_scenario_vpc (sc, c->ends[0].vpc)->id,
                              pp_scenario_vpc (sc, c->ends[1].vpc)->id, st);
    }

  for (guint i = 0; i < bundles->len; i++)
    {
      Bundle *bu = g_ptr_array_index (bundles, i);
      g_autoptr(GString) label = g_string_new (NULL);
      g_autofree char *eid = g_strdup_printf ("conns:%s:%s", agnameof (bu->t), agnameof (bu->h));
      PpRenderStatus cls = PP_RENDER_STATUS_ACTIVE;
      Agedge_t *e;

      g_string_append_printf (label, "%u %s", bu->n, pp_render_plural (bu->n, "connection", "connections"));
      for (guint k = 0; k < PP_RENDER_STATUS_LAST; k++)
        if (bu->by_class[k])
          g_string_append_printf (label, "\\n%u %s", bu->by_class[k], class_names[k]);
      if (bu->cross)
        {
          /* "×N" only when not all of them are */
          g_string_append (label, "\\n[cross-border]");
          if (bu->cross < bu->n)
            g_string_append_printf (label, " ×%u", bu->cross);
        }
      for (guint k = 0; k < PP_RENDER_N_TICKET_MARKS; k++)
        if (bu->ticket[k])
          {
            g_string_append_printf (label, "\\n%s", pp_render_ticket_marks[k].marker);
            if (bu->ticket[k] < bu->n)
              g_string_append_printf (label, " ×%u", bu->ticket[k]);
          }
      if (bu->marked)
        g_string_append_printf (label, "\\n⚠ %u with findings", bu->marked);
      /* the edge shows the worst: failed, then pending, planned, active */
      if (bu->by_class[PP_RENDER_STATUS_FAILED])
        cls = PP_RENDER_STATUS_FAILED;
      else if (bu->by_class[PP_RENDER_STATUS_PENDING])
        cls = PP_RENDER_STATUS_PENDING;
      else if (bu->by_class[PP_RENDER_STATUS_PLANNED])
        cls = PP_RENDER_STATUS_PLANNED;
      e = pp_render_add_edge (b, bu->t, bu->h, eid);
      pp_render_style_status (e, cls);
      pp_render_set (e, "dir", "none");
      if (bu->n > 1)
        pp_render_setf (e, "penwidth", "%u", MIN (2 + bu->n / 4, 6u));
      if (bu->on_trace)
        {
          pp_render_set (e, "color", COLOR_TRACE);
          pp_render_set (e, "penwidth", "3");
          pp_render_set (e, "fontcolor", COLOR_TRACE);
        }
      pp_render_set (e, "label", label->str);
      pp_render_set (e, "tooltip", bu->tip->str);
      split_label (b, e);
    }
}
