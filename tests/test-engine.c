/* SPDX-License-Identifier: MIT */
/* test-engine.c: the simulated API (sim/pp-engine.h).
 *
 * Most cases are rows of one table: bring the article's two accounts to a
 * stage of the workflow (see `Stage`), make one call as A or B, and check
 * the answer's code and HTTP status and, where given, the status of one
 * resource right after the call and after the clock settles.  Flows that
 * need several steps (the article end to end, VPC peering, paging,
 * determinism, export) are tests of their own.
 */
#include "tests/testutils.h"
#include "sim/pp-engine.h"
#include "model/pp-scenario-xml.h"
#include "model/pp-reach.h"

#include <json-glib/json-glib.h>
#include <string.h>

#define UID_A "1111111111111111"
#define UID_B "2222222222222222"
#define TOKYO "ap-northeast-1"
#define SV "us-west-1"

typedef enum {
  STAGE_LOADED,       /* the article's starting state */
  STAGE_CREATED,      /* + A's initiator ri_a (PrePaid), B's acceptor ri_b */
  STAGE_CONFIGURED,   /* + each names the other (id, router, type, owner) */
  STAGE_CONNECTED,    /* + A connected, clock settled: both Active */
  STAGE_ROUTED,       /* + a route each way via the interfaces, settled */
  STAGE_INACTIVE,     /* + A deactivated ri_a, settled: Inactive */
} Stage;

typedef struct {
  PpEngine *e;
  char *ri_a, *ri_b;
  char *vrt_a, *vrt_b, *vtb_a, *vtb_b;
} World;

static PpScenario *
article (void)
{
  g_autofree char *path = pp_test_srcpath ("data/examples/article.xml");
  g_autoptr(GError) error = NULL;
  PpScenario *sc = pp_scenario_load_file (path, NULL, &error);

  ck_assert_msg (sc != NULL, "article.xml: %s", error ? error->message : "");
  return sc;
}

static char *
field (PpApiResult *r, const char *path)
{
  char *v = pp_api_result_get (r, path);

  ck_assert_msg (v != NULL, "no field %s in the answer (code %s)", path, r->code ? r->code : "none");
  return v;
}

/* Asserts that field @path of the answer @r is @want (it must be there). */
#define assert_field(r, path, want) assert_field_at (__LINE__, (r), (path), (want))

static void
assert_field_at (int line, PpApiResult *r, const char *path, const char *want)
{
  g_autofree char *v = pp_api_result_get (r, path);

  ck_assert_msg (v != NULL, "line %d: no field %s in the answer (code %s)", line, path,
                 r->code ? r->code : "none");
  ck_assert_msg (g_str_equal (v, want), "line %d: %s is '%s', want '%s'", line, path, v, want);
}

static void
ok (PpApiResult *r, const char *what)
{
  ck_assert_msg (r->code == NULL, "%s failed: %s (%s)", what, r->code, r->message);
  ck_assert_uint_eq (r->http_status, 200);
}

static char *
object_field (PpEngine *e, const char *name, const char *key)
{
  g_autoptr(GVariant) v = pp_engine_object (e, name);
  const char *s = NULL;

  ck_assert_msg (v != NULL, "no object %s", name);
  ck_assert (g_variant_lookup (v, key, "&s", &s));
  return g_strdup (s);
}

static void
world_init (World *w, guint64 seed)
{
  g_autoptr(PpScenario) sc = article ();
  g_autoptr(GError) error = NULL;

  memset (w, 0, sizeof *w);
  w->e = pp_engine_new (NULL, seed);
  ck_assert_msg (pp_engine_load_scenario (w->e, sc, &error), "%s", error ? error->message : "");
  w->vrt_a = object_field (w->e, "vpc-tokyo", "VRouterId");
  w->vrt_b = object_field (w->e, "vpc-sv", "VRouterId");
  w->vtb_a = object_field (w->e, "vpc-tokyo", "RouteTableId");
  w->vtb_b = object_field (w->e, "vpc-sv", "RouteTableId");
}

static void
world_clear (World *w)
{
  pp_engine_free (w->e);
  g_free (w->ri_a);
  g_free (w->ri_b);
  g_free (w->vrt_a);
  g_free (w->vrt_b);
  g_free (w->vtb_a);
  g_free (w->vtb_b);
}

/* Runs the workflow's steps after stage @from up to stage @to. */
static void
world_advance (World *w, Stage from, Stage to)
{
  PpEngine *e = w->e;
  PpApiResult *r;

#define STEP(st) (from < (st) && to >= (st))
  if (STEP (STAGE_CREATED))
    {
      r = pp_engine_callv (e, UID_A, NULL, "CreateRouterInterface",
                           "RegionId", TOKYO, "Role", "InitiatingSide", "RouterType", "VRouter",
                           "RouterId", w->vrt_a, "Spec", "Large.1", "OppositeRegionId", SV,
                           "InstanceChargeType", "PrePaid", "Period", "1", "PricingCycle", "Month",
                           NULL);
      ok (r, "A creates the initiator");
      w->ri_a = field (r, "RouterInterfaceId");
      pp_api_result_free (r);
      r = pp_engine_callv (e, UID_B, NULL, "CreateRouterInterface",
                           "RegionId", SV, "Role", "AcceptingSide", "RouterType", "VRouter",
                           "RouterId", w->vrt_b, "Spec", "Negative", "OppositeRegionId", TOKYO,
                           "InstanceChargeType", "PostPaid", NULL);
      ok (r, "B creates the acceptor");
      w->ri_b = field (r, "RouterInterfaceId");
      pp_api_result_free (r);
    }
  if (STEP (STAGE_CONFIGURED))
    {
      r = pp_engine_callv (e, UID_A, NULL, "ModifyRouterInterfaceAttribute",
                           "RegionId", TOKYO, "RouterInterfaceId", w->ri_a,
                           "OppositeInterfaceId", w->ri_b, "OppositeRouterId", w->vrt_b,
                           "OppositeRouterType", "VRouter", "OppositeInterfaceOwnerId", UID_B, NULL);
      ok (r, "A names B's interface");
      pp_api_result_free (r);
      r = pp_engine_callv (e, UID_B, NULL, "ModifyRouterInterfaceAttribute",
                           "RegionId", SV, "RouterInterfaceId", w->ri_b,
                           "OppositeInterfaceId", w->ri_a, "OppositeRouterId", w->vrt_a,
                           "OppositeRouterType", "VRouter", "OppositeInterfaceOwnerId", UID_A, NULL);
      ok (r, "B names A's interface");
      pp_api_result_free (r);
    }
  if (STEP (STAGE_CONNECTED))
    {
      r = pp_engine_callv (e, UID_A, NULL, "ConnectRouterInterface",
                           "RegionId", TOKYO, "RouterInterfaceId", w->ri_a, NULL);
      ok (r, "A connects");
      pp_api_result_free (r);
      pp_engine_settle (e);
      ck_assert_str_eq (pp_engine_status (e, w->ri_a), "Active");
      ck_assert_str_eq (pp_engine_status (e, w->ri_b), "Active");
    }
  if (STEP (STAGE_ROUTED))
    {
      r = pp_engine_callv (e, UID_A, NULL, "CreateRouteEntry",
                           "RegionId", TOKYO, "RouteTableId", w->vtb_a,
                           "DestinationCidrBlock", "192.168.0.0/24",
                           "NextHopType", "RouterInterface", "NextHopId", w->ri_a, NULL);
      ok (r, "A adds its route");
      pp_api_result_free (r);
      r = pp_engine_callv (e, UID_B, NULL, "CreateRouteEntry",
                           "RegionId", SV, "RouteTableId", w->vtb_b,
                           "DestinationCidrBlock", "172.16.0.0/24",
                           "NextHopType", "RouterInterface", "NextHopId", w->ri_b, NULL);
      ok (r, "B adds its route");
      pp_api_result_free (r);
      pp_engine_settle (e);
    }
  if (STEP (STAGE_INACTIVE))
    {
      r = pp_engine_callv (e, UID_A, NULL, "DeactivateRouterInterface",
                           "RegionId", TOKYO, "RouterInterfaceId", w->ri_a, NULL);
      ok (r, "A deactivates");
      pp_api_result_free (r);
      pp_engine_settle (e);
      ck_assert_str_eq (pp_engine_status (e, w->ri_a), "Inactive");
    }
#undef STEP
}

static void
world_stage (World *w, Stage stage)
{
  world_advance (w, STAGE_LOADED, stage);
}

/* "$ria" etc. in a table string, replaced by the world's ids. */
static char *
expand (World *w, const char *s)
{
  const struct { const char *token; const char *value; } subst[] = {
    { "$ria", w->ri_a }, { "$rib", w->ri_b },
    { "$vrta", w->vrt_a }, { "$vrtb", w->vrt_b },
    { "$vtba", w->vtb_a }, { "$vtbb", w->vtb_b },
    { "$uida", UID_A }, { "$uidb", UID_B },
  };
  GString *out = g_string_new (s);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (subst); i++)
    g_string_replace (out, subst[i].token, subst[i].value != NULL ? subst[i].value : "", 0);
  return g_string_free (out, FALSE);
}

static GHashTable *
params_parse (World *w, const char *spec)
{
  GHashTable *h = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) pairs = NULL;
  guint i;

  if (spec == NULL || *spec == '\0')
    return h;
  pairs = g_strsplit (spec, "&", -1);
  for (i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      ck_assert_msg (eq != NULL, "bad table params %s", spec);
      g_hash_table_insert (h, g_strndup (pairs[i], eq - pairs[i]), expand (w, eq + 1));
    }
  return h;
}

typedef struct {
  const char *name;
  Stage stage;
  const char *who;            /* caller uid */
  const char *action;
  const char *params;         /* "K=V&K=V" with $tokens */
  const char *code;           /* NULL = success */
  guint http;
  const char *watch;          /* a $token whose status to check, or NULL */
  const char *now;            /* its status right after the call */
  const char *settled;        /* its status once the clock settles; "-" = gone */
} Row;

#define RI_A_CREATE "RegionId=ap-northeast-1&Role=InitiatingSide&RouterType=VRouter&RouterId=$vrta&OppositeRegionId=us-west-1"
#define RI_B_CREATE "RegionId=us-west-1&Role=AcceptingSide&RouterType=VRouter&RouterId=$vrtb&OppositeRegionId=ap-northeast-1"
#define A_RI "RegionId=ap-northeast-1&RouterInterfaceId=$ria"
#define B_RI "RegionId=us-west-1&RouterInterfaceId=$rib"
#define MISSING "MissingParameter", 400

