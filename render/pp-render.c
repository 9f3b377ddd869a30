/* SPDX-License-Identifier: MIT */
/* pp-render.c: a scenario as a cgraph graph: the entry points, the
 * builder's helpers, sorting and labels; the parts are drawn by
 * pp-render-marks.c, pp-render-topology.c, pp-render-edges.c and
 * pp-render-legend.c, and output through pp-render-gv.c.
 *
 * DOC: layout of the graph.
 *  - Clusters nest account > region > VPC > vSwitch; at a coarser --level
 *    the objects below it become one node with counts (a vSwitch with its
 *    instances, a VPC with its vSwitches and instances, ...).
 *  - At the vswitch and instance levels each VPC holds a route-table node
 *    ("rt:<vpc>") and one node per connection end ("ri:<conn>/initiator",
 *    "peer:<conn>/requester").  Invisible edges inside a VPC (content ->
 *    route table -> ends, mirrored on a VPC that only accepts) make dot put
 *    the two sides of a connection face to face instead of stacking them.
 *  - Connection edges go from the initiator (requester) end to the other.
 *    At the region and account levels connections between the same two
 *    nodes are merged into one edge with counts.
 *  - A finding is drawn on its subject, the object that must change
 *    (PpFinding.subject; every object it names when it has none): it
 *    colours it and lists its rule in the label and tooltip, the related
 *    objects named in the tooltip.  A route-* or reach-* finding on a VPC
 *    is listed on its route table with the VPCs it concerns ("⚠
 *    route-missing → hub"): no finding is a curve across the drawing.
 *    Findings naming two VPCs whose CIDRs overlap outline both in red
 *    with the overlapping range.
 *
 * Every name is derived from an id, every list is walked in sorted order,
 * and attributes are declared up front in one fixed order: the DOT is
 * byte-stable.
 */
#include "render/pp-render-private.h"

#include <string.h>
#include "model/pp-enum.h"

/* ---- enums ------------------------------------------------------------ */

static const char * const level_names[PP_RENDER_LEVEL_LAST] = {
  [PP_RENDER_LEVEL_ACCOUNT] = "account",
  [PP_RENDER_LEVEL_REGION] = "region",
  [PP_RENDER_LEVEL_VPC] = "vpc",
  [PP_RENDER_LEVEL_VSWITCH] = "vswitch",
  [PP_RENDER_LEVEL_INSTANCE] = "instance",
};
G_STATIC_ASSERT (G_N_ELEMENTS (level_names) == PP_RENDER_LEVEL_LAST);

const char *
pp_render_level_to_string (PpRenderLevel level)
{
  g_return_val_if_fail (level < PP_RENDER_LEVEL_LAST, NULL);
  return level_names[level];
}

gboolean
pp_render_level_from_string (const char *s, PpRenderLevel *out)
{
  int i = pp_enum_from_string (level_names, PP_RENDER_LEVEL_LAST, s);

  if (i < 0)
    return FALSE;
  *out = (PpRenderLevel) i;
  return TRUE;
}

void
pp_render_options_init (PpRenderOptions *opts)
{
  memset (opts, 0, sizeof *opts);
  opts->level = PP_RENDER_LEVEL_INSTANCE;
}

PpRenderStatus
pp_render_status_classify (const char *status)
{
  static const char * const planned[] = { "planned", "Idle", NULL };
  static const char * const pending[] = {
    "Connecting", "AcceptingConnecting", "Activating", "Modifying",
    "Creating", "Accepting", "Updating", NULL };
  static const char * const active[] = { "Active", "Activated", NULL };

  if (status == NULL || *status == '\0' || g_strv_contains (planned, status))
    return PP_RENDER_STATUS_PLANNED;
  if (g_strv_contains (pending, status))
    return PP_RENDER_STATUS_PENDING;
  if (g_strv_contains (active, status))
    return PP_RENDER_STATUS_ACTIVE;
  /* Deactivating, Inactive, Deleting, Deleted, Rejected, Expired, failed,
   * and anything unknown: a connection that does not carry traffic. */
  return PP_RENDER_STATUS_FAILED;
}


void
pp_render_set (void *obj, const char *key, const char *value)
{
  agsafeset (obj, (char *) key, (char *) value, (char *) "");
}

