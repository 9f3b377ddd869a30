/* SPDX-License-Identifier: MIT */
/* pp-engine.c: the engine's core: state, ids, the clock, loading a
 * scenario, the call dispatcher and the shared helpers of the operations.
 *
 * Determinism: every id and RequestId comes from one splitmix64 stream
 * seeded by the engine's seed and advanced only by calls, in call order;
 * times come from the simulated clock; iteration is always over the
 * creation-ordered arrays, never over a hash table.
 */

#include "sim/pp-engine-private.h"
#include "model/pp-number.h"

#include <stdarg.h>
#include <string.h>

/* --- the random stream (splitmix64: stable across platforms) --- */

static guint64
rng_next (PpEngine *e)
{
  guint64 z;

  e->rng += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  z = e->rng;
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

char *
new_id (PpEngine *e, const char *prefix, guint len)
{
  static const char alphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";

  for (;;)
    {
      GString *s = g_string_new (prefix);
      guint i;

      for (i = 0; i < len; i++)
        g_string_append_c (s, alphabet[rng_next (e) % 36]);
      if (!g_hash_table_contains (e->index, s->str)
          && !g_hash_table_contains (e->by_vrouter, s->str)
          && !g_hash_table_contains (e->by_table, s->str))
        return g_string_free (s, FALSE);
      g_string_free (s, TRUE);
    }
}

static char *
new_request_id (PpEngine *e)
{
  guint64 a = rng_next (e);
  guint64 b = rng_next (e);

  /* A version-4-shaped UUID, upper case, as the real service writes it. */
  return g_strdup_printf ("%08X-%04X-4%03X-%04X-%012" G_GINT64_MODIFIER "X",
                          (guint) (a >> 32), (guint) ((a >> 16) & 0xffff),
                          (guint) (a & 0xfff),
                          (guint) (0x8000 | ((b >> 48) & 0x3fff)),
                          (guint64) (b & G_GUINT64_CONSTANT (0xffffffffffff)));
}

char *
iso_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  if (dt == NULL)
    return g_strdup ("");
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* --- results --- */

void
pp_api_result_free (PpApiResult *r)
{
  if (r == NULL)
    return;
  g_free (r->request_id);
  g_free (r->code);
  g_free (r->message);
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
pp_api_result_body (const PpApiResult *r)
{
  GVariantDict *d;
  g_autofree char *recommend = NULL;
  gboolean peer;

  g_return_val_if_fail (r != NULL, NULL);
  if (r->code == NULL)
    return g_variant_ref (r->response);
  peer = g_strcmp0 (r->version, PP_API_VERSION_VPCPEER) == 0;
  recommend = g_strdup_printf ("https://api.aliyun.com/troubleshoot?q=%s&product=%s&requestId=%s",
                               r->code, peer ? "VpcPeer" : "Vpc", r->request_id);
  d = g_variant_dict_new (NULL);
  d_str (d, "RequestId", r->request_id);
  d_str (d, "HostId", peer ? "vpcpeer.aliyuncs.com" : "vpc.aliyuncs.com");
  d_str (d, "Code", r->code);
  d_str (d, "Message", r->message);
  d_str (d, "Recommend", recommend);
  return g_variant_ref_sink (d_end (d));
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

char *
pp_api_result_get (const PpApiResult *r, const char *path)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GVariant) cur = NULL;
  guint i;

  g_return_val_if_fail (r != NULL && path != NULL, NULL);
  if (r->response == NULL)
    return NULL;
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

/* --- engine life --- */

static void
account_free (gpointer p)
{
  Account *a = p;

  g_free (a->id);
  g_free (a->uid);
  g_free (a->ak_id);
  g_free (a->ak_secret);
  g_free (a);
}

static void
res_free (gpointer p)
{
  Res *r = p;

  switch (r->kind)
    {
    case RES_VPC:
      {
        Vpc *v = p;
        g_ptr_array_unref (v->vswitches);
        g_ptr_array_unref (v->routes);
        g_hash_table_unref (v->custom);
        g_ptr_array_unref (v->ris);
        g_ptr_array_unref (v->peers);
        g_free (v->name);
        g_free (v->description);
        g_free (v->vrouter_id);
        g_free (v->route_table_id);
      }
      break;
    case RES_VSWITCH:
      {
        VSwitch *s = p;
        g_ptr_array_unref (s->instances);
        g_free (s->zone);
        g_free (s->name);
        g_free (s->description);
      }
      break;
    case RES_INSTANCE:
      break;
    case RES_ROUTE_ENTRY:
      {
        RouteEntry *re = p;
        g_free (re->next_hop_id);
        g_free (re->name);
        g_free (re->description);
      }
      break;
    case RES_RI:
      {
        Ri *ri = p;
        g_free (ri->opp_router_id);
        g_free (ri->opp_router_type);
        g_free (ri->opp_interface_id);
        g_free (ri->opp_owner);
        g_free (ri->name);
        g_free (ri->description);
        g_free (ri->hc_source);
        g_free (ri->hc_target);
      }
      break;
    case RES_PEER:
      {
        Peer *pe = p;
        g_free (pe->name);
        g_free (pe->description);
      }
      break;
    case RES_LAST:
    default:
      g_assert_not_reached ();
    }
  g_free (r->id);
  g_free (r);
}

PpEngine *
pp_engine_new (const PpRegions *regions, guint64 seed)
{
  PpEngine *e = g_new0 (PpEngine, 1);
  guint k;

  if (regions == NULL)
    regions = pp_regions_default (NULL);
  e->regions = regions;
  e->rng = seed;
  e->now = PP_ENGINE_EPOCH;
  e->tick = 1;
  e->accounts = g_ptr_array_new_with_free_func (account_free);
  e->account_by_uid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  e->account_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  e->account_by_ak = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (k = 0; k < RES_LAST; k++)
    e->res[k] = g_ptr_array_new_with_free_func (res_free);
  e->index = g_hash_table_new (g_str_hash, g_str_equal);
  e->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  e->by_vrouter = g_hash_table_new (g_str_hash, g_str_equal);
  e->by_table = g_hash_table_new (g_str_hash, g_str_equal);
  e->events = g_array_new (FALSE, FALSE, sizeof (Event));
  e->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_variant_unref);
  e->refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return e;
}

void
pp_engine_free (PpEngine *e)
{
  guint k;

  if (e == NULL)
    return;
  g_hash_table_unref (e->refs);
  g_hash_table_unref (e->tokens);
  g_array_unref (e->events);
  g_hash_table_unref (e->by_table);
  g_hash_table_unref (e->by_vrouter);
  g_hash_table_unref (e->names);
  g_hash_table_unref (e->index);
  for (k = 0; k < RES_LAST; k++)
    g_ptr_array_unref (e->res[k]);
  g_hash_table_unref (e->account_by_ak);
  g_hash_table_unref (e->account_by_id);
  g_hash_table_unref (e->account_by_uid);
  g_ptr_array_unref (e->accounts);
  g_free (e->scenario_name);
  g_free (e);
}

/* --- accounts --- */

gboolean
pp_engine_add_account (PpEngine *e, const char *id, const char *uid,
                       const char *access_key_id, const char *access_key_secret,
                       GError **error)
{
  Account *a;

  g_return_val_if_fail (e != NULL && id != NULL && uid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  if (g_hash_table_contains (e->account_by_uid, uid)
      || g_hash_table_contains (e->account_by_id, id))
    {
      g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_INVALID_SCENARIO,
                   "account '%s' (uid '%s'): the engine already holds an account with that id or uid",
                   id, uid);
      return FALSE;
    }
  if (access_key_id != NULL && g_hash_table_contains (e->account_by_ak, access_key_id))
    {
      g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_INVALID_SCENARIO,
                   "account '%s': AccessKey id '%s' is already used by another account",
                   id, access_key_id);
      return FALSE;
    }
  a = g_new0 (Account, 1);
  a->id = g_strdup (id);
  a->uid = g_strdup (uid);
  a->ak_id = g_strdup (access_key_id);
  a->ak_secret = g_strdup (access_key_secret);
  g_ptr_array_add (e->accounts, a);
  g_hash_table_insert (e->account_by_uid, g_strdup (uid), GUINT_TO_POINTER (e->accounts->len));
  g_hash_table_insert (e->account_by_id, g_strdup (id), GUINT_TO_POINTER (e->accounts->len));
  if (access_key_id != NULL)
    g_hash_table_insert (e->account_by_ak, g_strdup (access_key_id),
                         GUINT_TO_POINTER (e->accounts->len));
  return TRUE;
}

