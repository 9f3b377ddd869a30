/* SPDX-License-Identifier: MIT */
/* test-reach.c: longest-prefix match, reachability and the route-*, ri-*,
 * peer-* and reach-* rules.
 *
 * The LPM is checked against a brute-force oracle on random tables (fixed
 * seeds, so a failure replays); reachability and the rules run on the
 * fixture scenarios in tests/data/reach/, each of which lists the findings
 * it must give in tests/data/reach/expected.txt.
 */
#include <check.h>
#include <glib.h>

#include "model/pp-route-table.h"

/* ---- LPM against a brute-force oracle --------------------------------- */

static guint32
mask_of (guint len)
{
  return len == 0 ? 0 : G_MAXUINT32 << (32 - len);
}

static gboolean
oracle_contains (PpCidr outer, PpCidr inner)
{
  return outer.len <= inner.len && ((outer.addr ^ inner.addr) & mask_of (outer.len)) == 0;
}

/* The first, longest entry of @vpc containing @k, by scanning: what the
 * tables must answer.  Returns the entry's `route` (used as a unique id),
 * or PP_NONE. */
static guint
oracle_lookup (const PpRouteEntry *entries, guint n, guint vpc, PpCidr k)
{
  guint best = PP_NONE;
  int best_len = -1;

  for (guint i = 0; i < n; i++)
    if (entries[i].vpc == vpc && oracle_contains (entries[i].destination, k) &&
        (int) entries[i].destination.len > best_len)
      {
        best = entries[i].route;
        best_len = entries[i].destination.len;
      }
  return best;
}

/* A prefix built to nest with others: a few base addresses, random lengths. */
static PpCidr
random_prefix (GRand *rand, const guint32 *bases, guint n_bases)
{
  PpCidr c = { 0, 0, PP_FAMILY_IPV4 };
  guint32 addr = bases[g_rand_int_range (rand, 0, n_bases)];

  addr ^= g_rand_int (rand) & (g_rand_boolean (rand) ? 0xffu : 0xffffu);
  c.len = g_rand_int_range (rand, 0, 33);
  c.addr = addr & mask_of (c.len);
  return c;
}

static const guint32 lpm_seeds[] = { 1, 2, 3, 42, 1234, 99991, 31337, 8 };

START_TEST (test_lpm_oracle)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (lpm_seeds[_i]);
  guint n_vpcs = g_rand_int_range (rand, 1, 6);
  guint n = g_rand_int_range (rand, 0, 600);
  guint32 bases[8];
  g_autofree PpRouteEntry *entries = g_new0 (PpRouteEntry, n + 1);
  g_autoptr(PpRouteTables) rt = NULL;
  guint n_all = 0, n_dups = 0;
  const guint *winners = NULL;
  const PpRouteEntry *dups;

  for (guint b = 0; b < G_N_ELEMENTS (bases); b++)
    bases[b] = g_rand_int (rand);
  for (guint i = 0; i < n; i++)
    {
      entries[i].destination = random_prefix (rand, bases, G_N_ELEMENTS (bases));
      entries[i].vpc = g_rand_int_range (rand, 0, n_vpcs);
      entries[i].kind = PP_ROUTE_CONNECTION;
      entries[i].target = i;
      entries[i].route = i;
    }
  rt = pp_route_tables_new_from_entries (n_vpcs, entries, n);
  ck_assert_uint_eq (pp_route_tables_n_vpcs (rt), n_vpcs);

  /* Every entry is either in the lookup slice of its VPC or a duplicate of
   * an earlier, equal one. */
  pp_route_tables_all (rt, &n_all);
  dups = pp_route_tables_duplicates (rt, &winners, &n_dups);
  ck_assert_uint_eq (n_all + n_dups, n);
  for (guint d = 0; d < n_dups; d++)
    {
      const PpRouteEntry *w = pp_route_tables_entry (rt, winners[d]);
      ck_assert_uint_eq (w->vpc, dups[d].vpc);
      ck_assert (pp_cidr_equal (w->destination, dups[d].destination));
      ck_assert_uint_lt (w->route, dups[d].route);
    }
  /* Slices are sorted and parents enclose their children. */
  for (guint v = 0; v < n_vpcs; v++)
    {
      guint m = 0;
      const PpRouteEntry *e = pp_route_tables_entries (rt, v, &m);
      for (guint i = 0; i < m; i++)
        {
          ck_assert_uint_eq (e[i].vpc, v);
          if (i > 0)
            ck_assert_int_lt (pp_cidr_compare (e[i - 1].destination, e[i].destination), 0);
          if (e[i].parent != PP_NONE)
            {
              const PpRouteEntry *p = pp_route_tables_entry (rt, e[i].parent);
              ck_assert_uint_eq (p->vpc, v);
              ck_assert (oracle_contains (p->destination, e[i].destination));
              ck_assert_uint_lt (p->destination.len, e[i].destination.len);
            }
        }
    }

  for (guint q = 0; q < 4000; q++)
    {
      guint vpc = g_rand_int_range (rand, 0, n_vpcs);
      PpCidr k;
      const PpRouteEntry *got;
      guint want;

      if (q % 2 == 0)
        {
          k = random_prefix (rand, bases, G_N_ELEMENTS (bases));
          k.len = 32;
          k.addr |= g_rand_int (rand) & 0xfu;
          if (q % 4 == 0)
            k.addr = g_rand_int (rand);
          got = pp_route_tables_lookup (rt, vpc, k.addr);
        }
      else
        {
          k = random_prefix (rand, bases, G_N_ELEMENTS (bases));
          got = pp_route_tables_lookup_prefix (rt, vpc, k);
        }
      want = oracle_lookup (entries, n, vpc, k);
      if (want == PP_NONE)
        ck_assert_ptr_null (got);
      else
        {
          ck_assert_ptr_nonnull (got);
          ck_assert_uint_eq (got->route, want);
        }
    }
}
END_TEST

