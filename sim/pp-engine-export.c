/* SPDX-License-Identifier: MIT */
/* pp-engine-export.c: the engine's current state as a model scenario
 * (pp_engine_to_scenario), so that the model's checks, reachability and
 * rendering run on what the API calls built.
 *
 * Order: accounts in the order they were added; each account's VPCs in
 * creation order, then vSwitches grouped by VPC and instances grouped by
 * vSwitch (the scenario's contiguity invariant); connections in the order
 * their first resource was created; routes in creation order.  Each object
 * carries the line the scenario declares it at (loaded, or recorded by
 * pp_engine_set_origin); connections the id of the scenario connection
 * their resources stand for, else their first resource's id.
 */

#include "sim/pp-engine-private.h"

#include <string.h>

typedef struct {
  PpEngine *e;
  PpScenario *sc;
  GHashTable *vpc_index;      /* Vpc* -> index + 1 */
  GHashTable *conn_index;     /* Ri* / Peer* -> connection index + 1 */
  GHashTable *inst_index;     /* Instance* -> index + 1 */
} Export;

static guint
index_of (GHashTable *h, gconstpointer p)
{
  guint i = GPOINTER_TO_UINT (g_hash_table_lookup (h, p));

  return i == 0 ? PP_NONE : i - 1;
}

static const char *
intern_or_null (PpScenario *sc, const char *s)
{
  return s != NULL && *s != '\0' ? pp_scenario_intern (sc, s) : NULL;
}

static void
ri_end (Export *x, PpEnd *end, Vpc *vpc, Ri *ri)
{
  memset (end, 0, sizeof *end);
  end->vpc = index_of (x->vpc_index, vpc);
  end->charge = PP_CHARGE_UNSET;
  end->cycle = PP_CYCLE_MONTH;
  if (ri == NULL)
    return;
  end->charge = ri->prepaid ? PP_CHARGE_SUBSCRIPTION : PP_CHARGE_PAY_AS_YOU_GO;
  end->period = ri->prepaid ? ri->period : 0;
  end->cycle = ri->yearly ? PP_CYCLE_YEAR : PP_CYCLE_MONTH;
  end->line = ri->r.line;
  end->interface_id = pp_scenario_intern (x->sc, ri->r.id);
  end->opposite_interface = intern_or_null (x->sc, ri->opp_interface_id);
  /* Unset in the engine is "declared empty" in the model: the state is
   * known, and it has no owner. */
  end->opposite_owner = pp_scenario_intern (x->sc, ri->opp_owner);
}

/* The id a connection is exported under: the scenario connection its
 * resources stand for (pp_engine_set_origin), else @a's own id. */
static const char *
connection_id (Export *x, Res *a, Res *b)
{
  const char *origin = pp_res_origin (x->e, a);

  if (origin == NULL && b != NULL)
    origin = pp_res_origin (x->e, b);
  if (origin != NULL)
    return pp_scenario_intern (x->sc, origin);
  return pp_scenario_intern (x->sc, a->id);
}

static void
add_connection (Export *x, PpConnection *conn, Res *a, Res *b)
{
  guint idx = x->sc->connections->len;

  g_array_append_vals (x->sc->connections, conn, 1);
  pp_scenario_register (x->sc, PP_KIND_CONNECTION, conn->id, idx);
  if (a != NULL)
    g_hash_table_insert (x->conn_index, a, GUINT_TO_POINTER (idx + 1));
  if (b != NULL)
    g_hash_table_insert (x->conn_index, b, GUINT_TO_POINTER (idx + 1));
}

/* @init's counterpart: the interface it is connected to, else the acceptor
 * it names, else the first acceptor that names it (@naming: opposite id ->
 * acceptor); never one already paired (@used). */
static Ri *
find_acceptor (PpEngine *e, Ri *init, GHashTable *used, GHashTable *naming)
{
  Ri *j;

  if (init->peer != NULL)
    return init->peer;
  j = (Ri *) pp_res_lookup (e, init->opp_interface_id, RES_RI);
  if (j != NULL && !j->initiator && j->peer == NULL && !g_hash_table_contains (used, j))
    return j;
  j = g_hash_table_lookup (naming, init->r.id);
  if (j != NULL && j->peer == NULL && !g_hash_table_contains (used, j))
    return j;
  return NULL;
}