static const Row rows[] = {
  /* CreateRouterInterface */
  { "create initiator", STAGE_LOADED, UID_A, "CreateRouterInterface", RI_A_CREATE "&Spec=Large.1", NULL, 200 },
  { "create acceptor", STAGE_LOADED, UID_B, "CreateRouterInterface", RI_B_CREATE "&Spec=Negative", NULL, 200 },
  { "create without RegionId", STAGE_LOADED, UID_A, "CreateRouterInterface", "Role=InitiatingSide&RouterType=VRouter&RouterId=$vrta&Spec=Large.1&OppositeRegionId=us-west-1", MISSING },
  { "create without Role", STAGE_LOADED, UID_A, "CreateRouterInterface", "RegionId=ap-northeast-1&RouterType=VRouter&RouterId=$vrta&Spec=Large.1&OppositeRegionId=us-west-1", MISSING },
  { "create without RouterType", STAGE_LOADED, UID_A, "CreateRouterInterface", "RegionId=ap-northeast-1&Role=InitiatingSide&RouterId=$vrta&Spec=Large.1&OppositeRegionId=us-west-1", MISSING },
  { "create without RouterId", STAGE_LOADED, UID_A, "CreateRouterInterface", "RegionId=ap-northeast-1&Role=InitiatingSide&RouterType=VRouter&Spec=Large.1&OppositeRegionId=us-west-1", MISSING },
  { "create without Spec", STAGE_LOADED, UID_A, "CreateRouterInterface", RI_A_CREATE, MISSING },
  { "create without OppositeRegionId", STAGE_LOADED, UID_A, "CreateRouterInterface", "RegionId=ap-northeast-1&Role=InitiatingSide&RouterType=VRouter&RouterId=$vrta&Spec=Large.1", MISSING },
  { "create in unknown region", STAGE_LOADED, UID_A, "CreateRouterInterface", "RegionId=xx-nowhere-1&Role=InitiatingSide&RouterType=VRouter&RouterId=$vrta&Spec=Large.1&OppositeRegionId=us-west-1", "InvalidRegionId.NotFound", 404 },
  { "create towards unknown region", STAGE_LOADED, UID_A, "CreateRouterInterface", "RegionId=ap-northeast-1&Role=InitiatingSide&RouterType=VRouter&RouterId=$vrta&Spec=Large.1&OppositeRegionId=xx-nowhere-1", "IllegalParam.RegionId", 400 },
  { "create with bad role", STAGE_LOADED, UID_A, "CreateRouterInterface", "RegionId=ap-northeast-1&Role=Both&RouterType=VRouter&RouterId=$vrta&Spec=Large.1&OppositeRegionId=us-west-1", "InvalidRole.ValueNotSupported", 400 },
  { "create with bad router type", STAGE_LOADED, UID_A, "CreateRouterInterface", "RegionId=ap-northeast-1&Role=InitiatingSide&RouterType=Router&RouterId=$vrta&Spec=Large.1&OppositeRegionId=us-west-1", "InvalidRouterType.ValueNotSupported", 400 },
  { "create with bad spec", STAGE_LOADED, UID_A, "CreateRouterInterface", RI_A_CREATE "&Spec=Huge.9", "InvalidSpec.ValudNotSupported", 400 },
  { "acceptor with a spec", STAGE_LOADED, UID_B, "CreateRouterInterface", RI_B_CREATE "&Spec=Large.1", "IllegalParam.Spec", 400 },
  { "initiator with Negative", STAGE_LOADED, UID_A, "CreateRouterInterface", RI_A_CREATE "&Spec=Negative", "IllegalParam.Spec", 400 },
  { "slip: acceptor bought PrePaid", STAGE_LOADED, UID_B, "CreateRouterInterface", RI_B_CREATE "&Spec=Negative&InstanceChargeType=PrePaid&Period=1", "Forbidden.AcceptRoleNotSupportPrePay", 400 },
  { "bad charge type", STAGE_LOADED, UID_A, "CreateRouterInterface", RI_A_CREATE "&Spec=Large.1&InstanceChargeType=Monthly", "InvalidRouterInterfaceChargeType.Malformed", 400 },
  { "PrePaid within one region", STAGE_LOADED, UID_A, "CreateRouterInterface", "RegionId=ap-northeast-1&Role=InitiatingSide&RouterType=VRouter&RouterId=$vrta&Spec=Large.1&OppositeRegionId=ap-northeast-1&InstanceChargeType=PrePaid&Period=1", "InvalidRouterInterfaceChargeType.Malformed", 400 },
  { "PrePaid without Period", STAGE_LOADED, UID_A, "CreateRouterInterface", RI_A_CREATE "&Spec=Large.1&InstanceChargeType=PrePaid", MISSING },
  { "PrePaid Period 10 months", STAGE_LOADED, UID_A, "CreateRouterInterface", RI_A_CREATE "&Spec=Large.1&InstanceChargeType=PrePaid&Period=10", "InvalidParameter", 400 },
  { "PrePaid Period 3 years", STAGE_LOADED, UID_A, "CreateRouterInterface", RI_A_CREATE "&Spec=Large.1&InstanceChargeType=PrePaid&Period=3&PricingCycle=Year", NULL, 200 },
  { "PrePaid Period 4 years", STAGE_LOADED, UID_A, "CreateRouterInterface", RI_A_CREATE "&Spec=Large.1&InstanceChargeType=PrePaid&Period=4&PricingCycle=Year", "InvalidParameter", 400 },
  { "bad name", STAGE_LOADED, UID_A, "CreateRouterInterface", RI_A_CREATE "&Spec=Large.1&Name=1abc", "InvalidName.Malformed", 400 },
  { "name as url", STAGE_LOADED, UID_A, "CreateRouterInterface", RI_A_CREATE "&Spec=Large.1&Name=http://x", "InvalidName.Malformed", 400 },
  { "bad description", STAGE_LOADED, UID_A, "CreateRouterInterface", RI_A_CREATE "&Spec=Large.1&Description=x", "InvalidDescription.Malformed", 400 },
  { "health check without target", STAGE_LOADED, UID_A, "CreateRouterInterface", RI_A_CREATE "&Spec=Large.1&HealthCheckSourceIp=172.16.0.1", MISSING },
  { "someone else's router", STAGE_LOADED, UID_B, "CreateRouterInterface", "RegionId=ap-northeast-1&Role=InitiatingSide&RouterType=VRouter&RouterId=$vrta&Spec=Large.1&OppositeRegionId=us-west-1", "InvalidRouterId.NotFound", 404 },
  { "router in another region", STAGE_LOADED, UID_A, "CreateRouterInterface", "RegionId=us-west-1&Role=InitiatingSide&RouterType=VRouter&RouterId=$vrta&Spec=Large.1&OppositeRegionId=us-west-1", "InvalidRouterId.NotFound", 404 },
  { "second pair between connected routers", STAGE_CONNECTED, UID_A, "CreateRouterInterface", RI_A_CREATE "&Spec=Large.1&OppositeRouterId=$vrtb", "HaveConnectionBetweenRouters", 400 },

  /* ModifyRouterInterfaceAttribute */
  { "modify name", STAGE_CREATED, UID_A, "ModifyRouterInterfaceAttribute", A_RI "&Name=tokyo-side", NULL, 200, "$ria", "Idle", "Idle" },
  { "modify without id", STAGE_CREATED, UID_A, "ModifyRouterInterfaceAttribute", "RegionId=ap-northeast-1", MISSING },
  { "modify unknown id", STAGE_CREATED, UID_A, "ModifyRouterInterfaceAttribute", "RegionId=ap-northeast-1&RouterInterfaceId=ri-nosuchthing", "InvalidRouterInterfaceId.NotFound", 404 },
  { "B modifies A's interface", STAGE_CREATED, UID_B, "ModifyRouterInterfaceAttribute", A_RI "&Name=mine", "InvalidRouterInterfaceId.NotFound", 404 },
  { "modify in the wrong region", STAGE_CREATED, UID_A, "ModifyRouterInterfaceAttribute", "RegionId=us-west-1&RouterInterfaceId=$ria&Name=abc", "InvalidRouterInterfaceId.NotFound", 404 },
  { "bad opposite router type", STAGE_CREATED, UID_A, "ModifyRouterInterfaceAttribute", A_RI "&OppositeRouterType=Switch", "InvalidOppositeRouterType.ValueNotSupported", 400 },
  { "bad HcRate", STAGE_CREATED, UID_A, "ModifyRouterInterfaceAttribute", A_RI "&HcRate=fast", "IllegalParam.HcRate", 400 },
  { "bad HcThreshold", STAGE_CREATED, UID_A, "ModifyRouterInterfaceAttribute", A_RI "&HcThreshold=0", "IllegalParam.HcThreshold", 400 },
  { "opposite info of an Active interface", STAGE_CONNECTED, UID_A, "ModifyRouterInterfaceAttribute", A_RI "&OppositeInterfaceId=$rib", "IncorrectStatus.RouterInterface", 400 },
  { "name of an Active interface", STAGE_CONNECTED, UID_A, "ModifyRouterInterfaceAttribute", A_RI "&Name=renamed", NULL, 200, "$ria", "Active", "Active" },

  /* ConnectRouterInterface */
  { "connect", STAGE_CONFIGURED, UID_A, "ConnectRouterInterface", A_RI, NULL, 200, "$ria", "Connecting", "Active" },
  { "connect: acceptor side transient", STAGE_CONFIGURED, UID_A, "ConnectRouterInterface", A_RI, NULL, 200, "$rib", "AcceptingConnecting", "Active" },
  { "connect without id", STAGE_CONFIGURED, UID_A, "ConnectRouterInterface", "RegionId=ap-northeast-1", MISSING },
  { "slip: B tries to connect", STAGE_CONFIGURED, UID_B, "ConnectRouterInterface", B_RI, "IncorrectRole.NotInitiatingSide", 400, "$rib", "Idle", "Idle" },
  { "B connects A's interface", STAGE_CONFIGURED, UID_B, "ConnectRouterInterface", "RegionId=ap-northeast-1&RouterInterfaceId=$ria", "InvalidRouterInterfaceId.NotFound", 404 },
  { "slip: connect before opposite info is set", STAGE_CREATED, UID_A, "ConnectRouterInterface", A_RI, "IncorrectOppositeInterfaceInfo.NotSet", 400, "$ria", "Idle", "Idle" },
  { "connect twice", STAGE_CONNECTED, UID_A, "ConnectRouterInterface", A_RI, "IncorrectRIStatus", 400, "$ria", "Active", "Active" },

  /* Activate / Deactivate */
  { "deactivate", STAGE_CONNECTED, UID_A, "DeactivateRouterInterface", A_RI, NULL, 200, "$ria", "Deactivating", "Inactive" },
  { "deactivate leaves the peer", STAGE_CONNECTED, UID_A, "DeactivateRouterInterface", A_RI, NULL, 200, "$rib", "Active", "Active" },
  { "deactivate an Idle one", STAGE_CREATED, UID_A, "DeactivateRouterInterface", A_RI, "IncorrectRIStatus", 400 },
  { "deactivate without id", STAGE_CONNECTED, UID_A, "DeactivateRouterInterface", "RegionId=ap-northeast-1", MISSING },
  { "B deactivates A's", STAGE_CONNECTED, UID_B, "DeactivateRouterInterface", "RegionId=ap-northeast-1&RouterInterfaceId=$ria", "InvalidRouterInterfaceId.NotFound", 404 },
  { "activate", STAGE_INACTIVE, UID_A, "ActivateRouterInterface", A_RI, NULL, 200, "$ria", "Activating", "Active" },
  { "activate an Active one", STAGE_CONNECTED, UID_A, "ActivateRouterInterface", A_RI, "IncorrectRIStatus", 400 },
  { "activate an Idle one", STAGE_CREATED, UID_A, "ActivateRouterInterface", A_RI, "IncorrectRIStatus", 400 },
  { "activate without RegionId", STAGE_INACTIVE, UID_A, "ActivateRouterInterface", "RouterInterfaceId=$ria", MISSING },

  /* DeleteRouterInterface */
  { "delete an Idle one", STAGE_CREATED, UID_A, "DeleteRouterInterface", A_RI, NULL, 200, "$ria", "Deleting", "-" },
  { "delete an Active one", STAGE_CONNECTED, UID_A, "DeleteRouterInterface", A_RI, "IncorrectStatus", 400, "$ria", "Active", "Active" },
  { "slip: delete an interface a route uses", STAGE_INACTIVE, UID_A, "DeleteRouterInterface", A_RI, "ReferredByRouteEntry.RouterInterface", 400, "$ria", "Inactive", "Inactive" },
  { "delete an Inactive one without routes", STAGE_CONNECTED, UID_A, "DeactivateRouterInterface", A_RI, NULL, 200, "$ria", "Deactivating", "Inactive" },
  { "B deletes A's", STAGE_CREATED, UID_B, "DeleteRouterInterface", "RegionId=ap-northeast-1&RouterInterfaceId=$ria", "InvalidRouterInterfaceId.NotFound", 404 },
  { "delete without id", STAGE_CREATED, UID_A, "DeleteRouterInterface", "RegionId=ap-northeast-1", MISSING },

  /* ModifyRouterInterfaceSpec */
  { "spec of an Active one", STAGE_CONNECTED, UID_A, "ModifyRouterInterfaceSpec", A_RI "&Spec=Large.2", NULL, 200, "$ria", "Activating", "Active" },
  { "spec of an Idle one", STAGE_CREATED, UID_A, "ModifyRouterInterfaceSpec", A_RI "&Spec=Middle.1", NULL, 200, "$ria", "Idle", "Idle" },
  { "spec unknown", STAGE_CONNECTED, UID_A, "ModifyRouterInterfaceSpec", A_RI "&Spec=Large.9", "InvalidSpec.ValueNotSupported", 400 },
  { "spec of the acceptor", STAGE_CONNECTED, UID_B, "ModifyRouterInterfaceSpec", B_RI "&Spec=Large.2", "InvalidSpec.ValueNotSupported", 400 },
  { "spec of an Inactive one", STAGE_INACTIVE, UID_A, "ModifyRouterInterfaceSpec", A_RI "&Spec=Large.2", "InvalidInstance.StatusError", 400 },
  { "spec missing", STAGE_CONNECTED, UID_A, "ModifyRouterInterfaceSpec", A_RI, MISSING },

  /* Describe */
  { "describe", STAGE_CREATED, UID_A, "DescribeRouterInterfaces", "RegionId=ap-northeast-1", NULL, 200 },
  { "describe without RegionId", STAGE_CREATED, UID_A, "DescribeRouterInterfaces", "", MISSING },
  { "describe with unknown filter key", STAGE_CREATED, UID_A, "DescribeRouterInterfaces", "RegionId=ap-northeast-1&Filter.1.Key=Colour&Filter.1.Value.1=red", "InvalidFilterKey.ValueNotSupported", 404 },
  { "describe with a filter without value", STAGE_CREATED, UID_A, "DescribeRouterInterfaces", "RegionId=ap-northeast-1&Filter.1.Key=Status", "InvalidParam.NotNull", 400 },
  { "describe page size 51", STAGE_CREATED, UID_A, "DescribeRouterInterfaces", "RegionId=ap-northeast-1&PageSize=51", "InvalidParameter", 400 },
  { "describe page 0", STAGE_CREATED, UID_A, "DescribeRouterInterfaces", "RegionId=ap-northeast-1&PageNumber=0", "InvalidParameter", 400 },
  { "attribute", STAGE_CREATED, UID_A, "DescribeRouterInterfaceAttribute", "RegionId=ap-northeast-1&InstanceId=$ria", NULL, 200 },
  { "attribute without InstanceId", STAGE_CREATED, UID_A, "DescribeRouterInterfaceAttribute", "RegionId=ap-northeast-1", MISSING },
  { "attribute of B's as A", STAGE_CREATED, UID_A, "DescribeRouterInterfaceAttribute", "RegionId=us-west-1&InstanceId=$rib", "InvalidRouterInterfaceId.NotFound", 404 },

  /* Routes */
  { "route", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=192.168.0.0/16&NextHopType=RouterInterface&NextHopId=$ria", NULL, 200 },
  { "route without table", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "DestinationCidrBlock=192.168.0.0/16&NextHopType=RouterInterface&NextHopId=$ria", MISSING },
  { "route without destination", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "RouteTableId=$vtba&NextHopType=RouterInterface&NextHopId=$ria", MISSING },
  { "route without next hop", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=192.168.0.0/16&NextHopType=RouterInterface", MISSING },
  { "route with commas", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=192,168,0,0/16&NextHopType=RouterInterface&NextHopId=$ria", "InvalidCidrBlock.Malformed", 400 },
  { "route duplicate", STAGE_ROUTED, UID_A, "CreateRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=192.168.0.0/24&NextHopType=RouterInterface&NextHopId=$ria", "InvalidCIDRBlock.Duplicate", 400 },
  { "route inside a vSwitch", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=172.16.0.128/25&NextHopType=RouterInterface&NextHopId=$ria", "InvalidCidrBlock", 400 },
  { "route equal to a vSwitch", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=172.16.0.0/24&NextHopType=RouterInterface&NextHopId=$ria", "InvalidCidrBlock", 400 },
  { "route containing a vSwitch", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=172.16.0.0/16&NextHopType=Instance&NextHopId=ecs-a", NULL, 200 },
  { "route to 100.64.0.0/10", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=100.64.0.0/10&NextHopType=RouterInterface&NextHopId=$ria", "InvalidCidrBlock", 400 },
  { "route bare IP is a /32", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=192.168.0.147&NextHopType=RouterInterface&NextHopId=$ria", NULL, 200 },
  { "route bad next hop type", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=192.168.0.0/16&NextHopType=Tunnel&NextHopId=$ria", "InvalidNextHopType", 400 },
  { "route via B's interface", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=192.168.0.0/16&NextHopType=RouterInterface&NextHopId=$rib", "InvalidNextHopId.NotFound", 404 },
  { "route via an instance elsewhere", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=10.0.0.0/8&NextHopId=ecs-b", "InvalidInstanId.NotFound", 404 },
  { "route in B's table", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "RouteTableId=$vtbb&DestinationCidrBlock=10.0.0.0/8&NextHopType=RouterInterface&NextHopId=$ria", "InvalidRouteTableId.NotFound", 404 },
  { "route in the other region", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "RegionId=us-west-1&RouteTableId=$vtba&DestinationCidrBlock=192.168.0.0/16&NextHopType=RouterInterface&NextHopId=$ria", "InvalidRouteTableId.NotFound", 404 },
  { "route in an unknown region", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "RegionId=xx-nowhere-1&RouteTableId=$vtba&DestinationCidrBlock=192.168.0.0/16&NextHopType=RouterInterface&NextHopId=$ria", "InvalidRegionId.NotFound", 404 },
  { "route in its region", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "RegionId=ap-northeast-1&RouteTableId=$vtba&DestinationCidrBlock=192.168.0.0/16&NextHopType=RouterInterface&NextHopId=$ria", NULL, 200 },
  { "route via an interface not yet connected", STAGE_CREATED, UID_A, "CreateRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=192.168.0.0/16&NextHopType=RouterInterface&NextHopId=$ria", NULL, 200 },
  { "route with an empty next hop type", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=10.0.0.0/8&NextHopType=&NextHopId=ecs-a", NULL, 200 },
  { "route by an unknown caller", STAGE_CONNECTED, "9999999999999999", "CreateRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=192.168.0.0/16&NextHopType=RouterInterface&NextHopId=$ria", "InvalidAccessKeyId.NotFound", 404 },
  { "route dry run", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=192.168.0.0/16&NextHopType=RouterInterface&NextHopId=$ria&DryRun=true", "DryRunOperation", 400 },
  { "delete route by destination", STAGE_ROUTED, UID_A, "DeleteRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=192.168.0.0/24", NULL, 200 },
  { "delete route unknown", STAGE_ROUTED, UID_A, "DeleteRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=10.9.0.0/16", "InvalidRouteEntry.NotFound", 400 },
  { "delete route by unknown id", STAGE_ROUTED, UID_A, "DeleteRouteEntry", "RouteEntryId=rte-nosuchthing", "InvalidRouteEntryId.NotFound", 400 },
  { "delete system route", STAGE_ROUTED, UID_A, "DeleteRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=172.16.0.0/24", "OperationDenied", 400 },
  { "delete route in an unknown region", STAGE_ROUTED, UID_A, "DeleteRouteEntry", "RegionId=xx-nowhere-9&RouteTableId=$vtba&DestinationCidrBlock=192.168.0.0/24", "InvalidRegionId.NotFound", 404 },
  { "delete route without ids", STAGE_ROUTED, UID_A, "DeleteRouteEntry", "RouteTableId=$vtba", MISSING },
  { "delete route in B's table", STAGE_ROUTED, UID_A, "DeleteRouteEntry", "RouteTableId=$vtbb&DestinationCidrBlock=172.16.0.0/24", "InvalidRouteTableId.NotFound", 404 },
  { "route tables by router", STAGE_ROUTED, UID_A, "DescribeRouteTables", "RegionId=ap-northeast-1&VRouterId=$vrta", NULL, 200 },
  { "route tables without selector", STAGE_ROUTED, UID_A, "DescribeRouteTables", "RegionId=ap-northeast-1", MISSING },
  { "route tables of B's router", STAGE_ROUTED, UID_A, "DescribeRouteTables", "RegionId=us-west-1&VRouterId=$vrtb", "InvalidVRouterId.NotFound", 400 },
  { "route tables both router ids", STAGE_ROUTED, UID_A, "DescribeRouteTables", "RegionId=ap-northeast-1&VRouterId=$vrta&RouterId=$vrta", "InvalidParameter", 400 },
  { "route table list", STAGE_ROUTED, UID_A, "DescribeRouteTableList", "RegionId=ap-northeast-1", NULL, 200 },
  { "route table list without region", STAGE_ROUTED, UID_A, "DescribeRouteTableList", "", MISSING },
  { "route entry list", STAGE_ROUTED, UID_A, "DescribeRouteEntryList", "RegionId=ap-northeast-1&RouteTableId=$vtba", NULL, 200 },
  { "route entry list without table", STAGE_ROUTED, UID_A, "DescribeRouteEntryList", "RegionId=ap-northeast-1", MISSING },
  { "route entry list of B's table", STAGE_ROUTED, UID_A, "DescribeRouteEntryList", "RegionId=us-west-1&RouteTableId=$vtbb", "InvalidRouteTableId.NotFound", 404 },
  { "route entry list MaxResult 101", STAGE_ROUTED, UID_A, "DescribeRouteEntryList", "RegionId=ap-northeast-1&RouteTableId=$vtba&MaxResult=101", "InvalidParameter", 400 },

  /* VPCs, vSwitches, regions */
  { "create vpc", STAGE_LOADED, UID_A, "CreateVpc", "RegionId=ap-northeast-1&CidrBlock=10.0.0.0/16&VpcName=second", NULL, 200 },
  { "create vpc default cidr", STAGE_LOADED, UID_A, "CreateVpc", "RegionId=ap-northeast-1", NULL, 200 },
  { "create vpc without region", STAGE_LOADED, UID_A, "CreateVpc", "CidrBlock=10.0.0.0/16", MISSING },
  { "create vpc unknown region", STAGE_LOADED, UID_A, "CreateVpc", "RegionId=mars-1&CidrBlock=10.0.0.0/16", "InvalidRegionId.NotFound", 404 },
  { "create vpc /29", STAGE_LOADED, UID_A, "CreateVpc", "RegionId=ap-northeast-1&CidrBlock=10.0.0.0/29", "InvalidParameter", 400 },
  { "create vpc /7", STAGE_LOADED, UID_A, "CreateVpc", "RegionId=ap-northeast-1&CidrBlock=10.0.0.0/7", "InvalidParameter", 400 },
  { "create vpc in 100.64", STAGE_LOADED, UID_A, "CreateVpc", "RegionId=ap-northeast-1&CidrBlock=100.64.1.0/24", "InvalidParameter", 400 },
  { "create vpc in 127/8", STAGE_LOADED, UID_A, "CreateVpc", "RegionId=ap-northeast-1&CidrBlock=127.0.0.0/16", "InvalidParameter", 400 },
  { "create vpc with commas", STAGE_LOADED, UID_A, "CreateVpc", "RegionId=ap-northeast-1&CidrBlock=10,20,0,0/16", "InvalidParameter", 400 },
  { "create vpc bad name", STAGE_LOADED, UID_A, "CreateVpc", "RegionId=ap-northeast-1&VpcName=-x", "InvalidVpcName.Malformed", 400 },
  { "create vpc dry run", STAGE_LOADED, UID_A, "CreateVpc", "RegionId=ap-northeast-1&DryRun=true", "DryRunOperation", 400 },
  { "create vswitch", STAGE_LOADED, UID_A, "CreateVSwitch", "VpcId=vpc-tokyo&ZoneId=ap-northeast-1b&CidrBlock=172.16.1.0/24", NULL, 200 },
  { "create vswitch without zone", STAGE_LOADED, UID_A, "CreateVSwitch", "VpcId=vpc-tokyo&CidrBlock=172.16.1.0/24", MISSING },
  { "create vswitch without vpc", STAGE_LOADED, UID_A, "CreateVSwitch", "ZoneId=ap-northeast-1b&CidrBlock=172.16.1.0/24", MISSING },
  { "create vswitch in B's vpc", STAGE_LOADED, UID_A, "CreateVSwitch", "VpcId=vpc-sv&ZoneId=us-west-1a&CidrBlock=192.168.1.0/24", "InvalidVpcId.NotFound", 404 },
  { "create vswitch bad zone", STAGE_LOADED, UID_A, "CreateVSwitch", "VpcId=vpc-tokyo&ZoneId=us-west-1a&CidrBlock=172.16.1.0/24", "InvalidZoneId.NotFound", 404 },
  { "create vswitch outside vpc", STAGE_LOADED, UID_A, "CreateVSwitch", "VpcId=vpc-tokyo&ZoneId=ap-northeast-1a&CidrBlock=10.0.0.0/24", "InvalidParameter", 400 },
  { "create vswitch /30", STAGE_LOADED, UID_A, "CreateVSwitch", "VpcId=vpc-tokyo&ZoneId=ap-northeast-1a&CidrBlock=172.16.1.0/30", "InvalidCirdrBlock.MaskLength", 400 },
  { "create vswitch /15", STAGE_LOADED, UID_A, "CreateVSwitch", "VpcId=vpc-tokyo&ZoneId=ap-northeast-1a&CidrBlock=172.16.0.0/15", "InvalidCirdrBlock.MaskLength", 400 },
  { "create vswitch bad name", STAGE_LOADED, UID_A, "CreateVSwitch", "VpcId=vpc-tokyo&ZoneId=ap-northeast-1b&CidrBlock=172.16.1.0/24&VSwitchName=9", "InvalidVSwitchName.Malformed", 400 },
  { "route bad name", STAGE_CONNECTED, UID_A, "CreateRouteEntry", "RouteTableId=$vtba&DestinationCidrBlock=192.168.0.0/16&NextHopType=RouterInterface&NextHopId=$ria&RouteEntryName=_x", "InvalidParameter", 400 },
  { "create vswitch overlapping", STAGE_LOADED, UID_A, "CreateVSwitch", "VpcId=vpc-tokyo&ZoneId=ap-northeast-1a&CidrBlock=172.16.0.0/23", "InvalidCidrBlock.Overlapped", 400 },
  { "create vswitch outside B's vpc", STAGE_ROUTED, UID_B, "CreateVSwitch", "VpcId=vpc-sv&ZoneId=us-west-1a&CidrBlock=172.16.0.0/24", "InvalidParameter", 400 },
  { "describe vpcs", STAGE_LOADED, UID_A, "DescribeVpcs", "RegionId=ap-northeast-1", NULL, 200 },
  { "describe vpcs without region", STAGE_LOADED, UID_A, "DescribeVpcs", "", MISSING },
  { "describe vswitches", STAGE_LOADED, UID_A, "DescribeVSwitches", "VpcId=vpc-tokyo", NULL, 200 },
  { "describe vswitches without region or vpc", STAGE_LOADED, UID_A, "DescribeVSwitches", "", MISSING },
  { "describe regions", STAGE_LOADED, UID_A, "DescribeRegions", "", NULL, 200 },
  { "describe regions bad language", STAGE_LOADED, UID_A, "DescribeRegions", "AcceptLanguage=fr-FR", "InvalidParameter", 400 },

  /* VpcPeer, as far as one call goes (flows below) */
  { "peer without VpcId", STAGE_LOADED, UID_A, "CreateVpcPeerConnection", "RegionId=ap-northeast-1&AcceptingAliUid=$uidb&AcceptingRegionId=us-west-1&AcceptingVpcId=vpc-sv", MISSING },
  { "peer without AcceptingAliUid", STAGE_LOADED, UID_A, "CreateVpcPeerConnection", "RegionId=ap-northeast-1&VpcId=vpc-tokyo&AcceptingRegionId=us-west-1&AcceptingVpcId=vpc-sv", MISSING },
  { "peer without AcceptingRegionId", STAGE_LOADED, UID_A, "CreateVpcPeerConnection", "RegionId=ap-northeast-1&VpcId=vpc-tokyo&AcceptingAliUid=$uidb&AcceptingVpcId=vpc-sv", MISSING },
  { "peer without AcceptingVpcId", STAGE_LOADED, UID_A, "CreateVpcPeerConnection", "RegionId=ap-northeast-1&VpcId=vpc-tokyo&AcceptingAliUid=$uidb&AcceptingRegionId=us-west-1", MISSING },
  { "peer from B's vpc", STAGE_LOADED, UID_A, "CreateVpcPeerConnection", "RegionId=us-west-1&VpcId=vpc-sv&AcceptingAliUid=$uida&AcceptingRegionId=ap-northeast-1&AcceptingVpcId=vpc-tokyo", "IncorrectStatus.Vpc", 400 },
  { "peer to a vpc of the wrong owner", STAGE_LOADED, UID_A, "CreateVpcPeerConnection", "RegionId=ap-northeast-1&VpcId=vpc-tokyo&AcceptingAliUid=$uida&AcceptingRegionId=us-west-1&AcceptingVpcId=vpc-sv", "IncorrectStatus.AcceptingVpc", 400 },
  { "peer to an unknown region", STAGE_LOADED, UID_A, "CreateVpcPeerConnection", "RegionId=ap-northeast-1&VpcId=vpc-tokyo&AcceptingAliUid=$uidb&AcceptingRegionId=mars-1&AcceptingVpcId=vpc-sv", "UnsupportedRegion", 400 },
  { "peer with itself", STAGE_LOADED, UID_A, "CreateVpcPeerConnection", "RegionId=ap-northeast-1&VpcId=vpc-tokyo&AcceptingAliUid=$uida&AcceptingRegionId=ap-northeast-1&AcceptingVpcId=vpc-tokyo", "OperationFailed.ViolativeVpcPeer", 400 },
  { "peer bad link type", STAGE_LOADED, UID_A, "CreateVpcPeerConnection", "RegionId=ap-northeast-1&VpcId=vpc-tokyo&AcceptingAliUid=$uidb&AcceptingRegionId=us-west-1&AcceptingVpcId=vpc-sv&LinkType=Silver", "InvalidParameter", 400 },
  { "peer bandwidth 0", STAGE_LOADED, UID_A, "CreateVpcPeerConnection", "RegionId=ap-northeast-1&VpcId=vpc-tokyo&AcceptingAliUid=$uidb&AcceptingRegionId=us-west-1&AcceptingVpcId=vpc-sv&Bandwidth=0", "InvalidParameter", 400 },
  { "peer dry run", STAGE_LOADED, UID_A, "CreateVpcPeerConnection", "RegionId=ap-northeast-1&VpcId=vpc-tokyo&AcceptingAliUid=$uidb&AcceptingRegionId=us-west-1&AcceptingVpcId=vpc-sv&DryRun=true", "DryRunOperation", 400 },
  { "accept unknown", STAGE_LOADED, UID_B, "AcceptVpcPeerConnection", "InstanceId=pcc-nosuchthing", "ResourceNotFound.InstanceId", 400 },
  { "accept without id", STAGE_LOADED, UID_B, "AcceptVpcPeerConnection", "", MISSING },
  { "get unknown", STAGE_LOADED, UID_B, "GetVpcPeerConnectionAttribute", "InstanceId=pcc-nosuchthing", "ResourceNotFound.InstanceId", 400 },
  { "list without region", STAGE_LOADED, UID_B, "ListVpcPeerConnections", "", MISSING },
  { "list MaxResults 101", STAGE_LOADED, UID_B, "ListVpcPeerConnections", "RegionId=us-west-1&MaxResults=101", "InvalidParameter", 400 },
};

START_TEST (test_row)
{
  const Row *row = &rows[_i];
  World w;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(PpApiResult) r = NULL;
  g_autofree char *watch = NULL;

  world_init (&w, 7);
  world_stage (&w, row->stage);
  params = params_parse (&w, row->params);
  r = pp_engine_call (w.e, row->who, NULL, row->action, params);
  ck_assert_msg (g_strcmp0 (r->code, row->code) == 0, "%s: expected %s, got %s (%s)",
                 row->name, row->code ? row->code : "success", r->code ? r->code : "success",
                 r->message ? r->message : "");
  ck_assert_msg (r->http_status == row->http, "%s: HTTP %u, expected %u", row->name,
                 r->http_status, row->http);
  ck_assert (r->request_id != NULL && strlen (r->request_id) == 36);
  if (r->code == NULL)
    {
      g_autofree char *rid = pp_api_result_get (r, "RequestId");
      ck_assert_str_eq (rid, r->request_id);
    }
  else
    {
      g_autoptr(GVariant) body = pp_api_result_body (r);
      const char *code = NULL;
      ck_assert (r->response == NULL);
      ck_assert (g_variant_lookup (body, "Code", "&s", &code));
      ck_assert_str_eq (code, row->code);
    }
  if (row->watch != NULL)
    {
      watch = expand (&w, row->watch);
      ck_assert_msg (g_strcmp0 (pp_engine_status (w.e, watch), row->now) == 0,
                     "%s: status now %s, expected %s", row->name,
                     pp_engine_status (w.e, watch), row->now);
      pp_engine_settle (w.e);
      if (strcmp (row->settled, "-") == 0)
        ck_assert_msg (pp_engine_status (w.e, watch) == NULL, "%s: still there", row->name);
      else
        ck_assert_msg (g_strcmp0 (pp_engine_status (w.e, watch), row->settled) == 0,
                       "%s: settled %s, expected %s", row->name,
                       pp_engine_status (w.e, watch), row->settled);
    }
  world_clear (&w);
}
END_TEST

/* Two worlds @a and @b at the stage of @row, a CreateRouteEntry, and its
 * parameters (in @params) as a typed request in @rq; FALSE with no world
 * made when the row is another action's or sends more than the typed
 * request holds (DryRun, a name). */
static gboolean
row_route_request (const Row *row, World *a, World *b, GHashTable **params,
                   PpRouteEntryRequest *rq)
{
  static const char *const five[] = { "RegionId", "RouteTableId", "DestinationCidrBlock",
                                      "NextHopType", "NextHopId", NULL };
  GHashTableIter it;
  gpointer key;

  if (strcmp (row->action, "CreateRouteEntry") != 0)
    return FALSE;
  world_init (a, 7);
  world_stage (a, row->stage);
  *params = params_parse (a, row->params);
  g_hash_table_iter_init (&it, *params);
  while (g_hash_table_iter_next (&it, &key, NULL))
    if (!g_strv_contains (five, key))
      {
        world_clear (a);
        g_clear_pointer (params, g_hash_table_unref);
        return FALSE;
      }
  world_init (b, 7);
  world_stage (b, row->stage);
  *rq = (PpRouteEntryRequest) {
    g_hash_table_lookup (*params, "RegionId"), g_hash_table_lookup (*params, "RouteTableId"),
    g_hash_table_lookup (*params, "DestinationCidrBlock"), g_hash_table_lookup (*params, "NextHopType"),
    g_hash_table_lookup (*params, "NextHopId"), NULL
  };
  return TRUE;
}

/* pp_engine_create_route_entry() against pp_engine_call() on every
 * CreateRouteEntry row the typed request can hold (no parameter but its
 * five): two worlds of the same seed give the same answer, byte for
 * byte, and end in the same state. */
START_TEST (test_row_route_typed)
{
  const Row *row = &rows[_i];
  World by_name, typed;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(PpApiResult) a = NULL;
  g_autoptr(PpApiResult) b = NULL;
  g_autoptr(GVariant) body_a = NULL;
  g_autoptr(GVariant) body_b = NULL;
  g_autoptr(PpScenario) out_a = NULL;
  g_autoptr(PpScenario) out_b = NULL;
  g_autofree char *xml_a = NULL;
  g_autofree char *xml_b = NULL;
  PpRouteEntryRequest rq;

  if (!row_route_request (row, &by_name, &typed, &params, &rq))
    return;
  /* the runner's lean answers, and the full ones */
  pp_engine_set_lean_answers (by_name.e, _i % 2 == 0);
  pp_engine_set_lean_answers (typed.e, _i % 2 == 0);
  a = pp_engine_call (by_name.e, row->who, NULL, row->action, params);
  b = pp_engine_create_route_entry (typed.e, row->who, &rq);
  ck_assert_msg (g_strcmp0 (b->code, row->code) == 0, "%s: typed: expected %s, got %s (%s)",
                 row->name, row->code ? row->code : "success", b->code ? b->code : "success",
                 b->message ? b->message : "");
  ck_assert_uint_eq (a->http_status, b->http_status);
  ck_assert_str_eq (a->request_id, b->request_id);
  ck_assert_str_eq (a->version, b->version);
  ck_assert (g_strcmp0 (a->message, b->message) == 0);
  body_a = pp_api_result_body (a);
  body_b = pp_api_result_body (b);
  ck_assert_msg (g_variant_equal (body_a, body_b), "%s: %s against %s", row->name,
                 g_variant_print (body_a, FALSE), g_variant_print (body_b, FALSE));
  /* the same state: its export, and the clock */
  ck_assert_int_eq (pp_engine_settle (by_name.e), pp_engine_settle (typed.e));
  out_a = pp_engine_to_scenario (by_name.e, NULL, NULL);
  out_b = pp_engine_to_scenario (typed.e, NULL, NULL);
  xml_a = pp_scenario_to_xml (out_a);
  xml_b = pp_scenario_to_xml (out_b);
  ck_assert_str_eq (xml_a, xml_b);
  world_clear (&by_name);
  world_clear (&typed);
}
END_TEST

/* --- flows --- */

static char *
ri_status_via_describe (PpEngine *e, const char *uid, const char *region, const char *id)
{
  g_autoptr(PpApiResult) r = pp_engine_callv (e, uid, NULL, "DescribeRouterInterfaces",
                                              "RegionId", region,
                                              "Filter.1.Key", "RouterInterfaceId",
                                              "Filter.1.Value.1", id, NULL);
  ok (r, "describe");
  return pp_api_result_get (r, "RouterInterfaceSet.RouterInterfaceType.0.Status");
}

START_TEST (test_article_flow)
{
  World w;
  g_autoptr(PpScenario) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *st = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(PpScenario) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  PpApiResult *r;
  const PpConnection *conn;
  guint polls = 0;

  world_init (&w, 42);
  world_stage (&w, STAGE_CONFIGURED);
  st = ri_status_via_describe (w.e, UID_A, TOKYO, w.ri_a);
  ck_assert_str_eq (st, "Idle");
  g_clear_pointer (&st, g_free);

  r = pp_engine_callv (w.e, UID_A, NULL, "ConnectRouterInterface", "RegionId", TOKYO,
                       "RouterInterfaceId", w.ri_a, NULL);
  ok (r, "connect");
  pp_api_result_free (r);
  /* A poller (each call ticks the clock) sees Connecting, then Active. */
  st = ri_status_via_describe (w.e, UID_A, TOKYO, w.ri_a);
  ck_assert_str_eq (st, "Connecting");
  while (g_strcmp0 (st, "Active") != 0)
    {
      g_free (st);
      st = ri_status_via_describe (w.e, UID_A, TOKYO, w.ri_a);
      ck_assert (st != NULL);
      ck_assert (strcmp (st, "Connecting") == 0 || strcmp (st, "Active") == 0);
      ck_assert_uint_lt (++polls, 20);
    }
  ck_assert_uint_gt (polls, 1);
  g_clear_pointer (&st, g_free);
  ck_assert_str_eq (pp_engine_status (w.e, w.ri_b), "Active");

  /* Each side sees the other from its own interface. */
  r = pp_engine_callv (w.e, UID_B, NULL, "DescribeRouterInterfaceAttribute", "RegionId", SV,
                       "InstanceId", w.ri_b, NULL);
  ok (r, "attribute");
  assert_field (r, "OppositeInterfaceStatus", "Active");
  assert_field (r, "OppositeVpcInstanceId", "vpc-tokyo");
  assert_field (r, "OppositeInterfaceSpec", "Large.1");
  assert_field (r, "Success", "true");
  pp_api_result_free (r);

  world_advance (&w, STAGE_CONNECTED, STAGE_ROUTED);
  out = pp_engine_to_scenario (w.e, NULL, &error);
  ck_assert_msg (out != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (out->accounts->len, 2);
  ck_assert_uint_eq (out->vpcs->len, 2);
  ck_assert_uint_eq (out->vswitches->len, 2);
  ck_assert_uint_eq (out->instances->len, 2);
  ck_assert_uint_eq (out->connections->len, 1);
  ck_assert_uint_eq (out->routes->len, 2);
  conn = pp_scenario_connection (out, 0);
  ck_assert_int_eq (conn->type, PP_CONN_ROUTER_INTERFACE);
  ck_assert_str_eq (conn->status, "Active");
  ck_assert_str_eq (conn->spec, "Large.1");
  ck_assert_str_eq (conn->ends[0].interface_id, w.ri_a);
  ck_assert_str_eq (conn->ends[1].interface_id, w.ri_b);
  ck_assert_str_eq (conn->ends[1].opposite_interface, w.ri_a);
  ck_assert_str_eq (conn->ends[0].opposite_owner, UID_B);
  ck_assert_int_eq (conn->ends[0].charge, PP_CHARGE_SUBSCRIPTION);
  ck_assert_int_eq (conn->ends[1].charge, PP_CHARGE_PAY_AS_YOU_GO);
  ck_assert_int_eq (pp_scenario_route (out, 0)->next_hop_kind, PP_NEXT_HOP_CONNECTION);
  ck_assert_uint_eq (pp_scenario_route (out, 0)->next_hop, 0);
  ck_assert_str_eq (pp_scenario_vpc (out, pp_scenario_route (out, 1)->vpc)->id, "vpc-sv");

  /* The export is a valid scenario file. */
  xml = pp_scenario_to_xml (out);
  bytes = g_bytes_new (xml, strlen (xml));
  again = pp_scenario_load_bytes (bytes, "export.xml", NULL, &error);
  ck_assert_msg (again != NULL, "%s\n%s", error ? error->message : "", xml);
  ck_assert_uint_eq (again->connections->len, 1);
  ck_assert_uint_eq (again->routes->len, 2);
  world_clear (&w);
}
END_TEST

/* The article's first slip: B names its own interface as the opposite. */
START_TEST (test_slip_self_opposite)
{
  World w;
  PpApiResult *r;
  g_autoptr(PpScenario) out = NULL;

  world_init (&w, 1);
  world_stage (&w, STAGE_CREATED);
  r = pp_engine_callv (w.e, UID_A, NULL, "ModifyRouterInterfaceAttribute", "RegionId", TOKYO,
                       "RouterInterfaceId", w.ri_a, "OppositeInterfaceId", w.ri_b,
                       "OppositeRouterId", w.vrt_b, "OppositeRouterType", "VRouter",
                       "OppositeInterfaceOwnerId", UID_B, NULL);
  ok (r, "A");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_B, NULL, "ModifyRouterInterfaceAttribute", "RegionId", SV,
                       "RouterInterfaceId", w.ri_b, "OppositeInterfaceId", w.ri_b,
                       "OppositeRouterId", w.vrt_a, "OppositeRouterType", "VRouter",
                       "OppositeInterfaceOwnerId", UID_A, NULL);
  ok (r, "B (the API takes it; the connect refuses it)");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "ConnectRouterInterface", "RegionId", TOKYO,
                       "RouterInterfaceId", w.ri_a, NULL);
  ck_assert_str_eq (r->code, "AttrMismatching.AcceptingSideOppositeInterfaceId");
  ck_assert_uint_eq (r->http_status, 400);
  pp_api_result_free (r);
  ck_assert_str_eq (pp_engine_status (w.e, w.ri_a), "Idle");
  /* The export keeps the slip for `peerplan check` (rule ri-opposite). */
  out = pp_engine_to_scenario (w.e, NULL, NULL);
  ck_assert_uint_eq (out->connections->len, 1);
  ck_assert_str_eq (pp_scenario_connection (out, 0)->ends[1].opposite_interface, w.ri_b);
  ck_assert_str_eq (pp_scenario_connection (out, 0)->status, "Idle");

  /* An initiator naming itself: connecting on the same router. */
  r = pp_engine_callv (w.e, UID_A, NULL, "ModifyRouterInterfaceAttribute", "RegionId", TOKYO,
                       "RouterInterfaceId", w.ri_a, "OppositeInterfaceId", w.ri_a,
                       "OppositeRouterId", w.vrt_a, NULL);
  ok (r, "A names itself");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "ConnectRouterInterface", "RegionId", TOKYO,
                       "RouterInterfaceId", w.ri_a, NULL);
  ck_assert_str_eq (r->code, "IncorrectOppositeInterfaceInfo");
  pp_api_result_free (r);
  world_clear (&w);
}
END_TEST

/* The acceptor's attributes must match what the initiator declares. */
typedef struct {
  const char *name;
  const char *a_params;       /* overrides of A's opposite info */
  const char *b_params;       /* overrides of B's opposite info */
  const char *code;
} MatchRow;

static const MatchRow match_rows[] = {
  { "all match", "", "", NULL },
  { "A names its own router", "OppositeRouterId=$vrta", "", "IncorrectOppositeInterfaceInfo" },
  { "A names a router B's interface is not on", "OppositeRouterId=vrt-elsewhere", "", "AttrMismatching.AcceptingSideRouterId" },
  { "B names the wrong router", "", "OppositeRouterId=$vrtb", "AttrMismatching.AcceptingSideOppositeRouterId" },
  { "B names the wrong owner", "", "OppositeInterfaceOwnerId=$uidb", "AttrMismatching.AcceptingSideOppositeInterfaceOwnerId" },
  { "A names the wrong owner", "OppositeInterfaceOwnerId=$uida", "", "AttrMismatching.AcceptingSideAliUid" },
  { "A names an unknown owner", "OppositeInterfaceOwnerId=3333333333333333", "", "InvalidAccount.NotFound" },
  { "A names no interface that exists", "OppositeInterfaceId=ri-nosuchthing", "", "AttrMismatching.AcceptingSideInstanceId" },
  { "A's opposite type is VBR", "OppositeRouterType=VBR", "", "AttrMismatching.AcceptingSideRouterType" },
  { "B's opposite type is VBR", "", "OppositeRouterType=VBR", "AttrMismatching.AcceptingSideOppositeRouterType" },
};

static void
modify (World *w, const char *uid, const char *region, const char *ri, const char *extra)
{
  g_autoptr(GHashTable) p = params_parse (w, extra);
  g_autoptr(PpApiResult) r = NULL;

  g_hash_table_insert (p, g_strdup ("RegionId"), g_strdup (region));
  g_hash_table_insert (p, g_strdup ("RouterInterfaceId"), g_strdup (ri));
  r = pp_engine_call (w->e, uid, NULL, "ModifyRouterInterfaceAttribute", p);
  ok (r, extra);
}

START_TEST (test_connect_match)
{
  const MatchRow *row = &match_rows[_i];
  World w;
  g_autoptr(PpApiResult) r = NULL;

  world_init (&w, 3);
  world_stage (&w, STAGE_CONFIGURED);
  if (*row->a_params)
    modify (&w, UID_A, TOKYO, w.ri_a, row->a_params);
  if (*row->b_params)
    modify (&w, UID_B, SV, w.ri_b, row->b_params);
  r = pp_engine_callv (w.e, UID_A, NULL, "ConnectRouterInterface", "RegionId", TOKYO,
                       "RouterInterfaceId", w.ri_a, NULL);
  ck_assert_msg (g_strcmp0 (r->code, row->code) == 0, "%s: got %s (%s)", row->name,
                 r->code ? r->code : "success", r->message ? r->message : "");
  world_clear (&w);
}
END_TEST

/* Cross-account without the owner uid on A's side. */
START_TEST (test_connect_owner_missing)
{
  World w;
  PpApiResult *r;

  world_init (&w, 3);
  world_stage (&w, STAGE_CREATED);
  r = pp_engine_callv (w.e, UID_A, NULL, "ModifyRouterInterfaceAttribute", "RegionId", TOKYO,
                       "RouterInterfaceId", w.ri_a, "OppositeInterfaceId", w.ri_b,
                       "OppositeRouterId", w.vrt_b, "OppositeRouterType", "VRouter", NULL);
  ok (r, "A without owner");
  pp_api_result_free (r);
  modify (&w, UID_B, SV, w.ri_b, "OppositeInterfaceId=$ria&OppositeRouterId=$vrta&OppositeRouterType=VRouter&OppositeInterfaceOwnerId=$uida");
  r = pp_engine_callv (w.e, UID_A, NULL, "ConnectRouterInterface", "RegionId", TOKYO,
                       "RouterInterfaceId", w.ri_a, NULL);
  ck_assert_str_eq (r->code, "IncorrectOppositeInterfaceInfo.NotSet");
  pp_api_result_free (r);
  world_clear (&w);
}
END_TEST

static char *peer_create (World *w, const char *uid, const char *extra_code);

/* The acceptor's role and regions must match what the initiator says; the
 * regions are fixed at creation, so these need interfaces of their own. */
START_TEST (test_connect_role_regions)
{
  World w;
  PpApiResult *r;
  g_autofree char *ri_x = NULL;
  g_autofree char *ri_y = NULL;

  world_init (&w, 40);
  world_stage (&w, STAGE_CONFIGURED);
  /* An initiator of A towards Frankfurt naming B's acceptor (in Silicon
   * Valley): the acceptor's region does not match. */
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateRouterInterface", "RegionId", TOKYO,
                       "Role", "InitiatingSide", "RouterType", "VRouter", "RouterId", w.vrt_a,
                       "Spec", "Small.1", "OppositeRegionId", "eu-central-1",
                       "OppositeInterfaceId", w.ri_b, "OppositeRouterId", w.vrt_b,
                       "OppositeInterfaceOwnerId", UID_B, NULL);
  ok (r, "initiator towards Frankfurt");
  ri_x = field (r, "RouterInterfaceId");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "ConnectRouterInterface", "RegionId", TOKYO,
                       "RouterInterfaceId", ri_x, NULL);
  ck_assert_str_eq (r->code, "AttrMismatching.AcceptingSideRegionNo");
  pp_api_result_free (r);
  /* Naming an initiator as the opposite. */
  r = pp_engine_callv (w.e, UID_B, NULL, "CreateRouterInterface", "RegionId", SV,
                       "Role", "InitiatingSide", "RouterType", "VRouter", "RouterId", w.vrt_b,
                       "Spec", "Small.1", "OppositeRegionId", TOKYO, NULL);
  ok (r, "B's initiator");
  ri_y = field (r, "RouterInterfaceId");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "ModifyRouterInterfaceAttribute", "RegionId", TOKYO,
                       "RouterInterfaceId", w.ri_a, "OppositeInterfaceId", ri_y, NULL);
  ok (r, "A names B's initiator");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "ConnectRouterInterface", "RegionId", TOKYO,
                       "RouterInterfaceId", w.ri_a, NULL);
  ck_assert_str_eq (r->code, "AttrMismatching.AcceptingSideRole");
  pp_api_result_free (r);
  /* An acceptor of B that says its opposite is in Frankfurt. */
  g_clear_pointer (&ri_y, g_free);
  r = pp_engine_callv (w.e, UID_B, NULL, "CreateRouterInterface", "RegionId", SV,
                       "Role", "AcceptingSide", "RouterType", "VRouter", "RouterId", w.vrt_b,
                       "Spec", "Negative", "OppositeRegionId", "eu-central-1",
                       "OppositeInterfaceId", w.ri_a, "OppositeRouterId", w.vrt_a,
                       "OppositeInterfaceOwnerId", UID_A, NULL);
  ok (r, "B's acceptor towards Frankfurt");
  ri_y = field (r, "RouterInterfaceId");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "ModifyRouterInterfaceAttribute", "RegionId", TOKYO,
                       "RouterInterfaceId", w.ri_a, "OppositeInterfaceId", ri_y, NULL);
  ok (r, "A names it");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "ConnectRouterInterface", "RegionId", TOKYO,
                       "RouterInterfaceId", w.ri_a, NULL);
  ck_assert_str_eq (r->code, "AttrMismatching.AcceptingSideOppositeRegionNo");
  pp_api_result_free (r);
  /* More than five filters. */
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRouterInterfaces", "RegionId", TOKYO,
                       "Filter.1.Key", "Status", "Filter.1.Value.1", "Idle",
                       "Filter.2.Key", "Status", "Filter.2.Value.1", "Idle",
                       "Filter.3.Key", "Status", "Filter.3.Value.1", "Idle",
                       "Filter.4.Key", "Status", "Filter.4.Value.1", "Idle",
                       "Filter.5.Key", "Status", "Filter.5.Value.1", "Idle",
                       "Filter.6.Key", "Status", "Filter.6.Value.1", "Idle", NULL);
  ck_assert_str_eq (r->code, "Parameter.Illegal");
  pp_api_result_free (r);
  world_clear (&w);
}
END_TEST

START_TEST (test_vswitch_quota_and_foreign_peer)
{
  World w;
  PpApiResult *r;
  g_autofree char *pcc = NULL;
  g_autofree char *vpc2 = NULL;
  guint i;

  world_init (&w, 41);
  /* vpc-tokyo has one vSwitch; 149 more make 150, the quota. */
  for (i = 1; i <= 150; i++)
    {
      g_autofree char *cidr = g_strdup_printf ("172.16.%u.0/24", i);
      r = pp_engine_callv (w.e, UID_A, NULL, "CreateVSwitch", "VpcId", "vpc-tokyo",
                           "ZoneId", "ap-northeast-1a", "CidrBlock", cidr, NULL);
      if (i < 150)
        ok (r, cidr);
      else
        ck_assert_str_eq (r->code, "QuotaExceeded.VSwitch");
      pp_api_result_free (r);
    }
  /* A route in one VPC cannot use a peering of another. */
  pcc = peer_create (&w, UID_A, NULL);
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateVpc", "RegionId", TOKYO,
                       "CidrBlock", "10.9.0.0/16", NULL);
  vpc2 = field (r, "RouteTableId");
  pp_api_result_free (r);
  pp_engine_settle (w.e);
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateRouteEntry", "RouteTableId", vpc2,
                       "DestinationCidrBlock", "192.168.0.0/24", "NextHopType", "VpcPeer",
                       "NextHopId", pcc, NULL);
  ck_assert_str_eq (r->code, "ResourceNotFound.VpcPeer");
  pp_api_result_free (r);
  world_clear (&w);
}
END_TEST

/* One connected pair between two routers; at most 5 interfaces a router. */
START_TEST (test_one_pair_and_limit)
{
  World w;
  PpApiResult *r;
  g_autofree char *ri_a2 = NULL;
  g_autofree char *ri_b2 = NULL;
  guint i;

  world_init (&w, 5);
  world_stage (&w, STAGE_CONNECTED);
  /* A second pair created without naming the router, then configured. */
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateRouterInterface", "RegionId", TOKYO,
                       "Role", "InitiatingSide", "RouterType", "VRouter", "RouterId", w.vrt_a,
                       "Spec", "Small.1", "OppositeRegionId", SV, NULL);
  ok (r, "second initiator");
  ri_a2 = field (r, "RouterInterfaceId");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_B, NULL, "CreateRouterInterface", "RegionId", SV,
                       "Role", "AcceptingSide", "RouterType", "VRouter", "RouterId", w.vrt_b,
                       "Spec", "Negative", "OppositeRegionId", TOKYO, NULL);
  ok (r, "second acceptor");
  ri_b2 = field (r, "RouterInterfaceId");
  pp_api_result_free (r);
  g_free (w.ri_a);
  g_free (w.ri_b);
  w.ri_a = g_strdup (ri_b2);   /* for $ria in B's params: the new pair */
  w.ri_b = g_strdup (ri_a2);
  modify (&w, UID_A, TOKYO, ri_a2, "OppositeInterfaceId=$ria&OppositeRouterId=$vrtb&OppositeRouterType=VRouter&OppositeInterfaceOwnerId=$uidb");
  modify (&w, UID_B, SV, ri_b2, "OppositeInterfaceId=$rib&OppositeRouterId=$vrta&OppositeRouterType=VRouter&OppositeInterfaceOwnerId=$uida");
  r = pp_engine_callv (w.e, UID_A, NULL, "ConnectRouterInterface", "RegionId", TOKYO,
                       "RouterInterfaceId", ri_a2, NULL);
  ck_assert_str_eq (r->code, "Forbidden.OnlyOneConnection");
  pp_api_result_free (r);

  /* Three more on A's router make five; the sixth is refused. */
  for (i = 0; i < 4; i++)
    {
      r = pp_engine_callv (w.e, UID_A, NULL, "CreateRouterInterface", "RegionId", TOKYO,
                           "Role", "InitiatingSide", "RouterType", "VRouter", "RouterId", w.vrt_a,
                           "Spec", "Small.1", "OppositeRegionId", SV, NULL);
      if (i < 3)
        ok (r, "up to five");
      else
        {
          ck_assert_str_eq (r->code, "LimitationExceed.InterfaceNumberOnRouter");
          ck_assert_uint_eq (r->http_status, 400);
        }
      pp_api_result_free (r);
    }
  world_clear (&w);
}
END_TEST

