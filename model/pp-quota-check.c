/* SPDX-License-Identifier: MIT */
/* pp-quota-check.c: counting a scenario against the quota catalog.
 *
 * One pass over the connections, routes and VPCs fills per-object
 * counters (arrays indexed by VPC or account, hash tables keyed by router
 * pair or account+region); then each quota compares its counters with its
 * limit in index order, so findings come out in a stable order.  Cost is
 * linear in the size of the scenario.
 */

#include "model/pp-quota-check.h"

typedef struct {
  const PpScenario *sc;
  const PpQuota *quota;
  PpFindings *findings;
  PpQuotaUsage usage;
} Counter;

/* @count of the quota's unit for @object (line @line), which the
 * finding names "@what @what_name" (@what_name nullable): written only
 * for a finding, not for each of an estate's VPCs. */
static void
counter_seen (Counter *c, const char *object, guint count, guint line,
              const char *what, const char *what_name)
{
  const PpQuota *q = c->quota;
  gint64 headroom = (gint64) q->limit - (gint64) count;

  if (c->usage.object == NULL || count > c->usage.count)
    {
      c->usage.object = object;
      c->usage.count = count;
      c->usage.headroom = headroom;
    }
  if (count > q->limit && q->reported_elsewhere)
    c->usage.n_over++;
  else if (count > q->limit)
    {
      const char *objects[] = { object, NULL };
      PpFinding *f;

      if (c->usage.n_over++ == 0)
        c->usage.first_over_line = line;
      f = pp_findings_add (c->findings, q->rule, c->sc->file, line, objects,
                           "%s%s%s has %u %s; the default quota for %s is %u (count %u, limit %u, headroom %" G_GINT64_FORMAT ")",
                           what, what_name != NULL ? " " : "", what_name != NULL ? what_name : "",
                           count, q->unit, q->description, q->limit, count, q->limit, headroom);
      if (q->quota_name != NULL)
        pp_finding_set_hint (f, "ask for a higher %s (%s) before buying, or change the design",
                             q->quota_name, q->raise);
      else
        pp_finding_set_hint (f, "%s; otherwise change the design", q->raise);
    }
}

static gboolean
same_region (const PpScenario *sc, const PpConnection *c)
{
  return pp_scenario_vpc (sc, c->ends[0].vpc)->region ==
         pp_scenario_vpc (sc, c->ends[1].vpc)->region;
}

static gboolean
cross_border (const PpScenario *sc, const PpConnection *c)
{
  return pp_regions_cross_border (pp_scenario_vpc (sc, c->ends[0].vpc)->region,
                                  pp_scenario_vpc (sc, c->ends[1].vpc)->region);
}

static void
count_per_vpc (Counter *c, const guint *per_vpc, const char *what_prefix)
{
  for (guint v = 0; v < c->sc->vpcs->len; v++)
    {
      const PpVpc *vpc = pp_scenario_vpc (c->sc, v);

      if (per_vpc[v] > 0)
        counter_seen (c, vpc->id, per_vpc[v], vpc->line, what_prefix, vpc->id);
    }
}

