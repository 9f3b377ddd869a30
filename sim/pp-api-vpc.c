/* SPDX-License-Identifier: MIT */
/* pp-api-vpc.c: route tables and entries, VPCs, vSwitches and regions
 * (Vpc 2016-04-28): CreateRouteEntry, DeleteRouteEntry, DescribeRouteTables,
 * DescribeRouteTableList, DescribeRouteEntryList, CreateVpc, DescribeVpcs,
 * CreateVSwitch, DescribeVSwitches, DescribeRegions.  Facts:
 * reference/alibaba-api.md sections 4 and 5; choices in docs/api.md.
 *
 * Each VPC has one route table, its system table (custom tables are not
 * emulated).  It holds a system entry 100.64.0.0/10 (NextHopType
 * "service"), one system entry per vSwitch (NextHopType "local") and the
 * custom entries.
 *   CreateRouteEntry -> Pending -> (ROUTE_SECONDS) Available
 *   DeleteRouteEntry (Available) -> Deleting -> gone
 *   CreateVpc / CreateVSwitch -> Pending -> Available
 */

#include "sim/pp-engine-private.h"

#include <string.h>

#define ROUTE_SECONDS 2
#define CREATE_SECONDS 2
#define MAX_CUSTOM_ROUTES 200
#define MAX_VPCS_PER_REGION 10
#define MAX_VSWITCHES_PER_VPC 150

static const PpCidr shared_space = { 0x64400000u, 10, PP_FAMILY_IPV4 };   /* 100.64.0.0/10 */

static const char *const next_hop_types[] = {
  "Instance", "HaVip", "RouterInterface", "NetworkInterface", "VpnGateway",
  "IPv6Gateway", "NatGateway", "Attachment", "VpcPeer", "Ipv4Gateway",
  "GatewayEndpoint", "Ecr", "GatewayLoadBalancerEndpoint", "RouteTargetGroup",
};

static gboolean
is_status (const Res *r, const char *s)
{
  return strcmp (r->status, s) == 0;
}

/* The caller's VPC holding route table @id, or an error. */
static Vpc *
own_table (Call *c, const char *id)
{
  Vpc *v = pp_table_lookup (c->e, id);

  if (!pp_call_owns (c, (Res *) v))
    {
      pp_call_fail (c, 404, "InvalidRouteTableId.NotFound", "Specified route table does not exist.");
      return NULL;
    }
  return v;
}

static GVariant *
route_entry_item (PpEngine *e, Res *r)
{
  RouteEntry *re = (RouteEntry *) r;
  GVariantDict *d = g_variant_dict_new (NULL);
  GVariantDict *hop;
  GVariantDict *info;
  GPtrArray *hops = g_ptr_array_new ();
  g_autofree char *dest = pp_cidr_to_string (re->dest);
  g_autofree char *modified = pp_iso_time (re->r.created);
  const char *region = re->vpc->region->id;

  pp_dict_str (d, "RouteEntryId", re->r.id);
  pp_dict_str (d, "RouteEntryName", pp_route_name (e, re));
  pp_dict_str (d, "RouteTableId", re->vpc->route_table_id);
  pp_dict_str (d, "DestinationCidrBlock", dest);
  pp_dict_str (d, "Type", re->system ? "System" : "Custom");
  pp_dict_str (d, "NextHopType", pp_route_type (e, re));
  pp_dict_str (d, "InstanceId", re->next_hop_id);
  pp_dict_str (d, "Status", re->r.status);
  pp_dict_str (d, "Description", pp_route_description (e, re));
  pp_dict_str (d, "IpVersion", "ipv4");
  pp_dict_str (d, "Origin", "");
  pp_dict_str (d, "ServiceType", "");
  pp_dict_str (d, "GmtModified", modified);
  if (re->next_hop_id[0] != '\0')
    {
      hop = g_variant_dict_new (NULL);
      info = g_variant_dict_new (NULL);
      pp_dict_str (hop, "NextHopType", pp_route_type (e, re));
      pp_dict_str (hop, "NextHopId", re->next_hop_id);
      pp_dict_str (hop, "NextHopRegionId", region);
      pp_dict_int (hop, "Enabled", 1);
      pp_dict_int (hop, "Weight", 0);
      pp_dict_str (info, "InstanceId", re->next_hop_id);
      pp_dict_str (info, "InstanceType", pp_route_type (e, re));
      pp_dict_str (info, "RegionId", region);
      pp_dict_obj (hop, "NextHopRelatedInfo", info);
      g_ptr_array_add (hops, pp_dict_end (hop));
    }
  pp_dict_list (d, "NextHops", "NextHop", hops);
  (void) e;
  return pp_dict_end (d);
}

