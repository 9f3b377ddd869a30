/* SPDX-License-Identifier: MIT */
/* pp-engine.c: the engine's state: ids and RequestIds, the engine's life,
 * accounts, resources and their indexes, loading a scenario, and the
 * state queries.  The clock is in pp-engine-clock.c, the call dispatcher
 * and the parameter helpers in pp-engine-call.c, the answers in
 * pp-engine-answer.c.
 *
 * Determinism: every id and RequestId comes from one splitmix64 stream
 * seeded by the engine's seed and advanced only by calls, in call order;
 * times come from the simulated clock; iteration is always over the
 * creation-ordered arrays, never over a hash table.
 */

#include "sim/pp-engine-private.h"
#include "model/pp-mem.h"

#include <string.h>

/* The arena's first block holds this many route entries (60 KiB); the
 * next ones are huge pages (an estate's engine holds 1.6 M entries,
 * 200 MB: pp-mem.h), each faulted in on another thread while the one
 * before fills (PpMemSupply): the kernel's zeroing of fresh pages was
 * 5 to 7 % of plan's time on the 20 000-VPC estate. */
#define ROUTE_FIRST_BLOCK 512
#define ROUTE_HUGE_BLOCK (PP_HUGE_PAGE / ROUTE_ENTRY_SIZE)

/* A next hop that route entries name: its id, kept once, and how many
 * live custom entries name it.  An entry's next_hop_id points at @id. */
typedef struct {
  guint refs;
  char id[];
} Hop;

/* The Hop whose id @id is (an entry's next_hop_id). */
static inline Hop *
hop_of (const char *id)
{
  return (Hop *) (gpointer) (id - offsetof (Hop, id));
}

/* The text of a route entry that has a name or a description. */
typedef struct {
  char *name;
  char *description;
} RouteText;

/* --- the random stream (splitmix64: stable across platforms) --- */

