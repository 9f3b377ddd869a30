/* SPDX-License-Identifier: MIT */
/* pp-engine-private.h: the engine's state and the helpers its operation
 * files (pp-api-*.c) share.  Not for use outside sim/pp-engine*.c and
 * sim/pp-api*.c.  Every name here that the linker sees starts with pp_.
 *
 * Every resource lives in a GPtrArray of its kind, in creation order, and is
 * never freed before the engine: a deleted resource stays in its array with
 * `gone` set and leaves the id index, so pointers held by scheduled events
 * stay valid and iteration order (creation order) stays deterministic.
 * Strings in resources are owned by the resource (g_free on engine free),
 * except `status`, which always points at a static string, and a route
 * entry's id, which is part of the entry; route entries are in an arena
 * freed with the engine.
 */
#pragma once

#include "model/pp-mem.h"
#include "sim/pp-engine.h"

G_BEGIN_DECLS

typedef enum {
  RES_VPC,
  RES_VSWITCH,
  RES_INSTANCE,
  RES_ROUTE_ENTRY,
  RES_RI,
  RES_PEER,
  RES_LAST
} ResKind;

/* The header every resource starts with (40 bytes, no padding: an
 * estate's engine holds 1.6 M route entries).  The few resources that
 * stand for a scenario object name it in e->origins (pp_res_origin). */
typedef struct {
  char *id;                   /* owned; a route entry's is inside the entry */
  const char *status;         /* static string */
  gint64 created;
  guint account;              /* owner: index into e->accounts */
  guint line;                 /* where the scenario declares it; 0 unknown */
  guint32 serial;             /* creation order across kinds (e->serial) */
  guint kind : 8;             /* ResKind */
  guint gone : 1;             /* deleted: out of the index, kept for events */
  guint has_origin : 1;       /* e->origins names it */
} Res;

G_STATIC_ASSERT (sizeof (gpointer) != 8 || sizeof (Res) == 40);

typedef struct {
  char *id;                   /* "A" */
  char *uid;
  char *ak_id;
  char *ak_secret;
  guint line;                 /* where the scenario declares it; 0 unknown */
} Account;

/* A VPC's live custom route entries by destination: open addressing over
 * the entries' places in the engine's arena (pp_route_at), 4 bytes a
 * slot (pp-engine.c).  A GHashTable of the entries took 12 bytes a slot
 * and a header per VPC, and an array beside it kept their order: 52 MB
 * for the 1.6 M entries of the largest estate, against 10 MB. */
typedef struct {
  guint32 *slots;             /* arena place + 1; 0 = free */
  guint32 mask;               /* number of slots - 1 (0: none yet) */
  guint32 len;                /* entries held */
} RouteSet;

typedef struct {
  Res r;
  char *name;
  char *description;
  const PpRegion *region;
  PpCidr cidr;
  char *vrouter_id;
  char *route_table_id;
  gboolean from_scenario;
  /* Live children, in creation order (indexes so that no operation scans
   * the whole engine). */
  GPtrArray *vswitches;       /* VSwitch* */
  GPtrArray *system;          /* live system RouteEntry*, in creation order */
  RouteSet custom;            /* live custom entries (pp_route_find_custom, pp_route_customs) */
  GPtrArray *ris;             /* Ri* on the VRouter */
  GPtrArray *peers;           /* Peer* with this VPC at either end */
} Vpc;

typedef struct {
  Res r;
  Vpc *vpc;
  char *zone;
  char *name;
  char *description;
  PpCidr cidr;
  GPtrArray *instances;       /* Instance* */
} VSwitch;

typedef struct {
  Res r;
  VSwitch *vsw;
  guint32 ip;
} Instance;

/* A route entry lives in the engine's arena (e->route_blocks) with its id
 * right after it: 96 bytes and no allocation of its own.  Its name and
 * description, which few entries have, are in e->route_texts. */
