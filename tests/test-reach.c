/* SPDX-License-Identifier: MIT */
/* test-reach.c: longest-prefix match, reachability and the route-*, ri-*,
 * peer-* and reach-* rules.
 *
 * The LPM is checked against a brute-force oracle on random tables (fixed
 * seeds, so a failure replays); reachability and the rules run on the
 * fixture scenarios in tests/data/reach/, each of which lists the findings
 * it must give in tests/data/reach/NAME.expected.
 */
#include <check.h>
#include <glib.h>

#include <string.h>

#include "model/pp-check-route.h"
#include "model/pp-reach.h"
#include "model/pp-route-table.h"
#include "model/pp-rules.h"
#include "model/pp-scenario-xml.h"
#include "tests/testutils.h"

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
  ck_assert_uint_eq (pp_route_tables_n_entries (rt) + pp_route_tables_n_duplicates (rt), n);
  for (guint d = 0; d < pp_route_tables_n_duplicates (rt); d++)
    {
      guint wi = PP_NONE;
      PpRouteEntry dup = pp_route_tables_duplicate (rt, d, &wi);
      PpRouteEntry w = pp_route_tables_entry (rt, wi);
      ck_assert_uint_eq (w.vpc, dup.vpc);
      ck_assert (pp_cidr_equal (w.destination, dup.destination));
      ck_assert_uint_lt (w.route, dup.route);
    }
  /* Slices are sorted and parents enclose their children. */
  for (guint v = 0; v < n_vpcs; v++)
    {
      guint first = 0, end = 0;
      pp_route_tables_range (rt, v, &first, &end);
      for (guint i = first; i < end; i++)
        {
          PpRouteEntry e = pp_route_tables_entry (rt, i);
          guint p = pp_route_tables_parent (rt, i);
          ck_assert_uint_eq (e.vpc, v);
          ck_assert (pp_cidr_equal (e.destination, pp_route_tables_destination (rt, i)));
          if (i > first)
            ck_assert_int_lt (pp_cidr_compare (pp_route_tables_destination (rt, i - 1), e.destination), 0);
          if (p != PP_NONE)
            {
              PpRouteEntry pe = pp_route_tables_entry (rt, p);
              ck_assert_uint_ge (p, first);
              ck_assert_uint_lt (p, i);
              ck_assert (oracle_contains (pe.destination, e.destination));
              ck_assert_uint_lt (pe.destination.len, e.destination.len);
            }
        }
    }

  for (guint q = 0; q < 4000; q++)
    {
      guint vpc = g_rand_int_range (rand, 0, n_vpcs);
      PpCidr k;
      guint got;
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
        ck_assert_uint_eq (got, PP_NONE);
      else
        {
          ck_assert_uint_ne (got, PP_NONE);
          ck_assert_uint_eq (pp_route_tables_entry (rt, got).route, want);
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
  guint winner = PP_NONE;

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
      guint e = pp_route_tables_lookup (rt, 1, probes[p].ip);
      ck_assert_uint_ne (e, PP_NONE);
      ck_assert_msg (pp_route_tables_entry (rt, e).route == probes[p].want, "probe %u: got %u, want %u",
                     p, pp_route_tables_entry (rt, e).route, probes[p].want);
      /* The other VPCs are empty. */
      ck_assert_uint_eq (pp_route_tables_lookup (rt, 0, probes[p].ip), PP_NONE);
      ck_assert_uint_eq (pp_route_tables_lookup (rt, 2, probes[p].ip), PP_NONE);
    }
  ck_assert_uint_eq (pp_route_tables_n_duplicates (rt), 1);
  ck_assert_uint_eq (pp_route_tables_duplicate (rt, 0, &winner).route, 7);
  ck_assert_uint_eq (pp_route_tables_entry (rt, winner).route, 2);

  empty = pp_route_tables_new_from_entries (0, NULL, 0);
  ck_assert_uint_eq (pp_route_tables_n_vpcs (empty), 0);
}
END_TEST

/* ---- scenarios ------------------------------------------------------- */

static char *
srcdir_path (const char *rel)
{
  const char *top = g_getenv ("PP_TOP_SRCDIR");
  return g_build_filename (top != NULL ? top : ".", rel, NULL);
}