gboolean
account_lookup_uid (PpEngine *e, const char *uid, guint *out)
{
  guint i = GPOINTER_TO_UINT (g_hash_table_lookup (e->account_by_uid, uid != NULL ? uid : ""));

  if (i == 0)
    return FALSE;
  *out = i - 1;
  return TRUE;
}

const char *
account_uid (PpEngine *e, guint account)
{
  return ((Account *) g_ptr_array_index (e->accounts, account))->uid;
}

const char *
pp_engine_account_uid (PpEngine *e, const char *account_id)
{
  guint i;

  g_return_val_if_fail (e != NULL && account_id != NULL, NULL);
  i = GPOINTER_TO_UINT (g_hash_table_lookup (e->account_by_id, account_id));
  if (i == 0)
    return NULL;
  return account_uid (e, i - 1);
}

const char *
pp_engine_account_by_access_key (PpEngine *e, const char *access_key_id, const char **secret)
{
  guint i;
  Account *a;

  g_return_val_if_fail (e != NULL && access_key_id != NULL, NULL);
  i = GPOINTER_TO_UINT (g_hash_table_lookup (e->account_by_ak, access_key_id));
  if (i == 0)
    return NULL;
  a = g_ptr_array_index (e->accounts, i - 1);
  if (secret != NULL)
    *secret = a->ak_secret;
  return a->uid;
}

/* --- resources --- */

void
res_add (PpEngine *e, ResKind kind, Res *r, char *id, guint account)
{
  r->kind = kind;
  r->id = id;
  r->account = account;
  r->created = e->now;
  r->serial = e->serial++;
  g_ptr_array_add (e->res[kind], r);
  g_hash_table_insert (e->index, r->id, r);
}