typedef struct {
  Res r;
  Vpc *vpc;                   /* the table is the VPC's system table */
  PpCidr dest;
  const char *next_hop_id;    /* "" for system entries; interned (engine->hops) */
  guint32 next_hop_type;      /* "local", "Instance", ...: pp_route_type() */
  guint8 system;              /* a vSwitch's route or the service route */
  char id[];                  /* r.id points here: "rte-" and 21 characters */
} RouteEntry;

/* The length of a route entry's id after its prefix, and the size of an
 * entry with its id. */
#define ROUTE_ID_LEN 21
#define ROUTE_ENTRY_SIZE ((offsetof (RouteEntry, id) + sizeof "rte-" + ROUTE_ID_LEN + 7) & ~(gsize) 7)
G_STATIC_ASSERT (ROUTE_ENTRY_SIZE <= 96);

typedef struct _Ri Ri;
struct _Ri {
  Res r;
  Vpc *vpc;                   /* the VRouter's VPC */
  const PpRegion *region;
  gboolean initiator;         /* Role */
  const char *spec;           /* static */
  const PpRegion *opp_region;
  char *opp_router_id;        /* "" = unset */
  char *opp_router_type;      /* "" = unset */
  char *opp_interface_id;     /* "" = unset */
  char *opp_owner;            /* "" = unset */
  char *name;
  char *description;
  gboolean prepaid;
  guint period;
  gboolean yearly;
  char *hc_source;
  char *hc_target;
  gint64 hc_rate;
  gint64 hc_threshold;
  gint64 connected_time;      /* 0 = never */
  gint64 end_time;            /* 0 = pay-as-you-go */
  Ri *peer;                   /* the connected counterpart, or NULL */
};

typedef struct {
  Res r;                      /* account = the requester */
  Vpc *vpc;
  Vpc *accepting_vpc;
  guint accepting_account;
  char *name;
  char *description;
  gint64 bandwidth;           /* Mbps; -1 = unlimited (same region) */
  const char *link_type;      /* static; NULL in one region */
  gint64 modified;
} Peer;

typedef struct {
  gint64 at;
  guint64 seq;
  Res *res;
  const char *expect;         /* run only if the status still is this */
  const char *to;             /* new status, or NULL = delete */
} Event;

struct _PpEngine {
  const PpRegions *regions;
  guint64 rng;
  gint64 now;
  guint tick;
  guint32 serial;             /* resources made; none is ever freed, so 2^32
                                 of them would be 170 GB: never reached */
  guint64 event_seq;
  GPtrArray *accounts;        /* Account */
  GHashTable *account_by_uid; /* uid -> index+1 */
  GHashTable *account_by_id;
  GHashTable *account_by_ak;
  GPtrArray *res[RES_LAST];   /* Res*, creation order, owning; NULL for route
                                 entries: the arena holds them in that order
                                 (pp_route_next) */
  GHashTable *index;          /* the live Res*, by id (keys are the resources:
                                 see pp_index_lookup()); route entries only
                                 once routes_indexed */
  gboolean routes_indexed;    /* something asked for a route entry by id */
  Res *recent[2];             /* the resource last added, the last found by id; or NULL */
  Vpc *last_table;            /* the VPC whose route table was last looked up, or NULL */
  GHashTable *names;          /* scenario object id (the resource's own id) -> Res*
                                 (VPC, vSwitch, instance) */
  GHashTable *by_vrouter;     /* vrt- -> Vpc* */
  GHashTable *by_table;       /* vtb- -> Vpc* */
  guint odd_router_ids;       /* keys of the two above without their prefix (vrt-, vtb-):
                                 a scenario may declare any id (pp_new_id) */
  guint odd_route_ids;        /* resources other than route entries whose ids have a
                                 route entry's prefix (rte-), ever (pp_new_id) */
  GArray *events;             /* Event, a binary min-heap on (at, seq) */
  GHashTable *tokens;         /* "action\x1fuid\x1ftoken" -> GVariant response */
  GHashTable *hops;           /* the next hops route entries name, by id, each kept once
                                 with its number of live custom entries (pp-engine.c's
                                 Hop; an estate's 1.6 M routes name a few thousand) */
  gpointer last_hop;          /* the Hop last interned, or NULL */
  gboolean lean;              /* pp_engine_set_lean_answers() */
  const struct _Op *last_op;  /* the operation of the last call, or NULL */
  guint last_caller;          /* the account of the last call + 1, or 0 */
  const PpRegion *last_region; /* the region last named by a call, or NULL */
  GPtrArray *route_blocks;    /* the arena: blocks of RouteEntry with their ids,
                                 freed with the engine (route_alloc) */
  PpMemSupply *route_supply;  /* the arena's next huge block, faulted in ahead */
  guint route_left;           /* entries still free in the last block */
  GHashTable *route_texts;    /* RouteEntry* -> RouteText, for those named or described */
  GHashTable *origins;        /* Res* -> the scenario object it stands for (export id) */
  GPtrArray *hop_types;       /* the next hop types of route entries, each once
                                 (static or interned strings) */
  char *scenario_name;
  char *scenario_file;        /* of the first scenario loaded: the export's file */
  guint scenario_line;
};

