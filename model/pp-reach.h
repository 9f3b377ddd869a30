/* SPDX-License-Identifier: MIT */
/* pp-reach.h: reachability between two instances, with hop traces.
 *
 * A check is a ping: the request from one instance to the other and the
 * reply back must both arrive.  One direction is traced hop by hop:
 *
 *  1. In the source VPC the destination address is looked up (longest
 *     prefix match, pp-route-table.h).  A system route delivers locally; a
 *     connection route sends the packet over that connection if the
 *     connection attaches to this VPC and is usable (pp_connection_usable);
 *     any other next hop (an instance, a gateway) is not modelled.
 *  2. In the VPC it arrives in, the address is looked up again, and only a
 *     system route may take it: traffic that arrived over a connection is
 *     delivered inside that VPC and never forwarded again (router
 *     interfaces and VPC peerings are both non-transitive).
 *  3. Delivery needs the destination instance's vSwitch: a system route to
 *     another vSwitch (overlapping CIDRs) does not reach it.
 *
 * So a path has at most two hops and the work per check is two lookups,
 * whatever the size of the estate.  A failed direction says where the
 * packet was dropped (drop_vpc) and why (the last hop's result).
 */
#pragma once

#include <glib.h>
#include "model/pp-scenario.h"
#include "model/pp-route-table.h"

G_BEGIN_DECLS

typedef enum {
  PP_HOP_DELIVERED,           /* a system route to the destination's vSwitch */
  PP_HOP_FORWARDED,           /* left over a usable connection */
  PP_HOP_NO_ROUTE,            /* nothing in the table matches */
  PP_HOP_NOT_ATTACHED,        /* the route's connection does not attach to this VPC */
  PP_HOP_CONNECTION_DOWN,     /* the connection does not forward (status) */
  PP_HOP_NOT_TRANSITIVE,      /* arrived over a connection, routed out over one again */
  PP_HOP_WRONG_VSWITCH,       /* a system route to a vSwitch that does not hold the destination */
  PP_HOP_UNMODELLED,          /* next hop is an instance or another gateway */
  PP_HOP_LAST
} PpHopResult;

typedef struct {
  guint vpc;                  /* the VPC whose table was consulted */
  guint entry;                /* the matching entry (pp_route_tables_entry), PP_NONE if none */
  guint connection;           /* the connection the entry names, PP_NONE if none */
  PpHopResult result;
} PpHop;

typedef struct {
  guint from;                 /* instance indices: the packet goes from -> to */
  guint to;
  guint32 src;                /* addresses */
  guint32 dst;
  GArray *hops;               /* PpHop, in order; the last one says how it ended */
  guint drop_vpc;             /* the VPC that dropped it; PP_NONE when delivered */
} PpReachPath;

typedef struct {
  gboolean ok;                /* both directions delivered */
  PpReachPath forward;        /* from -> to */
  PpReachPath reverse;        /* the reply: to -> from */
} PpReachResult;

/* Traces a ping from instance @from to instance @to over @rt (built from
 * @sc).  Clear the result with pp_reach_result_clear(). */
PpReachResult pp_reach_check (const PpScenario *sc, const PpRouteTables *rt,
                              guint from, guint to);
/* Traces one direction only; clear with pp_reach_path_clear(). */
PpReachPath   pp_reach_trace (const PpScenario *sc, const PpRouteTables *rt,
                              guint from, guint to);
void          pp_reach_path_clear (PpReachPath *path);
void          pp_reach_result_clear (PpReachResult *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PpReachResult, pp_reach_result_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PpReachPath, pp_reach_path_clear)

gboolean      pp_reach_path_ok (const PpReachPath *path);
/* The last hop of @path (there is always one). */
const PpHop  *pp_reach_path_last (const PpReachPath *path);

/* The trace as text, one hop a line, no trailing newline (transfer full):
 *   ecs-a (172.16.0.41) -> ecs-b (192.168.0.147): dropped in vpc-sv
 *     1. vpc-tokyo: 192.168.0.0/24 via tokyo-sv (router-interface, planned) -> vpc-sv
 *     2. vpc-sv: no route to 192.168.0.147: dropped
 */
char         *pp_reach_path_format (const PpScenario *sc, const PpRouteTables *rt,
                                    const PpReachPath *path);
/* Both directions, the request then the reply. */
char         *pp_reach_result_format (const PpScenario *sc, const PpRouteTables *rt,
                                      const PpReachResult *result);

/* The ids of the objects the packet visits, in order (transfer full,
 * NULL-terminated): the source instance, its vSwitch and VPC, then for each
 * connection crossed the connection and the VPC it arrives in, then the
 * destination's vSwitch and instance when delivered.  For drawing a trace
 * (render's PpRenderTrace.hops). */
GStrv         pp_reach_path_objects (const PpScenario *sc, const PpRouteTables *rt,
                                     const PpReachPath *path);
/* One line (transfer full): "ecs-a and ecs-b reach each other", or
 * "ecs-a cannot reach ecs-b: the reply is dropped in vpc-sv (no route
 * matches)". */
char         *pp_reach_result_summary (const PpScenario *sc, const PpReachResult *result);
/* Why a hop dropped the packet, as a phrase ("no route matches"). */
const char   *pp_hop_result_describe (PpHopResult r);

/* Whether connection @conn forwards traffic.  A router interface forwards
 * when Active, a VPC peering when Activated; a connection without a declared
 * status is planned and forwards once the plan has run, unless its ends do
 * not name each other (a wrong opposite interface or owner, or an empty
 * owner across accounts: the connect step would fail).  @why, if
 * not NULL, receives a static phrase for the state ("planned", "Active",
 * "Idle, not connected", ...). */
gboolean      pp_connection_usable (const PpScenario *sc, guint conn, const char **why);

const char   *pp_hop_result_to_string (PpHopResult r);

G_END_DECLS