static PpScenario *
load (const char *rel)
{
  g_autofree char *path = srcdir_path (rel);
  g_autoptr(GError) error = NULL;
  PpScenario *sc = pp_scenario_load_file (path, NULL, &error);

  ck_assert_msg (sc != NULL, "%s: %s", path, error != NULL ? error->message : "?");
  return sc;
}

static guint
instance (const PpScenario *sc, const char *id)
{
  guint i = pp_scenario_lookup (sc, PP_KIND_INSTANCE, id);
  ck_assert_msg (i != PP_NONE, "no instance %s", id);
  return i;
}

static guint
vpc (const PpScenario *sc, const char *id)
{
  guint i = pp_scenario_lookup (sc, PP_KIND_VPC, id);
  ck_assert_msg (i != PP_NONE, "no vpc %s", id);
  return i;
}

static PpFindings *
check (const PpScenario *sc)
{
  PpFindings *f = pp_findings_new ();
  pp_check_reach_rules (sc, f);
  pp_findings_sort (f);
  return f;
}

/* The reach-failed findings alone, as if no route-* finding had been
 * computed first (what pp_check_expect_reach gives on its own). */
static PpFindings *
check_reach_only (const PpScenario *sc)
{
  PpFindings *f = pp_findings_new ();
  g_autoptr(PpRouteTables) rt = pp_route_tables_new (sc);

  pp_check_expect_reach (sc, rt, f);
  pp_findings_sort (f);
  return f;
}

static guint
count_rule (const PpFindings *f, const char *rule)
{
  guint n = 0;

  for (guint i = 0; i < pp_findings_len (f); i++)
    n += strcmp (pp_findings_nth (f, i)->rule, rule) == 0;
  return n;
}

static const PpFinding *
find (const PpFindings *f, const char *rule, guint line)
{
  for (guint i = 0; i < pp_findings_len (f); i++)
    {
      const PpFinding *x = pp_findings_nth (f, i);
      if (strcmp (x->rule, rule) == 0 && x->line == line)
        return x;
    }
  ck_abort_msg ("no %s finding at line %u", rule, line);
  return NULL;
}

static gboolean
has_object (const PpFinding *f, const char *id)
{
  return f->objects != NULL && g_strv_contains ((const char * const *) f->objects, id);
}

/* Each fixture NAME.xml gives exactly the findings listed in NAME.expected,
 * one "line rule severity: message" a line, and every finding names its objects,
 * has a hint and points into the fixture. */
static const char *const fixtures[] = {
  "return-missing", "status", "routes", "ri-opposite", "ri-owner",
  "ri-spec-charge", "ri-one-pair", "peer-bandwidth", "hops", "transit",
  "isolation", "grouped",
};

static int
line_compare (gconstpointer a, gconstpointer b)
{
  const char *const *x = a, *const *y = b;
  guint64 lx = g_ascii_strtoull (*x, NULL, 10), ly = g_ascii_strtoull (*y, NULL, 10);

  if (lx != ly)
    return lx < ly ? -1 : 1;
  return strcmp (*x, *y);
}

START_TEST (test_fixture_findings)
{
  g_autofree char *xml = g_strdup_printf ("tests/data/reach/%s.xml", fixtures[_i]);
  g_autofree char *exp = g_strdup_printf ("tests/data/reach/%s.expected", fixtures[_i]);
  g_autoptr(PpScenario) sc = load (xml);
  g_autoptr(PpFindings) f = check (sc);
  g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  for (guint i = 0; i < pp_findings_len (f); i++)
    {
      const PpFinding *x = pp_findings_nth (f, i);
      ck_assert_ptr_nonnull (pp_rules_lookup (x->rule));
      ck_assert_str_eq (x->file, sc->file);
      ck_assert_msg (x->objects != NULL && x->objects[0] != NULL, "%s: no objects", x->message);
      ck_assert_msg (x->hint != NULL, "%s: no hint", x->message);
      ck_assert ((x->trace != NULL) == g_str_has_prefix (x->rule, "reach-"));
      g_ptr_array_add (got, g_strdup_printf ("%u %s %s: %s", x->line, x->rule,
                                             pp_severity_to_string (x->severity), x->message));
    }
  g_ptr_array_sort (got, line_compare);
  g_ptr_array_add (got, g_strdup (""));
  g_ptr_array_add (got, NULL);
  joined = g_strjoinv ("\n", (char **) got->pdata);
  ck_assert_msg (pp_test_golden (exp, joined), "%s: the findings differ (see above)", xml);
}
END_TEST