void
res_remove (PpEngine *e, Res *r)
{
  r->gone = TRUE;
  r->status = "Deleted";
  g_hash_table_remove (e->index, r->id);
  if (r->kind == RES_ROUTE_ENTRY)
    {
      RouteEntry *re = (RouteEntry *) r;
      g_ptr_array_remove (re->vpc->routes, re);
      if (!re->system)
        {
          char buf[PP_CIDR_STRLEN];
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (e->refs, re->next_hop_id));

          re->vpc->n_custom_routes--;
          if (g_hash_table_lookup (re->vpc->custom, pp_cidr_format (re->dest, buf)) == re)
            g_hash_table_remove (re->vpc->custom, buf);
          if (n > 1)
            g_hash_table_insert (e->refs, g_strdup (re->next_hop_id), GUINT_TO_POINTER (n - 1));
          else
            g_hash_table_remove (e->refs, re->next_hop_id);
        }
    }
  if (r->kind == RES_RI)
    {
      Ri *ri = (Ri *) r;
      g_ptr_array_remove (ri->vpc->ris, ri);
      if (ri->peer != NULL && ri->peer->peer == ri)
        ri->peer->peer = NULL;
      ri->peer = NULL;
    }
  if (r->kind == RES_PEER)
    {
      Peer *p = (Peer *) r;
      g_ptr_array_remove (p->vpc->peers, p);
      g_ptr_array_remove (p->accepting_vpc->peers, p);
    }
}

Res *
res_lookup (PpEngine *e, const char *id, ResKind kind)
{
  Res *r;

  if (id == NULL)
    return NULL;
  r = g_hash_table_lookup (e->index, id);
  if (r == NULL || r->kind != kind)
    return NULL;
  return r;
}

RouteEntry *
route_add (PpEngine *e, Vpc *vpc, PpCidr dest, gboolean system,
           const char *nh_type, const char *nh_id)
{
  RouteEntry *re = g_new0 (RouteEntry, 1);

  re->vpc = vpc;
  re->dest = dest;
  re->system = system;
  re->next_hop_type = nh_type;
  re->next_hop_id = g_strdup (nh_id != NULL ? nh_id : "");
  re->r.status = "Available";
  res_add (e, RES_ROUTE_ENTRY, &re->r, new_id (e, "rte-", 21), vpc->r.account);
  g_ptr_array_add (vpc->routes, re);
  if (!system)
    {
      char buf[PP_CIDR_STRLEN];
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (e->refs, re->next_hop_id));

      vpc->n_custom_routes++;
      g_hash_table_insert (vpc->custom, g_strdup (pp_cidr_format (dest, buf)), re);
      g_hash_table_insert (e->refs, g_strdup (re->next_hop_id), GUINT_TO_POINTER (n + 1));
    }
  return re;
}

RouteEntry *
route_find_custom (Vpc *vpc, PpCidr dest)
{
  char buf[PP_CIDR_STRLEN];

  return g_hash_table_lookup (vpc->custom, pp_cidr_format (dest, buf));
}

gboolean
route_refers (PpEngine *e, const char *next_hop_id)
{
  return g_hash_table_contains (e->refs, next_hop_id);
}

VSwitch *
vswitch_add (PpEngine *e, Vpc *vpc, char *id, const char *zone, PpCidr cidr)
{
  VSwitch *s = g_new0 (VSwitch, 1);

  s->vpc = vpc;
  s->zone = g_strdup (zone);
  s->cidr = cidr;
  s->instances = g_ptr_array_new ();
  s->r.status = "Available";
  res_add (e, RES_VSWITCH, &s->r, id, vpc->r.account);
  g_ptr_array_add (vpc->vswitches, s);
  route_add (e, vpc, cidr, TRUE, "local", "");
  return s;
}

void
ri_attach (Ri *ri)
{
  g_ptr_array_add (ri->vpc->ris, ri);
}

void
peer_attach (Peer *p)
{
  g_ptr_array_add (p->vpc->peers, p);
  g_ptr_array_add (p->accepting_vpc->peers, p);
}

/* --- the clock --- */

static void
run_event (PpEngine *e, const Event *ev)
{
  Res *r = ev->res;

  if (r->gone || g_strcmp0 (r->status, ev->expect) != 0)
    return;
  if (ev->to == NULL)
    {
      res_remove (e, r);
      return;
    }
  r->status = ev->to;
  if (r->kind == RES_RI && strcmp (ev->to, "Active") == 0)
    {
      Ri *ri = (Ri *) r;
      if (ri->connected_time == 0)
        ri->connected_time = e->now;
    }
  if (r->kind == RES_PEER)
    ((Peer *) r)->modified = e->now;
}

/* The pending transitions are a binary min-heap on (at, seq): seq breaks
 * ties in scheduling order, so the run order is total and deterministic. */
static gboolean
event_before (const Event *a, const Event *b)
{
  return a->at < b->at || (a->at == b->at && a->seq < b->seq);
}

void
schedule (PpEngine *e, Res *r, guint delay, const char *expect, const char *to)
{
  Event ev = { e->now + delay, e->event_seq++, r, expect, to };
  guint i;

  g_array_append_val (e->events, ev);
  i = e->events->len - 1;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      Event *pe = &g_array_index (e->events, Event, parent);
      Event *ce = &g_array_index (e->events, Event, i);
      Event tmp;

      if (!event_before (ce, pe))
        break;
      tmp = *pe;
      *pe = *ce;
      *ce = tmp;
      i = parent;
    }
}

static Event
event_pop (PpEngine *e)
{
  Event top = g_array_index (e->events, Event, 0);
  guint n = e->events->len - 1;
  guint i = 0;

  g_array_index (e->events, Event, 0) = g_array_index (e->events, Event, n);
  g_array_set_size (e->events, n);
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      Event tmp;

      if (l < n && event_before (&g_array_index (e->events, Event, l), &g_array_index (e->events, Event, m)))
        m = l;
      if (r < n && event_before (&g_array_index (e->events, Event, r), &g_array_index (e->events, Event, m)))
        m = r;
      if (m == i)
        break;
      tmp = g_array_index (e->events, Event, i);
      g_array_index (e->events, Event, i) = g_array_index (e->events, Event, m);
      g_array_index (e->events, Event, m) = tmp;
      i = m;
    }
  return top;
}

