/* SPDX-License-Identifier: MIT */
/* pp-scenario.h: the declared topology of a scenario file, in memory.
 *
 * A PpScenario owns every object it holds.  Objects live in compact arrays
 * (GArray of plain structs) in document order and refer to each other by
 * index, never by pointer, so a scenario of tens of thousands of VPCs stays
 * a handful of allocations.  Strings (ids, names) are interned in the
 * scenario's string chunk: a `const char *` field is borrowed and lives as
 * long as the scenario.  Every object keeps the line of the element that
 * declared it; the file name is the scenario's.
 *
 * Invariants after a successful load:
 *  - ids are unique per kind, and every reference is resolved to an index;
 *  - a VPC's vSwitches are contiguous in `vswitches` (first_vswitch,
 *    n_vswitches), and a vSwitch's instances contiguous in `instances`;
 *  - every CIDR is normalised; values that did not parse were input errors.
 *
 * Getters return borrowed pointers valid while the scenario lives; anything
 * returned by a _new, _format or _to_ function is owned by the caller.
 */
#pragma once

#include <glib.h>
#include "model/pp-cidr.h"
#include "model/pp-regions.h"
#include "model/pp-enum.h"
#include "model/pp-price.h"
#include "model/pp-finding.h"

G_BEGIN_DECLS

#define PP_NONE G_MAXUINT32   /* an absent index */

typedef enum {
  PP_CONN_ROUTER_INTERFACE,   /* legacy Express Connect VPC-to-VPC */
  PP_CONN_VPC_PEER,           /* VpcPeer 2022-01-01 */
  PP_CONN_LAST
} PpConnType;

typedef enum {
  PP_CHARGE_UNSET,
  PP_CHARGE_SUBSCRIPTION,     /* PrePaid */
  PP_CHARGE_PAY_AS_YOU_GO,    /* PostPaid */
  PP_CHARGE_LAST
} PpCharge;

typedef enum {
  PP_CYCLE_MONTH,
  PP_CYCLE_YEAR,
  PP_CYCLE_LAST
} PpCycle;

typedef enum {
  PP_NEXT_HOP_CONNECTION,     /* RouterInterface or VpcPeer, by connection */
  PP_NEXT_HOP_INSTANCE,       /* an ECS instance of the VPC */
  PP_NEXT_HOP_OTHER,          /* any other NextHopType, kept by name */
  PP_NEXT_HOP_LAST
} PpNextHopKind;

typedef struct {
  const char *id;
  const char *uid;            /* 16 digits */
  const char *name;           /* NULL when absent */
  const char *access_key_id;      /* NULL when absent */
  const char *access_key_secret;  /* NULL when absent */
  guint line;
} PpAccount;

typedef struct {
  const char *id;
  const char *name;           /* NULL when absent */
  guint account;              /* index into accounts */
  const PpRegion *region;     /* borrowed from the region catalog */
  PpCidr cidr;
  const char *vrouter_id;     /* NULL unless given (e.g. exported by serve) */
  const char *route_table_id; /* NULL unless given */
  const char *origin;         /* where an imported object came from (a
                                 Terraform address); NULL otherwise */
  guint first_vswitch;
  guint n_vswitches;
  guint line;
} PpVpc;

typedef struct {
  const char *id;
  const char *name;           /* NULL when absent */
  guint vpc;
  const char *zone;
  PpCidr cidr;
  const char *origin;         /* see PpVpc */
  guint first_instance;
  guint n_instances;
  guint line;
} PpVSwitch;

typedef struct {
  const char *id;
  const char *name;           /* NULL when absent */
  guint vswitch;
  guint32 ip;
  const char *origin;         /* see PpVpc */
  guint line;
} PpInstance;

/* One side of a connection: initiator/acceptor for a router interface,
 * requester/accepter for a VPC peering. */
typedef struct {
  guint vpc;
  PpCharge charge;
  guint period;               /* 0 when not given */
  PpCycle cycle;
  const char *interface_id;   /* the end's own RI id, if declared */
  const char *opposite_interface; /* what this end names as its opposite */
  const char *opposite_owner; /* the owner uid it names; NULL = not declared,
                                 "" = declared empty */
  guint line;
} PpEnd;

typedef struct {
  const char *id;
  PpConnType type;
  const char *spec;           /* router-interface: Large.1 etc.; NULL if absent */
  guint bandwidth;            /* Mbps; 0 when absent */
  const char *link_type;      /* vpc-peer: Gold/Platinum; NULL if absent */
  const char *status;         /* declared status, NULL = planned */
  PpEnd ends[2];              /* [0] initiator/requester, [1] acceptor/accepter */
  const char *origin;         /* see PpVpc */
  guint line;
} PpConnection;

/* A custom route entry, declared either inside a <connection> (next hop =
 * that connection) or in a VPC's <route-table>. */
typedef struct {
  /* 24 bytes: an estate holds 1.6 M routes, and reading and checking
   * them is bound by memory traffic.  What few routes have besides is in
   * PpRouteNames (pp_scenario_route_names). */
  guint vpc;                  /* the VPC whose route table holds it */
  PpCidr destination;
  PpNextHopKind next_hop_kind;
  guint next_hop;             /* connection or instance index; PP_NONE for OTHER */
  guint line;
} PpRoute;

G_STATIC_ASSERT (sizeof (PpRoute) == 24);