/* The article reaches both ways and gives no finding of these rules. */
START_TEST (test_article)
{
  g_autoptr(PpScenario) sc = load ("data/examples/article.xml");
  g_autoptr(PpRouteTables) rt = pp_route_tables_new (sc);
  g_autoptr(PpFindings) f = check (sc);
  g_auto(PpReachResult) r = pp_reach_check (sc, rt, instance (sc, "ecs-a"), instance (sc, "ecs-b"));
  g_autofree char *trace = pp_reach_result_format (sc, rt, &r);

  g_auto(GStrv) objects = pp_reach_path_objects (sc, rt, &r.forward);
  g_autofree char *joined = g_strjoinv (" ", objects);
  g_autofree char *summary = pp_reach_result_summary (sc, &r);

  ck_assert_uint_eq (pp_findings_len (f), 0);
  ck_assert (r.ok);
  ck_assert_str_eq (joined, "ecs-a vsw-tokyo vpc-tokyo tokyo-sv vpc-sv vsw-sv ecs-b");
  ck_assert_str_eq (summary, "ecs-a and ecs-b reach each other");
  ck_assert_uint_eq (r.forward.hops->len, 2);
  ck_assert_uint_eq (r.forward.drop_vpc, PP_NONE);
  ck_assert_str_eq (trace,
    "ecs-a (172.16.0.41) -> ecs-b (192.168.0.147): delivered\n"
    "  1. vpc-tokyo: 192.168.0.0/24 via tokyo-sv (router-interface, planned) -> vpc-sv\n"
    "  2. vpc-sv: 192.168.0.0/24 local (vsw-sv): delivered to ecs-b\n"
    "ecs-b (192.168.0.147) -> ecs-a (172.16.0.41): delivered\n"
    "  1. vpc-sv: 172.16.0.0/24 via tokyo-sv (router-interface, planned) -> vpc-tokyo\n"
    "  2. vpc-tokyo: 172.16.0.0/24 local (vsw-tokyo): delivered to ecs-a");
}
END_TEST

/* The return route missing: the request arrives, the reply is dropped in
 * vpc-sv.  route-missing says so and asks for the VPC's CIDR (the route a
 * user writes); reach-failed, which the same route would fix, is only
 * given when no route-missing finding explains the drop (issue 11). */
START_TEST (test_return_missing)
{
  g_autoptr(PpScenario) sc = load ("tests/data/reach/return-missing.xml");
  g_autoptr(PpRouteTables) rt = pp_route_tables_new (sc);
  g_autoptr(PpFindings) f = check (sc);
  g_autoptr(PpFindings) alone = check_reach_only (sc);
  g_auto(PpReachResult) r = pp_reach_check (sc, rt, instance (sc, "ecs-a"), instance (sc, "ecs-b"));
  const PpFinding *missing = find (f, "route-missing", 19);
  const PpFinding *failed = find (alone, "reach-failed", 24);

  g_auto(GStrv) objects = pp_reach_path_objects (sc, rt, &r.reverse);
  g_autofree char *joined = g_strjoinv (" ", objects);

  ck_assert (!r.ok);
  ck_assert_str_eq (joined, "ecs-b vsw-sv vpc-sv");
  ck_assert (pp_reach_path_ok (&r.forward));
  ck_assert (!pp_reach_path_ok (&r.reverse));
  ck_assert_uint_eq (r.reverse.drop_vpc, vpc (sc, "vpc-sv"));
  ck_assert_int_eq (pp_reach_path_last (&r.reverse)->result, PP_HOP_NO_ROUTE);

  ck_assert (has_object (missing, "vpc-sv") && has_object (missing, "vsw-tokyo"));
  ck_assert_str_eq (missing->message,
                    "vpc-sv has no route to vSwitch vsw-tokyo (172.16.0.0/24, 1 of 1 instances) of vpc-tokyo via tokyo-sv");
  ck_assert_ptr_nonnull (strstr (missing->hint, "<route vpc=\"vpc-sv\" destination=\"172.16.0.0/16\"/>"));
  ck_assert_uint_eq (count_rule (f, "reach-failed"), 0);
  ck_assert_str_eq (failed->message,
                    "ecs-a cannot reach ecs-b: the reply is dropped in vpc-sv (no route matches)");
  ck_assert (has_object (failed, "vpc-sv"));
  ck_assert_str_eq (failed->trace,
    "ecs-a (172.16.0.41) -> ecs-b (192.168.0.147): delivered\n"
    "  1. vpc-tokyo: 192.168.0.0/24 via tokyo-sv (router-interface, planned) -> vpc-sv\n"
    "  2. vpc-sv: 192.168.0.0/24 local (vsw-sv): delivered to ecs-b\n"
    "ecs-b (192.168.0.147) -> ecs-a (172.16.0.41): dropped in vpc-sv\n"
    "  1. vpc-sv: no route to 172.16.0.41: dropped");
  failed = find (alone, "reach-failed", 25);
  ck_assert_str_eq (failed->message,
                    "ecs-b cannot reach ecs-a: the request is dropped in vpc-sv (no route matches)");
}
END_TEST

