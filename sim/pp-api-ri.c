/* SPDX-License-Identifier: MIT */
/* pp-api-ri.c: router interfaces (Vpc 2016-04-28): Create, Modify
 * attribute, Connect, Activate, Deactivate, Delete, Modify spec, Describe
 * (list and attribute).  Facts: reference/alibaba-api.md section 2; the
 * code chosen where sources disagree is in docs/api.md.
 *
 * State machine (one interface):
 *   Create             -> Idle
 *   Connect (initiator, Idle, both ends configured)
 *                      -> Connecting / acceptor AcceptingConnecting
 *                      -> (PP_RI_CONNECT_SECONDS) both Active
 *   Deactivate (Active)   -> Deactivating -> Inactive
 *   Activate (Inactive)   -> Activating   -> Active
 *   ModifySpec (Active)   -> Activating   -> Active   (Idle: immediate)
 *   Delete (Idle/Inactive, no route refers to it) -> Deleting -> gone
 */

#include "sim/pp-engine-private.h"
#include "model/pp-number.h"

#include <string.h>

#define RI_CONNECT_SECONDS 5
#define RI_SWITCH_SECONDS 3
#define RI_DELETE_SECONDS 3
#define RI_MAX_PER_ROUTER 5
#define RI_PAYG_END "2999-09-08T16:00:00Z"

static const struct {
  const char *spec;
  gint64 mbps;
} specs[] = {
  { "Mini.2", 2 }, { "Mini.5", 5 },
  { "Small.1", 10 }, { "Small.2", 20 }, { "Small.5", 50 },
  { "Middle.1", 100 }, { "Middle.2", 200 }, { "Middle.5", 500 },
  /* Large.2 reports 2048: the one Bandwidth a real answer shows
   * (reference 2.2, the SDK's same-region example). */
  { "Large.1", 1000 }, { "Large.2", 2048 }, { "Large.5", 5000 },
  { "Xlarge.1", 10000 },
  { "Negative", 0 },
};

static const char *
spec_lookup (const char *s, gint64 *mbps)
{
  guint i;

  for (i = 0; s != NULL && i < G_N_ELEMENTS (specs); i++)
    if (strcmp (specs[i].spec, s) == 0)
      {
        if (mbps != NULL)
          *mbps = specs[i].mbps;
        return specs[i].spec;
      }
  return NULL;
}

static gint64
ri_bandwidth (const Ri *ri)
{
  gint64 mbps = 0;

  spec_lookup (ri->spec, &mbps);
  return mbps;
}

static gboolean
is_status (const Ri *ri, const char *s)
{
  return strcmp (ri->r.status, s) == 0;
}

static gboolean
router_type_ok (const char *t)
{
  return strcmp (t, "VRouter") == 0 || strcmp (t, "VBR") == 0;
}

/* The caller's live interface @id in @region, or an error. */
static Ri *
own_ri (Call *c, const char *id, const PpRegion *region)
{
  Ri *ri = (Ri *) pp_res_lookup (c->e, id, RES_RI);

  if (ri == NULL || ri->r.account != c->caller || (region != NULL && ri->region != region))
    {
      pp_call_fail (c, 404, "InvalidRouterInterfaceId.NotFound",
                 "The specified RouterInterfaceId does not exist in our record.");
      return NULL;
    }
  return ri;
}

/* The caller's interface named by @id_param in the region RegionId names
 * (both required), or NULL with the error set. */
static Ri *
ri_param (Call *c, const char *id_param)
{
  const PpRegion *region;
  const char *id;

  if (!pp_call_check_region (c, "RegionId", TRUE, &region) || !pp_require (c, id_param, &id))
    return NULL;
  return own_ri (c, id, region);
}

