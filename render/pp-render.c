/* SPDX-License-Identifier: MIT */
/* pp-render.c: a scenario as a cgraph graph.
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
 *  - Findings that name two VPCs with a route-* or reach-* rule become red
 *    dashed edges between the VPCs' route tables (constraint=false, so
 *    they never move the layout); findings naming two VPCs whose CIDRs
 *    overlap outline both in red with the overlapping range; any other
 *    finding colours what it names and lists its rule in the label and
 *    tooltip.
 *
 * Every name is derived from an id, every list is walked in sorted order,
 * and attributes are declared up front in one fixed order: the DOT is
 * byte-stable.
 */
#include "render/pp-render-private.h"

#include <string.h>
#include "model/pp-cidr.h"
#include "model/pp-enum.h"
#include "model/pp-regions.h"

#define COLOR_PLANNED "#8a8a8a"
#define COLOR_PENDING "#d98200"
#define COLOR_ACTIVE  "#2e9e44"
#define COLOR_FAILED  "#d62728"
#define COLOR_WARNING "#d98200"
#define COLOR_INFO    "#555555"
#define COLOR_TRACE   "#1f5fd1"
#define COLOR_MARK    "#6a3d9a"   /* cross-border / ticket markers */

#define MAX_ROUTE_LINES 6

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

/* ---- the builder ------------------------------------------------------ */

typedef struct {
  GPtrArray *findings;        /* const PpFinding *, in the list's order */
  PpSeverity worst;
} Marks;

typedef struct {
  const PpScenario *sc;
  PpRenderOptions o;
  Agraph_t *g;
  /* indexes sorted by id */
  guint *vpc_order;           /* by account id, region id, vpc id */
  guint *conn_order;
  /* per object: findings that name it (NULL = none) */
  Marks **vpc_marks, **vsw_marks, **ecs_marks, **conn_marks, **acct_marks;
  GPtrArray **vpc_overlaps;   /* per VPC: "overlaps X on C" lines */
  GHashTable *trace_steps;    /* id -> GString "1, 4" of step numbers */
  GHashTable *nodes;          /* name -> Agnode_t * (borrowed) */
  GHashTable *parents;        /* Agnode_t * -> the (sub)graph it was made in */
  guint n_findings_drawn;
} Builder;

static void
set (void *obj, const char *key, const char *value)
{
  agsafeset (obj, (char *) key, (char *) value, (char *) "");
}

static void
setf (void *obj, const char *key, const char *format, ...) G_GNUC_PRINTF (3, 4);
static void
setf (void *obj, const char *key, const char *format, ...)
{
  g_autofree char *v = NULL;
  va_list ap;

  va_start (ap, format);
  v = g_strdup_vprintf (format, ap);
  va_end (ap);
  set (obj, key, v);
}

/* @text with its backslashes doubled, so Graphviz shows it as written
 * (labels and tooltips are escString: \\n, \\l, \\N are escapes). */
static char *
esc (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "\\", -1);

  return g_strjoinv ("\\\\", parts);
}

static const char *
plural (guint n, const char *one, const char *many)
{
  return n == 1 ? one : many;
}

