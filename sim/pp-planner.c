/* SPDX-License-Identifier: MIT */
/* pp-planner.c: the steps that build a declarative scenario, run on the
 * engine, and the checks on what was built.
 *
 * DOC: the planner writes a workflow (pp-workflow.h), so the runbook of
 * `peerplan plan` and a workflow of `peerplan run` are the same thing run
 * the same way.  Step ids are "CONNECTION/initiator", "CONNECTION/acceptor",
 * "CONNECTION/peering", "CONNECTION/route-N": later steps read the ids the
 * engine returned through references to them.  One pass over the
 * connections and one over the routes: linear in the scenario's size.
 */
#include "sim/pp-planner.h"
#include "model/pp-check-route.h"
#include "model/pp-check.h"
#include "model/pp-strbuf.h"

#include <string.h>

static const char *
vpc_account (const PpScenario *sc, guint vpc)
{
  return pp_scenario_vpc_account (sc, vpc)->id;
}

static char *
ref (const char *name, const char *field)
{
  return g_strconcat ("${", name, ".", field, "}", NULL);
}

/* @v in decimal at @buf (at least 11 bytes); returns @buf. */
static char *
format_uint (char *buf, guint v)
{
  char tmp[16];
  guint n = 0, i = 0;

  do
    tmp[n++] = (char) ('0' + v % 10);
  while ((v /= 10) != 0);
  while (n > 0)
    buf[i++] = tmp[--n];
  buf[i] = '\0';
  return buf;
}

static PpStep *
call (PpWorkflow *wf, guint line, const char *account, const char *action, const char *id)
{
  PpStep *s = pp_workflow_add_step (wf, PP_STEP_CALL, line);

  s->account = g_strdup (account);
  s->action = g_strdup (action);
  s->id = g_strdup (id);
  return s;
}

static void
add_param (PpStep *s, const char *name, const char *value)
{
  pp_step_params_add (s->params, name, value, s->line);
}

static void
add_param_take (PpStep *s, const char *name, char *value)
{
  pp_step_params_add (s->params, name, value, s->line);
  g_free (value);
}

static void
add_charge (PpStep *s, const PpEnd *end)
{
  switch (end->charge)
    {
    case PP_CHARGE_SUBSCRIPTION:
      add_param (s, "InstanceChargeType", "PrePaid");
      add_param (s, "PricingCycle", end->cycle == PP_CYCLE_YEAR ? "Year" : "Month");
      add_param_take (s, "Period", g_strdup_printf ("%u", end->period ? end->period : 1));
      add_param (s, "AutoPay", "true");
      break;
    case PP_CHARGE_PAY_AS_YOU_GO:
      add_param (s, "InstanceChargeType", "PostPaid");
      break;
    case PP_CHARGE_UNSET:
    case PP_CHARGE_LAST:
    default:
      break;                    /* the API's default: PostPaid */
    }
}

static char *
charge_words (const PpEnd *end)
{
  switch (end->charge)
    {
    case PP_CHARGE_SUBSCRIPTION:
      return g_strdup_printf ("subscription, %u %s%s", end->period ? end->period : 1,
                              end->cycle == PP_CYCLE_YEAR ? "year" : "month",
                              end->period > 1 ? "s" : "");
    case PP_CHARGE_PAY_AS_YOU_GO:
      return g_strdup ("pay-as-you-go");
    case PP_CHARGE_UNSET:
    case PP_CHARGE_LAST:
    default:
      return g_strdup ("no charge type declared: the API's default, pay-as-you-go");
    }
}

/* What end @self of @c names as its opposite interface: the other end's
 * interface unless the scenario declares something else (its own interface,
 * the article's slip, or a literal id). */
static char *
opposite_of (const PpConnection *c, guint self, const char *const ids[2], const char **how)
{
  const PpEnd *end = &c->ends[self];
  const PpEnd *other = &c->ends[1 - self];

  *how = NULL;
  if (end->opposite_interface == NULL)
    return ref (ids[1 - self], "RouterInterfaceId");
  if (other->interface_id != NULL && strcmp (end->opposite_interface, other->interface_id) == 0)
    return ref (ids[1 - self], "RouterInterfaceId");
  if (end->interface_id != NULL && strcmp (end->opposite_interface, end->interface_id) == 0)
    {
      *how = "its own interface, as the scenario declares";
      return ref (ids[self], "RouterInterfaceId");
    }
  *how = "the interface the scenario declares";
  return g_strdup (end->opposite_interface);
}