static GVariant *
ri_item (PpEngine *e, Res *r)
{
  Ri *ri = (Ri *) r;
  GVariantDict *d = g_variant_dict_new (NULL);
  g_autofree char *created = pp_iso_time (ri->r.created);
  g_autofree char *connected = ri->connected_time != 0 ? pp_iso_time (ri->connected_time) : g_strdup ("");
  g_autofree char *end = ri->end_time != 0 ? pp_iso_time (ri->end_time) : g_strdup (RI_PAYG_END);
  Ri *peer = ri->peer;
  GVariantDict *tags = g_variant_dict_new (NULL);

  pp_dict_str (d, "AccessPointId", "");
  pp_dict_int (d, "Bandwidth", ri_bandwidth (ri));
  pp_dict_str (d, "BusinessStatus", "Normal");
  pp_dict_str (d, "ChargeType", ri->prepaid ? "PrePaid" : "AfterPay");
  pp_dict_str (d, "ConnectedTime", connected);
  pp_dict_str (d, "CreationTime", created);
  pp_dict_bool (d, "CrossBorder", ri->opp_region != NULL && pp_regions_cross_border (ri->region, ri->opp_region));
  pp_dict_str (d, "Description", ri->description);
  pp_dict_str (d, "EndTime", end);
  pp_dict_bool (d, "FastLinkMode", FALSE);
  pp_dict_str (d, "HasReservationData", "false");
  pp_dict_int (d, "HcRate", ri->hc_rate);
  pp_dict_int (d, "HcThreshold", ri->hc_threshold);
  pp_dict_str (d, "HealthCheckSourceIp", ri->hc_source);
  pp_dict_str (d, "HealthCheckTargetIp", ri->hc_target);
  pp_dict_str (d, "Ipv6Status", "");
  pp_dict_str (d, "Name", ri->name);
  pp_dict_str (d, "OppositeAccessPointId", "");
  pp_dict_int (d, "OppositeBandwidth", peer != NULL ? ri_bandwidth (peer) : 0);
  pp_dict_str (d, "OppositeInterfaceBusinessStatus", peer != NULL ? "Normal" : "");
  pp_dict_str (d, "OppositeInterfaceId", ri->opp_interface_id);
  pp_dict_str (d, "OppositeInterfaceOwnerId", ri->opp_owner);
  pp_dict_str (d, "OppositeInterfaceSpec", peer != NULL ? peer->spec : "");
  pp_dict_str (d, "OppositeInterfaceStatus", peer != NULL ? peer->r.status : "");
  pp_dict_str (d, "OppositeRegionId", ri->opp_region != NULL ? ri->opp_region->id : "");
  pp_dict_str (d, "OppositeRouterId", ri->opp_router_id);
  pp_dict_str (d, "OppositeRouterType", ri->opp_router_type);
  pp_dict_str (d, "OppositeVpcInstanceId", peer != NULL ? peer->vpc->r.id : "");
  pp_dict_str (d, "ReservationActiveTime", "");
  pp_dict_str (d, "ReservationBandwidth", "");
  pp_dict_str (d, "ReservationInternetChargeType", "");
  pp_dict_str (d, "ReservationOrderType", "");
  pp_dict_str (d, "ResourceGroupId", "");
  pp_dict_str (d, "Role", ri->initiator ? "InitiatingSide" : "AcceptingSide");
  pp_dict_str (d, "RouterId", ri->vpc->vrouter_id);
  pp_dict_str (d, "RouterInterfaceId", ri->r.id);
  pp_dict_str (d, "RouterType", "VRouter");
  pp_dict_str (d, "Spec", ri->spec);
  pp_dict_str (d, "Status", ri->r.status);
  pp_dict_str (d, "VpcInstanceId", ri->vpc->r.id);
  pp_dict_list (tags, "Tags", NULL, NULL);
  pp_dict_obj (d, "Tags", tags);
  (void) e;
  return pp_dict_end (d);
}

/* A connected (or connecting, or frozen) pair between router @x and the
 * router @y_router, other than @skip; NULL if none.  A router has at most
 * RI_MAX_PER_ROUTER interfaces, so this looks at a handful. */
static Ri *
pair_between (const Vpc *x, const char *y_router, const Ri *skip)
{
  guint i;

  for (i = 0; i < x->ris->len; i++)
    {
      Ri *ri = g_ptr_array_index (x->ris, i);
      if (ri == skip || ri->peer == skip || ri->peer == NULL)
        continue;
      if (strcmp (ri->peer->vpc->vrouter_id, y_router) == 0)
        return ri;
    }
  return NULL;
}

