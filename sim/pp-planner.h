/* SPDX-License-Identifier: MIT */
/* pp-planner.h: from a declarative scenario to the ordered API calls that
 * build it, run on the engine (the runbook of `peerplan plan`).
 *
 * For each connection, in document order:
 *  - router-interface (the article, ../shared/seed/WORKFLOW.md): the
 *    initiator's account creates the initiating interface (the side that
 *    buys: InstanceChargeType PrePaid with PricingCycle and Period when it
 *    is a subscription), the acceptor's account creates the accepting one
 *    (Spec Negative), each side sets the other's interface id, router id,
 *    router type and owner uid (ModifyRouterInterfaceAttribute), the
 *    initiator connects, then each side adds its routes (NextHopType
 *    RouterInterface);
 *  - vpc-peer: the requester creates the peering, the accepter accepts it
 *    when the two VPCs belong to different accounts, then the routes
 *    (NextHopType VpcPeer).
 * Routes declared in a VPC's <route-table> with a connection as next hop
 * are added with that connection's routes.  Then each <expect-reach> is a
 * check step (a ping, both ways).
 *
 * Every connection is planned from scratch, whatever status it declares
 * (a scenario exported by `serve` describes connections that exist; its
 * runbook is how to build them again).
 *
 * What a scenario declares is reproduced, mistakes included: an end whose
 * opposite-interface names its own interface gets its own id in the
 * Modify step, an empty opposite-owner leaves OppositeInterfaceOwnerId
 * out, an acceptor bought as a subscription is created PrePaid.  So the
 * plan fails at the step where the real service would fail, with its code.
 *
 * Steps refer to the results of earlier steps by reference
 * (`${tokyo-sv/initiator.RouterInterfaceId}`) and to the scenario's objects
 * (`${vpc-tokyo.VRouterId}`, `${B.Uid}`), as workflows do.  Nothing here
 * prints.
 */
#pragma once

#include <glib.h>
#include "model/pp-finding.h"
#include "model/pp-scenario.h"
#include "sim/pp-workflow.h"

G_BEGIN_DECLS

/**
 * pp_planner_derive:
 * @sc: (transfer none) the scenario; the workflow borrows nothing from it.
 *
 * Returns: (transfer full) the ordered steps as a workflow whose scenario
 * is NULL (the caller keeps @sc).  Never fails: what cannot be built gives
 * a step that fails when run.
 */
PpWorkflow *pp_planner_derive (const PpScenario *sc);

typedef struct {
  PpWorkflow *workflow;       /* the derived steps (scenario borrowed: NULL) */
  PpRunResult *run;           /* their results; run->built is the built state */
  PpFindings *findings;       /* the declaration's rules on it, the expectations on the
                                 built scenario, sorted; pricing's join them in the CLI */
} PpPlan;

void     pp_plan_free (PpPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpPlan, pp_plan_free)

/* TRUE when every step and check passed and no finding is an error. */
gboolean pp_plan_ok (const PpPlan *plan);

/**
 * pp_plan_scenario:
 * @sc: (transfer none) the scenario (must outlive the plan).
 * @seed: the engine's seed (PP_RUN_DEFAULT_SEED).
 *
 * Derives the steps, runs them on a new engine (the clock settled after
 * each call, so each step shows its transient and final status; later
 * steps still run after a failure) and checks, each rule once: the
 * declaration's rules (cidr-*, route-*, ri-*, peer-*) on @sc as written,
 * as `peerplan check` reports them, and the expectations (reach-*) on
 * what the steps built.  The engine keeps the scenario's ids and lines for
 * what it loads and for what each step creates, so what was built reads
 * like the scenario (run->built, with @sc's expectations).
 *
 * Returns: (transfer full) the plan, or NULL with a GError when the
 * scenario cannot be loaded into the engine.
 */
PpPlan  *pp_plan_scenario (const PpScenario *sc, guint64 seed, GError **error);

typedef enum {
  PP_PLAN_NONE = 0,
  /* run->built keeps its custom routes even when no check reads them */
  PP_PLAN_BUILT_ROUTES = 1 << 0,
  /* run->built is NULL when no check reads it (the caller reads nothing
   * of it): the engine's state is not exported at the end, when the
   * engine is largest */
  PP_PLAN_NO_BUILT = 1 << 1,
  /* @each is called once more, with NULL, after the last step, before
   * the engine is freed and the plan checked: the caller can start work
   * of its own meanwhile (work that keeps little in memory: the engine is
   * at its largest) */
  PP_PLAN_STEPS_DONE = 1 << 2,
} PpPlanFlags;