void
pp_render_setf (void *obj, const char *key, const char *format, ...)
{
  g_autofree char *v = NULL;
  va_list ap;

  va_start (ap, format);
  v = g_strdup_vprintf (format, ap);
  va_end (ap);
  pp_render_set (obj, key, v);
}

/* @text with its backslashes doubled, so Graphviz shows it as written
 * (labels and tooltips are escString: \\n, \\l, \\N are escapes). */
char *
pp_render_esc (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "\\", -1);

  return g_strjoinv ("\\\\", parts);
}

const char *
pp_render_plural (guint n, const char *one, const char *many)
{
  return n == 1 ? one : many;
}

/* "1 VPC", "3 VPCs" appended with a separator. */
void
pp_render_append_count (GString *s, guint n, const char *one, const char *many)
{
  if (n == 0)
    return;
  if (s->len > 0 && !g_str_has_suffix (s->str, "\\n"))
    g_string_append (s, " · ");
  g_string_append_printf (s, "%u %s", n, pp_render_plural (n, one, many));
}

/* The declared attributes, in one fixed order, so that agwrite() prints
 * them the same way whatever object sets them first. */
static void
declare_attributes (Agraph_t *g)
{
  static const char * const graph_attrs[] = {
    "id", "label", "tooltip", "labelloc", "labeljust", "fontname", "fontsize",
    "rankdir", "newrank", "compound", "nodesep", "ranksep", "pad",
    "style", "pencolor", "penwidth", "fillcolor", "fontcolor", "rank", NULL };
  static const char * const node_attrs[] = {
    "id", "label", "tooltip", "shape", "style", "color", "fillcolor",
    "penwidth", "fontcolor", "width", "height", "margin", NULL };
  static const char * const edge_attrs[] = {
    "id", "label", "tooltip", "style", "color", "fontcolor", "penwidth",
    "dir", "arrowhead", "arrowtail", "constraint", "weight", "minlen", NULL };

  for (guint i = 0; graph_attrs[i]; i++)
    agattr (g, AGRAPH, (char *) graph_attrs[i], (char *) "");
  for (guint i = 0; node_attrs[i]; i++)
    agattr (g, AGNODE, (char *) node_attrs[i], (char *) "");
  for (guint i = 0; edge_attrs[i]; i++)
    agattr (g, AGEDGE, (char *) edge_attrs[i], (char *) "");
  agattr (g, AGNODE, (char *) "fontname", (char *) "Helvetica");
  agattr (g, AGNODE, (char *) "fontsize", (char *) "10");
  agattr (g, AGEDGE, (char *) "fontname", (char *) "Helvetica");
  agattr (g, AGEDGE, (char *) "fontsize", (char *) "9");
}

Agnode_t *
pp_render_add_node (Builder *b, Agraph_t *parent, const char *name, const char *label,
          const char *tooltip)
{
  Agnode_t *n = agnode (parent, (char *) name, 1);

  pp_render_set (n, "id", name);
  pp_render_set (n, "label", label);
  if (tooltip != NULL)
    pp_render_set (n, "tooltip", tooltip);
  g_hash_table_insert (b->nodes, agnameof (n), n);
  g_hash_table_insert (b->parents, n, parent);
  return n;
}

Agnode_t *
pp_render_find_node (Builder *b, const char *name)
{
  return g_hash_table_lookup (b->nodes, name);
}

Agedge_t *
pp_render_add_edge (Builder *b, Agnode_t *t, Agnode_t *h, const char *id)
{
  Agedge_t *e = agedge (b->g, t, h, NULL, 1);

  if (id != NULL)
    pp_render_set (e, "id", id);
  return e;
}

void
pp_render_invisible_edge (Builder *b, Agnode_t *t, Agnode_t *h)
{
  Agedge_t *e = pp_render_add_edge (b, t, h, NULL);

  pp_render_set (e, "style", "invis");
  pp_render_set (e, "weight", "2");
}

Agraph_t *
pp_render_add_cluster (Agraph_t *parent, const char *name, const char *label,
             const char *tooltip)
{
  Agraph_t *c = agsubg (parent, (char *) name, 1);

  /* A subgraph starts with its parent's values: reset what a parent may
   * have set to flag a finding, so it does not leak into the children. */
  pp_render_set (c, "fontcolor", "black");
  pp_render_set (c, "penwidth", "1");
  pp_render_set (c, "id", name);
  pp_render_set (c, "label", label);
  if (tooltip != NULL)
    pp_render_set (c, "tooltip", tooltip);
  return c;
}

