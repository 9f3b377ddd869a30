/* SPDX-License-Identifier: MIT */
/* pp-api-peer.c: VPC peering connections (VpcPeer 2022-01-01): Create,
 * Accept, Reject, Delete, Modify, GetAttribute, List.  Facts:
 * reference/alibaba-api.md section 3; choices in docs/api.md.
 *
 * State machine:
 *   Create, same account   -> Creating -> (PEER_SECONDS) Activated
 *   Create, cross-account  -> Creating -> (PEER_SECONDS) Accepting
 *   Accept (accepter, Accepting)   -> Updating -> Activated
 *   Reject (accepter, Accepting)   -> Rejected
 *   Modify bandwidth/link type (Activated) -> Updating -> Activated
 *   Delete (not Creating/Updating/Deleting; no route unless Force)
 *                          -> Deleting -> gone
 * Every VpcPeer error is HTTP 400, as the API metadata lists them.
 */

#include "sim/pp-engine-private.h"

#include <string.h>

#define PEER_SECONDS 3

static gboolean
is_status (const Peer *p, const char *s)
{
  return strcmp (p->r.status, s) == 0;
}

static GVariant *
vpc_ref (Vpc *v)
{
  GVariantDict *d = g_variant_dict_new (NULL);
  GPtrArray *cidrs = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (cidrs, pp_cidr_to_string (v->cidr));
  pp_dict_str (d, "VpcId", v->r.id);
  pp_dict_strlist (d, "Ipv4Cidrs", NULL, g_ptr_array_ref (cidrs));
  pp_dict_strlist (d, "Ipv6Cidrs", NULL, NULL);
  g_ptr_array_unref (cidrs);
  return pp_dict_end (d);
}

static GVariant *
peer_item (PpEngine *e, Res *r)
{
  Peer *p = (Peer *) r;
  GVariantDict *d = g_variant_dict_new (NULL);
  g_autofree char *created = pp_iso_time (p->r.created);
  g_autofree char *modified = pp_iso_time (p->modified);

  pp_dict_int (d, "AcceptingOwnerUid", g_ascii_strtoll (pp_account_uid (e, p->accepting_account), NULL, 10));
  pp_dict_str (d, "AcceptingRegionId", p->accepting_vpc->region->id);
  g_variant_dict_insert_value (d, "AcceptingVpc", vpc_ref (p->accepting_vpc));
  pp_dict_int (d, "Bandwidth", p->bandwidth);
  pp_dict_str (d, "BizStatus", "Normal");
  pp_dict_str (d, "Description", p->description);
  pp_dict_str (d, "GmtCreate", created);
  pp_dict_str (d, "GmtModified", modified);
  pp_dict_str (d, "InstanceId", p->r.id);
  pp_dict_str (d, "LinkType", p->link_type);
  pp_dict_str (d, "Name", p->name);
  pp_dict_int (d, "OwnerId", g_ascii_strtoll (pp_account_uid (e, p->r.account), NULL, 10));
  pp_dict_str (d, "RegionId", p->vpc->region->id);
  pp_dict_str (d, "ResourceGroupId", "");
  pp_dict_str (d, "Status", p->r.status);
  pp_dict_list (d, "Tags", NULL, NULL);
  g_variant_dict_insert_value (d, "Vpc", vpc_ref (p->vpc));
  return pp_dict_end (d);
}

/* The live peering @id as seen by the caller: its requester or, when
 * @accepter_ok, its accepter. */
static Peer *
visible_peer (Call *c, gboolean accepter_ok)
{
  const char *id;
  Peer *p;

  if (!pp_require (c, "InstanceId", &id))
    return NULL;
  p = (Peer *) pp_res_lookup (c->e, id, RES_PEER);
  if (p == NULL || (p->r.account != c->caller && !(accepter_ok && p->accepting_account == c->caller)))
    {
      pp_call_fail (c, 400, "ResourceNotFound.InstanceId",
                 "The specified resource of %s is not found.", id);
      return NULL;
    }
  return p;
}

static gboolean
wrong_status (Call *c, Peer *p)
{
  return pp_call_fail (c, 400, "IncorrectStatus.VpcPeer",
                    "The status of %s [%s] is incorrect.", p->r.id, p->r.status);
}

