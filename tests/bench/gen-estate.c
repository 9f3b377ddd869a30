/* SPDX-License-Identifier: MIT */
/* gen-estate.c: writes a synthetic estate of N VPCs as a peerplan scenario,
 * for the benchmarks (make bench) and the planted-findings test.
 *
 * The estate (all deterministic given --seed):
 *  - regions: those of data/regions.xml outside mainland China whose names
 *    are confirmed (14 with the shipped catalog); vSwitches use the first
 *    two zones the catalog lists for the region, or <region>-a and -b
 *    where it lists none;
 *  - groups of four VPCs in one region: a hub and three spokes, the hub
 *    joined to each spoke by a VPC peering (requester = hub);
 *  - a router-interface pair between regions: spoke 1 of each group
 *    (initiator) to spoke 2 of the next group (acceptor), which is in the
 *    next region, so the groups form a ring across regions;
 *  - one account per --vpcs-per-account VPCs (default 20, 16-digit uids:
 *    five groups, so at most ten router interfaces per account);
 *  - every VPC a /L block of its own (L chosen so that N blocks fit in
 *    10/8, 172.16/12 and 192.168/16), four vSwitches (its quarters, in two
 *    zones) and one instance per vSwitch plus up to two more (--instances
 *    N: N in all, spread over the four);
 *  - routes both ways on every connection: inside <connection>, each side
 *    to the other's block; plus P more specific routes per side, in the
 *    VPC's own route list (<route destination next-hop>), inside the peer's
 *    vSwitches.  A hub has 3(P+1) custom entries, a spoke at most 2(P+1),
 *    so P <= 65 keeps every table within the quota of 200.
 *
 * Planted defects (each in a group of its own, chosen by the seed):
 *  --overlaps K: spoke 1's CIDR widened to /(L-1), which covers its hub's
 *    block: one cidr-overlap between the two, at the peering's line (the
 *    hub of such a group peers with spoke 1 only, see peering_exists());
 *  --missing-routes K: the accepter side (spoke 3) of a peering has no
 *    route back to its hub: one route-missing, spoke 3 towards the hub's
 *    vSwitches (every vSwitch has instances; one route fixes them all);
 *  --quota K: spoke 3's table gets extra host routes into its hub's
 *    vSwitches, 201 to 210 entries in all: quota-route-entries.
 * --expected FILE writes what was planted, one JSON object a line:
 *   {"rule": "...", "objects": [ids...], "line": N, "detail": "..."}
 * where objects are the ids a finding of that rule must name and line is
 * the line the finding should point at.
 *
 * GLib only; it does not link the model, so it can generate inputs that
 * the model refuses, and its output is checked independently (xmllint
 * --relaxng data/schema/scenario.rng).
 */
#include <glib.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUOTA_ROUTES 200
#define SPOKES 3

typedef enum { PLANT_NONE, PLANT_OVERLAP, PLANT_MISSING, PLANT_QUOTA } Plant;

typedef struct {
  guint n_vpcs;
  guint routes;               /* P */
  guint overlaps, missing, quota;
  guint per_account;
  guint instances;            /* per VPC; 0 = 4 to 6 at random */
  guint max_regions;
  guint64 seed;
  const char *regions_file;
  const char *output;
  const char *expected;
  const char *name;
} Options;

typedef struct {
  guint32 block;              /* network address of the VPC's block */
  guint8 len;                 /* its CIDR's prefix length */
  guint n_instances;
  guint line;
  guint n_entries;            /* custom route entries in its table */
  guint extra_routes;         /* quota plant: extra host routes */
} Vpc;

typedef struct {
  FILE *out;
  guint line;
  Options opt;
  GPtrArray *regions;         /* char * */
  GHashTable *zones;          /* region id -> GPtrArray of char *, listed ones */
  guint L;                    /* block prefix length */
  guint n_groups;
  guint digits;
  Vpc *vpcs;
  Plant *plants;              /* per group */
  guint *group_block;         /* group -> first block index */
  GString *expected;
} Gen;