static void
plan_router_interface (PpWorkflow *wf, const PpScenario *sc, guint ci, char *next_hop[2])
{
  const PpConnection *c = pp_scenario_connection (sc, ci);
  const char *role[2] = { "InitiatingSide", "AcceptingSide" };
  const char *side[2] = { "initiating", "accepting" };
  g_autofree char *id_i = g_strdup_printf ("%s/initiator", c->id);
  g_autofree char *id_a = g_strdup_printf ("%s/acceptor", c->id);
  const char *const ids[2] = { id_i, id_a };
  guint k;

  /* 1, 2: each side creates its interface; the initiator buys. */
  for (k = 0; k < 2; k++)
    {
      const PpEnd *end = &c->ends[k];
      const PpVpc *vpc = pp_scenario_vpc (sc, end->vpc);
      const PpVpc *opp = pp_scenario_vpc (sc, c->ends[1 - k].vpc);
      g_autofree char *words = charge_words (end);
      PpStep *s = call (wf, end->line ? end->line : c->line, vpc_account (sc, end->vpc),
                        "CreateRouterInterface", ids[k]);

      if (k == 0)
        s->note = g_strdup_printf ("%s creates the initiating router interface of %s in %s (%s); "
                                   "the initiating side is the one that buys: %s",
                                   s->account, c->id, vpc->id, vpc->region->id, words);
      else
        s->note = g_strdup_printf ("%s creates the accepting router interface of %s in %s (%s): "
                                   "%s, Spec Negative", s->account, c->id, vpc->id,
                                   vpc->region->id, words);
      add_param (s, "RegionId", vpc->region->id);
      add_param (s, "Role", role[k]);
      add_param (s, "RouterType", "VRouter");
      add_param_take (s, "RouterId", ref (vpc->id, "VRouterId"));
      if (k == 1)
        add_param (s, "Spec", "Negative");
      else if (c->spec != NULL)
        add_param (s, "Spec", c->spec);
      add_param (s, "OppositeRegionId", opp->region->id);
      add_charge (s, end);
      g_ptr_array_add (s->watch, ref (ids[k], "RouterInterfaceId"));
      s->creates = g_strdup ("RouterInterfaceId");
      s->origin = g_strdup (c->id);
    }

  /* 3, 4: each side names the other: interface, router, type, owner. */
  for (k = 0; k < 2; k++)
    {
      const PpEnd *end = &c->ends[k];
      const PpVpc *vpc = pp_scenario_vpc (sc, end->vpc);
      const PpVpc *opp = pp_scenario_vpc (sc, c->ends[1 - k].vpc);
      const char *opp_account = vpc_account (sc, c->ends[1 - k].vpc);
      const char *how = NULL;
      g_autofree char *opposite = opposite_of (c, k, ids, &how);
      gboolean owner_missing = end->opposite_owner != NULL && *end->opposite_owner == '\0';
      PpStep *s = call (wf, end->line ? end->line : c->line, vpc_account (sc, end->vpc),
                        "ModifyRouterInterfaceAttribute", NULL);

      add_param (s, "RegionId", vpc->region->id);
      add_param_take (s, "RouterInterfaceId", ref (ids[k], "RouterInterfaceId"));
      add_param (s, "OppositeInterfaceId", opposite);
      add_param_take (s, "OppositeRouterId", ref (opp->id, "VRouterId"));
      add_param (s, "OppositeRouterType", "VRouter");
      if (end->opposite_owner == NULL)
        add_param_take (s, "OppositeInterfaceOwnerId", ref (opp_account, "Uid"));
      else if (*end->opposite_owner != '\0')
        add_param (s, "OppositeInterfaceOwnerId", end->opposite_owner);
      if (how != NULL)
        s->note = g_strdup_printf ("%s points its %s interface at %s: interface id, router id%s",
                                   s->account, side[k], how,
                                   owner_missing ? " (no owner uid, as the scenario declares)" : " and owner uid");
      else
        s->note = g_strdup_printf ("%s points its %s interface at %s's %s interface: its id, router id%s",
                                   s->account, side[k], opp_account, side[1 - k],
                                   owner_missing ? " (no owner uid, as the scenario declares)" : " and owner uid");
      g_ptr_array_add (s->watch, ref (ids[k], "RouterInterfaceId"));
    }

  /* 5: the initiator connects; both ends turn Active. */
  {
    const PpVpc *vpc = pp_scenario_vpc (sc, c->ends[0].vpc);
    PpStep *s = call (wf, c->line, vpc_account (sc, c->ends[0].vpc),
                      "ConnectRouterInterface", NULL);

    s->note = g_strdup_printf ("%s, the initiating side, connects %s: both ends turn from Idle to Active",
                               s->account, c->id);
    add_param (s, "RegionId", vpc->region->id);
    add_param_take (s, "RouterInterfaceId", ref (id_i, "RouterInterfaceId"));
    g_ptr_array_add (s->watch, ref (id_i, "RouterInterfaceId"));
    g_ptr_array_add (s->watch, ref (id_a, "RouterInterfaceId"));
  }
  next_hop[0] = ref (id_i, "RouterInterfaceId");
  next_hop[1] = ref (id_a, "RouterInterfaceId");
}

