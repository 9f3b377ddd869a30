/* SPDX-License-Identifier: MIT */
/* pp-engine.h: the simulated Alibaba Cloud VPC service (the engine).
 *
 * One engine holds the state of one simulated cloud: accounts, VPCs,
 * vSwitches, instances, VRouters, route tables and entries, router
 * interfaces (Vpc 2016-04-28) and VPC peering connections (VpcPeer
 * 2022-01-01).  The CLI's planner, the workflow runner (`peerplan run`) and
 * the HTTP endpoint (`peerplan serve`) all drive it through pp_engine_call(),
 * which takes the action name and the request parameters exactly as the
 * official SDKs put them on the wire, and answers with the real response
 * fields or the real error code.  docs/api.md lists, per operation, what is
 * emulated and which error codes it gives.
 *
 * Ownership: a PpEngine owns all its state.  Results marked (transfer
 * full) are the caller's (PpApiResult: pp_api_result_free; GVariant:
 * g_variant_unref; strings and GStrv: g_free / g_strfreev; PpScenario:
 * pp_scenario_free); every `const char *` result is borrowed and valid
 * until the next call that changes the engine (a call, an advance, a
 * load) or until the engine is freed.  Nothing here prints.
 *
 * Errors: API-level failures (bad parameters, wrong status, someone else's
 * resource) are not GErrors: they are answers, carried in PpApiResult with
 * the real code and HTTP status, exactly what the real service would send.
 * GError (PP_SIM_ERROR) is used only where the caller, not the API user, is
 * at fault: a scenario that cannot be loaded, an export that cannot be
 * built.
 *
 * Time: the engine has a simulated clock (seconds since the Unix epoch,
 * UTC) that starts at PP_ENGINE_EPOCH.  It moves only (1) by the per-call
 * tick, after each pp_engine_call() (default 1 second, see
 * pp_engine_set_tick()), and (2) through pp_engine_advance(),
 * pp_engine_advance_to(), pp_engine_settle() and pp_engine_wait().  Asynchronous operations
 * (ConnectRouterInterface, Deactivate, CreateVpcPeerConnection, route entry
 * creation, ...) put the resource in its transient status and schedule the
 * final one a fixed number of seconds later (docs/api.md lists the
 * durations); a scheduled transition happens when the clock reaches it, so
 * a client that polls sees the transient status first and the final one
 * later.
 *
 * Determinism: the engine is a pure function of (seed, the ordered
 * sequence of what was done to it: scenarios loaded, accounts added, ticks
 * set, pp_engine_call(), pp_engine_advance*, pp_engine_settle() and
 * pp_engine_wait() invocations with their arguments).  Ids (ri-, vrt-,
 * vtb-, rte-, pcc-, vpc-, vsw-), RequestIds, times and statuses derive only
 * from those: no wall clock, no global random source, no hash-table
 * iteration order (answers' keys are sorted, lists are in creation
 * order).  Every call counts, failed and read-only ones included
 * (each consumes a RequestId and a tick).  So a durable store can be a
 * journal: record the seed and scenario once, then append each call
 * (caller uid, version, action, parameters) and each clock advance before
 * acting on it; on restart, create a new engine with the same seed, load
 * the same scenario and replay the journal: the state, and every later
 * answer, is identical.  (Keep the engine single-threaded: calls are not
 * thread-safe.)
 */
#pragma once

#include <glib.h>
#include "model/pp-regions.h"
#include "model/pp-scenario.h"
#include "sim/pp-sim-error.h"

G_BEGIN_DECLS

/* 2026-01-01T00:00:00Z: where every engine's clock starts. */
#define PP_ENGINE_EPOCH G_GINT64_CONSTANT (1767225600)

/* The two API versions the engine answers. */
#define PP_API_VERSION_VPC      "2016-04-28"  /* product Vpc */
#define PP_API_VERSION_VPCPEER  "2022-01-01"  /* product VpcPeer */

typedef struct _PpEngine PpEngine;

/* The answer to one API call: either a success (code == NULL, http_status
 * 200, response set, or created_field set: see below) or an API error
 * (code set, e.g. "MissingParameter", http_status 400/403/404/500, message
 * set, response NULL).  request_id is always set (an upper-case UUID).
 * The result owns its fields. */