static guint
count_items (PpApiResult *r, const char *path)
{
  g_autoptr(GVariant) set = NULL;
  g_auto(GStrv) parts = g_strsplit (path, ".", 2);
  g_autoptr(GVariant) outer = g_variant_lookup_value (r->response, parts[0], NULL);

  ck_assert (outer != NULL);
  set = g_variant_lookup_value (outer, parts[1], G_VARIANT_TYPE ("av"));
  ck_assert (set != NULL);
  return (guint) g_variant_n_children (set);
}

START_TEST (test_describe_paging_filters)
{
  World w;
  PpApiResult *r;
  guint i;

  world_init (&w, 9);
  world_stage (&w, STAGE_CREATED);
  for (i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("extra%u", i);
      r = pp_engine_callv (w.e, UID_A, NULL, "CreateRouterInterface", "RegionId", TOKYO,
                           "Role", "InitiatingSide", "RouterType", "VRouter", "RouterId", w.vrt_a,
                           "Spec", "Small.1", "OppositeRegionId", SV, "Name", name, NULL);
      ok (r, "create");
      pp_api_result_free (r);
    }
  /* Five interfaces in Tokyo, all A's; B's is not listed. */
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRouterInterfaces", "RegionId", TOKYO,
                       "PageSize", "2", "PageNumber", "3", NULL);
  ok (r, "page 3");
  assert_field (r, "TotalCount", "5");
  assert_field (r, "PageNumber", "3");
  ck_assert_uint_eq (count_items (r, "RouterInterfaceSet.RouterInterfaceType"), 1);
  assert_field (r, "RouterInterfaceSet.RouterInterfaceType.0.Name", "extra3");
  pp_api_result_free (r);

  /* Default page size 10. */
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRouterInterfaces", "RegionId", TOKYO, NULL);
  ck_assert_uint_eq (count_items (r, "RouterInterfaceSet.RouterInterfaceType"), 5);
  assert_field (r, "PageSize", "10");
  pp_api_result_free (r);

  /* Values of one key are ORed, keys are ANDed. */
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRouterInterfaces", "RegionId", TOKYO,
                       "Filter.1.Key", "Name", "Filter.1.Value.1", "extra1",
                       "Filter.1.Value.2", "extra2", NULL);
  assert_field (r, "TotalCount", "2");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRouterInterfaces", "RegionId", TOKYO,
                       "Filter.1.Key", "Name", "Filter.1.Value.1", "extra1",
                       "Filter.1.Value.2", "extra2",
                       "Filter.2.Key", "RouterInterfaceId", "Filter.2.Value.1", w.ri_a, NULL);
  assert_field (r, "TotalCount", "0");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRouterInterfaces", "RegionId", TOKYO,
                       "Filter.1.Key", "Status", "Filter.1.Value.1", "Idle",
                       "Filter.2.Key", "RouterInterfaceOwnerId", "Filter.2.Value.1", UID_A,
                       "Filter.3.Key", "RouterId", "Filter.3.Value.1", w.vrt_a, NULL);
  assert_field (r, "TotalCount", "5");
  pp_api_result_free (r);
  /* B sees only its own. */
  r = pp_engine_callv (w.e, UID_B, NULL, "DescribeRouterInterfaces", "RegionId", TOKYO, NULL);
  assert_field (r, "TotalCount", "0");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_B, NULL, "DescribeRouterInterfaces", "RegionId", SV, NULL);
  assert_field (r, "RouterInterfaceSet.RouterInterfaceType.0.RouterInterfaceId", w.ri_b);
  assert_field (r, "RouterInterfaceSet.RouterInterfaceType.0.Bandwidth", "0");
  assert_field (r, "RouterInterfaceSet.RouterInterfaceType.0.ChargeType", "AfterPay");
  assert_field (r, "RouterInterfaceSet.RouterInterfaceType.0.CrossBorder", "false");
  pp_api_result_free (r);
  world_clear (&w);
}
END_TEST