/* ---------------------------------------------------------------- regions */

typedef struct {
  GPtrArray *ids;
  GHashTable *zones;
  GPtrArray *current;         /* the zones of the region being read, or NULL */
} RegionsParse;

static void
regions_start (GMarkupParseContext *ctx, const char *element,
               const char **names, const char **values,
               gpointer user_data, GError **error)
{
  RegionsParse *rp = user_data;
  const char *id = NULL, *mainland = NULL, *confirmed = NULL;

  (void) ctx;
  (void) error;
  if (strcmp (element, "zone") == 0 && rp->current != NULL)
    {
      for (guint i = 0; names[i] != NULL; i++)
        if (strcmp (names[i], "id") == 0)
          g_ptr_array_add (rp->current, g_strdup (values[i]));
      return;
    }
  if (strcmp (element, "region") != 0)
    return;
  rp->current = NULL;
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (strcmp (names[i], "id") == 0)
        id = values[i];
      else if (strcmp (names[i], "mainland") == 0)
        mainland = values[i];
      else if (strcmp (names[i], "name-confirmed") == 0)
        confirmed = values[i];
    }
  if (id != NULL && g_strcmp0 (mainland, "no") == 0
      && g_strcmp0 (confirmed, "no") != 0)
    {
      g_ptr_array_add (rp->ids, g_strdup (id));
      rp->current = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (rp->zones, g_strdup (id), rp->current);
    }
}

static GPtrArray *
load_regions (const char *file, GHashTable *zones, GError **error)
{
  static const GMarkupParser parser = { regions_start, NULL, NULL, NULL, NULL };
  g_autofree char *text = NULL;
  gsize len;
  RegionsParse rp = { g_ptr_array_new_with_free_func (g_free), zones, NULL };
  g_autoptr (GMarkupParseContext) ctx = NULL;

  if (!g_file_get_contents (file, &text, &len, error))
    {
      g_ptr_array_unref (rp.ids);
      return NULL;
    }
  ctx = g_markup_parse_context_new (&parser, 0, &rp, NULL);
  if (!g_markup_parse_context_parse (ctx, text, len, error)
      || !g_markup_parse_context_end_parse (ctx, error))
    {
      g_ptr_array_unref (rp.ids);
      return NULL;
    }
  return rp.ids;
}

/* ------------------------------------------------------------- addressing */

/* Blocks of /L are numbered through 10/8, then 172.16/12, then 192.168/16. */
static guint64
pool_capacity (guint L)
{
  return (G_GUINT64_CONSTANT (1) << (L - 8)) + (G_GUINT64_CONSTANT (1) << (L - 12))
         + (G_GUINT64_CONSTANT (1) << (L - 16));
}

static guint32
block_address (guint L, guint64 index)
{
  guint64 n10 = G_GUINT64_CONSTANT (1) << (L - 8);
  guint64 n172 = G_GUINT64_CONSTANT (1) << (L - 12);

  if (index < n10)
    return (10u << 24) + (guint32) (index << (32 - L));
  index -= n10;
  if (index < n172)
    return ((172u << 24) | (16u << 16)) + (guint32) (index << (32 - L));
  index -= n172;
  return ((192u << 24) | (168u << 16)) + (guint32) (index << (32 - L));
}

static const char *
fmt_cidr (char *buf, guint32 addr, guint len)
{
  g_snprintf (buf, 24, "%u.%u.%u.%u/%u", addr >> 24, (addr >> 16) & 255,
              (addr >> 8) & 255, addr & 255, len);
  return buf;
}

static const char *
fmt_ip (char *buf, guint32 addr)
{
  g_snprintf (buf, 24, "%u.%u.%u.%u", addr >> 24, (addr >> 16) & 255,
              (addr >> 8) & 255, addr & 255);
  return buf;
}

/* ------------------------------------------------------------------ names */