/* One missing /16 behind two /24 vSwitches: one route-missing finding
 * naming both, with the /16 as the fix, and no reach-failed (issue 11). */
START_TEST (test_grouped_missing)
{
  g_autoptr(PpScenario) sc = load ("tests/data/reach/grouped.xml");
  g_autoptr(PpFindings) f = check (sc);
  g_autoptr(PpFindings) alone = check_reach_only (sc);
  const PpFinding *g = NULL;

  for (guint i = 0; i < pp_findings_len (f); i++)
    if (has_object (pp_findings_nth (f, i), "vpc-spoke") &&
        strcmp (pp_findings_nth (f, i)->rule, "route-missing") == 0 &&
        strcmp (pp_findings_nth (f, i)->objects[0], "vpc-spoke") == 0)
      g = pp_findings_nth (f, i);
  ck_assert_ptr_nonnull (g);
  ck_assert (has_object (g, "vsw-h1") && has_object (g, "vsw-h2") && has_object (g, "hub-spoke"));
  ck_assert_str_eq (g->hint, "add <route vpc=\"vpc-spoke\" destination=\"10.0.0.0/16\"/> to connection hub-spoke");
  ck_assert_uint_eq (count_rule (f, "route-missing"), 2);
  ck_assert_uint_eq (count_rule (f, "reach-failed"), 0);
  /* Without the route rules, both pings are reported. */
  ck_assert_uint_eq (count_rule (alone, "reach-failed"), 2);
}
END_TEST

/* Why each failing direction stops where it does. */
static const struct {
  const char *file, *from, *to, *drop;
  PpHopResult last;
  guint n_hops;
} hop_cases[] = {
  { "status", "ecs-x", "ecs-y", NULL, PP_HOP_DELIVERED, 2 },
  { "status", "ecs-x", "ecs-z", "vpc-x", PP_HOP_CONNECTION_DOWN, 1 },
  { "status", "ecs-w", "ecs-x", "vpc-w", PP_HOP_CONNECTION_DOWN, 1 },
  { "status", "ecs-x", "ecs-w", "vpc-x", PP_HOP_CONNECTION_DOWN, 1 },
  { "status", "ecs-v", "ecs-x", NULL, PP_HOP_DELIVERED, 2 },
  { "status", "ecs-x", "ecs-x", NULL, PP_HOP_DELIVERED, 1 },
  { "routes", "ecs-a", "ecs-c", "vpc-b", PP_HOP_NOT_TRANSITIVE, 2 },
  { "routes", "ecs-a", "ecs-b2", "vpc-a", PP_HOP_UNMODELLED, 1 },
  { "routes", "ecs-c", "ecs-a", "vpc-c", PP_HOP_NO_ROUTE, 1 },
  { "routes", "ecs-d", "ecs-b", "vpc-d", PP_HOP_NO_ROUTE, 1 },
  { "routes", "ecs-b", "ecs-d", "vpc-b", PP_HOP_NO_ROUTE, 1 },
  { "routes", "ecs-a", "ecs-d", NULL, PP_HOP_DELIVERED, 2 },
  { "routes", "ecs-fw", "ecs-a", NULL, PP_HOP_DELIVERED, 1 },
  { "hops", "ecs-q", "ecs-r", NULL, PP_HOP_DELIVERED, 2 },
  { "hops", "ecs-p", "ecs-r", "vpc-p", PP_HOP_NOT_ATTACHED, 1 },
  { "hops", "ecs-p", "ecs-s", "vpc-p", PP_HOP_WRONG_VSWITCH, 1 },
  { "hops", "ecs-s", "ecs-p", "vpc-s", PP_HOP_WRONG_VSWITCH, 1 },
  { "hops", "ecs-q", "ecs-t", "vpc-q", PP_HOP_UNMODELLED, 1 },
};