/* A response's value types follow the SDK models. */
START_TEST (test_response_types)
{
  World w;
  g_autoptr(PpApiResult) r = NULL;
  g_autoptr(GVariant) set = NULL;
  g_autoptr(GVariant) list = NULL;
  g_autoptr(GVariant) item = NULL;
  g_autoptr(GVariant) inner = NULL;

  world_init (&w, 2);
  world_stage (&w, STAGE_CONNECTED);
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRouterInterfaces", "RegionId", TOKYO, NULL);
  ok (r, "describe");
  ck_assert (g_variant_is_of_type (r->response, G_VARIANT_TYPE_VARDICT));
  ck_assert (g_variant_lookup (r->response, "TotalCount", "x", NULL));
  ck_assert (g_variant_lookup (r->response, "PageNumber", "x", NULL));
  ck_assert (g_variant_lookup (r->response, "RequestId", "s", NULL));
  set = g_variant_lookup_value (r->response, "RouterInterfaceSet", G_VARIANT_TYPE_VARDICT);
  list = g_variant_lookup_value (set, "RouterInterfaceType", G_VARIANT_TYPE ("av"));
  item = g_variant_get_child_value (list, 0);
  inner = g_variant_get_variant (item);
  ck_assert (g_variant_lookup (inner, "Bandwidth", "x", NULL));
  ck_assert (g_variant_lookup (inner, "CrossBorder", "b", NULL));
  ck_assert (g_variant_lookup (inner, "FastLinkMode", "b", NULL));
  ck_assert (g_variant_lookup (inner, "HasReservationData", "s", NULL));
  ck_assert (g_variant_lookup (inner, "OppositeInterfaceOwnerId", "s", NULL));
  ck_assert (g_variant_lookup (inner, "CreationTime", "s", NULL));
  world_clear (&w);
}
END_TEST

static char *
peer_create (World *w, const char *uid, const char *extra_code)
{
  g_autoptr(PpApiResult) r = pp_engine_callv (w->e, uid, PP_API_VERSION_VPCPEER,
                                              "CreateVpcPeerConnection",
                                              "RegionId", TOKYO, "VpcId", "vpc-tokyo",
                                              "AcceptingAliUid", UID_B, "AcceptingRegionId", SV,
                                              "AcceptingVpcId", "vpc-sv", "Bandwidth", "100", NULL);
  if (extra_code != NULL)
    {
      ck_assert_str_eq (r->code, extra_code);
      return NULL;
    }
  ok (r, "create peering");
  return field (r, "InstanceId");
}