typedef struct {
  guint http_status;
  char *request_id;
  char *code;                 /* NULL on success */
  char *message;              /* NULL on success */
  /* The API version that answered (PP_API_VERSION_*; static), or NULL when
   * the action was not found. */
  const char *version;
  /* On success: a floating-free, fully owned GVariant of type a{sv} whose
   * keys and value types follow the official SDK response models: strings
   * "s", numbers "x" (int64), booleans "b", nested objects a{sv}, arrays
   * "av".  It always holds "RequestId".  Hand it to
   * json_gvariant_serialize() to get the real JSON body.  NULL in a
   * lean answer until pp_api_result_response() builds it. */
  GVariant *response;
  /* A lean answer (pp_engine_set_lean_answers()): a success whose whole
   * response is RequestId and the id it created (CreateRouteEntry:
   * RouteEntryId) holds the two here and no GVariant; the readers below
   * answer from them. */
  const char *created_field;  /* static; NULL otherwise */
  char *created_id;
} PpApiResult;

void      pp_api_result_free (PpApiResult *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpApiResult, pp_api_result_free)
/* TRUE on success. */
gboolean  pp_api_result_ok (const PpApiResult *r);
/* (transfer full) the body the real service sends: the response on success,
 * or {RequestId, HostId, Code, Message, Recommend} on error.  Type a{sv}. */
GVariant *pp_api_result_body (const PpApiResult *r);
/* (transfer none) the success response, built now and kept if the answer
 * was lean; NULL on error. */
GVariant *pp_api_result_response (PpApiResult *r);
/**
 * pp_api_error_body:
 * @version: (nullable) the API version that answers (PP_API_VERSION_*;
 *   NULL = Vpc): it decides HostId and the product in Recommend.
 * @code: the API error code ("InvalidParameter").
 * @message: (nullable) the Message.
 * @request_id: the RequestId.
 *
 * The one builder of the real service's error body, used by the engine's
 * answers and by the HTTP layer's own refusals (sim/serve).
 *
 * Returns: (transfer full) {RequestId, HostId, Code, Message, Recommend},
 *   type a{sv}, keys sorted.
 */
GVariant *pp_api_error_body (const char *version, const char *code, const char *message,
                             const char *request_id);
/* Reads a field of a success response by a dotted path, e.g.
 * "RouterInterfaceId", "RouterInterfaceSet.RouterInterfaceType.0.Status".
 * Array elements are addressed by their 0-based index.  Returns (transfer
 * full) the value as text (numbers in decimal, booleans "true"/"false"), or
 * NULL if the path does not lead to a scalar. */
char     *pp_api_result_get (const PpApiResult *r, const char *path);
/* (transfer none) The id a lean answer (pp_engine_set_lean_answers())
 * names in its field @path, or NULL: any other answer, or another field.
 * What the runner reads after every CreateRouteEntry of a plan, without
 * a copy. */
const char *pp_api_result_created (const PpApiResult *r, const char *path);

/* (transfer full) a scalar GVariant of an answer (a string, an int64, a
 * boolean, or a variant holding one) as text, as pp_api_result_get() and
 * workflow references read it; NULL otherwise. */
char     *pp_variant_scalar_text (GVariant *v);

/* The seed when none is given, the same for plan, run and serve, so that
 * a plan's ids are the ids a server started on the same scenario makes. */
#define PP_ENGINE_DEFAULT_SEED G_GUINT64_CONSTANT (20260101)

/**
 * pp_engine_new:
 * @regions: (transfer none) the region catalog; must outlive the engine.
 *   NULL = pp_regions_default().
 * @seed: the seed every id and RequestId derives from.
 *
 * Returns: (transfer full) an empty engine (no accounts) at PP_ENGINE_EPOCH.
 */
PpEngine *pp_engine_new (const PpRegions *regions, guint64 seed);
/* With @lean, a call whose answer is RequestId and one created id leaves
 * PpApiResult.response NULL and sets created_field and created_id: the
 * runner reads one field of each of a plan's million route entries, and
 * building the GVariant, then reading it back, was a quarter of the work.
 * The bytes of every report are the same.  Off by default (serve hands
 * responses to the HTTP layer, and an idempotent retry replays them). */