/* "1 VPC", "3 VPCs" appended with a separator. */
static void
append_count (GString *s, guint n, const char *one, const char *many)
{
  if (n == 0)
    return;
  if (s->len > 0 && !g_str_has_suffix (s->str, "\\n"))
    g_string_append (s, " · ");
  g_string_append_printf (s, "%u %s", n, plural (n, one, many));
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

static Agnode_t *
add_node (Builder *b, Agraph_t *parent, const char *name, const char *label,
          const char *tooltip)
{
  Agnode_t *n = agnode (parent, (char *) name, 1);

  set (n, "id", name);
  set (n, "label", label);
  if (tooltip != NULL)
    set (n, "tooltip", tooltip);
  g_hash_table_insert (b->nodes, agnameof (n), n);
  g_hash_table_insert (b->parents, n, parent);
  return n;
}

static Agnode_t *
find_node (Builder *b, const char *name)
{
  return g_hash_table_lookup (b->nodes, name);
}

static Agedge_t *
add_edge (Builder *b, Agnode_t *t, Agnode_t *h, const char *id)
{
  Agedge_t *e = agedge (b->g, t, h, NULL, 1);

  if (id != NULL)
    set (e, "id", id);
  return e;
}

static void
invisible_edge (Builder *b, Agnode_t *t, Agnode_t *h)
{
  Agedge_t *e = add_edge (b, t, h, NULL);

  set (e, "style", "invis");
  set (e, "weight", "2");
}

static Agraph_t *
add_cluster (Agraph_t *parent, const char *name, const char *label,
             const char *tooltip)
{
  Agraph_t *c = agsubg (parent, (char *) name, 1);

  /* A subgraph starts with its parent's values: reset what a parent may
   * have set to flag a finding, so it does not leak into the children. */
  set (c, "fontcolor", "black");
  set (c, "penwidth", "1");
  set (c, "id", name);
  set (c, "label", label);
  if (tooltip != NULL)
    set (c, "tooltip", tooltip);
  return c;
}

/* ---- sorting ---------------------------------------------------------- */

static const PpScenario *sort_sc;   /* only for the qsort comparators below */

static int
cmp_vpc (gconstpointer a, gconstpointer b)
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

static int
cmp_account (gconstpointer a, gconstpointer b)
{
  return strcmp (pp_scenario_account (sort_sc, *(const guint *) a)->id,
                 pp_scenario_account (sort_sc, *(const guint *) b)->id);
}

static int
cmp_conn (gconstpointer a, gconstpointer b)
{
  return strcmp (pp_scenario_connection (sort_sc, *(const guint *) a)->id,
                 pp_scenario_connection (sort_sc, *(const guint *) b)->id);
}

static int
cmp_vsw (gconstpointer a, gconstpointer b)
{
  return strcmp (pp_scenario_vswitch (sort_sc, *(const guint *) a)->id,
                 pp_scenario_vswitch (sort_sc, *(const guint *) b)->id);
}

static int
cmp_ecs (gconstpointer a, gconstpointer b)
{
  return strcmp (pp_scenario_instance (sort_sc, *(const guint *) a)->id,
                 pp_scenario_instance (sort_sc, *(const guint *) b)->id);
}

static int
cmp_route (gconstpointer a, gconstpointer b)
{
  const PpRoute *ra = *(const PpRoute * const *) a;
  const PpRoute *rb = *(const PpRoute * const *) b;
  int r = pp_cidr_compare (ra->destination, rb->destination);

  if (r == 0)
    r = (ra->line > rb->line) - (ra->line < rb->line);
  return r;
}

G_LOCK_DEFINE_STATIC (sort_sc);

static guint *
sorted_range (const PpScenario *sc, guint first, guint n, GCompareFunc cmp)
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

/* ---- findings --------------------------------------------------------- */

static void
mark (Marks **slot, const PpFinding *f)
{
  if (*slot == NULL)
    {
      *slot = g_new0 (Marks, 1);
      (*slot)->findings = g_ptr_array_new ();
      (*slot)->worst = f->severity;
    }
  if (f->severity > (*slot)->worst)
    (*slot)->worst = f->severity;
  /* A finding naming an object twice marks it once. */
  if (!g_ptr_array_find ((*slot)->findings, f, NULL))
    g_ptr_array_add ((*slot)->findings, (gpointer) f);
}

static void
marks_free_one (Marks *m)
{
  if (m == NULL)
    return;
  g_ptr_array_unref (m->findings);
  g_free (m);
}

static void
marks_free (Marks **marks, guint n)
{
  for (guint i = 0; marks != NULL && i < n; i++)
    if (marks[i] != NULL)
      marks_free_one (marks[i]);
  g_free (marks);
}

static const char *
severity_color (PpSeverity s)
{
  return s == PP_SEVERITY_ERROR ? COLOR_FAILED
       : s == PP_SEVERITY_WARNING ? COLOR_WARNING : COLOR_INFO;
}

/* The VPCs a finding is about, in the order it names them, without
 * repeats: a VPC named directly, or through a vSwitch, an instance or (if
 * a VPC was named too) the far end of a connection. */
static GArray *
finding_vpcs (const PpScenario *sc, const PpFinding *f)
{
  GArray *vpcs = g_array_new (FALSE, FALSE, sizeof (guint));
  guint conn = PP_NONE;

  for (guint i = 0; f->objects != NULL && f->objects[i] != NULL; i++)
    {
      const char *id = f->objects[i];
      guint v = pp_scenario_lookup (sc, PP_KIND_VPC, id);
      guint x;

      if (v == PP_NONE && (x = pp_scenario_lookup (sc, PP_KIND_VSWITCH, id)) != PP_NONE)
        v = pp_scenario_vswitch (sc, x)->vpc;
      if (v == PP_NONE && (x = pp_scenario_lookup (sc, PP_KIND_INSTANCE, id)) != PP_NONE)
        v = pp_scenario_vswitch (sc, pp_scenario_instance (sc, x)->vswitch)->vpc;
      if (v == PP_NONE && conn == PP_NONE)
        conn = pp_scenario_lookup (sc, PP_KIND_CONNECTION, id);
      if (v == PP_NONE)
        continue;
      for (x = 0; x < vpcs->len; x++)
        if (g_array_index (vpcs, guint, x) == v)
          break;
      if (x == vpcs->len)
        g_array_append_val (vpcs, v);
    }
  if (vpcs->len == 1 && conn != PP_NONE)
    {
      const PpConnection *c = pp_scenario_connection (sc, conn);
      guint first = g_array_index (vpcs, guint, 0);
      guint other = c->ends[0].vpc == first ? c->ends[1].vpc : c->ends[0].vpc;

      if (other != first)
        g_array_append_val (vpcs, other);
    }
  return vpcs;
}

static gboolean
is_route_rule (const char *rule)
{
  return g_str_has_prefix (rule, "route-") || g_str_has_prefix (rule, "reach-");
}

static void
collect_findings (Builder *b)
{
  const PpScenario *sc = b->sc;
  const PpFindings *fl = b->o.findings;

  if (fl == NULL)
    return;
  for (guint i = 0; i < pp_findings_len (fl); i++)
    {
      const PpFinding *f = pp_findings_nth (fl, i);
      g_autoptr(GArray) vpcs = finding_vpcs (sc, f);
      gboolean drawn = FALSE;

      for (guint k = 0; f->objects != NULL && f->objects[k] != NULL; k++)
        {
          const char *id = f->objects[k];
          guint x;

          if ((x = pp_scenario_lookup (sc, PP_KIND_VPC, id)) != PP_NONE)
            {
              mark (&b->vpc_marks[x], f);
              drawn = TRUE;
            }
          if ((x = pp_scenario_lookup (sc, PP_KIND_VSWITCH, id)) != PP_NONE)
            {
              mark (&b->vsw_marks[x], f);
              drawn = TRUE;
            }
          if ((x = pp_scenario_lookup (sc, PP_KIND_INSTANCE, id)) != PP_NONE)
            {
              mark (&b->ecs_marks[x], f);
              drawn = TRUE;
            }
          if ((x = pp_scenario_lookup (sc, PP_KIND_CONNECTION, id)) != PP_NONE)
            {
              mark (&b->conn_marks[x], f);
              drawn = TRUE;
            }
          if ((x = pp_scenario_lookup (sc, PP_KIND_ACCOUNT, id)) != PP_NONE)
            {
              mark (&b->acct_marks[x], f);
              drawn = TRUE;
            }
        }

      /* Overlapping VPCs: each gets a line naming the other and the range. */
      for (guint p = 0; p < vpcs->len; p++)
        for (guint q = 0; q < vpcs->len; q++)
          {
            const PpVpc *vp = pp_scenario_vpc (sc, g_array_index (vpcs, guint, p));
            const PpVpc *vq = pp_scenario_vpc (sc, g_array_index (vpcs, guint, q));
            char range[PP_CIDR_STRLEN];
            char *line;

            if (p == q || !g_str_has_prefix (f->rule, "cidr-")
                || !pp_cidr_overlaps (vp->cidr, vq->cidr))
              continue;
            pp_cidr_format (pp_cidr_intersection (vp->cidr, vq->cidr), range);
            line = g_strdup_printf ("overlaps %s on %s (%s)", vq->id, range, f->rule);
            if (b->vpc_overlaps[g_array_index (vpcs, guint, p)] == NULL)
              b->vpc_overlaps[g_array_index (vpcs, guint, p)] = g_ptr_array_new_with_free_func (g_free);
            if (!g_ptr_array_find_with_equal_func (b->vpc_overlaps[g_array_index (vpcs, guint, p)],
                                                   line, g_str_equal, NULL))
              g_ptr_array_add (b->vpc_overlaps[g_array_index (vpcs, guint, p)], line);
            else
              g_free (line);
          }
      if (drawn)
        b->n_findings_drawn++;
    }
}

/* "rule-a, rule-b" of the findings in @m (NULL if none). */
static gboolean
has_any_prefix (const char *rule, const char * const *prefixes)
{
  for (guint i = 0; prefixes != NULL && prefixes[i] != NULL; i++)
    if (g_str_has_prefix (rule, prefixes[i]))
      return TRUE;
  return FALSE;
}

/* "rule-a, rule-b": the rules of @m, without those starting with one of
 * @skip (they are told another way); NULL if none is left. */
static char *
marks_rules_except (const Marks *m, const char * const *skip)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new ();
  GString *s;

  if (m == NULL)
    return NULL;
  for (guint i = 0; i < m->findings->len; i++)
    {
      const PpFinding *f = g_ptr_array_index (m->findings, i);

      if (has_any_prefix (f->rule, skip))
        continue;
      if (!g_ptr_array_find_with_equal_func (rules, f->rule, g_str_equal, NULL))
        g_ptr_array_add (rules, (gpointer) f->rule);
    }
  if (rules->len == 0)
    return NULL;
  s = g_string_new (NULL);
  for (guint i = 0; i < rules->len; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", (const char *) g_ptr_array_index (rules, i));
  return g_string_free (s, FALSE);
}

/* Appends the findings of @m to a tooltip. */
static void
marks_tooltip (GString *tip, const Marks *m)
{
  for (guint i = 0; m != NULL && i < m->findings->len; i++)
    {
      const PpFinding *f = g_ptr_array_index (m->findings, i);

      g_autofree char *msg = esc (f->message);

      g_string_append_printf (tip, "\\n%s %s: %s", pp_severity_to_string (f->severity),
                              f->rule, msg);
    }
}

/* ---- trace ------------------------------------------------------------ */

static void
collect_trace (Builder *b)
{
  const PpRenderTrace *t = b->o.trace;

  if (t == NULL || t->hops == NULL)
    return;
  for (guint i = 0; t->hops[i] != NULL; i++)
    {
      GString *steps = g_hash_table_lookup (b->trace_steps, t->hops[i]);

      if (steps == NULL)
        {
          steps = g_string_new (NULL);
          g_hash_table_insert (b->trace_steps, g_strdup (t->hops[i]), steps);
        }
      g_string_append_printf (steps, "%s%u", steps->len ? ", " : "", i + 1);
    }
}

static void
trace_free (gpointer p)
{
  g_string_free (p, TRUE);
}

/* If @id is on the trace, styles @obj and adds the step to @tip. */
static gboolean
trace_mark (Builder *b, void *obj, const char *id, GString *tip, gboolean cluster)
{
  GString *steps = g_hash_table_lookup (b->trace_steps, id);

  if (steps == NULL)
    return FALSE;
  set (obj, cluster ? "pencolor" : "color", COLOR_TRACE);
  set (obj, "penwidth", "3");
  if (cluster)
    set (obj, "fontcolor", COLOR_TRACE);
  if (tip)
    g_string_append_printf (tip, "\\ntrace step %s", steps->str);
  return TRUE;
}

/* ---- labels ----------------------------------------------------------- */

static const char *
conn_status (Builder *b, guint ci)
{
  const char *st = NULL;

  if (b->o.status != NULL)
    st = b->o.status (b->sc, ci, b->o.user_data);
  if (st == NULL)
    st = pp_scenario_connection (b->sc, ci)->status;
  return st ? st : "planned";
}

static void
style_status (void *edge, PpRenderStatus cls)
{
  switch (cls)
    {
    case PP_RENDER_STATUS_PLANNED:
      set (edge, "style", "dashed");
      set (edge, "color", COLOR_PLANNED);
      break;
    case PP_RENDER_STATUS_PENDING:
      set (edge, "style", "dashed");
      set (edge, "color", COLOR_PENDING);
      break;
    case PP_RENDER_STATUS_ACTIVE:
      set (edge, "color", COLOR_ACTIVE);
      set (edge, "penwidth", "2");
      break;
    case PP_RENDER_STATUS_FAILED:
    case PP_RENDER_STATUS_LAST:
    default:
      set (edge, "color", COLOR_FAILED);
      set (edge, "penwidth", "2");
      break;
    }
}

static const char *
end_role (const PpConnection *c, guint side)
{
  if (c->type == PP_CONN_VPC_PEER)
    return side == 0 ? "requester" : "accepter";
  return side == 0 ? "initiator" : "acceptor";
}

static char *
end_node_name (const PpConnection *c, guint side)
{
  return g_strdup_printf ("%s:%s/%s", c->type == PP_CONN_VPC_PEER ? "peer" : "ri",
                          c->id, end_role (c, side));
}

/* "Large.1", "1000 Mbps Gold", "peering" */
static char *
conn_capacity (const PpConnection *c)
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

static char *
end_charge (const PpEnd *e)
{
  if (e->charge == PP_CHARGE_UNSET)
    return NULL;
  if (e->charge == PP_CHARGE_SUBSCRIPTION && e->period > 0)
    return g_strdup_printf ("%s %u %s%s", pp_charge_to_string (e->charge), e->period,
                            pp_cycle_to_string (e->cycle), e->period > 1 ? "s" : "");
  return g_strdup (pp_charge_to_string (e->charge));
}

static gboolean
conn_cross_border (const PpScenario *sc, const PpConnection *c)
{
  const PpRegion *a = pp_scenario_vpc (sc, c->ends[0].vpc)->region;
  const PpRegion *z = pp_scenario_vpc (sc, c->ends[1].vpc)->region;

  return a != NULL && z != NULL && pp_regions_cross_border (a, z);
}

static gboolean
marks_have_prefix (const Marks *m, const char *prefix)
{
  for (guint i = 0; m != NULL && i < m->findings->len; i++)
    if (g_str_has_prefix (((const PpFinding *) g_ptr_array_index (m->findings, i))->rule, prefix))
      return TRUE;
  return FALSE;
}

/* ---- the topology ----------------------------------------------------- */

static char *
vpc_route_lines (Builder *b, guint v, guint max, GString *tip)
{
  const PpScenario *sc = b->sc;
  g_autoptr(GPtrArray) routes = g_ptr_array_new ();
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < sc->routes->len; i++)
    if (pp_scenario_route (sc, i)->vpc == v)
      g_ptr_array_add (routes, pp_scenario_route (sc, i));
  g_ptr_array_sort (routes, cmp_route);
  for (guint i = 0; i < routes->len; i++)
    {
      const PpRoute *r = g_ptr_array_index (routes, i);
      char dest[PP_CIDR_STRLEN];
      const char *hop;
      g_autofree char *line = NULL;

      switch (r->next_hop_kind)
        {
        case PP_NEXT_HOP_CONNECTION:
          hop = pp_scenario_connection (sc, r->next_hop)->id;
          break;
        case PP_NEXT_HOP_INSTANCE:
          hop = pp_scenario_instance (sc, r->next_hop)->id;
          break;
        case PP_NEXT_HOP_OTHER:
        case PP_NEXT_HOP_LAST:
        default:
          hop = r->next_hop_name ? r->next_hop_name : "?";
          break;
        }
      line = g_strdup_printf ("%s → %s", pp_cidr_format (r->destination, dest), hop);
      if (tip)
        g_string_append_printf (tip, "\\n%s", line);
      if (i < max)
        g_string_append_printf (s, "%s\\l", line);
      else if (i == max)
        g_string_append_printf (s, "… %u more\\l", routes->len - max);
    }
  if (routes->len == 0)
    g_string_append (s, "no custom routes\\l");
  return g_string_free (s, FALSE);
}