void
pp_engine_advance_to (PpEngine *e, gint64 t)
{
  g_return_if_fail (e != NULL);
  while (e->events->len > 0)
    {
      Event ev;

      if (g_array_index (e->events, Event, 0).at > t)
        break;
      ev = event_pop (e);
      if (ev.at > e->now)
        e->now = ev.at;
      run_event (e, &ev);
    }
  if (t > e->now)
    e->now = t;
}

void
pp_engine_advance (PpEngine *e, guint64 seconds)
{
  g_return_if_fail (e != NULL);
  pp_engine_advance_to (e, e->now + (gint64) MIN (seconds, (guint64) G_MAXINT32));
}

gint64
pp_engine_next_event (PpEngine *e)
{
  g_return_val_if_fail (e != NULL, -1);
  if (e->events->len == 0)
    return -1;
  return g_array_index (e->events, Event, 0).at;
}

guint64
pp_engine_settle (PpEngine *e)
{
  gint64 start;

  g_return_val_if_fail (e != NULL, 0);
  start = e->now;
  while (e->events->len > 0)
    pp_engine_advance_to (e, g_array_index (e->events, Event, 0).at);
  return (guint64) (e->now - start);
}

gboolean
pp_engine_wait (PpEngine *e, const char *id, const char *status, guint64 max_seconds)
{
  gint64 limit;

  g_return_val_if_fail (e != NULL && id != NULL, FALSE);
  limit = e->now + (gint64) MIN (max_seconds, (guint64) G_MAXINT32);
  for (;;)
    {
      const char *now = pp_engine_status (e, id);
      gint64 next;

      if (status == NULL ? now == NULL : g_strcmp0 (now, status) == 0)
        return TRUE;
      next = pp_engine_next_event (e);
      if (next < 0 || next > limit)
        return FALSE;
      pp_engine_advance_to (e, next);
    }
}

gint64
pp_engine_now (PpEngine *e)
{
  g_return_val_if_fail (e != NULL, 0);
  return e->now;
}

char *
pp_engine_now_iso (PpEngine *e)
{
  g_return_val_if_fail (e != NULL, NULL);
  return iso_time (e->now);
}

void
pp_engine_set_tick (PpEngine *e, guint seconds)
{
  g_return_if_fail (e != NULL);
  e->tick = seconds;
}

/* --- loading a scenario --- */

static Vpc *
vpc_create (PpEngine *e, guint account, char *id, const PpRegion *region, PpCidr cidr,
            const char *vrouter_id, const char *route_table_id)
{
  Vpc *v = g_new0 (Vpc, 1);
  PpCidr shared = { 0x64400000u, 10, PP_FAMILY_IPV4 };  /* 100.64.0.0/10 */

  v->region = region;
  v->cidr = cidr;
  v->vswitches = g_ptr_array_new ();
  v->routes = g_ptr_array_new ();
  v->custom = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  v->ris = g_ptr_array_new ();
  v->peers = g_ptr_array_new ();
  v->r.status = "Available";
  res_add (e, RES_VPC, &v->r, id, account);
  v->vrouter_id = vrouter_id != NULL ? g_strdup (vrouter_id) : new_id (e, "vrt-", 21);
  g_hash_table_insert (e->by_vrouter, v->vrouter_id, v);
  v->route_table_id = route_table_id != NULL ? g_strdup (route_table_id) : new_id (e, "vtb-", 21);
  g_hash_table_insert (e->by_table, v->route_table_id, v);
  /* The system entry every VPC route table shows for the cloud services. */
  route_add (e, v, shared, TRUE, "service", "");
  return v;
}

Vpc *
vpc_new (PpEngine *e, guint account, const PpRegion *region, PpCidr cidr)
{
  return vpc_create (e, account, new_id (e, "vpc-", 21), region, cidr, NULL, NULL);
}

static gboolean
id_free (PpEngine *e, const char *id)
{
  return id != NULL && !g_hash_table_contains (e->index, id)
         && !g_hash_table_contains (e->by_vrouter, id)
         && !g_hash_table_contains (e->by_table, id)
         && !g_hash_table_contains (e->names, id);
}