static inline guint64
rng_step (guint64 *state)
{
  guint64 z;

  *state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  z = *state;
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static guint64
rng_next (PpEngine *e)
{
  return rng_step (&e->rng);
}

/* e->index holds the resources themselves, hashed and compared by id: a
 * slot is a hash and one pointer.  A lookup by id passes a Res whose id
 * is the one sought (index_get). */
static guint
index_hash (gconstpointer p)
{
  return g_str_hash (((const Res *) p)->id);
}

static gboolean
index_equal (gconstpointer a, gconstpointer b)
{
  return strcmp (((const Res *) a)->id, ((const Res *) b)->id) == 0;
}

/* Route entries join the index when something first asks for one by id.
 * A plan makes 1.6 M of them on the largest estate and finds each by id
 * only right after making it (e->recent): indexing them cost 22 MB, and
 * two cache misses a route (the check that a new id is free, then the
 * insertion). */
static void
index_routes (PpEngine *e)
{
  PpRouteIter it = { 0, 0 };

  e->routes_indexed = TRUE;
  for (RouteEntry *re; (re = pp_route_next (e, &it)) != NULL;)
    if (!re->r.gone)
      g_hash_table_add (e->index, &re->r);
}

/* The live resource @id among those indexed so far. */
static Res *
index_get_indexed (PpEngine *e, const char *id)
{
  Res key = { .id = (char *) id };

  return g_hash_table_lookup (e->index, &key);
}

static Res *
index_get (PpEngine *e, const char *id)
{
  Res *r = index_get_indexed (e, id);

  /* every route entry's id has this prefix (pp_route_add) */
  if (r == NULL && !e->routes_indexed && strncmp (id, "rte-", 4) == 0)
    {
      index_routes (e);
      r = index_get_indexed (e, id);
    }
  return r;
}

static gboolean
index_contains (PpEngine *e, const char *id)
{
  return index_get (e, id) != NULL;
}

/* Writes a new id, @prefix and @len random characters, at @s (room for
 * them and the NUL). */
static void
new_id_into (PpEngine *e, char *s, const char *prefix, guint len)
{
  static const char alphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";

  const gsize plen = strlen (prefix);
  /* An id can be a VRouter's or a route table's only with their prefix,
   * unless a scenario declared others: then the two tables are looked at
   * too (each lookup a cache miss when the estate is large) */
  const gboolean router = e->odd_router_ids > 0 || strcmp (prefix, "vrt-") == 0
                          || strcmp (prefix, "vtb-") == 0;
  /* While route entries are not indexed, the index holds a route entry's
   * prefix only where some other resource took it: a new route's id is
   * looked up (a cache miss on a large estate) only then */
  const gboolean indexed = e->routes_indexed || e->odd_route_ids > 0 || strcmp (prefix, "rte-") != 0;

  for (;;)
    {
      /* the state in a local: a store through @s could otherwise be
       * e->rng, to be read again for every character */
      guint64 state = e->rng;
      guint i;

      memcpy (s, prefix, plen);
      for (i = 0; i < len; i++)
        s[plen + i] = alphabet[rng_step (&state) % 36];
      s[plen + len] = '\0';
      e->rng = state;
      /* Not compared with route entries not indexed yet (index_get): 21
       * random characters of 36 repeat among 1.6 M ids with a chance of
       * 3e-21. */
      if ((!indexed || index_get_indexed (e, s) == NULL)
          && (!router || (!g_hash_table_contains (e->by_vrouter, s)
                          && !g_hash_table_contains (e->by_table, s))))
        return;
    }
}

char *
pp_new_id (PpEngine *e, const char *prefix, guint len)
{
  /* Allocated at its size: the engine keeps one per resource (a GString
   * would keep its doubled capacity). */
  char *s = g_malloc (strlen (prefix) + len + 1);

  new_id_into (e, s, prefix, len);
  return s;
}

/* Writes the @digits low hexadecimal digits of @v, upper case, at @p;
 * returns the end. */
static char *
put_hex (char *p, guint64 v, guint digits)
{
  static const char hex[] = "0123456789ABCDEF";

  for (guint i = digits; i > 0; i--)
    {
      p[i - 1] = hex[v & 0xf];
      v >>= 4;
    }
  return p + digits;
}

void
pp_new_request_id_into (PpEngine *e, char s[37])
{
  guint64 a = rng_next (e);
  guint64 b = rng_next (e);
  char *p = s;

  /* A version-4-shaped UUID, upper case, as the real service writes it:
   * %08X-%04X-4%03X-%04X-%012X of a and b, by hand (g_strdup_printf
   * took 2 900 instructions, once for every simulated call). */
  p = put_hex (p, a >> 32, 8);
  *p++ = '-';
  p = put_hex (p, (a >> 16) & 0xffff, 4);
  *p++ = '-';
  *p++ = '4';
  p = put_hex (p, a & 0xfff, 3);
  *p++ = '-';
  p = put_hex (p, 0x8000 | ((b >> 48) & 0x3fff), 4);
  *p++ = '-';
  p = put_hex (p, b & G_GUINT64_CONSTANT (0xffffffffffff), 12);
  *p = '\0';
}

char *
pp_new_request_id (PpEngine *e)
{
  char *s = g_malloc (37);

  pp_new_request_id_into (e, s);
  return s;
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

  switch ((ResKind) r->kind)
    {
    case RES_VPC:
      {
        Vpc *v = p;
        g_ptr_array_unref (v->vswitches);
        g_ptr_array_unref (v->system);
        g_free (v->custom.slots);
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
      /* the arena's, with its id: never in e->res (pp_engine_free) */
      g_assert_not_reached ();
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

static void
route_text_free (gpointer p)
{
  RouteText *t = p;

  g_free (t->name);
  g_free (t->description);
  g_free (t);
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
    /* route entries are the arena's, walked with pp_route_next */
    e->res[k] = k == RES_ROUTE_ENTRY ? NULL : g_ptr_array_new_with_free_func (res_free);
  e->index = g_hash_table_new (index_hash, index_equal);
  e->route_blocks = g_ptr_array_new_with_free_func (g_aligned_free);
  e->route_supply = pp_mem_supply_new (PP_HUGE_PAGE);
  e->route_texts = g_hash_table_new_full (NULL, NULL, NULL, route_text_free);
  e->origins = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  e->hop_types = g_ptr_array_new ();
  /* keys: the resources' own ids, which are the scenario's (never freed
   * before the engine) */
  e->names = g_hash_table_new (g_str_hash, g_str_equal);
  e->by_vrouter = g_hash_table_new (g_str_hash, g_str_equal);
  e->by_table = g_hash_table_new (g_str_hash, g_str_equal);
  e->events = g_array_new (FALSE, FALSE, sizeof (Event));
  e->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_variant_unref);
  e->hops = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  return e;
}

void
pp_engine_free (PpEngine *e)
{
  guint k;

  if (e == NULL)
    return;
  g_hash_table_unref (e->tokens);
  g_array_unref (e->events);
  g_hash_table_unref (e->by_table);
  g_hash_table_unref (e->by_vrouter);
  g_hash_table_unref (e->names);
  g_hash_table_unref (e->index);
  for (k = 0; k < RES_LAST; k++)
    g_clear_pointer (&e->res[k], g_ptr_array_unref);
  g_hash_table_unref (e->origins);
  g_ptr_array_unref (e->hop_types);
  g_hash_table_unref (e->route_texts);
  g_ptr_array_unref (e->route_blocks);
  pp_mem_supply_free (e->route_supply);
  g_hash_table_unref (e->account_by_ak);
  g_hash_table_unref (e->hops);
  g_hash_table_unref (e->account_by_id);
  g_hash_table_unref (e->account_by_uid);
  g_ptr_array_unref (e->accounts);
  g_free (e->scenario_name);
  g_free (e->scenario_file);
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
pp_account_lookup_uid (PpEngine *e, const char *uid, guint *out)
{
  guint i;

  /* the caller of the last call, before the table: calls come in runs
   * from one account */
  if (uid != NULL && e->last_caller > 0
      && strcmp (((Account *) g_ptr_array_index (e->accounts, e->last_caller - 1))->uid, uid) == 0)
    {
      *out = e->last_caller - 1;
      return TRUE;
    }
  i = GPOINTER_TO_UINT (g_hash_table_lookup (e->account_by_uid, uid != NULL ? uid : ""));
  if (i == 0)
    return FALSE;
  e->last_caller = i;
  *out = i - 1;
  return TRUE;
}

const char *
pp_account_uid (PpEngine *e, guint account)
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
  return pp_account_uid (e, i - 1);
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
pp_res_add (PpEngine *e, ResKind kind, Res *r, char *id, guint account)
{
  r->kind = kind;
  r->id = id;
  r->account = account;
  r->created = e->now;
  r->serial = e->serial++;
  if (kind != RES_ROUTE_ENTRY)   /* the arena keeps their order (pp_route_next) */
    g_ptr_array_add (e->res[kind], r);
  if (kind != RES_ROUTE_ENTRY || e->routes_indexed)
    g_hash_table_add (e->index, r);
  if (kind != RES_ROUTE_ENTRY && g_str_has_prefix (id, "rte-"))
    e->odd_route_ids++;
  e->recent[0] = r;
}

static void route_set_remove (PpEngine *e, RouteSet *s, const RouteEntry *re);

void
pp_res_remove (PpEngine *e, Res *r)
{
  r->gone = TRUE;
  r->status = "Deleted";
  g_hash_table_remove (e->index, r);
  for (guint i = 0; i < G_N_ELEMENTS (e->recent); i++)
    if (e->recent[i] == r)
      e->recent[i] = NULL;
  if (r->kind == RES_ROUTE_ENTRY)
    {
      RouteEntry *re = (RouteEntry *) r;
      if (re->system)
        g_ptr_array_remove (re->vpc->system, re);
      else
        {
          route_set_remove (e, &re->vpc->custom, re);
          hop_of (re->next_hop_id)->refs--;
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

/* A plan asks for the route entry it has just made three times (its
 * origin, its status after the call and once settled) and for the same
 * next hop route after route, and on the largest estate the index holds
 * 1.6 M ids: each lookup there missed the cache twice (the bucket, the
 * key). */
Res *
pp_index_lookup (PpEngine *e, const char *id)
{
  Res *r;

  for (guint i = 0; i < G_N_ELEMENTS (e->recent); i++)
    {
      r = e->recent[i];
      if (r != NULL && !r->gone && strcmp (r->id, id) == 0)
        return r;
    }
  r = index_get (e, id);
  if (r != NULL)
    e->recent[1] = r;
  return r;
}

Vpc *
pp_table_lookup (PpEngine *e, const char *id)
{
  if (e->last_table == NULL || strcmp (e->last_table->route_table_id, id) != 0)
    e->last_table = g_hash_table_lookup (e->by_table, id);
  return e->last_table;
}

Res *
pp_res_lookup (PpEngine *e, const char *id, ResKind kind)
{
  Res *r;

  if (id == NULL)
    return NULL;
  r = pp_index_lookup (e, id);
  if (r == NULL || r->kind != kind)
    return NULL;
  return r;
}

/* The entries block @i of the arena holds: a small first one, so that a
 * small scenario takes no 2 MiB, then blocks of a huge page. */
static inline guint
route_block_capacity (guint i)
{
  return i == 0 ? ROUTE_FIRST_BLOCK : ROUTE_HUGE_BLOCK;
}

/* The place of entry @n of arena block @block: the entries before it. */
static inline guint32
route_place (guint block, guint n)
{
  return block == 0 ? n : ROUTE_FIRST_BLOCK + (block - 1) * ROUTE_HUGE_BLOCK + n;
}

RouteEntry *
pp_route_at (PpEngine *e, guint32 place)
{
  guint block = place < ROUTE_FIRST_BLOCK ? 0 : 1 + (place - ROUTE_FIRST_BLOCK) / ROUTE_HUGE_BLOCK;
  guint n = place < ROUTE_FIRST_BLOCK ? place : (place - ROUTE_FIRST_BLOCK) % ROUTE_HUGE_BLOCK;

  return (RouteEntry *) (gpointer) ((char *) g_ptr_array_index (e->route_blocks, block)
                                    + (gsize) n * ROUTE_ENTRY_SIZE);
}

/* Room for a route entry and its id in the arena, the engine's until it
 * is freed, and its place at @place.  (Not glibc's obstack: its alignment
 * arithmetic starts from a null pointer, which UBSan reports on every
 * allocation.) */
static RouteEntry *
route_alloc (PpEngine *e, guint32 *place)
{
  guint last, n;
  char *block;

  if (e->route_left == 0)
    {
      block = e->route_blocks->len == 0
              ? g_aligned_alloc (ROUTE_FIRST_BLOCK, ROUTE_ENTRY_SIZE, sizeof (gpointer))
              : pp_mem_supply_take (e->route_supply);
      g_ptr_array_add (e->route_blocks, block);
      e->route_left = route_block_capacity (e->route_blocks->len - 1);
    }
  last = e->route_blocks->len - 1;
  block = g_ptr_array_index (e->route_blocks, last);
  n = route_block_capacity (last) - e->route_left--;
  *place = route_place (last, n);
  return (RouteEntry *) (gpointer) (block + (gsize) n * ROUTE_ENTRY_SIZE);
}

RouteEntry *
pp_route_next (PpEngine *e, PpRouteIter *it)
{
  for (; it->block < e->route_blocks->len; it->block++, it->n = 0)
    {
      /* every block is full but the last */
      guint size = route_block_capacity (it->block)
                   - (it->block + 1 == e->route_blocks->len ? e->route_left : 0);
      char *block = g_ptr_array_index (e->route_blocks, it->block);

      if (it->n < size)
        return (RouteEntry *) (gpointer) (block + (gsize) it->n++ * ROUTE_ENTRY_SIZE);
    }
  return NULL;
}

/* The next hop @id, kept once for the engine's life.  Entries come in
 * runs through one next hop: the last one is tried first. */
static Hop *
hop_intern (PpEngine *e, const char *id)
{
  Hop *h = e->last_hop;

  if (h != NULL && strcmp (h->id, id) == 0)
    return h;
  h = g_hash_table_lookup (e->hops, id);
  if (h == NULL)
    {
      gsize n = strlen (id) + 1;

      h = g_malloc (offsetof (Hop, id) + n);
      h->refs = 0;
      memcpy (h->id, id, n);
      g_hash_table_insert (e->hops, h->id, h);
    }
  e->last_hop = h;
  return h;
}

/* --- RouteSet: a VPC's custom entries by destination --- */

/* The destination (address and length, what its text says) spread over
 * the 32 bits of a slot number. */
static inline guint32
dest_hash (PpCidr d)
{
  return (guint32) ((((guint64) d.addr << 8) | d.len) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) >> 32);
}

/* The slot of the entry for @dest in @s, or the free slot where it would
 * go (linear probing; @s has slots). */
static guint32
route_set_slot (PpEngine *e, const RouteSet *s, PpCidr dest)
{
  guint32 i = dest_hash (dest) & s->mask;

  for (;; i = (i + 1) & s->mask)
    {
      const RouteEntry *re;

      if (s->slots[i] == 0)
        return i;
      re = pp_route_at (e, s->slots[i] - 1);
      if (re->dest.addr == dest.addr && re->dest.len == dest.len)
        return i;
    }
}

static void
route_set_grow (PpEngine *e, RouteSet *s)
{
  guint32 *old = s->slots;
  guint32 n = s->mask == 0 ? 0 : s->mask + 1;

  s->mask = n == 0 ? 7 : 2 * n - 1;
  s->slots = g_new0 (guint32, s->mask + 1);
  for (guint32 i = 0; i < n; i++)
    if (old[i] != 0)
      s->slots[route_set_slot (e, s, pp_route_at (e, old[i] - 1)->dest)] = old[i];
  g_free (old);
}

/* Holds the entry at arena @place, instead of one for the same
 * destination if there is one. */
static void
route_set_put (PpEngine *e, RouteSet *s, guint32 place)
{
  guint32 i;

  /* at most three quarters full */
  if (s->mask == 0 || (s->len + 1) * 4 > (s->mask + 1) * 3)
    route_set_grow (e, s);
  i = route_set_slot (e, s, pp_route_at (e, place)->dest);
  if (s->slots[i] == 0)
    s->len++;
  s->slots[i] = place + 1;
}

/* Lets go of @re if @s holds it, moving back the entries after it that
 * probing would no longer reach. */
static void
route_set_remove (PpEngine *e, RouteSet *s, const RouteEntry *re)
{
  guint32 i, j;

  if (s->len == 0)
    return;
  i = route_set_slot (e, s, re->dest);
  if (s->slots[i] == 0 || pp_route_at (e, s->slots[i] - 1) != re)
    return;
  for (j = i;;)
    {
      guint32 home;

      j = (j + 1) & s->mask;
      if (s->slots[j] == 0)
        break;
      home = dest_hash (pp_route_at (e, s->slots[j] - 1)->dest) & s->mask;
      /* the entry at j stays if its home lies cyclically in (i, j] */
      if (i <= j ? (i < home && home <= j) : (i < home || home <= j))
        continue;
      s->slots[i] = s->slots[j];
      i = j;
    }
  s->slots[i] = 0;
  s->len--;
}

/* The index of next hop type @type in e->hop_types, added if new.  A
 * handful of types (those the API knows, and those a scenario names):
 * the entry keeps 4 bytes instead of a pointer. */
static guint32
hop_type (PpEngine *e, const char *type)
{
  /* the same static string, most often */
  for (guint i = 0; i < e->hop_types->len; i++)
    if (g_ptr_array_index (e->hop_types, i) == type)
      return i;
  for (guint i = 0; i < e->hop_types->len; i++)
    if (strcmp (g_ptr_array_index (e->hop_types, i), type) == 0)
      return i;
  g_ptr_array_add (e->hop_types, (gpointer) type);
  return e->hop_types->len - 1;
}

const char *
pp_route_type (PpEngine *e, const RouteEntry *re)
{
  return g_ptr_array_index (e->hop_types, re->next_hop_type);
}

RouteEntry *
pp_route_add (PpEngine *e, Vpc *vpc, PpCidr dest, gboolean system,
           const char *nh_type, const char *nh_id)
{
  guint32 place;
  RouteEntry *re = route_alloc (e, &place);
  Hop *hop;

  memset (re, 0, sizeof *re);
  new_id_into (e, re->id, "rte-", ROUTE_ID_LEN);
  re->vpc = vpc;
  re->dest = dest;
  re->system = system;
  re->next_hop_type = hop_type (e, nh_type);
  hop = hop_intern (e, nh_id != NULL ? nh_id : "");
  re->next_hop_id = hop->id;
  re->r.status = "Available";
  pp_res_add (e, RES_ROUTE_ENTRY, &re->r, re->id, vpc->r.account);
  if (system)
    g_ptr_array_add (vpc->system, re);
  else
    {
      route_set_put (e, &vpc->custom, place);
      hop->refs++;
    }
  return re;
}

const char *
pp_route_name (PpEngine *e, const RouteEntry *re)
{
  RouteText *t = g_hash_table_lookup (e->route_texts, re);

  return t != NULL && t->name != NULL ? t->name : "";
}

const char *
pp_route_description (PpEngine *e, const RouteEntry *re)
{
  RouteText *t = g_hash_table_lookup (e->route_texts, re);

  return t != NULL && t->description != NULL ? t->description : "";
}

void
pp_route_set_texts (PpEngine *e, RouteEntry *re, const char *name, const char *description)
{
  RouteText *t;

  if ((name == NULL || *name == '\0') && (description == NULL || *description == '\0'))
    {
      g_hash_table_remove (e->route_texts, re);
      return;
    }
  t = g_new0 (RouteText, 1);
  t->name = name != NULL && *name != '\0' ? g_strdup (name) : NULL;
  t->description = description != NULL && *description != '\0' ? g_strdup (description) : NULL;
  g_hash_table_replace (e->route_texts, re, t);
}

RouteEntry *
pp_route_find_custom (PpEngine *e, Vpc *vpc, PpCidr dest)
{
  guint32 i;

  if (vpc->custom.len == 0)
    return NULL;
  i = route_set_slot (e, &vpc->custom, dest);
  return vpc->custom.slots[i] != 0 ? pp_route_at (e, vpc->custom.slots[i] - 1) : NULL;
}

static int
place_compare (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

GPtrArray *
pp_route_customs (PpEngine *e, Vpc *vpc)
{
  GPtrArray *out = g_ptr_array_sized_new (vpc->custom.len);
  g_autofree guint32 *places = g_new (guint32, vpc->custom.len + 1);
  guint n = 0;

  /* the arena holds the entries in creation order */
  for (guint32 i = 0; vpc->custom.len > 0 && i <= vpc->custom.mask; i++)
    if (vpc->custom.slots[i] != 0)
      places[n++] = vpc->custom.slots[i] - 1;
  qsort (places, n, sizeof *places, place_compare);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (out, pp_route_at (e, places[i]));
  return out;
}

gboolean
pp_route_refers (PpEngine *e, const char *next_hop_id)
{
  const Hop *h = g_hash_table_lookup (e->hops, next_hop_id);

  return h != NULL && h->refs > 0;
}

VSwitch *
pp_vswitch_add (PpEngine *e, Vpc *vpc, char *id, const char *zone, PpCidr cidr)
{
  VSwitch *s = g_new0 (VSwitch, 1);

  s->vpc = vpc;
  s->zone = g_strdup (zone);
  s->cidr = cidr;
  s->instances = g_ptr_array_new ();
  s->r.status = "Available";
  pp_res_add (e, RES_VSWITCH, &s->r, id, vpc->r.account);
  g_ptr_array_add (vpc->vswitches, s);
  pp_route_add (e, vpc, cidr, TRUE, "local", "");
  return s;
}

void
pp_ri_attach (Ri *ri)
{
  g_ptr_array_add (ri->vpc->ris, ri);
}

void
pp_peer_attach (Peer *p)
{
  g_ptr_array_add (p->vpc->peers, p);
  g_ptr_array_add (p->accepting_vpc->peers, p);
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
  v->system = g_ptr_array_new ();
  v->ris = g_ptr_array_new ();
  v->peers = g_ptr_array_new ();
  v->r.status = "Available";
  pp_res_add (e, RES_VPC, &v->r, id, account);
  v->vrouter_id = vrouter_id != NULL ? g_strdup (vrouter_id) : pp_new_id (e, "vrt-", 21);
  g_hash_table_insert (e->by_vrouter, v->vrouter_id, v);
  if (!g_str_has_prefix (v->vrouter_id, "vrt-"))
    e->odd_router_ids++;
  v->route_table_id = route_table_id != NULL ? g_strdup (route_table_id) : pp_new_id (e, "vtb-", 21);
  g_hash_table_insert (e->by_table, v->route_table_id, v);
  if (!g_str_has_prefix (v->route_table_id, "vtb-"))
    e->odd_router_ids++;
  /* The system entry every VPC route table shows for the cloud services. */
  pp_route_add (e, v, shared, TRUE, "service", "");
  return v;
}

Vpc *
pp_vpc_new (PpEngine *e, guint account, const PpRegion *region, PpCidr cidr)
{
  return vpc_create (e, account, pp_new_id (e, "vpc-", 21), region, cidr, NULL, NULL);
}

static gboolean
id_free (PpEngine *e, const char *id)
{
  return id != NULL && !index_contains (e, id)
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
      ((Account *) g_ptr_array_index (e->accounts, acc_index[i]))->line = a->line;
    }

  vpcs = g_new0 (Vpc *, sc->vpcs->len + 1);
  for (i = 0; i < sc->vpcs->len; i++)
    {
      const PpVpc *sv = pp_scenario_vpc (sc, i);
      Vpc *v = vpc_create (e, acc_index[sv->account], g_strdup (sv->id), sv->region,
                           sv->cidr, sv->vrouter_id, sv->route_table_id);
      v->name = g_strdup (sv->name != NULL ? sv->name : sv->id);
      v->from_scenario = TRUE;
      v->r.line = sv->line;
      g_hash_table_insert (e->names, v->r.id, v);
      vpcs[i] = v;
    }
  vsws = g_new0 (VSwitch *, sc->vswitches->len + 1);
  for (i = 0; i < sc->vswitches->len; i++)
    {
      const PpVSwitch *ss = pp_scenario_vswitch (sc, i);
      VSwitch *s = pp_vswitch_add (e, vpcs[ss->vpc], g_strdup (ss->id), ss->zone, ss->cidr);

      s->name = g_strdup (ss->id);
      s->r.line = ss->line;
      g_hash_table_insert (e->names, s->r.id, s);
      vsws[i] = s;
    }
  for (i = 0; i < sc->instances->len; i++)
    {
      const PpInstance *si = pp_scenario_instance (sc, i);
      Instance *in = g_new0 (Instance, 1);

      in->vsw = vsws[si->vswitch];
      in->ip = si->ip;
      in->r.status = "Running";
      pp_res_add (e, RES_INSTANCE, &in->r, g_strdup (si->id), in->vsw->r.account);
      in->r.line = si->line;
      g_ptr_array_add (in->vsw->instances, in);
      g_hash_table_insert (e->names, in->r.id, in);
    }
  /* Route-table entries that do not depend on a connection. */
  for (i = 0; i < sc->routes->len; i++)
    {
      const PpRoute *sr = pp_scenario_route (sc, i);
      Vpc *v = vpcs[sr->vpc];
      RouteEntry *re;

      /* Connections' routes are the planner's to create; a destination
       * the table already has cannot exist in the real service. */
      if (sr->next_hop_kind == PP_NEXT_HOP_CONNECTION || pp_route_find_custom (e, v, sr->destination) != NULL)
        continue;
      if (sr->next_hop_kind == PP_NEXT_HOP_INSTANCE)
        re = pp_route_add (e, v, sr->destination, FALSE, "Instance",
                        pp_scenario_instance (sc, sr->next_hop)->id);
      else
        {
          const char *name = pp_scenario_route_names (sc, i)->next_hop_name;
          const char *colon;
          g_autofree char *type = NULL;

          if (name == NULL)
            name = "";
          colon = strchr (name, ':');
          type = colon != NULL ? g_strndup (name, colon - name) : g_strdup (name);
          /* Keep the type as an interned static-lifetime string. */
          re = pp_route_add (e, v, sr->destination, FALSE, g_intern_string (type),
                          colon != NULL ? colon + 1 : "");
        }
      re->r.created = e->now;
      re->r.line = sr->line;
    }
  if (e->scenario_name == NULL && sc->name != NULL)
    e->scenario_name = g_strdup (sc->name);
  if (e->scenario_file == NULL && sc->file != NULL)
    {
      e->scenario_file = g_strdup (sc->file);
      e->scenario_line = sc->line;
    }
  return TRUE;
}

const char *
pp_res_origin (PpEngine *e, const Res *r)
{
  return r->has_origin ? g_hash_table_lookup (e->origins, r) : NULL;
}

gboolean
pp_engine_set_origin (PpEngine *e, const char *id, const char *origin, guint line)
{
  Res *r;

  g_return_val_if_fail (e != NULL && id != NULL, FALSE);
  r = pp_index_lookup (e, id);
  if (r == NULL)
    return FALSE;
  if (origin != NULL)
    g_hash_table_replace (e->origins, r, g_strdup (origin));
  else if (r->has_origin)
    g_hash_table_remove (e->origins, r);
  r->has_origin = origin != NULL;
  r->line = line;
  return TRUE;
}

/* --- reading state --- */

const char *
pp_engine_status (PpEngine *e, const char *id)
{
  Res *r;

  g_return_val_if_fail (e != NULL && id != NULL, NULL);
  r = pp_index_lookup (e, id);
  if (r != NULL)
    return r->status;
  if (g_hash_table_contains (e->by_table, id) || g_hash_table_contains (e->by_vrouter, id))
    return "Available";
  return NULL;
}