static guint
group_size (const Gen *g, guint group)
{
  return MIN (1 + SPOKES, g->opt.n_vpcs - group * (1 + SPOKES));
}

static guint
vpc_index (guint group, guint j)
{
  return group * (1 + SPOKES) + j;
}

static const char *
vpc_id (const Gen *g, char *buf, guint v)
{
  g_snprintf (buf, 32, "vpc-%0*u", g->digits, v);
  return buf;
}

static const char *
peering_id (const Gen *g, char *buf, guint group, guint spoke)
{
  g_snprintf (buf, 32, "pcc-%0*u-%u", g->digits, group, spoke);
  return buf;
}

static const char *
ri_id (const Gen *g, char *buf, guint group)
{
  g_snprintf (buf, 32, "ri-%0*u", g->digits, group);
  return buf;
}

static const char *
account_id (const Gen *g, char *buf, guint a)
{
  g_snprintf (buf, 32, "acct-%0*u", g->digits, a);
  return buf;
}

static guint64
account_uid (const Gen *g, guint a)
{
  return G_GUINT64_CONSTANT (1000000000000000)
         + (g->opt.seed % 1000) * G_GUINT64_CONSTANT (1000000000) + a;
}

static guint
vpc_account (const Gen *g, guint v)
{
  return v / g->opt.per_account;
}

static const char *
vpc_region (const Gen *g, guint v)
{
  guint group = v / (1 + SPOKES);
  return g_ptr_array_index (g->regions, group % g->regions->len);
}

/* Zone @k (0 or 1) of @region: the catalog's first two, else <region>-a/-b. */
static char *
region_zone (const Gen *g, const char *region, guint k)
{
  GPtrArray *listed = g_hash_table_lookup (g->zones, region);

  if (listed != NULL && listed->len > k)
    return g_strdup (g_ptr_array_index (listed, k));
  return g_strdup_printf ("%s-%c", region, 'a' + k);
}

/* The router-interface of group @group joins its spoke 1 to spoke 2 of the
 * next group, when both exist and lie in different regions. */
static gboolean
ri_exists (const Gen *g, guint group, guint *init, guint *acc)
{
  guint next;

  if (g->n_groups < 2 || group_size (g, group) < 2)
    return FALSE;
  next = (group + 1) % g->n_groups;
  if (group_size (g, next) < 3)
    return FALSE;
  if (group % g->regions->len == next % g->regions->len)
    return FALSE;
  if (init)
    *init = vpc_index (group, 1);
  if (acc)
    *acc = vpc_index (next, 2);
  return TRUE;
}

/* Whether the group's hub peers with spoke @s.  In a group with a planted
 * overlap the hub peers with spoke 1 only: a hub whose block lies inside
 * spoke 1's CIDR and that also carried traffic for spokes 2 and 3 would add
 * route-transit findings (their routes to the hub would cover spoke 1). */
static gboolean
peering_exists (const Gen *g, guint group, guint s)
{
  return s < group_size (g, group) && (s == 1 || g->plants[group] != PLANT_OVERLAP);
}

static guint32
vswitch_base (const Gen *g, guint v, guint k)
{
  return g->vpcs[v].block + (k << (32 - g->L - 2));
}

/* The @i-th more specific route into VPC @v: a prefix inside one of its
 * vSwitches, longer than the block. */
static guint32
specific_prefix (const Gen *g, guint v, guint i, guint *len)
{
  guint k = 0;

  while ((4u << k) < g->opt.routes)
    k++;
  *len = g->L + 2 + k;
  return vswitch_base (g, v, i % 4) + ((i / 4) << (32 - *len));
}

/* The @i-th host route into VPC @v (quota plant): host addresses from the
 * fourth of each vSwitch on, which no specific prefix above reaches as a
 * /32 destination. */
static guint32
host_route (const Gen *g, guint v, guint i)
{
  return vswitch_base (g, v, i % 4) + 4 + i / 4;
}