static void
export_connections (PpEngine *e, Export *x)
{
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) naming = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *ris = e->res[RES_RI];
  GPtrArray *peers = e->res[RES_PEER];
  guint i;

  for (i = ris->len; i > 0; i--)
    {
      Ri *ri = g_ptr_array_index (ris, i - 1);
      if (!ri->r.gone && !ri->initiator && ri->opp_interface_id[0] != '\0')
        g_hash_table_insert (naming, ri->opp_interface_id, ri);
    }

  for (i = 0; i < ris->len; i++)
    {
      Ri *ri = g_ptr_array_index (ris, i);
      PpConnection conn;
      Ri *acc;
      Vpc *acc_vpc;

      if (ri->r.gone || !ri->initiator)
        continue;
      acc = find_acceptor (e, ri, used, naming);
      acc_vpc = acc != NULL ? acc->vpc : g_hash_table_lookup (e->by_vrouter, ri->opp_router_id);
      if (acc_vpc == NULL || acc_vpc->r.gone)
        continue;
      memset (&conn, 0, sizeof conn);
      conn.id = connection_id (x, &ri->r, acc != NULL ? &acc->r : NULL);
      conn.type = PP_CONN_ROUTER_INTERFACE;
      conn.spec = pp_scenario_intern (x->sc, ri->spec);
      /* One status for the pair: the initiator's, unless it is Active and
       * the acceptor is not (then traffic does not flow: the acceptor's). */
      conn.status = pp_scenario_intern (x->sc, acc != NULL && strcmp (ri->r.status, "Active") == 0
                                               ? acc->r.status : ri->r.status);
      ri_end (x, &conn.ends[0], ri->vpc, ri);
      ri_end (x, &conn.ends[1], acc_vpc, acc);
      conn.line = conn.ends[0].line;
      if (acc != NULL)
        g_hash_table_add (used, acc);
      add_connection (x, &conn, &ri->r, acc != NULL ? &acc->r : NULL);
    }
  /* Acceptors no initiator claims: the initiating VPC is the one of the
   * router they name. */
  for (i = 0; i < ris->len; i++)
    {
      Ri *ri = g_ptr_array_index (ris, i);
      PpConnection conn;
      Vpc *init_vpc;

      if (ri->r.gone || ri->initiator || g_hash_table_contains (used, ri))
        continue;
      init_vpc = g_hash_table_lookup (e->by_vrouter, ri->opp_router_id);
      if (init_vpc == NULL || init_vpc->r.gone)
        continue;
      memset (&conn, 0, sizeof conn);
      conn.id = connection_id (x, &ri->r, NULL);
      conn.type = PP_CONN_ROUTER_INTERFACE;
      conn.status = pp_scenario_intern (x->sc, ri->r.status);
      ri_end (x, &conn.ends[0], init_vpc, NULL);
      ri_end (x, &conn.ends[1], ri->vpc, ri);
      conn.line = conn.ends[1].line;
      add_connection (x, &conn, &ri->r, NULL);
    }
  for (i = 0; i < peers->len; i++)
    {
      Peer *p = g_ptr_array_index (peers, i);
      PpConnection conn;

      if (p->r.gone)
        continue;
      memset (&conn, 0, sizeof conn);
      conn.id = connection_id (x, &p->r, NULL);
      conn.line = p->r.line;
      conn.type = PP_CONN_VPC_PEER;
      conn.bandwidth = p->bandwidth > 0 ? (guint) p->bandwidth : 0;
      conn.link_type = intern_or_null (x->sc, p->link_type);
      conn.status = pp_scenario_intern (x->sc, p->r.status);
      ri_end (x, &conn.ends[0], p->vpc, NULL);
      ri_end (x, &conn.ends[1], p->accepting_vpc, NULL);
      conn.ends[0].line = p->r.line;
      add_connection (x, &conn, &p->r, NULL);
    }
}