static gboolean
link_type_param (Call *c, const char **out)
{
  const char *v = pp_param (c, "LinkType");

  *out = NULL;
  if (v == NULL)
    return TRUE;
  if (strcmp (v, "Gold") == 0)
    *out = "Gold";
  else if (strcmp (v, "Platinum") == 0)
    *out = "Platinum";
  else
    return pp_call_fail (c, 400, "InvalidParameter",
                      "The specified LinkType \"%s\" is not valid: use Gold or Platinum.", v);
  return TRUE;
}

static gboolean
op_create (Call *c, GVariantDict *d)
{
  const PpRegion *region, *acc_region;
  const char *vpc_id, *acc_uid, *acc_vpc_id, *link = NULL;
  guint acc_account;
  Vpc *vpc, *avpc;
  gint64 bandwidth = 0;
  gboolean same_region;
  Peer *p;
  guint i;

  if (!pp_call_check_region (c, "RegionId", TRUE, &region)
      || !pp_require (c, "VpcId", &vpc_id)
      || !pp_require (c, "AcceptingAliUid", &acc_uid)
      || !pp_require (c, "AcceptingRegionId", NULL)
      || !pp_require (c, "AcceptingVpcId", &acc_vpc_id))
    return FALSE;
  acc_region = pp_call_region (c, "AcceptingRegionId");
  if (acc_region == NULL)
    return pp_call_fail (c, 400, "UnsupportedRegion",
                      "The specified AcceptingRegionId \"%s\" is not supported.", pp_param (c, "AcceptingRegionId"));
  same_region = acc_region == region;
  if (!pp_param_int (c, "Bandwidth", 1, G_MAXINT32, 0, "InvalidParameter", &bandwidth)
      || !link_type_param (c, &link)
      || !pp_call_check_name (c, "Name", 128, "InvalidName.Malformed")
      || !pp_call_check_name (c, "Description", 256, "InvalidDescription.Malformed"))
    return FALSE;
  vpc = (Vpc *) pp_res_lookup (c->e, vpc_id, RES_VPC);
  if (vpc == NULL || vpc->r.account != c->caller || vpc->region != region)
    return pp_call_fail (c, 400, "IncorrectStatus.Vpc",
                      "The VPC %s does not exist in the region %s of the calling account.", vpc_id, region->id);
  if (strcmp (vpc->r.status, "Available") != 0)
    return pp_call_fail (c, 400, "IncorrectStatus.Vpc", "The status of %s [%s] is incorrect.",
                      vpc->r.id, vpc->r.status);
  avpc = (Vpc *) pp_res_lookup (c->e, acc_vpc_id, RES_VPC);
  if (!pp_account_lookup_uid (c->e, acc_uid, &acc_account) || avpc == NULL
      || avpc->r.account != acc_account || avpc->region != acc_region
      || strcmp (avpc->r.status, "Available") != 0)
    return pp_call_fail (c, 400, "IncorrectStatus.AcceptingVpc",
                      "The accepting VPC %s of account %s in region %s does not exist or is not Available.",
                      acc_vpc_id, acc_uid, acc_region->id);
  if (avpc == vpc)
    return pp_call_fail (c, 400, "OperationFailed.ViolativeVpcPeer",
                      "A VPC cannot be peered with itself.");
  for (i = 0; i < vpc->peers->len; i++)
    {
      Peer *q = g_ptr_array_index (vpc->peers, i);
      if (is_status (q, "Rejected") || is_status (q, "Expired")
          || is_status (q, "Deleting"))
        continue;
      if ((q->vpc == vpc && q->accepting_vpc == avpc) || (q->vpc == avpc && q->accepting_vpc == vpc))
        return pp_call_fail (c, 400, "ResourceAlreadyExist.VpcPeer",
                          "A VPC peering connection %s between %s and %s already exists.",
                          q->r.id, vpc->r.id, avpc->r.id);
    }
  if (!pp_call_check_dry_run (c))
    return FALSE;

  p = g_new0 (Peer, 1);
  p->vpc = vpc;
  p->accepting_vpc = avpc;
  p->accepting_account = acc_account;
  p->name = pp_param_dup (c, "Name");
  p->description = pp_param_dup (c, "Description");
  /* Bandwidth and link type apply across regions only; within one region
   * the peering is unlimited (-1) and the parameters are ignored. */
  p->bandwidth = same_region ? -1 : (bandwidth > 0 ? bandwidth : 1024);
  p->link_type = same_region ? "" : (link != NULL ? link : "Gold");
  pp_res_add (c->e, RES_PEER, &p->r, pp_new_id (c->e, "pcc-", 18), c->caller);
  pp_peer_attach (p);
  p->modified = c->e->now;
  pp_call_created_only (c, &p->r, "InstanceId", "Creating", PEER_SECONDS,
                        acc_account == c->caller ? "Activated" : "Accepting");
  (void) d;
  return TRUE;
}