/* ------------------------------------------------------------------ output */

static void
emit (Gen *g, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
emit (Gen *g, const char *format, ...)
{
  va_list ap;

  va_start (ap, format);
  vfprintf (g->out, format, ap);
  va_end (ap);
  g->line++;
}

static void
expect (Gen *g, const char *rule, guint line, const char * const *objects,
        const char *detail)
{
  g_string_append_printf (g->expected, "{\"rule\": \"%s\", \"objects\": [", rule);
  for (guint i = 0; objects[i] != NULL; i++)
    g_string_append_printf (g->expected, "%s\"%s\"", i ? ", " : "", objects[i]);
  g_string_append_printf (g->expected, "], \"line\": %u, \"detail\": \"%s\"}\n",
                          line, detail);
}

/* The connections of VPC @v, for its own route list: peer VPC and id. */
typedef struct {
  guint peer;
  char id[32];
  gboolean omit;              /* planted missing return route */
} Link;

static guint
vpc_links (const Gen *g, guint v, Link links[4])
{
  guint group = v / (1 + SPOKES), j = v % (1 + SPOKES), n = 0;
  guint init, acc;

  if (j == 0)
    {
      for (guint s = 1; s < group_size (g, group); s++)
        {
          if (!peering_exists (g, group, s))
            continue;
          links[n].peer = vpc_index (group, s);
          peering_id (g, links[n].id, group, s);
          links[n].omit = FALSE;
          n++;
        }
      return n;
    }
  if (peering_exists (g, group, j))
    {
      links[n].peer = vpc_index (group, 0);
      peering_id (g, links[n].id, group, j);
      links[n].omit = (j == 3 && g->plants[group] == PLANT_MISSING);
      n++;
    }
  if (j == 1 && ri_exists (g, group, &init, &acc))
    {
      links[n].peer = acc;
      ri_id (g, links[n].id, group);
      links[n].omit = FALSE;
      n++;
    }
  if (j == 2)
    {
      guint prev = (group + g->n_groups - 1) % g->n_groups;
      if (ri_exists (g, prev, &init, &acc) && acc == v)
        {
          links[n].peer = init;
          ri_id (g, links[n].id, prev);
          links[n].omit = FALSE;
          n++;
        }
    }
  return n;
}

static void
write_vpc (Gen *g, guint v)
{
  char id[32], cidr[24], ip[24];
  const char *region = vpc_region (g, v);
  Vpc *vpc = &g->vpcs[v];
  Link links[4];
  guint n_links, entries = 0;

  vpc->line = g->line;
  emit (g, "    <vpc id=\"%s\" region=\"%s\" cidr=\"%s\">\n", vpc_id (g, id, v),
        region, fmt_cidr (cidr, vpc->block & ~((1u << (32 - vpc->len)) - 1), vpc->len));
  for (guint k = 0; k < 4; k++)
    {
      guint32 base = vswitch_base (g, v, k);
      g_autofree char *zone = region_zone (g, region, k & 1);

      emit (g, "      <vswitch id=\"vsw-%0*u-%u\" zone=\"%s\" cidr=\"%s\">\n",
            g->digits, v, k, zone, fmt_cidr (cidr, base, g->L + 2));
      /* one instance per vSwitch, the extra ones in vSwitches 0 and 1 */
      for (guint i = k; i < vpc->n_instances; i += 4)
        emit (g, "        <instance id=\"i-%0*u-%u\" ip=\"%s\"/>\n", g->digits, v, i,
              fmt_ip (ip, base + 10 + i));
      emit (g, "      </vswitch>\n");
    }
  n_links = vpc_links (g, v, links);
  for (guint l = 0; l < n_links; l++)
    {
      if (links[l].omit)
        continue;
      entries++;                /* the route declared in the connection */
      for (guint i = 0; i < g->opt.routes; i++)
        {
          guint len;
          guint32 addr = specific_prefix (g, links[l].peer, i, &len);
          emit (g, "      <route destination=\"%s\" next-hop=\"%s\"/>\n",
                fmt_cidr (cidr, addr, len), links[l].id);
          entries++;
        }
      if (vpc->extra_routes > 0 && links[l].peer == vpc_index (v / (1 + SPOKES), 0))
        for (guint i = 0; i < vpc->extra_routes; i++)
          {
            emit (g, "      <route destination=\"%s\" next-hop=\"%s\"/>\n",
                  fmt_cidr (cidr, host_route (g, links[l].peer, i), 32), links[l].id);
            entries++;
          }
    }
  vpc->n_entries = entries;
  emit (g, "    </vpc>\n");

  if (vpc->n_entries > QUOTA_ROUTES)
    {
      const char *objs[] = { id, NULL };
      g_autofree char *detail =
        g_strdup_printf ("%u custom route entries, quota %u", vpc->n_entries, QUOTA_ROUTES);
      expect (g, "quota-route-entries", vpc->line, objs, detail);
    }
}

static void
write_connection_routes (Gen *g, guint a, guint b, gboolean omit_b)
{
  char id[32], cidr[24];

  emit (g, "    <route vpc=\"%s\" destination=\"%s\"/>\n", vpc_id (g, id, a),
        fmt_cidr (cidr, g->vpcs[b].block, g->L));
  if (!omit_b)
    emit (g, "    <route vpc=\"%s\" destination=\"%s\"/>\n", vpc_id (g, id, b),
          fmt_cidr (cidr, g->vpcs[a].block, g->L));
}

static void
write_connections (Gen *g)
{
  char id[32], a[32], b[32], owner[40];
  guint init, acc;

  for (guint group = 0; group < g->n_groups; group++)
    {
      guint hub = vpc_index (group, 0);

      for (guint s = 1; s < group_size (g, group); s++)
        {
          guint spoke = vpc_index (group, s);

          if (!peering_exists (g, group, s))
            continue;
          guint line = g->line;
          gboolean omit = (s == 3 && g->plants[group] == PLANT_MISSING);

          emit (g, "  <connection id=\"%s\" type=\"vpc-peer\">\n",
                peering_id (g, id, group, s));
          emit (g, "    <requester vpc=\"%s\"/>\n", vpc_id (g, a, hub));
          emit (g, "    <accepter vpc=\"%s\"/>\n", vpc_id (g, b, spoke));
          write_connection_routes (g, hub, spoke, omit);
          emit (g, "  </connection>\n");

          if (s == 1 && g->plants[group] == PLANT_OVERLAP)
            {
              const char *objs[] = { a, b, NULL };
              char cidr[24];
              g_autofree char *detail =
                g_strdup_printf ("%s is %s, which covers %s", b,
                                 fmt_cidr (cidr, g->vpcs[spoke].block & ~((1u << (32 - g->vpcs[spoke].len)) - 1),
                                           g->vpcs[spoke].len), a);
              expect (g, "cidr-overlap", line, objs, detail);
            }
          if (omit)
            {
              /* One route (the hub's block) fixes all four vSwitches: one
               * finding that names them all. */
              char vsw[4][40], cidr[24];
              const char *objs[] = { id, b, vsw[0], vsw[1], vsw[2], vsw[3], NULL };
              g_autofree char *detail = NULL;

              for (guint k = 0; k < 4; k++)
                g_snprintf (vsw[k], sizeof vsw[k], "vsw-%0*u-%u", g->digits, hub, k);
              detail = g_strdup_printf ("no route in %s towards %s's vSwitches (%s) via %s", b,
                                        a,
                                        fmt_cidr (cidr, g->vpcs[hub].block, g->vpcs[hub].len), id);
              expect (g, "route-missing", line, objs, detail);
            }
        }
      if (ri_exists (g, group, &init, &acc))
        {
          guint ai = vpc_account (g, init), aa = vpc_account (g, acc);

          emit (g, "  <connection id=\"%s\" type=\"router-interface\" spec=\"Large.1\">\n",
                ri_id (g, id, group));
          if (ai != aa)
            {
              g_snprintf (owner, sizeof owner, "%016" G_GUINT64_FORMAT, account_uid (g, aa));
              emit (g, "    <initiator vpc=\"%s\" charge=\"pay-as-you-go\" opposite-owner=\"%s\"/>\n",
                    vpc_id (g, a, init), owner);
              g_snprintf (owner, sizeof owner, "%016" G_GUINT64_FORMAT, account_uid (g, ai));
              emit (g, "    <acceptor vpc=\"%s\" opposite-owner=\"%s\"/>\n",
                    vpc_id (g, b, acc), owner);
            }
          else
            {
              emit (g, "    <initiator vpc=\"%s\" charge=\"pay-as-you-go\"/>\n",
                    vpc_id (g, a, init));
              emit (g, "    <acceptor vpc=\"%s\"/>\n", vpc_id (g, b, acc));
            }
          write_connection_routes (g, init, acc, FALSE);
          emit (g, "  </connection>\n");
        }
    }
}

/* ------------------------------------------------------------------- plan */

static gboolean
plan (Gen *g, GError **error)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed ((guint32) (g->opt.seed ^ (g->opt.seed >> 32)));
  guint n = g->opt.n_vpcs, full = 0, planted;
  g_autofree guint *order = NULL;

  g->L = 0;
  for (guint L = 18; L <= 24; L++)
    if (pool_capacity (L) >= n)
      {
        g->L = L;
        break;
      }
  if (g->L == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%u VPCs do not fit in the private ranges as /24 blocks (at most %" G_GUINT64_FORMAT ")",
                   n, pool_capacity (24));
      return FALSE;
    }
  if (3 * (g->opt.routes + 1) > QUOTA_ROUTES)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--routes %u would put hubs over the quota of %u route entries (at most %u)",
                   g->opt.routes, QUOTA_ROUTES, QUOTA_ROUTES / 3 - 1);
      return FALSE;
    }
  g->n_groups = (n + SPOKES) / (1 + SPOKES);
  g->digits = 3;
  for (guint m = n / 1000; m > 0; m /= 10)
    g->digits++;
  g->vpcs = g_new0 (Vpc, n);
  g->plants = g_new0 (Plant, g->n_groups);
  g->group_block = g_new (guint, g->n_groups);

  /* Shuffle the blocks of whole groups, so that document order is not
   * address order; the four blocks of a group stay together (and aligned),
   * so spoke 1's block and the hub's are buddies. */
  for (guint i = 0; i < g->n_groups; i++)
    g->group_block[i] = i * (1 + SPOKES);
  for (guint i = g->n_groups; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, (gint32) i);
      guint t = g->group_block[i - 1];
      g->group_block[i - 1] = g->group_block[j];
      g->group_block[j] = t;
    }
  for (guint v = 0; v < n; v++)
    {
      guint group = v / (1 + SPOKES);
      g->vpcs[v].block = block_address (g->L, g->group_block[group] + v % (1 + SPOKES));
      g->vpcs[v].len = (guint8) g->L;
      g->vpcs[v].n_instances = 4 + (guint) g_rand_int_range (rand, 0, 3);
      if (g->opt.instances > 0)  /* after the draw: the rest stays the same */
        g->vpcs[v].n_instances = g->opt.instances;
    }

  /* Plants, one group each, among the full groups. */
  for (guint i = 0; i < g->n_groups; i++)
    if (group_size (g, i) == 1 + SPOKES)
      full++;
  planted = g->opt.overlaps + g->opt.missing + g->opt.quota;
  if (planted > full)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%u planted defects need as many groups of four VPCs; this estate has %u",
                   planted, full);
      return FALSE;
    }
  order = g_new (guint, full);
  for (guint i = 0; i < full; i++)
    order[i] = i;
  for (guint i = full; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, (gint32) i);
      guint t = order[i - 1];
      order[i - 1] = order[j];
      order[j] = t;
    }
  for (guint i = 0; i < planted; i++)
    {
      guint group = order[i];
      Plant p = i < g->opt.overlaps ? PLANT_OVERLAP
                : i < g->opt.overlaps + g->opt.missing ? PLANT_MISSING : PLANT_QUOTA;
      g->plants[group] = p;
      if (p == PLANT_OVERLAP)
        g->vpcs[vpc_index (group, 1)].len = (guint8) (g->L - 1);
      else if (p == PLANT_QUOTA)
        {
          Vpc *s3 = &g->vpcs[vpc_index (group, 3)];
          guint have = g->opt.routes + 1;
          s3->extra_routes = QUOTA_ROUTES + 1 + (guint) g_rand_int_range (rand, 0, 10) - have;
        }
    }
  return TRUE;
}