void      pp_engine_set_lean_answers (PpEngine *e, gboolean lean);
void      pp_engine_free (PpEngine *e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpEngine, pp_engine_free)

/**
 * pp_engine_load_scenario:
 * @sc: (transfer none) a loaded scenario; the engine copies what it needs.
 *
 * Creates the starting state the scenario declares as already existing:
 * its accounts (id, uid, AccessKey pair), VPCs (VpcId = the scenario's VPC
 * id; a VRouter vrt-... and a system route table vtb-... are generated
 * unless the scenario gives vrouter-id / route-table-id), vSwitches
 * (VSwitchId = the scenario's id) with their system route entries, and
 * instances.  It does NOT create the scenario's connections nor the routes
 * declared inside them: those are what the planner creates through API
 * calls.  Route entries declared in a VPC's <route-table> whose next hop is
 * an instance or another kind are created (Available); ones whose next hop
 * is a connection are skipped (they need the connection), and so is a
 * second entry for a destination (the real table cannot hold it).
 * May be called on an engine that already holds accounts; ids must not
 * collide.
 *
 * Returns: FALSE with PP_SIM_ERROR_INVALID_SCENARIO if an account uid,
 * id or AccessKey id, or a VPC/vSwitch/instance id, is already in the
 * engine, an AccessKey id is given to two accounts, or a region is
 * unknown; the engine is then unchanged (everything is checked before
 * anything is added).
 */
gboolean  pp_engine_load_scenario (PpEngine *e, const PpScenario *sc, GError **error);

/* Adds one account (uid: 16 digits).  @id is the scenario name ("A");
 * @access_key_id/@access_key_secret may be NULL.  FALSE with
 * PP_SIM_ERROR_INVALID_SCENARIO if the uid or id is taken. */
gboolean  pp_engine_add_account (PpEngine *e, const char *id, const char *uid,
                                 const char *access_key_id,
                                 const char *access_key_secret,
                                 GError **error);

/* The uid of the account called @account_id ("A"), or NULL. (transfer none) */
const char *pp_engine_account_uid (PpEngine *e, const char *account_id);
/* The uid of the account holding AccessKey @access_key_id, or NULL; if
 * @secret is not NULL it receives the secret (transfer none). */
const char *pp_engine_account_by_access_key (PpEngine *e, const char *access_key_id,
                                             const char **secret);

/**
 * pp_engine_call:
 * @caller_uid: the 16-digit uid of the account making the call (serve: the
 *   account whose AccessKey signed the request).  An unknown uid answers
 *   404 InvalidAccessKeyId.NotFound.
 * @version: PP_API_VERSION_VPC, PP_API_VERSION_VPCPEER, or NULL to pick the
 *   product from the action name.  An action of the other product answers
 *   404 InvalidAction.NotFound; an unknown version 400 InvalidVersion.
 * @action: "CreateRouterInterface", ...
 * @params: (transfer none) (nullable) string -> string, the flattened wire
 *   names exactly as the SDKs send them ("RegionId", "Filter.1.Key",
 *   "Filter.1.Value.1", "Tag.1.Key").  Common protocol parameters (Action,
 *   Version, Format, Timestamp, Signature*, AccessKeyId, ...) are ignored.
 *
 * Performs one API operation as @caller_uid, then advances the clock by the
 * tick.  An account sees and changes only its own resources (someone else's
 * resource id answers the operation's NotFound code), except where the real
 * API lets the other party act (the accepter of a VPC peering may get, list,
 * accept and reject it).
 *
 * Returns: (transfer full) the answer; never NULL.
 */
PpApiResult *pp_engine_call (PpEngine *e, const char *caller_uid,
                             const char *version, const char *action,
                             GHashTable *params);
/* The same with the parameters as NULL-terminated name, value pairs:
 * pp_engine_callv (e, uid, NULL, "ConnectRouterInterface",
 *                  "RegionId", "ap-northeast-1",
 *                  "RouterInterfaceId", id, NULL); */
PpApiResult *pp_engine_callv (PpEngine *e, const char *caller_uid,
                              const char *version, const char *action,
                              ...) G_GNUC_NULL_TERMINATED;

/* One parameter of pp_engine_call_list(). */
typedef struct {
  const char *name;
  const char *value;
} PpCallParam;

