/* SPDX-License-Identifier: MIT */
/* test-planner.c: the planner's steps, plans run on the engine (the article,
 * hub and spoke, the article's slips declared in a scenario), the workflow
 * reader's refusals (file:line) and the runner's semantics. */
#include "tests/testutils.h"
#include "model/pp-error.h"
#include "model/pp-scenario-xml.h"
#include "model/pp-xml.h"
#include "sim/pp-planner.h"
#include "sim/pp-sim-error.h"
#include "sim/pp-workflow.h"

#include <string.h>

static PpScenario *
load (const char *rel)
{
  g_autofree char *path = pp_test_srcpath (rel);
  g_autoptr(GError) error = NULL;
  PpScenario *sc = pp_scenario_load_file (path, NULL, &error);

  ck_assert_msg (sc != NULL, "%s: %s", rel, error ? error->message : "?");
  return sc;
}

/* The article with one attribute changed: @from replaced by @to. */
static PpScenario *
article_with (const char *from, const char *to)
{
  g_autofree char *xml = pp_test_read ("data/examples/article.xml");
  g_autofree char *changed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = g_strsplit (xml, from, 2);
  PpScenario *sc;

  ck_assert_msg (parts[1] != NULL, "'%s' is not in the article", from);
  changed = g_strconcat (parts[0], to, parts[1], NULL);
  bytes = g_bytes_new (changed, strlen (changed));
  sc = pp_scenario_load_bytes (bytes, "article-variant.xml", NULL, &error);
  ck_assert_msg (sc != NULL, "%s", error ? error->message : "?");
  return sc;
}

static const PpStep *
step (const PpWorkflow *wf, guint i)
{
  ck_assert_uint_lt (i, wf->steps->len);
  return g_ptr_array_index (wf->steps, i);
}

static const PpStepResult *
result (const PpPlan *plan, guint i)
{
  ck_assert_uint_lt (i, plan->run->steps->len);
  return g_ptr_array_index (plan->run->steps, i);
}

/* --- the steps the planner derives --- */

static const struct {
  const char *account;
  const char *action;
} article_steps[] = {
  { "A", "CreateRouterInterface" },
  { "B", "CreateRouterInterface" },
  { "A", "ModifyRouterInterfaceAttribute" },
  { "B", "ModifyRouterInterfaceAttribute" },
  { "A", "ConnectRouterInterface" },
  { "A", "CreateRouteEntry" },
  { "B", "CreateRouteEntry" },
  { NULL, NULL },             /* ping ecs-a -> ecs-b */
  { NULL, NULL },             /* ping ecs-b -> ecs-a */
};

START_TEST (test_derive_article_order)
{
  g_autoptr(PpScenario) sc = load ("data/examples/article.xml");
  g_autoptr(PpWorkflow) wf = pp_planner_derive (sc);
  const PpStep *s = step (wf, _i);

  ck_assert_uint_eq (wf->steps->len, G_N_ELEMENTS (article_steps));
  if (article_steps[_i].action == NULL)
    {
      ck_assert_int_eq (s->kind, PP_STEP_REACH);
      ck_assert_str_eq (s->from, _i == 7 ? "ecs-a" : "ecs-b");
      ck_assert_str_eq (s->to, _i == 7 ? "ecs-b" : "ecs-a");
      return;
    }
  ck_assert_int_eq (s->kind, PP_STEP_CALL);
  ck_assert_str_eq (s->account, article_steps[_i].account);
  ck_assert_str_eq (s->action, article_steps[_i].action);
}
END_TEST

START_TEST (test_derive_article_params)
{
  g_autoptr(PpScenario) sc = load ("data/examples/article.xml");
  g_autoptr(PpWorkflow) wf = pp_planner_derive (sc);
  const GArray *p;

  /* A buys: subscription, one month. */
  p = step (wf, 0)->params;
  ck_assert_str_eq (pp_step_params_get (p, "Role"), "InitiatingSide");
  ck_assert_str_eq (pp_step_params_get (p, "RegionId"), "ap-northeast-1");
  ck_assert_str_eq (pp_step_params_get (p, "OppositeRegionId"), "us-west-1");
  ck_assert_str_eq (pp_step_params_get (p, "RouterId"), "${vpc-tokyo.VRouterId}");
  ck_assert_str_eq (pp_step_params_get (p, "Spec"), "Large.1");
  ck_assert_str_eq (pp_step_params_get (p, "InstanceChargeType"), "PrePaid");
  ck_assert_str_eq (pp_step_params_get (p, "PricingCycle"), "Month");
  ck_assert_str_eq (pp_step_params_get (p, "Period"), "1");
  /* B accepts: pay-as-you-go, Spec Negative. */
  p = step (wf, 1)->params;
  ck_assert_str_eq (pp_step_params_get (p, "Role"), "AcceptingSide");
  ck_assert_str_eq (pp_step_params_get (p, "Spec"), "Negative");
  ck_assert_str_eq (pp_step_params_get (p, "InstanceChargeType"), "PostPaid");
  ck_assert_ptr_null (pp_step_params_get (p, "Period"));
  /* Each side names the other's interface, router and owner. */
  p = step (wf, 2)->params;
  ck_assert_str_eq (pp_step_params_get (p, "OppositeInterfaceId"), "${tokyo-sv/acceptor.RouterInterfaceId}");
  ck_assert_str_eq (pp_step_params_get (p, "OppositeRouterId"), "${vpc-sv.VRouterId}");
  ck_assert_str_eq (pp_step_params_get (p, "OppositeRouterType"), "VRouter");
  ck_assert_str_eq (pp_step_params_get (p, "OppositeInterfaceOwnerId"), "${B.Uid}");
  p = step (wf, 3)->params;
  ck_assert_str_eq (pp_step_params_get (p, "OppositeInterfaceId"), "${tokyo-sv/initiator.RouterInterfaceId}");
  ck_assert_str_eq (pp_step_params_get (p, "OppositeInterfaceOwnerId"), "${A.Uid}");
  /* A connects its own, the initiating, interface. */
  p = step (wf, 4)->params;
  ck_assert_str_eq (pp_step_params_get (p, "RouterInterfaceId"), "${tokyo-sv/initiator.RouterInterfaceId}");
  /* Routes: next hop the local router interface. */
  p = step (wf, 5)->params;
  ck_assert_str_eq (pp_step_params_get (p, "RouteTableId"), "${vpc-tokyo.RouteTableId}");
  ck_assert_str_eq (pp_step_params_get (p, "DestinationCidrBlock"), "192.168.0.0/24");
  ck_assert_str_eq (pp_step_params_get (p, "NextHopType"), "RouterInterface");
  ck_assert_str_eq (pp_step_params_get (p, "NextHopId"), "${tokyo-sv/initiator.RouterInterfaceId}");
  p = step (wf, 6)->params;
  ck_assert_str_eq (pp_step_params_get (p, "NextHopId"), "${tokyo-sv/acceptor.RouterInterfaceId}");
}
END_TEST