/* The live next hop @id of type @type for a route in @vpc, or an error. */
static gboolean
check_next_hop (Call *c, Vpc *vpc, const char *type, const char *id)
{
  if (strcmp (type, "Instance") == 0)
    {
      Instance *in = (Instance *) pp_res_lookup (c->e, id, RES_INSTANCE);
      if (in == NULL || in->vsw->vpc != vpc)
        return pp_call_fail (c, 404, "InvalidInstanId.NotFound",
                          "The specified instance \"%s\" does not exist in the VPC of this route table.", id);
      return TRUE;
    }
  if (strcmp (type, "RouterInterface") == 0)
    {
      Ri *ri = (Ri *) pp_res_lookup (c->e, id, RES_RI);
      if (ri == NULL || ri->r.account != c->caller || ri->vpc != vpc)
        return pp_call_fail (c, 404, "InvalidNextHopId.NotFound",
                          "The specified NextHopId \"%s\" does not exist on the router of this route table.", id);
      if (is_status (&ri->r, "Deleting"))
        return pp_call_fail (c, 400, "IncorrectStatus.RouterInterface",
                          "This openeration would not be allowed because status of this RouterInterface is not correct.");
      return TRUE;
    }
  if (strcmp (type, "VpcPeer") == 0)
    {
      Peer *p = (Peer *) pp_res_lookup (c->e, id, RES_PEER);
      if (p == NULL || !((p->vpc == vpc && p->r.account == c->caller)
                         || (p->accepting_vpc == vpc && p->accepting_account == c->caller)))
        return pp_call_fail (c, 400, "ResourceNotFound.VpcPeer",
                          "The specified VPC peering connection \"%s\" does not exist for this VPC.", id);
      if (!is_status (&p->r, "Activated"))
        return pp_call_fail (c, 400, "IncorrectStatus.VpcPeer",
                          "The status of %s [%s] is incorrect.", p->r.id, p->r.status);
      return TRUE;
    }
  return pp_call_fail (c, 404, "InvalidNextHopId.NotFound",
                    "The specified NextHopId \"%s\" does not exist (peerplan emulates next hops of type Instance, RouterInterface and VpcPeer only).",
                    id);
}

/* CreateRouteEntry's rules on the request @rq, in the order the service
 * checks them: the table's VPC, the destination and the next hop's type
 * in @vpc, @dest and @type, or FALSE with @c's error.  Changes nothing.
 * @by_name: @rq was read from @c's parameters, which may hold more than a
 * PpRouteEntryRequest has room for (ECMP next hops, the entry's name and
 * description, DryRun), checked here in their turn; a typed request
 * (pp_engine_create_route_entry()) has none of them. */
static gboolean
route_entry_check (Call *c, const PpRouteEntryRequest *rq, gboolean by_name, Vpc **vpc_out,
                   PpCidr *dest_out, const char **type_out)
{
  const char *type = "Instance";
  const PpRegion *region;
  Vpc *vpc;
  PpCidr dest;
  guint i;

  if (rq->route_table_id == NULL)
    return pp_require (c, "RouteTableId", NULL);
  if (rq->destination == NULL && rq->parsed == NULL)
    return pp_require (c, "DestinationCidrBlock", NULL);
  if (!pp_call_check_region_value (c, rq->region_id, &region))
    return FALSE;
  if (by_name && (pp_param (c, "NextHopList.1.NextHopId") != NULL
                  || pp_param (c, "NextHopList.1.NextHopType") != NULL))
    return pp_call_fail (c, 400, "InvalidNextHopType",
                      "NextHopList (ECMP routes) is not emulated by peerplan.");
  if (rq->next_hop_type != NULL)
    {
      const char *v = rq->next_hop_type;

      type = NULL;
      for (i = 0; i < G_N_ELEMENTS (next_hop_types) && type == NULL; i++)
        if (v[0] == next_hop_types[i][0] && strcmp (v, next_hop_types[i]) == 0)
          type = next_hop_types[i];
      if (type == NULL)
        return pp_call_fail (c, 400, "InvalidNextHopType",
                          "The specified NextHopType \"%s\" is not valid.", v);
    }
  if (rq->next_hop_id == NULL)
    return pp_require (c, "NextHopId", NULL);
  if (rq->parsed != NULL)
    dest = *rq->parsed;
  else if (!pp_cidr_parse_route (rq->destination, &dest, NULL))
    return pp_call_fail (c, 400, "InvalidCidrBlock.Malformed",
                      "Specified CIDR block \"%s\" is not valid.", rq->destination);
  if (by_name && (!pp_call_check_name (c, "RouteEntryName", 128, "InvalidParameter")
                  || !pp_call_check_name (c, "Description", 256, "InvalidDescription.Malformed")))
    return FALSE;
  if ((vpc = own_table (c, rq->route_table_id)) == NULL)
    return FALSE;
  if (region != NULL && region != vpc->region)
    return pp_call_fail (c, 404, "InvalidRouteTableId.NotFound", "Specified route table does not exist.");
  if (pp_cidr_equal (dest, shared_space))
    return pp_call_fail (c, 400, "InvalidCidrBlock",
                      "The destination CIDR block cannot be 100.64.0.0/10.");
  for (i = 0; i < vpc->vswitches->len; i++)
    {
      VSwitch *sw = g_ptr_array_index (vpc->vswitches, i);
      char buf[PP_CIDR_STRLEN], given_buf[PP_CIDR_STRLEN];

      if (pp_cidr_contains (sw->cidr, dest))
        return pp_call_fail (c, 400, "InvalidCidrBlock",
                          "The destination CIDR block %s is inside the vSwitch CIDR block %s of this VPC.",
                          rq->destination != NULL ? rq->destination : pp_cidr_format (dest, given_buf),
                          pp_cidr_format (sw->cidr, buf));
    }
  if (pp_route_find_custom (c->e, vpc, dest) != NULL)
    return pp_call_fail (c, 400, "InvalidCIDRBlock.Duplicate", "Specified CIDR block is already exists.");
  if (vpc->custom.len >= MAX_CUSTOM_ROUTES)
    return pp_call_fail (c, 400, "QuotaExceeded", "Route entry quota exceeded in this route table.");
  if (!check_next_hop (c, vpc, type, rq->next_hop_id))
    return FALSE;
  *vpc_out = vpc;
  *dest_out = dest;
  *type_out = type;
  return TRUE;
}