gboolean
pp_engine_load_scenario (PpEngine *e, const PpScenario *sc, GError **error)
{
  g_autoptr(GHashTable) keys = NULL;
  g_autofree guint *acc_index = NULL;
  g_autofree Vpc **vpcs = NULL;
  g_autofree VSwitch **vsws = NULL;
  guint i;

  g_return_val_if_fail (e != NULL && sc != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Check everything first, so that a refused scenario leaves no trace:
   * pp_engine_add_account() below cannot fail once these pass. */
  keys = g_hash_table_new (g_str_hash, g_str_equal);
  for (i = 0; i < sc->accounts->len; i++)
    {
      const PpAccount *a = pp_scenario_account (sc, i);
      if (g_hash_table_contains (e->account_by_uid, a->uid)
          || g_hash_table_contains (e->account_by_id, a->id))
        {
          g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_INVALID_SCENARIO,
                       "%s:%u: account '%s' (uid '%s'): the engine already holds an account with that id or uid",
                       sc->file, a->line, a->id, a->uid);
          return FALSE;
        }
      if (a->access_key_id != NULL
          && (g_hash_table_contains (e->account_by_ak, a->access_key_id)
              || !g_hash_table_add (keys, (gpointer) a->access_key_id)))
        {
          g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_INVALID_SCENARIO,
                       "%s:%u: account '%s': AccessKey id '%s' is already used by another account",
                       sc->file, a->line, a->id, a->access_key_id);
          return FALSE;
        }
    }
  for (i = 0; i < sc->vpcs->len; i++)
    {
      const PpVpc *v = pp_scenario_vpc (sc, i);
      if (!id_free (e, v->id) || (v->vrouter_id != NULL && !id_free (e, v->vrouter_id))
          || (v->route_table_id != NULL && !id_free (e, v->route_table_id)))
        {
          g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_INVALID_SCENARIO,
                       "%s:%u: vpc '%s': its id, VRouter id or route table id is already in the engine",
                       sc->file, v->line, v->id);
          return FALSE;
        }
      if (v->region == NULL)
        {
          g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_INVALID_SCENARIO,
                       "%s:%u: vpc '%s' has no region", sc->file, v->line, v->id);
          return FALSE;
        }
    }
  for (i = 0; i < sc->vswitches->len; i++)
    {
      const PpVSwitch *s = pp_scenario_vswitch (sc, i);
      if (!id_free (e, s->id))
        {
          g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_INVALID_SCENARIO,
                       "%s:%u: vswitch '%s': the id is already in the engine",
                       sc->file, s->line, s->id);
          return FALSE;
        }
    }
  for (i = 0; i < sc->instances->len; i++)
    {
      const PpInstance *in = pp_scenario_instance (sc, i);
      if (!id_free (e, in->id))
        {
          g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_INVALID_SCENARIO,
                       "%s:%u: instance '%s': the id is already in the engine",
                       sc->file, in->line, in->id);
          return FALSE;
        }
    }

  acc_index = g_new0 (guint, sc->accounts->len + 1);
  for (i = 0; i < sc->accounts->len; i++)
    {
      const PpAccount *a = pp_scenario_account (sc, i);
      if (!pp_engine_add_account (e, a->id, a->uid, a->access_key_id, a->access_key_secret, error))
        g_return_val_if_reached (FALSE);        /* checked above */
      acc_index[i] = e->accounts->len - 1;
    }

  vpcs = g_new0 (Vpc *, sc->vpcs->len + 1);
  for (i = 0; i < sc->vpcs->len; i++)
    {
      const PpVpc *sv = pp_scenario_vpc (sc, i);
      Vpc *v = vpc_create (e, acc_index[sv->account], g_strdup (sv->id), sv->region,
                           sv->cidr, sv->vrouter_id, sv->route_table_id);
      v->name = g_strdup (sv->name != NULL ? sv->name : sv->id);
      v->from_scenario = TRUE;
      g_hash_table_insert (e->names, g_strdup (sv->id), v);
      vpcs[i] = v;
    }
  vsws = g_new0 (VSwitch *, sc->vswitches->len + 1);
  for (i = 0; i < sc->vswitches->len; i++)
    {
      const PpVSwitch *ss = pp_scenario_vswitch (sc, i);
      VSwitch *s = vswitch_add (e, vpcs[ss->vpc], g_strdup (ss->id), ss->zone, ss->cidr);

      s->name = g_strdup (ss->id);
      g_hash_table_insert (e->names, g_strdup (ss->id), s);
      vsws[i] = s;
    }
  for (i = 0; i < sc->instances->len; i++)
    {
      const PpInstance *si = pp_scenario_instance (sc, i);
      Instance *in = g_new0 (Instance, 1);

      in->vsw = vsws[si->vswitch];
      in->ip = si->ip;
      in->r.status = "Running";
      res_add (e, RES_INSTANCE, &in->r, g_strdup (si->id), in->vsw->r.account);
      g_ptr_array_add (in->vsw->instances, in);
      g_hash_table_insert (e->names, g_strdup (si->id), in);
    }
  /* Route-table entries that do not depend on a connection. */
  for (i = 0; i < sc->routes->len; i++)
    {
      const PpRoute *sr = pp_scenario_route (sc, i);
      Vpc *v = vpcs[sr->vpc];
      RouteEntry *re;

      /* Connections' routes are the planner's to create; a destination
       * the table already has cannot exist in the real service. */
      if (sr->next_hop_kind == PP_NEXT_HOP_CONNECTION || route_find_custom (v, sr->destination) != NULL)
        continue;
      if (sr->next_hop_kind == PP_NEXT_HOP_INSTANCE)
        re = route_add (e, v, sr->destination, FALSE, "Instance",
                        pp_scenario_instance (sc, sr->next_hop)->id);
      else
        {
          const char *name = sr->next_hop_name != NULL ? sr->next_hop_name : "";
          const char *colon = strchr (name, ':');
          g_autofree char *type = colon != NULL ? g_strndup (name, colon - name) : g_strdup (name);
          /* Keep the type as an interned static-lifetime string. */
          re = route_add (e, v, sr->destination, FALSE, g_intern_string (type),
                          colon != NULL ? colon + 1 : "");
        }
      re->r.created = e->now;
    }
  if (e->scenario_name == NULL && sc->name != NULL)
    e->scenario_name = g_strdup (sc->name);
  return TRUE;
}