static void
plan_vpc_peer (PpWorkflow *wf, const PpScenario *sc, guint ci, char *next_hop[2])
{
  const PpConnection *c = pp_scenario_connection (sc, ci);
  const PpVpc *req = pp_scenario_vpc (sc, c->ends[0].vpc);
  const PpVpc *acc = pp_scenario_vpc (sc, c->ends[1].vpc);
  const char *req_account = vpc_account (sc, c->ends[0].vpc);
  const char *acc_account = vpc_account (sc, c->ends[1].vpc);
  g_autofree char *id = g_strdup_printf ("%s/peering", c->id);
  PpStep *s = call (wf, c->ends[0].line ? c->ends[0].line : c->line, req_account,
                    "CreateVpcPeerConnection", id);
  gboolean cross = strcmp (req_account, acc_account) != 0;

  s->version = g_strdup (PP_API_VERSION_VPCPEER);
  s->note = g_strdup_printf ("%s requests the VPC peering %s from %s (%s) to %s (%s, account %s)%s",
                             req_account, c->id, req->id, req->region->id, acc->id,
                             acc->region->id, acc_account,
                             cross ? ": it waits in Accepting until the accepter accepts"
                                   : ": one account, so it is accepted at once");
  add_param (s, "RegionId", req->region->id);
  add_param_take (s, "VpcId", ref (req->id, "VpcId"));
  add_param_take (s, "AcceptingAliUid", ref (acc_account, "Uid"));
  add_param (s, "AcceptingRegionId", acc->region->id);
  add_param_take (s, "AcceptingVpcId", ref (acc->id, "VpcId"));
  if (c->bandwidth > 0)
    add_param_take (s, "Bandwidth", g_strdup_printf ("%u", c->bandwidth));
  if (c->link_type != NULL)
    add_param (s, "LinkType", c->link_type);
  g_ptr_array_add (s->watch, ref (id, "InstanceId"));
  s->creates = g_strdup ("InstanceId");
  s->origin = g_strdup (c->id);

  if (cross)
    {
      s = call (wf, c->ends[1].line ? c->ends[1].line : c->line, acc_account,
                "AcceptVpcPeerConnection", NULL);
      s->version = g_strdup (PP_API_VERSION_VPCPEER);
      s->note = g_strdup_printf ("%s, the accepter, accepts %s", acc_account, c->id);
      add_param_take (s, "InstanceId", ref (id, "InstanceId"));
      g_ptr_array_add (s->watch, ref (id, "InstanceId"));
    }
  next_hop[0] = ref (id, "InstanceId");
  next_hop[1] = ref (id, "InstanceId");
}

/* The routes whose next hop is each connection, in document order: those
 * of connection c are routes[start[c]] to routes[start[c + 1] - 1].  Two
 * arrays, not one growing array per connection: 1.6 M routes on the
 * largest estate. */
typedef struct {
  guint *start;               /* connections + 1 */
  guint *routes;
} ByConnection;

static void
by_connection_init (ByConnection *by, const PpScenario *sc)
{
  guint n = sc->connections->len;
  g_autofree guint *fill = g_new0 (guint, n + 1);

  by->start = g_new0 (guint, n + 1);
  for (guint i = 0; i < sc->routes->len; i++)
    {
      const PpRoute *r = pp_scenario_route (sc, i);

      if (r->next_hop_kind == PP_NEXT_HOP_CONNECTION && r->next_hop < n)
        by->start[r->next_hop + 1]++;
    }
  for (guint c = 0; c < n; c++)
    by->start[c + 1] += by->start[c];
  memcpy (fill, by->start, (n + 1) * sizeof *fill);
  by->routes = g_new (guint, by->start[n] + 1);
  for (guint i = 0; i < sc->routes->len; i++)
    {
      const PpRoute *r = pp_scenario_route (sc, i);

      if (r->next_hop_kind == PP_NEXT_HOP_CONNECTION && r->next_hop < n)
        by->routes[fill[r->next_hop]++] = i;
    }
}

static void
by_connection_clear (ByConnection *by)
{
  g_clear_pointer (&by->start, g_free);
  g_clear_pointer (&by->routes, g_free);
}

/* The step that adds a route, in buffers of its own that are refilled
 * route after route: a streamed plan runs one step per route of an estate
 * (1.6 million on the largest benchmark) and keeps none.  Its strings are
 * borrowed: the scenario's, constants and the buffers below. */
typedef struct {
  PpStep step;
  GString *id;
  GString *note;
  GString *table;             /* ${VPC.RouteTableId} */
  guint table_vpc;            /* ... of that VPC (PP_NONE: not made yet) */
  GString *watch;             /* ${ID.RouteEntryId} */
  char cidr[PP_CIDR_STRLEN];
} RouteStep;

static void
route_step_init (RouteStep *rs)
{
  memset (rs, 0, sizeof *rs);
  rs->step.kind = PP_STEP_CALL;
  rs->step.action = (char *) "CreateRouteEntry";
  rs->step.creates = (char *) "RouteEntryId";
  rs->step.params = g_array_sized_new (FALSE, TRUE, sizeof (PpStepParam), 5);
  rs->step.expects = g_array_new (FALSE, TRUE, sizeof (PpStepParam));
  rs->step.watch = g_ptr_array_new ();
  rs->step.timeout = PP_WORKFLOW_WAIT_TIMEOUT;
  rs->step.reachable = TRUE;
  rs->id = g_string_new (NULL);
  rs->note = g_string_new (NULL);
  rs->table = g_string_new (NULL);
  rs->watch = g_string_new (NULL);
  rs->table_vpc = PP_NONE;
}

static void
route_step_clear (RouteStep *rs)
{
  g_array_unref (rs->step.params);
  g_array_unref (rs->step.expects);
  g_ptr_array_unref (rs->step.watch);
  g_string_free (rs->id, TRUE);
  g_string_free (rs->note, TRUE);
  g_string_free (rs->table, TRUE);
  g_string_free (rs->watch, TRUE);
}

/* @s becomes ${@name.@field}. */
static void
ref_into (GString *s, const char *name, const char *field)
{
  g_string_truncate (s, 0);
  pp_put_len (s, "${", 2);
  pp_put (s, name);
  pp_put_len (s, ".", 1);
  pp_put (s, field);
  pp_put_len (s, "}", 1);
}

/* @rs's note: what the step does, in words (@end: the end of @ci whose
 * next hop it takes). */