/* Called with each step's result as soon as it is made; both are freed
 * once it returns.  @r is NULL once, at the end, with PP_PLAN_STEPS_DONE. */
typedef void (*PpPlanStepFunc) (const PpStepResult *r, gpointer user_data);

/* A route step of a streamed plan that passed as route steps pass (its
 * answer the new entry's id, that entry's status noted after the call
 * and once settled), in brief: what its step and result say that the
 * scenario does not.  The strings are valid during the call only: a
 * caller that writes the step later (on another thread) copies them, and
 * makes the step and its result again with pp_plan_route_view(). */
typedef struct {
  guint number;               /* the step's, from 1 */
  guint connection;           /* the scenario's connection it belongs to */
  guint n;                    /* its place among that connection's routes, from 0 */
  guint route;                /* the scenario's route */
  gint64 time;                /* the clock when the step ended */
  const char *table;          /* RouteTableId as sent */
  const char *hop_template;   /* NextHopId as the step says it */
  const char *hop;            /* NextHopId as sent; NULL: the template, which has no reference */
  const char *caller_uid;
  const char *request_id;
  const char *created;        /* the new RouteEntryId */
  const char *version;        /* the API version that answered (static) */
  const char *after_call;     /* the entry's status after the call and once */
  const char *settled;        /* settled (static: pp_engine_status()) */
} PpPlanRoute;

typedef void (*PpPlanRouteFunc) (const PpPlanRoute *route, gpointer user_data);

/* Makes the route steps of briefs again: one step and result at a time. */
typedef struct _PpPlanRouteView PpPlanRouteView;

/* A view of the routes of @sc (borrowed; only read, so views on other
 * threads than the plan's may read it while the plan runs). */
PpPlanRouteView    *pp_plan_route_view_new (const PpScenario *sc);
void                pp_plan_route_view_free (PpPlanRouteView *v);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpPlanRouteView, pp_plan_route_view_free)
/* The step and result @route stands for, as the plan made them (the same
 * text, JSON and Markdown in every runbook): valid until the next call
 * or the view's end, and they borrow @route's strings. */
const PpStepResult *pp_plan_route_view (PpPlanRouteView *v, const PpPlanRoute *route);

/**
 * pp_plan_scenario_stream:
 * @findings: (transfer full) (nullable): where the plan's findings go,
 *   after those already there (pricing's); NULL = a new list.
 * @each: called with every step's result, in order.
 *
 * The same plan as pp_plan_scenario(), the same steps and results, but
 * derived and run one connection at a time, each result handed to @each
 * and then freed: memory holds one connection's steps, not the runbook.
 * The plan's workflow is then NULL and run->steps empty (run->counts
 * hold the outcomes); the findings are as pp_plan_scenario()'s, and so is
 * run->built, except that it has no custom routes when @sc expects
 * nothing of reachability (no check reads them) unless @flags has
 * PP_PLAN_BUILT_ROUTES (a caller that draws it), and run->built is NULL
 * then if @flags has PP_PLAN_NO_BUILT.  Its routes have no ids (nothing a
 * plan reads of them names a route by its id).
 */
PpPlan  *pp_plan_scenario_stream (const PpScenario *sc, guint64 seed, PpPlanFlags flags,
                                  PpFindings *findings, PpPlanStepFunc each,
                                  gpointer user_data, GError **error);
/* The same in two parts: the engine loaded with @sc (the slower part of
 * the start, which a caller can overlap with work of its own, such as
 * pricing), then the plan run, once.  pp_plan_stream_run() takes
 * @findings (transfer full) and the other arguments of
 * pp_plan_scenario_stream_routes(). */
typedef struct _PpPlanStream PpPlanStream;

PpPlanStream *pp_plan_stream_new (const PpScenario *sc, guint64 seed, PpPlanFlags flags,
                                  GError **error);
PpPlan       *pp_plan_stream_run (PpPlanStream *s, PpFindings *findings, PpPlanStepFunc each,
                                  PpPlanRouteFunc each_route, gpointer user_data,
                                  GError **error);
void          pp_plan_stream_free (PpPlanStream *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpPlanStream, pp_plan_stream_free)

/* The same, with each route step that passed as route steps pass
 * handed to @each_route (nullable: to @each) in brief instead of @each:
 * a caller that writes steps on another thread copies a brief at a
 * fraction of the cost of writing the step. */
PpPlan  *pp_plan_scenario_stream_routes (const PpScenario *sc, guint64 seed, PpPlanFlags flags,
                                         PpFindings *findings, PpPlanStepFunc each,
                                         PpPlanRouteFunc each_route, gpointer user_data,
                                         GError **error);

G_END_DECLS