static gboolean
opposite_params (Call *c, Ri *ri, gboolean modify)
{
  const char *v;

  if ((v = pp_param (c, "OppositeRouterType")) != NULL && !router_type_ok (v))
    return pp_call_fail (c, 400, modify ? "InvalidOppositeRouterType.ValueNotSupported"
                                     : "InvalidRouterType.ValueNotSupported",
                      "The specified OppositeRouterType \"%s\" is not supported: use VRouter or VBR.", v);
  if ((v = pp_param (c, "OppositeInterfaceOwnerId")) != NULL)
    {
      guint64 n;
      if (!pp_parse_uint (v, 0, G_MAXUINT64, &n, NULL))
        return pp_call_fail (c, 400, "InvalidParameter",
                          "The specified parameter \"OppositeInterfaceOwnerId\" is not valid: \"%s\" is not an account uid.", v);
    }
  if (ri == NULL)
    return TRUE;
#define SET_FROM(field, name) \
  if ((v = pp_param (c, name)) != NULL) { g_free (ri->field); ri->field = g_strdup (v); }
  SET_FROM (opp_interface_id, "OppositeInterfaceId");
  SET_FROM (opp_router_id, "OppositeRouterId");
  SET_FROM (opp_router_type, "OppositeRouterType");
  SET_FROM (opp_owner, "OppositeInterfaceOwnerId");
  SET_FROM (name, "Name");
  SET_FROM (description, "Description");
  SET_FROM (hc_source, "HealthCheckSourceIp");
  SET_FROM (hc_target, "HealthCheckTargetIp");
#undef SET_FROM
  return TRUE;
}

static gboolean
check_hc (Call *c)
{
  const char *src = pp_param (c, "HealthCheckSourceIp");
  const char *dst = pp_param (c, "HealthCheckTargetIp");
  guint32 ip;

  if (src != NULL && dst == NULL)
    return pp_require (c, "HealthCheckTargetIp", NULL);
  if ((src != NULL && !pp_ip_parse (src, &ip, NULL)) || (dst != NULL && !pp_ip_parse (dst, &ip, NULL)))
    return pp_call_fail (c, 400, "InvalidParameter",
                      "The specified health check IP address is not a valid IPv4 address.");
  return TRUE;
}