/* The entry @rq asks for, made in @vpc (route_entry_check()'s). */
static RouteEntry *
route_entry_make (Call *c, const PpRouteEntryRequest *rq, Vpc *vpc, PpCidr dest, const char *type)
{
  RouteEntry *re = pp_route_add (c->e, vpc, dest, FALSE, type, rq->next_hop_id);

  pp_call_created_only (c, &re->r, "RouteEntryId", "Pending", ROUTE_SECONDS, "Available");
  return re;
}

/* CreateRouteEntry on @rq (@by_name: as route_entry_check() says). */
static gboolean
create_route_entry (Call *c, const PpRouteEntryRequest *rq, gboolean by_name)
{
  const char *type;
  Vpc *vpc;
  PpCidr dest;
  RouteEntry *re;

  if (!route_entry_check (c, rq, by_name, &vpc, &dest, &type))
    return FALSE;
  if (by_name && !pp_call_check_dry_run (c))
    return FALSE;
  re = route_entry_make (c, rq, vpc, dest, type);
  if (by_name)
    pp_route_set_texts (c->e, re, pp_param (c, "RouteEntryName"), pp_param (c, "Description"));
  return TRUE;
}

static gboolean
op_create_route_entry (Call *c, GVariantDict *d)
{
  PpRouteEntryRequest rq = {
    pp_param (c, "RegionId"), pp_param (c, "RouteTableId"), pp_param (c, "DestinationCidrBlock"),
    pp_param (c, "NextHopType"), pp_param (c, "NextHopId"), NULL
  };

  (void) d;
  return create_route_entry (c, &rq, TRUE);
}

/* A parameter as pp_param() gives it: NULL when absent or empty. */
static const char *
given (const char *v)
{
  return v != NULL && *v != '\0' ? v : NULL;
}