START_TEST (test_peer_cross_account)
{
  World w;
  g_autofree char *pcc = NULL;
  PpApiResult *r;
  g_autoptr(PpScenario) out = NULL;

  world_init (&w, 11);
  pcc = peer_create (&w, UID_A, NULL);
  ck_assert (g_str_has_prefix (pcc, "pcc-"));
  ck_assert_str_eq (pp_engine_status (w.e, pcc), "Creating");
  pp_engine_settle (w.e);
  ck_assert_str_eq (pp_engine_status (w.e, pcc), "Accepting");
  /* A second one between the same VPCs is refused. */
  peer_create (&w, UID_A, "ResourceAlreadyExist.VpcPeer");
  /* Only the accepter accepts. */
  r = pp_engine_callv (w.e, UID_A, NULL, "AcceptVpcPeerConnection", "InstanceId", pcc, NULL);
  ck_assert_str_eq (r->code, "IncorrectStatus.VpcPeer");
  ck_assert_uint_eq (r->http_status, 400);
  pp_api_result_free (r);
  /* A route needs it Activated. */
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateRouteEntry", "RouteTableId", w.vtb_a,
                       "DestinationCidrBlock", "192.168.0.0/24", "NextHopType", "VpcPeer",
                       "NextHopId", pcc, NULL);
  ck_assert_str_eq (r->code, "IncorrectStatus.VpcPeer");
  pp_api_result_free (r);
  /* B sees it, in B's region. */
  r = pp_engine_callv (w.e, UID_B, NULL, "ListVpcPeerConnections", "RegionId", SV, NULL);
  ok (r, "list");
  assert_field (r, "TotalCount", "1");
  assert_field (r, "VpcPeerConnects.0.AcceptingVpc.VpcId", "vpc-sv");
  assert_field (r, "VpcPeerConnects.0.OwnerId", UID_A);
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_B, NULL, "AcceptVpcPeerConnection", "InstanceId", pcc, NULL);
  ok (r, "accept");
  pp_api_result_free (r);
  ck_assert_str_eq (pp_engine_status (w.e, pcc), "Updating");
  pp_engine_settle (w.e);
  ck_assert_str_eq (pp_engine_status (w.e, pcc), "Activated");
  r = pp_engine_callv (w.e, UID_B, NULL, "AcceptVpcPeerConnection", "InstanceId", pcc, NULL);
  ck_assert_str_eq (r->code, "IncorrectStatus.VpcPeer");
  pp_api_result_free (r);
  /* Routes both ways. */
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateRouteEntry", "RouteTableId", w.vtb_a,
                       "DestinationCidrBlock", "192.168.0.0/24", "NextHopType", "VpcPeer",
                       "NextHopId", pcc, NULL);
  ok (r, "route A");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_B, NULL, "CreateRouteEntry", "RouteTableId", w.vtb_b,
                       "DestinationCidrBlock", "172.16.0.0/24", "NextHopType", "VpcPeer",
                       "NextHopId", pcc, NULL);
  ok (r, "route B");
  pp_api_result_free (r);
  pp_engine_settle (w.e);
  out = pp_engine_to_scenario (w.e, NULL, NULL);
  ck_assert_uint_eq (out->connections->len, 1);
  ck_assert_int_eq (pp_scenario_connection (out, 0)->type, PP_CONN_VPC_PEER);
  ck_assert_str_eq (pp_scenario_connection (out, 0)->status, "Activated");
  ck_assert_uint_eq (pp_scenario_connection (out, 0)->bandwidth, 100);
  ck_assert_uint_eq (out->routes->len, 2);
  ck_assert_int_eq (pp_scenario_route (out, 1)->next_hop_kind, PP_NEXT_HOP_CONNECTION);
  /* Modify: cross-region bandwidth may change; B may not modify. */
  r = pp_engine_callv (w.e, UID_B, NULL, "ModifyVpcPeerConnection", "InstanceId", pcc,
                       "Bandwidth", "200", NULL);
  ck_assert_str_eq (r->code, "ResourceNotFound.InstanceId");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "ModifyVpcPeerConnection", "InstanceId", pcc,
                       "Bandwidth", "200", NULL);
  ok (r, "modify");
  pp_api_result_free (r);
  ck_assert_str_eq (pp_engine_status (w.e, pcc), "Updating");
  pp_engine_settle (w.e);
  /* Delete refuses while routes point at it, unless forced. */
  r = pp_engine_callv (w.e, UID_A, NULL, "DeleteVpcPeerConnection", "InstanceId", pcc, NULL);
  ck_assert_str_eq (r->code, "OperationDenied.RouteEntryExist");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "DeleteVpcPeerConnection", "InstanceId", pcc,
                       "Force", "true", NULL);
  ok (r, "forced delete");
  pp_api_result_free (r);
  ck_assert_str_eq (pp_engine_status (w.e, pcc), "Deleting");
  pp_engine_settle (w.e);
  ck_assert (pp_engine_status (w.e, pcc) == NULL);
  r = pp_engine_callv (w.e, UID_A, NULL, "GetVpcPeerConnectionAttribute", "InstanceId", pcc, NULL);
  ck_assert_str_eq (r->code, "ResourceNotFound.InstanceId");
  pp_api_result_free (r);
  world_clear (&w);
}
END_TEST

START_TEST (test_peer_same_account_and_reject)
{
  World w;
  PpApiResult *r;
  g_autofree char *vpc2 = NULL;
  g_autofree char *pcc = NULL;
  g_autofree char *pcc2 = NULL;
  g_autofree char *s = NULL;

  world_init (&w, 12);
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateVpc", "RegionId", TOKYO,
                       "CidrBlock", "10.0.0.0/16", NULL);
  ok (r, "vpc");
  vpc2 = field (r, "VpcId");
  pp_api_result_free (r);
  /* Pending VPCs cannot be peered yet. */
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateVpcPeerConnection", "RegionId", TOKYO,
                       "VpcId", "vpc-tokyo", "AcceptingAliUid", UID_A,
                       "AcceptingRegionId", TOKYO, "AcceptingVpcId", vpc2, NULL);
  ck_assert_str_eq (r->code, "IncorrectStatus.AcceptingVpc");
  pp_api_result_free (r);
  pp_engine_settle (w.e);
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateVpcPeerConnection", "RegionId", TOKYO,
                       "VpcId", "vpc-tokyo", "AcceptingAliUid", UID_A,
                       "AcceptingRegionId", TOKYO, "AcceptingVpcId", vpc2, NULL);
  ok (r, "same-account peering");
  pcc = field (r, "InstanceId");
  pp_api_result_free (r);
  pp_engine_settle (w.e);
  ck_assert_str_eq (pp_engine_status (w.e, pcc), "Activated");
  r = pp_engine_callv (w.e, UID_A, NULL, "GetVpcPeerConnectionAttribute", "InstanceId", pcc, NULL);
  s = field (r, "Bandwidth");
  ck_assert_str_eq (s, "-1");
  pp_api_result_free (r);
  /* Within one region the bandwidth cannot change. */
  r = pp_engine_callv (w.e, UID_A, NULL, "ModifyVpcPeerConnection", "InstanceId", pcc,
                       "Bandwidth", "200", NULL);
  ck_assert_str_eq (r->code, "OperationFailed.BandwidthCannotBeChangedInSameRegion");
  pp_api_result_free (r);
  /* Cross-account, rejected by B; A cannot reject. */
  pcc2 = peer_create (&w, UID_A, NULL);
  pp_engine_settle (w.e);
  r = pp_engine_callv (w.e, UID_A, NULL, "RejectVpcPeerConnection", "InstanceId", pcc2, NULL);
  ck_assert_str_eq (r->code, "IncorrectStatus.VpcPeer");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_B, NULL, "RejectVpcPeerConnection", "InstanceId", pcc2, NULL);
  ok (r, "reject");
  pp_api_result_free (r);
  ck_assert_str_eq (pp_engine_status (w.e, pcc2), "Rejected");
  r = pp_engine_callv (w.e, UID_B, NULL, "AcceptVpcPeerConnection", "InstanceId", pcc2, NULL);
  ck_assert_str_eq (r->code, "IncorrectStatus.VpcPeer");
  pp_api_result_free (r);
  /* A rejected one does not block a new request. */
  g_free (peer_create (&w, UID_A, NULL));
  world_clear (&w);
}
END_TEST

START_TEST (test_routes_async)
{
  World w;
  PpApiResult *r;
  g_autofree char *rte = NULL;

  world_init (&w, 13);
  world_stage (&w, STAGE_CONNECTED);
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateRouteEntry", "RegionId", TOKYO,
                       "RouteTableId", w.vtb_a, "DestinationCidrBlock", "192.168.0.0/24",
                       "NextHopType", "RouterInterface", "NextHopId", w.ri_a, NULL);
  ok (r, "route");
  rte = field (r, "RouteEntryId");
  pp_api_result_free (r);
  ck_assert (g_str_has_prefix (rte, "rte-"));
  ck_assert_str_eq (pp_engine_status (w.e, rte), "Pending");
  /* Only an Available entry can be deleted. */
  pp_engine_set_tick (w.e, 0);
  r = pp_engine_callv (w.e, UID_A, NULL, "DeleteRouteEntry", "RouteEntryId", rte, NULL);
  ck_assert_str_eq (r->code, "IncorrectRouteEntryStatus");
  pp_api_result_free (r);
  ck_assert (pp_engine_next_event (w.e) > pp_engine_now (w.e));
  pp_engine_settle (w.e);
  ck_assert_int_eq (pp_engine_next_event (w.e), -1);
  ck_assert_str_eq (pp_engine_status (w.e, rte), "Available");
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRouteTables", "RegionId", TOKYO,
                       "VRouterId", w.vrt_a, NULL);
  ok (r, "tables");
  /* 100.64.0.0/10 and the vSwitch first, then the custom entry. */
  assert_field (r, "RouteTables.RouteTable.0.RouteEntrys.RouteEntry.2.RouteEntryId", rte);
  assert_field (r, "RouteTables.RouteTable.0.RouteEntrys.RouteEntry.0.NextHopType", "service");
  assert_field (r, "RouteTables.RouteTable.0.RouteEntrys.RouteEntry.1.Type", "System");
  assert_field (r, "RouteTables.RouteTable.0.VSwitchIds.VSwitchId.0", "vsw-tokyo");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRouteEntryList", "RegionId", TOKYO,
                       "RouteTableId", w.vtb_a, "RouteEntryType", "Custom", NULL);
  assert_field (r, "RouteEntrys.RouteEntry.0.NextHops.NextHop.0.NextHopId", w.ri_a);
  assert_field (r, "TotalCount", "1");
  pp_api_result_free (r);
  /* NextToken paging: service, local, custom. */
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRouteEntryList", "RegionId", TOKYO,
                       "RouteTableId", w.vtb_a, "MaxResult", "2", NULL);
  assert_field (r, "NextToken", "2");
  assert_field (r, "TotalCount", "3");
  ck_assert (pp_api_result_get (r, "RouteEntrys.RouteEntry.2") == NULL);
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRouteEntryList", "RegionId", TOKYO,
                       "RouteTableId", w.vtb_a, "MaxResult", "2", "NextToken", "2", NULL);
  assert_field (r, "RouteEntrys.RouteEntry.0.RouteEntryId", rte);
  assert_field (r, "NextToken", "");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRouteEntryList", "RegionId", TOKYO,
                       "RouteTableId", w.vtb_a, "NextToken", "x", NULL);
  ck_assert_str_eq (r->code, "InvalidParameter");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "DeleteRouteEntry", "RouteEntryId", rte, NULL);
  ok (r, "delete");
  pp_api_result_free (r);
  ck_assert_str_eq (pp_engine_status (w.e, rte), "Deleting");
  pp_engine_advance (w.e, 1);
  ck_assert_str_eq (pp_engine_status (w.e, rte), "Deleting");
  pp_engine_advance (w.e, 1);
  ck_assert (pp_engine_status (w.e, rte) == NULL);
  world_clear (&w);
}
END_TEST

/* A route entry's name and description are kept apart from the entry
 * (few have them): each shows on its own entry, "" on the others, and
 * the RouteEntryName filter finds by them. */
START_TEST (test_route_names)
{
  World w;
  PpApiResult *r;
  g_autofree char *named = NULL;
  g_autofree char *described = NULL;

  world_init (&w, 13);
  world_stage (&w, STAGE_CONNECTED);
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateRouteEntry", "RegionId", TOKYO,
                       "RouteTableId", w.vtb_a, "DestinationCidrBlock", "192.168.0.0/24",
                       "NextHopType", "RouterInterface", "NextHopId", w.ri_a,
                       "RouteEntryName", "to-b", NULL);
  ok (r, "named route");
  named = field (r, "RouteEntryId");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateRouteEntry", "RegionId", TOKYO,
                       "RouteTableId", w.vtb_a, "DestinationCidrBlock", "192.168.1.0/24",
                       "NextHopType", "RouterInterface", "NextHopId", w.ri_a,
                       "Description", "the second office", NULL);
  ok (r, "described route");
  described = field (r, "RouteEntryId");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRouteEntryList", "RegionId", TOKYO,
                       "RouteTableId", w.vtb_a, "RouteEntryType", "Custom", NULL);
  assert_field (r, "TotalCount", "2");
  assert_field (r, "RouteEntrys.RouteEntry.0.RouteEntryId", named);
  assert_field (r, "RouteEntrys.RouteEntry.0.RouteEntryName", "to-b");
  assert_field (r, "RouteEntrys.RouteEntry.0.Description", "");
  assert_field (r, "RouteEntrys.RouteEntry.1.RouteEntryId", described);
  assert_field (r, "RouteEntrys.RouteEntry.1.RouteEntryName", "");
  assert_field (r, "RouteEntrys.RouteEntry.1.Description", "the second office");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRouteEntryList", "RegionId", TOKYO,
                       "RouteTableId", w.vtb_a, "RouteEntryName", "to-b", NULL);
  assert_field (r, "TotalCount", "1");
  assert_field (r, "RouteEntrys.RouteEntry.0.RouteEntryId", named);
  pp_api_result_free (r);
  world_clear (&w);
}
END_TEST

START_TEST (test_vpc_vswitch_flow)
{
  World w;
  PpApiResult *r;
  g_autofree char *vpc = NULL;
  g_autofree char *vsw = NULL;
  g_autofree char *s = NULL;

  world_init (&w, 14);
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateVpc", "RegionId", TOKYO,
                       "CidrBlock", "10.1.0.0/16", "VpcName", "build", NULL);
  ok (r, "vpc");
  vpc = field (r, "VpcId");
  ck_assert (g_str_has_prefix (vpc, "vpc-"));
  s = field (r, "VRouterId");
  ck_assert (g_str_has_prefix (s, "vrt-"));
  g_free (s);
  s = field (r, "RouteTableId");
  ck_assert (g_str_has_prefix (s, "vtb-"));
  g_clear_pointer (&s, g_free);
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateVSwitch", "VpcId", vpc,
                       "ZoneId", "ap-northeast-1a", "CidrBlock", "10.1.0.0/24", NULL);
  ck_assert_str_eq (r->code, "IncorrectVpcStatus");
  pp_api_result_free (r);
  pp_engine_settle (w.e);
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateVSwitch", "VpcId", vpc, "RegionId", TOKYO,
                       "ZoneId", "ap-northeast-1a", "CidrBlock", "10.1.0.0/24", NULL);
  ok (r, "vswitch");
  vsw = field (r, "VSwitchId");
  pp_api_result_free (r);
  ck_assert_str_eq (pp_engine_status (w.e, vsw), "Pending");
  pp_engine_settle (w.e);
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeVSwitches", "RegionId", TOKYO,
                       "VpcId", vpc, NULL);
  assert_field (r, "VSwitches.VSwitch.0.AvailableIpAddressCount", "252");
  assert_field (r, "VSwitches.VSwitch.0.Status", "Available");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeVpcs", "RegionId", TOKYO,
                       "VpcId", "vpc-tokyo," "x", NULL);
  assert_field (r, "TotalCount", "1");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeVpcs", "RegionId", TOKYO, NULL);
  assert_field (r, "TotalCount", "2");
  assert_field (r, "Vpcs.Vpc.1.VpcName", "build");
  assert_field (r, "Vpcs.Vpc.0.OwnerId", UID_A);
  pp_api_result_free (r);
  /* A vSwitch cannot take a route's destination; a part of it is fine. */
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateRouteEntry", "RouteTableId", w.vtb_a,
                       "DestinationCidrBlock", "172.16.5.0/24", "NextHopId", "ecs-a", NULL);
  ok (r, "route via an instance");
  pp_api_result_free (r);
  pp_engine_settle (w.e);
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateVSwitch", "VpcId", "vpc-tokyo",
                       "ZoneId", "ap-northeast-1a", "CidrBlock", "172.16.5.0/24", NULL);
  ck_assert_str_eq (r->code, "InvalidCidrBlock.Overlapped");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateVSwitch", "VpcId", "vpc-tokyo",
                       "ZoneId", "ap-northeast-1a", "CidrBlock", "172.16.5.0/25", NULL);
  ok (r, "a part of a route's destination");
  pp_api_result_free (r);
  /* The tenth VPC in a region is the last. */
  {
    guint i;
    for (i = 0; i < 9; i++)
      {
        r = pp_engine_callv (w.e, UID_A, NULL, "CreateVpc", "RegionId", TOKYO, NULL);
        if (i < 8)
          ok (r, "vpc");
        else
          ck_assert_str_eq (r->code, "QuotaExceeded.Vpc");
        pp_api_result_free (r);
      }
  }
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRegions", NULL);
  s = field (r, "Regions.Region.0.RegionEndpoint");
  ck_assert (g_str_has_prefix (s, "vpc.") && g_str_has_suffix (s, ".aliyuncs.com"));
  g_clear_pointer (&s, g_free);
  pp_api_result_free (r);
  world_clear (&w);
}
END_TEST

START_TEST (test_dispatch_errors)
{
  World w;
  PpApiResult *r;

  world_init (&w, 15);
  r = pp_engine_callv (w.e, UID_A, NULL, "LaunchRocket", NULL);
  ck_assert_str_eq (r->code, "InvalidAction.NotFound");
  ck_assert_uint_eq (r->http_status, 404);
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, PP_API_VERSION_VPC, "CreateVpcPeerConnection", NULL);
  ck_assert_str_eq (r->code, "InvalidAction.NotFound");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_B, NULL, "AcceptVpcPeerConnection", "InstanceId", "pcc-x", NULL);
  ck_assert_str_eq (r->version, PP_API_VERSION_VPCPEER);
  {
    g_autoptr(GVariant) body = pp_api_result_body (r);
    const char *host = NULL;
    ck_assert (g_variant_lookup (body, "HostId", "&s", &host));
    ck_assert_str_eq (host, "vpcpeer.aliyuncs.com");
  }
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, "2014-05-26", "DescribeVpcs", "RegionId", TOKYO, NULL);
  ck_assert_str_eq (r->code, "InvalidVersion");
  ck_assert_uint_eq (r->http_status, 400);
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, "9999999999999999", NULL, "DescribeVpcs", "RegionId", TOKYO, NULL);
  ck_assert_str_eq (r->code, "InvalidAccessKeyId.NotFound");
  pp_api_result_free (r);
  ck_assert (pp_engine_has_action (PP_API_VERSION_VPCPEER, "ListVpcPeerConnections"));
  ck_assert (!pp_engine_has_action (PP_API_VERSION_VPC, "ListVpcPeerConnections"));
  {
    g_auto(GStrv) all = pp_engine_actions (NULL);
    g_auto(GStrv) peer = pp_engine_actions (PP_API_VERSION_VPCPEER);
    ck_assert_uint_eq (g_strv_length (all), 26);
    ck_assert_uint_eq (g_strv_length (peer), 7);
    ck_assert_str_eq (all[0], "AcceptVpcPeerConnection");
  }
  ck_assert_str_eq (pp_engine_account_uid (w.e, "B"), UID_B);
  ck_assert (pp_engine_account_uid (w.e, "C") == NULL);
  world_clear (&w);
}
END_TEST

