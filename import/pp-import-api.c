/* SPDX-License-Identifier: MIT */
/* pp-import-api.c: API answers as the aliyun CLI prints them.
 *
 * DOC: shapes from the official SDKs' response models (reference:
 * terraform-and-api-shapes.md section C): lists are wrapped in an object
 * named for the singular (Vpcs.Vpc[], VSwitches.VSwitch[],
 * RouterTableList.RouterTableListType[], RouteEntrys.RouteEntry[],
 * RouterInterfaceSet.RouterInterfaceType[], Instances.Instance[]) except
 * VpcPeerConnects[]; `aliyun --pager` prints only that wrapper.  Each item
 * becomes a record named and shaped like the provider's resource (VpcId ->
 * id, CidrBlock -> cidr_block, ...), so that pp-import-build.c builds both
 * kinds of input the same way.
 */
#include "import/pp-import-private.h"

#include <string.h>

typedef struct {
  const char *wrapper;          /* "Vpcs" */
  const char *list;             /* "Vpc", or NULL for a plain array */
  const char *type;             /* the provider's resource type */
  void (*map) (JsonObject *item, JsonObject *out, PpRec *rec);
} Answer;

static const char *
str (JsonObject *o, const char *m)
{
  return pp_import_json_str (o, m);
}

static void
put (JsonObject *out, const char *name, const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (out, name, value);
}

/* A number or a numeric string as a 16-digit uid text, or NULL. */
static char *
uid_text (JsonObject *o, const char *m)
{
  gint64 v;

  if (!pp_import_json_int (o, m, &v) || v <= 0)
    return NULL;
  return g_strdup_printf ("%016" G_GINT64_FORMAT, v);
}

static JsonObject *
obj (JsonObject *o, const char *m)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, m) : NULL;

  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static JsonArray *
arr (JsonObject *o, const char *m)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, m) : NULL;

  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static void
map_vpc (JsonObject *in, JsonObject *out, PpRec *rec)
{
  put (out, "id", str (in, "VpcId"));
  put (out, "cidr_block", str (in, "CidrBlock"));
  put (out, "region_id", str (in, "RegionId"));
  put (out, "router_id", str (in, "VRouterId"));
  put (out, "vpc_name", str (in, "VpcName"));
  rec->uid = uid_text (in, "OwnerId");
}

static void
map_vswitch (JsonObject *in, JsonObject *out, PpRec *rec)
{
  (void) rec;
  put (out, "id", str (in, "VSwitchId"));
  put (out, "vpc_id", str (in, "VpcId"));
  put (out, "zone_id", str (in, "ZoneId"));
  put (out, "cidr_block", str (in, "CidrBlock"));
}

static void
map_route_table (JsonObject *in, JsonObject *out, PpRec *rec)
{
  (void) rec;
  put (out, "id", str (in, "RouteTableId"));
  put (out, "vpc_id", str (in, "VpcId"));
  put (out, "route_table_type", str (in, "RouteTableType"));
}

static void
map_route_entry (JsonObject *in, JsonObject *out, PpRec *rec)
{
  JsonArray *hops = arr (obj (in, "NextHops"), "NextHop");
  JsonObject *hop = hops != NULL && json_array_get_length (hops) > 0 ? pp_import_array_object (hops, 0) : NULL;

  (void) rec;
  put (out, "id", str (in, "RouteEntryId"));
  put (out, "route_table_id", str (in, "RouteTableId"));
  put (out, "destination_cidr_block", str (in, "DestinationCidrBlock"));
  put (out, "entry_type", str (in, "Type"));
  if (hop != NULL)
    {
      put (out, "nexthop_type", str (hop, "NextHopType"));
      put (out, "nexthop_id", str (hop, "NextHopId"));
    }
}

static void
map_router_interface (JsonObject *in, JsonObject *out, PpRec *rec)
{
  const char *charge = str (in, "ChargeType");

  (void) rec;
  put (out, "id", str (in, "RouterInterfaceId"));
  put (out, "router_id", str (in, "RouterId"));
  put (out, "vpc_instance_id", str (in, "VpcInstanceId"));
  put (out, "role", str (in, "Role"));
  put (out, "spec", str (in, "Spec"));
  put (out, "status", str (in, "Status"));
  put (out, "opposite_interface_id", str (in, "OppositeInterfaceId"));
  put (out, "opposite_interface_owner_id", str (in, "OppositeInterfaceOwnerId"));
  put (out, "opposite_router_id", str (in, "OppositeRouterId"));
  put (out, "opposite_vpc_instance_id", str (in, "OppositeVpcInstanceId"));
  put (out, "opposite_region_id", str (in, "OppositeRegionId"));
  /* DescribeRouterInterfaces says PrePaid or AfterPay */
  put (out, "payment_type", g_strcmp0 (charge, "PrePaid") == 0 ? "Subscription"
                            : charge != NULL && *charge != '\0' ? "PayAsYouGo" : NULL);
}