START_TEST (test_hops)
{
  g_autofree char *xml = g_strdup_printf ("tests/data/reach/%s.xml", hop_cases[_i].file);
  g_autoptr(PpScenario) sc = load (xml);
  g_autoptr(PpRouteTables) rt = pp_route_tables_new (sc);
  g_auto(PpReachPath) p = pp_reach_trace (sc, rt, instance (sc, hop_cases[_i].from),
                                          instance (sc, hop_cases[_i].to));
  g_autofree char *text = pp_reach_path_format (sc, rt, &p);

  ck_assert_msg (pp_reach_path_last (&p)->result == hop_cases[_i].last, "%s", text);
  ck_assert_uint_eq (p.hops->len, hop_cases[_i].n_hops);
  if (hop_cases[_i].drop == NULL)
    {
      ck_assert (pp_reach_path_ok (&p));
      ck_assert_uint_eq (p.drop_vpc, PP_NONE);
    }
  else
    {
      g_autofree char *said = g_strdup_printf ("dropped in %s\n", hop_cases[_i].drop);
      ck_assert (!pp_reach_path_ok (&p));
      ck_assert_uint_eq (p.drop_vpc, vpc (sc, hop_cases[_i].drop));
      ck_assert_msg (strstr (text, said) != NULL, "%s", text);
    }
}
END_TEST

START_TEST (test_trace_text)
{
  g_autoptr(PpScenario) sc = load ("tests/data/reach/routes.xml");
  g_autoptr(PpRouteTables) rt = pp_route_tables_new (sc);
  g_auto(PpReachPath) transit = pp_reach_trace (sc, rt, instance (sc, "ecs-a"), instance (sc, "ecs-c"));
  g_auto(PpReachPath) fw = pp_reach_trace (sc, rt, instance (sc, "ecs-a"), instance (sc, "ecs-b2"));
  g_autofree char *t1 = pp_reach_path_format (sc, rt, &transit);
  g_autofree char *t2 = pp_reach_path_format (sc, rt, &fw);
  g_autoptr(PpScenario) st = load ("tests/data/reach/status.xml");
  g_autoptr(PpRouteTables) srt = pp_route_tables_new (st);
  g_auto(PpReachPath) idle = pp_reach_trace (st, srt, instance (st, "ecs-x"), instance (st, "ecs-z"));
  g_autofree char *t3 = pp_reach_path_format (st, srt, &idle);

  ck_assert_str_eq (t1,
    "ecs-a (10.1.0.10) -> ecs-c (10.3.0.10): dropped in vpc-b\n"
    "  1. vpc-a: 10.3.0.0/24 via a-b (router-interface, planned) -> vpc-b\n"
    "  2. vpc-b: 10.3.0.0/24 via b-c (router-interface, planned), but traffic that arrived over a-b is not forwarded again (non-transitive): dropped");
  ck_assert_str_eq (t2,
    "ecs-a (10.1.0.10) -> ecs-b2 (10.2.1.10): dropped in vpc-a\n"
    "  1. vpc-a: 10.2.1.0/24 via instance ecs-fw, a next hop peerplan does not model: dropped");
  ck_assert_str_eq (t3,
    "ecs-x (10.1.0.10) -> ecs-z (10.3.0.10): dropped in vpc-x\n"
    "  1. vpc-x: 10.3.0.0/16 via x-z (router-interface, Idle), which does not forward: dropped");
}
END_TEST