static void
route_step_note (RouteStep *rs, const PpScenario *sc, guint ci, guint route, guint end)
{
  const PpConnection *c = pp_scenario_connection (sc, ci);
  const gboolean ri = c->type == PP_CONN_ROUTER_INTERFACE;
  const PpVpc *vpc = pp_scenario_vpc (sc, pp_scenario_route (sc, route)->vpc);

  g_string_truncate (rs->note, 0);
  pp_put (rs->note, rs->step.account);
  pp_put (rs->note, " adds the route ");
  pp_put (rs->note, rs->cidr);
  pp_put (rs->note, " to ");
  pp_put (rs->note, vpc->id);
  pp_put (rs->note, "'s route table, next hop ");
  pp_put (rs->note, ri ? (end == 0 ? "its initiating router interface"
                                   : "its accepting router interface")
                       : "the peering");
  rs->step.note = rs->note->str;
}

/* @rs becomes the step that adds route @n (0-based) of connection @ci,
 * scenario route @route; its note too when @note (a streamed plan makes
 * it only for a step it hands over whole: route_step_note()).  Returns
 * the end of @ci whose next hop it takes. */
static guint
route_step_fill (RouteStep *rs, const PpScenario *sc, guint ci, guint n, guint route,
                 char *const next_hop[2], gboolean note)
{
  const PpConnection *c = pp_scenario_connection (sc, ci);
  const gboolean ri = c->type == PP_CONN_ROUTER_INTERFACE;
  const PpRoute *r = pp_scenario_route (sc, route);
  const PpVpc *vpc = pp_scenario_vpc (sc, r->vpc);
  char number[16];
  guint end = c->ends[1].vpc == r->vpc ? 1 : 0;
  PpStep *s = &rs->step;
  PpStepParam *p;

  /* by hand, not g_strdup_printf: the format parsing was a tenth of
   * plan's time; and inline appends into buffers that keep their size */
  pp_cidr_format (r->destination, rs->cidr);
  format_uint (number, n + 1);
  g_string_truncate (rs->id, 0);
  pp_put (rs->id, c->id);
  pp_put (rs->id, "/route-");
  pp_put (rs->id, number);
  s->id = rs->id->str;
  s->line = r->line;
  s->account = (char *) vpc_account (sc, r->vpc);
  s->note = NULL;
  if (note)
    route_step_note (rs, sc, ci, route, end);
  if (rs->table_vpc != r->vpc)
    {
      /* the same for every route of a connection's end */
      ref_into (rs->table, vpc->id, "RouteTableId");
      rs->table_vpc = r->vpc;
    }
  ref_into (rs->watch, s->id, "RouteEntryId");
  g_array_set_size (s->params, 5);
  p = &g_array_index (s->params, PpStepParam, 0);
  p[0] = (PpStepParam) { (char *) "RegionId", (char *) vpc->region->id, s->line };
  p[1] = (PpStepParam) { (char *) "RouteTableId", rs->table->str, s->line };
  p[2] = (PpStepParam) { (char *) "DestinationCidrBlock", rs->cidr, s->line };
  p[3] = (PpStepParam) { (char *) "NextHopType", (char *) (ri ? "RouterInterface" : "VpcPeer"), s->line };
  p[4] = (PpStepParam) { (char *) "NextHopId", next_hop[end], s->line };
  g_ptr_array_set_size (s->watch, 0);
  g_ptr_array_add (s->watch, rs->watch->str);
  return end;
}

/* What the references of one end's route steps resolve to: the same for
 * every route of a connection, since nothing but routes is made between
 * them (and neither a table's id nor a next hop's changes with a route),
 * so they are resolved once, not once a route. */
typedef struct {
  guint vpc;                  /* of the table resolved, or PP_NONE */
  char *table;                /* ${VPC.RouteTableId}, or NULL: did not resolve */
  gboolean hop_done;          /* the next hop is looked at */
  gboolean hop_ok;            /* ... and it resolved, or holds no reference */
  char *hop;                  /* the next hop's template resolved, or NULL */
  const char *values[5];      /* for pp_runner_step_resolved() */
} RouteValues;

#define ROUTE_VALUES_INIT { PP_NONE, NULL, FALSE, FALSE, NULL, { NULL } }

static void
route_values_clear (RouteValues *v)
{
  g_free (v->table);
  g_free (v->hop);
  *v = (RouteValues) ROUTE_VALUES_INIT;
}

/* The values of a route step's parameters (route_step_fill()'s, in its
 * order), a route of @vpc's table through @hop; NULL when a reference
 * does not resolve: the runner then resolves it and says why it did not. */
static const char *const *
route_values (RouteValues *v, PpRunner *runner, const PpScenario *sc, guint vpc, const char *hop)
{
  if (v->vpc != vpc)
    {
      g_autofree char *table = ref (pp_scenario_vpc (sc, vpc)->id, "RouteTableId");

      g_free (v->table);
      v->table = pp_runner_resolve (runner, table, NULL);
      v->vpc = vpc;
    }
  if (!v->hop_done)
    {
      v->hop_done = TRUE;
      v->hop = pp_workflow_has_ref (hop) ? pp_runner_resolve (runner, hop, NULL) : NULL;
      v->hop_ok = v->hop != NULL || !pp_workflow_has_ref (hop);
      v->values[4] = v->hop;
    }
  if (v->table == NULL || !v->hop_ok)
    return NULL;
  v->values[1] = v->table;
  return v->values;
}