/* ---- sorting ---------------------------------------------------------- */

static const PpScenario *sort_sc;   /* only for the qsort comparators below */

int
pp_render_cmp_vpc (gconstpointer a, gconstpointer b)
{
  const PpVpc *va = pp_scenario_vpc (sort_sc, *(const guint *) a);
  const PpVpc *vb = pp_scenario_vpc (sort_sc, *(const guint *) b);
  int r = strcmp (pp_scenario_account (sort_sc, va->account)->id,
                  pp_scenario_account (sort_sc, vb->account)->id);

  if (r == 0)
    r = strcmp (va->region->id, vb->region->id);
  if (r == 0)
    r = strcmp (va->id, vb->id);
  return r;
}

int
pp_render_cmp_account (gconstpointer a, gconstpointer b)
{
  return strcmp (pp_scenario_account (sort_sc, *(const guint *) a)->id,
                 pp_scenario_account (sort_sc, *(const guint *) b)->id);
}

int
pp_render_cmp_conn (gconstpointer a, gconstpointer b)
{
  return strcmp (pp_scenario_connection (sort_sc, *(const guint *) a)->id,
                 pp_scenario_connection (sort_sc, *(const guint *) b)->id);
}

int
pp_render_cmp_vsw (gconstpointer a, gconstpointer b)
{
  return strcmp (pp_scenario_vswitch (sort_sc, *(const guint *) a)->id,
                 pp_scenario_vswitch (sort_sc, *(const guint *) b)->id);
}

int
pp_render_cmp_ecs (gconstpointer a, gconstpointer b)
{
  return strcmp (pp_scenario_instance (sort_sc, *(const guint *) a)->id,
                 pp_scenario_instance (sort_sc, *(const guint *) b)->id);
}

int
pp_render_cmp_route (gconstpointer a, gconstpointer b)
{
  const PpRoute *ra = *(const PpRoute * const *) a;
  const PpRoute *rb = *(const PpRoute * const *) b;
  int r = pp_cidr_compare (ra->destination, rb->destination);

  if (r == 0)
    r = (ra->line > rb->line) - (ra->line < rb->line);
  return r;
}

G_LOCK_DEFINE_STATIC (sort_sc);

guint *
pp_render_sorted_range (const PpScenario *sc, guint first, guint n, GCompareFunc cmp)
{
  guint *idx = g_new (guint, n ? n : 1);

  for (guint i = 0; i < n; i++)
    idx[i] = first + i;
  G_LOCK (sort_sc);
  sort_sc = sc;
  qsort (idx, n, sizeof *idx, cmp);
  sort_sc = NULL;
  G_UNLOCK (sort_sc);
  return idx;
}

/* ---- labels ----------------------------------------------------------- */

const char *
pp_render_conn_status (Builder *b, guint ci)
{
  const char *st = NULL;

  if (b->o.status != NULL)
    st = b->o.status (b->sc, ci, b->o.user_data);
  if (st == NULL)
    st = pp_scenario_connection (b->sc, ci)->status;
  return st ? st : "planned";
}

void
pp_render_style_status (void *edge, PpRenderStatus cls)
{
  switch (cls)
    {
    case PP_RENDER_STATUS_PLANNED:
      pp_render_set (edge, "style", "dashed");
      pp_render_set (edge, "color", COLOR_PLANNED);
      break;
    case PP_RENDER_STATUS_PENDING:
      pp_render_set (edge, "style", "dashed");
      pp_render_set (edge, "color", COLOR_PENDING);
      break;
    case PP_RENDER_STATUS_ACTIVE:
      pp_render_set (edge, "color", COLOR_ACTIVE);
      pp_render_set (edge, "penwidth", "2");
      break;
    case PP_RENDER_STATUS_FAILED:
    case PP_RENDER_STATUS_LAST:
    default:
      pp_render_set (edge, "color", COLOR_FAILED);
      pp_render_set (edge, "penwidth", "2");
      break;
    }
}