/* How @route (and @names) name the next hop @re names. */
static void
route_next_hop (PpEngine *e, Export *x, const RouteEntry *re, PpRoute *route, PpRouteNames *names)
{
  Res *hop = pp_index_lookup (e, re->next_hop_id);

  route->next_hop = PP_NONE;
  names->next_hop_name = NULL;
  if (hop != NULL && (hop->kind == RES_RI || hop->kind == RES_PEER)
      && index_of (x->conn_index, hop) != PP_NONE)
    {
      route->next_hop_kind = PP_NEXT_HOP_CONNECTION;
      route->next_hop = index_of (x->conn_index, hop);
    }
  else if (hop != NULL && hop->kind == RES_INSTANCE)
    {
      route->next_hop_kind = PP_NEXT_HOP_INSTANCE;
      route->next_hop = index_of (x->inst_index, hop);
    }
  else
    {
      g_autofree char *name = g_strdup_printf ("%s:%s", pp_route_type (e, re), re->next_hop_id);
      route->next_hop_kind = PP_NEXT_HOP_OTHER;
      names->next_hop_name = pp_scenario_intern (x->sc, name);
    }
}

/* Route entries come in creation order, a VPC's and a next hop's one
 * after the other: the previous entry's VPC and next hop are reused rather
 * than looked up again in the engine's index (1.6 M ids on the largest
 * estate).  Their ids, when @ids, are kept, not interned: each is
 * unique, and the interning table would cost a slot and a lookup apiece. */
static void
export_routes (PpEngine *e, Export *x, gboolean ids)
{
  PpRouteIter it = { 0, 0 };
  const RouteEntry *prev = NULL;
  PpRoute route;
  PpRouteNames names = { NULL, NULL, NULL };
  RouteEntry *re;

  memset (&route, 0, sizeof route);
  while ((re = pp_route_next (e, &it)) != NULL)
    {
      if (re->r.gone || re->system || re->vpc->r.gone)
        continue;
      if (prev == NULL || re->vpc != prev->vpc)
        route.vpc = index_of (x->vpc_index, re->vpc);
      if (prev == NULL || re->next_hop_id != prev->next_hop_id
          || re->next_hop_type != prev->next_hop_type)
        route_next_hop (e, x, re, &route, &names);
      prev = re;
      route.destination = re->dest;
      names.id = ids ? pp_scenario_keep (x->sc, re->r.id) : NULL;
      route.line = re->r.line;
      pp_scenario_add_route (x->sc, &route, &names);
    }
}

PpScenario *
pp_engine_to_scenario (PpEngine *e, const char *name, GError **error)
{
  return pp_engine_to_scenario_full (e, name, PP_EXPORT_ROUTES | PP_EXPORT_ROUTE_IDS, error);
}