/* --- calls --- */

gboolean
call_fail (Call *c, guint status, const char *code, const char *fmt, ...)
{
  va_list ap;

  g_return_val_if_fail (c->code == NULL, FALSE);
  c->status = status;
  c->code = g_strdup (code);
  va_start (ap, fmt);
  c->message = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  return FALSE;
}

const char *
param (Call *c, const char *name)
{
  const char *v;

  if (c->params == NULL)
    return NULL;
  v = g_hash_table_lookup (c->params, name);
  if (v == NULL || *v == '\0')
    return NULL;
  return v;
}

gboolean
require (Call *c, const char *name, const char **out)
{
  const char *v = param (c, name);

  if (v == NULL)
    return call_fail (c, 400, "MissingParameter",
                      "The input parameter \"%s\" that is mandatory for processing this request is not supplied.",
                      name);
  if (out != NULL)
    *out = v;
  return TRUE;
}

gboolean
param_bool (Call *c, const char *name, gboolean dflt, gboolean *out)
{
  const char *v = param (c, name);

  *out = dflt;
  if (v == NULL)
    return TRUE;
  if (g_ascii_strcasecmp (v, "true") == 0)
    *out = TRUE;
  else if (g_ascii_strcasecmp (v, "false") == 0)
    *out = FALSE;
  else
    return call_fail (c, 400, "InvalidParameter",
                      "The specified parameter \"%s\" is not valid: \"%s\" is not true or false.",
                      name, v);
  return TRUE;
}

gboolean
param_int (Call *c, const char *name, gint64 lo, gint64 hi, gint64 dflt,
           const char *code, gint64 *out)
{
  const char *v = param (c, name);
  gint64 n;

  *out = dflt;
  if (v == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (v, 10, lo, hi, &n, NULL))
    return call_fail (c, 400, code != NULL ? code : "InvalidParameter",
                      "The specified parameter \"%s\" is not valid: \"%s\" is not an integer from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT ".",
                      name, v, lo, hi);
  *out = n;
  return TRUE;
}

const PpRegion *
region_param (Call *c, const char *name)
{
  const char *v = param (c, name);

  if (v == NULL || c->e->regions == NULL)
    return NULL;
  return pp_regions_lookup (c->e->regions, v);
}

gboolean
check_region (Call *c, const char *name, gboolean required, const PpRegion **out)
{
  const char *v = param (c, name);
  const PpRegion *r;

  *out = NULL;
  if (v == NULL)
    {
      if (required)
        return require (c, name, NULL);
      return TRUE;
    }
  r = region_param (c, name);
  if (r == NULL)
    return call_fail (c, 404, "InvalidRegionId.NotFound",
                      "The regionId provided does not exist in our records.");
  *out = r;
  return TRUE;
}

/* The real API's name rule: 2-@max characters, starting with a letter or a
 * non-ASCII (Chinese) character, then letters, digits, '.', '_', '-' (and
 * non-ASCII); never starting with http:// or https://. */
gboolean
check_name (Call *c, const char *param_name, guint max, const char *code)
{
  const char *v = param (c, param_name);
  glong n;
  const char *p;
  gboolean description = g_str_has_suffix (param_name, "Description");

  if (v == NULL)
    return TRUE;
  n = g_utf8_strlen (v, -1);
  if (!g_utf8_validate (v, -1, NULL) || n < 2 || n > (glong) max
      || g_str_has_prefix (v, "http://") || g_str_has_prefix (v, "https://")
      || !(g_ascii_isalpha (v[0]) || (guchar) v[0] >= 0x80))
    goto bad;
  if (!description)
    for (p = v; *p != '\0'; p++)
      if (!(g_ascii_isalnum (*p) || *p == '.' || *p == '_' || *p == '-' || (guchar) *p >= 0x80))
        goto bad;
  return TRUE;
bad:
  return call_fail (c, 400, code,
                    "The specified \"%s\" is not valid: it must be 2 to %u characters, start with a letter or a Chinese character%s, and not start with http:// or https://.",
                    param_name, max,
                    description ? "" : ", and contain only letters, digits, '.', '_' and '-'");
}

gboolean
check_dry_run (Call *c)
{
  gboolean dry = FALSE;

  if (!param_bool (c, "DryRun", FALSE, &dry))
    return FALSE;     /* a DryRun that is not a boolean: answered */
  if (dry)
    return call_fail (c, 400, "DryRunOperation",
                      "Request validation has been passed with DryRun flag set.");
  return TRUE;
}

gboolean
page_numbered (Call *c, guint max_size, Page *p)
{
  memset (p, 0, sizeof *p);
  if (!param_int (c, "PageNumber", 1, G_MAXINT32, 1, "InvalidParameter", &p->number)
      || !param_int (c, "PageSize", 1, max_size, 10, "InvalidParameter", &p->size))
    return FALSE;
  p->start = (p->number - 1) * p->size;
  p->max = p->size;
  return TRUE;
}

gboolean
page_token (Call *c, const char *max_name, guint max, guint dflt, const char *max_field, Page *p)
{
  const char *token = param (c, "NextToken");

  memset (p, 0, sizeof *p);
  p->token = TRUE;
  p->max_field = max_field;
  if (!param_int (c, max_name, 1, max, dflt, "InvalidParameter", &p->max))
    return FALSE;
  if (token != NULL && !g_ascii_string_to_signed (token, 10, 0, G_MAXINT32, &p->start, NULL))
    return call_fail (c, 400, "InvalidParameter", "The specified NextToken \"%s\" is not valid.", token);
  return TRUE;
}