/* The step of route @n of connection @ci, scenario route @route, appended
 * to @wf with strings of its own. */
static void
plan_route (PpWorkflow *wf, const PpScenario *sc, guint ci, guint n, guint route,
            char *const next_hop[2])
{
  RouteStep rs;
  PpStep *s;

  route_step_init (&rs);
  route_step_fill (&rs, sc, ci, n, route, next_hop, TRUE);
  s = call (wf, rs.step.line, rs.step.account, rs.step.action, rs.step.id);
  s->note = g_strdup (rs.step.note);
  for (guint i = 0; i < rs.step.params->len; i++)
    {
      const PpStepParam *p = &g_array_index (rs.step.params, PpStepParam, i);

      add_param (s, p->name, p->value);
    }
  g_ptr_array_add (s->watch, g_strdup (rs.watch->str));
  s->creates = g_strdup (rs.step.creates);
  route_step_clear (&rs);
}

/* The steps that build connection @ci, routes not included, appended to
 * @wf; @next_hop gets (transfer full) the NextHopId of each end. */
static void
plan_connection (PpWorkflow *wf, const PpScenario *sc, guint ci, char *next_hop[2])
{
  if (pp_scenario_connection (sc, ci)->type == PP_CONN_ROUTER_INTERFACE)
    plan_router_interface (wf, sc, ci, next_hop);
  else
    plan_vpc_peer (wf, sc, ci, next_hop);
}

/* The steps of connection @i (with its routes, @by) appended to @wf. */
static void
derive_connection (PpWorkflow *wf, const PpScenario *sc, guint i, const ByConnection *by)
{
  char *next_hop[2] = { NULL, NULL };

  plan_connection (wf, sc, i, next_hop);
  for (guint n = 0; n < by->start[i + 1] - by->start[i]; n++)
    plan_route (wf, sc, i, n, by->routes[by->start[i] + n], next_hop);
  g_free (next_hop[0]);
  g_free (next_hop[1]);
}

/* The pings of the <expect-reach>es appended to @wf. */
static void
derive_expects (PpWorkflow *wf, const PpScenario *sc)
{
  for (guint i = 0; i < sc->expects->len; i++)
    {
      const PpExpectReach *x = &g_array_index (sc->expects, PpExpectReach, i);
      PpStep *s = pp_workflow_add_step (wf, PP_STEP_REACH, x->line);

      s->from = g_strdup (pp_scenario_instance (sc, x->from)->id);
      s->to = g_strdup (pp_scenario_instance (sc, x->to)->id);
      s->reachable = !x->isolated;
    }
}

static PpWorkflow *
new_workflow (const PpScenario *sc)
{
  PpWorkflow *wf = pp_workflow_new (sc->file);

  wf->name = g_strdup (sc->name);
  return wf;
}

PpWorkflow *
pp_planner_derive (const PpScenario *sc)
{
  ByConnection routes = { NULL, NULL };
  PpWorkflow *wf;

  g_return_val_if_fail (sc != NULL, NULL);

  by_connection_init (&routes, sc);
  wf = new_workflow (sc);
  for (guint i = 0; i < sc->connections->len; i++)
    derive_connection (wf, sc, i, &routes);
  by_connection_clear (&routes);
  derive_expects (wf, sc);
  return wf;
}

/* ------------------------------------------------------------------ */

void
pp_plan_free (PpPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_pointer (&plan->workflow, pp_workflow_free);
  g_clear_pointer (&plan->run, pp_run_result_free);
  g_clear_pointer (&plan->findings, pp_findings_free);
  g_free (plan);
}

gboolean
pp_plan_ok (const PpPlan *plan)
{
  return pp_run_result_ok (plan->run)
         && !pp_findings_any_at_least (plan->findings, PP_SEVERITY_ERROR);
}

/* The scenario's expectations, on what was built (whose instances keep
 * their scenario ids): they belong to the declaration, not to the state
 * the engine exports. */
static void
add_expectations (PpScenario *built, const PpScenario *sc)
{
  for (guint i = 0; i < sc->expects->len; i++)
    {
      const PpExpectReach *x = &g_array_index (sc->expects, PpExpectReach, i);
      PpExpectReach y = { 0, 0, x->line, x->isolated };

      y.from = pp_scenario_lookup (built, PP_KIND_INSTANCE, pp_scenario_instance (sc, x->from)->id);
      y.to = pp_scenario_lookup (built, PP_KIND_INSTANCE, pp_scenario_instance (sc, x->to)->id);
      if (y.from != PP_NONE && y.to != PP_NONE)
        g_array_append_val (built->expects, y);
    }
}

/* The declaration's rules (CIDRs, route tables, connection parameters)
 * on the scenario as written, as `check` reports them, into @findings. */
static void
check_declared (const PpScenario *sc, PpFindings *findings)
{
  g_autoptr(PpRouteTables) declared = pp_route_tables_new (sc);

  pp_check_cidr (sc, findings);
  pp_check_routes (sc, declared, findings);
  pp_check_connections (sc, declared, findings);
}

/* The expectations on what the steps built, then the findings sorted:
 * the rest of check_plan(). */
