/* SPDX-License-Identifier: MIT */
/* html-report.h: the one-page HTML design review of `peerplan report`
 * (docs/review.md).
 *
 * One self-contained file: the style (data/report/report.css) and the
 * script (data/report/report.js) inline and allowed by a
 * Content-Security-Policy of their SHA-256 hashes, nothing fetched; the
 * diagram and the cost chart inline as SVG.  Sections: (with a diff) the
 * change as tables (summary, cost delta per account, findings new and
 * fixed, reachability, objects, quotas, tickets), topology, findings
 * (sortable), cost per account per month with the break-even chart, quotas
 * and their headroom, the lead-time calendar, the runbook steps, and the
 * sources of every price.  Deterministic: the same data gives the same
 * bytes (no clock, no hash-table order). */
#pragma once

#include <glib.h>
#include "diff/pp-diff.h"
#include "pricing/pp-estimate.h"
#include "sim/pp-planner.h"

G_BEGIN_DECLS

typedef struct {
  const PpScenario *sc;       /* as declared */
  const PpPlan *plan;         /* its steps, run, and findings (pricing's joined, sorted) */
  const PpEstimate *estimate;
  GBytes *diagram_svg;        /* Graphviz's SVG of the topology (with the
                                 change marked, for report --diff) */
  GBytes *chart_svg;          /* pp_cost_chart_svg() */
  const PpDiff *diff;         /* `report --diff`: the change OLD -> NEW, shown
                                 first as the "Change" section; NULL = none */
  const char *old_file;       /* with @diff: the files as given */
  const char *new_file;
} PpHtmlReport;

/* (transfer full) the page; NULL with a GError when an SVG does not parse
 * or a data file is missing. */
GBytes *pp_html_report (const PpHtmlReport *r, GError **error);

G_END_DECLS
