/* SPDX-License-Identifier: MIT */
/* pp-render.h: the topology of a scenario as a Graphviz graph.
 *
 * pp_render_build() turns a PpScenario into a cgraph graph: nested clusters
 * account > region > VPC (CIDR) > vSwitch (zone, CIDR) > instances (IP), the
 * ends of each connection (router interfaces, peering ends) as nodes on
 * their VPC, each connection as an edge between its ends, and each VPC's
 * route table as one compact node.  Style carries meaning, explained by a
 * legend drawn in the graph: connection status, findings, cross-border and
 * ticketed pairs, and an optional reachability trace.
 *
 * Everything beyond the scenario is optional (PpRenderOptions): findings,
 * a simulated status per connection, a cost label per connection, a trace.
 * A NULL options pointer draws the declared topology alone.
 *
 * Determinism: objects are inserted sorted by id, node and cluster names
 * are derived from the objects' ids ("vpc:vpc-tokyo", "cluster:vpc:..."),
 * and the graph uses an id discipline that keeps creation order, so the DOT
 * text of a scenario is the same bytes on every run.  pp_render_to_dot()
 * writes the graph without layout: that text is what tests compare.  Laid
 * out output (SVG, PNG, PDF) goes through gvc; every node, cluster and edge
 * carries an `id` and a `tooltip`, so SVG is usable in a browser.
 *
 * Nothing here prints: Graphviz's messages are captured into the GError
 * (domain PP_RENDER_ERROR).
 */
#pragma once

#include <glib.h>
#include <graphviz/gvc.h>
#include "model/pp-scenario.h"
#include "model/pp-finding.h"
#include "render/pp-render-error.h"

G_BEGIN_DECLS

/* How much detail: everything below the level is aggregated into counts. */
typedef enum {
  PP_RENDER_LEVEL_ACCOUNT,
  PP_RENDER_LEVEL_REGION,
  PP_RENDER_LEVEL_VPC,
  PP_RENDER_LEVEL_VSWITCH,
  PP_RENDER_LEVEL_INSTANCE,   /* the default: everything */
  PP_RENDER_LEVEL_LAST
} PpRenderLevel;

/* A reachability check's path, highlighted on the drawing.  @hops are the
 * ids of the objects the packets visit, in order (instances, vSwitches,
 * VPCs, connections), up to where one is dropped: nothing after the drop
 * is drawn as visited; ids that name nothing drawn are ignored.  The VPC
 * that drops the packet (@dropped_in) is marked on its route table (its
 * node at --level vpc) with @drop_reason. */
typedef struct {
  const char *from;           /* instance id */
  const char *to;             /* instance id */
  const char * const *hops;   /* NULL-terminated; may be NULL */
  gboolean reached;
  const char *verdict;        /* one line for the legend; NULL = none */
  const char *dropped_in;     /* VPC id; NULL when reached */
  const char *drop_reason;    /* "no route matches"; NULL = none given */
} PpRenderTrace;

/* Optional label for connection @connection (an index of sc->connections):
 * a newly allocated string, or NULL for none. */
typedef char *(*PpRenderConnLabelFunc) (const PpScenario *sc, guint connection,
                                        gpointer user_data);
/* Optional status of connection @connection (e.g. the simulated one);
 * borrowed, NULL = the declared status. */
typedef const char *(*PpRenderConnStatusFunc) (const PpScenario *sc, guint connection,
                                              gpointer user_data);

/* A diagram of a change (graph --diff): NEW drawn with the objects a
 * diff names marked.  Each list is NULL-terminated "KIND:ID" (KIND one of
 * account, vpc, vswitch, instance, connection; other kinds are ignored),
 * in the order to draw them.  Added objects are drawn green and bold,
 * changed ones orange with "(changed: ATTRS)" in the tooltip; removed
 * ones, which NEW does not hold, are drawn faded (grey, dashed, struck
 * through) in a cluster of their own; the legend explains the styles. */
typedef struct {
  const char * const *added;
  const char * const *changed;
  const char * const *changed_why;  /* parallel to @changed: the attributes */
  const char * const *removed;
} PpRenderDiff;

typedef struct {
  PpRenderLevel level;              /* see pp_render_options_init() */
  const char *title;                /* NULL = the scenario's name */
  gboolean no_legend;
  const PpFindings *findings;       /* NULL = none drawn */
  PpRenderConnLabelFunc cost;       /* NULL = no cost on the edges */
  PpRenderConnStatusFunc status;    /* NULL = declared statuses */
  gpointer user_data;               /* for @cost and @status */
  const PpRenderTrace *trace;       /* NULL = no trace */
  const PpRenderDiff *diff;         /* NULL = not a diff */
} PpRenderOptions;

/* Sets @opts to the defaults: level instance, legend on, nothing else. */
void        pp_render_options_init (PpRenderOptions *opts);

const char *pp_render_level_to_string (PpRenderLevel level);
gboolean    pp_render_level_from_string (const char *s, PpRenderLevel *out);

/* Status classes, as styled and explained by the legend. */
typedef enum {
  PP_RENDER_STATUS_PLANNED,   /* not created yet, or Idle */
  PP_RENDER_STATUS_PENDING,   /* Connecting, Activating, Accepting, ... */
  PP_RENDER_STATUS_ACTIVE,    /* Active, Activated */
  PP_RENDER_STATUS_FAILED,    /* Inactive, Rejected, Expired, Deleted, failed ... */
  PP_RENDER_STATUS_LAST
} PpRenderStatus;

/* The class of a status string as the real API spells it (NULL = planned). */
PpRenderStatus pp_render_status_classify (const char *status);

/* A PpRenderConnLabelFunc for PpRenderOptions.cost: what each charged side
 * of @connection pays a month under the declared billing choice, from
 * @estimate (a const PpEstimate * of pricing/pp-estimate.h); "ACCOUNT: no
 * price" for a side that is charged but unpriced; NULL when nobody pays. */
char       *pp_render_cost_label (const PpScenario *sc, guint connection, gpointer estimate);

/* Graphviz's graph, freed with agclose() (g_autoptr (Agraph_t)). */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Agraph_t, agclose)

/* (transfer full) the graph; free it with agclose().  @opts may be NULL. */
Agraph_t   *pp_render_build (const PpScenario *sc, const PpRenderOptions *opts,
                             GError **error);

/* (transfer full) the DOT text of @sc, without layout (byte-stable). */
char       *pp_render_to_dot (const PpScenario *sc, const PpRenderOptions *opts,
                              GError **error);

/* TRUE if @format is one pp_render_to_file() and pp_render_to_bytes()
 * accept: "dot", "svg", "png", "pdf". */
gboolean    pp_render_format_supported (const char *format);

/* Lays @sc out with dot and renders it as @format ("dot" writes the same
 * unlaid-out text as pp_render_to_dot()).  @gvc may be NULL: then render's
 * own process-wide context is used (made once, kept until exit).  A
 * process must not make a second context after freeing one: Graphviz 2.42
 * keeps a text cache across contexts and reads freed memory. */
gboolean    pp_render_to_file (GVC_t *gvc, const PpScenario *sc,
                               const PpRenderOptions *opts,
                               const char *format, const char *file,
                               GError **error);
/* Same, into memory. */
GBytes     *pp_render_to_bytes (GVC_t *gvc, const PpScenario *sc,
                                const PpRenderOptions *opts,
                                const char *format, GError **error);

G_END_DECLS