static void
check_built (PpPlan *plan, const PpScenario *sc)
{
  g_autoptr(PpRouteTables) built = NULL;

  /* NULL only when the scenario expects nothing (PP_PLAN_NO_BUILT) */
  if (plan->run->built != NULL)
    add_expectations (plan->run->built, sc);
  if (plan->run->built != NULL && plan->run->built->expects->len > 0)
    {
      built = pp_route_tables_new (plan->run->built);
      pp_check_expect_reach (plan->run->built, built, plan->findings);
    }
  pp_findings_sort (plan->findings);
}

/* Each rule once, on what it is about: the declaration's on the scenario
 * as written; the expectations on what the steps built. */
static void
check_plan (PpPlan *plan, const PpScenario *sc)
{
  check_declared (sc, plan->findings);
  check_built (plan, sc);
}

/* check_declared() on a thread of its own while the steps run: it reads
 * the scenario alone, as the steps do, and writes findings of its own,
 * which join the plan's after the steps, where check_plan() puts them. */
typedef struct {
  const PpScenario *sc;
  PpFindings *findings;
} Declared;

static gpointer
declared_run (gpointer data)
{
  Declared *d = data;

  check_declared (d->sc, d->findings);
  return NULL;
}

PpPlan *
pp_plan_scenario (const PpScenario *sc, guint64 seed, GError **error)
{
  g_autoptr(PpPlan) plan = g_new0 (PpPlan, 1);
  PpRunOptions opts = { seed, TRUE, TRUE };

  g_return_val_if_fail (sc != NULL, NULL);

  plan->workflow = pp_planner_derive (sc);
  plan->run = pp_workflow_run (plan->workflow, sc, &opts, error);
  if (plan->run == NULL)
    return NULL;
  plan->findings = pp_findings_new ();
  check_plan (plan, sc);
  return g_steal_pointer (&plan);
}

/* Runs the steps of @wf and hands each result to @each; the results are
 * kept in @kept (later steps read them) unless @kept is NULL: then each
 * is freed at once and the step with it. */
static void
run_steps (PpRunner *runner, PpWorkflow *wf, GPtrArray *kept, PpPlanStepFunc each,
           gpointer data)
{
  for (guint i = 0; i < wf->steps->len; i++)
    {
      PpStepResult *r = pp_runner_step (runner, g_ptr_array_index (wf->steps, i));

      each (r, data);
      if (kept != NULL)
        g_ptr_array_add (kept, r);
      else
        {
          pp_runner_forget_call (runner, r->step->id);
          pp_step_result_free (r);
        }
    }
  if (kept == NULL)
    g_ptr_array_set_size (wf->steps, 0);
}

/* The brief of @r, the result of the route step @rs (route @n of
 * connection @ci, scenario route @route) run with @values, its next hop
 * as the step says it @hop_template, into @b; FALSE when @r did not pass
 * as route steps pass: the caller then gets the whole result.  What the
 * brief leaves out, pp_plan_route_view() makes again as @r has it. */
static gboolean
route_brief (PpPlanRoute *b, const PpStepResult *r, const RouteStep *rs, const char *const *values,
             guint ci, guint n, guint route, const char *hop_template)
{
  const PpApiResult *a = r->result;
  const PpStatusNote *note;

  if (values == NULL || r->outcome != PP_OUTCOME_PASSED || r->reason != NULL
      || r->caller_uid == NULL || r->sent == NULL || r->sent->len != rs->step.params->len
      || a == NULL || a->http_status != 200 || a->code != NULL || a->message != NULL
      || a->response != NULL || a->created_field == NULL || a->created_id == NULL
      || strcmp (a->created_field, rs->step.creates) != 0 || a->request_id == NULL
      || r->statuses->len != 1 || r->target != NULL || r->trace != NULL || r->waited != 0
      || r->reached)
    return FALSE;
  note = &g_array_index (r->statuses, PpStatusNote, 0);
  if (note->id == NULL || strcmp (note->id, a->created_id) != 0 || note->source != rs->watch->str)
    return FALSE;
  /* what was sent: each template, or the value given for it */
  for (guint i = 0; i < r->sent->len; i++)
    {
      const PpSentParam *p = &g_array_index (r->sent, PpSentParam, i);
      const PpStepParam *t = &g_array_index (rs->step.params, PpStepParam, i);

      if (p->name != t->name || p->owned != NULL
          || (values[i] != NULL ? p->value != values[i] || p->source != t->value
                                : p->value != t->value || p->source != NULL))
        return FALSE;
    }
  /* route_step_fill()'s order: RouteTableId second, NextHopId last */
  if (r->sent->len != 5 || values[1] == NULL
      || g_strcmp0 (hop_template, g_array_index (rs->step.params, PpStepParam, 4).value) != 0)
    return FALSE;
  *b = (PpPlanRoute) {
    .number = r->number,
    .connection = ci,
    .n = n,
    .route = route,
    .time = r->time,
    .table = values[1],
    .hop_template = hop_template,
    .hop = values[4],
    .caller_uid = r->caller_uid,
    .request_id = a->request_id,
    .created = a->created_id,
    .version = a->version,
    .after_call = note->after_call,
    .settled = note->settled,
  };
  return TRUE;
}

/* Route @n of connection @ci (@c), scenario route @route (@pr), added
 * by pp_runner_add_route() with @values (route_step_fill()'s parameters,
 * resolved) into @added, and its brief in @b, as route_brief() would
 * make it of the step's result (@b borrows @added's RequestId: keep
 * @added while @b is read); FALSE, having run nothing, when the step
 * would not pass as route steps pass: then it runs as a step. */