typedef struct {
  guint vswitches, instances, vpcs, regions, conns_inside;
} Counts;

static void
count_vpc (const PpScenario *sc, guint v, Counts *c)
{
  const PpVpc *vpc = pp_scenario_vpc (sc, v);

  c->vpcs++;
  c->vswitches += vpc->n_vswitches;
  for (guint k = 0; k < vpc->n_vswitches; k++)
    c->instances += pp_scenario_vswitch (sc, vpc->first_vswitch + k)->n_instances;
}

static void
counts_label (GString *s, const Counts *c, PpRenderLevel level)
{
  if (level < PP_RENDER_LEVEL_REGION)
    append_count (s, c->regions, "region", "regions");
  if (level < PP_RENDER_LEVEL_VPC)
    append_count (s, c->vpcs, "VPC", "VPCs");
  if (level < PP_RENDER_LEVEL_VSWITCH)
    append_count (s, c->vswitches, "vSwitch", "vSwitches");
  if (level < PP_RENDER_LEVEL_INSTANCE)
    append_count (s, c->instances, "instance", "instances");
}

/* Styles a cluster or node that findings name (info findings are listed,
 * not coloured); the rules starting with one of @skip are already told in
 * the label. */
static void
style_marked_except (void *obj, const Marks *m, GString *label, gboolean cluster,
                     const char * const *skip)
{
  g_autofree char *rules = marks_rules_except (m, skip);

  if (m == NULL)
    return;
  if (m->worst > PP_SEVERITY_INFO)
    {
      set (obj, cluster ? "pencolor" : "color", severity_color (m->worst));
      set (obj, "penwidth", "2");
      if (cluster)
        set (obj, "fontcolor", severity_color (m->worst));
    }
  if (rules == NULL)
    return;
  if (g_str_has_suffix (label->str, "\\l"))
    g_string_append_printf (label, "⚠ %s\\l", rules);
  else
    g_string_append_printf (label, "\\n⚠ %s", rules);
}