static gboolean
op_create (Call *c, GVariantDict *d)
{
  const char *role, *rtype, *router, *spec_s, *v;
  const PpRegion *region, *opp_region;
  const char *spec;
  gboolean initiator, prepaid = FALSE;
  gint64 period = 0;
  gboolean yearly = FALSE;
  Vpc *vpc;
  Ri *ri;

  if (!pp_call_check_region (c, "RegionId", TRUE, &region)
      || !pp_require (c, "Role", &role)
      || !pp_require (c, "RouterType", &rtype)
      || !pp_require (c, "RouterId", &router)
      || !pp_require (c, "Spec", &spec_s)
      || !pp_require (c, "OppositeRegionId", NULL))
    return FALSE;
  opp_region = pp_call_region (c, "OppositeRegionId");
  if (opp_region == NULL)
    return pp_call_fail (c, 400, "IllegalParam.RegionId",
                      "The specified OppositeRegionId \"%s\" does not exist.", pp_param (c, "OppositeRegionId"));
  if (strcmp (role, "InitiatingSide") == 0)
    initiator = TRUE;
  else if (strcmp (role, "AcceptingSide") == 0)
    initiator = FALSE;
  else
    return pp_call_fail (c, 400, "InvalidRole.ValueNotSupported", "The specified Role is not valid.");
  if (!router_type_ok (rtype))
    return pp_call_fail (c, 400, "InvalidRouterType.ValueNotSupported",
                      "The specified RouterType \"%s\" is not supported: use VRouter or VBR.", rtype);
  spec = spec_lookup (spec_s, NULL);
  if (spec == NULL)
    return pp_call_fail (c, 400, "InvalidSpec.ValudNotSupported", "The specified Spec is not supported.");
  if (!initiator && strcmp (spec, "Negative") != 0)
    return pp_call_fail (c, 400, "IllegalParam.Spec",
                      "An AcceptingSide router interface must use Spec \"Negative\", not \"%s\".", spec);
  if (initiator && strcmp (spec, "Negative") == 0)
    return pp_call_fail (c, 400, "IllegalParam.Spec",
                      "Spec \"Negative\" is only for an AcceptingSide router interface.");
  if ((v = pp_param (c, "InstanceChargeType")) != NULL)
    {
      if (strcmp (v, "PrePaid") == 0)
        prepaid = TRUE;
      else if (strcmp (v, "PostPaid") != 0)
        return pp_call_fail (c, 400, "InvalidRouterInterfaceChargeType.Malformed",
                          "The specified InstanceChargeType \"%s\" is not valid: use PrePaid or PostPaid.", v);
    }
  if (prepaid && !initiator)
    return pp_call_fail (c, 400, "Forbidden.AcceptRoleNotSupportPrePay",
                      "The AcceptingSide router interface does not support the PrePaid charge type.");
  if (prepaid && opp_region == region)
    return pp_call_fail (c, 400, "InvalidRouterInterfaceChargeType.Malformed",
                      "PrePaid is not supported when RegionId and OppositeRegionId are the same region.");
  if (prepaid)
    {
      if ((v = pp_param (c, "PricingCycle")) != NULL)
        {
          if (strcmp (v, "Year") == 0)
            yearly = TRUE;
          else if (strcmp (v, "Month") != 0)
            return pp_call_fail (c, 400, "InvalidParameter",
                              "The specified PricingCycle \"%s\" is not valid: use Month or Year.", v);
        }
      if (!pp_require (c, "Period", NULL)
          || !pp_param_int (c, "Period", 1, yearly ? 3 : 9, 1, "InvalidParameter", &period))
        return FALSE;
    }
  if (!pp_call_check_name (c, "Name", 128, "InvalidName.Malformed")
      || !pp_call_check_name (c, "Description", 256, "InvalidDescription.Malformed")
      || !check_hc (c)
      || !opposite_params (c, NULL, FALSE))
    return FALSE;

  vpc = g_hash_table_lookup (c->e->by_vrouter, router);
  if (!pp_call_owns (c, (Res *) vpc) || vpc->region != region
      || strcmp (rtype, "VRouter") != 0)
    return pp_call_fail (c, 404, "InvalidRouterId.NotFound",
                      "The specified RouterId does not exist in our recored.");
  if (vpc->ris->len >= RI_MAX_PER_ROUTER)
    return pp_call_fail (c, 400, "LimitationExceed.InterfaceNumberOnRouter",
                      "Total number of RouterInterfaces on a Router exceeded.");
  if ((v = pp_param (c, "OppositeRouterId")) != NULL && pair_between (vpc, v, NULL) != NULL)
    return pp_call_fail (c, 400, "HaveConnectionBetweenRouters", "Have connection between routers");

  ri = g_new0 (Ri, 1);
  ri->vpc = vpc;
  ri->region = region;
  ri->initiator = initiator;
  ri->spec = spec;
  ri->opp_region = opp_region;
  ri->opp_router_id = g_strdup ("");
  ri->opp_router_type = g_strdup ("");
  ri->opp_interface_id = g_strdup ("");
  ri->opp_owner = g_strdup ("");
  ri->name = g_strdup ("");
  ri->description = g_strdup ("");
  ri->hc_source = g_strdup ("");
  ri->hc_target = g_strdup ("");
  ri->prepaid = prepaid;
  ri->period = (guint) period;
  ri->yearly = yearly;
  ri->r.status = "Idle";
  opposite_params (c, ri, FALSE);
  if (pp_param (c, "OppositeRouterType") == NULL && pp_param (c, "OppositeRouterId") != NULL)
    {
      g_free (ri->opp_router_type);
      ri->opp_router_type = g_strdup ("VRouter");
    }
  pp_res_add (c->e, RES_RI, &ri->r, pp_new_id (c->e, "ri-", 21), c->caller);
  pp_ri_attach (ri);
  if (prepaid)
    {
      g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (c->e->now);
      g_autoptr(GDateTime) stop = yearly ? g_date_time_add_years (start, (int) period)
                                         : g_date_time_add_months (start, (int) period);
      ri->end_time = g_date_time_to_unix (stop);
    }
  pp_dict_str (d, "RouterInterfaceId", ri->r.id);
  if (prepaid)
    pp_dict_int (d, "OrderId", (gint64) (ri->r.serial + 200000000000000));
  return TRUE;
}

