/* SPDX-License-Identifier: MIT */
/* pp-route-table.c: effective route tables and longest-prefix match.
 *
 * Layout: `entries` holds the lookup entries of every VPC sorted by (vpc,
 * address, length); `offsets[v] .. offsets[v + 1]` is VPC v's slice.  In
 * that order the entries that contain a given prefix form a chain of
 * parents, and the last entry sorted at or before the prefix is at the
 * bottom of that chain (or below it).  Proof sketch: let q be the longest
 * entry containing prefix k and p the last entry <= k.  q <= k, so q is at
 * or before p; p.addr lies in [q.addr, k.addr] which is inside q, so p and
 * q nest, and p cannot strictly contain q (it would sort before q).  So q
 * is p or an ancestor of p, and the first ancestor of p that contains k is q.
 *
 * Parents are computed in one sweep with a stack of open prefixes (at most
 * 33 deep, one per length).
 */
#include "model/pp-route-table.h"

#include <stdlib.h>

struct _PpRouteTables {
  guint n_vpcs;
  GArray *entries;            /* PpRouteEntry, lookup entries */
  guint *offsets;             /* n_vpcs + 1 */
  GArray *duplicates;         /* PpRouteEntry, entries that never match */
  GArray *winners;            /* guint, per duplicate */
  guint *conn_offsets;        /* n_vpcs + 1 */
  guint *conns;               /* connection indices per VPC */
};

/* The sort key: vpc, address, length, then the original position (kept in
 * `parent` while sorting) so that the first of equal entries wins. */
static int
entry_compare (const void *pa, const void *pb)
{
  const PpRouteEntry *a = pa;
  const PpRouteEntry *b = pb;

  if (a->vpc != b->vpc)
    return a->vpc < b->vpc ? -1 : 1;
  if (a->destination.addr != b->destination.addr)
    return a->destination.addr < b->destination.addr ? -1 : 1;
  if (a->destination.len != b->destination.len)
    return a->destination.len < b->destination.len ? -1 : 1;
  if (a->parent != b->parent)
    return a->parent < b->parent ? -1 : 1;
  return 0;
}

static inline guint32
prefix_mask (guint8 len)
{
  return len == 0 ? 0 : G_MAXUINT32 << (32 - len);
}

static inline gboolean
prefix_contains (PpCidr outer, PpCidr inner)
{
  return outer.len <= inner.len &&
         ((inner.addr ^ outer.addr) & prefix_mask (outer.len)) == 0;
}

/* Sorts @all, moves repeated destinations aside and links parents. */
static void
route_tables_index (PpRouteTables *rt, GArray *all)
{
  guint stack[40];
  guint depth = 0;
  guint v = 0;

  for (guint i = 0; i < all->len; i++)
    g_array_index (all, PpRouteEntry, i).parent = i;
  if (all->len > 1)
    qsort (all->data, all->len, sizeof (PpRouteEntry), entry_compare);

  rt->entries = g_array_sized_new (FALSE, FALSE, sizeof (PpRouteEntry), all->len);
  rt->duplicates = g_array_new (FALSE, FALSE, sizeof (PpRouteEntry));
  rt->winners = g_array_new (FALSE, FALSE, sizeof (guint));
  rt->offsets = g_new0 (guint, rt->n_vpcs + 1);

  for (guint i = 0; i < all->len; i++)
    {
      PpRouteEntry e = g_array_index (all, PpRouteEntry, i);
      guint idx = rt->entries->len;

      g_return_if_fail (e.vpc < rt->n_vpcs);
      if (idx > 0)
        {
          const PpRouteEntry *prev = &g_array_index (rt->entries, PpRouteEntry, idx - 1);
          if (prev->vpc == e.vpc && prev->destination.addr == e.destination.addr &&
              prev->destination.len == e.destination.len)
            {
              guint w = idx - 1;
              e.parent = PP_NONE;
              g_array_append_val (rt->duplicates, e);
              g_array_append_val (rt->winners, w);
              continue;
            }
        }
      while (v < e.vpc)
        {
          v++;
          rt->offsets[v] = idx;
          depth = 0;
        }
      while (depth > 0 &&
             !prefix_contains (g_array_index (rt->entries, PpRouteEntry, stack[depth - 1]).destination,
                               e.destination))
        depth--;
      e.parent = depth > 0 ? stack[depth - 1] : PP_NONE;
      g_assert (depth < G_N_ELEMENTS (stack));
      stack[depth++] = idx;
      g_array_append_val (rt->entries, e);
    }
  while (v < rt->n_vpcs)
    rt->offsets[++v] = rt->entries->len;
}