static void
style_marked (void *obj, const Marks *m, GString *label, gboolean cluster)
{
  style_marked_except (obj, m, label, cluster, NULL);
}

static void
add_instance (Builder *b, Agraph_t *parent, guint ei, GPtrArray *content)
{
  const PpInstance *e = pp_scenario_instance (b->sc, ei);
  g_autofree char *name = g_strdup_printf ("ecs:%s", e->id);
  g_autoptr(GString) label = g_string_new (NULL);
  g_autoptr(GString) tip = g_string_new (NULL);
  char ip[PP_IP_STRLEN];
  Agnode_t *n;

  pp_ip_format (e->ip, ip);
  g_string_append_printf (label, "%s\\n%s", e->id, ip);
  g_string_append_printf (tip, "instance %s\\nprivate IP %s", e->id, ip);
  marks_tooltip (tip, b->ecs_marks[ei]);
  n = add_node (b, parent, name, "", NULL);
  set (n, "shape", "box");
  set (n, "style", "rounded,filled");
  set (n, "fillcolor", "white");
  style_marked (n, b->ecs_marks[ei], label, FALSE);
  trace_mark (b, n, e->id, tip, FALSE);
  set (n, "label", label->str);
  set (n, "tooltip", tip->str);
  g_ptr_array_add (content, n);
}

/* Adds vSwitch @si to @parent; what dot should rank beside the route
 * table goes into @content. */
static void
add_vswitch (Builder *b, Agraph_t *parent, guint si, GPtrArray *content)
{
  const PpVSwitch *s = pp_scenario_vswitch (b->sc, si);
  g_autoptr(GString) label = g_string_new (NULL);
  g_autoptr(GString) tip = g_string_new (NULL);
  char cidr[PP_CIDR_STRLEN];

  pp_cidr_format (s->cidr, cidr);
  g_string_append_printf (label, "vSwitch %s\\n%s · %s", s->id, s->zone, cidr);
  g_string_append_printf (tip, "vSwitch %s\\nzone %s\\nCIDR %s", s->id, s->zone, cidr);
  marks_tooltip (tip, b->vsw_marks[si]);

  if (b->o.level == PP_RENDER_LEVEL_VSWITCH)
    {
      g_autofree char *name = g_strdup_printf ("vsw:%s", s->id);
      Agnode_t *n = add_node (b, parent, name, "", NULL);
      Counts c = { 0 };

      c.instances = s->n_instances;
      g_string_append (label, "\\n");
      counts_label (label, &c, b->o.level);
      if (c.instances == 0)
        g_string_append (label, "no instances");
      set (n, "shape", "box");
      set (n, "style", "filled");
      set (n, "fillcolor", "white");
      style_marked (n, b->vsw_marks[si], label, FALSE);
      trace_mark (b, n, s->id, tip, FALSE);
      set (n, "label", label->str);
      set (n, "tooltip", tip->str);
      g_ptr_array_add (content, n);
    }
  else
    {
      g_autofree char *name = g_strdup_printf ("cluster:vsw:%s", s->id);
      g_autofree guint *order = sorted_range (b->sc, s->first_instance, s->n_instances, cmp_ecs);
      Agraph_t *c = add_cluster (parent, name, "", NULL);

      set (c, "style", "filled");
      set (c, "fillcolor", "white");
      set (c, "pencolor", "#9bb8d3");
      set (c, "fontsize", "10");
      style_marked (c, b->vsw_marks[si], label, TRUE);
      trace_mark (b, c, s->id, tip, TRUE);
      set (c, "label", label->str);
      set (c, "tooltip", tip->str);
      for (guint i = 0; i < s->n_instances; i++)
        add_instance (b, c, order[i], content);
      if (s->n_instances == 0)
        {
          /* an empty cluster would vanish: keep a placeholder */
          g_autofree char *pname = g_strdup_printf ("vsw:%s", s->id);
          Agnode_t *p = add_node (b, c, pname, "no instances", NULL);

          set (p, "shape", "plaintext");
          g_ptr_array_add (content, p);
        }
    }
}