static gboolean
op_modify_attribute (Call *c, GVariantDict *d)
{
  const PpRegion *region;
  const char *id;
  Ri *ri;
  gint64 n;
  static const char *const opposite[] = {
    "OppositeInterfaceId", "OppositeRouterId", "OppositeRouterType", "OppositeInterfaceOwnerId",
  };
  guint i;
  gboolean del_hc = FALSE;

  if (!pp_call_check_region (c, "RegionId", TRUE, &region)
      || !pp_require (c, "RouterInterfaceId", &id))
    return FALSE;
  if (!pp_call_check_name (c, "Name", 128, "InvalidName.Malformed")
      || !pp_call_check_name (c, "Description", 256, "InvalidDescription.Malformed")
      || !opposite_params (c, NULL, TRUE)
      || !pp_param_int (c, "HcRate", 1, G_MAXINT32, 0, "IllegalParam.HcRate", &n)
      || !pp_param_int (c, "HcThreshold", 1, G_MAXINT32, 0, "IllegalParam.HcThreshold", &n)
      || !pp_param_bool (c, "DeleteHealthCheckIp", FALSE, &del_hc))
    return FALSE;
  if (pp_param (c, "HealthCheckSourceIp") != NULL && !check_hc (c))
    return FALSE;
  if ((ri = own_ri (c, id, region)) == NULL)
    return FALSE;
  for (i = 0; i < G_N_ELEMENTS (opposite); i++)
    if (pp_param (c, opposite[i]) != NULL && !is_status (ri, "Idle"))
      return pp_call_fail (c, 400, "IncorrectStatus.RouterInterface",
                        "This openeration would not be allowed because status of this RouterInterface is not correct.");
  if (is_status (ri, "Deleting"))
    return pp_call_fail (c, 400, "IncorrectStatus.RouterInterface",
                      "This openeration would not be allowed because status of this RouterInterface is not correct.");
  opposite_params (c, ri, TRUE);
  if (pp_param (c, "OppositeRouterId") != NULL && pp_param (c, "OppositeRouterType") == NULL
      && ri->opp_router_type[0] == '\0')
    {
      /* The documented default of OppositeRouterType here is VBR. */
      g_free (ri->opp_router_type);
      ri->opp_router_type = g_strdup ("VBR");
    }
  pp_param_int (c, "HcRate", 1, G_MAXINT32, ri->hc_rate, NULL, &ri->hc_rate);
  pp_param_int (c, "HcThreshold", 1, G_MAXINT32, ri->hc_threshold, NULL, &ri->hc_threshold);
  if (del_hc)
    {
      g_free (ri->hc_source);
      g_free (ri->hc_target);
      ri->hc_source = g_strdup ("");
      ri->hc_target = g_strdup ("");
    }
  (void) d;
  return TRUE;
}

/* The acceptor's attribute @what does not match what the initiator says. */
static gboolean
mismatch (Call *c, const char *what, const char *want, const char *got)
{
  g_autofree char *code = g_strdup_printf ("AttrMismatching.AcceptingSide%s", what);

  return pp_call_fail (c, 400, code,
                    "The AcceptingSide router interface's %s is \"%s\", but the InitiatingSide router interface expects \"%s\".",
                    what, got, want);
}