GArray *
pp_quota_check (const PpScenario *sc, const PpQuotas *quotas, PpFindings *findings)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (PpQuotaUsage));
  guint nv = sc->vpcs->len, na = sc->accounts->len;
  g_autofree guint *ri_per_vpc = g_new0 (guint, nv + 1);
  g_autofree guint *routes_per_vpc = g_new0 (guint, nv + 1);
  g_autofree guint *vsw_per_vpc = g_new0 (guint, nv + 1);
  g_autofree guint *peer_intra = g_new0 (guint, nv + 1);
  g_autofree guint *peer_cross = g_new0 (guint, nv + 1);
  g_autofree guint *ri_per_account = g_new0 (guint, na + 1);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) peer_acct = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < sc->connections->len; i++)
    {
      const PpConnection *c = pp_scenario_connection (sc, i);
      guint v0 = c->ends[0].vpc, v1 = c->ends[1].vpc;

      if (v0 >= nv || v1 >= nv)
        continue;
      if (c->type == PP_CONN_ROUTER_INTERFACE)
        {
          ri_per_vpc[v0]++;
          if (v1 != v0)
            ri_per_vpc[v1]++;
          ri_per_account[pp_scenario_vpc (sc, v0)->account]++;
          if (pp_scenario_vpc (sc, v1)->account != pp_scenario_vpc (sc, v0)->account)
            ri_per_account[pp_scenario_vpc (sc, v1)->account]++;
        }
      else
        {
          guint *per = same_region (sc, c) ? peer_intra : peer_cross;
          const PpVpc *req = pp_scenario_vpc (sc, v0);
          char *key = g_strdup_printf ("%u\x1f%s", req->account, req->region->id);

          per[v0]++;
          if (v1 != v0)
            per[v1]++;
          g_hash_table_insert (peer_acct, key,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (peer_acct, key)) + 1));
        }
    }
  for (guint i = 0; i < sc->routes->len; i++)
    if (pp_scenario_route (sc, i)->vpc < nv)
      routes_per_vpc[pp_scenario_route (sc, i)->vpc]++;
  for (guint v = 0; v < nv; v++)
    vsw_per_vpc[v] = pp_scenario_vpc (sc, v)->n_vswitches;

  for (guint qi = 0; qi < pp_quotas_count (quotas); qi++)
    {
      Counter c = { sc, pp_quotas_nth (quotas, qi), findings, { 0 } };

      c.usage.quota = c.quota;
      c.usage.headroom = c.quota->limit;
      switch (c.quota->counts)
        {
        case PP_QUOTA_RI_PER_ROUTER:
          count_per_vpc (&c, ri_per_vpc, "the router of VPC");
          break;
        case PP_QUOTA_RI_PER_VPC:
          count_per_vpc (&c, ri_per_vpc, "VPC");
          break;
        case PP_QUOTA_ROUTE_ENTRIES_PER_TABLE:
          count_per_vpc (&c, routes_per_vpc, "the route table of VPC");
          break;
        case PP_QUOTA_VSWITCHES_PER_VPC:
          count_per_vpc (&c, vsw_per_vpc, "VPC");
          break;
        case PP_QUOTA_PEER_INTRA_REGION_PER_VPC:
          count_per_vpc (&c, peer_intra, "VPC");
          break;
        case PP_QUOTA_PEER_CROSS_REGION_PER_VPC:
          count_per_vpc (&c, peer_cross, "VPC");
          break;
        case PP_QUOTA_RI_PER_ACCOUNT:
          for (guint a = 0; a < na; a++)
            if (ri_per_account[a] > 0)
              {
                const PpAccount *acc = pp_scenario_account (sc, a);

                counter_seen (&c, acc->id, ri_per_account[a], acc->line, "account", acc->id);
              }
          break;
        case PP_QUOTA_PEER_PER_ACCOUNT_REGION:
          /* In connection order, so findings are stable. */
          for (guint i = 0; i < sc->connections->len; i++)
            {
              const PpConnection *conn = pp_scenario_connection (sc, i);
              const PpVpc *req;
              g_autofree char *key = NULL;
              g_autofree char *what = NULL;
              guint n;

              if (conn->type != PP_CONN_VPC_PEER || conn->ends[0].vpc >= nv)
                continue;
              req = pp_scenario_vpc (sc, conn->ends[0].vpc);
              key = g_strdup_printf ("%u\x1f%s", req->account, req->region->id);
              n = GPOINTER_TO_UINT (g_hash_table_lookup (peer_acct, key));
              if (n == 0)
                continue;       /* already reported */
              g_hash_table_insert (peer_acct, g_steal_pointer (&key), GUINT_TO_POINTER (0));
              what = g_strdup_printf ("account %s in %s",
                                      pp_scenario_account (sc, req->account)->id,
                                      req->region->id);
              counter_seen (&c, pp_scenario_account (sc, req->account)->id, n,
                            conn->line, what, NULL);
            }
          break;
        case PP_QUOTA_RI_PAIRS_PER_ROUTER_PAIR:
          for (guint i = 0; i < sc->connections->len; i++)
            {
              const PpConnection *conn = pp_scenario_connection (sc, i);
              guint lo, hi, n;
              char *key;

              if (conn->type != PP_CONN_ROUTER_INTERFACE || conn->ends[0].vpc >= nv ||
                  conn->ends[1].vpc >= nv)
                continue;
              lo = MIN (conn->ends[0].vpc, conn->ends[1].vpc);
              hi = MAX (conn->ends[0].vpc, conn->ends[1].vpc);
              key = g_strdup_printf ("%u-%u", lo, hi);
              n = GPOINTER_TO_UINT (g_hash_table_lookup (pairs, key)) + 1;
              g_hash_table_insert (pairs, key, GUINT_TO_POINTER (n));
              if (n > c.quota->limit || c.usage.object == NULL || n > c.usage.count)
                {
                  g_autofree char *what = g_strdup_printf ("the routers of VPCs %s and %s (connection %s)",
                                                           pp_scenario_vpc (sc, lo)->id,
                                                           pp_scenario_vpc (sc, hi)->id,
                                                           conn->id);
                  counter_seen (&c, conn->id, n, conn->line, what, NULL);
                }
            }
          break;
        case PP_QUOTA_PEER_CROSS_REGION_BANDWIDTH:
        case PP_QUOTA_PEER_CROSS_BORDER_BANDWIDTH:
          for (guint i = 0; i < sc->connections->len; i++)
            {
              const PpConnection *conn = pp_scenario_connection (sc, i);
              gboolean border;

              if (conn->type != PP_CONN_VPC_PEER || conn->ends[0].vpc >= nv ||
                  conn->ends[1].vpc >= nv || conn->bandwidth == 0 || same_region (sc, conn))
                continue;
              border = cross_border (sc, conn);
              if (border != (c.quota->counts == PP_QUOTA_PEER_CROSS_BORDER_BANDWIDTH))
                continue;
              counter_seen (&c, conn->id, conn->bandwidth, conn->line, "VPC peering connection",
                            conn->id);
            }
          break;
        case PP_QUOTA_LAST:
        default:
          g_assert_not_reached ();
        }
      g_array_append_val (out, c.usage);
    }
  return out;
}