/* One call in progress. */
typedef struct {
  PpEngine *e;
  guint caller;
  const Account *account;
  const char *action;
  GHashTable *params;         /* the parameters: this table, or */
  const PpCallParam *list;    /* this array (pp_engine_call_list) */
  guint n_list;
  guint status;               /* error: HTTP status */
  char *code;                 /* error: code, or NULL */
  char *message;
  /* pp_call_created_only(): the answer is the new id alone (and the
   * RequestId), built directly instead of through the dictionary */
  const char *only_field;
  const char *only_id;
} Call;

/* An operation: fills @d and returns TRUE, or sets the error and returns
 * FALSE. */
typedef gboolean (*OpFunc) (Call *c, GVariantDict *d);

typedef struct _Op {
  const char *action;
  const char *version;
  OpFunc func;
  /* TRUE when the operation never touches its dictionary: it answers
   * through pp_call_created_only(), or with its RequestId alone
   * (pp_api_answer_request_id()), or fails.  It gets NULL instead of a
   * dictionary made and thrown away or ended for one entry: a plan calls
   * such operations for every route and twice for each connection, and
   * ending a GVariantDict took 15 000 instructions. */
  gboolean no_dict;
} Op;

/* The answer shape of one resource (a floating a{sv}), as its Describe or
 * Get operation shows it. */
typedef GVariant *(*ItemFunc) (PpEngine *e, Res *r);

/* What one pp-api-*.c file registers: its operations (ended by an entry
 * whose action is NULL) and the item builders of the kinds it owns (NULL
 * for the others).  The engine knows the files only through
 * pp_api_tables. */
typedef struct {
  const Op *ops;
  ItemFunc items[RES_LAST];
} ApiTable;

/* pp-api-registry.c: every api file's table, NULL-terminated. */
extern const ApiTable *const pp_api_tables[];

/* pp-api-ri.c, pp-api-peer.c, pp-api-vpc.c */
extern const ApiTable pp_api_ri;
extern const ApiTable pp_api_peer;
extern const ApiTable pp_api_vpc;

/* pp-engine.c: ids, accounts, resources and their indexes. */
char       *pp_new_id (PpEngine *e, const char *prefix, guint len);
char       *pp_new_request_id (PpEngine *e);
/* The same into @s (37 bytes with the NUL). */
void        pp_new_request_id_into (PpEngine *e, char s[37]);
const char *pp_account_uid (PpEngine *e, guint account);
gboolean    pp_account_lookup_uid (PpEngine *e, const char *uid, guint *out);
void        pp_res_add (PpEngine *e, ResKind kind, Res *r, char *id, guint account);
void        pp_res_remove (PpEngine *e, Res *r);
Res        *pp_res_lookup (PpEngine *e, const char *id, ResKind kind);
/* The live resource whose api id is @id, or NULL: e->index, the last
 * resource added and the last found tried first. */
