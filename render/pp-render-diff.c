/* SPDX-License-Identifier: MIT */
/* pp-render-diff.c: a change drawn on NEW's diagram (PpRenderDiff):
 * added objects green and bold, changed ones orange, removed ones faded
 * and struck in a cluster of their own, and a legend of the three. */
#include "render/pp-render-private.h"

#include <string.h>

#define ADDED_COLOR "#1a7f37"
#define CHANGED_COLOR "#d97706"
#define REMOVED_COLOR "#9ca3af"

static Agraph_t *
find_subgraph (Agraph_t *g, const char *name)
{
  for (Agraph_t *s = agfstsubg (g); s != NULL; s = agnxtsubg (s))
    {
      Agraph_t *found;

      if (strcmp (agnameof (s), name) == 0)
        return s;
      found = find_subgraph (s, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The graph object that stands for KIND:ID at the drawn level, or NULL
 * (an object a coarse level does not draw). */
static void *
find_object (Builder *b, const char *key)
{
  const char *colon = strchr (key, ':');
  g_autofree char *kind = NULL;
  g_autofree char *name = NULL;
  const char *id;

  if (colon == NULL)
    return NULL;
  kind = g_strndup (key, (gsize) (colon - key));
  id = colon + 1;
  if (strcmp (kind, "instance") == 0)
    {
      name = g_strdup_printf ("ecs:%s", id);
      return pp_render_find_node (b, name);
    }
  if (strcmp (kind, "account") == 0)
    name = g_strdup_printf ("cluster:acct:%s", id);
  else if (strcmp (kind, "vpc") == 0)
    name = g_strdup_printf ("cluster:vpc:%s", id);
  else if (strcmp (kind, "vswitch") == 0)
    name = g_strdup_printf ("cluster:vsw:%s", id);
  else if (strcmp (kind, "connection") == 0)
    {
      g_autofree char *edge_id = g_strdup_printf ("conn:%s", id);

      /* Connection edges carry their id; edges are few next to nodes. */
      for (Agnode_t *n = agfstnode (b->g); n != NULL; n = agnxtnode (b->g, n))
        for (Agedge_t *e = agfstout (b->g, n); e != NULL; e = agnxtout (b->g, e))
          {
            const char *v = agget (e, (char *) "id");

            if (v != NULL && strcmp (v, edge_id) == 0)
              return e;
          }
      return NULL;
    }
  else
    return NULL;
  return find_subgraph (b->g, name);
}

static void
style (void *obj, const char *color, const char *note)
{
  pp_render_set (obj, "color", color);
  pp_render_set (obj, "fontcolor", color);
  pp_render_set (obj, "penwidth", "2.5");
  if (note != NULL)
    {
      const char *tip = agget (obj, (char *) "tooltip");

      pp_render_setf (obj, "tooltip", "%s%s%s", note, tip && *tip ? "\n" : "", tip ? tip : "");
    }
}

void
pp_render_add_diff (Builder *b)
{
  const PpRenderDiff *d = b->o.diff;
  Agraph_t *gone = NULL;
  Agnode_t *legend;

  for (guint i = 0; d->added && d->added[i]; i++)
    {
      void *obj = find_object (b, d->added[i]);

      if (obj != NULL)
        style (obj, ADDED_COLOR, "added by the change");
    }
  for (guint i = 0; d->changed && d->changed[i]; i++)
    {
      void *obj = find_object (b, d->changed[i]);
      g_autofree char *note = g_strdup_printf ("changed: %s",
                                               d->changed_why && d->changed_why[i]
                                               ? d->changed_why[i] : "attributes");

      if (obj != NULL)
        {
          style (obj, CHANGED_COLOR, note);
          pp_render_set (obj, "style", "bold");
        }
    }
  for (guint i = 0; d->removed && d->removed[i]; i++)
    {
      g_autofree char *name = g_strdup_printf ("removed:%s", d->removed[i]);
      g_autofree char *label = NULL;
      const char *colon = strchr (d->removed[i], ':');
      Agnode_t *n;

      if (colon == NULL)
        continue;
      if (gone == NULL)
        {
          gone = pp_render_add_cluster (b->g, "cluster:removed", "removed by the change (in OLD only)",
                                        "objects of OLD that NEW no longer has");
          pp_render_set (gone, "style", "dashed");
          pp_render_set (gone, "color", REMOVED_COLOR);
          pp_render_set (gone, "fontcolor", REMOVED_COLOR);
        }
      /* Struck: U+0336 after each character would depend on fonts; an
       * HTML-like <S> label is what dot draws as a strike-through. */
      {
        g_autofree char *kind = g_strndup (d->removed[i], (gsize) (colon - d->removed[i]));
        g_autofree char *ek = pp_render_esc (kind);
        g_autofree char *eid = pp_render_esc (colon + 1);

        label = g_strdup_printf ("<<S>%s %s</S>>", ek, eid);
      }
      n = pp_render_add_node (b, gone, name, "", "removed by the change");
      {
        /* agstrdup_html takes the text inside the outer <>. */
        g_autofree char *inner = g_strndup (label + 1, strlen (label) - 2);

        agsafeset (n, (char *) "label", agstrdup_html (b->g, inner), (char *) "");
      }
      pp_render_set (n, "shape", "box");
      pp_render_set (n, "style", "dashed");
      pp_render_set (n, "color", REMOVED_COLOR);
      pp_render_set (n, "fontcolor", REMOVED_COLOR);
    }
  if (b->o.no_legend)
    return;
  legend = pp_render_add_node (b, b->g, "legend:diff", "", "how the change is drawn");
  agsafeset (legend, (char *) "label",
             agstrdup_html (b->g, (char *) "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\">"
                            "<TR><TD><B>change</B></TD></TR>"
                            "<TR><TD><FONT COLOR=\"" ADDED_COLOR "\">added (green, bold)</FONT></TD></TR>"
                            "<TR><TD><FONT COLOR=\"" CHANGED_COLOR "\">changed (orange)</FONT></TD></TR>"
                            "<TR><TD><FONT COLOR=\"" REMOVED_COLOR "\"><S>removed</S> (grey, dashed)</FONT></TD></TR>"
                            "</TABLE>"),
             (char *) "");
  pp_render_set (legend, "shape", "plaintext");
}