static void
map_instance (JsonObject *in, JsonObject *out, PpRec *rec)
{
  JsonObject *va = obj (in, "VpcAttributes");
  JsonArray *ips = arr (obj (va, "PrivateIpAddress"), "IpAddress");

  put (out, "id", str (in, "InstanceId"));
  put (out, "vswitch_id", str (va, "VSwitchId"));
  put (out, "vpc_id", str (va, "VpcId"));
  if (ips != NULL && json_array_get_length (ips) > 0)
    put (out, "private_ip", pp_import_array_string (ips, 0));
  rec->region = g_strdup (str (in, "RegionId"));
}

static void
map_peer (JsonObject *in, JsonObject *out, PpRec *rec)
{
  g_autofree char *acc = uid_text (in, "AcceptingOwnerUid");
  gint64 bw;

  put (out, "id", str (in, "InstanceId"));
  put (out, "vpc_id", str (obj (in, "Vpc"), "VpcId"));
  put (out, "accepting_vpc_id", str (obj (in, "AcceptingVpc"), "VpcId"));
  put (out, "accepting_region_id", str (in, "AcceptingRegionId"));
  put (out, "region_id", str (in, "RegionId"));
  put (out, "link_type", str (in, "LinkType"));
  put (out, "status", str (in, "Status"));
  if (acc != NULL)
    json_object_set_int_member (out, "accepting_ali_uid", g_ascii_strtoll (acc, NULL, 10));
  if (pp_import_json_int (in, "Bandwidth", &bw))
    json_object_set_int_member (out, "bandwidth", bw);
  rec->uid = uid_text (in, "OwnerId");
}

static const Answer answers[] = {
  { "Vpcs", "Vpc", "alicloud_vpc", map_vpc },
  { "VSwitches", "VSwitch", "alicloud_vswitch", map_vswitch },
  { "RouterTableList", "RouterTableListType", "alicloud_route_table", map_route_table },
  { "RouteEntrys", "RouteEntry", "alicloud_vpc_route_entry", map_route_entry },
  { "RouterInterfaceSet", "RouterInterfaceType", "alicloud_express_connect_router_interface", map_router_interface },
  { "Instances", "Instance", "alicloud_instance", map_instance },
  { "VpcPeerConnects", NULL, "alicloud_vpc_peer_connection", map_peer },
};

gboolean
pp_import_is_api (JsonObject *o)
{
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    if (json_object_has_member (o, answers[i].wrapper))
      return TRUE;
  return FALSE;
}

gboolean
pp_import_api (PpImporter *imp, JsonNode *root, const char *file, GError **error)
{
  JsonObject *o = json_node_get_object (root);

  for (guint a = 0; a < G_N_ELEMENTS (answers); a++)
    {
      const Answer *ans = &answers[a];
      JsonArray *items;
      g_autofree char *where = NULL;

      if (!json_object_has_member (o, ans->wrapper))
        continue;
      items = ans->list != NULL ? arr (obj (o, ans->wrapper), ans->list) : arr (o, ans->wrapper);
      where = ans->list != NULL ? g_strdup_printf ("%s.%s", ans->wrapper, ans->list) : g_strdup (ans->wrapper);
      if (items == NULL)
        return pp_import_fail (error, PP_IMPORT_ERROR_FORMAT, file, where,
                               "is not a list: %s answers hold %s%s (as the aliyun CLI prints them, with or without --pager)",
                               ans->wrapper, where, "[]");
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = pp_import_array_object (items, i);
          g_autoptr(JsonObject) values = json_object_new ();
          PpRec *rec;

          rec = pp_import_add_rec (imp, file, ans->type, NULL, g_strdup_printf ("%s[%u]", where, i), NULL);
          rec->lookup = TRUE;
          if (item == NULL)
            return pp_import_fail (error, PP_IMPORT_ERROR_FORMAT, file, rec->path, "is not an object");
          ans->map (item, values, rec);
          pp_rec_set_values (imp, rec, values);
          if (pp_import_json_str (values, "id") == NULL)
            return pp_import_fail (error, PP_IMPORT_ERROR_FORMAT, file, rec->path,
                                   "has no id; is the answer complete? (produce it again with the aliyun CLI)");
          /* a system route entry is the VPC's own; a system table is the VPC */
          if (g_strcmp0 (pp_import_json_str (values, "entry_type"), "Custom") != 0
              && pp_import_json_str (values, "entry_type") != NULL)
            rec->skip = TRUE;
        }
    }
  return TRUE;
}
