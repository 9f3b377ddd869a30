/* SPDX-License-Identifier: MIT */
/* pp-route-table.c: effective route tables and longest-prefix match.
 *
 * Layout: `ref` holds one reference per lookup entry, all VPCs, sorted by
 * (vpc, address, length); `offsets[v] .. offsets[v + 1]` is VPC v's slice
 * and `parent[i]` the nearest enclosing entry of entry i.  A reference is a
 * vSwitch index with REF_SYSTEM set (its system route) or a PpRoute index;
 * tables built from bare entries refer into their own copy instead.  The
 * destination is read through the reference, so an entry costs 8 bytes:
 * with a million routes, memory is time (every fresh page is a fault).
 *
 * Lookup: in sorted order the entries that contain a given prefix form a
 * chain of parents, and the last entry sorted at or before the prefix is at
 * the bottom of that chain (or below it).  Proof sketch: let q be the
 * longest entry containing prefix k and p the last entry <= k.  q <= k, so
 * q is at or before p; p.addr lies in [q.addr, k.addr], inside q, so p and
 * q nest, and p cannot strictly contain q (it would sort before q).  So q
 * is p or an ancestor of p, and the first ancestor of p containing k is q.
 *
 * Build: a counting sort by VPC (stable: system routes, then routes in
 * document order), then each VPC's slice sorted through packed 64-bit keys
 * (address, length, position), duplicates moved aside and parents linked
 * with a stack of open prefixes (at most 33 deep), compacting in place.
 */
#include "model/pp-route-table.h"

#include <stdlib.h>
#include <string.h>

#define REF_SYSTEM (1u << 31)
#define SLICE_MAX (1u << 26)    /* entries per VPC table, for the key packing */

struct _PpRouteTables {
  const PpScenario *sc;       /* borrowed; NULL when built from entries */
  PpRouteEntry *src;          /* from entries: the copy */
  guint n_vpcs;
  guint n;                    /* lookup entries */
  guint32 *ref;
  guint32 *parent;
  guint *offsets;             /* n_vpcs + 1 */
  GArray *dup_refs;           /* guint32, entries that never match */
  GArray *winners;            /* guint, per duplicate */
  guint *conn_offsets;        /* n_vpcs + 1 */
  guint *conns;               /* connection indices per VPC */
  guint *nbrs;                /* peer VPCs per VPC, sorted by CIDR; same offsets */
};

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

static inline PpCidr
ref_destination (const PpRouteTables *rt, guint32 ref)
{
  if (rt->sc == NULL)
    return rt->src[ref].destination;
  if (ref & REF_SYSTEM)
    return pp_scenario_vswitch (rt->sc, ref & ~REF_SYSTEM)->cidr;
  return pp_scenario_route (rt->sc, ref)->destination;
}

static PpRouteEntry
ref_entry (const PpRouteTables *rt, guint32 ref)
{
  PpRouteEntry e = { .target = PP_NONE, .route = PP_NONE };
  const PpRoute *route;

  if (rt->sc == NULL)
    return rt->src[ref];
  if (ref & REF_SYSTEM)
    {
      const PpVSwitch *vsw = pp_scenario_vswitch (rt->sc, ref & ~REF_SYSTEM);
      e.destination = vsw->cidr;
      e.kind = PP_ROUTE_SYSTEM;
      e.vpc = vsw->vpc;
      e.target = ref & ~REF_SYSTEM;
      return e;
    }
  route = pp_scenario_route (rt->sc, ref);
  e.destination = route->destination;
  e.vpc = route->vpc;
  e.route = ref;
  switch (route->next_hop_kind)
    {
    case PP_NEXT_HOP_CONNECTION: e.kind = PP_ROUTE_CONNECTION; e.target = route->next_hop; break;
    case PP_NEXT_HOP_INSTANCE: e.kind = PP_ROUTE_INSTANCE; e.target = route->next_hop; break;
    case PP_NEXT_HOP_OTHER:
    case PP_NEXT_HOP_LAST:
    default: e.kind = PP_ROUTE_OTHER; break;
    }
  return e;
}

/* Sorts the @n keys at @keys ascending (each is unique): a shell sort
 * with Ciura's gaps, extended by 2.25 each, compared in line.  A table
 * holds a few hundred entries; qsort() called a function for each of
 * their comparisons, 5 % of `check` on an estate. */