static gboolean
op_connect (Call *c, GVariantDict *d)
{
  const char *owner;
  guint owner_account;
  Ri *ri, *acc;

  if ((ri = ri_param (c, "RouterInterfaceId")) == NULL)
    return FALSE;
  if (!ri->initiator)
    return pp_call_fail (c, 400, "IncorrectRole.NotInitiatingSide",
                      "The specified RouterInterface is not InitiatingSide.");
  if (!is_status (ri, "Idle"))
    return pp_call_fail (c, 400, "IncorrectRIStatus",
                      "RouterInterface can be operated by this action only when it's status is Idle.");
  if (ri->opp_interface_id[0] == '\0' || ri->opp_router_id[0] == '\0'
      || ri->opp_router_type[0] == '\0')
    return pp_call_fail (c, 400, "IncorrectOppositeInterfaceInfo.NotSet",
                      "OppositeInterfaceId/OppositeRouterId/OppositeRouterType/OppositeInterfaceOwnerId must be all set.");
  if (strcmp (ri->opp_interface_id, ri->r.id) == 0 || strcmp (ri->opp_router_id, ri->vpc->vrouter_id) == 0)
    return pp_call_fail (c, 400, "IncorrectOppositeInterfaceInfo", "Cannot connect on the same router");
  owner = ri->opp_owner[0] != '\0' ? ri->opp_owner : c->account->uid;
  if (!pp_account_lookup_uid (c->e, owner, &owner_account))
    return pp_call_fail (c, 400, "InvalidAccount.NotFound",
                      "The account \"%s\" named by OppositeInterfaceOwnerId does not exist.", owner);
  acc = (Ri *) pp_res_lookup (c->e, ri->opp_interface_id, RES_RI);
  if (acc == NULL)
    return mismatch (c, "InstanceId", ri->opp_interface_id, "");
  if (acc->r.account != owner_account)
    {
      if (ri->opp_owner[0] == '\0')
        return pp_call_fail (c, 400, "IncorrectOppositeInterfaceInfo.NotSet",
                          "OppositeInterfaceId/OppositeRouterId/OppositeRouterType/OppositeInterfaceOwnerId must be all set.");
      return mismatch (c, "AliUid", owner, pp_account_uid (c->e, acc->r.account));
    }
  if (acc->initiator)
    return mismatch (c, "Role", "AcceptingSide", "InitiatingSide");
  if (acc->region != ri->opp_region)
    return mismatch (c, "RegionNo", ri->opp_region->id, acc->region->id);
  if (strcmp (acc->vpc->vrouter_id, ri->opp_router_id) != 0)
    return mismatch (c, "RouterId", ri->opp_router_id, acc->vpc->vrouter_id);
  if (strcmp (ri->opp_router_type, "VRouter") != 0)
    return mismatch (c, "RouterType", ri->opp_router_type, "VRouter");
  if (acc->opp_interface_id[0] == '\0' || acc->opp_router_id[0] == '\0'
      || acc->opp_router_type[0] == '\0'
      || (acc->opp_owner[0] == '\0' && acc->r.account != c->caller))
    return pp_call_fail (c, 400, "IncorrectOppositeInterfaceInfo.NotSet",
                      "OppositeInterfaceId/OppositeRouterId/OppositeRouterType/OppositeInterfaceOwnerId must be all set.");
  if (strcmp (acc->opp_interface_id, ri->r.id) != 0)
    return mismatch (c, "OppositeInterfaceId", ri->r.id, acc->opp_interface_id);
  if (acc->opp_owner[0] != '\0' && strcmp (acc->opp_owner, c->account->uid) != 0)
    return mismatch (c, "OppositeInterfaceOwnerId", c->account->uid, acc->opp_owner);
  if (acc->opp_region != ri->region)
    return mismatch (c, "OppositeRegionNo", ri->region->id, acc->opp_region->id);
  if (strcmp (acc->opp_router_id, ri->vpc->vrouter_id) != 0)
    return mismatch (c, "OppositeRouterId", ri->vpc->vrouter_id, acc->opp_router_id);
  if (strcmp (acc->opp_router_type, "VRouter") != 0)
    return mismatch (c, "OppositeRouterType", "VRouter", acc->opp_router_type);
  if (!is_status (acc, "Idle"))
    return pp_call_fail (c, 400, "IncorrectRIStatus",
                      "RouterInterface can be operated by this action only when it's status is Idle (the AcceptingSide router interface \"%s\" is %s).",
                      acc->r.id, acc->r.status);
  if (pair_between (ri->vpc, acc->vpc->vrouter_id, ri) != NULL)
    return pp_call_fail (c, 400, "Forbidden.OnlyOneConnection",
                      "The Specified routers have a connection already");

  ri->peer = acc;
  acc->peer = ri;
  ri->r.status = "Connecting";
  acc->r.status = "AcceptingConnecting";
  pp_schedule (c->e, &ri->r, RI_CONNECT_SECONDS, "Connecting", "Active");
  pp_schedule (c->e, &acc->r, RI_CONNECT_SECONDS, "AcceptingConnecting", "Active");
  (void) d;
  return TRUE;
}

static gboolean
op_switch (Call *c, const char *from, const char *via, const char *to)
{
  Ri *ri;

  if ((ri = ri_param (c, "RouterInterfaceId")) == NULL)
    return FALSE;
  if (!is_status (ri, from))
    return pp_call_fail (c, 400, "IncorrectRIStatus",
                      "RouterInterface can be operated by this action only when it's status is %s.", from);
  if (strcmp (to, "Active") == 0 && ri->peer == NULL)
    return pp_call_fail (c, 400, "OppositeRouterInterfaceIsDeleted",
                      "The opposite router interface has been deleted.");
  ri->r.status = via;
  pp_schedule (c->e, &ri->r, RI_SWITCH_SECONDS, via, to);
  return TRUE;
}