PpRouteTables *
pp_route_tables_new_from_entries (guint n_vpcs, const PpRouteEntry *entries, guint n_entries)
{
  PpRouteTables *rt = g_new0 (PpRouteTables, 1);
  g_autoptr(GArray) all = g_array_sized_new (FALSE, FALSE, sizeof (PpRouteEntry), n_entries);

  rt->n_vpcs = n_vpcs;
  g_array_append_vals (all, entries, n_entries);
  route_tables_index (rt, all);
  rt->conn_offsets = g_new0 (guint, n_vpcs + 1);
  rt->conns = g_new0 (guint, 1);
  return rt;
}

static void
route_tables_link_connections (PpRouteTables *rt, const PpScenario *sc)
{
  guint n_conns = sc->connections->len;
  guint *fill;

  rt->conn_offsets = g_new0 (guint, rt->n_vpcs + 1);
  for (guint c = 0; c < n_conns; c++)
    {
      const PpConnection *conn = pp_scenario_connection (sc, c);
      rt->conn_offsets[conn->ends[0].vpc + 1]++;
      if (conn->ends[1].vpc != conn->ends[0].vpc)
        rt->conn_offsets[conn->ends[1].vpc + 1]++;
    }
  for (guint v = 0; v < rt->n_vpcs; v++)
    rt->conn_offsets[v + 1] += rt->conn_offsets[v];
  rt->conns = g_new0 (guint, rt->conn_offsets[rt->n_vpcs] + 1);
  fill = g_memdup2 (rt->conn_offsets, sizeof (guint) * (rt->n_vpcs + 1));
  /* In connection order, so every VPC's list comes out sorted. */
  for (guint c = 0; c < n_conns; c++)
    {
      const PpConnection *conn = pp_scenario_connection (sc, c);
      rt->conns[fill[conn->ends[0].vpc]++] = c;
      if (conn->ends[1].vpc != conn->ends[0].vpc)
        rt->conns[fill[conn->ends[1].vpc]++] = c;
    }
  g_free (fill);
}

PpRouteTables *
pp_route_tables_new (const PpScenario *sc)
{
  PpRouteTables *rt = g_new0 (PpRouteTables, 1);
  g_autoptr(GArray) all = NULL;

  g_return_val_if_fail (sc != NULL, NULL);

  rt->n_vpcs = sc->vpcs->len;
  all = g_array_sized_new (FALSE, FALSE, sizeof (PpRouteEntry),
                           sc->vswitches->len + sc->routes->len);
  /* System routes first, so that they win over an equal custom route. */
  for (guint w = 0; w < sc->vswitches->len; w++)
    {
      const PpVSwitch *vsw = pp_scenario_vswitch (sc, w);
      PpRouteEntry e = {
        .destination = vsw->cidr, .kind = PP_ROUTE_SYSTEM, .vpc = vsw->vpc,
        .target = w, .route = PP_NONE, .parent = PP_NONE,
      };
      g_array_append_val (all, e);
    }
  for (guint r = 0; r < sc->routes->len; r++)
    {
      const PpRoute *route = pp_scenario_route (sc, r);
      PpRouteEntry e = {
        .destination = route->destination, .vpc = route->vpc,
        .target = route->next_hop, .route = r, .parent = PP_NONE,
      };
      switch (route->next_hop_kind)
        {
        case PP_NEXT_HOP_CONNECTION: e.kind = PP_ROUTE_CONNECTION; break;
        case PP_NEXT_HOP_INSTANCE: e.kind = PP_ROUTE_INSTANCE; break;
        case PP_NEXT_HOP_OTHER:
        case PP_NEXT_HOP_LAST:
        default: e.kind = PP_ROUTE_OTHER; e.target = PP_NONE; break;
        }
      g_array_append_val (all, e);
    }
  route_tables_index (rt, all);
  route_tables_link_connections (rt, sc);
  return rt;
}