static void
keys_sort (guint64 *keys, guint n)
{
  static const guint ciura[] = { 1, 4, 10, 23, 57, 132, 301, 701, 1750 };
  guint gaps[40];
  guint n_gaps = 0;

  for (guint i = 0; i < G_N_ELEMENTS (ciura) && ciura[i] < n; i++)
    gaps[n_gaps++] = ciura[i];
  if (n_gaps == G_N_ELEMENTS (ciura))
    while (n_gaps < G_N_ELEMENTS (gaps) && gaps[n_gaps - 1] < n / 2)
      {
        gaps[n_gaps] = gaps[n_gaps - 1] * 9 / 4;
        n_gaps++;
      }
  while (n_gaps > 0)
    {
      guint gap = gaps[--n_gaps];

      for (guint i = gap; i < n; i++)
        {
          guint64 v = keys[i];
          guint j = i;

          for (; j >= gap && keys[j - gap] > v; j -= gap)
            keys[j] = keys[j - gap];
          keys[j] = v;
        }
    }
}

/* The first pass counted each VPC's entries into offsets[v + 1]: turns the
 * counts into offsets, allocates, and returns the fill cursors (transfer
 * full). */
static guint *
route_tables_prepare (PpRouteTables *rt, guint n)
{
  for (guint v = 0; v < rt->n_vpcs; v++)
    rt->offsets[v + 1] += rt->offsets[v];
  g_assert (rt->offsets[rt->n_vpcs] == n);
  rt->ref = g_new (guint32, n + 1);
  rt->parent = g_new (guint32, n + 1);
  rt->dup_refs = g_array_new (FALSE, FALSE, sizeof (guint32));
  rt->winners = g_array_new (FALSE, FALSE, sizeof (guint));
  return g_memdup2 (rt->offsets, sizeof (guint) * (rt->n_vpcs + 1));
}

/* Sorts each VPC's slice, moves duplicates aside, links parents and
 * compacts (see the top of the file). */
static void
route_tables_index (PpRouteTables *rt)
{
  guint max = 0, out = 0;
  g_autofree guint64 *keys = NULL;
  g_autofree guint32 *slice = NULL;
  g_autofree PpCidr *dest = NULL;

  for (guint v = 0; v < rt->n_vpcs; v++)
    max = MAX (max, rt->offsets[v + 1] - rt->offsets[v]);
  g_assert (max < SLICE_MAX);
  keys = g_new (guint64, max + 1);
  slice = g_new (guint32, max + 1);
  dest = g_new (PpCidr, max + 1);

  for (guint v = 0; v < rt->n_vpcs; v++)
    {
      guint lo = rt->offsets[v], n = rt->offsets[v + 1] - lo;
      guint stack[40];          /* output indices of the open prefixes */
      PpCidr open[40];
      guint depth = 0;

      rt->offsets[v] = out;
      if (n == 0)
        continue;
      memcpy (slice, rt->ref + lo, n * sizeof *slice);
      for (guint i = 0; i < n; i++)
        {
          dest[i] = ref_destination (rt, slice[i]);
          keys[i] = ((guint64) dest[i].addr << 32) | ((guint64) dest[i].len << 26) | i;
        }
      keys_sort (keys, n);

      for (guint i = 0; i < n; i++)
        {
          guint k = keys[i] & (SLICE_MAX - 1);

          if (i > 0 && (keys[i] >> 26) == (keys[i - 1] >> 26))
            {
              guint w = out - 1;
              g_array_append_val (rt->dup_refs, slice[k]);
              g_array_append_val (rt->winners, w);
              continue;
            }
          while (depth > 0 && !prefix_contains (open[depth - 1], dest[k]))
            depth--;
          rt->parent[out] = depth > 0 ? stack[depth - 1] : PP_NONE;
          rt->ref[out] = slice[k];
          g_assert (depth < G_N_ELEMENTS (stack));
          stack[depth] = out;
          open[depth] = dest[k];
          depth++;
          out++;
        }
    }
  rt->offsets[rt->n_vpcs] = out;
  rt->n = out;
}