/* The same with the parameters as an array of @n_params pairs (a later
 * pair of the same name wins, as a later insert into the table would):
 * what the workflow runner calls, once for every step, without building
 * a hash table for five parameters. */
PpApiResult *pp_engine_call_list (PpEngine *e, const char *caller_uid,
                                  const char *version, const char *action,
                                  const PpCallParam *params, guint n_params);

/* The parameters of a CreateRouteEntry for one next hop, as they are
 * sent (NULL or "" for one not sent). */
typedef struct {
  const char *region_id;      /* RegionId */
  const char *route_table_id; /* RouteTableId */
  const char *destination;    /* DestinationCidrBlock */
  const char *next_hop_type;  /* NextHopType (NULL: Instance) */
  const char *next_hop_id;    /* NextHopId */
  const PpCidr *parsed;       /* the destination already parsed, or NULL
                                 (pp_engine_add_route_entry() needs it) */
} PpRouteEntryRequest;

/* CreateRouteEntry with these parameters and no other: the same rules
 * (table, region, destination, duplicates, quota, next hop and its
 * state), the same change and the same answer as pp_engine_call_list()
 * with them, without looking parameters up by name.  The planner makes
 * one a route, 1.6 million on the largest estate (issue 13). */
PpApiResult *pp_engine_create_route_entry (PpEngine *e, const char *caller_uid,
                                           const PpRouteEntryRequest *rq);

/* What pp_engine_add_route_entry() made. */
typedef struct {
  char request_id[40];        /* the call's RequestId */
  const char *route_entry_id; /* the new entry's id (borrowed) */
  const char *status;         /* its status right after the call */
} PpRouteEntryMade;

/* pp_engine_create_route_entry() for a caller that reads no answer (a
 * plan's routes): @rq's destination given parsed (@rq->parsed; its text
 * may be NULL).  When the call succeeds, the same change, the same ids
 * drawn and the same clock as pp_engine_create_route_entry(), what it made
 * in @made, and TRUE.  When it would fail (any rule), FALSE, having
 * changed nothing but run the transitions due by now, as every call does
 * first: pp_engine_create_route_entry() then gives its error. */
gboolean pp_engine_add_route_entry (PpEngine *e, const char *caller_uid,
                                    const PpRouteEntryRequest *rq, PpRouteEntryMade *made);

/* TRUE if the engine implements @action (in @version, or in either when
 * @version is NULL). */
gboolean  pp_engine_has_action (const char *version, const char *action);
/* (transfer full) the sorted action names of @version (NULL = all). */
GStrv     pp_engine_actions (const char *version);

/* --- the simulated clock --- */

/* Now, in seconds since the epoch (UTC). */
gint64    pp_engine_now (PpEngine *e);
/* (transfer full) now as the API writes times: "2026-01-01T00:00:05Z". */
char     *pp_engine_now_iso (PpEngine *e);
/* Seconds the clock moves after each call (0 = it never moves by itself).
 * Default 1. Part of the determinism contract: journal it. */
void      pp_engine_set_tick (PpEngine *e, guint seconds);
/* Moves the clock forward by @seconds, running every scheduled transition
 * that falls due, in time order (ties in scheduling order). */
void      pp_engine_advance (PpEngine *e, guint64 seconds);
/* Moves the clock to @t if @t is later than now (else does nothing). */
void      pp_engine_advance_to (PpEngine *e, gint64 t);
/* The time of the next scheduled transition, or -1 if none is pending. */
gint64    pp_engine_next_event (PpEngine *e);
/* Advances until nothing is pending; returns the seconds advanced. */
guint64   pp_engine_settle (PpEngine *e);

/* Advances the clock one scheduled transition at a time until the resource
 * @id has @status (NULL: until it is gone) and returns TRUE; returns FALSE,
 * with the clock at the last transition it ran, when the status can no
 * longer come: nothing is pending, or the next transition is more than
 * @max_seconds after the call.  For `<wait for=... status=...>`. */
gboolean  pp_engine_wait (PpEngine *e, const char *id, const char *status,
                          guint64 max_seconds);

/* --- reading state (for the planner, the workflow runner and serve) --- */

/* The current Status of the resource with API id @id (ri-, pcc-, rte-,
 * vpc-, vsw-, vtb-), whoever owns it; NULL if there is no such resource
 * (a deleted one is gone).  (transfer none): a static string, valid after
 * the engine is freed. */