const char *
pp_render_end_role (const PpConnection *c, guint side)
{
  if (c->type == PP_CONN_VPC_PEER)
    return side == 0 ? "requester" : "accepter";
  return side == 0 ? "initiator" : "acceptor";
}

char *
pp_render_end_node_name (const PpConnection *c, guint side)
{
  return g_strdup_printf ("%s:%s/%s", c->type == PP_CONN_VPC_PEER ? "peer" : "ri",
                          c->id, pp_render_end_role (c, side));
}

/* "Large.1", "1000 Mbps Gold", "peering" */
char *
pp_render_conn_capacity (const PpConnection *c)
{
  GString *s = g_string_new (NULL);

  if (c->type == PP_CONN_ROUTER_INTERFACE)
    g_string_append (s, c->spec ? c->spec : "spec unset");
  else
    {
      g_string_append (s, "peering");
      if (c->bandwidth)
        g_string_append_printf (s, " %u Mbps", c->bandwidth);
      if (c->link_type)
        g_string_append_printf (s, " %s", c->link_type);
    }
  return g_string_free (s, FALSE);
}

char *
pp_render_end_charge (const PpEnd *e)
{
  if (e->charge == PP_CHARGE_UNSET)
    return NULL;
  if (e->charge == PP_CHARGE_SUBSCRIPTION && e->period > 0)
    return g_strdup_printf ("%s %u %s%s", pp_charge_to_string (e->charge), e->period,
                            pp_cycle_to_string (e->cycle), e->period > 1 ? "s" : "");
  return g_strdup (pp_charge_to_string (e->charge));
}

gboolean
pp_render_conn_cross_border (const PpScenario *sc, const PpConnection *c)
{
  const PpRegion *a = pp_scenario_vpc (sc, c->ends[0].vpc)->region;
  const PpRegion *z = pp_scenario_vpc (sc, c->ends[1].vpc)->region;

  return a != NULL && z != NULL && pp_regions_cross_border (a, z);
}

gboolean
pp_render_marks_have_prefix (const Marks *m, const char *prefix)
{
  for (guint i = 0; m != NULL && i < m->findings->len; i++)
    if (g_str_has_prefix (((const PpFinding *) g_ptr_array_index (m->findings, i))->rule, prefix))
      return TRUE;
  return FALSE;
}

/* ---- entry point ------------------------------------------------------ */

static gboolean
check_trace (const PpScenario *sc, const PpRenderTrace *t, GError **error)
{
  if (t == NULL)
    return TRUE;
  if (t->from == NULL || pp_scenario_lookup (sc, PP_KIND_INSTANCE, t->from) == PP_NONE)
    {
      g_set_error (error, PP_RENDER_ERROR, PP_RENDER_ERROR_INVALID,
                   "trace: no instance '%s' in scenario %s", t->from ? t->from : "", sc->name);
      return FALSE;
    }
  if (t->to == NULL || pp_scenario_lookup (sc, PP_KIND_INSTANCE, t->to) == PP_NONE)
    {
      g_set_error (error, PP_RENDER_ERROR, PP_RENDER_ERROR_INVALID,
                   "trace: no instance '%s' in scenario %s", t->to ? t->to : "", sc->name);
      return FALSE;
    }
  return TRUE;
}