/* The peering an Accept or Reject acts on: visible, the caller its
 * accepter, and Accepting; NULL with the error set otherwise, or on a dry
 * run. */
static Peer *
accepting_peer (Call *c)
{
  Peer *p = visible_peer (c, TRUE);

  if (p == NULL)
    return NULL;
  if (p->accepting_account != c->caller)
    {
      pp_call_fail (c, 400, "IncorrectStatus.VpcPeer",
                 "Only the accepter account of %s can accept or reject it.", p->r.id);
      return NULL;
    }
  if (!is_status (p, "Accepting"))
    {
      wrong_status (c, p);
      return NULL;
    }
  if (!pp_call_check_dry_run (c))
    return NULL;
  p->modified = c->e->now;
  return p;
}

static gboolean
op_accept (Call *c, GVariantDict *d)
{
  Peer *p = accepting_peer (c);

  if (p == NULL)
    return FALSE;
  p->r.status = "Updating";
  pp_schedule (c->e, &p->r, PEER_SECONDS, "Updating", "Activated");
  (void) d;
  return TRUE;
}

static gboolean
op_reject (Call *c, GVariantDict *d)
{
  Peer *p = accepting_peer (c);

  if (p == NULL)
    return FALSE;
  p->r.status = "Rejected";
  (void) d;
  return TRUE;
}

static gboolean
op_delete (Call *c, GVariantDict *d)
{
  Peer *p = visible_peer (c, TRUE);
  gboolean force = FALSE;
  Vpc *ends[2];
  guint i, k;

  if (p == NULL || !pp_param_bool (c, "Force", FALSE, &force))
    return FALSE;
  if (is_status (p, "Creating") || is_status (p, "Updating") || is_status (p, "Deleting"))
    return wrong_status (c, p);
  if (!force && pp_route_refers (c->e, p->r.id))
    return pp_call_fail (c, 400, "OperationDenied.RouteEntryExist",
                      "The operation is not allowed because of existing routeEntry point to VpcPeer.");
  if (!pp_call_check_dry_run (c))
    return FALSE;
  /* Only the two ends' tables can name the peering. */
  ends[0] = p->vpc;
  ends[1] = p->accepting_vpc;
  for (k = 0; force && k < 2; k++)
    {
      g_autoptr(GPtrArray) custom = pp_route_customs (c->e, ends[k]);

      for (i = custom->len; i > 0; i--)
        {
          RouteEntry *re = g_ptr_array_index (custom, i - 1);
          if (strcmp (re->next_hop_id, p->r.id) == 0)
            pp_res_remove (c->e, &re->r);
        }
    }
  p->r.status = "Deleting";
  p->modified = c->e->now;
  pp_schedule (c->e, &p->r, PEER_SECONDS, "Deleting", NULL);
  (void) d;
  return TRUE;
}

static gboolean
op_modify (Call *c, GVariantDict *d)
{
  Peer *p = visible_peer (c, FALSE);
  gint64 bandwidth = 0;
  const char *link = NULL;
  gboolean same_region;

  if (p == NULL
      || !pp_param_int (c, "Bandwidth", 1, G_MAXINT32, 0, "InvalidParameter", &bandwidth)
      || !link_type_param (c, &link)
      || !pp_call_check_name (c, "Name", 128, "InvalidName.Malformed")
      || !pp_call_check_name (c, "Description", 256, "InvalidDescription.Malformed"))
    return FALSE;
  if (!is_status (p, "Activated"))
    return wrong_status (c, p);
  same_region = p->vpc->region == p->accepting_vpc->region;
  if (same_region && (bandwidth > 0 || link != NULL))
    return pp_call_fail (c, 400, "OperationFailed.BandwidthCannotBeChangedInSameRegion",
                      "The bandwidth of a VPC peering connection within one region cannot be changed.");
  if (!pp_call_check_dry_run (c))
    return FALSE;
  if (pp_param (c, "Name") != NULL)
    {
      g_free (p->name);
      p->name = g_strdup (pp_param (c, "Name"));
    }
  if (pp_param (c, "Description") != NULL)
    {
      g_free (p->description);
      p->description = g_strdup (pp_param (c, "Description"));
    }
  p->modified = c->e->now;
  if (bandwidth > 0 || link != NULL)
    {
      if (bandwidth > 0)
        p->bandwidth = bandwidth;
      if (link != NULL)
        p->link_type = link;
      p->r.status = "Updating";
      pp_schedule (c->e, &p->r, PEER_SECONDS, "Updating", "Activated");
    }
  (void) d;
  return TRUE;
}

