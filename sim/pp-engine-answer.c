/* SPDX-License-Identifier: MIT */
/* pp-engine-answer.c: answers: the a{sv} helpers the operations build
 * their answers with (keys sorted, so that the same answer is the same
 * bytes), the results of calls and their error bodies, and the answer
 * shape of one object (pp_engine_object()) through the item builders the
 * api files register.
 */

#include "sim/pp-engine-private.h"
#include "model/pp-number.h"

#include <stdlib.h>
#include <string.h>

/* --- results --- */

void
pp_api_result_free (PpApiResult *r)
{
  if (r == NULL)
    return;
  g_free (r->request_id);
  g_free (r->code);
  g_free (r->message);
  g_free (r->created_id);
  if (r->response != NULL)
    g_variant_unref (r->response);
  g_free (r);
}

gboolean
pp_api_result_ok (const PpApiResult *r)
{
  g_return_val_if_fail (r != NULL, FALSE);
  return r->code == NULL;
}

GVariant *
pp_api_error_body (const char *version, const char *code, const char *message,
                   const char *request_id)
{
  GVariantDict *d;
  g_autofree char *recommend = NULL;
  gboolean peer = g_strcmp0 (version, PP_API_VERSION_VPCPEER) == 0;

  g_return_val_if_fail (code != NULL && request_id != NULL, NULL);
  recommend = g_strdup_printf ("https://api.aliyun.com/troubleshoot?q=%s&product=%s&requestId=%s",
                               code, peer ? "VpcPeer" : "Vpc", request_id);
  d = g_variant_dict_new (NULL);
  pp_dict_str (d, "RequestId", request_id);
  pp_dict_str (d, "HostId", peer ? "vpcpeer.aliyuncs.com" : "vpc.aliyuncs.com");
  pp_dict_str (d, "Code", code);
  pp_dict_str (d, "Message", message);
  pp_dict_str (d, "Recommend", recommend);
  return g_variant_ref_sink (pp_dict_end (d));
}

GVariant *
pp_api_result_body (const PpApiResult *r)
{
  g_return_val_if_fail (r != NULL, NULL);
  if (r->code == NULL && r->response == NULL && r->created_field != NULL)
    return g_variant_ref_sink (pp_api_answer_only (r->request_id, r->created_field, r->created_id));
  if (r->code == NULL)
    return g_variant_ref (r->response);
  return pp_api_error_body (r->version, r->code, r->message, r->request_id);
}

GVariant *
pp_api_result_response (PpApiResult *r)
{
  g_return_val_if_fail (r != NULL, NULL);
  if (r->response == NULL && r->code == NULL && r->created_field != NULL)
    r->response = g_variant_ref_sink (pp_api_answer_only (r->request_id, r->created_field,
                                                          r->created_id));
  return r->response;
}

char *
pp_variant_scalar_text (GVariant *v)
{
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_VARIANT))
    {
      g_autoptr(GVariant) inner = g_variant_get_variant (v);
      return pp_variant_scalar_text (inner);
    }
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (v, NULL);
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
    return g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (v));
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (v) ? "true" : "false");
  return NULL;
}

const char *
pp_api_result_created (const PpApiResult *r, const char *path)
{
  g_return_val_if_fail (r != NULL && path != NULL, NULL);
  if (r->response == NULL && r->code == NULL && r->created_field != NULL
      && strcmp (path, r->created_field) == 0)
    return r->created_id;
  return NULL;
}

char *
pp_api_result_get (const PpApiResult *r, const char *path)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GVariant) cur = NULL;
  guint i;

  g_return_val_if_fail (r != NULL && path != NULL, NULL);
  if (r->response == NULL && r->code == NULL && r->created_field != NULL)
    {
      /* a lean answer: its two fields, and nothing below them */
      if (strcmp (path, r->created_field) == 0)
        return g_strdup (r->created_id);
      if (strcmp (path, "RequestId") == 0)
        return g_strdup (r->request_id);
      return NULL;
    }
  if (r->response == NULL)
    return NULL;
  /* A top-level field (what the runner reads after every call): the
   * entries compared directly, no path split */
  if (strchr (path, '.') == NULL && g_variant_is_of_type (r->response, G_VARIANT_TYPE_VARDICT))
    {
      gsize n = g_variant_n_children (r->response);

      for (i = 0; i < n; i++)
        {
          g_autoptr(GVariant) entry = g_variant_get_child_value (r->response, i);
          g_autoptr(GVariant) name = g_variant_get_child_value (entry, 0);

          if (strcmp (g_variant_get_string (name, NULL), path) == 0)
            {
              g_autoptr(GVariant) value = g_variant_get_child_value (entry, 1);

              return pp_variant_scalar_text (value);
            }
        }
      return NULL;
    }
  parts = g_strsplit (path, ".", -1);
  cur = g_variant_ref (r->response);
  for (i = 0; parts[i] != NULL; i++)
    {
      GVariant *next = NULL;

      while (g_variant_is_of_type (cur, G_VARIANT_TYPE_VARIANT))
        {
          GVariant *inner = g_variant_get_variant (cur);
          g_variant_unref (cur);
          cur = inner;
        }
      if (g_variant_is_of_type (cur, G_VARIANT_TYPE_VARDICT))
        next = g_variant_lookup_value (cur, parts[i], NULL);
      else if (g_variant_is_of_type (cur, G_VARIANT_TYPE ("av")))
        {
          guint64 n;

          if (pp_parse_uint (parts[i], 0, G_MAXUINT64, &n, NULL) && n < g_variant_n_children (cur))
            next = g_variant_get_child_value (cur, (gsize) n);
        }
      if (next == NULL)
        return NULL;
      g_variant_unref (cur);
      cur = next;
    }
  return pp_variant_scalar_text (cur);
}