PpRouteTables *
pp_route_tables_new_from_entries (guint n_vpcs, const PpRouteEntry *entries, guint n_entries)
{
  PpRouteTables *rt = g_new0 (PpRouteTables, 1);
  g_autofree guint *fill = NULL;

  rt->n_vpcs = n_vpcs;
  rt->offsets = g_new0 (guint, n_vpcs + 1);
  rt->conn_offsets = g_new0 (guint, n_vpcs + 1);
  rt->conns = g_new0 (guint, 1);
  rt->nbrs = g_new0 (guint, 1);
  rt->src = g_new (PpRouteEntry, n_entries + 1);
  if (n_entries > 0)
    memcpy (rt->src, entries, n_entries * sizeof *entries);
  for (guint i = 0; i < n_entries; i++)
    {
      if (entries[i].vpc >= n_vpcs)
        {
          pp_route_tables_free (rt);
          g_return_val_if_reached (NULL);
        }
      rt->offsets[entries[i].vpc + 1]++;
    }
  fill = route_tables_prepare (rt, n_entries);
  for (guint i = 0; i < n_entries; i++)
    rt->ref[fill[entries[i].vpc]++] = i;
  route_tables_index (rt);
  return rt;
}

typedef struct {
  guint32 addr;
  guint8 len;
  guint vpc;
} Neighbour;

static int
neighbour_compare (const void *pa, const void *pb)
{
  const Neighbour *a = pa, *b = pb;

  if (a->addr != b->addr)
    return a->addr < b->addr ? -1 : 1;
  if (a->len != b->len)
    return a->len < b->len ? -1 : 1;
  return a->vpc < b->vpc ? -1 : a->vpc > b->vpc;
}

/* Each VPC's peers (one per connection), sorted by their CIDR block, so
 * that the peers inside a prefix are one binary search away. */
static void
route_tables_sort_neighbours (PpRouteTables *rt, const PpScenario *sc)
{
  guint max = 0;
  g_autofree Neighbour *tmp = NULL;

  rt->nbrs = g_new0 (guint, rt->conn_offsets[rt->n_vpcs] + 1);
  for (guint v = 0; v < rt->n_vpcs; v++)
    max = MAX (max, rt->conn_offsets[v + 1] - rt->conn_offsets[v]);
  tmp = g_new (Neighbour, max + 1);
  for (guint v = 0; v < rt->n_vpcs; v++)
    {
      guint lo = rt->conn_offsets[v], n = rt->conn_offsets[v + 1] - lo;

      for (guint i = 0; i < n; i++)
        {
          guint q = pp_connection_peer (sc, rt->conns[lo + i], v);
          const PpVpc *qv = pp_scenario_vpc (sc, q);
          tmp[i] = (Neighbour) { qv->cidr.addr, qv->cidr.len, q };
        }
      if (n > 1)
        qsort (tmp, n, sizeof *tmp, neighbour_compare);
      for (guint i = 0; i < n; i++)
        rt->nbrs[lo + i] = tmp[i].vpc;
    }
}

static void
route_tables_link_connections (PpRouteTables *rt, const PpScenario *sc)
{
  guint n_conns = sc->connections->len;
  g_autofree guint *fill = NULL;

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
  route_tables_sort_neighbours (rt, sc);
}

PpRouteTables *
pp_route_tables_new (const PpScenario *sc)
{
  PpRouteTables *rt;
  g_autofree guint *fill = NULL;

  g_return_val_if_fail (sc != NULL, NULL);
  g_return_val_if_fail (sc->vswitches->len < REF_SYSTEM && sc->routes->len < REF_SYSTEM, NULL);

  rt = g_new0 (PpRouteTables, 1);
  rt->sc = sc;
  rt->n_vpcs = sc->vpcs->len;
  rt->offsets = g_new0 (guint, rt->n_vpcs + 1);
  for (guint w = 0; w < sc->vswitches->len; w++)
    rt->offsets[pp_scenario_vswitch (sc, w)->vpc + 1]++;
  for (guint r = 0; r < sc->routes->len; r++)
    rt->offsets[pp_scenario_route (sc, r)->vpc + 1]++;
  fill = route_tables_prepare (rt, sc->vswitches->len + sc->routes->len);
  /* System routes first, so that they win over an equal custom route. */
  for (guint w = 0; w < sc->vswitches->len; w++)
    rt->ref[fill[pp_scenario_vswitch (sc, w)->vpc]++] = w | REF_SYSTEM;
  for (guint r = 0; r < sc->routes->len; r++)
    rt->ref[fill[pp_scenario_route (sc, r)->vpc]++] = r;
  route_tables_index (rt);
  route_tables_link_connections (rt, sc);
  return rt;
}

