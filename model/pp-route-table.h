/* SPDX-License-Identifier: MIT */
/* pp-route-table.h: the effective route table of every VPC, and
 * longest-prefix match over it.
 *
 * A VPC's effective table holds its system routes (one per vSwitch CIDR,
 * delivered locally) and its custom routes (PpRoute: next hop a connection,
 * an instance, or another gateway kept by name).  All tables live in one
 * array of entry references sorted by (vpc, address, prefix length); VPC
 * v's entries are the indices pp_route_tables_range() gives.  An entry is
 * 8 bytes (a reference to the vSwitch or PpRoute it comes from, and its
 * parent): the scenario already holds the routes, and the tables do not
 * copy them.
 *
 * Prefixes never cross, they nest or are disjoint, so each entry records its
 * parent: the nearest entry of the same VPC that strictly contains it.  A
 * lookup is a binary search for the last entry at or before the key followed
 * by a walk up the parents (at most 32 steps): O(log n + 32).  Building is a
 * counting sort by VPC and a sort of each table, O(n log n).  Nothing is
 * ever compared pairwise.
 *
 * Several entries with the same destination in one table (the real API
 * refuses the second one) are kept apart: the first one (system routes
 * before custom ones, then in document order) is the table's entry, the
 * others are listed by pp_route_tables_duplicate() and never match.
 *
 * The tables borrow the scenario they were built from: it must outlive
 * them and not change.
 */
#pragma once

#include <glib.h>
#include "model/pp-cidr.h"
#include "model/pp-scenario.h"

G_BEGIN_DECLS

typedef enum {
  PP_ROUTE_SYSTEM,            /* a vSwitch CIDR: local delivery; target = vSwitch */
  PP_ROUTE_CONNECTION,        /* target = connection (RouterInterface or VpcPeer) */
  PP_ROUTE_INSTANCE,          /* target = instance */
  PP_ROUTE_OTHER,             /* another next hop, kept by name in the PpRoute */
  PP_ROUTE_LAST
} PpRouteKind;

/* One entry, as a value (pp_route_tables_entry() fills it). */
typedef struct {
  PpCidr destination;
  PpRouteKind kind;
  guint vpc;                  /* whose table holds it */
  guint target;               /* vSwitch, connection or instance index; PP_NONE for OTHER */
  guint route;                /* index into the scenario's routes; PP_NONE for a system route */
} PpRouteEntry;

typedef struct _PpRouteTables PpRouteTables;

/* Builds the tables of every VPC of @sc (transfer full; borrows @sc). */
PpRouteTables *pp_route_tables_new (const PpScenario *sc);
/* Builds tables from @entries (copied) for VPCs 0 .. @n_vpcs - 1, with no
 * scenario behind them (no connections): for tests and tools.  Entries that
 * name an equal destination in one VPC keep the order of @entries: the
 * first wins.  Returns NULL if an entry names a VPC out of range. */
PpRouteTables *pp_route_tables_new_from_entries (guint n_vpcs, const PpRouteEntry *entries, guint n_entries);
void           pp_route_tables_free (PpRouteTables *rt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpRouteTables, pp_route_tables_free)

guint        pp_route_tables_n_vpcs (const PpRouteTables *rt);
/* The number of entries that take part in lookups, all VPCs. */
guint        pp_route_tables_n_entries (const PpRouteTables *rt);
/* VPC @vpc's entries are the indices @first .. @end - 1, sorted by
 * destination (address, then length). */
void         pp_route_tables_range (const PpRouteTables *rt, guint vpc, guint *first, guint *end);
/* Entry @i (an index as above, or as in PpHop.entry). */
PpRouteEntry pp_route_tables_entry (const PpRouteTables *rt, guint i);
PpCidr       pp_route_tables_destination (const PpRouteTables *rt, guint i);
/* Whether entry @i is a system route (cheap: no look at the scenario). */
gboolean     pp_route_tables_is_system (const PpRouteTables *rt, guint i);
/* The index of the nearest entry of the same VPC that strictly contains
 * entry @i, or PP_NONE. */
guint        pp_route_tables_parent (const PpRouteTables *rt, guint i);

/* Longest-prefix match of @ip in the table of @vpc: an entry index, or
 * PP_NONE when no entry contains @ip. */
guint        pp_route_tables_lookup (const PpRouteTables *rt, guint vpc, guint32 ip);
/* The longest entry of @vpc that contains the whole of @prefix (itself
 * included), or PP_NONE. */
guint        pp_route_tables_lookup_prefix (const PpRouteTables *rt, guint vpc, PpCidr prefix);

/* Entries that repeat the destination of an earlier one in the same table
 * (they take no part in lookups): their number, and each one with the
 * index of the entry that matches instead (@winner). */
guint        pp_route_tables_n_duplicates (const PpRouteTables *rt);
PpRouteEntry pp_route_tables_duplicate (const PpRouteTables *rt, guint i, guint *winner);

/* The connections attached to @vpc (indices into sc->connections, sorted);
 * @n receives the count. */
const guint *pp_route_tables_connections (const PpRouteTables *rt, guint vpc, guint *n);

/* The VPCs joined to @vpc, one per connection (so a VPC joined twice is
 * listed twice), sorted by CIDR block (address, length, index); @n
 * receives the count.  Empty for tables built from bare entries. */
const guint *pp_route_tables_neighbours (const PpRouteTables *rt, guint vpc, guint *n);

/* The VPC at the other end of connection @conn seen from @vpc, or PP_NONE
 * when @conn does not attach to @vpc. */
guint        pp_connection_peer (const PpScenario *sc, guint conn, guint vpc);

const char  *pp_route_kind_to_string (PpRouteKind k);

G_END_DECLS