gboolean
page_take (Page *p)
{
  gboolean on_page = p->total >= p->start && p->total < p->start + p->max;

  p->total++;
  return on_page;
}

void
page_add (Page *p, GVariant *item)
{
  if (p->items == NULL)
    p->items = g_ptr_array_new ();
  g_ptr_array_add (p->items, item);
}

void
page_end (Page *p, GVariantDict *d, const char *outer, const char *inner)
{
  if (p->token)
    {
      g_autofree char *next = NULL;
      if (p->start + p->max < p->total)
        next = g_strdup_printf ("%" G_GINT64_FORMAT, p->start + p->max);
      d_str (d, "NextToken", next);
      if (p->max_field != NULL)
        d_int (d, p->max_field, p->max);
    }
  else
    {
      d_int (d, "PageNumber", p->number);
      d_int (d, "PageSize", p->size);
    }
  d_int (d, "TotalCount", p->total);
  d_list (d, outer, inner, g_steal_pointer (&p->items));
}

void
d_merge (GVariantDict *d, GVariant *item)
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
d_str (GVariantDict *d, const char *k, const char *v)
{
  g_variant_dict_insert_value (d, k, g_variant_new_string (v != NULL ? v : ""));
}

void
d_int (GVariantDict *d, const char *k, gint64 v)
{
  g_variant_dict_insert_value (d, k, g_variant_new_int64 (v));
}

void
d_bool (GVariantDict *d, const char *k, gboolean v)
{
  g_variant_dict_insert_value (d, k, g_variant_new_boolean (v));
}

static int
cmp_entry (gconstpointer a, gconstpointer b)
{
  const char *ka = NULL;
  const char *kb = NULL;

  g_variant_get_child (*(GVariant * const *) a, 0, "&s", &ka);
  g_variant_get_child (*(GVariant * const *) b, 0, "&s", &kb);
  return strcmp (ka, kb);
}

/* Ends @d into a floating a{sv} whose keys are sorted, so that answers
 * (and the JSON serve writes from them) are the same bytes every time,
 * whatever order GVariantDict's hash table keeps. */
GVariant *
d_end (GVariantDict *d)
{
  g_autoptr(GVariant) v = g_variant_ref_sink (g_variant_dict_end (d));
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  GVariantBuilder b;
  gsize i, n = g_variant_n_children (v);

  g_variant_dict_unref (d);
  for (i = 0; i < n; i++)
    g_ptr_array_add (entries, g_variant_get_child_value (v, i));
  g_ptr_array_sort (entries, cmp_entry);
  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  for (i = 0; i < n; i++)
    g_variant_builder_add_value (&b, g_ptr_array_index (entries, i));
  return g_variant_builder_end (&b);
}