const char *pp_engine_status (PpEngine *e, const char *id);

/* The fields of an object named by its scenario id, for `${NAME.Field}`:
 * a VPC gives {VpcId, VRouterId, RouteTableId, RegionId, CidrBlock,
 * OwnerId}; a vSwitch {VSwitchId, VpcId, ZoneId, CidrBlock}; an instance
 * {InstanceId, PrivateIpAddress, VpcId, VSwitchId}; an account {Uid,
 * AccessKeyId}.  Any engine resource can also be named by its API id (ri-,
 * pcc-, rte-, vpc-, vsw-): it gives the fields its Describe/Get answer
 * shows.  Returns (transfer full) an a{sv}, or NULL if @name is unknown. */
GVariant *pp_engine_object (PpEngine *e, const char *name);
/* TRUE if pp_engine_object() knows @name (without building it). */
gboolean  pp_engine_has_object (PpEngine *e, const char *name);
/* (transfer full) one scalar field of pp_engine_object() as text, as
 * pp_variant_scalar_text() gives it; NULL if @name or the field is
 * unknown.  A VPC's ids and CIDR block (what a plan's route steps read
 * of it, once per VPC) come without building the object. */
char     *pp_engine_object_field (PpEngine *e, const char *name, const char *field);

/**
 * pp_engine_set_origin:
 * @id: a live resource's API id (ri-..., pcc-..., rte-...).
 * @origin: (nullable) the id of the scenario object it stands for (a
 *   connection's id for its router interfaces or its peering), or NULL to
 *   keep its own id in the export.
 * @line: the line of the scenario that declares it (0: unknown).
 *
 * Records which declared object a resource built by a call stands for, so
 * that the export names it as the scenario does (what the planner's steps
 * build).  Objects loaded from a scenario keep their ids and lines
 * already.
 *
 * Returns: FALSE when @id is not a live resource.
 */
gboolean pp_engine_set_origin (PpEngine *e, const char *id, const char *origin, guint line);

/**
 * pp_engine_to_scenario:
 * @name: the exported scenario's name (NULL = the loaded one's, or "engine").
 *
 * Exports the current state as a model scenario, so that `peerplan check`
 * and `graph` run on what was built: accounts, VPCs (with vrouter-id and
 * route-table-id), vSwitches, instances; each router-interface pair as one
 * router-interface connection (id = the initiating interface's id; ends
 * with their interface ids, charge, opposite interface and owner as set;
 * status = the initiator's Status, or the acceptor's when the initiator
 * is Active and the acceptor is not), an initiating interface with no
 * acceptor yet as a connection whose acceptor end is the VPC of its
 * OppositeRouterId (skipped if that router is unknown), each VPC peering
 * as a vpc-peer connection (id = pcc-..., status, bandwidth, link type);
 * custom route entries in their VPC (next hop = the connection holding the
 * router interface or peering, or the instance).  Deleted resources are
 * left out.  The export carries the file of the first scenario loaded and
 * each object's line (pp_engine_set_origin() for what calls built), and a
 * connection whose resources stand for a scenario connection carries that
 * connection's id.  Objects come in creation order, so the export is
 * deterministic.
 *
 * Returns: (transfer full) the scenario, or NULL with PP_SIM_ERROR_FAILED.
 */
PpScenario *pp_engine_to_scenario (PpEngine *e, const char *name, GError **error);
typedef enum {
  PP_EXPORT_ROUTES = 1 << 0,     /* the custom route entries */
  PP_EXPORT_ROUTE_IDS = 1 << 1,  /* ... with their rte- ids */
} PpExportFlags;

/* The same, with only what @flags asks for of the custom route entries:
 * none for a caller that reads only what was built and its statuses (a
 * plan whose scenario expects nothing of reachability: 1.6 M routes
 * copied for nobody on the largest estate), no ids for reachability,
 * which never names a route by its id (half the memory of the routes).
 * pp_engine_to_scenario() is PP_EXPORT_ROUTES | PP_EXPORT_ROUTE_IDS. */
PpScenario *pp_engine_to_scenario_full (PpEngine *e, const char *name, PpExportFlags flags,
                                        GError **error);

G_END_DECLS