void
pp_dict_merge (GVariantDict *d, GVariant *item)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (item);
  GVariantIter it;
  const char *k;
  GVariant *v;

  g_variant_iter_init (&it, owned);
  while (g_variant_iter_next (&it, "{&sv}", &k, &v))
    {
      g_variant_dict_insert_value (d, k, v);
      g_variant_unref (v);
    }
}

/* --- a{sv} helpers --- */

void
pp_dict_str (GVariantDict *d, const char *k, const char *v)
{
  g_variant_dict_insert_value (d, k, g_variant_new_string (v != NULL ? v : ""));
}

void
pp_dict_int (GVariantDict *d, const char *k, gint64 v)
{
  g_variant_dict_insert_value (d, k, g_variant_new_int64 (v));
}

void
pp_dict_bool (GVariantDict *d, const char *k, gboolean v)
{
  g_variant_dict_insert_value (d, k, g_variant_new_boolean (v));
}

/* An entry of an a{sv} with its key, read once: reading it in each
 * comparison (g_variant_get_child with a format) cost more than the rest
 * of a call. */
typedef struct {
  const char *key;            /* borrowed from name */
  GVariant *name;
  GVariant *entry;
} Entry;

static int
cmp_entry (gconstpointer a, gconstpointer b)
{
  return strcmp (((const Entry *) a)->key, ((const Entry *) b)->key);
}

/* Ends @d into a floating a{sv} whose keys are sorted, so that answers
 * (and the JSON serve writes from them) are the same bytes every time,
 * whatever order GVariantDict's hash table keeps. */
GVariant *
pp_dict_end (GVariantDict *d)
{
  g_autoptr(GVariant) v = g_variant_ref_sink (g_variant_dict_end (d));
  gsize i, n = g_variant_n_children (v);
  g_autofree Entry *entries = g_new (Entry, n);
  GVariantBuilder b;

  g_variant_dict_unref (d);
  for (i = 0; i < n; i++)
    {
      entries[i].entry = g_variant_get_child_value (v, i);
      entries[i].name = g_variant_get_child_value (entries[i].entry, 0);
      entries[i].key = g_variant_get_string (entries[i].name, NULL);
    }
  /* keys are unique: any sort gives the same order */
  qsort (entries, n, sizeof (Entry), cmp_entry);
  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  for (i = 0; i < n; i++)
    {
      g_variant_builder_add_value (&b, entries[i].entry);
      g_variant_unref (entries[i].entry);
      g_variant_unref (entries[i].name);
    }
  return g_variant_builder_end (&b);
}

void
pp_dict_obj (GVariantDict *d, const char *k, GVariantDict *child)
{
  g_variant_dict_insert_value (d, k, pp_dict_end (child));
}

static GVariant *
list_value (GPtrArray *items)
{
  GVariantBuilder b;
  guint i;

  g_variant_builder_init (&b, G_VARIANT_TYPE ("av"));
  for (i = 0; items != NULL && i < items->len; i++)
    g_variant_builder_add (&b, "v", g_ptr_array_index (items, i));
  return g_variant_builder_end (&b);
}

void
pp_dict_list (GVariantDict *d, const char *k, const char *inner, GPtrArray *items)
{
  GVariant *list = list_value (items);

  if (inner == NULL)
    g_variant_dict_insert_value (d, k, list);
  else
    {
      GVariantDict *w = g_variant_dict_new (NULL);
      g_variant_dict_insert_value (w, inner, list);
      pp_dict_obj (d, k, w);
    }
  if (items != NULL)
    g_ptr_array_unref (items);
}