static gboolean
route_added (PpPlanRoute *b, PpRouteAdded *added, PpRunner *runner, const PpScenario *sc,
             const PpConnection *c, const PpRoute *pr, const char *const *values, guint ci,
             guint n, guint route, const char *hop_template)
{
  const PpCidr dest = pr->destination;
  PpRouteEntryRequest rq;

  /* the destination as its text would parse (pp_cidr_format() writes it) */
  if (dest.family != PP_FAMILY_IPV4 || dest.len > 32 || (dest.addr & ~pp_cidr_mask (dest.len)) != 0)
    return FALSE;
  rq = (PpRouteEntryRequest) {
    pp_scenario_vpc (sc, pr->vpc)->region->id, values[1], NULL,
    c->type == PP_CONN_ROUTER_INTERFACE ? "RouterInterface" : "VpcPeer",
    values[4] != NULL ? values[4] : hop_template, &dest
  };
  if (!pp_runner_add_route (runner, vpc_account (sc, pr->vpc), pr->line, &rq, added))
    return FALSE;
  *b = (PpPlanRoute) {
    .number = added->number,
    .connection = ci,
    .n = n,
    .route = route,
    .time = added->time,
    .table = values[1],
    .hop_template = hop_template,
    .hop = values[4],
    .caller_uid = added->caller_uid,
    .request_id = added->made.request_id,
    .created = added->made.route_entry_id,
    .version = added->version,
    .after_call = added->made.status,
    .settled = added->settled,
  };
  return TRUE;
}

struct _PpPlanRouteView {
  const PpScenario *sc;
  RouteStep rs;
  PpStepResult r;
  PpApiResult answer;
};

PpPlanRouteView *
pp_plan_route_view_new (const PpScenario *sc)
{
  PpPlanRouteView *v;

  g_return_val_if_fail (sc != NULL, NULL);
  v = g_new0 (PpPlanRouteView, 1);
  v->sc = sc;
  route_step_init (&v->rs);
  /* borrowed strings only: no clear functions */
  v->r.sent = g_array_sized_new (FALSE, TRUE, sizeof (PpSentParam), 5);
  v->r.statuses = g_array_sized_new (FALSE, TRUE, sizeof (PpStatusNote), 1);
  return v;
}

void
pp_plan_route_view_free (PpPlanRouteView *v)
{
  if (v == NULL)
    return;
  route_step_clear (&v->rs);
  g_clear_pointer (&v->answer.response, g_variant_unref);
  g_array_unref (v->r.sent);
  g_array_unref (v->r.statuses);
  g_free (v);
}

const PpStepResult *
pp_plan_route_view (PpPlanRouteView *v, const PpPlanRoute *route)
{
  char *hops[2];
  PpStepResult *r;
  PpStatusNote note = { NULL, NULL, NULL, NULL };

  g_return_val_if_fail (v != NULL && route != NULL, NULL);
  hops[0] = hops[1] = (char *) route->hop_template;
  route_step_fill (&v->rs, v->sc, route->connection, route->n, route->route, hops, TRUE);
  r = &v->r;
  r->step = &v->rs.step;
  r->number = route->number;
  r->outcome = PP_OUTCOME_PASSED;
  r->caller_uid = (char *) route->caller_uid;
  g_array_set_size (r->sent, 0);
  for (guint i = 0; i < v->rs.step.params->len; i++)
    {
      const PpStepParam *t = &g_array_index (v->rs.step.params, PpStepParam, i);
      const char *given = i == 1 ? route->table : i == 4 ? route->hop : NULL;
      PpSentParam p = { t->name, given != NULL ? given : t->value, given != NULL ? t->value : NULL, NULL };

      g_array_append_val (r->sent, p);
    }
  /* a reader may have built the answer's GVariant (pp_api_result_response()) */
  g_clear_pointer (&v->answer.response, g_variant_unref);
  v->answer = (PpApiResult) {
    .http_status = 200,
    .request_id = (char *) route->request_id,
    .version = route->version,
    .created_field = v->rs.step.creates,
    .created_id = (char *) route->created,
  };
  r->result = &v->answer;
  note.id = (char *) route->created;
  note.source = v->rs.watch->str;
  note.after_call = route->after_call;
  note.settled = route->settled;
  g_array_set_size (r->statuses, 0);
  g_array_append_val (r->statuses, note);
  r->time = route->time;
  return r;
}

PpPlan *
pp_plan_scenario_stream (const PpScenario *sc, guint64 seed, PpPlanFlags flags,
                         PpFindings *findings, PpPlanStepFunc each, gpointer data,
                         GError **error)
{
  return pp_plan_scenario_stream_routes (sc, seed, flags, findings, each, NULL, data, error);
}

PpPlan *
pp_plan_scenario_stream_routes (const PpScenario *sc, guint64 seed, PpPlanFlags flags,
                                PpFindings *findings, PpPlanStepFunc each,
                                PpPlanRouteFunc each_route, gpointer data, GError **error)
{
  g_autoptr(PpPlanStream) s = NULL;

  g_return_val_if_fail (sc != NULL && each != NULL, NULL);
  s = pp_plan_stream_new (sc, seed, flags, error);
  if (s == NULL)
    {
      pp_findings_free (findings);
      return NULL;
    }
  return pp_plan_stream_run (s, findings, each, each_route, data, error);
}