START_TEST (test_result_get)
{
  World w;
  PpApiResult *r;
  g_autofree char *s = NULL;

  world_init (&w, 17);
  world_stage (&w, STAGE_CREATED);
  r = pp_engine_callv (w.e, UID_A, NULL, "ModifyRouterInterfaceSpec", "RegionId", TOKYO,
                       "RouterInterfaceId", w.ri_a, "Spec", "Large.2", NULL);
  ok (r, "spec");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRouterInterfaces", "RegionId", TOKYO, NULL);
  s = field (r, "RouterInterfaceSet.RouterInterfaceType.0.Bandwidth");
  ck_assert_str_eq (s, "2048");
  /* Not a scalar, out of range, not a number, no such key. */
  ck_assert (pp_api_result_get (r, "RouterInterfaceSet") == NULL);
  ck_assert (pp_api_result_get (r, "RouterInterfaceSet.RouterInterfaceType") == NULL);
  ck_assert (pp_api_result_get (r, "RouterInterfaceSet.RouterInterfaceType.1.Status") == NULL);
  ck_assert (pp_api_result_get (r, "RouterInterfaceSet.RouterInterfaceType.x.Status") == NULL);
  ck_assert (pp_api_result_get (r, "Nothing") == NULL);
  ck_assert (pp_api_result_get (r, "TotalCount.More") == NULL);
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRouterInterfaces", NULL);
  ck_assert (!pp_api_result_ok (r));
  ck_assert (pp_api_result_get (r, "RequestId") == NULL);
  pp_api_result_free (r);
  world_clear (&w);
}
END_TEST

START_TEST (test_client_token)
{
  World w;
  PpApiResult *r1, *r2;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  world_init (&w, 16);
  r1 = pp_engine_callv (w.e, UID_A, NULL, "CreateVpc", "RegionId", TOKYO, "ClientToken", "tok-1", NULL);
  r2 = pp_engine_callv (w.e, UID_A, NULL, "CreateVpc", "RegionId", TOKYO, "ClientToken", "tok-1", NULL);
  a = field (r1, "VpcId");
  b = field (r2, "VpcId");
  ck_assert_str_eq (a, b);
  ck_assert_str_ne (r1->request_id, r2->request_id);
  pp_api_result_free (r1);
  pp_api_result_free (r2);
  world_clear (&w);
}
END_TEST

/* CreateRouteEntry's answer is built without the dictionary
 * (pp_call_created_only): the same a{sv} as every other answer, keys
 * sorted, RequestId and RouteEntryId only; a retry with its ClientToken
 * gives the first answer with its own RequestId. */
START_TEST (test_route_entry_answer)
{
  World w;
  PpApiResult *r1, *r2;
  g_autofree char *text = NULL;
  g_autofree char *want = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  world_init (&w, 16);
  world_stage (&w, STAGE_CONNECTED);
  r1 = pp_engine_callv (w.e, UID_A, NULL, "CreateRouteEntry", "RegionId", TOKYO,
                       "RouteTableId", w.vtb_a, "DestinationCidrBlock", "192.168.0.0/24",
                       "NextHopType", "RouterInterface", "NextHopId", w.ri_a,
                       "ClientToken", "tok-r", NULL);
  ck_assert (pp_api_result_ok (r1));
  ck_assert (g_variant_is_of_type (r1->response, G_VARIANT_TYPE_VARDICT));
  ck_assert_uint_eq (g_variant_n_children (r1->response), 2);
  a = field (r1, "RouteEntryId");
  ck_assert (g_str_has_prefix (a, "rte-"));
  text = g_variant_print (r1->response, FALSE);
  want = g_strdup_printf ("{'RequestId': <'%s'>, 'RouteEntryId': <'%s'>}", r1->request_id, a);
  ck_assert_str_eq (text, want);
  ck_assert_str_eq (pp_engine_status (w.e, a), "Pending");
  r2 = pp_engine_callv (w.e, UID_A, NULL, "CreateRouteEntry", "RegionId", TOKYO,
                       "RouteTableId", w.vtb_a, "DestinationCidrBlock", "192.168.0.0/24",
                       "NextHopType", "RouterInterface", "NextHopId", w.ri_a,
                       "ClientToken", "tok-r", NULL);
  ck_assert (pp_api_result_ok (r2));
  b = field (r2, "RouteEntryId");
  ck_assert_str_eq (a, b);
  ck_assert_str_ne (r1->request_id, r2->request_id);
  pp_engine_settle (w.e);
  ck_assert_str_eq (pp_engine_status (w.e, a), "Available");
  pp_api_result_free (r1);
  pp_api_result_free (r2);
  world_clear (&w);
}
END_TEST

/* A lean engine (the runner's) answers CreateRouteEntry without a
 * GVariant, and every reader gives what the full answer gives: the same
 * id, the same body, the same RequestId, on engines with the same seed.
 * With a ClientToken the answer is kept for the retry, so it is built. */
/* Operations that answer their RequestId alone build it without a
 * dictionary (Op.no_dict): the body is that of a dictionary holding it,
 * byte for byte; so is a peering's {InstanceId, RequestId}, now built
 * as CreateRouteEntry's is, in a full engine and a lean one. */
START_TEST (test_request_id_answers)
{
  World w, lean;
  g_autofree char *pcc = NULL;
  g_autofree char *pcc_lean = NULL;
  PpApiResult *r;
  GVariantDict *d;
  g_autoptr(GVariant) want = NULL;
  g_autoptr(GVariant) body = NULL;
  g_autoptr(GVariant) lean_body = NULL;
  g_autofree char *want_bytes = NULL;
  g_autofree char *got_bytes = NULL;

  world_init (&w, 12);
  world_init (&lean, 12);
  pp_engine_set_lean_answers (lean.e, TRUE);
  world_stage (&w, STAGE_CREATED);
  world_stage (&lean, STAGE_CREATED);
  r = pp_engine_callv (lean.e, UID_A, NULL, "ModifyRouterInterfaceAttribute", "RegionId", TOKYO,
                       "RouterInterfaceId", lean.ri_a, "Description", "to sv", NULL);
  ok (r, "modify, lean");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "ModifyRouterInterfaceAttribute", "RegionId", TOKYO,
                       "RouterInterfaceId", w.ri_a, "Description", "to sv", NULL);
  ok (r, "modify");
  d = g_variant_dict_new (NULL);
  g_variant_dict_insert (d, "RequestId", "s", r->request_id);
  want = g_variant_ref_sink (g_variant_dict_end (d));
  g_variant_dict_unref (d);
  body = pp_api_result_body (r);
  ck_assert (g_variant_is_of_type (body, G_VARIANT_TYPE_VARDICT));
  ck_assert_uint_eq (g_variant_get_size (body), g_variant_get_size (want));
  want_bytes = g_memdup2 (g_variant_get_data (want), g_variant_get_size (want));
  got_bytes = g_memdup2 (g_variant_get_data (body), g_variant_get_size (body));
  ck_assert (memcmp (want_bytes, got_bytes, g_variant_get_size (want)) == 0);
  pp_api_result_free (r);
  /* a peering: the same body from a full and a lean engine */
  pcc = peer_create (&w, UID_A, NULL);
  r = pp_engine_callv (lean.e, UID_A, PP_API_VERSION_VPCPEER, "CreateVpcPeerConnection",
                       "RegionId", TOKYO, "VpcId", "vpc-tokyo", "AcceptingAliUid", UID_B,
                       "AcceptingRegionId", SV, "AcceptingVpcId", "vpc-sv", "Bandwidth", "100", NULL);
  ok (r, "create peering, lean");
  ck_assert (r->response == NULL);
  pcc_lean = field (r, "InstanceId");
  ck_assert_str_eq (pcc_lean, pcc);
  lean_body = pp_api_result_body (r);
  ck_assert_str_eq (g_variant_get_type_string (lean_body), "a{sv}");
  ck_assert_uint_eq (g_variant_n_children (lean_body), 2);
  pp_api_result_free (r);
  world_clear (&w);
  world_clear (&lean);
}
END_TEST

START_TEST (test_route_entry_lean)
{
  World full, lean;
  PpApiResult *f, *l, *t;
  g_autoptr(GVariant) fb = NULL;
  g_autoptr(GVariant) lb = NULL;
  g_autofree char *fid = NULL;
  g_autofree char *lid = NULL;
  g_autofree char *fprint = NULL;
  g_autofree char *lprint = NULL;
  g_autofree char *rid = NULL;

  world_init (&full, 16);
  world_init (&lean, 16);
  world_stage (&full, STAGE_CONNECTED);
  world_stage (&lean, STAGE_CONNECTED);
  pp_engine_set_lean_answers (lean.e, TRUE);
  f = pp_engine_callv (full.e, UID_A, NULL, "CreateRouteEntry", "RegionId", TOKYO,
                       "RouteTableId", full.vtb_a, "DestinationCidrBlock", "192.168.0.0/24",
                       "NextHopType", "RouterInterface", "NextHopId", full.ri_a, NULL);
  l = pp_engine_callv (lean.e, UID_A, NULL, "CreateRouteEntry", "RegionId", TOKYO,
                       "RouteTableId", lean.vtb_a, "DestinationCidrBlock", "192.168.0.0/24",
                       "NextHopType", "RouterInterface", "NextHopId", lean.ri_a, NULL);
  ck_assert (pp_api_result_ok (f) && pp_api_result_ok (l));
  ck_assert (f->response != NULL && f->created_field == NULL);
  ck_assert (l->response == NULL);
  ck_assert_str_eq (l->created_field, "RouteEntryId");
  fid = field (f, "RouteEntryId");
  lid = field (l, "RouteEntryId");
  ck_assert_str_eq (fid, lid);
  ck_assert_str_eq (f->request_id, l->request_id);
  rid = pp_api_result_get (l, "RequestId");
  ck_assert_str_eq (rid, l->request_id);
  ck_assert (pp_api_result_get (l, "RouteEntryId.0") == NULL);
  ck_assert (pp_api_result_get (l, "Status") == NULL);
  fb = pp_api_result_body (f);
  lb = pp_api_result_body (l);
  ck_assert (g_variant_equal (fb, lb));
  ck_assert (l->response == NULL);                        /* the body is a copy */
  fprint = g_variant_print (f->response, FALSE);
  lprint = g_variant_print (pp_api_result_response (l), FALSE);
  ck_assert_str_eq (fprint, lprint);
  ck_assert (l->response != NULL);                        /* kept once built */
  ck_assert_str_eq (pp_engine_status (lean.e, lid), "Pending");
  /* an idempotent retry needs the answer itself */
  t = pp_engine_callv (lean.e, UID_A, NULL, "CreateRouteEntry", "RegionId", TOKYO,
                       "RouteTableId", lean.vtb_a, "DestinationCidrBlock", "192.168.1.0/24",
                       "NextHopType", "RouterInterface", "NextHopId", lean.ri_a,
                       "ClientToken", "tok-lean", NULL);
  ck_assert (pp_api_result_ok (t));
  ck_assert (t->response != NULL && t->created_field == NULL);
  pp_api_result_free (f);
  pp_api_result_free (l);
  pp_api_result_free (t);
  world_clear (&full);
  world_clear (&lean);
}
END_TEST

/* pp_engine_object_field() gives what pp_engine_object() holds, for the
 * fields it answers without the object (a VPC's) and for the others. */
START_TEST (test_object_field)
{
  static const struct { const char *name, *field; } cases[] = {
    { "vpc-tokyo", "RouteTableId" }, { "vpc-tokyo", "VpcId" }, { "vpc-tokyo", "VRouterId" },
    { "vpc-tokyo", "CidrBlock" }, { "vpc-tokyo", "RegionId" }, { "vpc-tokyo", "OwnerId" },
    { "vpc-sv", "RouteTableId" }, { "vpc-sv", "CidrBlock" }, { "vsw-tokyo", "VpcId" },
    { "vsw-tokyo", "CidrBlock" }, { "ecs-a", "PrivateIpAddress" }, { "A", "Uid" },
  };
  World w;

  world_init (&w, 16);
  world_stage (&w, STAGE_CONNECTED);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GVariant) obj = pp_engine_object (w.e, cases[i].name);
      g_autoptr(GVariant) v = NULL;
      g_autofree char *want = NULL;
      g_autofree char *got = pp_engine_object_field (w.e, cases[i].name, cases[i].field);

      ck_assert_msg (obj != NULL, "%s", cases[i].name);
      ck_assert (pp_engine_has_object (w.e, cases[i].name));
      v = g_variant_lookup_value (obj, cases[i].field, NULL);
      ck_assert_msg (v != NULL, "%s.%s", cases[i].name, cases[i].field);
      want = pp_variant_scalar_text (v);
      ck_assert_msg (got != NULL && strcmp (got, want) == 0, "%s.%s: %s, not %s",
                     cases[i].name, cases[i].field, got, want);
    }
  ck_assert (pp_engine_object_field (w.e, "vpc-tokyo", "NoSuchField") == NULL);
  ck_assert (pp_engine_object_field (w.e, "no-such-vpc", "VpcId") == NULL);
  ck_assert (!pp_engine_has_object (w.e, "no-such-vpc"));
  world_clear (&w);
}
END_TEST

/* The duplicate check keys a table's custom entries by destination
 * (address and length): the same address with another length is not a
 * duplicate; a deleted entry's destination may be added again. */
START_TEST (test_route_entry_duplicates)
{
  World w;
  PpApiResult *r;
  g_autofree char *id = NULL;

  world_init (&w, 16);
  world_stage (&w, STAGE_ROUTED);     /* 192.168.0.0/24 in A's table */
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateRouteEntry", "RegionId", TOKYO,
                       "RouteTableId", w.vtb_a, "DestinationCidrBlock", "192.168.0.0/25",
                       "NextHopType", "RouterInterface", "NextHopId", w.ri_a, NULL);
  ck_assert_msg (pp_api_result_ok (r), "%s", r->code);
  id = field (r, "RouteEntryId");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateRouteEntry", "RegionId", TOKYO,
                       "RouteTableId", w.vtb_a, "DestinationCidrBlock", "192.168.0.0/25",
                       "NextHopType", "RouterInterface", "NextHopId", w.ri_a, NULL);
  ck_assert_str_eq (r->code, "InvalidCIDRBlock.Duplicate");
  pp_api_result_free (r);
  pp_engine_settle (w.e);
  r = pp_engine_callv (w.e, UID_A, NULL, "DeleteRouteEntry", "RegionId", TOKYO,
                       "RouteEntryId", id, NULL);
  ck_assert_msg (pp_api_result_ok (r), "%s", r->code);
  pp_api_result_free (r);
  pp_engine_settle (w.e);
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateRouteEntry", "RegionId", TOKYO,
                       "RouteTableId", w.vtb_a, "DestinationCidrBlock", "192.168.0.0/25",
                       "NextHopType", "RouterInterface", "NextHopId", w.ri_a, NULL);
  ck_assert_msg (pp_api_result_ok (r), "%s", r->code);
  pp_api_result_free (r);
  world_clear (&w);
}
END_TEST

START_TEST (test_access_keys)
{
  g_autoptr(PpEngine) e = pp_engine_new (NULL, 1);
  g_autoptr(GError) error = NULL;
  const char *secret = NULL;

  ck_assert (pp_engine_add_account (e, "A", UID_A, "AKIDA", "secretA", &error));
  ck_assert (!pp_engine_add_account (e, "B", UID_A, "AKIDB", "secretB", &error));
  ck_assert (g_error_matches (error, PP_SIM_ERROR, PP_SIM_ERROR_INVALID_SCENARIO));
  g_clear_error (&error);
  ck_assert (!pp_engine_add_account (e, "B", UID_B, "AKIDA", "secretB", &error));
  g_clear_error (&error);
  ck_assert_str_eq (pp_engine_account_by_access_key (e, "AKIDA", &secret), UID_A);
  ck_assert_str_eq (secret, "secretA");
  ck_assert (pp_engine_account_by_access_key (e, "AKIDX", NULL) == NULL);
}
END_TEST

START_TEST (test_load_twice)
{
  World w;
  g_autoptr(PpScenario) sc = article ();
  g_autoptr(GError) error = NULL;

  world_init (&w, 1);
  ck_assert (!pp_engine_load_scenario (w.e, sc, &error));
  ck_assert (g_error_matches (error, PP_SIM_ERROR, PP_SIM_ERROR_INVALID_SCENARIO));
  world_clear (&w);
}
END_TEST

/* DryRun=true answers DryRunOperation and changes nothing; DryRun=false
 * creates; a DryRun that is not a boolean is refused, and changes nothing. */
START_TEST (test_dry_run)
{
  World w;
  PpApiResult *r;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *last = NULL;

  world_init (&w, 1);
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeVpcs", "RegionId", TOKYO, NULL);
  before = field (r, "TotalCount");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateVpc", "RegionId", TOKYO, "DryRun", "true", NULL);
  ck_assert_str_eq (r->code, "DryRunOperation");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateVpc", "RegionId", TOKYO, "DryRun", "maybe", NULL);
  ck_assert_ptr_nonnull (r->code);
  ck_assert_uint_eq (r->http_status, 400);
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeVpcs", "RegionId", TOKYO, NULL);
  after = field (r, "TotalCount");
  pp_api_result_free (r);
  ck_assert_str_eq (after, before);
  r = pp_engine_callv (w.e, UID_A, NULL, "CreateVpc", "RegionId", TOKYO, "DryRun", "false", NULL);
  ok (r, "CreateVpc DryRun=false");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeVpcs", "RegionId", TOKYO, NULL);
  last = field (r, "TotalCount");
  pp_api_result_free (r);
  ck_assert_uint_eq (g_ascii_strtoull (last, NULL, 10), g_ascii_strtoull (before, NULL, 10) + 1);
  world_clear (&w);
}
END_TEST

/* A refused scenario leaves no trace: an AccessKey id already in the
 * engine (or given twice in the scenario) is found before any account of
 * the scenario is added. */