Agraph_t *
pp_render_build (const PpScenario *sc, const PpRenderOptions *opts, GError **error)
{
  Builder b = { 0 };
  guint nv = sc->vpcs->len;
  Agraph_t *g;

  if (opts != NULL)
    b.o = *opts;
  else
    pp_render_options_init (&b.o);
  if (b.o.level >= PP_RENDER_LEVEL_LAST)
    {
      g_set_error (error, PP_RENDER_ERROR, PP_RENDER_ERROR_INVALID,
                   "unknown level %d", (int) b.o.level);
      return NULL;
    }
  if (!check_trace (sc, b.o.trace, error))
    return NULL;

  b.sc = sc;
  b.vpc_order = pp_render_sorted_range (sc, 0, nv, pp_render_cmp_vpc);
  b.conn_order = pp_render_sorted_range (sc, 0, sc->connections->len, pp_render_cmp_conn);
  b.vpc_marks = g_new0 (Marks *, nv + 1);
  b.vsw_marks = g_new0 (Marks *, sc->vswitches->len + 1);
  b.ecs_marks = g_new0 (Marks *, sc->instances->len + 1);
  b.conn_marks = g_new0 (Marks *, sc->connections->len + 1);
  b.acct_marks = g_new0 (Marks *, sc->accounts->len + 1);
  b.vpc_overlaps = g_new0 (GPtrArray *, nv + 1);
  b.trace_steps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, pp_render_trace_free);
  b.nodes = g_hash_table_new (g_str_hash, g_str_equal);
  b.parents = g_hash_table_new (NULL, NULL);

  pp_render_capture_begin ();
  g = b.g = pp_render_graph_open (sc->name);
  declare_attributes (g);
  pp_render_set (g, "id", "scenario");
  /* Detailed levels read left to right (each VPC is a row: content, route
   * table, connection ends); coarse ones top-down, which keeps an estate
   * of many VPCs closer to square. */
  pp_render_set (g, "rankdir", b.o.level >= PP_RENDER_LEVEL_VSWITCH ? "LR" : "TB");
  pp_render_set (g, "newrank", "true");
  pp_render_set (g, "compound", "true");
  pp_render_set (g, "nodesep", "0.5");
  pp_render_set (g, "ranksep", "0.6");
  pp_render_set (g, "pad", "0.3");
  pp_render_set (g, "fontname", "Helvetica");
  pp_render_set (g, "fontsize", "12");
  pp_render_set (g, "labelloc", "t");
  pp_render_set (g, "labeljust", "l");

  pp_render_collect_findings (&b);
  pp_render_collect_trace (&b);
  pp_render_add_topology (&b);
  if (b.o.level >= PP_RENDER_LEVEL_VPC)
    for (guint i = 0; i < sc->connections->len; i++)
      pp_render_add_connection (&b, b.conn_order[i]);
  else
    pp_render_add_bundled_connections (&b);
  if (b.o.diff != NULL)
    pp_render_add_diff (&b);
  /* last: subgraphs start with their parent's values */
  pp_render_set_label (&b);
  g_free (pp_render_capture_end ());

  g_free (b.vpc_order);
  g_free (b.conn_order);
  pp_render_marks_free (b.vpc_marks, nv);
  pp_render_marks_free (b.vsw_marks, sc->vswitches->len);
  pp_render_marks_free (b.ecs_marks, sc->instances->len);
  pp_render_marks_free (b.conn_marks, sc->connections->len);
  pp_render_marks_free (b.acct_marks, sc->accounts->len);
  for (guint v = 0; v < nv; v++)
    if (b.vpc_overlaps[v])
      g_ptr_array_unref (b.vpc_overlaps[v]);
  g_free (b.vpc_overlaps);
  g_hash_table_destroy (b.trace_steps);
  g_hash_table_destroy (b.nodes);
  g_hash_table_destroy (b.parents);
  return g;
}


gboolean
pp_render_format_supported (const char *format)
{
  return pp_render_graph_check_format (format, NULL);
}

GBytes *
pp_render_to_bytes (GVC_t *gvc, const PpScenario *sc, const PpRenderOptions *opts,
                    const char *format, GError **error)
{
  g_autoptr(Agraph_t) g = NULL;

  if (!pp_render_graph_check_format (format, error))
    return NULL;
  g = pp_render_build (sc, opts, error);
  if (g == NULL)
    return NULL;
  return pp_render_graph_render (gvc, g, format, error);
}

gboolean
pp_render_to_file (GVC_t *gvc, const PpScenario *sc, const PpRenderOptions *opts,
                   const char *format, const char *file, GError **error)
{
  g_autoptr(GBytes) data = NULL;
  gsize len;
  const char *buf;

  g_return_val_if_fail (file != NULL, FALSE);
  /* Graphviz exits the process when it cannot open an output file, so
   * render into memory and write the file here. */
  data = pp_render_to_bytes (gvc, sc, opts, format, error);
  if (data == NULL)
    return FALSE;
  buf = g_bytes_get_data (data, &len);
  return g_file_set_contents (file, buf, len, error);
}

char *
pp_render_to_dot (const PpScenario *sc, const PpRenderOptions *opts, GError **error)
{
  g_autoptr(Agraph_t) g = pp_render_build (sc, opts, error);

  if (g == NULL)
    return NULL;
  return pp_render_graph_to_dot (g);
}