Res        *pp_index_lookup (PpEngine *e, const char *id);
/* The VPC whose route table is @id (live or not), or NULL. */
Vpc        *pp_table_lookup (PpEngine *e, const char *id);
/* @nh_type: a static or interned string (g_intern_string) */
RouteEntry *pp_route_add (PpEngine *e, Vpc *vpc, PpCidr dest, gboolean system,
                          const char *nh_type, const char *nh_id);
const char *pp_route_type (PpEngine *e, const RouteEntry *re);
/* The scenario object @r stands for (pp_engine_set_origin), or NULL. */
const char *pp_res_origin (PpEngine *e, const Res *r);
/* Every route entry the engine made, deleted ones included, in creation
 * order: start with an iterator of zeros and call until NULL.
 *   PpRouteIter it = { 0, 0 };
 *   for (RouteEntry *re; (re = pp_route_next (e, &it)) != NULL;) ... */
typedef struct { guint block, n; } PpRouteIter;
RouteEntry *pp_route_next (PpEngine *e, PpRouteIter *it);
/* The entry at @place in the arena: the entries made before it. */
RouteEntry *pp_route_at (PpEngine *e, guint32 place);
/* A route entry's name and description ("" when it has none); setting
 * copies them (NULL or "" = none). */
const char *pp_route_name (PpEngine *e, const RouteEntry *re);
const char *pp_route_description (PpEngine *e, const RouteEntry *re);
void        pp_route_set_texts (PpEngine *e, RouteEntry *re, const char *name,
                                const char *description);
/* The live custom entry of @vpc's table for @dest, or NULL. */
RouteEntry *pp_route_find_custom (PpEngine *e, Vpc *vpc, PpCidr dest);
/* @vpc's live custom entries, in creation order (free the array). */
GPtrArray  *pp_route_customs (PpEngine *e, Vpc *vpc);
gboolean    pp_route_refers (PpEngine *e, const char *next_hop_id);
VSwitch    *pp_vswitch_add (PpEngine *e, Vpc *vpc, char *id, const char *zone, PpCidr cidr);
/* Registers a new router interface / peering with its VPCs' indexes. */
void        pp_ri_attach (Ri *ri);
void        pp_peer_attach (Peer *p);
Vpc        *pp_vpc_new (PpEngine *e, guint account, const PpRegion *region, PpCidr cidr);

/* pp-engine-clock.c */
void        pp_schedule (PpEngine *e, Res *r, guint delay, const char *expect, const char *to);
char       *pp_iso_time (gint64 t);

/* pp-engine-call.c: a call's start and end, around its operation (what
 * pp_engine_call() does, for a typed call such as
 * pp_engine_create_route_entry()): pp_call_begin() gives the answer its
 * RequestId and runs the transitions due; after the operation,
 * pp_call_answer_created() (a pp_call_created_only() answer, lean or as
 * a GVariant) or pp_call_unanswered() (an operation that failed without
 * saying why: InternalError); pp_call_end() sets the error or 200 and
 * runs the per-call tick. */
PpApiResult *pp_call_begin (PpEngine *e, Call *c, const char *action);
void        pp_call_answer_created (Call *c, PpApiResult *res, gboolean lean);
void        pp_call_unanswered (Call *c);
PpApiResult *pp_call_end (Call *c, PpApiResult *res);

/* Failing a call, reading its parameters. */
gboolean    pp_call_fail (Call *c, guint status, const char *code, const char *fmt, ...) G_GNUC_PRINTF (4, 5);
const char *pp_param (Call *c, const char *name);          /* NULL if absent or "" */
/* A copy of parameter @name, "" if absent. */
char       *pp_param_dup (Call *c, const char *name);
gboolean    pp_require (Call *c, const char *name, const char **out);
gboolean    pp_param_bool (Call *c, const char *name, gboolean dflt, gboolean *out);
gboolean    pp_param_int (Call *c, const char *name, gint64 lo, gint64 hi, gint64 dflt,
                          const char *code, gint64 *out);