/* A route's strings, which most routes do not have (all NULL then). */
typedef struct {
  const char *next_hop_name;  /* PP_NEXT_HOP_OTHER: "NatGateway:ngw-1" */
  const char *id;             /* rte- id when declared, else NULL */
  const char *origin;         /* see PpVpc */
} PpRouteNames;

typedef struct {
  guint from;                 /* instance index */
  guint to;
  guint line;
  gboolean isolated;          /* reachable="false": the ping must fail */
} PpExpectReach;

/* A <waive>: findings of @rule (naming @object, when given) are accepted
 * for @reason until the end of @until. */
typedef struct {
  const char *rule;           /* static: the rule table's id */
  const char *object;         /* NULL: every finding of the rule */
  const char *reason;
  gboolean has_until;
  GDate until;
  guint line;
} PpWaiver;

typedef enum {
  PP_KIND_ACCOUNT,
  PP_KIND_VPC,
  PP_KIND_VSWITCH,
  PP_KIND_INSTANCE,
  PP_KIND_CONNECTION,
  PP_KIND_LAST
} PpKind;

typedef struct _PpScenario PpScenario;

struct _PpScenario {
  const char *name;
  const char *file;           /* as given to the loader; "<builtin>" etc. */
  gboolean has_purchase_date; /* purchase-date="YYYY-MM-DD", parsed when read */
  GDate purchase_date;
  GStringChunk *strings;
  GArray *accounts;           /* PpAccount */
  GArray *vpcs;               /* PpVpc */
  GArray *vswitches;          /* PpVSwitch */
  GArray *instances;          /* PpInstance */
  GArray *connections;        /* PpConnection */
  GArray *routes;             /* PpRoute */
  GArray *route_names;        /* PpRouteNames of routes 0, 1, ...: NULL until a
                                 route has one, and maybe shorter than routes
                                 (pp_scenario_route_names) */
  GArray *expects;            /* PpExpectReach */
  GArray *prices;             /* PpPrice: the scenario's <price> quotes, document order */
  GArray *usages;             /* PpUsage: <usage> of the connections, document order */
  GArray *waivers;            /* PpWaiver: <waive>, document order */
  PpFindings *notes;          /* what loading found worth saying (an
                                 importer's info lines); NULL = none */
  GHashTable *index[PP_KIND_LAST]; /* interned id -> index + 1; see pp_scenario_lookup */
  guint line;                 /* of <scenario> */
};

PpScenario *pp_scenario_new (const char *file);
void        pp_scenario_free (PpScenario *sc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpScenario, pp_scenario_free)

/* Returns the index of the object of @kind called @id, or PP_NONE. */
guint       pp_scenario_lookup (const PpScenario *sc, PpKind kind, const char *id);
/* Interns @s in the scenario's string chunk (NULL stays NULL). */
const char *pp_scenario_intern (PpScenario *sc, const char *s);
/* A copy of @s kept with the scenario's strings, not interned: for strings
 * known to be unique (route entry ids of an export), which interning would
 * give a slot and a lookup each for nothing. */
const char *pp_scenario_keep (PpScenario *sc, const char *s);
/* Registers @id for @kind at @index; FALSE if the id is already taken. */
gboolean    pp_scenario_register (PpScenario *sc, PpKind kind, const char *id, guint index);

#define pp_scenario_account(sc, i)    (&g_array_index ((sc)->accounts, PpAccount, (i)))
#define pp_scenario_vpc(sc, i)        (&g_array_index ((sc)->vpcs, PpVpc, (i)))
#define pp_scenario_vswitch(sc, i)    (&g_array_index ((sc)->vswitches, PpVSwitch, (i)))
#define pp_scenario_instance(sc, i)   (&g_array_index ((sc)->instances, PpInstance, (i)))
#define pp_scenario_connection(sc, i) (&g_array_index ((sc)->connections, PpConnection, (i)))
#define pp_scenario_route(sc, i)      (&g_array_index ((sc)->routes, PpRoute, (i)))

/* The index of @rt, a route of @sc's. */
#define pp_scenario_route_index(sc, rt) ((guint) ((rt) - (const PpRoute *) (gconstpointer) (sc)->routes->data))

/* Appends route @rt with @names (NULL: none); returns its index. */
guint pp_scenario_add_route (PpScenario *sc, const PpRoute *rt, const PpRouteNames *names);
/* The strings of route @i: all NULL when it has none. */
const PpRouteNames *pp_scenario_route_names (const PpScenario *sc, guint i);

/* The account that owns VPC @vpc. */
const PpAccount *pp_scenario_vpc_account (const PpScenario *sc, guint vpc);

/* "router-interface", "vpc-peer" */
PP_ENUM_DECL (pp_conn_type, PpConnType);
/* "unset", "subscription", "pay-as-you-go" (a reader refuses "unset") */
PP_ENUM_DECL (pp_charge, PpCharge);
/* "month", "year" */
PP_ENUM_DECL (pp_cycle, PpCycle);
/* The origin (e.g. Terraform address) of the VPC, vSwitch, instance or
 * connection called @id, or NULL when it has none. */
const char *pp_scenario_origin (const PpScenario *sc, const char *id);
/* For each finding of @f from index @from on, names the origins of the
 * objects it names: the origin replaces the id in `objects`, is listed in
 * `addresses`, and the message says which id is which address.  Call it
 * once per scenario on the findings its checks added. */
void        pp_scenario_name_origins (const PpScenario *sc, PpFindings *f, guint from);


G_END_DECLS