void
pp_dict_strlist (GVariantDict *d, const char *k, const char *inner, GPtrArray *strs)
{
  GPtrArray *items = g_ptr_array_new ();
  guint i;

  for (i = 0; strs != NULL && i < strs->len; i++)
    g_ptr_array_add (items, g_variant_new_string (g_ptr_array_index (strs, i)));
  pp_dict_list (d, k, inner, items);
  if (strs != NULL)
    g_ptr_array_unref (strs);
}


/* The item builder the api files register for @kind, or NULL. */
static ItemFunc
item_builder (ResKind kind)
{
  guint t;

  for (t = 0; pp_api_tables[t] != NULL; t++)
    if (pp_api_tables[t]->items[kind] != NULL)
      return pp_api_tables[t]->items[kind];
  return NULL;
}

static GVariant *
instance_item (Instance *in)
{
  GVariantDict *d = g_variant_dict_new (NULL);
  char buf[PP_IP_STRLEN];

  pp_dict_str (d, "InstanceId", in->r.id);
  pp_dict_str (d, "PrivateIpAddress", pp_ip_format (in->ip, buf));
  pp_dict_str (d, "VpcId", in->vsw->vpc->r.id);
  pp_dict_str (d, "VSwitchId", in->vsw->r.id);
  pp_dict_str (d, "Status", in->r.status);
  return pp_dict_end (d);
}

/* The live resource a scenario id or an API id names; NULL if none. */
static Res *
object_res (PpEngine *e, const char *name)
{
  Res *r = g_hash_table_lookup (e->names, name);

  if (r == NULL || r->gone)
    r = pp_index_lookup (e, name);
  if (r == NULL || r->gone)
    return NULL;
  return r;
}

gboolean
pp_engine_has_object (PpEngine *e, const char *name)
{
  g_return_val_if_fail (e != NULL && name != NULL, FALSE);
  return g_hash_table_contains (e->account_by_id, name) || object_res (e, name) != NULL;
}

char *
pp_engine_object_field (PpEngine *e, const char *name, const char *field)
{
  Res *r;
  g_autoptr(GVariant) obj = NULL;
  g_autoptr(GVariant) v = NULL;

  g_return_val_if_fail (e != NULL && name != NULL && field != NULL, NULL);
  r = g_hash_table_contains (e->account_by_id, name) ? NULL : object_res (e, name);
  if (r != NULL && r->kind == RES_VPC)
    {
      const Vpc *vpc = (const Vpc *) r;
      char buf[PP_CIDR_STRLEN];

      /* the same values as vpc_item() and pp_engine_object() give them */
      if (strcmp (field, "RouteTableId") == 0)
        return g_strdup (vpc->route_table_id);
      if (strcmp (field, "VpcId") == 0)
        return g_strdup (vpc->r.id);
      if (strcmp (field, "VRouterId") == 0)
        return g_strdup (vpc->vrouter_id);
      if (strcmp (field, "CidrBlock") == 0)
        return g_strdup (pp_cidr_format (vpc->cidr, buf));
    }
  obj = pp_engine_object (e, name);
  if (obj == NULL)
    return NULL;
  v = g_variant_lookup_value (obj, field, NULL);
  return v != NULL ? pp_variant_scalar_text (v) : NULL;
}

GVariant *
pp_engine_object (PpEngine *e, const char *name)
{
  Res *r;
  GVariantDict *d;
  guint i;
  GVariant *v = NULL;

  g_return_val_if_fail (e != NULL && name != NULL, NULL);
  i = GPOINTER_TO_UINT (g_hash_table_lookup (e->account_by_id, name));
  if (i > 0)
    {
      Account *a = g_ptr_array_index (e->accounts, i - 1);
      d = g_variant_dict_new (NULL);
      pp_dict_str (d, "Uid", a->uid);
      pp_dict_str (d, "AccessKeyId", a->ak_id);
      return g_variant_ref_sink (pp_dict_end (d));
    }
  r = object_res (e, name);
  if (r == NULL)
    return NULL;
  if (r->kind == RES_INSTANCE)
    v = instance_item ((Instance *) r);
  else
    {
      ItemFunc item = item_builder (r->kind);

      g_assert (item != NULL);
      v = item (e, r);
    }
  if (r->kind == RES_VPC)
    {
      Vpc *vpc = (Vpc *) r;
      char buf[PP_CIDR_STRLEN];
      g_autoptr(GVariant) base = g_variant_ref_sink (v);

      d = g_variant_dict_new (base);
      pp_dict_str (d, "RouteTableId", vpc->route_table_id);
      pp_dict_str (d, "CidrBlock", pp_cidr_format (vpc->cidr, buf));
      v = pp_dict_end (d);
    }
  return g_variant_ref_sink (v);
}