/* The ends of connections that sit on VPC @v, as (connection, side). */
typedef struct { guint conn; guint side; } EndRef;

static GArray *
vpc_ends (Builder *b, guint v)
{
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (EndRef));

  for (guint i = 0; i < b->sc->connections->len; i++)
    {
      guint ci = b->conn_order[i];
      const PpConnection *c = pp_scenario_connection (b->sc, ci);

      for (guint side = 0; side < 2; side++)
        if (c->ends[side].vpc == v)
          {
            EndRef r = { ci, side };
            g_array_append_val (ends, r);
          }
    }
  return ends;
}

static Agnode_t *
add_end (Builder *b, Agraph_t *parent, const EndRef *r)
{
  const PpConnection *c = pp_scenario_connection (b->sc, r->conn);
  const PpEnd *e = &c->ends[r->side];
  g_autofree char *name = end_node_name (c, r->side);
  g_autofree char *charge = end_charge (e);
  g_autoptr(GString) label = g_string_new (NULL);
  g_autoptr(GString) tip = g_string_new (NULL);
  Agnode_t *n;

  g_string_append_printf (label, "%s %s\\n%s",
                          c->type == PP_CONN_VPC_PEER ? "peering" : "RI",
                          end_role (c, r->side), c->id);
  if (charge)
    g_string_append_printf (label, "\\n%s", charge);
  g_string_append_printf (tip, "%s %s of %s",
                          c->type == PP_CONN_VPC_PEER ? "peering" : "router interface",
                          end_role (c, r->side), c->id);
  if (e->interface_id)
    g_string_append_printf (tip, "\\nid %s", e->interface_id);
  if (e->opposite_interface)
    g_string_append_printf (tip, "\\nopposite interface %s", e->opposite_interface);
  if (e->opposite_owner)
    g_string_append_printf (tip, "\\nopposite owner %s", *e->opposite_owner ? e->opposite_owner : "(empty)");
  if (charge)
    g_string_append_printf (tip, "\\ncharge %s", charge);
  n = add_node (b, parent, name, "", NULL);
  set (n, "shape", "box");
  set (n, "style", "filled");
  set (n, "fillcolor", r->side == 0 ? "#fff1c9" : "#fdf7e4");
  /* an end is on the trace when its connection is */
  trace_mark (b, n, c->id, NULL, FALSE);
  set (n, "label", label->str);
  set (n, "tooltip", tip->str);
  return n;
}

static const char * const skip_cidr[] = { "cidr-", NULL };

static void
add_vpc (Builder *b, Agraph_t *parent, guint v)
{
  const PpVpc *vpc = pp_scenario_vpc (b->sc, v);
  g_autoptr(GString) label = g_string_new (NULL);
  g_autoptr(GString) tip = g_string_new (NULL);
  char cidr[PP_CIDR_STRLEN];
  GPtrArray *overlaps = b->vpc_overlaps[v];
  g_autofree char *vname = vpc->name ? esc (vpc->name) : NULL;

  pp_cidr_format (vpc->cidr, cidr);
  g_string_append_printf (label, "VPC %s · %s", vpc->id, cidr);
  if (vpc->name)
    g_string_append_printf (label, "\\n%s", vname);
  g_string_append_printf (tip, "VPC %s\\nCIDR %s\\nregion %s", vpc->id, cidr, vpc->region->id);
  if (vpc->name)
    g_string_append_printf (tip, "\\nname %s", vname);
  if (vpc->vrouter_id)
    g_string_append_printf (tip, "\\nvRouter %s", vpc->vrouter_id);
  if (vpc->route_table_id)
    g_string_append_printf (tip, "\\nroute table %s", vpc->route_table_id);
  for (guint i = 0; overlaps && i < overlaps->len; i++)
    g_string_append_printf (label, "\\n%s", (const char *) g_ptr_array_index (overlaps, i));
  marks_tooltip (tip, b->vpc_marks[v]);

  if (b->o.level == PP_RENDER_LEVEL_VPC)
    {
      g_autofree char *name = g_strdup_printf ("vpc:%s", vpc->id);
      g_autofree char *routes = NULL;
      Counts c = { 0 };
      Agnode_t *n;

      count_vpc (b->sc, v, &c);
      g_string_append (label, "\\n");
      counts_label (label, &c, b->o.level);
      if (c.vswitches == 0)
        g_string_append (label, "no vSwitches");
      g_string_append (tip, "\\nroutes:");
      routes = vpc_route_lines (b, v, 3, tip);
      g_string_append_printf (label, "\\n%s", routes);
      n = add_node (b, parent, name, "", NULL);
      set (n, "shape", "box");
      set (n, "style", "rounded,filled");
      set (n, "fillcolor", "#e6f4ea");
      style_marked_except (n, b->vpc_marks[v], label, FALSE, overlaps ? skip_cidr : NULL);
      if (overlaps)
        {
          set (n, "color", COLOR_FAILED);
          set (n, "penwidth", "3");
        }
      trace_mark (b, n, vpc->id, tip, FALSE);
      /* the first line centred, route lines left-aligned: \l ends them */
      set (n, "label", label->str);
      set (n, "tooltip", tip->str);
      return;
    }
  else
    {
      g_autofree char *name = g_strdup_printf ("cluster:vpc:%s", vpc->id);
      g_autofree char *rtname = g_strdup_printf ("rt:%s", vpc->id);
      g_autofree guint *order = sorted_range (b->sc, vpc->first_vswitch, vpc->n_vswitches, cmp_vsw);
      g_autoptr(GArray) ends = vpc_ends (b, v);
      g_autoptr(GString) rtip = g_string_new (NULL);
      g_autofree char *routes = NULL;
      g_autoptr(GPtrArray) content = g_ptr_array_new ();
      Agraph_t *c = add_cluster (parent, name, "", NULL);
      Agnode_t *rt;
      gboolean initiates = FALSE;

      set (c, "style", "filled");
      set (c, "fillcolor", "#e6f4ea");
      set (c, "pencolor", "#6aa77a");
      set (c, "fontsize", "11");
      style_marked_except (c, b->vpc_marks[v], label, TRUE, overlaps ? skip_cidr : NULL);
      if (overlaps)
        {
          set (c, "pencolor", COLOR_FAILED);
          set (c, "penwidth", "3");
          set (c, "fontcolor", COLOR_FAILED);
        }
      trace_mark (b, c, vpc->id, tip, TRUE);
      set (c, "label", label->str);
      set (c, "tooltip", tip->str);

      g_string_append_printf (rtip, "route table of %s", vpc->id);
      if (vpc->route_table_id)
        g_string_append_printf (rtip, " (%s)", vpc->route_table_id);
      routes = vpc_route_lines (b, v, MAX_ROUTE_LINES, rtip);
      {
        g_autofree char *rlabel = g_strdup_printf ("route table\\l%s", routes);

        rt = add_node (b, c, rtname, rlabel, rtip->str);
      }
      set (rt, "shape", "note");
      set (rt, "style", "filled");
      set (rt, "fillcolor", "#fafafa");

      for (guint i = 0; i < vpc->n_vswitches; i++)
        add_vswitch (b, c, order[i], content);

      for (guint i = 0; i < ends->len; i++)
        if (g_array_index (ends, EndRef, i).side == 0)
          initiates = TRUE;
      /* content -> rt -> ends on a VPC that initiates something; ends ->
       * rt -> content on one that only accepts: the sides face each other. */
      for (guint i = 0; i < content->len; i++)
        {
          if (initiates || ends->len == 0)
            invisible_edge (b, g_ptr_array_index (content, i), rt);
          else
            invisible_edge (b, rt, g_ptr_array_index (content, i));
        }
      for (guint i = 0; i < ends->len; i++)
        {
          Agnode_t *n = add_end (b, c, &g_array_index (ends, EndRef, i));

          if (initiates)
            invisible_edge (b, rt, n);
          else
            invisible_edge (b, n, rt);
        }
    }
}