START_TEST (test_derive_vpc_peer)
{
  g_autoptr(PpScenario) sc = load ("data/examples/hub-and-spoke.xml");
  g_autoptr(PpWorkflow) wf = pp_planner_derive (sc);
  const PpStep *s;

  /* Three connections: create, accept (other account), two routes; then
   * three pings and one isolation, which must fail. */
  ck_assert_uint_eq (wf->steps->len, 3 * 4 + 4);
  ck_assert (step (wf, 14)->reachable);
  ck_assert (!step (wf, 15)->reachable);
  ck_assert_str_eq (step (wf, 15)->from, "shop-web");
  s = step (wf, 0);
  ck_assert_str_eq (s->account, "net");
  ck_assert_str_eq (s->action, "CreateVpcPeerConnection");
  ck_assert_str_eq (s->version, "2022-01-01");
  ck_assert_str_eq (pp_step_params_get (s->params, "VpcId"), "${hub.VpcId}");
  ck_assert_str_eq (pp_step_params_get (s->params, "AcceptingAliUid"), "${shop.Uid}");
  ck_assert_str_eq (pp_step_params_get (s->params, "AcceptingRegionId"), "ap-southeast-1");
  ck_assert_str_eq (pp_step_params_get (s->params, "AcceptingVpcId"), "${shop-prod.VpcId}");
  s = step (wf, 1);
  ck_assert_str_eq (s->account, "shop");
  ck_assert_str_eq (s->action, "AcceptVpcPeerConnection");
  ck_assert_str_eq (pp_step_params_get (s->params, "InstanceId"), "${hub-shop-prod/peering.InstanceId}");
  s = step (wf, 2);
  ck_assert_str_eq (s->account, "net");
  ck_assert_str_eq (pp_step_params_get (s->params, "NextHopType"), "VpcPeer");
  ck_assert_str_eq (pp_step_params_get (s->params, "NextHopId"), "${hub-shop-prod/peering.InstanceId}");
  s = step (wf, 3);
  ck_assert_str_eq (s->account, "shop");
}
END_TEST

START_TEST (test_derive_same_account_peer)
{
  /* One account on both sides: the peering is accepted at once, so there is
   * no Accept step. */
  g_autofree char *xml = pp_test_read ("data/examples/hub-and-spoke.xml");
  g_autofree char *one = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = NULL;
  g_autoptr(PpWorkflow) wf = NULL;
  g_auto(GStrv) parts = g_strsplit (xml, "</account>\n  <account id=\"shop\" uid=\"4444444444444444\">", 2);

  ck_assert_ptr_nonnull (parts[1]);
  one = g_strconcat (parts[0], parts[1], NULL);
  bytes = g_bytes_new (one, strlen (one));
  sc = pp_scenario_load_bytes (bytes, "one-account.xml", NULL, &error);
  ck_assert_msg (sc != NULL, "%s", error ? error->message : "?");
  wf = pp_planner_derive (sc);
  ck_assert_str_eq (step (wf, 0)->action, "CreateVpcPeerConnection");
  ck_assert_str_eq (step (wf, 1)->action, "CreateRouteEntry");
  ck_assert_str_eq (step (wf, 1)->account, "net");
}
END_TEST

/* --- plans run on the engine --- */