START_TEST (test_trace_text_hops)
{
  static const struct { const char *from, *to, *want; } cases[] = {
    { "ecs-p", "ecs-r",
      "ecs-p (10.1.0.10) -> ecs-r (10.9.0.10): dropped in vpc-p\n"
      "  1. vpc-p: 10.9.0.0/16 via q-r (router-interface, planned), which does not attach to vpc-p: dropped" },
    { "ecs-p", "ecs-s",
      "ecs-p (10.1.0.10) -> ecs-s (10.1.0.20): dropped in vpc-p\n"
      "  1. vpc-p: 10.1.0.0/24 local (vsw-p), but ecs-s is in vsw-s of vpc-s: dropped" },
    { "ecs-q", "ecs-t",
      "ecs-q (10.2.0.10) -> ecs-t (10.8.0.10): dropped in vpc-q\n"
      "  1. vpc-q: 10.8.0.0/16 via NatGateway:ngw-1, a next hop peerplan does not model: dropped" },
  };
  g_autoptr(PpScenario) sc = load ("tests/data/reach/hops.xml");
  g_autoptr(PpRouteTables) rt = pp_route_tables_new (sc);
  g_autoptr(PpFindings) f = check (sc);
  const PpFinding *x = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(PpReachPath) p = pp_reach_trace (sc, rt, instance (sc, cases[i].from), instance (sc, cases[i].to));
      g_autofree char *text = pp_reach_path_format (sc, rt, &p);
      ck_assert_str_eq (text, cases[i].want);
    }
  /* Overlapping VPCs: the hint says why the peer's traffic stays local. */
  for (guint i = 0; i < pp_findings_len (f); i++)
    if (strcmp (pp_findings_nth (f, i)->rule, "route-missing") == 0)
      x = pp_findings_nth (f, i);
  ck_assert_ptr_nonnull (x);
  ck_assert_ptr_nonnull (strstr (x->hint, "CIDR blocks overlap"));
}
END_TEST

/* Isolation (<expect-reach reachable="false">) and the hint for spokes
 * that no connection joins: never "via the connection that leads to". */
START_TEST (test_isolation)
{
  static const struct {
    guint line;
    const char *rule, *message, *hint;
  } cases[] = {
    { 51, "reach-failed",
      "ecs-1 cannot reach ecs-2: the request is dropped in spoke-1 (no route matches)",
      "no connection joins spoke-1 and spoke-2, and peerings and router interfaces are not transitive: connect them directly (a VPC peering or a router-interface pair) or attach both to a CEN transit router (not modelled)" },
    { 55, "reach-unexpected",
      "ecs-1 reaches ecs-3, which must be isolated from it: the ping goes over 1-3",
      "to isolate them, remove the route 10.3.0.0/16 via 1-3 in spoke-1 (or the connection 1-3)" },
    { 57, "reach-unexpected",
      "ecs-hub reaches ecs-1, which must be isolated from it: the ping goes over hub-1",
      "to isolate them, remove the route 10.1.0.0/16 via hub-1 in hub (or the connection hub-1)" },
    { 59, "reach-unexpected",
      "ecs-1 reaches ecs-1b, which must be isolated from it: both are in spoke-1",
      NULL },
  };
  g_autoptr(PpScenario) sc = load ("tests/data/reach/isolation.xml");
  g_autoptr(PpFindings) f = check (sc);
  g_autoptr(PpScenario) tr = load ("tests/data/reach/transit.xml");
  g_autoptr(PpFindings) ft = check (tr);
  const PpFinding *x;

  ck_assert (g_array_index (sc->expects, PpExpectReach, 1).isolated);
  ck_assert (!g_array_index (sc->expects, PpExpectReach, 5).isolated);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      x = find (f, cases[i].rule, cases[i].line);
      ck_assert_str_eq (x->message, cases[i].message);
      if (cases[i].hint != NULL)
        ck_assert_str_eq (x->hint, cases[i].hint);
    }
  ck_assert (has_object (find (f, "reach-unexpected", 55), "1-3"));
  /* A route through the hub: dropped there, same reason, same hint. */
  x = find (ft, "reach-failed", 64);
  ck_assert_ptr_null (strstr (x->hint, "leads to"));
  ck_assert_ptr_nonnull (strstr (x->hint, "no connection joins spoke-1 and spoke-2"));
  /* Where a connection joins the two VPCs, the hint names it. */
  {
    g_autoptr(PpScenario) rm = load ("tests/data/reach/return-missing.xml");
    g_autoptr(PpFindings) fr = check_reach_only (rm);

    ck_assert_str_eq (find (fr, "reach-failed", 24)->hint,
                      "add a route to 172.16.0.0/24 in vpc-sv via tokyo-sv, the connection that leads to vpc-tokyo");
  }
}
END_TEST