START_TEST (test_load_refused_whole)
{
  static const char *const xml[] = {
    "<scenario name=\"k\" xmlns=\"urn:peerplan:scenario:1\">\n"
    "<account id=\"A\" uid=\"1111111111111111\" access-key-id=\"AKIDA\" access-key-secret=\"s\"/>\n"
    "<account id=\"B\" uid=\"2222222222222222\" access-key-id=\"AKIDTAKEN\" access-key-secret=\"s\"/>\n"
    "</scenario>",
    "<scenario name=\"k\" xmlns=\"urn:peerplan:scenario:1\">\n"
    "<account id=\"A\" uid=\"1111111111111111\" access-key-id=\"AKIDA\" access-key-secret=\"s\"/>\n"
    "<account id=\"B\" uid=\"2222222222222222\" access-key-id=\"AKIDA\" access-key-secret=\"t\"/>\n"
    "</scenario>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (xml); i++)
    {
      g_autoptr(PpEngine) e = pp_engine_new (NULL, 1);
      g_autoptr(GBytes) bytes = g_bytes_new_static (xml[i], strlen (xml[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(PpScenario) sc = pp_scenario_load_bytes (bytes, "k.xml", NULL, &error);

      ck_assert_msg (sc != NULL, "%s", error ? error->message : "");
      ck_assert (pp_engine_add_account (e, "X", "3333333333333333", "AKIDTAKEN", "x", NULL));
      ck_assert (!pp_engine_load_scenario (e, sc, &error));
      ck_assert (g_error_matches (error, PP_SIM_ERROR, PP_SIM_ERROR_INVALID_SCENARIO));
      ck_assert_msg (g_str_has_prefix (error->message, "k.xml:3: account 'B': AccessKey id"), "%s",
                     error->message);
      /* A was not added: its key is unknown and its uid free. */
      ck_assert (pp_engine_account_by_access_key (e, "AKIDA", NULL) == NULL);
      ck_assert (pp_engine_add_account (e, "A", "1111111111111111", NULL, NULL, NULL));
    }
}
END_TEST

/* Two engines, same seed, same calls: identical answers, ids and times.
 * Another seed: other ids. */
static GPtrArray *
replay (guint64 seed)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  World w;
  g_autoptr(PpApiResult) r = NULL;
  g_autoptr(PpScenario) sc = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *now = NULL;

  world_init (&w, seed);
  world_stage (&w, STAGE_ROUTED);
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRouterInterfaces", "RegionId", TOKYO, NULL);
  g_ptr_array_add (out, g_variant_print (r->response, TRUE));
  g_clear_pointer (&r, pp_api_result_free);
  r = pp_engine_callv (w.e, UID_B, NULL, "DescribeRouteTables", "RegionId", SV,
                       "VRouterId", w.vrt_b, NULL);
  g_ptr_array_add (out, g_variant_print (r->response, TRUE));
  g_clear_pointer (&r, pp_api_result_free);
  r = pp_engine_callv (w.e, UID_B, NULL, "ConnectRouterInterface", "RegionId", SV,
                       "RouterInterfaceId", w.ri_b, NULL);
  g_ptr_array_add (out, g_strdup_printf ("%s %s %s", r->request_id, r->code, r->message));
  sc = pp_engine_to_scenario (w.e, NULL, NULL);
  xml = pp_scenario_to_xml (sc);
  g_ptr_array_add (out, g_steal_pointer (&xml));
  now = pp_engine_now_iso (w.e);
  g_ptr_array_add (out, g_steal_pointer (&now));
  world_clear (&w);
  return out;
}

START_TEST (test_determinism)
{
  g_autoptr(GPtrArray) a = replay (2024);
  g_autoptr(GPtrArray) b = replay (2024);
  g_autoptr(GPtrArray) c = replay (2025);
  guint i;

  ck_assert_uint_eq (a->len, b->len);
  for (i = 0; i < a->len; i++)
    ck_assert_str_eq (g_ptr_array_index (a, i), g_ptr_array_index (b, i));
  ck_assert_str_ne (g_ptr_array_index (a, 0), g_ptr_array_index (c, 0));
  /* The times do not depend on the seed. */
  ck_assert_str_eq (g_ptr_array_index (a, a->len - 1), g_ptr_array_index (c, c->len - 1));
}
END_TEST

START_TEST (test_ids_and_clock)
{
  World w;
  g_autofree char *now = NULL;
  guint i;

  world_init (&w, 99);
  ck_assert_int_eq (pp_engine_now (w.e), PP_ENGINE_EPOCH);
  now = pp_engine_now_iso (w.e);
  ck_assert_str_eq (now, "2026-01-01T00:00:00Z");
  world_stage (&w, STAGE_CREATED);
  /* Two calls, one tick each. */
  ck_assert_int_eq (pp_engine_now (w.e), PP_ENGINE_EPOCH + 2);
  ck_assert (g_str_has_prefix (w.ri_a, "ri-"));
  ck_assert_uint_eq (strlen (w.ri_a), 3 + 21);
  for (i = 3; w.ri_a[i] != '\0'; i++)
    ck_assert (g_ascii_islower (w.ri_a[i]) || g_ascii_isdigit (w.ri_a[i]));
  ck_assert (g_str_has_prefix (w.vrt_a, "vrt-"));
  ck_assert (g_str_has_prefix (w.vtb_b, "vtb-"));
  pp_engine_advance (w.e, 100);
  ck_assert_int_eq (pp_engine_now (w.e), PP_ENGINE_EPOCH + 102);
  pp_engine_advance_to (w.e, PP_ENGINE_EPOCH);
  ck_assert_int_eq (pp_engine_now (w.e), PP_ENGINE_EPOCH + 102);
  ck_assert_uint_eq (pp_engine_settle (w.e), 0);
  world_clear (&w);

  /* pp_engine_wait runs transitions until the status comes, or says it
   * will not. */
  world_init (&w, 99);
  world_stage (&w, STAGE_CONFIGURED);
  ck_assert (!pp_engine_wait (w.e, w.ri_a, "Active", 60));
  ck_assert (pp_engine_wait (w.e, w.ri_a, "Idle", 0));
  {
    g_autoptr(PpApiResult) r = pp_engine_callv (w.e, UID_A, NULL, "ConnectRouterInterface",
                                                "RegionId", TOKYO, "RouterInterfaceId", w.ri_a, NULL);
    gint64 t = pp_engine_now (w.e);
    ok (r, "connect");
    ck_assert (!pp_engine_wait (w.e, w.ri_a, "Active", 1));
    ck_assert_int_eq (pp_engine_now (w.e), t);
    ck_assert (pp_engine_wait (w.e, w.ri_a, "Active", 60));
    ck_assert_int_eq (pp_engine_now (w.e), t + 4);
    ck_assert (!pp_engine_wait (w.e, "ri-nosuchthing", "Active", 60));
    ck_assert (pp_engine_wait (w.e, "ri-nosuchthing", NULL, 0));
  }
  world_clear (&w);
}
END_TEST

/* The answers as serve writes them (JSON through json-glib), for the
 * article's state: the golden file is reviewed, never regenerated blindly. */
static void
append_json (GString *out, const char *title, GVariant *body)
{
  g_autoptr(JsonNode) node = json_gvariant_serialize (body);
  g_autofree char *text = json_to_string (node, TRUE);

  g_string_append_printf (out, "# %s\n%s\n", title, text);
}

START_TEST (test_golden_json)
{
  World w;
  g_autoptr(GString) out = g_string_new (NULL);
  PpApiResult *r;
  g_autoptr(GVariant) body = NULL;

  world_init (&w, 42);
  world_stage (&w, STAGE_ROUTED);
  r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRouterInterfaces", "RegionId", TOKYO, NULL);
  append_json (out, "A: DescribeRouterInterfaces", r->response);
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_B, NULL, "DescribeRouteTables", "RegionId", SV,
                       "VRouterId", w.vrt_b, NULL);
  append_json (out, "B: DescribeRouteTables", r->response);
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_B, NULL, "ConnectRouterInterface", "RegionId", SV,
                       "RouterInterfaceId", w.ri_b, NULL);
  body = pp_api_result_body (r);
  append_json (out, "B: ConnectRouterInterface (HTTP 400)", body);
  pp_api_result_free (r);
  ck_assert (pp_test_golden ("tests/data/engine/article-answers.txt", out->str));
  world_clear (&w);
}
END_TEST

/* The exported pair is only as up as its lower end. */
START_TEST (test_export_pair_status)
{
  World w;
  g_autoptr(PpApiResult) r = NULL;
  g_autoptr(PpScenario) out = NULL;

  world_init (&w, 8);
  world_stage (&w, STAGE_CONNECTED);
  r = pp_engine_callv (w.e, UID_B, NULL, "DeactivateRouterInterface", "RegionId", SV,
                       "RouterInterfaceId", w.ri_b, NULL);
  ok (r, "B deactivates");
  pp_engine_settle (w.e);
  ck_assert_str_eq (pp_engine_status (w.e, w.ri_a), "Active");
  out = pp_engine_to_scenario (w.e, "x", NULL);
  ck_assert_str_eq (out->name, "x");
  ck_assert_str_eq (pp_scenario_connection (out, 0)->status, "Inactive");
  world_clear (&w);
}
END_TEST

/* Paths the table cannot reach in one call. */
START_TEST (test_opposite_deleted)
{
  World w;
  PpApiResult *r;

  world_init (&w, 30);
  world_stage (&w, STAGE_CONNECTED);
  r = pp_engine_callv (w.e, UID_B, NULL, "DeactivateRouterInterface", "RegionId", SV,
                       "RouterInterfaceId", w.ri_b, NULL);
  ok (r, "B deactivates");
  pp_api_result_free (r);
  ck_assert (pp_engine_wait (w.e, w.ri_b, "Inactive", 60));
  r = pp_engine_callv (w.e, UID_B, NULL, "DeleteRouterInterface", "RegionId", SV,
                       "RouterInterfaceId", w.ri_b, NULL);
  ok (r, "B deletes");
  pp_api_result_free (r);
  /* Deleting twice: the status is no longer Idle/Inactive. */
  r = pp_engine_callv (w.e, UID_B, NULL, "DeleteRouterInterface", "RegionId", SV,
                       "RouterInterfaceId", w.ri_b, NULL);
  ck_assert_str_eq (r->code, "IncorrectStatus");
  pp_api_result_free (r);
  ck_assert (pp_engine_wait (w.e, w.ri_b, NULL, 60));
  r = pp_engine_callv (w.e, UID_A, NULL, "DeactivateRouterInterface", "RegionId", TOKYO,
                       "RouterInterfaceId", w.ri_a, NULL);
  ok (r, "A deactivates");
  pp_api_result_free (r);
  pp_engine_settle (w.e);
  r = pp_engine_callv (w.e, UID_A, NULL, "ActivateRouterInterface", "RegionId", TOKYO,
                       "RouterInterfaceId", w.ri_a, NULL);
  ck_assert_str_eq (r->code, "OppositeRouterInterfaceIsDeleted");
  pp_api_result_free (r);
  world_clear (&w);
}
END_TEST

/* pp_engine_add_route_entry() on @fast against pp_engine_create_route_entry()
 * on @slow (two engines in the same state) with the request @rq, whose
 * destination is parsed here when it parses: the same change when the
 * call succeeds; when it fails, nothing changed in @fast (the typed call
 * then gives @slow's answer, its RequestId included).  Returns whether
 * it succeeded. */
static gboolean
assert_added_as_created (PpEngine *fast, PpEngine *slow, const char *who,
                         const PpRouteEntryRequest *rq, const char *what)
{
  PpRouteEntryRequest parsed = *rq;
  PpCidr dest;
  PpRouteEntryMade made;
  g_autoptr(PpApiResult) a = NULL;
  g_autoptr(PpApiResult) b = NULL;
  g_autofree char *id = NULL;
  gboolean added;

  if (rq->destination == NULL || !pp_cidr_parse_route (rq->destination, &dest, NULL))
    return FALSE;             /* the text's errors are the typed call's */
  parsed.parsed = &dest;
  parsed.destination = NULL;
  added = pp_engine_add_route_entry (fast, who, &parsed, &made);
  a = pp_engine_create_route_entry (slow, who, rq);
  if (a->code != NULL)
    {
      ck_assert_msg (!added, "%s: added, but the call fails with %s", what, a->code);
      b = pp_engine_create_route_entry (fast, who, rq);
      ck_assert_str_eq (b->request_id, a->request_id);
      ck_assert_str_eq (b->code, a->code);
      ck_assert_str_eq (b->message, a->message);
      return FALSE;
    }
  ck_assert_msg (added, "%s: not added, but the call succeeds", what);
  id = pp_api_result_get (a, "RouteEntryId");
  ck_assert_str_eq (made.request_id, a->request_id);
  ck_assert_str_eq (made.route_entry_id, id);
  ck_assert_str_eq (made.status, pp_engine_status (slow, id));
  ck_assert_str_eq (made.status, pp_engine_status (fast, id));
  ck_assert_int_eq (pp_engine_now (fast), pp_engine_now (slow));
  return TRUE;
}

/* The two engines of assert_added_as_created() in the same state: their
 * exports and clocks once settled. */
static void
assert_same_engines (PpEngine *fast, PpEngine *slow)
{
  g_autoptr(PpScenario) out_a = NULL;
  g_autoptr(PpScenario) out_b = NULL;
  g_autofree char *xml_a = NULL;
  g_autofree char *xml_b = NULL;

  ck_assert_int_eq (pp_engine_settle (fast), pp_engine_settle (slow));
  out_a = pp_engine_to_scenario (fast, NULL, NULL);
  out_b = pp_engine_to_scenario (slow, NULL, NULL);
  xml_a = pp_scenario_to_xml (out_a);
  xml_b = pp_scenario_to_xml (out_b);
  ck_assert_str_eq (xml_a, xml_b);
}

/* Every CreateRouteEntry row of the five parameters, added without an
 * answer: each rule that refuses the call leaves the engine untouched,
 * and a call that succeeds makes what the call makes. */
START_TEST (test_row_route_added)
{
  const Row *row = &rows[_i];
  World fast, slow;
  g_autoptr(GHashTable) params = NULL;
  PpRouteEntryRequest rq;

  if (!row_route_request (row, &slow, &fast, &params, &rq))
    return;
  if (assert_added_as_created (fast.e, slow.e, row->who, &rq, row->name))
    ck_assert_msg (row->code == NULL, "%s: added, but the row expects %s", row->name, row->code);
  assert_same_engines (fast.e, slow.e);
  world_clear (&fast);
  world_clear (&slow);
}
END_TEST

/* The rules the rows do not reach: the quota (the 201st custom route),
 * a duplicate, and a peering's status (Accepting, then Activated). */
START_TEST (test_route_added_rules)
{
  World fast, slow;
  g_autofree char *pcc_a = NULL;
  g_autofree char *pcc_b = NULL;
  PpRouteEntryRequest rq = { NULL, NULL, NULL, NULL, "ecs-a", NULL };
  PpApiResult *r;
  guint added = 0;

  world_init (&fast, 31);
  world_init (&slow, 31);
  rq.route_table_id = slow.vtb_a;
  for (guint i = 0; i <= 200; i++)
    {
      g_autofree char *dest = g_strdup_printf ("10.%u.%u.0/24", i / 256, i % 256);

      rq.destination = dest;
      added += assert_added_as_created (fast.e, slow.e, UID_A, &rq, dest);
      if (i == 3)
        assert_added_as_created (fast.e, slow.e, UID_A, &rq, "a duplicate");
    }
  ck_assert_uint_eq (added, 200);
  /* a peering not Activated yet, then Activated */
  pcc_a = peer_create (&fast, UID_A, NULL);
  pcc_b = peer_create (&slow, UID_A, NULL);
  ck_assert_str_eq (pcc_a, pcc_b);
  rq = (PpRouteEntryRequest) { NULL, slow.vtb_b, "10.9.0.0/16", "VpcPeer", pcc_a, NULL };
  pp_engine_settle (fast.e);
  pp_engine_settle (slow.e);
  ck_assert (!assert_added_as_created (fast.e, slow.e, UID_B, &rq, "peering Accepting"));
  r = pp_engine_callv (fast.e, UID_B, NULL, "AcceptVpcPeerConnection", "InstanceId", pcc_a, NULL);
  pp_api_result_free (r);
  r = pp_engine_callv (slow.e, UID_B, NULL, "AcceptVpcPeerConnection", "InstanceId", pcc_a, NULL);
  pp_api_result_free (r);
  pp_engine_settle (fast.e);
  pp_engine_settle (slow.e);
  ck_assert (assert_added_as_created (fast.e, slow.e, UID_B, &rq, "peering Activated"));
  assert_same_engines (fast.e, slow.e);
  world_clear (&fast);
  world_clear (&slow);
}
END_TEST

START_TEST (test_route_quota)
{
  World w;
  PpApiResult *r;
  guint i;

  world_init (&w, 31);
  for (i = 0; i <= 200; i++)
    {
      g_autofree char *dest = g_strdup_printf ("10.%u.%u.0/24", i / 256, i % 256);
      r = pp_engine_callv (w.e, UID_A, NULL, "CreateRouteEntry", "RouteTableId", w.vtb_a,
                           "DestinationCidrBlock", dest, "NextHopId", "ecs-a", NULL);
      if (i < 200)
        ok (r, dest);
      else
        {
          ck_assert_str_eq (r->code, "QuotaExceeded");
          ck_assert_uint_eq (r->http_status, 400);
        }
      pp_api_result_free (r);
    }
  world_clear (&w);
}
END_TEST

/* The entries @n..@n+@count-1 of route table @vtb ("10.@k.x.0/24"), made by
 * @uid with next hop @hop; their ids appended to @ids. */
static void
add_routes (World *w, const char *uid, const char *vtb, const char *hop, guint k,
            guint n, guint count, GPtrArray *ids)
{
  for (guint i = n; i < n + count; i++)
    {
      g_autofree char *dest = g_strdup_printf ("10.%u.%u.0/24", k, i);
      PpApiResult *r = pp_engine_callv (w->e, uid, NULL, "CreateRouteEntry", "RouteTableId", vtb,
                                        "DestinationCidrBlock", dest, "NextHopId", hop, NULL);

      ok (r, dest);
      g_ptr_array_add (ids, field (r, "RouteEntryId"));
      pp_api_result_free (r);
    }
}

/* Route entries live in blocks of the engine's (the first of 512); the
 * export lists the live custom ones in creation order across the blocks,
 * and none of those deleted. */
START_TEST (test_export_routes_order)
{
  World w;
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) want = g_ptr_array_new ();
  g_autoptr(PpScenario) before = NULL;
  g_autoptr(PpScenario) out = NULL;
  guint base;

  world_init (&w, 17);
  before = pp_engine_to_scenario (w.e, NULL, NULL);
  base = before->routes->len;
  add_routes (&w, UID_A, w.vtb_a, "ecs-a", 20, 0, 200, made);
  add_routes (&w, UID_B, w.vtb_b, "ecs-b", 21, 0, 200, made);
  pp_engine_settle (w.e);
  for (guint i = 0; i < 150; i++)
    {
      PpApiResult *r = pp_engine_callv (w.e, UID_A, NULL, "DeleteRouteEntry", "RouteEntryId",
                                        g_ptr_array_index (made, i), NULL);
      ok (r, "delete");
      pp_api_result_free (r);
    }
  pp_engine_settle (w.e);
  add_routes (&w, UID_A, w.vtb_a, "ecs-a", 22, 0, 150, made);   /* past entry 512 */
  for (guint i = 150; i < made->len; i++)
    g_ptr_array_add (want, g_ptr_array_index (made, i));
  out = pp_engine_to_scenario (w.e, NULL, NULL);
  ck_assert_uint_eq (out->routes->len, base + want->len);
  for (guint i = 0; i < want->len; i++)
    ck_assert_str_eq (pp_scenario_route_names (out, base + i)->id, g_ptr_array_index (want, i));
  world_clear (&w);
}
END_TEST

/* Calls @action on route entry @id as A and returns the error code, or
 * NULL when it succeeded. */
static char *
route_call (World *w, const char *action, const char *id)
{
  PpApiResult *r = pp_engine_callv (w->e, UID_A, NULL, action, "RouteEntryId", id, NULL);
  char *code = g_strdup (r->code);

  pp_api_result_free (r);
  return code;
}

/* Route entries join the index of ids only when one is first asked for
 * by id: entries made, or deleted without their id, before that moment
 * are found (or not) exactly as those made after it. */
