/* SPDX-License-Identifier: MIT */
/* pp-route-table.h: the effective route table of every VPC, and
 * longest-prefix match over it.
 *
 * A VPC's effective table holds its system routes (one per vSwitch CIDR,
 * delivered locally) and its custom routes (PpRoute: next hop a connection,
 * an instance, or another gateway kept by name).  All tables live in one
 * flat array of PpRouteEntry sorted by (vpc, address, prefix length); a
 * VPC's entries are the contiguous slice pp_route_tables_entries() returns.
 *
 * Prefixes never cross, they nest or are disjoint, so each entry records its
 * parent: the nearest entry of the same VPC that strictly contains it.  A
 * lookup is a binary search for the last entry at or before the key followed
 * by a walk up the parents (at most 32 steps): O(log n + 32), and building is
 * one sort, O(n log n).  Nothing is ever compared pairwise.
 *
 * Several entries with the same destination in one table (the real API
 * refuses the second one) are kept apart: the first one (system routes
 * before custom ones, then in document order) is the table's entry, the
 * others are listed by pp_route_tables_duplicates() and never match.
 *
 * The tables borrow nothing from the scenario but indices; they stay valid
 * as long as the scenario they were built from is not changed.
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

typedef struct {
  PpCidr destination;
  guint8 kind;                /* PpRouteKind */
  guint vpc;                  /* whose table holds it */
  guint target;               /* vSwitch, connection or instance index; PP_NONE for OTHER */
  guint route;                /* index into the scenario's routes; PP_NONE for a system route */
  guint parent;               /* index of the nearest enclosing entry of the same VPC, or PP_NONE */
} PpRouteEntry;

typedef struct _PpRouteTables PpRouteTables;

/* Builds the tables of every VPC of @sc (transfer full). */
PpRouteTables *pp_route_tables_new (const PpScenario *sc);
/* Builds tables from @entries (PpRouteEntry; destination, kind, vpc, target
 * and route set, parent ignored) for VPCs 0 .. @n_vpcs - 1.  Entries that
 * name an equal destination in one VPC keep the order of @entries: the
 * first wins.  @entries is copied. */
PpRouteTables *pp_route_tables_new_from_entries (guint n_vpcs, const PpRouteEntry *entries, guint n_entries);
void           pp_route_tables_free (PpRouteTables *rt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpRouteTables, pp_route_tables_free)

guint pp_route_tables_n_vpcs (const PpRouteTables *rt);
/* Every entry that takes part in lookups, all VPCs; @n receives the count. */
const PpRouteEntry *pp_route_tables_all (const PpRouteTables *rt, guint *n);
/* The entries of @vpc, sorted by destination (address, then length). */
const PpRouteEntry *pp_route_tables_entries (const PpRouteTables *rt, guint vpc, guint *n);
/* The entry at global index @i (as in PpRouteEntry.parent and PpHop.entry). */
const PpRouteEntry *pp_route_tables_entry (const PpRouteTables *rt, guint i);
guint pp_route_tables_entry_index (const PpRouteTables *rt, const PpRouteEntry *e);

/* Longest-prefix match of @ip in the table of @vpc: the entry, or NULL when
 * no entry contains @ip. */
const PpRouteEntry *pp_route_tables_lookup (const PpRouteTables *rt, guint vpc, guint32 ip);
/* The longest entry of @vpc that contains the whole of @prefix (itself
 * included), or NULL. */
const PpRouteEntry *pp_route_tables_lookup_prefix (const PpRouteTables *rt, guint vpc, PpCidr prefix);

/* Entries that repeat the destination of an earlier one in the same table
 * (they are not in the lookup slice); for each, @winners[i] is the global
 * index of the entry that matches instead.  Both arrays are borrowed. */
const PpRouteEntry *pp_route_tables_duplicates (const PpRouteTables *rt, const guint **winners, guint *n);

/* The connections attached to @vpc (indices into sc->connections, sorted);
 * @n receives the count. */
const guint *pp_route_tables_connections (const PpRouteTables *rt, guint vpc, guint *n);

/* The VPC at the other end of connection @conn seen from @vpc, or PP_NONE
 * when @conn does not attach to @vpc. */
guint pp_connection_peer (const PpScenario *sc, guint conn, guint vpc);

const char *pp_route_kind_to_string (PpRouteKind k);

G_END_DECLS