/* The node that stands for VPC @v at the builder's level. */
static Agnode_t *
vpc_anchor (Builder *b, guint v)
{
  const PpVpc *vpc = pp_scenario_vpc (b->sc, v);
  const PpAccount *a = pp_scenario_account (b->sc, vpc->account);
  g_autofree char *name = NULL;

  switch (b->o.level)
    {
    case PP_RENDER_LEVEL_ACCOUNT:
      name = g_strdup_printf ("acct:%s", a->id);
      break;
    case PP_RENDER_LEVEL_REGION:
      name = g_strdup_printf ("region:%s/%s", a->id, vpc->region->id);
      break;
    case PP_RENDER_LEVEL_VPC:
      name = g_strdup_printf ("vpc:%s", vpc->id);
      break;
    case PP_RENDER_LEVEL_VSWITCH:
    case PP_RENDER_LEVEL_INSTANCE:
    case PP_RENDER_LEVEL_LAST:
    default:
      name = g_strdup_printf ("rt:%s", vpc->id);
      break;
    }
  return find_node (b, name);
}

/* Aggregated node for a range of VPCs (region or account level). */
static void
add_aggregate (Builder *b, Agraph_t *parent, const char *name, GString *label,
               GString *tip, const guint *vpcs, guint n, const Marks *own)
{
  Counts c = { 0 };
  Marks *m = NULL;
  gboolean overlap = FALSE;
  gboolean on_trace = FALSE;
  const char *last_region = NULL;
  Agnode_t *node;

  for (guint k = 0; own && k < own->findings->len; k++)
    mark (&m, g_ptr_array_index (own->findings, k));
  for (guint i = 0; i < n; i++)
    {
      const PpVpc *vpc = pp_scenario_vpc (b->sc, vpcs[i]);
      const Marks *vm = b->vpc_marks[vpcs[i]];

      count_vpc (b->sc, vpcs[i], &c);
      if (last_region == NULL || !g_str_equal (last_region, vpc->region->id))
        c.regions++;
      last_region = vpc->region->id;
      if (b->vpc_overlaps[vpcs[i]])
        overlap = TRUE;
      if (g_hash_table_contains (b->trace_steps, vpc->id))
        on_trace = TRUE;
      for (guint k = 0; vm && k < vm->findings->len; k++)
        mark (&m, g_ptr_array_index (vm->findings, k));
      g_string_append_printf (tip, "\\nVPC %s", vpc->id);
    }
  g_string_append (label, "\\n");
  counts_label (label, &c, b->o.level);
  node = add_node (b, parent, name, "", NULL);
  set (node, "shape", "box");
  set (node, "style", "rounded,filled");
  set (node, "fillcolor", b->o.level == PP_RENDER_LEVEL_REGION ? "#e9f0fa" : "#f4f4f4");
  if (m != NULL)
    g_string_append_printf (label, "\\n%u %s", m->findings->len,
                            plural (m->findings->len, "finding", "findings"));
  style_marked (node, m, label, FALSE);
  if (overlap)
    {
      g_string_append (label, "\\noverlapping VPC CIDRs");
      set (node, "color", COLOR_FAILED);
      set (node, "penwidth", "3");
    }
  marks_tooltip (tip, m);
  if (on_trace)
    {
      /* the trace passes through one of its VPCs */
      set (node, "color", COLOR_TRACE);
      set (node, "penwidth", "3");
      g_string_append (tip, "\\non the trace");
    }
  set (node, "label", label->str);
  set (node, "tooltip", tip->str);
  marks_free_one (m);
}