START_TEST (test_plan_article)
{
  g_autoptr(PpScenario) sc = load ("data/examples/article.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpPlan) plan = pp_plan_scenario (sc, PP_RUN_DEFAULT_SEED, &error);
  const PpStepResult *r;
  const PpStatusNote *n;

  ck_assert_msg (plan != NULL, "%s", error ? error->message : "?");
  ck_assert_msg (pp_plan_ok (plan), "the article's plan fails");
  ck_assert_uint_eq (plan->run->counts[PP_OUTCOME_PASSED], 9);
  /* Created: red, Idle. */
  r = result (plan, 0);
  ck_assert_uint_eq (r->statuses->len, 1);
  n = &g_array_index (r->statuses, PpStatusNote, 0);
  ck_assert_str_eq (n->settled, "Idle");
  ck_assert (g_str_has_prefix (n->id, "ri-"));
  /* Connected: both ends turn green, Active, through their transient states. */
  r = result (plan, 4);
  ck_assert_uint_eq (r->statuses->len, 2);
  n = &g_array_index (r->statuses, PpStatusNote, 0);
  ck_assert_str_eq (n->after_call, "Connecting");
  ck_assert_str_eq (n->settled, "Active");
  n = &g_array_index (r->statuses, PpStatusNote, 1);
  ck_assert_str_eq (n->settled, "Active");
  /* The pings pass both ways. */
  ck_assert (result (plan, 7)->reached);
  ck_assert (result (plan, 8)->reached);
  ck_assert_uint_eq (pp_findings_any_at_least (plan->findings, PP_SEVERITY_ERROR), FALSE);
  /* What was built carries the scenario's connection id and line. */
  ck_assert_uint_ne (pp_scenario_lookup (plan->run->built, PP_KIND_CONNECTION, "tokyo-sv"), PP_NONE);
}
END_TEST

/* The engine keeps the scenario's file, ids and lines, for what it loads
 * and for what the plan's steps create, so that the export reads like the
 * scenario with nothing relabelled afterwards. */
START_TEST (test_plan_built_origins)
{
  g_autoptr(PpScenario) sc = load ("data/examples/article.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpPlan) plan = pp_plan_scenario (sc, PP_RUN_DEFAULT_SEED, &error);
  const PpScenario *built;
  const PpConnection *c, *declared;
  guint k;

  ck_assert_msg (plan != NULL, "%s", error ? error->message : "?");
  built = plan->run->built;
  ck_assert_str_eq (built->file, sc->file);
  k = pp_scenario_lookup (built, PP_KIND_VPC, "vpc-sv");
  ck_assert_uint_ne (k, PP_NONE);
  ck_assert_uint_eq (pp_scenario_vpc (built, k)->line,
                     pp_scenario_vpc (sc, pp_scenario_lookup (sc, PP_KIND_VPC, "vpc-sv"))->line);
  k = pp_scenario_lookup (built, PP_KIND_INSTANCE, "ecs-b");
  ck_assert_uint_eq (pp_scenario_instance (built, k)->line,
                     pp_scenario_instance (sc, pp_scenario_lookup (sc, PP_KIND_INSTANCE, "ecs-b"))->line);
  ck_assert_uint_eq (pp_scenario_account (built, 1)->line, pp_scenario_account (sc, 1)->line);
  /* The connection: its declared id, each end at its element's line, the
   * engine's interface ids. */
  ck_assert_uint_eq (built->connections->len, 1);
  c = pp_scenario_connection (built, 0);
  declared = pp_scenario_connection (sc, 0);
  ck_assert_str_eq (c->id, "tokyo-sv");
  ck_assert_uint_eq (c->ends[0].line, declared->ends[0].line);
  ck_assert_uint_eq (c->ends[1].line, declared->ends[1].line);
  ck_assert (g_str_has_prefix (c->ends[0].interface_id, "ri-"));
  /* The routes the steps created: at the lines of their <route>s. */
  ck_assert_uint_eq (built->routes->len, 2);
  ck_assert_uint_eq (pp_scenario_route (built, 0)->line, pp_scenario_route (sc, 0)->line);
  ck_assert_uint_eq (pp_scenario_route (built, 1)->line, pp_scenario_route (sc, 1)->line);
  /* The expectations are the scenario's. */
  ck_assert_uint_eq (built->expects->len, sc->expects->len);
}
END_TEST

START_TEST (test_plan_hub_and_spoke)
{
  g_autoptr(PpScenario) sc = load ("data/examples/hub-and-spoke.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpPlan) plan = pp_plan_scenario (sc, PP_RUN_DEFAULT_SEED, &error);
  const PpStatusNote *n;

  ck_assert_msg (plan != NULL, "%s", error ? error->message : "?");
  ck_assert_msg (pp_plan_ok (plan), "hub and spoke does not run");
  n = &g_array_index (result (plan, 0)->statuses, PpStatusNote, 0);
  ck_assert_str_eq (n->settled, "Accepting");
  n = &g_array_index (result (plan, 1)->statuses, PpStatusNote, 0);
  ck_assert_str_eq (n->settled, "Activated");
}
END_TEST

/* Mistakes declared in a scenario make the plan fail where the service
 * would, with its code. */
static const struct {
  const char *from;
  const char *to;
  guint step;                 /* 0-based */
  const char *code;
} slips[] = {
  /* The article's slip: B names its own interface. */
  { "<acceptor vpc=\"vpc-sv\" charge=\"pay-as-you-go\"/>",
    "<acceptor vpc=\"vpc-sv\" charge=\"pay-as-you-go\" interface=\"ri-b\" opposite-interface=\"ri-b\"/>",
    4, "AttrMismatching.AcceptingSideOppositeInterfaceId" },
  /* The acceptor bought as a subscription. */
  { "<acceptor vpc=\"vpc-sv\" charge=\"pay-as-you-go\"/>",
    "<acceptor vpc=\"vpc-sv\" charge=\"subscription\" period=\"1\" cycle=\"month\"/>",
    1, "Forbidden.AcceptRoleNotSupportPrePay" },
  /* Across accounts without the owner uid. */
  { "<acceptor vpc=\"vpc-sv\" charge=\"pay-as-you-go\"/>",
    "<acceptor vpc=\"vpc-sv\" charge=\"pay-as-you-go\" opposite-owner=\"\"/>",
    4, "IncorrectOppositeInterfaceInfo.NotSet" },
};

START_TEST (test_plan_slips)
{
  g_autoptr(PpScenario) sc = article_with (slips[_i].from, slips[_i].to);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpPlan) plan = pp_plan_scenario (sc, PP_RUN_DEFAULT_SEED, &error);
  const PpStepResult *first;

  ck_assert_msg (plan != NULL, "%s", error ? error->message : "?");
  ck_assert (!pp_plan_ok (plan));
  first = pp_run_result_first_failure (plan->run);
  ck_assert_ptr_nonnull (first);
  ck_assert_uint_eq (first->number, slips[_i].step + 1);
  ck_assert_ptr_nonnull (first->result);
  ck_assert_str_eq (first->result->code, slips[_i].code);
  /* The pings then fail on what was built. */
  ck_assert (!result (plan, plan->run->steps->len - 1)->reached);
}
END_TEST

START_TEST (test_plan_deterministic)
{
  g_autoptr(PpScenario) sc = load ("data/examples/article.xml");
  g_autoptr(PpPlan) a = pp_plan_scenario (sc, PP_RUN_DEFAULT_SEED, NULL);
  g_autoptr(PpPlan) b = pp_plan_scenario (sc, PP_RUN_DEFAULT_SEED, NULL);
  g_autoptr(PpPlan) c = pp_plan_scenario (sc, 7, NULL);
  g_autofree char *ida = pp_api_result_get (result (a, 0)->result, "RouterInterfaceId");
  g_autofree char *idb = pp_api_result_get (result (b, 0)->result, "RouterInterfaceId");
  g_autofree char *idc = pp_api_result_get (result (c, 0)->result, "RouterInterfaceId");

  ck_assert_str_eq (ida, idb);
  ck_assert_str_ne (ida, idc);
  ck_assert_str_eq (result (a, 4)->result->request_id, result (b, 4)->result->request_id);
}
END_TEST

/* --- workflows: refusals with file:line --- */

#define HEAD "<workflow xmlns=\"urn:peerplan:workflow:1\" scenario=\"article.xml\">\n"
/* A route in A's table to its instance, the call left open for more. */
#define ROUTE_A(attrs) \
  "<call as=\"A\" action=\"CreateRouteEntry\"" attrs ">\n" \
  "  <param name=\"RegionId\" value=\"ap-northeast-1\"/>\n" \
  "  <param name=\"RouteTableId\" value=\"${vpc-tokyo.RouteTableId}\"/>\n" \
  "  <param name=\"DestinationCidrBlock\" value=\"10.0.0.0/8\"/>\n" \
  "  <param name=\"NextHopId\" value=\"ecs-a\"/>\n"
#define DOTS64 "a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a."
#define LONG_REF DOTS64 DOTS64 DOTS64 DOTS64 DOTS64 DOTS64 DOTS64 DOTS64 DOTS64 "Field"
#define CREATE_A \
  "<call id=\"ri-a\" as=\"A\" action=\"CreateRouterInterface\">\n" \
  "  <param name=\"RegionId\" value=\"ap-northeast-1\"/>\n" \
  "</call>\n"

static const struct {
  const char *xml;
  guint line;
  GQuark (*domain) (void);
  int code;
  const char *needle;
} bad[] = {
  { HEAD "<call as=\"C\" action=\"DescribeVpcs\"/>\n</workflow>\n", 2,
    pp_sim_error_quark, PP_SIM_ERROR_UNKNOWN_REFERENCE, "names no account of the scenario (hint: its accounts are A, B)" },
  { HEAD CREATE_A CREATE_A "</workflow>\n", 5, pp_sim_error_quark, PP_SIM_ERROR_DUPLICATE_ID, "used twice (first at line 2)" },
  { HEAD "<call id=\"vpc-sv\" as=\"B\" action=\"DescribeVpcs\"/>\n</workflow>\n", 2,
    pp_sim_error_quark, PP_SIM_ERROR_DUPLICATE_ID, "is also a VPC of the scenario" },
  { HEAD "<call as=\"A\" action=\"ConnectRouterInterface\">\n"
    "  <param name=\"RouterInterfaceId\" value=\"${ri-a.RouterInterfaceId}\"/>\n</call>\n"
    CREATE_A "</workflow>\n", 3, pp_sim_error_quark, PP_SIM_ERROR_UNKNOWN_REFERENCE, "which comes later (line 5)" },
  { HEAD "<call as=\"A\" action=\"DescribeVpcs\">\n"
    "  <param name=\"VpcId\" value=\"${vpc-nowhere.VpcId}\"/>\n</call>\n</workflow>\n", 3,
    pp_sim_error_quark, PP_SIM_ERROR_UNKNOWN_REFERENCE, "'vpc-nowhere' is neither" },
  { HEAD "<call as=\"A\" action=\"DescribeVpcs\">\n"
    "  <param name=\"VpcId\" value=\"${vpc-tokyo.VpcId\"/>\n</call>\n</workflow>\n", 3,
    pp_sim_error_quark, PP_SIM_ERROR_INVALID, "no closing '}'" },
  { HEAD "<call as=\"A\" action=\"DescribeVpcs\">\n"
    "  <param name=\"VpcId\" value=\"${vpc-tokyo}\"/>\n</call>\n</workflow>\n", 3,
    pp_sim_error_quark, PP_SIM_ERROR_INVALID, "names no field" },
  { HEAD "<call as=\"A\" action=\"DescribeVpcs\">\n"
    "  <param name=\"VpcId\" value=\"${" LONG_REF "}\"/>\n</call>\n</workflow>\n", 3,
    pp_sim_error_quark, PP_SIM_ERROR_LIMIT, "longer than 512 characters" },
  { HEAD "<call as=\"A\" action=\"CreateRouterInterfce\"/>\n</workflow>\n", 2,
    pp_sim_error_quark, PP_SIM_ERROR_UNKNOWN_REFERENCE, "did you mean CreateRouterInterface" },
  { HEAD "<call as=\"A\" action=\"DescribeVpcs\">\n  <param name=\"RegionId\" value=\"a\"/>\n"
    "  <param name=\"RegionId\" value=\"b\"/>\n</call>\n</workflow>\n", 4,
    pp_sim_error_quark, PP_SIM_ERROR_DUPLICATE_ID, "given twice" },
  { HEAD "<expect-reach from=\"ecs-a\" to=\"ecs-z\"/>\n</workflow>\n", 2,
    pp_sim_error_quark, PP_SIM_ERROR_UNKNOWN_REFERENCE, "to=\"ecs-z\" names no instance" },
  { HEAD "<call as=\"A\"/>\n</workflow>\n", 2, pp_model_error_quark, PP_MODEL_ERROR_SCHEMA_INVALID, "workflow.rng" },
  { HEAD "<wait for=\"x\" status=\"Active\" timeout=\"0\"/>\n</workflow>\n", 2,
    pp_model_error_quark, PP_MODEL_ERROR_SCHEMA_INVALID, "timeout" },
  { "<!DOCTYPE workflow [<!ENTITY x SYSTEM \"/etc/passwd\">]>\n" HEAD "</workflow>\n", 1,
    pp_model_error_quark, PP_MODEL_ERROR_XML_PARSE, "DOCTYPE" },
  { HEAD "<call as=\"A\" action=\"DescribeVpcs\">\n</workflow>\n", 3, pp_model_error_quark, PP_MODEL_ERROR_XML_PARSE, "mismatch" },
  /* No bytes at all (found by tests/fuzz/fuzz-workflow.c): the message
   * still names the file. */
  { "", 1, pp_model_error_quark, PP_MODEL_ERROR_XML_PARSE, "the file is empty" },
  { "<workflow xmlns=\"urn:peerplan:workflow:1\" scenario=\"no-such.xml\">\n</workflow>\n", 1,
    pp_model_error_quark, PP_MODEL_ERROR_IO, "cannot load the scenario 'no-such.xml'" },
  { "<workflow xmlns=\"urn:peerplan:workflow:1\" scenario=\"peerplan:examples/no-such.xml\">\n</workflow>\n", 1,
    pp_model_error_quark, PP_MODEL_ERROR_IO, "cannot load the scenario 'peerplan:examples/no-such.xml'" },
};

START_TEST (test_workflow_invalid)
{
  g_autofree char *name = pp_test_srcpath ("data/examples/inline.xml");
  g_autofree char *prefix = g_strdup_printf ("%s:%u: ", name, bad[_i].line);
  /* A copy: no bytes give a NULL pointer, as from a caller's GBytes. */
  g_autoptr(GBytes) bytes = g_bytes_new (bad[_i].xml, strlen (bad[_i].xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(PpWorkflow) wf = pp_workflow_load_bytes (bytes, name, &error);

  ck_assert_ptr_null (wf);
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (error->domain == bad[_i].domain () && error->code == bad[_i].code,
                 "case %d: %s %d, want %s %d: %s", _i, g_quark_to_string (error->domain), error->code,
                 g_quark_to_string (bad[_i].domain ()), bad[_i].code, error->message);
  ck_assert (pp_error_is_input (error));
  ck_assert_msg (g_str_has_prefix (error->message, prefix), "case %d: '%s' does not start with '%s'",
                 _i, error->message, prefix);
  ck_assert_msg (strstr (error->message, bad[_i].needle) != NULL, "case %d: '%s' lacks '%s'",
                 _i, error->message, bad[_i].needle);
}
END_TEST

/* --- workflows: what passes and what fails --- */

#define CREATE_A_FULL \
  "<call id=\"ri-a\" as=\"A\" action=\"CreateRouterInterface\">\n" \
  "  <param name=\"RegionId\" value=\"ap-northeast-1\"/>\n" \
  "  <param name=\"Role\" value=\"InitiatingSide\"/>\n" \
  "  <param name=\"RouterType\" value=\"VRouter\"/>\n" \
  "  <param name=\"RouterId\" value=\"${vpc-tokyo.VRouterId}\"/>\n" \
  "  <param name=\"Spec\" value=\"Large.1\"/>\n" \
  "  <param name=\"OppositeRegionId\" value=\"us-west-1\"/>\n" \
  "</call>\n"

static const struct {
  const char *body;
  gboolean keep_going;
  const char *outcomes;       /* one letter a step: p passed, f failed, s skipped */
  const char *reason;         /* of the first failure, or NULL */
} runs[] = {
  /* CreateRouteEntry: the runner sends the five parameters of a typed
   * request as one (pp_engine_create_route_entry()), any other by name;
   * each of these passes only if the parameter it adds is not lost. */
  { ROUTE_A ("") "</call>\n", FALSE, "p", NULL },
  { ROUTE_A (" expect-error=\"DryRunOperation\"") "  <param name=\"DryRun\" value=\"true\"/>\n</call>\n",
    FALSE, "p", NULL },
  { ROUTE_A (" expect-error=\"InvalidParameter\"") "  <param name=\"RouteEntryName\" value=\"_x\"/>\n</call>\n",
    FALSE, "p", NULL },
  /* a name the operation does not read: sent, not taken for NextHopType */
  { ROUTE_A ("") "  <param name=\"NextHopTyp\" value=\"RouterInterface\"/>\n</call>\n", FALSE, "p", NULL },
  /* An expected field that holds. */
  { CREATE_A_FULL "<call as=\"A\" action=\"DescribeRouterInterfaceAttribute\">\n"
    "  <param name=\"RegionId\" value=\"ap-northeast-1\"/>\n"
    "  <param name=\"InstanceId\" value=\"${ri-a.RouterInterfaceId}\"/>\n"
    "  <expect field=\"Status\" value=\"Idle\"/>\n"
    "  <expect field=\"RouterId\" value=\"${vpc-tokyo.VRouterId}\"/>\n</call>\n",
    FALSE, "pp", NULL },
  /* One that does not; the steps after it are skipped. */
  { CREATE_A_FULL "<call as=\"A\" action=\"DescribeRouterInterfaceAttribute\">\n"
    "  <param name=\"RegionId\" value=\"ap-northeast-1\"/>\n"
    "  <param name=\"InstanceId\" value=\"${ri-a.RouterInterfaceId}\"/>\n"
    "  <expect field=\"Status\" value=\"Active\"/>\n</call>\n"
    "<expect-reach from=\"ecs-a\" to=\"ecs-b\" reachable=\"false\"/>\n",
    FALSE, "pfs", "expected Status = \"Active\", got \"Idle\"" },
  /* A missing field. */
  { CREATE_A_FULL "<call as=\"A\" action=\"DescribeRegions\">\n"
    "  <expect field=\"NoSuchField\" value=\"x\"/>\n</call>\n",
    FALSE, "pf", "the answer has no NoSuchField" },
  /* expect-error on a call that succeeds. */
  { CREATE_A_FULL "<call as=\"A\" action=\"DescribeRegions\" expect-error=\"Forbidden\"/>\n",
    FALSE, "pf", "expected the error Forbidden, but the call succeeded" },
  /* expect-error with the wrong code; the error's fields can be read. */
  { "<call id=\"c\" as=\"B\" action=\"ConnectRouterInterface\" expect-error=\"Forbidden\">\n"
    "  <param name=\"RegionId\" value=\"us-west-1\"/>\n"
    "  <param name=\"RouterInterfaceId\" value=\"ri-nothere\"/>\n</call>\n",
    FALSE, "f", "expected the error Forbidden, got InvalidRouterInterfaceId.NotFound" },
  { "<call id=\"c\" as=\"B\" action=\"ConnectRouterInterface\" expect-error=\"InvalidRouterInterfaceId.NotFound\">\n"
    "  <param name=\"RegionId\" value=\"us-west-1\"/>\n"
    "  <param name=\"RouterInterfaceId\" value=\"ri-nothere\"/>\n"
    "  <expect field=\"HttpStatus\" value=\"404\"/>\n</call>\n"
    "<call as=\"B\" action=\"ConnectRouterInterface\" expect-error=\"InvalidRouterInterfaceId.NotFound\">\n"
    "  <param name=\"RegionId\" value=\"us-west-1\"/>\n"
    "  <param name=\"RouterInterfaceId\" value=\"ri-nothere\"/>\n"
    "  <expect field=\"Code\" value=\"${c.Code}\"/>\n</call>\n",
    FALSE, "pp", NULL },
  /* A wait for a status nothing will bring. */
  { CREATE_A_FULL "<wait for=\"${ri-a.RouterInterfaceId}\" status=\"Active\"/>\n",
    FALSE, "pf", "is Idle and nothing is pending: it will never become Active" },
  /* Keep going: a step reading a failed call is skipped, others run. */
  { "<call id=\"bad\" as=\"A\" action=\"CreateRouterInterface\">\n"
    "  <param name=\"RegionId\" value=\"ap-northeast-1\"/>\n</call>\n"
    "<call as=\"A\" action=\"ConnectRouterInterface\">\n"
    "  <param name=\"RegionId\" value=\"ap-northeast-1\"/>\n"
    "  <param name=\"RouterInterfaceId\" value=\"${bad.RouterInterfaceId}\"/>\n</call>\n"
    "<expect-reach from=\"ecs-a\" to=\"ecs-b\" reachable=\"false\"/>\n",
    TRUE, "fsp", "MissingParameter" },
  /* A ping that fails when it should pass. */
  { "<expect-reach from=\"ecs-a\" to=\"ecs-b\"/>\n", FALSE, "f", "ecs-a cannot reach ecs-b and back" },
};

START_TEST (test_workflow_run)
{
  g_autofree char *name = pp_test_srcpath ("data/examples/inline.xml");
  g_autofree char *xml = g_strconcat (HEAD, runs[_i].body, "</workflow>\n", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(PpWorkflow) wf = pp_workflow_load_bytes (bytes, name, &error);
  PpRunOptions opts = { PP_RUN_DEFAULT_SEED, runs[_i].keep_going, FALSE };
  g_autoptr(PpRunResult) run = NULL;
  const PpStepResult *first;

  ck_assert_msg (wf != NULL, "case %d: %s", _i, error ? error->message : "?");
  run = pp_workflow_run (wf, NULL, &opts, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (run->steps->len, strlen (runs[_i].outcomes));
  for (guint k = 0; k < run->steps->len; k++)
    {
      const PpStepResult *r = g_ptr_array_index (run->steps, k);
      ck_assert_msg (pp_outcome_to_string (r->outcome)[0] == runs[_i].outcomes[k],
                     "case %d step %u: %s (%s)", _i, k + 1, pp_outcome_to_string (r->outcome),
                     r->reason ? r->reason : "");
    }
  first = pp_run_result_first_failure (run);
  if (runs[_i].reason == NULL)
    {
      ck_assert_ptr_null (first);
      ck_assert (pp_run_result_ok (run));
      return;
    }
  ck_assert_ptr_nonnull (first);
  ck_assert_msg (strstr (first->reason, runs[_i].reason) != NULL, "case %d: '%s' lacks '%s'",
                 _i, first->reason, runs[_i].reason);
  /* A wait that gives up has spent its timeout on the simulated clock. */
  if (first->step->kind == PP_STEP_WAIT)
    ck_assert_uint_eq (first->waited, first->step->timeout);
}
END_TEST

/* A scenario object whose id holds dots: ${NAME.Field} takes the longest
 * name it knows. */
START_TEST (test_workflow_dotted_names)
{
  g_autofree char *name = pp_test_srcpath ("tests/data/planner/dotted.workflow.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpWorkflow) wf = pp_workflow_load_file (name, &error);
  g_autoptr(PpRunResult) run = NULL;

  ck_assert_msg (wf != NULL, "%s", error ? error->message : "?");
  run = pp_workflow_run (wf, NULL, NULL, &error);
  ck_assert_msg (run != NULL, "%s", error ? error->message : "?");
  ck_assert_msg (pp_run_result_ok (run), "%s",
                 pp_run_result_first_failure (run) ? pp_run_result_first_failure (run)->reason : "?");
}
END_TEST

/* --- the plan that streams: the same steps, results and findings --- */

/* One step's result in words: everything a runbook writes of it. */
static char *
result_text (const PpStepResult *r)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%u %s %s %s %s %s t=%" G_GINT64_FORMAT " w=%" G_GUINT64_FORMAT " %s %s %d\n",
                          r->number, pp_outcome_to_string (r->outcome),
                          r->step->action ? r->step->action : "-", r->step->id ? r->step->id : "-",
                          r->step->note ? r->step->note : "-", r->reason ? r->reason : "-",
                          r->time, r->waited, r->target ? r->target : "-",
                          r->trace ? r->trace : "-", r->reached);
  if (r->sent == NULL)
    g_string_append (s, "  (nothing sent)\n");
  for (guint i = 0; r->sent != NULL && i < r->sent->len; i++)
    {
      const PpSentParam *p = &g_array_index (r->sent, PpSentParam, i);

      g_string_append_printf (s, "  %s=%s <- %s\n", p->name, p->value, p->source ? p->source : "-");
    }
  if (r->result != NULL)
    {
      g_autofree char *body = pp_api_result_response (r->result) ? g_variant_print (pp_api_result_response (r->result), FALSE) : NULL;

      g_string_append_printf (s, "  %s %u %s %s %s\n", r->result->request_id, r->result->http_status,
                              r->result->code ? r->result->code : "-",
                              r->result->message ? r->result->message : "-", body ? body : "-");
    }
  for (guint i = 0; i < r->statuses->len; i++)
    {
      const PpStatusNote *n = &g_array_index (r->statuses, PpStatusNote, i);

      g_string_append_printf (s, "  %s %s -> %s\n", n->id, n->after_call ? n->after_call : "-",
                              n->settled ? n->settled : "-");
    }
  return g_string_free (s, FALSE);
}

static void
collect (const PpStepResult *r, gpointer data)
{
  g_autofree char *text = result_text (r);

  g_string_append (data, text);
}

/* collect(), and the end of the steps (PP_PLAN_STEPS_DONE) as a line */
static void
collect_done (const PpStepResult *r, gpointer data)
{
  if (r == NULL)
    g_string_append (data, "(done)\n");
  else
    collect (r, data);
}

static const char *const streamed[] = {
  "data/examples/article.xml",
  "data/examples/hub-and-spoke.xml",
  "data/examples/vpc-peer-tokyo-sv.xml",
  "data/examples/cross-border.xml",
  "tests/data/planner/slip-self-opposite.xml",
  "tests/data/planner/dotted-connection.xml",
};

START_TEST (test_plan_stream)
{
  g_autoptr(PpScenario) sc = load (streamed[_i]);
  g_autoptr(GError) error = NULL;
  g_autoptr(PpPlan) whole = pp_plan_scenario (sc, PP_RUN_DEFAULT_SEED, &error);
  g_autoptr(PpPlan) stream = NULL;
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);

  ck_assert_msg (whole != NULL, "%s", error ? error->message : "?");
  for (guint i = 0; i < whole->run->steps->len; i++)
    collect (result (whole, i), a);
  /* each example expects reachability: the checks read the routes */
  ck_assert_uint_gt (sc->expects->len, 0);
  stream = pp_plan_scenario_stream (sc, PP_RUN_DEFAULT_SEED, PP_PLAN_NONE, NULL, collect, b,
                                    &error);
  ck_assert_msg (stream != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_gt (a->len, 0);
  ck_assert_str_eq (b->str, a->str);
  ck_assert_ptr_null (stream->workflow);
  ck_assert_uint_eq (stream->run->steps->len, 0);
  for (guint k = 0; k < PP_OUTCOME_LAST; k++)
    ck_assert_uint_eq (stream->run->counts[k], whole->run->counts[k]);
  ck_assert_int_eq (pp_plan_ok (stream), pp_plan_ok (whole));
  ck_assert_uint_eq (pp_findings_len (stream->findings), pp_findings_len (whole->findings));
  for (guint k = 0; k < pp_findings_len (whole->findings); k++)
    ck_assert_str_eq (pp_findings_nth (stream->findings, k)->message,
                      pp_findings_nth (whole->findings, k)->message);
  ck_assert_uint_eq (stream->run->built->connections->len, whole->run->built->connections->len);
  ck_assert_uint_eq (stream->run->built->routes->len, whole->run->built->routes->len);
  ck_assert_uint_eq (stream->run->built->expects->len, whole->run->built->expects->len);

  /* the same steps, then the end of the steps once, after the last */
  g_clear_pointer (&stream, pp_plan_free);
  g_string_truncate (b, 0);
  stream = pp_plan_scenario_stream (sc, PP_RUN_DEFAULT_SEED, PP_PLAN_STEPS_DONE, NULL, collect_done,
                                    b, &error);
  ck_assert_msg (stream != NULL, "%s", error ? error->message : "?");
  g_string_append (a, "(done)\n");
  ck_assert_str_eq (b->str, a->str);
  ck_assert_uint_eq (pp_findings_len (stream->findings), pp_findings_len (whole->findings));
}
END_TEST

/* A scenario that expects nothing of reachability: no check reads the
 * routes of what was built, and a streamed plan leaves them out of
 * run->built unless asked, or leaves out run->built when asked; the steps
 * and findings do not change.  With expectations, the checks still get
 * what was built, its routes without their ids. */
START_TEST (test_plan_stream_built_routes)
{
  g_autoptr(PpScenario) sc = load ("data/examples/hub-and-spoke.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpPlan) whole = NULL;
  g_autoptr(PpPlan) lean = NULL;
  g_autoptr(PpPlan) full = NULL;
  g_autoptr(PpPlan) none = NULL;
  g_autoptr(PpPlan) expecting = NULL;
  g_autoptr(PpPlan) expecting_whole = NULL;
  g_autoptr(PpScenario) with_expects = load ("data/examples/hub-and-spoke.xml");
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  g_autoptr(GString) c = g_string_new (NULL);
  g_autoptr(GString) n = g_string_new (NULL);
  g_autoptr(GString) x = g_string_new (NULL);

  g_array_set_size (sc->expects, 0);
  whole = pp_plan_scenario (sc, PP_RUN_DEFAULT_SEED, &error);
  ck_assert_msg (whole != NULL, "%s", error ? error->message : "?");
  for (guint i = 0; i < whole->run->steps->len; i++)
    collect (result (whole, i), a);
  ck_assert_uint_gt (whole->run->built->routes->len, 0);
  lean = pp_plan_scenario_stream (sc, PP_RUN_DEFAULT_SEED, PP_PLAN_NONE, NULL, collect, b, &error);
  ck_assert_msg (lean != NULL, "%s", error ? error->message : "?");
  full = pp_plan_scenario_stream (sc, PP_RUN_DEFAULT_SEED, PP_PLAN_BUILT_ROUTES, NULL, collect, c,
                                  &error);
  ck_assert_msg (full != NULL, "%s", error ? error->message : "?");
  ck_assert_str_eq (b->str, a->str);
  ck_assert_str_eq (c->str, a->str);
  ck_assert_uint_eq (lean->run->built->routes->len, 0);
  ck_assert_uint_eq (full->run->built->routes->len, whole->run->built->routes->len);
  ck_assert_uint_eq (lean->run->built->connections->len, whole->run->built->connections->len);
  ck_assert_uint_eq (lean->run->built->vpcs->len, whole->run->built->vpcs->len);
  ck_assert_uint_eq (pp_findings_len (lean->findings), pp_findings_len (whole->findings));
  ck_assert_uint_eq (pp_findings_len (full->findings), pp_findings_len (whole->findings));
  for (guint k = 0; k < pp_findings_len (whole->findings); k++)
    ck_assert_str_eq (pp_findings_nth (lean->findings, k)->message,
                      pp_findings_nth (whole->findings, k)->message);

  none = pp_plan_scenario_stream (sc, PP_RUN_DEFAULT_SEED, PP_PLAN_NO_BUILT, NULL, collect, n, &error);
  ck_assert_msg (none != NULL, "%s", error ? error->message : "?");
  ck_assert_ptr_null (none->run->built);
  ck_assert_str_eq (n->str, a->str);
  ck_assert_uint_eq (pp_findings_len (none->findings), pp_findings_len (whole->findings));

  ck_assert_uint_gt (with_expects->expects->len, 0);
  expecting_whole = pp_plan_scenario (with_expects, PP_RUN_DEFAULT_SEED, &error);
  ck_assert_msg (expecting_whole != NULL, "%s", error ? error->message : "?");
  expecting = pp_plan_scenario_stream (with_expects, PP_RUN_DEFAULT_SEED, PP_PLAN_NO_BUILT, NULL,
                                       collect, x, &error);
  ck_assert_msg (expecting != NULL, "%s", error ? error->message : "?");
  ck_assert_ptr_nonnull (expecting->run->built);
  ck_assert_uint_eq (expecting->run->built->expects->len, with_expects->expects->len);
  ck_assert_uint_eq (pp_findings_len (expecting->findings), pp_findings_len (expecting_whole->findings));
  for (guint k = 0; k < pp_findings_len (expecting_whole->findings); k++)
    ck_assert_str_eq (pp_findings_nth (expecting->findings, k)->message,
                      pp_findings_nth (expecting_whole->findings, k)->message);
  /* the same routes, without their ids, which no check reads */
  ck_assert_uint_gt (expecting_whole->run->built->routes->len, 0);
  ck_assert_uint_eq (expecting->run->built->routes->len, expecting_whole->run->built->routes->len);
  ck_assert_ptr_nonnull (pp_scenario_route_names (expecting_whole->run->built, 0)->id);
  ck_assert_ptr_null (expecting->run->built->route_names);
}
END_TEST

/* The runner remembers what a template that is one reference resolved to
 * (a connection's next hop, route after route); a call it forgets takes
 * those values with it: a later reference to it fails as unknown instead
 * of reading the remembered answer. */
START_TEST (test_runner_forgets_remembered)
{
  g_autoptr(PpScenario) sc = load ("data/examples/article.xml");
  g_autoptr(PpWorkflow) wf = pp_planner_derive (sc);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_step_result_free);
  PpRunOptions opts = { PP_RUN_DEFAULT_SEED, TRUE, TRUE };
  g_autoptr(PpRunner) runner = pp_runner_new (sc, &opts, &error);
  const PpStep *reader = NULL;
  g_autofree char *name = NULL;
  PpStepResult *again;

  ck_assert_msg (runner != NULL, "%s", error ? error->message : "?");
  for (guint i = 0; i < wf->steps->len && reader == NULL; i++)
    {
      const PpStep *st = g_ptr_array_index (wf->steps, i);
      PpStepResult *r = pp_runner_step (runner, st);

      ck_assert_int_eq (r->outcome, PP_OUTCOME_PASSED);
      g_ptr_array_add (kept, r);
      /* the first step with a parameter ${CALL.Field}, CALL an earlier step */
      for (guint k = 0; k < st->params->len && reader == NULL; k++)
        {
          const char *v = g_array_index (st->params, PpStepParam, k).value;
          const char *dot = strchr (v, '.');

          if (g_str_has_prefix (v, "${") && dot != NULL && strchr (v + 2, '$') == NULL)
            for (guint j = 0; j < i && reader == NULL; j++)
              {
                const PpStep *earlier = g_ptr_array_index (wf->steps, j);

                if (earlier->id != NULL && strlen (earlier->id) == (gsize) (dot - v - 2)
                    && strncmp (earlier->id, v + 2, (gsize) (dot - v - 2)) == 0)
                  {
                    reader = st;
                    name = g_strdup (earlier->id);
                  }
              }
        }
    }
  ck_assert_ptr_nonnull (reader);
  pp_runner_forget_call (runner, name);
  again = pp_runner_step (runner, reader);
  g_ptr_array_add (kept, again);
  ck_assert_int_eq (again->outcome, PP_OUTCOME_FAILED);
  ck_assert_msg (strstr (again->reason, "nothing called") != NULL, "%s", again->reason);
  ck_assert_msg (strstr (again->reason, name) != NULL, "%s", again->reason);
}
END_TEST

/* @got and @want line by line: the first line that differs, not two
 * runbooks in one message (check's messages are limited in length). */
static void
same_lines (const char *got, const char *want)
{
  g_auto(GStrv) g = g_strsplit (got, "\n", -1);
  g_auto(GStrv) w = g_strsplit (want, "\n", -1);
  guint i;

  for (i = 0; g[i] != NULL && w[i] != NULL; i++)
    ck_assert_msg (strcmp (g[i], w[i]) == 0, "line %u: got\n%s\nwant\n%s", i + 1, g[i], w[i]);
  ck_assert_msg (g[i] == NULL && w[i] == NULL, "line %u: one ends before the other", i + 1);
}

/* pp_runner_step_resolved() with the values pp_runner_resolve() gives,
 * route steps run once (pp_runner_step_once()) and their results
 * recycled (pp_runner_recycle()), against pp_runner_step()
 * with every result kept: the same results, step for step; with
 * keep_going and without (a recycled result then serves the skipped
 * steps, which sent nothing). */
START_TEST (test_runner_resolved)
{
  g_autoptr(PpScenario) sc = load (streamed[_i / 2]);
  g_autoptr(PpWorkflow) wf = pp_planner_derive (sc);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_step_result_free);
  g_autoptr(GPtrArray) kept_b = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_step_result_free);
  PpRunOptions opts = { PP_RUN_DEFAULT_SEED, _i % 2 == 0, TRUE };
  g_autoptr(PpRunner) a = pp_runner_new (sc, &opts, &error);
  g_autoptr(PpRunner) b = pp_runner_new (sc, &opts, &error);
  g_autoptr(GString) text_a = g_string_new (NULL);
  g_autoptr(GString) text_b = g_string_new (NULL);
  guint resolved = 0, recycled = 0;

  ck_assert_msg (a != NULL && b != NULL, "%s", error ? error->message : "?");
  for (guint i = 0; i < wf->steps->len; i++)
    {
      const PpStep *st = g_ptr_array_index (wf->steps, i);
      g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
      g_autofree const char **values = NULL;
      gboolean route;
      PpStepResult *r;

      r = pp_runner_step (a, st);
      collect (r, text_a);
      g_ptr_array_add (kept, r);

      if (st->kind == PP_STEP_CALL)
        {
          values = g_new0 (const char *, st->params->len + 1);
          for (guint k = 0; k < st->params->len && values != NULL; k++)
            {
              const char *tmpl = g_array_index (st->params, PpStepParam, k).value;
              char *v;

              if (!pp_workflow_has_ref (tmpl))
                continue;
              v = pp_runner_resolve (b, tmpl, NULL);
              if (v == NULL)
                g_clear_pointer (&values, g_free);   /* the runner says why */
              else
                {
                  g_ptr_array_add (owned, v);
                  values[k] = v;
                }
            }
        }
      /* a route step as the planner runs it: once, read by nothing
       * later, then given back */
      route = st->action != NULL && strcmp (st->action, "CreateRouteEntry") == 0;
      r = route ? pp_runner_step_once (b, st, values) : pp_runner_step_resolved (b, st, values);
      resolved += values != NULL;
      collect (r, text_b);
      if (route)
        {
          pp_runner_recycle (b, r);
          recycled++;
        }
      else
        g_ptr_array_add (kept_b, r);
    }
  ck_assert_uint_gt (resolved, 0);
  ck_assert_uint_gt (recycled, 0);
  same_lines (text_b->str, text_a->str);
}
END_TEST

static Suite *
planner_suite (void)
{
  Suite *s = suite_create ("planner");
  TCase *tc = tcase_create ("derive");

  tcase_add_loop_test (tc, test_derive_article_order, 0, G_N_ELEMENTS (article_steps));
  tcase_add_test (tc, test_derive_article_params);
  tcase_add_test (tc, test_derive_vpc_peer);
  tcase_add_test (tc, test_derive_same_account_peer);
  suite_add_tcase (s, tc);

  tc = tcase_create ("plan");
  tcase_add_test (tc, test_plan_article);
  tcase_add_test (tc, test_plan_built_origins);
  tcase_add_test (tc, test_plan_hub_and_spoke);
  tcase_add_loop_test (tc, test_plan_slips, 0, G_N_ELEMENTS (slips));
  tcase_add_test (tc, test_plan_deterministic);
  tcase_add_loop_test (tc, test_plan_stream, 0, G_N_ELEMENTS (streamed));
  tcase_add_test (tc, test_plan_stream_built_routes);
  tcase_add_test (tc, test_runner_forgets_remembered);
  tcase_add_loop_test (tc, test_runner_resolved, 0, 2 * G_N_ELEMENTS (streamed));
  suite_add_tcase (s, tc);

  tc = tcase_create ("workflow");
  tcase_add_loop_test (tc, test_workflow_invalid, 0, G_N_ELEMENTS (bad));
  tcase_add_loop_test (tc, test_workflow_run, 0, G_N_ELEMENTS (runs));
  tcase_add_test (tc, test_workflow_dotted_names);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  pp_xml_init ();
  return pp_test_run (planner_suite ());
}