static gboolean
generate (Gen *g, GError **error)
{
  char id[32];
  guint n_accounts;

  if (!plan (g, error))
    return FALSE;
  n_accounts = (g->opt.n_vpcs + g->opt.per_account - 1) / g->opt.per_account;
  g->line = 1;
  emit (g, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  emit (g, "<!-- Generated by gen-estate: %u VPCs, P=%u, seed %" G_GUINT64_FORMAT
        ", planted %u overlap(s), %u missing return route(s), %u quota overrun(s). -->\n",
        g->opt.n_vpcs, g->opt.routes, g->opt.seed, g->opt.overlaps, g->opt.missing, g->opt.quota);
  emit (g, "<scenario name=\"%s\" xmlns=\"urn:peerplan:scenario:1\">\n", g->opt.name);
  for (guint a = 0; a < n_accounts; a++)
    {
      emit (g, "  <account id=\"%s\" uid=\"%016" G_GUINT64_FORMAT "\">\n",
            account_id (g, id, a), account_uid (g, a));
      for (guint v = a * g->opt.per_account;
           v < MIN (g->opt.n_vpcs, (a + 1) * g->opt.per_account); v++)
        write_vpc (g, v);
      emit (g, "  </account>\n");
    }
  write_connections (g);
  emit (g, "</scenario>\n");
  return TRUE;
}

/* Writes the estate to @output (stdout when NULL) and the planted findings
 * to @expected; returns the exit code. */
static int
write_all (Gen *g, const char *output, const char *expected)
{
  g_autoptr (GError) error = NULL;

  g->out = output ? fopen (output, "w") : stdout;
  if (g->out == NULL)
    {
      g_printerr ("gen-estate: %s: %s\n", output, g_strerror (errno));
      return 2;
    }
  setvbuf (g->out, NULL, _IOFBF, 1 << 20);
  g->expected = g_string_new (NULL);
  if (!generate (g, &error))
    {
      g_printerr ("gen-estate: %s\n", error->message);
      if (output)
        fclose (g->out);
      return 2;
    }
  if (fflush (g->out) != 0 || (output && fclose (g->out) != 0))
    {
      g_printerr ("gen-estate: %s: %s\n", output ? output : "stdout", g_strerror (errno));
      return 2;
    }
  if (expected && !g_file_set_contents (expected, g->expected->str, (gssize) g->expected->len, &error))
    {
      g_printerr ("gen-estate: %s\n", error->message);
      return 2;
    }
  return 0;
}

int
main (int argc, char **argv)
{
  Gen g = { 0 };
  gint64 seed = 1;
  int n_vpcs = 1000, routes = 8, overlaps = 0, missing = 0, quota = 0;
  int per_account = 20, max_regions = 0, instances = 0, rc;
  g_autofree char *regions_file = NULL, *output = NULL, *expected = NULL, *name = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) ctx = NULL;
  const GOptionEntry entries[] = {
    { "vpcs", 'n', 0, G_OPTION_ARG_INT, &n_vpcs, "Number of VPCs (default 1000)", "N" },
    { "routes", 'p', 0, G_OPTION_ARG_INT, &routes, "More specific routes per side of each connection (default 8)", "P" },
    { "overlaps", 0, 0, G_OPTION_ARG_INT, &overlaps, "Plant K overlapping connected pairs", "K" },
    { "missing-routes", 0, 0, G_OPTION_ARG_INT, &missing, "Plant K missing return routes", "K" },
    { "quota", 0, 0, G_OPTION_ARG_INT, &quota, "Plant K route tables over the quota of 200", "K" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Seed (default 1)", "S" },
    { "vpcs-per-account", 0, 0, G_OPTION_ARG_INT, &per_account, "VPCs per account (default 20)", "N" },
    { "max-regions", 0, 0, G_OPTION_ARG_INT, &max_regions, "Use at most N regions (default: all)", "N" },
    { "instances", 0, 0, G_OPTION_ARG_INT, &instances, "Instances per VPC over its 4 vSwitches, 4 to 64 (default: 4 to 6 at random)", "N" },
    { "regions", 'r', 0, G_OPTION_ARG_FILENAME, &regions_file, "The region catalog (data/regions.xml)", "FILE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the scenario to FILE (default stdout)", "FILE" },
    { "expected", 'e', 0, G_OPTION_ARG_FILENAME, &expected, "Write the planted findings to FILE (JSON lines)", "FILE" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, "Scenario name (default estate-N)", "NAME" },
    { NULL }
  };

  ctx = g_option_context_new ("- write a synthetic estate of VPCs as a peerplan scenario");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("gen-estate: %s\n", error->message);
      return 2;
    }
  if (argc > 1 || n_vpcs < 1 || routes < 0 || overlaps < 0 || missing < 0 || quota < 0
      || per_account < 1 || max_regions < 0 || (instances != 0 && (instances < 4 || instances > 64)))
    {
      g_printerr ("gen-estate: bad arguments (see --help)\n");
      return 2;
    }
  if (regions_file == NULL)
    {
      g_printerr ("gen-estate: --regions FILE is required (data/regions.xml)\n");
      return 2;
    }
  g.opt.n_vpcs = (guint) n_vpcs;
  g.opt.routes = (guint) routes;
  g.opt.overlaps = (guint) overlaps;
  g.opt.missing = (guint) missing;
  g.opt.quota = (guint) quota;
  g.opt.per_account = (guint) per_account;
  g.opt.max_regions = (guint) max_regions;
  g.opt.instances = (guint) instances;
  g.opt.seed = (guint64) seed;
  g.opt.regions_file = regions_file;
  g.opt.output = output;
  g.opt.expected = expected;
  g.opt.name = name;

  g.zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_ptr_array_unref);
  g.regions = load_regions (regions_file, g.zones, &error);
  if (g.regions == NULL)
    {
      g_printerr ("gen-estate: %s: %s\n", regions_file, error->message);
      g_hash_table_unref (g.zones);
      return 2;
    }
  if (g.regions->len == 0)
    {
      g_printerr ("gen-estate: %s: no confirmed region outside mainland China\n", regions_file);
      g_ptr_array_unref (g.regions);
      g_hash_table_unref (g.zones);
      return 2;
    }
  if (max_regions > 0 && g.regions->len > (guint) max_regions)
    g_ptr_array_set_size (g.regions, (guint) max_regions);

  g_autofree char *default_name = g_strdup_printf ("estate-%u", g.opt.n_vpcs);
  if (g.opt.name == NULL)
    g.opt.name = default_name;
  rc = write_all (&g, output, expected);
  if (g.expected != NULL)
    g_string_free (g.expected, TRUE);
  g_ptr_array_unref (g.regions);
  g_hash_table_unref (g.zones);
  g_free (g.vpcs);
  g_free (g.plants);
  g_free (g.group_block);
  return rc;
}