static gboolean
op_activate (Call *c, GVariantDict *d)
{
  (void) d;
  return op_switch (c, "Inactive", "Activating", "Active");
}

static gboolean
op_deactivate (Call *c, GVariantDict *d)
{
  (void) d;
  return op_switch (c, "Active", "Deactivating", "Inactive");
}

static gboolean
op_delete (Call *c, GVariantDict *d)
{
  Ri *ri;

  if ((ri = ri_param (c, "RouterInterfaceId")) == NULL)
    return FALSE;
  if (!is_status (ri, "Idle") && !is_status (ri, "Inactive"))
    return pp_call_fail (c, 400, "IncorrectStatus",
                      "This openeration would be allowed only when status of this RouterInterface is Idle/Inactive.");
  if (pp_route_refers (c->e, ri->r.id))
    return pp_call_fail (c, 400, "ReferredByRouteEntry.RouterInterface",
                      "Router interface referred by route entry.");
  ri->r.status = "Deleting";
  pp_schedule (c->e, &ri->r, RI_DELETE_SECONDS, "Deleting", NULL);
  (void) d;
  return TRUE;
}

static gboolean
op_modify_spec (Call *c, GVariantDict *d)
{
  const PpRegion *region;
  const char *id, *spec_s, *spec;
  Ri *ri;

  if (!pp_call_check_region (c, "RegionId", TRUE, &region)
      || !pp_require (c, "RouterInterfaceId", &id)
      || !pp_require (c, "Spec", &spec_s))
    return FALSE;
  spec = spec_lookup (spec_s, NULL);
  if (spec == NULL || strcmp (spec, "Negative") == 0)
    return pp_call_fail (c, 400, "InvalidSpec.ValueNotSupported", "The specified Spec is not supported.");
  if ((ri = own_ri (c, id, region)) == NULL)
    return FALSE;
  if (!ri->initiator)
    return pp_call_fail (c, 400, "InvalidSpec.ValueNotSupported",
                      "The specified Spec is not supported: an AcceptingSide router interface has no spec.");
  if (is_status (ri, "Active"))
    {
      ri->r.status = "Activating";
      pp_schedule (c->e, &ri->r, RI_SWITCH_SECONDS, "Activating", "Active");
    }
  else if (!is_status (ri, "Idle"))
    return pp_call_fail (c, 400, "InvalidInstance.StatusError", "The router instance status error.");
  ri->spec = spec;
  pp_dict_str (d, "Spec", spec);
  return TRUE;
}

/* --- Describe --- */

static const char *const filter_keys[] = {
  "RouterInterfaceId", "RouterId", "RouterType", "RouterInterfaceOwnerId",
  "OppositeInterfaceId", "OppositeRouterType", "OppositeRouterId",
  "OppositeInterfaceOwnerId", "Status", "Name",
};

static const char *
ri_field (PpEngine *e, Ri *ri, const char *key)
{
  if (strcmp (key, "RouterInterfaceId") == 0) return ri->r.id;
  if (strcmp (key, "RouterId") == 0) return ri->vpc->vrouter_id;
  if (strcmp (key, "RouterType") == 0) return "VRouter";
  if (strcmp (key, "RouterInterfaceOwnerId") == 0) return pp_account_uid (e, ri->r.account);
  if (strcmp (key, "OppositeInterfaceId") == 0) return ri->opp_interface_id;
  if (strcmp (key, "OppositeRouterType") == 0) return ri->opp_router_type;
  if (strcmp (key, "OppositeRouterId") == 0) return ri->opp_router_id;
  if (strcmp (key, "OppositeInterfaceOwnerId") == 0) return ri->opp_owner;
  if (strcmp (key, "Status") == 0) return ri->r.status;
  if (strcmp (key, "Name") == 0) return ri->name;
  return "";
}

typedef struct {
  const char *key;
  GPtrArray *values;          /* const char * borrowed from params */
} Filter;

static void
filter_clear (Filter *f)
{
  if (f->values != NULL)
    g_ptr_array_unref (f->values);
}