struct _PpPlanStream {
  const PpScenario *sc;
  PpPlanFlags flags;
  PpRunner *runner;           /* until the plan has run */
};

PpPlanStream *
pp_plan_stream_new (const PpScenario *sc, guint64 seed, PpPlanFlags flags, GError **error)
{
  g_autoptr(PpPlanStream) s = NULL;
  PpRunOptions opts = { seed, TRUE, TRUE, FALSE, FALSE, TRUE };

  g_return_val_if_fail (sc != NULL, NULL);
  /* the routes of what was built only for the reach checks or a caller
   * that asks, and without their ids, which nothing a plan reads names */
  opts.built_no_routes = sc->expects->len == 0 && !(flags & PP_PLAN_BUILT_ROUTES);
  opts.no_built = sc->expects->len == 0 && (flags & PP_PLAN_NO_BUILT);
  s = g_new0 (PpPlanStream, 1);
  s->sc = sc;
  s->flags = flags;
  s->runner = pp_runner_new (sc, &opts, error);
  if (s->runner == NULL)
    return NULL;
  return g_steal_pointer (&s);
}

void
pp_plan_stream_free (PpPlanStream *s)
{
  if (s == NULL)
    return;
  g_clear_pointer (&s->runner, pp_runner_free);
  g_free (s);
}

PpPlan *
pp_plan_stream_run (PpPlanStream *s, PpFindings *findings, PpPlanStepFunc each,
                    PpPlanRouteFunc each_route, gpointer data, GError **error)
{
  g_autoptr(PpPlan) plan = g_new0 (PpPlan, 1);
  const PpScenario *sc;
  PpRunner *runner;
  ByConnection routes = { NULL, NULL };
  g_autoptr(PpWorkflow) head = NULL;
  g_autoptr(PpWorkflow) one = NULL;
  RouteStep rs;
  RouteValues values[2] = { ROUTE_VALUES_INIT, ROUTE_VALUES_INIT };
  Declared declared;
  GThread *declared_thread;

  plan->findings = findings != NULL ? findings : pp_findings_new ();
  g_return_val_if_fail (s != NULL && s->runner != NULL && each != NULL, NULL);
  sc = s->sc;
  runner = s->runner;
  /* A connection's steps refer only to each other and to the scenario's
   * objects, and nothing refers to a route's step: one connection's steps
   * and answers at a time, then one route's. */
  declared.sc = sc;
  declared.findings = pp_findings_new ();
  declared_thread = g_thread_new ("pp-checks", declared_run, &declared);
  by_connection_init (&routes, sc);
  head = new_workflow (sc);
  one = new_workflow (sc);
  route_step_init (&rs);
  for (guint i = 0; i < sc->connections->len; i++)
    {
      g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_step_result_free);
      char *next_hop[2] = { NULL, NULL };
      const PpConnection *c = pp_scenario_connection (sc, i);
      /* a route step that passes told in brief without being made (ids
       * with a dot change how references read: those take the step's path) */
      const gboolean added_ok = each_route != NULL && strchr (c->id, '.') == NULL;

      plan_connection (head, sc, i, next_hop);
      run_steps (runner, head, kept, each, data);
      for (guint n = 0; n < routes.start[i + 1] - routes.start[i]; n++)
        {
          guint route = routes.routes[routes.start[i] + n];
          const PpRoute *pr = pp_scenario_route (sc, route);
          guint end = c->ends[1].vpc == pr->vpc ? 1 : 0;
          const char *const *given = route_values (&values[end], runner, sc, pr->vpc, next_hop[end]);
          PpStepResult *r;
          PpPlanRoute brief;
          PpRouteAdded added;

          if (added_ok && given != NULL
              && route_added (&brief, &added, runner, sc, c, pr, given, i, n, route, next_hop[end]))
            {
              each_route (&brief, data);
              continue;
            }
          /* the note only for a step handed over whole */
          route_step_fill (&rs, sc, i, n, route, next_hop, each_route == NULL);
          r = pp_runner_step_once (runner, &rs.step, given);
          if (each_route != NULL && route_brief (&brief, r, &rs, given, i, n, route, next_hop[end]))
            each_route (&brief, data);
          else
            {
              if (rs.step.note == NULL)
                route_step_note (&rs, sc, i, route, end);
              each (r, data);
            }
          pp_runner_recycle (runner, r);
        }
      route_values_clear (&values[0]);
      route_values_clear (&values[1]);
      g_free (next_hop[0]);
      g_free (next_hop[1]);
      pp_runner_forget_calls (runner);
      g_clear_pointer (&kept, g_ptr_array_unref);
      g_ptr_array_set_size (head->steps, 0);
    }
  by_connection_clear (&routes);
  route_step_clear (&rs);
  derive_expects (one, sc);
  run_steps (runner, one, NULL, each, data);
  plan->run = pp_runner_finish (runner, error);
  g_thread_join (declared_thread);
  if (plan->run == NULL)
    {
      pp_findings_free (declared.findings);
      return NULL;
    }
  if (s->flags & PP_PLAN_STEPS_DONE)
    each (NULL, data);
  g_clear_pointer (&s->runner, pp_runner_free);  /* the engine, before the expectations' tables */
  pp_findings_take (plan->findings, declared.findings);
  pp_findings_free (declared.findings);
  check_built (plan, sc);
  return g_steal_pointer (&plan);
}