PpApiResult *
pp_engine_create_route_entry (PpEngine *e, const char *caller_uid, const PpRouteEntryRequest *rq)
{
  Call c = { 0 };
  PpApiResult *res;
  PpRouteEntryRequest sent;

  g_return_val_if_fail (e != NULL && rq != NULL, NULL);
  sent = (PpRouteEntryRequest) {
    given (rq->region_id), given (rq->route_table_id), given (rq->destination),
    given (rq->next_hop_type), given (rq->next_hop_id), rq->parsed
  };
  res = pp_call_begin (e, &c, "CreateRouteEntry");
  res->version = PP_API_VERSION_VPC;
  if (!pp_account_lookup_uid (e, caller_uid, &c.caller))
    pp_call_fail (&c, 404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  else
    {
      c.account = g_ptr_array_index (e->accounts, c.caller);
      if (create_route_entry (&c, &sent, FALSE))
        pp_call_answer_created (&c, res, e->lean);
      else
        pp_call_unanswered (&c);
    }
  return pp_call_end (&c, res);
}

gboolean
pp_engine_add_route_entry (PpEngine *e, const char *caller_uid, const PpRouteEntryRequest *rq,
                           PpRouteEntryMade *made)
{
  Call c = { 0 };
  PpRouteEntryRequest sent;
  const char *type;
  Vpc *vpc;
  PpCidr dest;
  RouteEntry *re;
  gboolean ok;

  g_return_val_if_fail (e != NULL && rq != NULL && rq->parsed != NULL && made != NULL, FALSE);
  sent = (PpRouteEntryRequest) {
    given (rq->region_id), given (rq->route_table_id), given (rq->destination),
    given (rq->next_hop_type), given (rq->next_hop_id), rq->parsed
  };
  /* pp_call_begin()'s order but for the RequestId, drawn once the call
   * is known to succeed: nothing before draws an id */
  c.e = e;
  c.action = "CreateRouteEntry";
  pp_engine_advance_to (e, e->now);
  if (!pp_account_lookup_uid (e, caller_uid, &c.caller))
    return FALSE;
  c.account = g_ptr_array_index (e->accounts, c.caller);
  ok = route_entry_check (&c, &sent, FALSE, &vpc, &dest, &type);
  g_free (c.code);
  g_free (c.message);
  if (!ok)
    return FALSE;
  pp_new_request_id_into (e, made->request_id);
  re = route_entry_make (&c, &sent, vpc, dest, type);
  /* pp_call_end()'s */
  if (e->tick > 0)
    pp_engine_advance (e, e->tick);
  made->route_entry_id = re->r.id;
  made->status = re->r.status;
  return TRUE;
}

static gboolean
op_delete_route_entry (Call *c, GVariantDict *d)
{
  const char *id = pp_param (c, "RouteEntryId");
  const char *table = pp_param (c, "RouteTableId");
  const char *dest_s = pp_param (c, "DestinationCidrBlock");
  const char *nh = pp_param (c, "NextHopId");
  RouteEntry *re = NULL;
  Vpc *vpc = NULL;
  const PpRegion *region;

  if (!pp_call_check_region (c, "RegionId", FALSE, &region))
    return FALSE;
  if (id == NULL && (table == NULL || dest_s == NULL))
    return pp_require (c, "RouteEntryId", NULL);
  if (table != NULL && (vpc = own_table (c, table)) == NULL)
    return FALSE;
  if (id != NULL)
    {
      re = (RouteEntry *) pp_res_lookup (c->e, id, RES_ROUTE_ENTRY);
      if (re == NULL || re->r.account != c->caller || (vpc != NULL && re->vpc != vpc))
        return pp_call_fail (c, 400, "InvalidRouteEntryId.NotFound",
                          "The specified route entry \"%s\" does not exist.", id);
    }
  else
    {
      PpCidr dest;
      RouteEntry *o;
      guint i;

      if (!pp_cidr_parse_route (dest_s, &dest, NULL))
        return pp_call_fail (c, 400, "InvalidCidrBlock.Malformed",
                          "Specified CIDR block \"%s\" is not valid.", dest_s);
      /* the first made of the table's entries for @dest through @nh */
      for (i = 0; i < vpc->system->len && re == NULL; i++)
        {
          o = g_ptr_array_index (vpc->system, i);
          if (pp_cidr_equal (o->dest, dest) && (nh == NULL || strcmp (nh, o->next_hop_id) == 0))
            re = o;
        }
      o = pp_route_find_custom (c->e, vpc, dest);
      if (o != NULL && (nh == NULL || strcmp (nh, o->next_hop_id) == 0)
          && (re == NULL || o->r.serial < re->r.serial))
        re = o;
      if (re == NULL)
        return pp_call_fail (c, 400, "InvalidRouteEntry.NotFound",
                          "The route entry for %s does not exist in this route table.", dest_s);
    }
  if (re->system)
    return pp_call_fail (c, 400, "OperationDenied", "A system route entry cannot be deleted.");
  if (!is_status (&re->r, "Available"))
    return pp_call_fail (c, 400, "IncorrectRouteEntryStatus",
                      "The status of the route entry %s is %s: only an Available entry can be deleted.",
                      re->r.id, re->r.status);
  re->r.status = "Deleting";
  pp_schedule (c->e, &re->r, ROUTE_SECONDS, "Deleting", NULL);
  (void) d;
  return TRUE;
}

/* The entries of @vpc's table, system first (the order the console
 * shows), each kind in creation order. */
static GPtrArray *
table_entries (PpEngine *e, Vpc *vpc)
{
  GPtrArray *out = g_ptr_array_sized_new (vpc->system->len + vpc->custom.len);

  g_ptr_array_extend (out, vpc->system, NULL, NULL);
  g_ptr_array_extend_and_steal (out, pp_route_customs (e, vpc));
  return out;
}

static GPtrArray *
vswitch_ids (Vpc *vpc)
{
  GPtrArray *out = g_ptr_array_new ();
  guint i;

  for (i = 0; i < vpc->vswitches->len; i++)
    g_ptr_array_add (out, ((VSwitch *) g_ptr_array_index (vpc->vswitches, i))->r.id);
  return out;
}

static GVariant *
route_table_item (PpEngine *e, Vpc *vpc, gboolean list_shape)
{
  GVariantDict *d = g_variant_dict_new (NULL);
  g_autofree char *created = pp_iso_time (vpc->r.created);

  pp_dict_str (d, "RouteTableId", vpc->route_table_id);
  pp_dict_str (d, "RouteTableType", "System");
  pp_dict_str (d, "CreationTime", created);
  pp_dict_str (d, "Status", "Available");
  pp_dict_str (d, "ResourceGroupId", "");
  pp_dict_str (d, "Description", "");
  pp_dict_strlist (d, "VSwitchIds", "VSwitchId", vswitch_ids (vpc));
  if (list_shape)
    {
      GVariantDict *gw = g_variant_dict_new (NULL);
      GVariantDict *tags = g_variant_dict_new (NULL);
      pp_dict_str (d, "RouteTableName", "");
      pp_dict_str (d, "RouterId", vpc->vrouter_id);
      pp_dict_str (d, "RouterType", "VRouter");
      pp_dict_str (d, "VpcId", vpc->r.id);
      pp_dict_str (d, "AssociateType", "VSwitch");
      pp_dict_int (d, "OwnerId", g_ascii_strtoll (pp_account_uid (e, vpc->r.account), NULL, 10));
      pp_dict_list (gw, "GatewayIds", NULL, NULL);
      pp_dict_obj (d, "GatewayIds", gw);
      pp_dict_list (tags, "Tag", NULL, NULL);
      pp_dict_obj (d, "Tags", tags);
    }
  else
    {
      GPtrArray *entries = g_ptr_array_new ();
      g_autoptr(GPtrArray) all = table_entries (e, vpc);
      guint i;

      pp_dict_str (d, "VRouterId", vpc->vrouter_id);
      for (i = 0; i < all->len; i++)
        g_ptr_array_add (entries, route_entry_item (e, g_ptr_array_index (all, i)));
      pp_dict_list (d, "RouteEntrys", "RouteEntry", entries);
    }
  return pp_dict_end (d);
}

/* The caller's route tables in the request's region that pass the
 * filters both listings know (RouterId or VRouterId, RouteTableId,
 * RouteTableName, RouterType, and for the list VpcId and RouteTableType),
 * in the DescribeRouteTables shape or the DescribeRouteTableList one. */
static gboolean
list_tables (Call *c, GVariantDict *d, const PpRegion *region, gboolean list_shape)
{
  const char *vpc_id = pp_param (c, "VpcId");
  const char *router = pp_param (c, "RouterId") != NULL ? pp_param (c, "RouterId") : pp_param (c, "VRouterId");
  const char *table = pp_param (c, "RouteTableId");
  const char *tname = pp_param (c, "RouteTableName");
  const char *ttype = pp_param (c, "RouteTableType");
  const char *rtype = pp_param (c, "RouterType");
  GPtrArray *all = c->e->res[RES_VPC];
  Page pg;
  guint i;

  if (!pp_page_numbered (c, 50, &pg))
    return FALSE;
  for (i = 0; i < all->len; i++)
    {
      Vpc *v = g_ptr_array_index (all, i);
      if (!pp_call_owns (c, (Res *) v) || v->region != region)
        continue;
      /* Only system tables, without names, on VRouters exist here. */
      if ((vpc_id != NULL && strcmp (vpc_id, v->r.id) != 0)
          || (router != NULL && strcmp (router, v->vrouter_id) != 0)
          || (table != NULL && strcmp (table, v->route_table_id) != 0)
          || tname != NULL
          || (ttype != NULL && strcmp (ttype, "System") != 0)
          || (rtype != NULL && strcmp (rtype, "VRouter") != 0))
        continue;
      if (pp_page_take (&pg))
        pp_page_add (&pg, route_table_item (c->e, v, list_shape));
    }
  if (list_shape)
    pp_page_end (&pg, d, "RouterTableList", "RouterTableListType");
  else
    pp_page_end (&pg, d, "RouteTables", "RouteTable");
  return TRUE;
}

static gboolean
op_describe_route_tables (Call *c, GVariantDict *d)
{
  const PpRegion *region;
  const char *vrouter = pp_param (c, "VRouterId");
  const char *rtype = pp_param (c, "RouterType");

  if (!pp_call_check_region (c, "RegionId", TRUE, &region))
    return FALSE;
  if (vrouter == NULL && pp_param (c, "RouterId") == NULL && pp_param (c, "RouteTableId") == NULL
      && pp_param (c, "RouteTableName") == NULL)
    return pp_require (c, "VRouterId", NULL);
  if (vrouter != NULL && pp_param (c, "RouterId") != NULL)
    return pp_call_fail (c, 400, "InvalidParameter",
                      "VRouterId and RouterId cannot both be given.");
  if (rtype != NULL && strcmp (rtype, "VRouter") != 0 && strcmp (rtype, "VBR") != 0)
    return pp_call_fail (c, 400, "InvalidRouterType.ValueNotSupported",
                      "The specified RouterType \"%s\" is not supported: use VRouter or VBR.", rtype);
  if (vrouter != NULL)
    {
      Vpc *v = g_hash_table_lookup (c->e->by_vrouter, vrouter);
      if (!pp_call_owns (c, (Res *) v) || v->region != region)
        return pp_call_fail (c, 400, "InvalidVRouterId.NotFound", "The specified VRouterId does not exist.");
    }
  return list_tables (c, d, region, FALSE);
}

static gboolean
op_describe_route_table_list (Call *c, GVariantDict *d)
{
  const PpRegion *region;

  if (!pp_call_check_region (c, "RegionId", TRUE, &region))
    return FALSE;
  return list_tables (c, d, region, TRUE);
}

static gboolean
op_describe_route_entry_list (Call *c, GVariantDict *d)
{
  const PpRegion *region;
  const char *table;
  const char *f_id = pp_param (c, "RouteEntryId");
  const char *f_name = pp_param (c, "RouteEntryName");
  const char *f_dest = pp_param (c, "DestinationCidrBlock");
  const char *f_type = pp_param (c, "RouteEntryType");
  const char *f_nh = pp_param (c, "NextHopId");
  const char *f_nht = pp_param (c, "NextHopType");
  Vpc *vpc;
  g_autoptr(GPtrArray) all = NULL;
  Page pg;
  guint i;
  PpCidr dest;

  if (!pp_call_check_region (c, "RegionId", TRUE, &region)
      || !pp_require (c, "RouteTableId", &table)
      || !pp_page_token (c, "MaxResult", 100, 10, NULL, &pg))
    return FALSE;
  if (f_dest != NULL && !pp_cidr_parse_route (f_dest, &dest, NULL))
    return pp_call_fail (c, 400, "InvalidCidrBlock.Malformed",
                      "Specified CIDR block \"%s\" is not valid.", f_dest);
  if ((vpc = own_table (c, table)) == NULL)
    return FALSE;
  if (vpc->region != region)
    return pp_call_fail (c, 404, "InvalidRouteTableId.NotFound", "Specified route table does not exist.");
  all = table_entries (c->e, vpc);
  for (i = 0; i < all->len; i++)
    {
      RouteEntry *re = g_ptr_array_index (all, i);
      if ((f_id != NULL && strcmp (f_id, re->r.id) != 0)
          || (f_name != NULL && strcmp (f_name, pp_route_name (c->e, re)) != 0)
          || (f_dest != NULL && !pp_cidr_equal (dest, re->dest))
          || (f_type != NULL && strcmp (f_type, re->system ? "System" : "Custom") != 0)
          || (f_nh != NULL && strcmp (f_nh, re->next_hop_id) != 0)
          || (f_nht != NULL && strcmp (f_nht, pp_route_type (c->e, re)) != 0))
        continue;
      pp_page_offer (&pg, c->e, &re->r, route_entry_item);
    }
  pp_page_end (&pg, d, "RouteEntrys", "RouteEntry");
  return TRUE;
}

/* --- VPCs and vSwitches --- */

static GVariant *
vpc_item (PpEngine *e, Res *r)
{
  Vpc *v = (Vpc *) r;
  GVariantDict *d = g_variant_dict_new (NULL);
  g_autofree char *created = pp_iso_time (v->r.created);
  GPtrArray *tables = g_ptr_array_new ();
  char buf[PP_CIDR_STRLEN];
  GVariantDict *w;

  pp_dict_str (d, "VpcId", v->r.id);
  pp_dict_str (d, "RegionId", v->region->id);
  pp_dict_str (d, "Status", v->r.status);
  pp_dict_str (d, "VpcName", v->name);
  pp_dict_str (d, "CidrBlock", pp_cidr_format (v->cidr, buf));
  pp_dict_str (d, "VRouterId", v->vrouter_id);
  pp_dict_str (d, "Description", v->description);
  pp_dict_bool (d, "IsDefault", FALSE);
  pp_dict_str (d, "CreationTime", created);
  pp_dict_int (d, "OwnerId", g_ascii_strtoll (pp_account_uid (e, v->r.account), NULL, 10));
  pp_dict_str (d, "ResourceGroupId", "");
  pp_dict_strlist (d, "VSwitchIds", "VSwitchId", vswitch_ids (v));
  g_ptr_array_add (tables, v->route_table_id);
  pp_dict_strlist (d, "RouterTableIds", "RouterTableIds", tables);
  pp_dict_strlist (d, "UserCidrs", "UserCidr", NULL);
  pp_dict_strlist (d, "SecondaryCidrBlocks", "SecondaryCidrBlock", NULL);
  pp_dict_strlist (d, "NatGatewayIds", "NatGatewayIds", NULL);
  w = g_variant_dict_new (NULL);
  pp_dict_list (w, "Tag", NULL, NULL);
  pp_dict_obj (d, "Tags", w);
  pp_dict_bool (d, "EnabledIpv6", FALSE);
  pp_dict_str (d, "Ipv6CidrBlock", "");
  return pp_dict_end (d);
}

static GVariant *
vswitch_item (PpEngine *e, Res *r)
{
  VSwitch *s = (VSwitch *) r;
  GVariantDict *d = g_variant_dict_new (NULL);
  GVariantDict *rt = g_variant_dict_new (NULL);
  GVariantDict *tags = g_variant_dict_new (NULL);
  g_autofree char *created = pp_iso_time (s->r.created);
  char buf[PP_CIDR_STRLEN];
  guint64 size = pp_cidr_size (s->cidr);
  gint64 used = s->instances->len;
  pp_dict_str (d, "VSwitchId", s->r.id);
  pp_dict_str (d, "VpcId", s->vpc->r.id);
  pp_dict_str (d, "ZoneId", s->zone);
  pp_dict_str (d, "Status", s->r.status);
  pp_dict_str (d, "CidrBlock", pp_cidr_format (s->cidr, buf));
  pp_dict_str (d, "VSwitchName", s->name);
  pp_dict_str (d, "Description", s->description);
  /* The first address and the last three are reserved. */
  pp_dict_int (d, "AvailableIpAddressCount", size > 4 ? (gint64) (size - 4) - used : 0);
  pp_dict_bool (d, "IsDefault", FALSE);
  pp_dict_str (d, "CreationTime", created);
  pp_dict_int (d, "OwnerId", g_ascii_strtoll (pp_account_uid (e, s->r.account), NULL, 10));
  pp_dict_str (d, "ResourceGroupId", "");
  pp_dict_str (d, "NetworkAclId", "");
  pp_dict_str (rt, "RouteTableId", s->vpc->route_table_id);
  pp_dict_str (rt, "RouteTableType", "System");
  pp_dict_obj (d, "RouteTable", rt);
  pp_dict_list (tags, "Tag", NULL, NULL);
  pp_dict_obj (d, "Tags", tags);
  return pp_dict_end (d);
}

/* The CIDR rules of CreateVpc: a valid prefix /8 to /28, not inside (nor
 * containing) 100.64.0.0/10, 224.0.0.0/4, 127.0.0.0/8, 169.254.0.0/16. */
static gboolean
vpc_cidr_ok (PpCidr cidr)
{
  static const PpCidr reserved[] = {
    { 0x64400000u, 10, PP_FAMILY_IPV4 },
    { 0xe0000000u, 4, PP_FAMILY_IPV4 },
    { 0x7f000000u, 8, PP_FAMILY_IPV4 },
    { 0xa9fe0000u, 16, PP_FAMILY_IPV4 },
  };
  guint i;

  if (cidr.len < 8 || cidr.len > 28)
    return FALSE;
  for (i = 0; i < G_N_ELEMENTS (reserved); i++)
    if (pp_cidr_overlaps (cidr, reserved[i]))
      return FALSE;
  return TRUE;
}

static gboolean
op_create_vpc (Call *c, GVariantDict *d)
{
  const PpRegion *region;
  const char *cidr_s = pp_param (c, "CidrBlock");
  PpCidr cidr;
  GPtrArray *all = c->e->res[RES_VPC];
  guint i, n = 0;
  Vpc *v;

  if (!pp_call_check_region (c, "RegionId", TRUE, &region))
    return FALSE;
  if (cidr_s == NULL)
    cidr_s = "172.16.0.0/12";
  if (!pp_cidr_parse (cidr_s, &cidr, NULL) || !vpc_cidr_ok (cidr))
    return pp_call_fail (c, 400, "InvalidParameter", "Specified CIDR block is not valid");
  if (!pp_call_check_name (c, "VpcName", 128, "InvalidVpcName.Malformed")
      || !pp_call_check_name (c, "Description", 256, "InvalidDescription.Malformed"))
    return FALSE;
  for (i = 0; i < all->len; i++)
    {
      Vpc *o = g_ptr_array_index (all, i);
      if (!o->r.gone && o->r.account == c->caller && o->region == region)
        n++;
    }
  if (n >= MAX_VPCS_PER_REGION)
    return pp_call_fail (c, 400, "QuotaExceeded.Vpc", "VPC quota exceeded.");
  if (!pp_call_check_dry_run (c))
    return FALSE;
  v = pp_vpc_new (c->e, c->caller, region, cidr);
  v->name = pp_param_dup (c, "VpcName");
  v->description = pp_param_dup (c, "Description");
  pp_call_created (c, d, &v->r, "VpcId", "Pending", CREATE_SECONDS, "Available");
  pp_dict_str (d, "VRouterId", v->vrouter_id);
  pp_dict_str (d, "RouteTableId", v->route_table_id);
  pp_dict_str (d, "ResourceGroupId", "");
  return TRUE;
}

static gboolean
op_create_vswitch (Call *c, GVariantDict *d)
{
  const PpRegion *region;
  const char *vpc_id, *zone, *cidr_s;
  PpCidr cidr;
  Vpc *vpc;
  VSwitch *s;
  guint i;

  if (!pp_require (c, "VpcId", &vpc_id)
      || !pp_require (c, "ZoneId", &zone)
      || !pp_call_check_region (c, "RegionId", FALSE, &region)
      || !pp_require (c, "CidrBlock", &cidr_s))
    return FALSE;
  if (!pp_call_check_name (c, "VSwitchName", 128, "InvalidVSwitchName.Malformed")
      || !pp_call_check_name (c, "Description", 256, "InvalidDescription.Malformed"))
    return FALSE;
  vpc = (Vpc *) pp_res_lookup (c->e, vpc_id, RES_VPC);
  if (vpc == NULL || vpc->r.account != c->caller || (region != NULL && vpc->region != region))
    return pp_call_fail (c, 404, "InvalidVpcId.NotFound", "Specified VPC does not exist.");
  if (!is_status (&vpc->r, "Available"))
    return pp_call_fail (c, 400, "IncorrectVpcStatus", "The current status of the VPC does not support this operation.");
  if (!pp_region_has_zone (vpc->region, zone))
    return pp_call_fail (c, 404, "InvalidZoneId.NotFound", "The specified zone \"%s\" does not exist.", zone);
  if (!pp_cidr_parse (cidr_s, &cidr, NULL))
    return pp_call_fail (c, 400, "InvalidParameter", "Specified CIDR block is not valid in VPC.");
  if (cidr.len < 16 || cidr.len > 29)
    return pp_call_fail (c, 400, "InvalidCirdrBlock.MaskLength",
                      "The mask length of the vSwitch CIDR block must be from /16 to /29.");
  if (!pp_cidr_contains (vpc->cidr, cidr) || pp_cidr_overlaps (cidr, shared_space))
    return pp_call_fail (c, 400, "InvalidParameter", "Specified CIDR block is not valid in VPC.");
  for (i = 0; i < vpc->vswitches->len; i++)
    {
      VSwitch *o = g_ptr_array_index (vpc->vswitches, i);
      if (pp_cidr_overlaps (o->cidr, cidr))
        return pp_call_fail (c, 400, "InvalidCidrBlock.Overlapped",
                          "Specified CIDR block overlapped with other subnets.");
    }
  /* The official page: "overlaps ... or the destination CIDR block of an
   * existing custom route" answers the same code. */
  if (pp_route_find_custom (c->e, vpc, cidr) != NULL)
    return pp_call_fail (c, 400, "InvalidCidrBlock.Overlapped",
                      "Specified CIDR block overlapped with other subnets.");
  if (vpc->vswitches->len >= MAX_VSWITCHES_PER_VPC)
    return pp_call_fail (c, 400, "QuotaExceeded.VSwitch", "Virtual switch quota exceeded.");
  if (!pp_call_check_dry_run (c))
    return FALSE;
  s = pp_vswitch_add (c->e, vpc, pp_new_id (c->e, "vsw-", 21), zone, cidr);
  s->name = pp_param_dup (c, "VSwitchName");
  s->description = pp_param_dup (c, "Description");
  pp_call_created (c, d, &s->r, "VSwitchId", "Pending", CREATE_SECONDS, "Available");
  return TRUE;
}

static gboolean
op_describe_vpcs (Call *c, GVariantDict *d)
{
  const PpRegion *region;
  const char *name = pp_param (c, "VpcName");
  g_auto(GStrv) ids = NULL;
  gboolean is_default = FALSE;
  GPtrArray *all = c->e->res[RES_VPC];
  Page pg;
  guint i;

  if (!pp_call_check_region (c, "RegionId", TRUE, &region)
      || !pp_page_numbered (c, 50, &pg)
      || !pp_param_bool (c, "IsDefault", FALSE, &is_default))
    return FALSE;
  if (pp_param (c, "VpcId") != NULL)
    {
      ids = g_strsplit (pp_param (c, "VpcId"), ",", -1);
      if (g_strv_length (ids) > 20)
        return pp_call_fail (c, 400, "InvalidParameter", "At most 20 VPC ids may be given.");
    }
  for (i = 0; i < all->len; i++)
    {
      Vpc *v = g_ptr_array_index (all, i);
      if (!pp_call_owns (c, (Res *) v) || v->region != region || is_default)
        continue;
      if ((ids != NULL && !g_strv_contains ((const char * const *) ids, v->r.id))
          || (name != NULL && g_strcmp0 (name, v->name) != 0))
        continue;
      pp_page_offer (&pg, c->e, &v->r, vpc_item);
    }
  pp_page_end (&pg, d, "Vpcs", "Vpc");
  return TRUE;
}

static gboolean
op_describe_vswitches (Call *c, GVariantDict *d)
{
  const PpRegion *region;
  const char *vpc_id = pp_param (c, "VpcId");
  const char *zone = pp_param (c, "ZoneId");
  const char *name = pp_param (c, "VSwitchName");
  g_auto(GStrv) ids = NULL;
  GPtrArray *all = c->e->res[RES_VSWITCH];
  Page pg;
  guint i;

  if (!pp_call_check_region (c, "RegionId", FALSE, &region)
      || !pp_page_numbered (c, 50, &pg))
    return FALSE;
  if (region == NULL && vpc_id == NULL)
    return pp_require (c, "RegionId", NULL);
  if (pp_param (c, "VSwitchId") != NULL)
    ids = g_strsplit (pp_param (c, "VSwitchId"), ",", -1);
  for (i = 0; i < all->len; i++)
    {
      VSwitch *s = g_ptr_array_index (all, i);
      if (!pp_call_owns (c, (Res *) s) || (region != NULL && s->vpc->region != region))
        continue;
      if ((vpc_id != NULL && strcmp (vpc_id, s->vpc->r.id) != 0)
          || (zone != NULL && strcmp (zone, s->zone) != 0)
          || (name != NULL && g_strcmp0 (name, s->name) != 0)
          || (ids != NULL && !g_strv_contains ((const char * const *) ids, s->r.id)))
        continue;
      pp_page_offer (&pg, c->e, &s->r, vswitch_item);
    }
  pp_page_end (&pg, d, "VSwitches", "VSwitch");
  return TRUE;
}

static gboolean
op_describe_regions (Call *c, GVariantDict *d)
{
  const char *lang = pp_param (c, "AcceptLanguage");
  GPtrArray *items = g_ptr_array_new ();
  guint i, n;

  if (lang != NULL && strcmp (lang, "zh-CN") != 0 && strcmp (lang, "en-US") != 0)
    {
      g_ptr_array_unref (items);
      return pp_call_fail (c, 400, "InvalidParameter",
                        "The specified AcceptLanguage \"%s\" is not valid: use zh-CN or en-US.", lang);
    }
  n = c->e->regions != NULL ? pp_regions_count (c->e->regions) : 0;
  for (i = 0; i < n; i++)
    {
      const PpRegion *r = pp_regions_nth (c->e->regions, i);
      GVariantDict *item = g_variant_dict_new (NULL);
      g_autofree char *endpoint = g_strdup_printf ("vpc.%s.aliyuncs.com", r->id);

      pp_dict_str (item, "RegionId", r->id);
      pp_dict_str (item, "LocalName", r->name);
      pp_dict_str (item, "RegionEndpoint", endpoint);
      g_ptr_array_add (items, pp_dict_end (item));
    }
  pp_dict_list (d, "Regions", "Region", items);
  return TRUE;
}

static const Op ops[] = {
  { "CreateRouteEntry", PP_API_VERSION_VPC, op_create_route_entry, TRUE },
  { "DeleteRouteEntry", PP_API_VERSION_VPC, op_delete_route_entry, TRUE },
  { "DescribeRouteTables", PP_API_VERSION_VPC, op_describe_route_tables },
  { "DescribeRouteTableList", PP_API_VERSION_VPC, op_describe_route_table_list },
  { "DescribeRouteEntryList", PP_API_VERSION_VPC, op_describe_route_entry_list },
  { "CreateVpc", PP_API_VERSION_VPC, op_create_vpc },
  { "DescribeVpcs", PP_API_VERSION_VPC, op_describe_vpcs },
  { "CreateVSwitch", PP_API_VERSION_VPC, op_create_vswitch },
  { "DescribeVSwitches", PP_API_VERSION_VPC, op_describe_vswitches },
  { "DescribeRegions", PP_API_VERSION_VPC, op_describe_regions },
  { NULL, NULL, NULL },
};

const ApiTable pp_api_vpc = {
  .ops = ops,
  .items = {
    [RES_VPC] = vpc_item,
    [RES_VSWITCH] = vswitch_item,
    [RES_ROUTE_ENTRY] = route_entry_item,
  },
};