START_TEST (test_route_index_lazy)
{
  World w;
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  PpApiResult *r;
  char *code;

  world_init (&w, 23);
  add_routes (&w, UID_A, w.vtb_a, "ecs-a", 30, 0, 40, made);
  pp_engine_settle (w.e);
  /* deleted by destination: no lookup by id */
  r = pp_engine_callv (w.e, UID_A, NULL, "DeleteRouteEntry", "RouteTableId", w.vtb_a,
                       "DestinationCidrBlock", "10.30.5.0/24", NULL);
  ok (r, "delete by destination");
  pp_api_result_free (r);
  pp_engine_settle (w.e);
  /* the first lookup by id: an early entry, then the one gone before it */
  code = route_call (&w, "DeleteRouteEntry", g_ptr_array_index (made, 0));
  ck_assert_ptr_null (code);
  code = route_call (&w, "DeleteRouteEntry", g_ptr_array_index (made, 5));
  ck_assert_str_eq (code, "InvalidRouteEntryId.NotFound");
  g_free (code);
  /* made once the index holds route entries */
  add_routes (&w, UID_A, w.vtb_a, "ecs-a", 31, 0, 3, made);
  pp_engine_settle (w.e);
  for (guint i = 1; i < made->len; i++)
    {
      code = route_call (&w, "DeleteRouteEntry", g_ptr_array_index (made, i));
      if (i == 5)
        ck_assert_str_eq (code, "InvalidRouteEntryId.NotFound");
      else
        ck_assert_msg (code == NULL, "entry %u: %s", i, code);
      g_free (code);
    }
  pp_engine_settle (w.e);
  code = route_call (&w, "DeleteRouteEntry", g_ptr_array_index (made, made->len - 1));
  ck_assert_str_eq (code, "InvalidRouteEntryId.NotFound");
  g_free (code);
  world_clear (&w);
}
END_TEST

/* A new route entry's id, with this @instance in place of ecs-a in the
 * article (loaded the same way: a declared id draws nothing at random),
 * the route through it. */
static char *
route_id_beside (const char *instance)
{
  g_autofree char *text = pp_test_read ("data/examples/article.xml");
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", instance);
  g_autoptr(GString) xml = g_string_new (text);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = NULL;
  g_autoptr(PpEngine) e = pp_engine_new (NULL, 31);
  g_autoptr(PpApiResult) r = NULL;
  g_autofree char *table = NULL;

  g_string_replace (xml, "\"ecs-a\"", quoted, 0);
  bytes = g_bytes_new (xml->str, xml->len);
  sc = pp_scenario_load_bytes (bytes, "article.xml", NULL, &error);
  ck_assert_msg (sc != NULL, "%s", error ? error->message : "");
  ck_assert_msg (pp_engine_load_scenario (e, sc, &error), "%s", error ? error->message : "");
  table = object_field (e, "vpc-tokyo", "RouteTableId");
  r = pp_engine_callv (e, UID_A, NULL, "CreateRouteEntry", "RouteTableId", table,
                       "DestinationCidrBlock", "10.0.0.0/8", "NextHopType", "Instance",
                       "NextHopId", instance, NULL);
  ok (r, "route through the instance");
  return field (r, "RouteEntryId");
}

/* Route entries are not in the index of ids until one is asked for, so
 * a new one's id is looked up there only once they are, or once another
 * resource has an id with their prefix: an instance named with the very
 * id the next route would get (same seed, same draws) makes that route
 * take another, and a name that only looks alike does not. */
START_TEST (test_route_id_declared)
{
  g_autofree char *first = route_id_beside ("ecs-a");
  g_autofree char *second = route_id_beside (first);
  g_autofree char *alike = route_id_beside ("ecs-zzzzzzzzzzzzzzzzzzzzzzzzz");

  ck_assert (g_str_has_prefix (first, "rte-"));
  ck_assert_str_ne (second, first);
  ck_assert_str_eq (alike, first);
}
END_TEST

/* A table's custom entries are kept by destination in open addressing:
 * many entries, deleted in every position of their probe runs and made
 * again, are each found (or refused as duplicates) by destination, and
 * listed in creation order. */
START_TEST (test_route_set)
{
  World w;
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) live = g_ptr_array_new ();
  PpApiResult *r;
  guint i, page;

  world_init (&w, 29);
  add_routes (&w, UID_A, w.vtb_a, "ecs-a", 40, 0, 180, made);
  pp_engine_settle (w.e);
  for (i = 0; i < 180; i++)
    if (i % 3 == 1 || i % 7 == 0)
      {
        char *code = route_call (&w, "DeleteRouteEntry", g_ptr_array_index (made, i));

        ck_assert_msg (code == NULL, "delete %u: %s", i, code);
      }
  pp_engine_settle (w.e);
  for (i = 0; i < 180; i++)
    {
      g_autofree char *dest = g_strdup_printf ("10.40.%u.0/24", i);
      gboolean gone = i % 3 == 1 || i % 7 == 0;

      r = pp_engine_callv (w.e, UID_A, NULL, "CreateRouteEntry", "RouteTableId", w.vtb_a,
                           "DestinationCidrBlock", dest, "NextHopId", "ecs-a", NULL);
      if (gone)
        {
          ok (r, dest);
          g_ptr_array_add (made, field (r, "RouteEntryId"));
        }
      else
        ck_assert_msg (g_strcmp0 (r->code, "InvalidCIDRBlock.Duplicate") == 0, "%s: %s", dest, r->code);
      pp_api_result_free (r);
    }
  pp_engine_settle (w.e);
  for (i = 0; i < made->len; i++)
    if (i >= 180 || !(i % 3 == 1 || i % 7 == 0))
      g_ptr_array_add (live, g_ptr_array_index (made, i));
  /* listed in creation order, after the system entries */
  for (page = 0; page * 100 < live->len; page++)
    {
      g_autofree char *token = g_strdup_printf ("%u", page * 100);

      r = pp_engine_callv (w.e, UID_A, NULL, "DescribeRouteEntryList", "RegionId", TOKYO,
                           "RouteTableId", w.vtb_a, "RouteEntryType", "Custom", "MaxResult", "100",
                           page > 0 ? "NextToken" : NULL, token, NULL);
      ok (r, "list");
      for (i = 0; i < 100 && page * 100 + i < live->len; i++)
        {
          g_autofree char *path = g_strdup_printf ("RouteEntrys.RouteEntry.%u.RouteEntryId", i);

          assert_field (r, path, g_ptr_array_index (live, page * 100 + i));
        }
      pp_api_result_free (r);
    }
  world_clear (&w);
}
END_TEST

START_TEST (test_peer_more)
{
  World w;
  PpApiResult *r;
  g_autofree char *pcc = NULL;

  world_init (&w, 32);
  pcc = peer_create (&w, UID_A, NULL);
  /* Not while Creating. */
  r = pp_engine_callv (w.e, UID_A, NULL, "DeleteVpcPeerConnection", "InstanceId", pcc, NULL);
  ck_assert_str_eq (r->code, "IncorrectStatus.VpcPeer");
  pp_api_result_free (r);
  pp_engine_settle (w.e);
  /* The accepter reads it; a third party does not. */
  r = pp_engine_callv (w.e, UID_B, NULL, "GetVpcPeerConnectionAttribute", "InstanceId", pcc, NULL);
  ok (r, "B gets");
  assert_field (r, "Status", "Accepting");
  assert_field (r, "Vpc.Ipv4Cidrs.0", "172.16.0.0/16");
  assert_field (r, "LinkType", "Gold");
  pp_api_result_free (r);
  /* List filters. */
  r = pp_engine_callv (w.e, UID_A, NULL, "ListVpcPeerConnections", "RegionId", TOKYO,
                       "VpcId", "vpc-other,vpc-tokyo", "MaxResults", "1", NULL);
  assert_field (r, "TotalCount", "1");
  assert_field (r, "MaxResults", "1");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "ListVpcPeerConnections", "RegionId", TOKYO,
                       "VpcId.1", "vpc-other", "VpcId.2", "vpc-sv", NULL);
  assert_field (r, "TotalCount", "1");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "ListVpcPeerConnections", "RegionId", TOKYO,
                       "VpcId.1", "vpc-other", NULL);
  assert_field (r, "TotalCount", "0");
  pp_api_result_free (r);
  r = pp_engine_callv (w.e, UID_A, NULL, "ListVpcPeerConnections", "RegionId", TOKYO,
                       "Name", "nothing-named-so", NULL);
  assert_field (r, "TotalCount", "0");
  pp_api_result_free (r);
  /* The accepter may delete it (before accepting, too). */
  r = pp_engine_callv (w.e, UID_B, NULL, "DeleteVpcPeerConnection", "InstanceId", pcc, NULL);
  ok (r, "B deletes");
  pp_api_result_free (r);
  ck_assert (pp_engine_wait (w.e, pcc, NULL, 60));
  world_clear (&w);
}
END_TEST

/* Random sequences of calls, drawn from every action with parameters from
 * small pools (the world's ids, bad values, empty ones): no answer without
 * a code or a response, two engines agree answer by answer, and the final
 * state still exports to a valid scenario file. */
static const char *const fuzz_actions[] = {
  "CreateRouterInterface", "ModifyRouterInterfaceAttribute", "ConnectRouterInterface",
  "ActivateRouterInterface", "DeactivateRouterInterface", "DeleteRouterInterface",
  "ModifyRouterInterfaceSpec", "DescribeRouterInterfaces", "DescribeRouterInterfaceAttribute",
  "CreateVpcPeerConnection", "AcceptVpcPeerConnection", "RejectVpcPeerConnection",
  "DeleteVpcPeerConnection", "ModifyVpcPeerConnection", "GetVpcPeerConnectionAttribute",
  "ListVpcPeerConnections", "CreateRouteEntry", "DeleteRouteEntry", "DescribeRouteTables",
  "DescribeRouteTableList", "DescribeRouteEntryList", "CreateVpc", "DescribeVpcs",
  "CreateVSwitch", "DescribeVSwitches", "DescribeRegions",
};

static const char *const fuzz_keys[] = {
  "RegionId", "Role", "RouterType", "RouterId", "Spec", "OppositeRegionId",
  "OppositeInterfaceId", "OppositeRouterId", "OppositeRouterType", "OppositeInterfaceOwnerId",
  "InstanceChargeType", "Period", "RouterInterfaceId", "InstanceId", "VpcId",
  "AcceptingAliUid", "AcceptingRegionId", "AcceptingVpcId", "Bandwidth", "Force",
  "RouteTableId", "DestinationCidrBlock", "NextHopType", "NextHopId", "RouteEntryId",
  "VRouterId", "CidrBlock", "ZoneId", "PageSize", "PageNumber", "NextToken",
  "Filter.1.Key", "Filter.1.Value.1", "MaxResults", "Name",
};

static const char *
fuzz_value (World *w, GRand *rand, GPtrArray *seen)
{
  static const char *const fixed[] = {
    TOKYO, SV, "InitiatingSide", "AcceptingSide", "VRouter", "VBR", "Large.1", "Negative",
    "PrePaid", "PostPaid", "1", "0", "true", "vpc-tokyo", "vpc-sv", UID_A, UID_B,
    "172.16.0.0/24", "192.168.0.0/24", "10.0.0.0/16", "192.168.1.0/24", "ecs-a",
    "RouterInterface", "VpcPeer", "Instance", "Status", "Active", "ap-northeast-1a", "x", "",
  };
  guint n = g_rand_int_range (rand, 0, 4);

  if (n == 0 && seen->len > 0)
    return g_ptr_array_index (seen, g_rand_int_range (rand, 0, seen->len));
  if (n == 1)
    {
      const char *ids[] = { w->vrt_a, w->vrt_b, w->vtb_a, w->vtb_b };
      return ids[g_rand_int_range (rand, 0, G_N_ELEMENTS (ids))];
    }
  return fixed[g_rand_int_range (rand, 0, G_N_ELEMENTS (fixed))];
}

static GPtrArray *
fuzz_run (guint64 seed, guint n_calls)
{
  GPtrArray *answers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) seed);
  g_autoptr(PpScenario) out = NULL;
  g_autoptr(PpScenario) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  World w;
  guint i, k;

  world_init (&w, seed);
  for (i = 0; i < n_calls; i++)
    {
      g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
      const char *action = fuzz_actions[g_rand_int_range (rand, 0, G_N_ELEMENTS (fuzz_actions))];
      const char *uid = g_rand_boolean (rand) ? UID_A : UID_B;
      guint n_params = g_rand_int_range (rand, 0, 9);
      g_autoptr(PpApiResult) r = NULL;
      char *id;

      for (k = 0; k < n_params; k++)
        g_hash_table_insert (params,
                             (gpointer) fuzz_keys[g_rand_int_range (rand, 0, G_N_ELEMENTS (fuzz_keys))],
                             (gpointer) fuzz_value (&w, rand, seen));
      r = pp_engine_call (w.e, uid, NULL, action, params);
      ck_assert ((r->code == NULL) == (r->response != NULL));
      ck_assert (r->code == NULL || (r->http_status >= 400 && r->message != NULL));
      ck_assert (r->code == NULL || strcmp (r->code, "InternalError") != 0);
      g_ptr_array_add (answers, r->response != NULL ? g_variant_print (r->response, FALSE)
                                                    : g_strdup_printf ("%s %u", r->code, r->http_status));
      /* Remember created ids, to use them in later calls. */
      if ((id = pp_api_result_get (r, "RouterInterfaceId")) != NULL
          || (id = pp_api_result_get (r, "InstanceId")) != NULL
          || (id = pp_api_result_get (r, "RouteEntryId")) != NULL
          || (id = pp_api_result_get (r, "VpcId")) != NULL)
        g_ptr_array_add (seen, id);
      if (g_rand_int_range (rand, 0, 10) == 0)
        pp_engine_advance (w.e, g_rand_int_range (rand, 0, 6));
    }
  out = pp_engine_to_scenario (w.e, NULL, &error);
  ck_assert_msg (out != NULL, "%s", error ? error->message : "");
  xml = pp_scenario_to_xml (out);
  bytes = g_bytes_new (xml, strlen (xml));
  again = pp_scenario_load_bytes (bytes, "fuzz.xml", NULL, &error);
  ck_assert_msg (again != NULL, "%s\n%s", error ? error->message : "", xml);
  g_ptr_array_add (answers, g_steal_pointer (&xml));
  world_clear (&w);
  return answers;
}

START_TEST (test_random_calls)
{
  g_autoptr(GPtrArray) a = fuzz_run (1000 + _i, 3000);
  g_autoptr(GPtrArray) b = fuzz_run (1000 + _i, 3000);
  guint i, ok_count = 0;

  ck_assert_uint_eq (a->len, b->len);
  for (i = 0; i < a->len; i++)
    {
      ck_assert_str_eq (g_ptr_array_index (a, i), g_ptr_array_index (b, i));
      if (((const char *) g_ptr_array_index (a, i))[0] == '{')
        ok_count++;
    }
  /* The pools are good enough that some calls succeed. */
  ck_assert_uint_gt (ok_count, 100);
}
END_TEST

/* What the calls built, exported, is what the model's reachability judges:
 * the article's pings pass once both routes are in, and fail before, or
 * with one end deactivated. */
typedef struct {
  Stage stage;
  gboolean ok;
  const char *drop_vpc;       /* of the failing direction, or NULL */
} ReachRow;

static const ReachRow reach_rows[] = {
  { STAGE_CONFIGURED, FALSE, "vpc-tokyo" },
  { STAGE_CONNECTED, FALSE, "vpc-tokyo" },
  { STAGE_ROUTED, TRUE, NULL },
  { STAGE_INACTIVE, FALSE, "vpc-tokyo" },
};

START_TEST (test_reach_on_export)
{
  const ReachRow *row = &reach_rows[_i];
  World w;
  g_autoptr(PpScenario) out = NULL;
  g_autoptr(PpRouteTables) rt = NULL;
  g_auto(PpReachResult) res = { 0 };
  guint a, b;

  world_init (&w, 21);
  world_stage (&w, row->stage);
  out = pp_engine_to_scenario (w.e, NULL, NULL);
  rt = pp_route_tables_new (out);
  a = pp_scenario_lookup (out, PP_KIND_INSTANCE, "ecs-a");
  b = pp_scenario_lookup (out, PP_KIND_INSTANCE, "ecs-b");
  ck_assert (a != PP_NONE && b != PP_NONE);
  res = pp_reach_check (out, rt, a, b);
  ck_assert_msg (res.ok == row->ok, "stage %d: reach %d", row->stage, res.ok);
  if (row->drop_vpc != NULL)
    {
      const PpReachPath *bad = res.forward.drop_vpc != PP_NONE ? &res.forward : &res.reverse;
      ck_assert_uint_ne (bad->drop_vpc, PP_NONE);
      ck_assert_str_eq (pp_scenario_vpc (out, bad->drop_vpc)->id, row->drop_vpc);
    }
  world_clear (&w);
}
END_TEST

static Suite *
engine_suite (void)
{
  Suite *s = suite_create ("engine");
  TCase *tc = tcase_create ("table");

  tcase_add_loop_test (tc, test_row, 0, G_N_ELEMENTS (rows));
  tcase_add_loop_test (tc, test_row_route_typed, 0, G_N_ELEMENTS (rows));
  tcase_add_loop_test (tc, test_row_route_added, 0, G_N_ELEMENTS (rows));
  tcase_add_test (tc, test_route_added_rules);
  tcase_add_loop_test (tc, test_connect_match, 0, G_N_ELEMENTS (match_rows));
  tcase_add_loop_test (tc, test_reach_on_export, 0, G_N_ELEMENTS (reach_rows));
  suite_add_tcase (s, tc);
  tc = tcase_create ("flows");
  tcase_add_test (tc, test_article_flow);
  tcase_add_test (tc, test_slip_self_opposite);
  tcase_add_test (tc, test_connect_owner_missing);
  tcase_add_test (tc, test_connect_role_regions);
  tcase_add_test (tc, test_one_pair_and_limit);
  tcase_add_test (tc, test_describe_paging_filters);
  tcase_add_test (tc, test_response_types);
  tcase_add_test (tc, test_peer_cross_account);
  tcase_add_test (tc, test_peer_same_account_and_reject);
  tcase_add_test (tc, test_routes_async);
  tcase_add_test (tc, test_route_names);
  tcase_add_test (tc, test_vpc_vswitch_flow);
  tcase_add_test (tc, test_dispatch_errors);
  tcase_add_test (tc, test_client_token);
  tcase_add_test (tc, test_route_entry_answer);
  tcase_add_test (tc, test_route_entry_lean);
  tcase_add_test (tc, test_request_id_answers);
  tcase_add_test (tc, test_object_field);
  tcase_add_test (tc, test_route_entry_duplicates);
  tcase_add_test (tc, test_result_get);
  tcase_add_test (tc, test_access_keys);
  tcase_add_test (tc, test_load_twice);
  tcase_add_test (tc, test_load_refused_whole);
  tcase_add_test (tc, test_dry_run);
  tcase_add_test (tc, test_ids_and_clock);
  tcase_add_test (tc, test_opposite_deleted);
  tcase_add_test (tc, test_route_quota);
  tcase_add_test (tc, test_export_routes_order);
  tcase_add_test (tc, test_route_index_lazy);
  tcase_add_test (tc, test_route_id_declared);
  tcase_add_test (tc, test_route_set);
  tcase_add_test (tc, test_peer_more);
  tcase_add_test (tc, test_vswitch_quota_and_foreign_peer);
  suite_add_tcase (s, tc);
  tc = tcase_create ("determinism");
  tcase_add_test (tc, test_determinism);
  tcase_add_loop_test (tc, test_random_calls, 0, 4);
  tcase_add_test (tc, test_golden_json);
  tcase_add_test (tc, test_export_pair_status);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return pp_test_run (engine_suite ());
}