static gboolean
op_get (Call *c, GVariantDict *d)
{
  Peer *p = visible_peer (c, TRUE);

  if (p == NULL)
    return FALSE;
  pp_dict_merge (d, peer_item (c->e, &p->r));
  return TRUE;
}

static gboolean
op_list (Call *c, GVariantDict *d)
{
  const PpRegion *region;
  const char *id = pp_param (c, "InstanceId");
  const char *name = pp_param (c, "Name");
  g_auto(GStrv) vpcs = NULL;
  GPtrArray *all = c->e->res[RES_PEER];
  Page pg;
  guint i;

  if (!pp_call_check_region (c, "RegionId", TRUE, &region)
      || !pp_page_token (c, "MaxResults", 100, 20, "MaxResults", &pg))
    return FALSE;
  /* The VpcPeer SDK sends the array comma-joined in one VpcId; pop-core
   * flattens it to VpcId.1, VpcId.2, ...: take both. */
  if (pp_param (c, "VpcId") != NULL)
    vpcs = g_strsplit (pp_param (c, "VpcId"), ",", -1);
  else if (pp_param (c, "VpcId.1") != NULL)
    {
      GPtrArray *list = g_ptr_array_new ();
      guint n;

      for (n = 1; ; n++)
        {
          g_autofree char *key = g_strdup_printf ("VpcId.%u", n);
          if (pp_param (c, key) == NULL)
            break;
          g_ptr_array_add (list, g_strdup (pp_param (c, key)));
        }
      g_ptr_array_add (list, NULL);
      vpcs = (GStrv) g_ptr_array_free (list, FALSE);
    }
  for (i = 0; i < all->len; i++)
    {
      Peer *p = g_ptr_array_index (all, i);
      gboolean mine = p->r.account == c->caller && p->vpc->region == region;
      gboolean theirs = p->accepting_account == c->caller && p->accepting_vpc->region == region;

      if (p->r.gone || !(mine || theirs))
        continue;
      if ((id != NULL && strcmp (id, p->r.id) != 0)
          || (name != NULL && strcmp (name, p->name) != 0)
          || (vpcs != NULL && !g_strv_contains ((const char * const *) vpcs, p->vpc->r.id)
              && !g_strv_contains ((const char * const *) vpcs, p->accepting_vpc->r.id)))
        continue;
      pp_page_offer (&pg, c->e, &p->r, peer_item);
    }
  pp_page_end (&pg, d, "VpcPeerConnects", NULL);
  return TRUE;
}

static const Op ops[] = {
  { "CreateVpcPeerConnection", PP_API_VERSION_VPCPEER, op_create, TRUE },
  { "AcceptVpcPeerConnection", PP_API_VERSION_VPCPEER, op_accept, TRUE },
  { "RejectVpcPeerConnection", PP_API_VERSION_VPCPEER, op_reject, TRUE },
  { "DeleteVpcPeerConnection", PP_API_VERSION_VPCPEER, op_delete, TRUE },
  { "ModifyVpcPeerConnection", PP_API_VERSION_VPCPEER, op_modify, TRUE },
  { "GetVpcPeerConnectionAttribute", PP_API_VERSION_VPCPEER, op_get },
  { "ListVpcPeerConnections", PP_API_VERSION_VPCPEER, op_list },
  { NULL, NULL, NULL },
};

const ApiTable pp_api_peer = {
  .ops = ops,
  .items = {
    [RES_PEER] = peer_item,
  },
};