gboolean    pp_call_check_region (Call *c, const char *name, gboolean required, const PpRegion **out);
/* The same for the value @v (nullable: no region named) of a region
 * parameter. */
gboolean    pp_call_check_region_value (Call *c, const char *v, const PpRegion **out);
/* The catalog's region named by parameter @name, or NULL (absent or unknown). */
const PpRegion *pp_call_region (Call *c, const char *name);
gboolean    pp_call_check_name (Call *c, const char *param_name, guint max, const char *code);
/* Like the other checks, TRUE to go on: FALSE when the call is answered
 * instead (DryRun=true passed validation: DryRunOperation; or DryRun is
 * not a boolean).  Called after validation, before any change. */
gboolean    pp_call_check_dry_run (Call *c);
/* Whether @r (may be NULL) is live and the caller's. */
gboolean    pp_call_owns (Call *c, const Res *r);
/* The end of a Create: the new resource @r (added) shows @status now and
 * @to after @delay seconds; the answer names it in @id_field. */
void        pp_call_created (Call *c, GVariantDict *d, Res *r, const char *id_field,
                             const char *status, guint delay, const char *to);
/* The same for an answer that holds nothing else (the op leaves @d empty):
 * the same bytes, without a GVariantDict to end and sort, which cost more
 * than the rest of a CreateRouteEntry (the planner makes one a route). */
/* { "RequestId": @request_id, @field: @id }, keys sorted as pp_dict_end()
 * sorts them: the answer of pp_call_created_only(), built by the call, or
 * later by pp_api_result_response() for a lean answer. */
GVariant   *pp_api_answer_only (const char *request_id, const char *field, const char *id);
/* A floating a{sv} of the RequestId alone: the answer of an operation
 * that returns nothing else. */
GVariant   *pp_api_answer_request_id (const char *request_id);
void        pp_call_created_only (Call *c, Res *r, const char *id_field,
                                  const char *status, guint delay, const char *to);

/* Paging.  pp_page_numbered() reads PageNumber/PageSize (the VPC API's
 * Describe* style), pp_page_token() NextToken and @max_name (the List*
 * style); both fail with InvalidParameter.  For each match,
 * pp_page_take() counts it and says whether it is on the page;
 * pp_page_add() adds its item; pp_page_end() writes the paging fields and
 * the list @outer.@inner (or @outer alone). */
typedef struct {
  gboolean token;
  const char *max_field;      /* token style: the field echoing the max, or NULL */
  gint64 number, size;        /* numbered style */
  gint64 start, max;
  gint64 total;
  GPtrArray *items;           /* floating a{sv} items, or NULL */
} Page;

gboolean    pp_page_numbered (Call *c, guint max_size, Page *p);
gboolean    pp_page_token (Call *c, const char *max_name, guint max, guint dflt,
                           const char *max_field, Page *p);
gboolean    pp_page_take (Page *p);
void        pp_page_add (Page *p, GVariant *item);
/* Counts @r and, when it is on the page, adds @item's shape of it. */
void        pp_page_offer (Page *p, PpEngine *e, Res *r, ItemFunc item);
void        pp_page_end (Page *p, GVariantDict *d, const char *outer, const char *inner);

/* pp-engine-answer.c: a{sv} helpers. */
void        pp_dict_str (GVariantDict *d, const char *k, const char *v);
void        pp_dict_int (GVariantDict *d, const char *k, gint64 v);
void        pp_dict_bool (GVariantDict *d, const char *k, gboolean v);
void        pp_dict_obj (GVariantDict *d, const char *k, GVariantDict *child);     /* consumes child */
void        pp_dict_list (GVariantDict *d, const char *k, const char *inner, GPtrArray *items); /* items: GVariant* a{sv}, consumed */
void        pp_dict_strlist (GVariantDict *d, const char *k, const char *inner, GPtrArray *strs);
GVariant   *pp_dict_end (GVariantDict *d);                    /* end + unref */
/* Copies the fields of the floating a{sv} @item into @d. */
void        pp_dict_merge (GVariantDict *d, GVariant *item);

G_END_DECLS