static void
add_topology (Builder *b)
{
  const PpScenario *sc = b->sc;
  guint n = sc->vpcs->len;
  guint i = 0;
  g_autofree guint *accounts = sorted_range (sc, 0, sc->accounts->len, cmp_account);

  for (guint ai = 0; ai < sc->accounts->len; ai++)
    {
      guint acct = accounts[ai];
      const PpAccount *a = pp_scenario_account (sc, acct);
      g_autoptr(GString) label = g_string_new (NULL);
      g_autoptr(GString) tip = g_string_new (NULL);
      guint first = i;
      Agraph_t *ac;

      /* vpc_order is sorted by account id first: this account's VPCs are
       * the run starting at i. */
      while (i < n && pp_scenario_vpc (sc, b->vpc_order[i])->account == acct)
        i++;

      g_string_append_printf (label, "account %s · uid %s", a->id, a->uid);
      g_string_append_printf (tip, "account %s\\nuid %s", a->id, a->uid);
      if (b->o.level == PP_RENDER_LEVEL_ACCOUNT)
        {
          g_autofree char *name = g_strdup_printf ("acct:%s", a->id);

          add_aggregate (b, b->g, name, label, tip, b->vpc_order + first, i - first,
                         b->acct_marks[acct]);
          continue;
        }
      {
        g_autofree char *name = g_strdup_printf ("cluster:acct:%s", a->id);

        ac = add_cluster (b->g, name, "", NULL);
      }
      set (ac, "style", "rounded,filled");
      set (ac, "fillcolor", "#f4f4f4");
      set (ac, "pencolor", "#666666");
      set (ac, "fontsize", "13");
      marks_tooltip (tip, b->acct_marks[acct]);
      style_marked (ac, b->acct_marks[acct], label, TRUE);
      set (ac, "label", label->str);
      set (ac, "tooltip", tip->str);
      if (first == i)
        {
          g_autofree char *pname = g_strdup_printf ("acct:%s", a->id);
          Agnode_t *p = add_node (b, ac, pname, "no VPCs", NULL);

          set (p, "shape", "plaintext");
        }

      for (guint r = first; r < i; )
        {
          const PpRegion *region = pp_scenario_vpc (sc, b->vpc_order[r])->region;
          g_autoptr(GString) rlabel = g_string_new (NULL);
          g_autoptr(GString) rtip = g_string_new (NULL);
          g_autofree char *rname = NULL;
          guint rfirst = r;
          Agraph_t *rc;

          while (r < i && pp_scenario_vpc (sc, b->vpc_order[r])->region == region)
            r++;
          g_string_append_printf (rlabel, "%s · %s", region->id, region->name);
          g_string_append_printf (rtip, "region %s (%s)\\naccount %s", region->id,
                                  region->name, a->id);
          if (b->o.level == PP_RENDER_LEVEL_REGION)
            {
              rname = g_strdup_printf ("region:%s/%s", a->id, region->id);
              add_aggregate (b, ac, rname, rlabel, rtip, b->vpc_order + rfirst, r - rfirst,
                             NULL);
              continue;
            }
          rname = g_strdup_printf ("cluster:region:%s/%s", a->id, region->id);
          rc = add_cluster (ac, rname, rlabel->str, rtip->str);
          set (rc, "style", "filled");
          set (rc, "fillcolor", "#e9f0fa");
          set (rc, "pencolor", "#7f9cc4");
          set (rc, "fontsize", "12");
          for (guint k = rfirst; k < r; k++)
            add_vpc (b, rc, b->vpc_order[k]);
        }
    }
}

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
  Agnode_t *n = add_node (b, common_parent (b, t, h), lname, agget (e, (char *) "label"),
                          agget (e, (char *) "tooltip"));
  Agedge_t *e1 = add_edge (b, t, n, tname);
  Agedge_t *e2;

  set (n, "shape", "plaintext");
  set (n, "margin", "0.02");
  set (n, "height", "0.2");
  if (*agget (e, (char *) "fontcolor"))
    set (n, "fontcolor", agget (e, (char *) "fontcolor"));
  set (n, "fontsize", "9");
  e2 = add_edge (b, n, h, id);
  for (guint i = 0; copy[i]; i++)
    {
      set (e1, copy[i], agget (e, (char *) copy[i]));
      set (e2, copy[i], agget (e, (char *) copy[i]));
    }
  set (e1, "arrowhead", "none");
  agdelete (b->g, e);
}


static void
add_connection (Builder *b, guint ci)
{
  const PpScenario *sc = b->sc;
  const PpConnection *c = pp_scenario_connection (sc, ci);
  const char *status = conn_status (b, ci);
  PpRenderStatus cls = pp_render_status_classify (status);
  g_autofree char *capacity = conn_capacity (c);
  g_autofree char *cost = b->o.cost ? b->o.cost (sc, ci, b->o.user_data) : NULL;
  /* [ticket] and the cost line tell the ticket-* and price-* findings */
  static const char * const told[] = { "ticket-", "price-", NULL };
  g_autofree char *rules = marks_rules_except (b->conn_marks[ci], told);
  g_autofree char *eid = g_strdup_printf ("conn:%s", c->id);
  g_autoptr(GString) label = g_string_new (NULL);
  g_autoptr(GString) tip = g_string_new (NULL);
  GString *marks = g_string_new (NULL);
  Agnode_t *t, *h;
  Agedge_t *e;
  gboolean cross = conn_cross_border (sc, c);
  gboolean ticket = marks_have_prefix (b->conn_marks[ci], "ticket-");

  if (b->o.level >= PP_RENDER_LEVEL_VSWITCH)
    {
      g_autofree char *tn = end_node_name (c, 0);
      g_autofree char *hn = end_node_name (c, 1);

      t = find_node (b, tn);
      h = find_node (b, hn);
    }
  else
    {
      t = vpc_anchor (b, c->ends[0].vpc);
      h = vpc_anchor (b, c->ends[1].vpc);
    }
  g_string_append_printf (label, "%s\\n%s\\n%s", c->id, capacity, status);
  if (cost)
    g_string_append_printf (label, "\\n%s", cost);
  if (cross)
    g_string_append (marks, "[cross-border]");
  if (ticket)
    g_string_append_printf (marks, "%s[ticket]", marks->len ? " " : "");
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
        g_autofree char *charge = end_charge (&c->ends[side]);

        if (charge)
          g_string_append_printf (tip, "\\n%s pays %s", end_role (c, side), charge);
      }
  marks_tooltip (tip, b->conn_marks[ci]);

  e = add_edge (b, t, h, eid);
  style_status (e, cls);
  if (b->conn_marks[ci] && b->conn_marks[ci]->worst > PP_SEVERITY_INFO)
    set (e, "fontcolor", severity_color (b->conn_marks[ci]->worst));
  else if (marks->len)
    set (e, "fontcolor", COLOR_MARK);
  if (trace_mark (b, e, c->id, tip, FALSE))
    set (e, "fontcolor", COLOR_TRACE);
  set (e, "label", label->str);
  set (e, "tooltip", tip->str);
  g_string_free (marks, TRUE);
  if (b->o.level < PP_RENDER_LEVEL_VSWITCH)
    split_label (b, e);
}

typedef struct {
  Agnode_t *t, *h;
  guint n, by_class[PP_RENDER_STATUS_LAST];
  guint cross, ticket, marked;
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
static void
add_bundled_connections (Builder *b)
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
      Agnode_t *t = vpc_anchor (b, c->ends[0].vpc);
      Agnode_t *h = vpc_anchor (b, c->ends[1].vpc);
      const char *st = conn_status (b, ci);
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
      if (conn_cross_border (sc, c))
        bu->cross++;
      if (marks_have_prefix (b->conn_marks[ci], "ticket-"))
        bu->ticket++;
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

      g_string_append_printf (label, "%u %s", bu->n, plural (bu->n, "connection", "connections"));
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
      if (bu->ticket)
        {
          g_string_append (label, "\\n[ticket]");
          if (bu->ticket < bu->n)
            g_string_append_printf (label, " ×%u", bu->ticket);
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
      e = add_edge (b, bu->t, bu->h, eid);
      style_status (e, cls);
      set (e, "dir", "none");
      if (bu->n > 1)
        setf (e, "penwidth", "%u", MIN (2 + bu->n / 4, 6u));
      if (bu->on_trace)
        {
          set (e, "color", COLOR_TRACE);
          set (e, "penwidth", "3");
          set (e, "fontcolor", COLOR_TRACE);
        }
      set (e, "label", label->str);
      set (e, "tooltip", bu->tip->str);
      split_label (b, e);
    }
}