static gboolean
op_describe (Call *c, GVariantDict *d)
{
  const PpRegion *region;
  g_autoptr(GArray) filters = g_array_new (FALSE, TRUE, sizeof (Filter));
  GPtrArray *all = c->e->res[RES_RI];
  Page pg;
  guint i, n;

  g_array_set_clear_func (filters, (GDestroyNotify) filter_clear);
  if (!pp_call_check_region (c, "RegionId", TRUE, &region)
      || !pp_page_numbered (c, 50, &pg))
    return FALSE;
  for (n = 1; ; n++)
    {
      g_autofree char *kname = g_strdup_printf ("Filter.%u.Key", n);
      const char *key = pp_param (c, kname);
      Filter f = { NULL, NULL };
      guint m, k;
      gboolean known = FALSE;

      if (key == NULL)
        break;
      if (n > 5)
        return pp_call_fail (c, 400, "Parameter.Illegal",
                          "At most 5 filters are allowed (Filter.1 to Filter.5).");
      for (k = 0; k < G_N_ELEMENTS (filter_keys); k++)
        if (strcmp (key, filter_keys[k]) == 0)
          known = TRUE;
      if (!known)
        return pp_call_fail (c, 404, "InvalidFilterKey.ValueNotSupported",
                          "Specified filter key is not supported: %s", kname);
      f.key = key;
      f.values = g_ptr_array_new ();
      for (m = 1; ; m++)
        {
          g_autofree char *vname = g_strdup_printf ("Filter.%u.Value.%u", n, m);
          const char *v = pp_param (c, vname);
          if (v == NULL)
            break;
          g_ptr_array_add (f.values, (gpointer) v);
        }
      g_array_append_val (filters, f);
      if (f.values->len == 0)
        return pp_call_fail (c, 400, "InvalidParam.NotNull",
                          "The filter %s has no value (Filter.%u.Value.1).", key, n);
    }

  for (i = 0; i < all->len; i++)
    {
      Ri *ri = g_ptr_array_index (all, i);
      gboolean match = TRUE;
      guint k, m;

      if (!pp_call_owns (c, (Res *) ri) || ri->region != region)
        continue;
      for (k = 0; match && k < filters->len; k++)
        {
          const Filter *f = &g_array_index (filters, Filter, k);
          const char *have = ri_field (c->e, ri, f->key);
          gboolean any = FALSE;
          for (m = 0; m < f->values->len; m++)
            if (strcmp (have, g_ptr_array_index (f->values, m)) == 0)
              any = TRUE;
          match = any;
        }
      if (!match)
        continue;
      pp_page_offer (&pg, c->e, &ri->r, ri_item);
    }
  pp_page_end (&pg, d, "RouterInterfaceSet", "RouterInterfaceType");
  return TRUE;
}

static gboolean
op_describe_attribute (Call *c, GVariantDict *d)
{
  Ri *ri;

  if ((ri = ri_param (c, "InstanceId")) == NULL)
    return FALSE;
  pp_dict_merge (d, ri_item (c->e, &ri->r));
  pp_dict_str (d, "Code", "200");
  pp_dict_str (d, "Message", "successful");
  pp_dict_bool (d, "Success", TRUE);
  return TRUE;
}

static const Op ops[] = {
  { "CreateRouterInterface", PP_API_VERSION_VPC, op_create },
  { "ModifyRouterInterfaceAttribute", PP_API_VERSION_VPC, op_modify_attribute, TRUE },
  { "ConnectRouterInterface", PP_API_VERSION_VPC, op_connect, TRUE },
  { "ActivateRouterInterface", PP_API_VERSION_VPC, op_activate, TRUE },
  { "DeactivateRouterInterface", PP_API_VERSION_VPC, op_deactivate, TRUE },
  { "DeleteRouterInterface", PP_API_VERSION_VPC, op_delete, TRUE },
  { "ModifyRouterInterfaceSpec", PP_API_VERSION_VPC, op_modify_spec },
  { "DescribeRouterInterfaces", PP_API_VERSION_VPC, op_describe },
  { "DescribeRouterInterfaceAttribute", PP_API_VERSION_VPC, op_describe_attribute },
  { NULL, NULL, NULL },
};

const ApiTable pp_api_ri = {
  .ops = ops,
  .items = {
    [RES_RI] = ri_item,
  },
};