/* Messages and hints of the connection rules. */
START_TEST (test_connection_messages)
{
  g_autoptr(PpScenario) op = load ("tests/data/reach/ri-opposite.xml");
  g_autoptr(PpFindings) fo = check (op);
  g_autoptr(PpScenario) sp = load ("tests/data/reach/ri-spec-charge.xml");
  g_autoptr(PpFindings) fs = check (sp);
  const PpFinding *x;

  x = find (fo, "ri-opposite", 22);
  ck_assert_str_eq (x->message, "the acceptor of self (vpc-b1) names its own router interface ri-b1 as its opposite");
  ck_assert_ptr_nonnull (strstr (x->hint, "opposite-interface=\"ri-a1\""));
  x = find (fo, "ri-opposite", 25);
  ck_assert_str_eq (x->message, "the initiator of other (vpc-a2) names ri-zzz as its opposite, but the acceptor's interface is ri-b2");
  x = find (fo, "ri-opposite", 29);
  ck_assert_str_eq (x->message, "the initiator of crossed (vpc-a3) names ri-b4 as its opposite, which is the acceptor of good");
  /* A planned connection whose ends cannot connect does not forward. */
  ck_assert (!pp_connection_usable (op, pp_scenario_lookup (op, PP_KIND_CONNECTION, "self"), NULL));
  ck_assert (!pp_connection_usable (op, pp_scenario_lookup (op, PP_KIND_CONNECTION, "other"), NULL));
  ck_assert (pp_connection_usable (op, pp_scenario_lookup (op, PP_KIND_CONNECTION, "good"), NULL));
  {
    g_autoptr(PpScenario) ow = load ("tests/data/reach/ri-owner.xml");
    const char *why = NULL;
    ck_assert (!pp_connection_usable (ow, pp_scenario_lookup (ow, PP_KIND_CONNECTION, "cross-empty"), &why));
    ck_assert_str_eq (why, "planned, but its ends do not name each other, so it cannot connect");
    ck_assert (pp_connection_usable (ow, pp_scenario_lookup (ow, PP_KIND_CONNECTION, "cross-undeclared"), &why));
    ck_assert_str_eq (why, "planned");
    ck_assert (pp_connection_usable (ow, pp_scenario_lookup (ow, PP_KIND_CONNECTION, "same-account"), NULL));
  }

  x = find (fs, "ri-spec", 20);
  ck_assert_str_eq (x->hint, "did you mean Large.1?");
  x = find (fs, "ri-spec", 28);
  ck_assert_ptr_nonnull (strstr (x->hint, "Xlarge.1"));
  x = find (fs, "ri-charge", 34);
  ck_assert_ptr_nonnull (strstr (x->message, "Forbidden.AcceptRoleNotSupportPrePay"));
  x = find (fs, "ri-charge", 37);
  ck_assert_ptr_nonnull (strstr (x->message, "ap-northeast-1"));
}
END_TEST

/* Every id these rules use is in the rule table and in docs/rules.md. */
START_TEST (test_rule_ids)
{
  static const char *const ids[] = {
    "route-missing", "route-next-hop", "route-duplicate", "route-shadowed",
    "route-transit", "ri-opposite", "ri-owner-missing", "ri-spec", "ri-charge",
    "ri-one-pair", "peer-bandwidth", "reach-failed", "reach-unexpected",
  };
  g_autofree char *doc_path = srcdir_path ("docs/rules.md");
  g_autofree char *doc = NULL;

  ck_assert (g_file_get_contents (doc_path, &doc, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *row = g_strdup_printf ("| `%s` |", ids[i]);
      ck_assert_msg (pp_rules_lookup (ids[i]) != NULL, "%s not in the rule table", ids[i]);
      ck_assert_msg (strstr (doc, row) != NULL, "%s has no row in docs/rules.md", ids[i]);
    }
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

  tc = tcase_create ("reach");
  tcase_add_test (tc, test_article);
  tcase_add_test (tc, test_return_missing);
  tcase_add_loop_test (tc, test_hops, 0, G_N_ELEMENTS (hop_cases));
  tcase_add_test (tc, test_trace_text);
  tcase_add_test (tc, test_trace_text_hops);
  suite_add_tcase (s, tc);

  tc = tcase_create ("rules");
  tcase_add_loop_test (tc, test_fixture_findings, 0, G_N_ELEMENTS (fixtures));
  tcase_add_test (tc, test_connection_messages);
  tcase_add_test (tc, test_isolation);
  tcase_add_test (tc, test_grouped_missing);
  tcase_add_test (tc, test_rule_ids);
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