void
pp_route_tables_free (PpRouteTables *rt)
{
  if (rt == NULL)
    return;
  g_array_unref (rt->entries);
  g_array_unref (rt->duplicates);
  g_array_unref (rt->winners);
  g_free (rt->offsets);
  g_free (rt->conn_offsets);
  g_free (rt->conns);
  g_free (rt);
}

guint
pp_route_tables_n_vpcs (const PpRouteTables *rt)
{
  return rt->n_vpcs;
}

const PpRouteEntry *
pp_route_tables_all (const PpRouteTables *rt, guint *n)
{
  *n = rt->entries->len;
  return (const PpRouteEntry *) rt->entries->data;
}

const PpRouteEntry *
pp_route_tables_entries (const PpRouteTables *rt, guint vpc, guint *n)
{
  g_return_val_if_fail (vpc < rt->n_vpcs, (*n = 0, NULL));
  *n = rt->offsets[vpc + 1] - rt->offsets[vpc];
  return &g_array_index (rt->entries, PpRouteEntry, rt->offsets[vpc]);
}

const PpRouteEntry *
pp_route_tables_entry (const PpRouteTables *rt, guint i)
{
  g_return_val_if_fail (i < rt->entries->len, NULL);
  return &g_array_index (rt->entries, PpRouteEntry, i);
}

guint
pp_route_tables_entry_index (const PpRouteTables *rt, const PpRouteEntry *e)
{
  return (guint) (e - (const PpRouteEntry *) rt->entries->data);
}

const PpRouteEntry *
pp_route_tables_lookup_prefix (const PpRouteTables *rt, guint vpc, PpCidr prefix)
{
  const PpRouteEntry *base;
  guint lo, hi, i;

  g_return_val_if_fail (vpc < rt->n_vpcs, NULL);
  base = (const PpRouteEntry *) rt->entries->data;
  lo = rt->offsets[vpc];
  hi = rt->offsets[vpc + 1];
  /* The first entry sorting after the key, in [lo, hi]. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const PpCidr *d = &base[mid].destination;
      if (d->addr < prefix.addr || (d->addr == prefix.addr && d->len <= prefix.len))
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == rt->offsets[vpc])
    return NULL;
  for (i = lo - 1; i != PP_NONE; i = base[i].parent)
    if (prefix_contains (base[i].destination, prefix))
      return &base[i];
  return NULL;
}

const PpRouteEntry *
pp_route_tables_lookup (const PpRouteTables *rt, guint vpc, guint32 ip)
{
  PpCidr host = { .addr = ip, .len = 32, .family = PP_FAMILY_IPV4 };
  return pp_route_tables_lookup_prefix (rt, vpc, host);
}

const PpRouteEntry *
pp_route_tables_duplicates (const PpRouteTables *rt, const guint **winners, guint *n)
{
  *n = rt->duplicates->len;
  if (winners != NULL)
    *winners = (const guint *) rt->winners->data;
  return (const PpRouteEntry *) rt->duplicates->data;
}

const guint *
pp_route_tables_connections (const PpRouteTables *rt, guint vpc, guint *n)
{
  g_return_val_if_fail (vpc < rt->n_vpcs, (*n = 0, NULL));
  *n = rt->conn_offsets[vpc + 1] - rt->conn_offsets[vpc];
  return rt->conns + rt->conn_offsets[vpc];
}

guint
pp_connection_peer (const PpScenario *sc, guint conn, guint vpc)
{
  const PpConnection *c = pp_scenario_connection (sc, conn);

  if (c->ends[0].vpc == vpc)
    return c->ends[1].vpc;
  if (c->ends[1].vpc == vpc)
    return c->ends[0].vpc;
  return PP_NONE;
}

const char *
pp_route_kind_to_string (PpRouteKind k)
{
  static const char *const names[] = {
    [PP_ROUTE_SYSTEM] = "system",
    [PP_ROUTE_CONNECTION] = "connection",
    [PP_ROUTE_INSTANCE] = "instance",
    [PP_ROUTE_OTHER] = "other",
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (names) == PP_ROUTE_LAST);
  g_return_val_if_fail (k < PP_ROUTE_LAST, "?");
  return names[k];
}
