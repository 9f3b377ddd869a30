/* SPDX-License-Identifier: MIT */
/* pp-render-topology.c: the clusters and nodes: account > region > VPC >
 * vSwitch > instances, route tables, connection ends, and the aggregates
 * of the coarser levels.
 */
#include "render/pp-render-private.h"

#include <string.h>

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
  g_ptr_array_sort (routes, pp_render_cmp_route);
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
          hop = pp_scenario_route_names (sc, pp_scenario_route_index (sc, r))->next_hop_name;
          if (hop == NULL)
            hop = "?";
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

void
pp_render_count_vpc (const PpScenario *sc, guint v, Counts *c)
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
    pp_render_append_count (s, c->regions, "region", "regions");
  if (level < PP_RENDER_LEVEL_VPC)
    pp_render_append_count (s, c->vpcs, "VPC", "VPCs");
  if (level < PP_RENDER_LEVEL_VSWITCH)
    pp_render_append_count (s, c->vswitches, "vSwitch", "vSwitches");
  if (level < PP_RENDER_LEVEL_INSTANCE)
    pp_render_append_count (s, c->instances, "instance", "instances");
}

/* Styles a cluster or node that findings name (info findings are listed,
 * not coloured); the rules starting with one of @skip are already told in
 * the label. */
static void
style_marked_except (void *obj, const Marks *m, GString *label, gboolean cluster,
                     const char * const *skip)
{
  g_autofree char *rules = pp_render_marks_rules_except (m, skip);

  if (m == NULL)
    return;
  if (m->worst > PP_SEVERITY_INFO)
    {
      pp_render_set (obj, cluster ? "pencolor" : "color", pp_render_severity_color (m->worst));
      pp_render_set (obj, "penwidth", "2");
      if (cluster)
        pp_render_set (obj, "fontcolor", pp_render_severity_color (m->worst));
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
  pp_render_marks_tooltip (tip, b->ecs_marks[ei]);
  n = pp_render_add_node (b, parent, name, "", NULL);
  pp_render_set (n, "shape", "box");
  pp_render_set (n, "style", "rounded,filled");
  pp_render_set (n, "fillcolor", "white");
  style_marked (n, b->ecs_marks[ei], label, FALSE);
  pp_render_trace_mark (b, n, e->id, tip, FALSE);
  pp_render_set (n, "label", label->str);
  pp_render_set (n, "tooltip", tip->str);
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
  pp_render_marks_tooltip (tip, b->vsw_marks[si]);

  if (b->o.level == PP_RENDER_LEVEL_VSWITCH)
    {
      g_autofree char *name = g_strdup_printf ("vsw:%s", s->id);
      Agnode_t *n = pp_render_add_node (b, parent, name, "", NULL);
      Counts c = { 0 };

      c.instances = s->n_instances;
      g_string_append (label, "\\n");
      counts_label (label, &c, b->o.level);
      if (c.instances == 0)
        g_string_append (label, "no instances");
      pp_render_set (n, "shape", "box");
      pp_render_set (n, "style", "filled");
      pp_render_set (n, "fillcolor", "white");
      style_marked (n, b->vsw_marks[si], label, FALSE);
      pp_render_trace_mark (b, n, s->id, tip, FALSE);
      pp_render_set (n, "label", label->str);
      pp_render_set (n, "tooltip", tip->str);
      g_ptr_array_add (content, n);
    }
  else
    {
      g_autofree char *name = g_strdup_printf ("cluster:vsw:%s", s->id);
      g_autofree guint *order = pp_render_sorted_range (b->sc, s->first_instance, s->n_instances, pp_render_cmp_ecs);
      Agraph_t *c = pp_render_add_cluster (parent, name, "", NULL);

      pp_render_set (c, "style", "filled");
      pp_render_set (c, "fillcolor", "white");
      pp_render_set (c, "pencolor", "#9bb8d3");
      pp_render_set (c, "fontsize", "10");
      style_marked (c, b->vsw_marks[si], label, TRUE);
      pp_render_trace_mark (b, c, s->id, tip, TRUE);
      pp_render_set (c, "label", label->str);
      pp_render_set (c, "tooltip", tip->str);
      for (guint i = 0; i < s->n_instances; i++)
        add_instance (b, c, order[i], content);
      if (s->n_instances == 0)
        {
          /* an empty cluster would vanish: keep a placeholder */
          g_autofree char *pname = g_strdup_printf ("vsw:%s", s->id);
          Agnode_t *p = pp_render_add_node (b, c, pname, "no instances", NULL);

          pp_render_set (p, "shape", "plaintext");
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
  g_autofree char *name = pp_render_end_node_name (c, r->side);
  g_autofree char *charge = pp_render_end_charge (e);
  g_autoptr(GString) label = g_string_new (NULL);
  g_autoptr(GString) tip = g_string_new (NULL);
  Agnode_t *n;

  g_string_append_printf (label, "%s %s\\n%s",
                          c->type == PP_CONN_VPC_PEER ? "peering" : "RI",
                          pp_render_end_role (c, r->side), c->id);
  if (charge)
    g_string_append_printf (label, "\\n%s", charge);
  g_string_append_printf (tip, "%s %s of %s",
                          c->type == PP_CONN_VPC_PEER ? "peering" : "router interface",
                          pp_render_end_role (c, r->side), c->id);
  if (e->interface_id)
    g_string_append_printf (tip, "\\nid %s", e->interface_id);
  if (e->opposite_interface)
    g_string_append_printf (tip, "\\nopposite interface %s", e->opposite_interface);
  if (e->opposite_owner)
    g_string_append_printf (tip, "\\nopposite owner %s", *e->opposite_owner ? e->opposite_owner : "(empty)");
  if (charge)
    g_string_append_printf (tip, "\\ncharge %s", charge);
  n = pp_render_add_node (b, parent, name, "", NULL);
  pp_render_set (n, "shape", "box");
  pp_render_set (n, "style", "filled");
  pp_render_set (n, "fillcolor", r->side == 0 ? "#fff1c9" : "#fdf7e4");
  /* an end is on the trace when its connection is */
  pp_render_trace_mark (b, n, c->id, NULL, FALSE);
  pp_render_set (n, "label", label->str);
  pp_render_set (n, "tooltip", tip->str);
  return n;
}

/* A VPC's label leaves out the rules told another way: route-* and
 * reach-* on its route table, cidr-* by the overlap lines. */
static const char * const skip_route[] = { "route-", "reach-", NULL };
static const char * const skip_route_cidr[] = { "route-", "reach-", "cidr-", NULL };

/* The worst severity of the route-* and reach-* findings of @m, or -1. */
static int
route_worst (const Marks *m)
{
  int worst = -1;

  for (guint i = 0; m != NULL && i < m->findings->len; i++)
    {
      const PpFinding *f = g_ptr_array_index (m->findings, i);

      if (pp_render_is_route_rule (f->rule) && (int) f->severity > worst)
        worst = f->severity;
    }
  return worst;
}

static void
add_vpc (Builder *b, Agraph_t *parent, guint v)
{
  const PpVpc *vpc = pp_scenario_vpc (b->sc, v);
  g_autoptr(GString) label = g_string_new (NULL);
  g_autoptr(GString) tip = g_string_new (NULL);
  char cidr[PP_CIDR_STRLEN];
  GPtrArray *overlaps = b->vpc_overlaps[v];
  g_autofree char *vname = vpc->name ? pp_render_esc (vpc->name) : NULL;

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
  pp_render_marks_tooltip (tip, b->vpc_marks[v]);

  if (b->o.level == PP_RENDER_LEVEL_VPC)
    {
      g_autofree char *name = g_strdup_printf ("vpc:%s", vpc->id);
      g_autofree char *routes = NULL;
      g_autofree char *rfind = NULL;
      g_autofree char *drop = NULL;
      Counts c = { 0 };
      Agnode_t *n;

      pp_render_count_vpc (b->sc, v, &c);
      g_string_append (label, "\\n");
      counts_label (label, &c, b->o.level);
      if (c.vswitches == 0)
        g_string_append (label, "no vSwitches");
      g_string_append (tip, "\\nroutes:");
      routes = vpc_route_lines (b, v, 3, tip);
      g_string_append_printf (label, "\\n%s", routes);
      rfind = pp_render_route_finding_lines (b, b->vpc_marks[v], v);
      if (rfind)
        g_string_append (label, rfind);
      drop = pp_render_trace_drop (b, vpc->id, tip);
      if (drop)
        g_string_append_printf (label, "%s\\l", drop);
      n = pp_render_add_node (b, parent, name, "", NULL);
      pp_render_set (n, "shape", "box");
      pp_render_set (n, "style", "rounded,filled");
      pp_render_set (n, "fillcolor", "#e6f4ea");
      style_marked_except (n, b->vpc_marks[v], label, FALSE, overlaps ? skip_route_cidr : skip_route);
      if (overlaps)
        {
          pp_render_set (n, "color", COLOR_FAILED);
          pp_render_set (n, "penwidth", "3");
        }
      pp_render_trace_mark (b, n, vpc->id, tip, FALSE);
      if (drop)
        pp_render_set (n, "color", COLOR_FAILED);
      /* the first line centred, route lines left-aligned: \l ends them */
      pp_render_set (n, "label", label->str);
      pp_render_set (n, "tooltip", tip->str);
      return;
    }
  else
    {
      g_autofree char *name = g_strdup_printf ("cluster:vpc:%s", vpc->id);
      g_autofree char *rtname = g_strdup_printf ("rt:%s", vpc->id);
      g_autofree guint *order = pp_render_sorted_range (b->sc, vpc->first_vswitch, vpc->n_vswitches, pp_render_cmp_vsw);
      g_autoptr(GArray) ends = vpc_ends (b, v);
      g_autoptr(GString) rtip = g_string_new (NULL);
      g_autofree char *routes = NULL;
      g_autoptr(GPtrArray) content = g_ptr_array_new ();
      Agraph_t *c = pp_render_add_cluster (parent, name, "", NULL);
      Agnode_t *rt;
      gboolean initiates = FALSE;

      pp_render_set (c, "style", "filled");
      pp_render_set (c, "fillcolor", "#e6f4ea");
      pp_render_set (c, "pencolor", "#6aa77a");
      pp_render_set (c, "fontsize", "11");
      style_marked_except (c, b->vpc_marks[v], label, TRUE, overlaps ? skip_route_cidr : skip_route);
      if (overlaps)
        {
          pp_render_set (c, "pencolor", COLOR_FAILED);
          pp_render_set (c, "penwidth", "3");
          pp_render_set (c, "fontcolor", COLOR_FAILED);
        }
      pp_render_trace_mark (b, c, vpc->id, tip, TRUE);
      pp_render_set (c, "label", label->str);
      pp_render_set (c, "tooltip", tip->str);

      g_string_append_printf (rtip, "route table of %s", vpc->id);
      if (vpc->route_table_id)
        g_string_append_printf (rtip, " (%s)", vpc->route_table_id);
      routes = vpc_route_lines (b, v, MAX_ROUTE_LINES, rtip);
      {
        /* the route table is what a route-* or reach-* finding on the VPC
         * asks to change: its rules, and the VPCs they concern, end it */
        g_autofree char *rfind = pp_render_route_finding_lines (b, b->vpc_marks[v], v);
        g_autofree char *drop = NULL;
        g_autofree char *rlabel = NULL;
        int worst = route_worst (b->vpc_marks[v]);

        if (rfind)
          pp_render_marks_tooltip (rtip, b->vpc_marks[v]);
        /* where the trace's packet is dropped: this table's lookup */
        drop = pp_render_trace_drop (b, vpc->id, rtip);
        rlabel = g_strdup_printf ("route table\\l%s%s%s%s", routes, rfind ? rfind : "",
                                  drop ? drop : "", drop ? "\\l" : "");
        rt = pp_render_add_node (b, c, rtname, rlabel, rtip->str);
        if (worst > PP_SEVERITY_INFO || drop)
          {
            const char *color = drop ? COLOR_FAILED : pp_render_severity_color ((PpSeverity) worst);

            pp_render_set (rt, "color", color);
            pp_render_set (rt, "fontcolor", color);
            pp_render_set (rt, "penwidth", drop ? "3" : "2");
          }
      }
      pp_render_set (rt, "shape", "note");
      pp_render_set (rt, "style", "filled");
      pp_render_set (rt, "fillcolor", "#fafafa");

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
            pp_render_invisible_edge (b, g_ptr_array_index (content, i), rt);
          else
            pp_render_invisible_edge (b, rt, g_ptr_array_index (content, i));
        }
      for (guint i = 0; i < ends->len; i++)
        {
          Agnode_t *n = add_end (b, c, &g_array_index (ends, EndRef, i));

          if (initiates)
            pp_render_invisible_edge (b, rt, n);
          else
            pp_render_invisible_edge (b, n, rt);
        }
    }
}

/* The node that stands for VPC @v at the builder's level. */
Agnode_t *
pp_render_vpc_anchor (Builder *b, guint v)
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
  return pp_render_find_node (b, name);
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
    pp_render_mark (&m, g_ptr_array_index (own->findings, k));
  for (guint i = 0; i < n; i++)
    {
      const PpVpc *vpc = pp_scenario_vpc (b->sc, vpcs[i]);
      const Marks *vm = b->vpc_marks[vpcs[i]];

      pp_render_count_vpc (b->sc, vpcs[i], &c);
      if (last_region == NULL || !g_str_equal (last_region, vpc->region->id))
        c.regions++;
      last_region = vpc->region->id;
      if (b->vpc_overlaps[vpcs[i]])
        overlap = TRUE;
      if (g_hash_table_contains (b->trace_steps, vpc->id))
        on_trace = TRUE;
      for (guint k = 0; vm && k < vm->findings->len; k++)
        pp_render_mark (&m, g_ptr_array_index (vm->findings, k));
      g_string_append_printf (tip, "\\nVPC %s", vpc->id);
    }
  g_string_append (label, "\\n");
  counts_label (label, &c, b->o.level);
  node = pp_render_add_node (b, parent, name, "", NULL);
  pp_render_set (node, "shape", "box");
  pp_render_set (node, "style", "rounded,filled");
  pp_render_set (node, "fillcolor", b->o.level == PP_RENDER_LEVEL_REGION ? "#e9f0fa" : "#f4f4f4");
  if (m != NULL)
    g_string_append_printf (label, "\\n%u %s", m->findings->len,
                            pp_render_plural (m->findings->len, "finding", "findings"));
  style_marked (node, m, label, FALSE);
  if (overlap)
    {
      g_string_append (label, "\\noverlapping VPC CIDRs");
      pp_render_set (node, "color", COLOR_FAILED);
      pp_render_set (node, "penwidth", "3");
    }
  pp_render_marks_tooltip (tip, m);
  if (on_trace)
    {
      /* the trace passes through one of its VPCs */
      pp_render_set (node, "color", COLOR_TRACE);
      pp_render_set (node, "penwidth", "3");
      g_string_append (tip, "\\non the trace");
    }
  pp_render_set (node, "label", label->str);
  pp_render_set (node, "tooltip", tip->str);
  pp_render_marks_free_one (m);
}

void
pp_render_add_topology (Builder *b)
{
  const PpScenario *sc = b->sc;
  guint n = sc->vpcs->len;
  guint i = 0;
  g_autofree guint *accounts = pp_render_sorted_range (sc, 0, sc->accounts->len, pp_render_cmp_account);

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

        ac = pp_render_add_cluster (b->g, name, "", NULL);
      }
      pp_render_set (ac, "style", "rounded,filled");
      pp_render_set (ac, "fillcolor", "#f4f4f4");
      pp_render_set (ac, "pencolor", "#666666");
      pp_render_set (ac, "fontsize", "13");
      pp_render_marks_tooltip (tip, b->acct_marks[acct]);
      style_marked (ac, b->acct_marks[acct], label, TRUE);
      pp_render_set (ac, "label", label->str);
      pp_render_set (ac, "tooltip", tip->str);
      if (first == i)
        {
          g_autofree char *pname = g_strdup_printf ("acct:%s", a->id);
          Agnode_t *p = pp_render_add_node (b, ac, pname, "no VPCs", NULL);

          pp_render_set (p, "shape", "plaintext");
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
          rc = pp_render_add_cluster (ac, rname, rlabel->str, rtip->str);
          pp_render_set (rc, "style", "filled");
          pp_render_set (rc, "fillcolor", "#e9f0fa");
          pp_render_set (rc, "pencolor", "#7f9cc4");
          pp_render_set (rc, "fontsize", "12");
          for (guint k = rfirst; k < r; k++)
            add_vpc (b, rc, b->vpc_order[k]);
        }
    }
}