void
d_obj (GVariantDict *d, const char *k, GVariantDict *child)
{
  g_variant_dict_insert_value (d, k, d_end (child));
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
d_list (GVariantDict *d, const char *k, const char *inner, GPtrArray *items)
{
  GVariant *list = list_value (items);

  if (inner == NULL)
    g_variant_dict_insert_value (d, k, list);
  else
    {
      GVariantDict *w = g_variant_dict_new (NULL);
      g_variant_dict_insert_value (w, inner, list);
      d_obj (d, k, w);
    }
  if (items != NULL)
    g_ptr_array_unref (items);
}

void
d_strlist (GVariantDict *d, const char *k, const char *inner, GPtrArray *strs)
{
  GPtrArray *items = g_ptr_array_new ();
  guint i;

  for (i = 0; strs != NULL && i < strs->len; i++)
    g_ptr_array_add (items, g_variant_new_string (g_ptr_array_index (strs, i)));
  d_list (d, k, inner, items);
  if (strs != NULL)
    g_ptr_array_unref (strs);
}

/* --- dispatch --- */

static const Op *
find_op (const char *version, const char *action)
{
  const Op *tables[] = { pp_api_ri_ops, pp_api_peer_ops, pp_api_vpc_ops };
  guint t;
  const Op *o;

  for (t = 0; t < G_N_ELEMENTS (tables); t++)
    for (o = tables[t]; o->action != NULL; o++)
      if (strcmp (o->action, action) == 0)
        {
          if (version == NULL || strcmp (version, o->version) == 0)
            return o;
        }
  return NULL;
}

gboolean
pp_engine_has_action (const char *version, const char *action)
{
  g_return_val_if_fail (action != NULL, FALSE);
  return find_op (version, action) != NULL;
}

static int
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
pp_engine_actions (const char *version)
{
  const Op *tables[] = { pp_api_ri_ops, pp_api_peer_ops, pp_api_vpc_ops };
  GPtrArray *names = g_ptr_array_new ();
  guint t;
  const Op *o;

  for (t = 0; t < G_N_ELEMENTS (tables); t++)
    for (o = tables[t]; o->action != NULL; o++)
      if (version == NULL || strcmp (version, o->version) == 0)
        g_ptr_array_add (names, g_strdup (o->action));
  g_ptr_array_sort (names, cmp_str);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

static gboolean
is_create (const char *action)
{
  return g_str_has_prefix (action, "Create");
}

PpApiResult *
pp_engine_call (PpEngine *e, const char *caller_uid, const char *version,
                const char *action, GHashTable *params)
{
  PpApiResult *res;
  Call c = { 0 };
  const Op *op = NULL;
  g_autofree char *token_key = NULL;

  g_return_val_if_fail (e != NULL, NULL);
  res = g_new0 (PpApiResult, 1);
  res->request_id = new_request_id (e);
  c.e = e;
  c.action = action;
  c.params = params;

  /* Transitions due by now happen before the call looks at anything. */
  pp_engine_advance_to (e, e->now);

  if (action != NULL)
    op = find_op (version, action);
  if (op != NULL)
    res->version = op->version;
  if (version != NULL && strcmp (version, PP_API_VERSION_VPC) != 0
      && strcmp (version, PP_API_VERSION_VPCPEER) != 0)
    call_fail (&c, 400, "InvalidVersion", "Specified parameter Version is not valid.");
  else if (op == NULL)
    call_fail (&c, 404, "InvalidAction.NotFound",
               "Specified api is not found, please check your url and method.");
  else if (!account_lookup_uid (e, caller_uid, &c.caller))
    call_fail (&c, 404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  else
    {
      const char *token = param (&c, "ClientToken");

      GVariant *cached = NULL;

      c.account = g_ptr_array_index (e->accounts, c.caller);
      if (token != NULL && is_create (action))
        {
          token_key = g_strdup_printf ("%s\x1f%s\x1f%s", action, c.account->uid, token);
          cached = g_hash_table_lookup (e->tokens, token_key);
        }
      if (cached != NULL)
        {
          /* Idempotent retry: the first answer, with this call's RequestId. */
          GVariantDict *d = g_variant_dict_new (cached);
          d_str (d, "RequestId", res->request_id);
          res->response = g_variant_ref_sink (d_end (d));
        }
      else
        {
          GVariantDict *d = g_variant_dict_new (NULL);

          if (op->func (&c, d))
            {
              g_assert (c.code == NULL);
              d_str (d, "RequestId", res->request_id);
              res->response = g_variant_ref_sink (d_end (d));
              if (token_key != NULL)
                g_hash_table_insert (e->tokens, g_steal_pointer (&token_key),
                                     g_variant_ref (res->response));
            }
          else
            {
              g_variant_dict_unref (d);
              if (c.code == NULL)
                call_fail (&c, 500, "InternalError",
                           "The request processing has failed due to some unknown error.");
            }
        }
    }
  if (c.code != NULL)
    {
      res->http_status = c.status;
      res->code = g_steal_pointer (&c.code);
      res->message = g_steal_pointer (&c.message);
    }
  else
    res->http_status = 200;
  if (e->tick > 0)
    pp_engine_advance (e, e->tick);
  return res;
}

PpApiResult *
pp_engine_callv (PpEngine *e, const char *caller_uid, const char *version,
                 const char *action, ...)
{
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  va_list ap;
  const char *k;

  va_start (ap, action);
  while ((k = va_arg (ap, const char *)) != NULL)
    {
      const char *v = va_arg (ap, const char *);
      g_hash_table_insert (params, (gpointer) k, (gpointer) (v != NULL ? v : ""));
    }
  va_end (ap);
  return pp_engine_call (e, caller_uid, version, action, params);
}

/* --- reading state --- */

const char *
pp_engine_status (PpEngine *e, const char *id)
{
  Res *r;

  g_return_val_if_fail (e != NULL && id != NULL, NULL);
  r = g_hash_table_lookup (e->index, id);
  if (r != NULL)
    return r->status;
  if (g_hash_table_contains (e->by_table, id) || g_hash_table_contains (e->by_vrouter, id))
    return "Available";
  return NULL;
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
      d_str (d, "Uid", a->uid);
      d_str (d, "AccessKeyId", a->ak_id);
      return g_variant_ref_sink (d_end (d));
    }
  r = g_hash_table_lookup (e->names, name);
  if (r == NULL || r->gone)
    r = g_hash_table_lookup (e->index, name);
  if (r == NULL || r->gone)
    return NULL;
  switch (r->kind)
    {
    case RES_VPC:
      {
        Vpc *vpc = (Vpc *) r;
        char buf[PP_CIDR_STRLEN];
        g_autoptr(GVariant) base = g_variant_ref_sink (vpc_item (e, vpc));
        d = g_variant_dict_new (base);
        d_str (d, "RouteTableId", vpc->route_table_id);
        d_str (d, "CidrBlock", pp_cidr_format (vpc->cidr, buf));
        v = d_end (d);
      }
      break;
    case RES_VSWITCH:
      v = vswitch_item (e, (VSwitch *) r);
      break;
    case RES_INSTANCE:
      {
        Instance *in = (Instance *) r;
        char buf[PP_IP_STRLEN];
        d = g_variant_dict_new (NULL);
        d_str (d, "InstanceId", r->id);
        d_str (d, "PrivateIpAddress", pp_ip_format (in->ip, buf));
        d_str (d, "VpcId", in->vsw->vpc->r.id);
        d_str (d, "VSwitchId", in->vsw->r.id);
        d_str (d, "Status", r->status);
        v = d_end (d);
      }
      break;
    case RES_ROUTE_ENTRY:
      v = route_entry_item (e, (RouteEntry *) r);
      break;
    case RES_RI:
      v = ri_item (e, (Ri *) r);
      break;
    case RES_PEER:
      v = peer_item (e, (Peer *) r);
      break;
    case RES_LAST:
    default:
      g_assert_not_reached ();
    }
  return g_variant_ref_sink (v);
}
