/* SPDX-License-Identifier: MIT */
/* pp-diff.h: what a change does: two scenarios (OLD, NEW) compared.
 *
 * pp_diff_new() checks and prices both scenarios once each and returns
 * the comparison as data (a PpDiff); nothing here prints.  Writers
 * (sim/cli/diff-report.h: text, JSON, Markdown; report --diff) only
 * format it.  Every list is sorted, so the same inputs give the same
 * bytes.
 *
 *  - objects: accounts, VPCs, vSwitches, instances, connections, routes
 *    and waivers added, removed or changed, matched by id (a route, which
 *    may have no id, by its VPC and destination; a waiver by its rule and
 *    object), with the attributes that changed (old and new value as
 *    text);
 *  - findings: new, fixed and unchanged, matched by rule and the objects
 *    they name (never by line or message: a finding whose line moved is
 *    unchanged);
 *  - reachability: every pair of instances present in both whose ping
 *    result differs, with the hop where the new path now stops (or, when
 *    it now works, where it goes);
 *  - cost: per account, per connection and overall, per currency: old and
 *    new totals over the horizon, the monthly series of each, and whether
 *    a side depends on a missing price (then the delta is unknown);
 *  - quotas whose headroom shrank, and lead times (tickets) that NEW
 *    needs and OLD did not.
 *
 * OLD and NEW may have different scenario names and account UIDs: the
 * match is by id, and `notes` says what was matched and how.
 *
 * Ownership: a PpDiff borrows both scenarios (they must outlive it) and
 * owns everything else; strings in it are owned by it.
 */
#pragma once

#include <glib.h>
#include "model/pp-finding.h"
#include "model/pp-scenario.h"
#include "pricing/pp-estimate.h"

G_BEGIN_DECLS

typedef enum {
  PP_DIFF_ADDED,
  PP_DIFF_REMOVED,
  PP_DIFF_CHANGED,
  PP_DIFF_LAST
} PpDiffChange;

/* "added", "removed", "changed" */
const char *pp_diff_change_to_string (PpDiffChange c);

typedef struct {
  const char *name;           /* static: "cidr", "region", "type", ... */
  char *old_value;            /* NULL: absent in OLD */
  char *new_value;            /* NULL: absent in NEW */
} PpDiffAttr;

typedef struct {
  PpDiffChange change;
  const char *kind;           /* static: "account", "vpc", "vswitch", "instance",
                                 "connection", "route", "waiver" */
  char *id;                   /* a route: "VPC DESTINATION"; a waiver: "RULE OBJECT"
                                 ("RULE *" without object) */
  guint old_line;             /* 0 when added */
  guint new_line;             /* 0 when removed */
  GArray *attrs;              /* PpDiffAttr; changed objects only, else empty */
} PpDiffObject;

typedef enum {
  PP_DIFF_FINDING_NEW,
  PP_DIFF_FINDING_FIXED,
  PP_DIFF_FINDING_UNCHANGED,
  PP_DIFF_FINDING_LAST
} PpDiffFindingStatus;

/* "new", "fixed", "unchanged" */
const char *pp_diff_finding_status_to_string (PpDiffFindingStatus s);

typedef struct {
  PpDiffFindingStatus status;
  const PpFinding *finding;   /* NEW's finding (OLD's when fixed); borrowed from the diff */
} PpDiffFinding;

typedef struct {
  char *from;                 /* instance ids */
  char *to;
  gboolean old_ok;
  gboolean new_ok;
  char *where;                /* NEW: where the path now stops ("dropped in vpc-sv: no route
                                 to 172.16.0.41 (the reply)") or goes ("delivered over tokyo-sv") */
  char *old_trace;            /* both directions, pp_reach_result_format() */
  char *new_trace;
} PpDiffReach;

typedef struct {
  const char *kind;           /* static: "account", "connection", "overall" */
  char *id;                   /* NULL for "overall" */
  PpCurrency currency;
  gboolean in_old;            /* the object exists (and has figures) in OLD */
  gboolean in_new;
  guint64 old_minor;          /* over the horizon; 0 when absent */
  guint64 new_minor;
  gint64 delta_minor;         /* new - old */
  gboolean old_incomplete;    /* a charged side has no price: the delta is unknown */
  gboolean new_incomplete;
  guint64 *old_monthly;       /* [months]; NULL when absent */
  guint64 *new_monthly;
  char *old_sources;          /* the chosen prices' sources, "; "-joined; NULL when none */
  char *new_sources;
  gboolean maybe_changed;     /* a side has no price and the change touches what is priced
                                 here (the connection or one of its VPCs): the priced part may be
                                 equal while the whole is not */
} PpDiffCost;

typedef struct {
  const char *rule;           /* quota rule id (borrowed from the catalog) */
  const char *unit;
  guint limit;
  char *old_object;           /* the busiest object; NULL when none */
  char *new_object;
  gint64 old_headroom;
  gint64 new_headroom;
} PpDiffQuota;

typedef struct {
  const char *rule;           /* ticket rule id */
  char *object;               /* connection id or quota name */
  char *what;
  gboolean dated;
  GDate earliest;
  GDate latest;
} PpDiffLead;

typedef struct {
  const PpScenario *old_sc;
  const PpScenario *new_sc;
  PpFindings *old_findings;   /* all findings of each side (check + pricing), sorted */
  PpFindings *new_findings;
  PpEstimate *old_estimate;
  PpEstimate *new_estimate;
  guint months;
  PpCurrency currency;
  GPtrArray *notes;           /* char *: what was matched and how */
  GArray *objects;            /* PpDiffObject, by kind then id */
  GArray *findings;           /* PpDiffFinding: new, fixed, then unchanged; each by severity (highest
                                 first), rule, objects */
  guint n_findings[PP_DIFF_FINDING_LAST];
  GArray *reach;              /* PpDiffReach, by from then to */
  gboolean reach_limited;     /* too many instances: only expect-reach pairs compared */
  GArray *costs;              /* PpDiffCost: accounts, connections, overall; by id, currency */
  GArray *quotas;             /* PpDiffQuota: headroom shrank */
  GArray *leads;              /* PpDiffLead: NEW needs it, OLD did not */
  gboolean old_ready_known;   /* the day every link carries traffic */
  gboolean new_ready_known;
  GDate old_ready;
  GDate new_ready;
} PpDiff;

/* More instances than this in both: reachability compares the
 * expect-reach pairs only (all pairs would be quadratic). */
#define PP_DIFF_MAX_REACH_INSTANCES 400

/* Compares @old_sc with @new_sc, both priced with @opts (NULL: defaults).
 * Errors: those of pp_estimate_new(). */
PpDiff  *pp_diff_new (const PpScenario *old_sc, const PpScenario *new_sc,
                      const PpPricingOptions *opts, GError **error);
void     pp_diff_free (PpDiff *d);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpDiff, pp_diff_free)

/* TRUE when nothing differs (objects, findings, reachability, cost,
 * quotas, lead times). */
gboolean pp_diff_is_empty (const PpDiff *d);
/* The new findings at @severity or above (what fails a gate; fixed
 * findings never do). */
guint    pp_diff_new_at_least (const PpDiff *d, PpSeverity severity);
/* The cost rows that changed (delta != 0, or present on one side only,
 * or completeness changed) or may have (maybe_changed: the delta is
 * unknown, never "unchanged"). */
gboolean pp_diff_cost_changed (const PpDiffCost *c);

G_END_DECLS