PpScenario *
pp_engine_to_scenario_full (PpEngine *e, const char *name, PpExportFlags flags, GError **error)
{
  g_autoptr(PpScenario) sc = NULL;
  Export x;
  GPtrArray *vpcs = e->res[RES_VPC];
  GPtrArray **by_account;
  guint a, i, j, k;

  g_return_val_if_fail (e != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  sc = pp_scenario_new ("<engine>");
  if (sc == NULL)
    {
      g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_FAILED, "cannot create a scenario");
      return NULL;
    }
  sc->name = pp_scenario_intern (sc, name != NULL ? name
                                     : e->scenario_name != NULL ? e->scenario_name : "engine");
  if (e->scenario_file != NULL)
    {
      sc->file = pp_scenario_intern (sc, e->scenario_file);
      sc->line = e->scenario_line;
    }
  x.e = e;
  x.sc = sc;
  x.vpc_index = g_hash_table_new (NULL, NULL);
  x.conn_index = g_hash_table_new (NULL, NULL);
  x.inst_index = g_hash_table_new (NULL, NULL);

  for (a = 0; a < e->accounts->len; a++)
    {
      Account *acc = g_ptr_array_index (e->accounts, a);
      PpAccount pa;

      memset (&pa, 0, sizeof pa);
      pa.id = pp_scenario_intern (sc, acc->id);
      pa.uid = pp_scenario_intern (sc, acc->uid);
      pa.access_key_id = pp_scenario_intern (sc, acc->ak_id);
      pa.access_key_secret = pp_scenario_intern (sc, acc->ak_secret);
      pa.line = acc->line;
      g_array_append_val (sc->accounts, pa);
      pp_scenario_register (sc, PP_KIND_ACCOUNT, pa.id, a);
    }
  /* VPCs grouped by account, in creation order within each. */
  by_account = g_new0 (GPtrArray *, e->accounts->len + 1);
  for (a = 0; a < e->accounts->len; a++)
    by_account[a] = g_ptr_array_new ();
  for (i = 0; i < vpcs->len; i++)
    {
      Vpc *v = g_ptr_array_index (vpcs, i);
      if (!v->r.gone)
        g_ptr_array_add (by_account[v->r.account], v);
    }
  for (a = 0; a < e->accounts->len; a++)
    {
      for (i = 0; i < by_account[a]->len; i++)
        {
          Vpc *v = g_ptr_array_index (by_account[a], i);
          PpVpc pv;

          memset (&pv, 0, sizeof pv);
          pv.id = pp_scenario_intern (sc, v->r.id);
          pv.name = intern_or_null (sc, v->name != NULL && strcmp (v->name, v->r.id) != 0 ? v->name : NULL);
          pv.account = a;
          pv.region = v->region;
          pv.cidr = v->cidr;
          pv.vrouter_id = pp_scenario_intern (sc, v->vrouter_id);
          pv.route_table_id = pp_scenario_intern (sc, v->route_table_id);
          pv.first_vswitch = sc->vswitches->len;
          pv.line = v->r.line;
          g_hash_table_insert (x.vpc_index, v, GUINT_TO_POINTER (sc->vpcs->len + 1));
          pp_scenario_register (sc, PP_KIND_VPC, pv.id, sc->vpcs->len);
          for (j = 0; j < v->vswitches->len; j++)
            {
              VSwitch *s = g_ptr_array_index (v->vswitches, j);
              PpVSwitch ps;

              memset (&ps, 0, sizeof ps);
              ps.id = pp_scenario_intern (sc, s->r.id);
              ps.vpc = sc->vpcs->len;
              ps.zone = pp_scenario_intern (sc, s->zone);
              ps.cidr = s->cidr;
              ps.first_instance = sc->instances->len;
              ps.line = s->r.line;
              for (k = 0; k < s->instances->len; k++)
                {
                  Instance *in = g_ptr_array_index (s->instances, k);
                  PpInstance pi;

                  memset (&pi, 0, sizeof pi);
                  pi.id = pp_scenario_intern (sc, in->r.id);
                  pi.vswitch = sc->vswitches->len;
                  pi.ip = in->ip;
                  pi.line = in->r.line;
                  g_hash_table_insert (x.inst_index, in, GUINT_TO_POINTER (sc->instances->len + 1));
                  pp_scenario_register (sc, PP_KIND_INSTANCE, pi.id, sc->instances->len);
                  g_array_append_val (sc->instances, pi);
                  ps.n_instances++;
                }
              pp_scenario_register (sc, PP_KIND_VSWITCH, ps.id, sc->vswitches->len);
              g_array_append_val (sc->vswitches, ps);
              pv.n_vswitches++;
            }
          g_array_append_val (sc->vpcs, pv);
        }
      g_ptr_array_unref (by_account[a]);
    }
  g_free (by_account);
  export_connections (e, &x);
  if (flags & PP_EXPORT_ROUTES)
    export_routes (e, &x, (flags & PP_EXPORT_ROUTE_IDS) != 0);
  g_hash_table_unref (x.vpc_index);
  g_hash_table_unref (x.conn_index);
  g_hash_table_unref (x.inst_index);
  return g_steal_pointer (&sc);
}
