/* SPDX-License-Identifier: MIT */
/* pp-render-private.h: what the files that draw a scenario share, and
 * nobody else: the builder's state, its styles, and the helpers of
 * pp-render.c (graph helpers, sorting, labels), pp-render-marks.c
 * (findings and the trace), pp-render-topology.c (clusters and nodes),
 * pp-render-edges.c (connections) and pp-render-legend.c (title and
 * legend).  The Graphviz plumbing, which knows nothing of scenarios, is
 * pp-render-gv.h.
 */
#pragma once

#include "render/pp-render.h"
#include "render/pp-render-gv.h"

G_BEGIN_DECLS

#define COLOR_PLANNED "#8a8a8a"
#define COLOR_PENDING "#d98200"
#define COLOR_ACTIVE  "#2e9e44"
#define COLOR_FAILED  "#d62728"
#define COLOR_WARNING "#d98200"
#define COLOR_INFO    "#555555"
#define COLOR_TRACE   "#1f5fd1"
#define COLOR_MARK    "#6a3d9a"   /* cross-border / ticket markers */

#define MAX_ROUTE_LINES 6

typedef struct {
  GPtrArray *findings;        /* const PpFinding *, in the list's order */
  PpSeverity worst;
} Marks;

typedef struct {
  const PpScenario *sc;
  PpRenderOptions o;
  Agraph_t *g;
  /* indexes sorted by id */
  guint *vpc_order;           /* by account id, region id, vpc id */
  guint *conn_order;
  /* per object: findings that name it (NULL = none) */
  Marks **vpc_marks, **vsw_marks, **ecs_marks, **conn_marks, **acct_marks;
  GPtrArray **vpc_overlaps;   /* per VPC: "overlaps X on C" lines */
  GHashTable *trace_steps;    /* id -> GString "1, 4" of step numbers */
  GHashTable *nodes;          /* name -> Agnode_t * (borrowed) */
  GHashTable *parents;        /* Agnode_t * -> the (sub)graph it was made in */
  guint n_findings_drawn;
} Builder;

typedef struct {
  guint vswitches, instances, vpcs, regions, conns_inside;
} Counts;

/* pp-render.c: the builder's helpers, sorting, labels */
void pp_render_set (void *obj, const char *key, const char *value);
void pp_render_setf (void *obj, const char *key, const char *format, ...) G_GNUC_PRINTF (3, 4);
/* @text with its backslashes doubled, so Graphviz shows it as written
 * (labels and tooltips are escString: \\n, \\l, \\N are escapes). */
char *pp_render_esc (const char *text);
const char *pp_render_plural (guint n, const char *one, const char *many);
/* "1 VPC", "3 VPCs" appended with a separator. */
void pp_render_append_count (GString *s, guint n, const char *one, const char *many);
Agnode_t *pp_render_add_node (Builder *b, Agraph_t *parent, const char *name, const char *label, const char *tooltip);
Agnode_t *pp_render_find_node (Builder *b, const char *name);
Agedge_t *pp_render_add_edge (Builder *b, Agnode_t *t, Agnode_t *h, const char *id);
void pp_render_invisible_edge (Builder *b, Agnode_t *t, Agnode_t *h);
Agraph_t *pp_render_add_cluster (Agraph_t *parent, const char *name, const char *label, const char *tooltip);
int pp_render_cmp_vpc (gconstpointer a, gconstpointer b);
int pp_render_cmp_account (gconstpointer a, gconstpointer b);
int pp_render_cmp_conn (gconstpointer a, gconstpointer b);
int pp_render_cmp_vsw (gconstpointer a, gconstpointer b);
int pp_render_cmp_ecs (gconstpointer a, gconstpointer b);
int pp_render_cmp_route (gconstpointer a, gconstpointer b);
guint *pp_render_sorted_range (const PpScenario *sc, guint first, guint n, GCompareFunc cmp);
const char *pp_render_conn_status (Builder *b, guint ci);
void pp_render_style_status (void *edge, PpRenderStatus cls);
const char *pp_render_end_role (const PpConnection *c, guint side);
char *pp_render_end_node_name (const PpConnection *c, guint side);
/* "Large.1", "1000 Mbps Gold", "peering" */
char *pp_render_conn_capacity (const PpConnection *c);
char *pp_render_end_charge (const PpEnd *e);
gboolean pp_render_conn_cross_border (const PpScenario *sc, const PpConnection *c);
gboolean pp_render_marks_have_prefix (const Marks *m, const char *prefix);
/* The marker a ticket-* rule puts on a connection, and what the legend
 * says it means: one marker per rule, so a marker means one thing. */
typedef struct {
  const char *rule;
  const char *marker;
  const char *meaning;
} PpRenderTicketMark;
#define PP_RENDER_N_TICKET_MARKS 3
extern const PpRenderTicketMark pp_render_ticket_marks[PP_RENDER_N_TICKET_MARKS];

/* pp-render-marks.c: findings and the trace, per object */
void pp_render_mark (Marks **slot, const PpFinding *f);
void pp_render_marks_free_one (Marks *m);
void pp_render_marks_free (Marks **marks, guint n);
const char *pp_render_severity_color (PpSeverity s);
/* The VPCs a finding is about, in the order it names them, without
 * repeats: a VPC named directly, or through a vSwitch, an instance or (if
 * a VPC was named too) the far end of a connection. */
GArray *pp_render_finding_vpcs (const PpScenario *sc, const PpFinding *f);
gboolean pp_render_is_route_rule (const char *rule);
void pp_render_collect_findings (Builder *b);
/* "rule-a, rule-b": the rules of @m, without those starting with one of
 * @skip (they are told another way); NULL if none is left. */
char *pp_render_marks_rules_except (const Marks *m, const char * const *skip);
/* Appends the findings of @m to a tooltip. */
void pp_render_marks_tooltip (GString *tip, const Marks *m);
/* "⚠ route-missing → hub\l" for each route-* or reach-* finding of @m
 * whose subject is VPC @v: the route table to fix and the VPCs the
 * finding relates it to.  NULL if none. */
char *pp_render_route_finding_lines (Builder *b, const Marks *m, guint v);
void pp_render_collect_trace (Builder *b);
void pp_render_trace_free (gpointer p);
/* "✗ dropped here: no route matches" if the trace's packet is dropped in
 * VPC @vpc_id (and a line in @tip if not NULL); else NULL. */
char *pp_render_trace_drop (Builder *b, const char *vpc_id, GString *tip);
/* If @id is on the trace, styles @obj and adds the step to @tip. */
gboolean pp_render_trace_mark (Builder *b, void *obj, const char *id, GString *tip, gboolean cluster);

/* pp-render-topology.c: clusters and nodes */
void pp_render_count_vpc (const PpScenario *sc, guint v, Counts *c);
/* The node that stands for VPC @v at the builder's level. */
Agnode_t *pp_render_vpc_anchor (Builder *b, guint v);
void pp_render_add_topology (Builder *b);

/* pp-render-edges.c: connections */
void pp_render_add_connection (Builder *b, guint ci);
/* Region and account levels: one edge per pair of nodes, with counts. */
void pp_render_add_bundled_connections (Builder *b);

/* pp-render-legend.c: title and legend */
void pp_render_set_label (Builder *b);

/* pp-render-diff.c: the marks of PpRenderOptions.diff (added, changed,
 * removed) on the built graph, and its legend. */
void pp_render_add_diff (Builder *b);

G_END_DECLS