void
pp_route_tables_free (PpRouteTables *rt)
{
  if (rt == NULL)
    return;
  g_free (rt->src);
  g_free (rt->ref);
  g_free (rt->parent);
  g_free (rt->offsets);
  if (rt->dup_refs != NULL)
    g_array_unref (rt->dup_refs);
  if (rt->winners != NULL)
    g_array_unref (rt->winners);
  g_free (rt->conn_offsets);
  g_free (rt->conns);
  g_free (rt->nbrs);
  g_free (rt);
}

guint
pp_route_tables_n_vpcs (const PpRouteTables *rt)
{
  return rt->n_vpcs;
}

guint
pp_route_tables_n_entries (const PpRouteTables *rt)
{
  return rt->n;
}

void
pp_route_tables_range (const PpRouteTables *rt, guint vpc, guint *first, guint *end)
{
  g_return_if_fail (vpc < rt->n_vpcs);
  *first = rt->offsets[vpc];
  *end = rt->offsets[vpc + 1];
}

PpRouteEntry
pp_route_tables_entry (const PpRouteTables *rt, guint i)
{
  PpRouteEntry none = { .target = PP_NONE, .route = PP_NONE, .vpc = PP_NONE };

  g_return_val_if_fail (i < rt->n, none);
  return ref_entry (rt, rt->ref[i]);
}

PpCidr
pp_route_tables_destination (const PpRouteTables *rt, guint i)
{
  PpCidr none = { 0, 0, PP_FAMILY_IPV4 };

  g_return_val_if_fail (i < rt->n, none);
  return ref_destination (rt, rt->ref[i]);
}

gboolean
pp_route_tables_is_system (const PpRouteTables *rt, guint i)
{
  g_return_val_if_fail (i < rt->n, FALSE);
  if (rt->sc == NULL)
    return rt->src[rt->ref[i]].kind == PP_ROUTE_SYSTEM;
  return (rt->ref[i] & REF_SYSTEM) != 0;
}

guint
pp_route_tables_parent (const PpRouteTables *rt, guint i)
{
  g_return_val_if_fail (i < rt->n, PP_NONE);
  return rt->parent[i];
}

guint
pp_route_tables_lookup_prefix (const PpRouteTables *rt, guint vpc, PpCidr prefix)
{
  guint lo, hi, i;

  g_return_val_if_fail (vpc < rt->n_vpcs, PP_NONE);
  lo = rt->offsets[vpc];
  hi = rt->offsets[vpc + 1];
  /* The first entry sorting after the key, in [lo, hi]. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      PpCidr d = ref_destination (rt, rt->ref[mid]);
      if (d.addr < prefix.addr || (d.addr == prefix.addr && d.len <= prefix.len))
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == rt->offsets[vpc])
    return PP_NONE;
  for (i = lo - 1; i != PP_NONE; i = rt->parent[i])
    if (prefix_contains (ref_destination (rt, rt->ref[i]), prefix))
      return i;
  return PP_NONE;
}

guint
pp_route_tables_lookup (const PpRouteTables *rt, guint vpc, guint32 ip)
{
  PpCidr host = { .addr = ip, .len = 32, .family = PP_FAMILY_IPV4 };
  return pp_route_tables_lookup_prefix (rt, vpc, host);
}

guint
pp_route_tables_n_duplicates (const PpRouteTables *rt)
{
  return rt->dup_refs->len;
}

PpRouteEntry
pp_route_tables_duplicate (const PpRouteTables *rt, guint i, guint *winner)
{
  PpRouteEntry none = { .target = PP_NONE, .route = PP_NONE, .vpc = PP_NONE };

  g_return_val_if_fail (i < rt->dup_refs->len, none);
  if (winner != NULL)
    *winner = g_array_index (rt->winners, guint, i);
  return ref_entry (rt, g_array_index (rt->dup_refs, guint32, i));
}

const guint *
pp_route_tables_connections (const PpRouteTables *rt, guint vpc, guint *n)
{
  g_return_val_if_fail (vpc < rt->n_vpcs, (*n = 0, NULL));
  *n = rt->conn_offsets[vpc + 1] - rt->conn_offsets[vpc];
  return rt->conns + rt->conn_offsets[vpc];
}

const guint *
pp_route_tables_neighbours (const PpRouteTables *rt, guint vpc, guint *n)
{
  g_return_val_if_fail (vpc < rt->n_vpcs, (*n = 0, NULL));
  *n = rt->conn_offsets[vpc + 1] - rt->conn_offsets[vpc];
  return rt->nbrs + rt->conn_offsets[vpc];
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