/* Route and reach findings between two VPCs: red dashed edges. */
static void
add_finding_edges (Builder *b)
{
  const PpScenario *sc = b->sc;
  const PpFindings *fl = b->o.findings;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (fl == NULL)
    return;
  for (guint i = 0; i < pp_findings_len (fl); i++)
    {
      const PpFinding *f = pp_findings_nth (fl, i);
      g_autoptr(GArray) vpcs = NULL;
      Agnode_t *t, *h;
      g_autofree char *eid = NULL;
      g_autofree char *tip = NULL;
      Agedge_t *e;

      if (!is_route_rule (f->rule))
        continue;
      vpcs = finding_vpcs (sc, f);
      if (vpcs->len < 2)
        continue;
      t = vpc_anchor (b, g_array_index (vpcs, guint, 0));
      h = vpc_anchor (b, g_array_index (vpcs, guint, 1));
      if (t == NULL || h == NULL)
        continue;
      eid = g_strdup_printf ("finding:%s:%s:%s", f->rule, agnameof (t), agnameof (h));
      {
        g_autofree char *msg = esc (f->message);

        tip = g_strdup_printf ("%s %s: %s", pp_severity_to_string (f->severity), f->rule, msg);
      }
      if (g_hash_table_contains (seen, eid))
        continue;
      g_hash_table_add (seen, g_strdup (eid));
      e = add_edge (b, t, h, eid);
      set (e, "style", "dashed");
      set (e, "color", severity_color (f->severity));
      set (e, "fontcolor", severity_color (f->severity));
      set (e, "penwidth", "2");
      set (e, "constraint", "false");
      set (e, "label", f->rule);
      set (e, "tooltip", tip);
    }
}

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

static void
set_label (Builder *b)
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
    { COLOR_FAILED, "╌╌╌▶", TRUE, "missing or wrong route (rule id)" },
    { COLOR_FAILED, "VPC", FALSE, "overlapping CIDR (range in the label)" },
    { COLOR_FAILED, "⚠ rule", FALSE, "finding on the object (tooltip: message)" },
    { COLOR_MARK, "[cross-border]", FALSE, "one end in mainland China" },
    { COLOR_MARK, "[ticket]", FALSE, "bandwidth applied for by ticket" },
    { "black", "RI / peering", FALSE, "router interface / VPC peering end" },
    { COLOR_TRACE, "━━━▶", TRUE, "reachability trace" },
  };
  guint n_items = G_N_ELEMENTS (items) - (b->o.trace != NULL ? 0 : 1);
  Counts c = { 0 };

  for (guint v = 0; v < sc->vpcs->len; v++)
    {
      count_vpc (sc, v, &c);
      g_hash_table_add (regions, (gpointer) pp_scenario_vpc (sc, v)->region->id);
    }
  append_count (line, sc->accounts->len, "account", "accounts");
  append_count (line, g_hash_table_size (regions), "region", "regions");
  append_count (line, c.vpcs, "VPC", "VPCs");
  append_count (line, sc->connections->len, "connection", "connections");
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
                              plural (ne, "error", "errors"), nw,
                              plural (nw, "warning", "warnings"), ni);
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
  b.vpc_order = sorted_range (sc, 0, nv, cmp_vpc);
  b.conn_order = sorted_range (sc, 0, sc->connections->len, cmp_conn);
  b.vpc_marks = g_new0 (Marks *, nv + 1);
  b.vsw_marks = g_new0 (Marks *, sc->vswitches->len + 1);
  b.ecs_marks = g_new0 (Marks *, sc->instances->len + 1);
  b.conn_marks = g_new0 (Marks *, sc->connections->len + 1);
  b.acct_marks = g_new0 (Marks *, sc->accounts->len + 1);
  b.vpc_overlaps = g_new0 (GPtrArray *, nv + 1);
  b.trace_steps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, trace_free);
  b.nodes = g_hash_table_new (g_str_hash, g_str_equal);
  b.parents = g_hash_table_new (NULL, NULL);

  pp_render_capture_begin ();
  g = b.g = pp_render_graph_open (sc->name);
  declare_attributes (g);
  set (g, "id", "scenario");
  /* Detailed levels read left to right (each VPC is a row: content, route
   * table, connection ends); coarse ones top-down, which keeps an estate
   * of many VPCs closer to square. */
  set (g, "rankdir", b.o.level >= PP_RENDER_LEVEL_VSWITCH ? "LR" : "TB");
  set (g, "newrank", "true");
  set (g, "compound", "true");
  set (g, "nodesep", "0.5");
  set (g, "ranksep", "0.6");
  set (g, "pad", "0.3");
  set (g, "fontname", "Helvetica");
  set (g, "fontsize", "12");
  set (g, "labelloc", "t");
  set (g, "labeljust", "l");

  collect_findings (&b);
  collect_trace (&b);
  add_topology (&b);
  if (b.o.level >= PP_RENDER_LEVEL_VPC)
    for (guint i = 0; i < sc->connections->len; i++)
      add_connection (&b, b.conn_order[i]);
  else
    add_bundled_connections (&b);
  add_finding_edges (&b);
  /* last: subgraphs start with their parent's values */
  set_label (&b);
  g_free (pp_render_capture_end ());

  g_free (b.vpc_order);
  g_free (b.conn_order);
  marks_free (b.vpc_marks, nv);
  marks_free (b.vsw_marks, sc->vswitches->len);
  marks_free (b.ecs_marks, sc->instances->len);
  marks_free (b.conn_marks, sc->connections->len);
  marks_free (b.acct_marks, sc->accounts->len);
  for (guint v = 0; v < nv; v++)
    if (b.vpc_overlaps[v])
      g_ptr_array_unref (b.vpc_overlaps[v]);
  g_free (b.vpc_overlaps);
  g_hash_table_destroy (b.trace_steps);
  g_hash_table_destroy (b.nodes);
  g_hash_table_destroy (b.parents);
  return g;
}