/* Edge rows: /0, /32, the ends of a prefix, the address just outside. */
START_TEST (test_lpm_edges)
{
  static const struct { guint32 addr; guint8 len; } table[] = {
    { 0x00000000u, 0 },                 /* 0: default route */
    { 0xac100000u, 12 },                /* 1: 172.16.0.0/12 */
    { 0xac100000u, 16 },                /* 2: 172.16.0.0/16 */
    { 0xac100000u, 24 },                /* 3: 172.16.0.0/24 */
    { 0xac100029u, 32 },                /* 4: 172.16.0.41/32 */
    { 0xac1000ffu, 32 },                /* 5: 172.16.0.255/32 */
    { 0xac1f0000u, 16 },                /* 6: 172.31.0.0/16 */
    { 0xac100000u, 16 },                /* 7: duplicate of 2 */
  };
  static const struct { guint32 ip; guint want; } probes[] = {
    { 0xac100029u, 4 }, { 0xac100028u, 3 }, { 0xac10002au, 3 },
    { 0xac100000u, 3 }, { 0xac1000ffu, 5 }, { 0xac100100u, 2 },
    { 0xac10ffffu, 2 }, { 0xac110000u, 1 }, { 0xac1fffffu, 6 },
    { 0xac200000u, 0 }, { 0xac0fffffu, 0 }, { 0x00000000u, 0 },
    { 0xffffffffu, 0 },
  };
  PpRouteEntry entries[G_N_ELEMENTS (table)];
  g_autoptr(PpRouteTables) rt = NULL;
  g_autoptr(PpRouteTables) empty = NULL;
  guint n_dups = 0;
  const guint *winners = NULL;
  const PpRouteEntry *dups;

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      entries[i] = (PpRouteEntry) {
        .destination = { table[i].addr, table[i].len, PP_FAMILY_IPV4 },
        .kind = PP_ROUTE_CONNECTION, .vpc = 1, .target = i, .route = i,
      };
    }
  rt = pp_route_tables_new_from_entries (3, entries, G_N_ELEMENTS (entries));
  for (guint p = 0; p < G_N_ELEMENTS (probes); p++)
    {
      const PpRouteEntry *e = pp_route_tables_lookup (rt, 1, probes[p].ip);
      ck_assert_ptr_nonnull (e);
      ck_assert_msg (e->route == probes[p].want, "probe %u: got %u, want %u",
                     p, e->route, probes[p].want);
      /* The other VPCs are empty. */
      ck_assert_ptr_null (pp_route_tables_lookup (rt, 0, probes[p].ip));
      ck_assert_ptr_null (pp_route_tables_lookup (rt, 2, probes[p].ip));
    }
  dups = pp_route_tables_duplicates (rt, &winners, &n_dups);
  ck_assert_uint_eq (n_dups, 1);
  ck_assert_uint_eq (dups[0].route, 7);
  ck_assert_uint_eq (pp_route_tables_entry (rt, winners[0])->route, 2);

  empty = pp_route_tables_new_from_entries (0, NULL, 0);
  ck_assert_uint_eq (pp_route_tables_n_vpcs (empty), 0);
}
END_TEST

static Suite *
reach_suite (void)
{
  Suite *s = suite_create ("reach");
  TCase *tc = tcase_create ("lpm");

  tcase_add_loop_test (tc, test_lpm_oracle, 0, G_N_ELEMENTS (lpm_seeds));
  tcase_add_test (tc, test_lpm_edges);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (reach_suite ());
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
