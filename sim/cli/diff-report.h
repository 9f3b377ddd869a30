/* SPDX-License-Identifier: MIT */
/* diff-report.h: a PpDiff (diff/pp-diff.h) as the reports of
 * `peerplan diff`: text, Markdown (a pull-request comment) and JSON.
 * Only formatting: the same diff gives the same bytes. */
#pragma once

#include <stdio.h>
#include "diff/pp-diff.h"
#include "render/pp-render.h"

G_BEGIN_DECLS

/* GitHub's limit on a comment body; the Markdown form stays under it. */
#define PP_DIFF_MARKDOWN_MAX 65000

/* (transfer full) the text report, files named as given. */
char *pp_diff_report_text (const PpDiff *d, const char *old_file, const char *new_file);
/* (transfer full) `diff -q`: the new findings only, one line each ("new
 * error: FILE:LINE: MESSAGE [RULE]", as in the text report); "" when the
 * change adds none. */
char *pp_diff_report_new_findings (const PpDiff *d);
/* (transfer full) the Markdown pull-request comment: a summary line, the
 * cost delta table, new findings first, details collapsed; at most
 * @max_bytes (PP_DIFF_MARKDOWN_MAX) with a note when cut. */
char *pp_diff_report_markdown (const PpDiff *d, const char *old_file, const char *new_file,
                               gsize max_bytes);
/* The JSON document ("version": 1) to @out. */
void  pp_diff_report_json (FILE *out, const PpDiff *d, const char *old_file, const char *new_file);

/* (transfer full) the summary line of every form ("3 object(s) added,
 * ...; cost over 12 months +1260.00 CNY", or "no change"). */
char *pp_diff_report_summary (const PpDiff *d);
/* The steady month every form shows beside month 1 (2, or 1 when the
 * horizon is one month). */
guint pp_diff_report_steady_month (const PpDiff *d);

/* A cost row's figures as every form writes them (text, Markdown, the
 * page of report --diff): "3000.00 CNY", "- " when the side is absent,
 * "... + unknown" when it depends on a missing price.  All owned. */
typedef struct {
  char *label;                /* "account A", "connection x", "overall" */
  char *old_first, *new_first;    /* month 1 */
  char *old_steady, *new_steady;  /* pp_diff_report_steady_month() */
  char *delta_steady;         /* signed; "+ unknown (a price is missing)" when unknown */
  gint64 delta_steady_minor;
  char *old_total, *new_total;    /* over the horizon */
  char *delta;                /* signed, as delta_steady */
} PpDiffCostText;

void pp_diff_cost_text_init (PpDiffCostText *t, const PpDiff *d, const PpDiffCost *x);
void pp_diff_cost_text_clear (PpDiffCostText *t);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PpDiffCostText, pp_diff_cost_text_clear)

/* The attributes of a changed object, "NAME OLD -> NEW, ..." ("(none)"
 * for a side without one); "" for others.  (transfer full) */
char *pp_diff_object_attrs_text (const PpDiffObject *o);

/* A diff as render's marks (PpRenderDiff, lists of "KIND:ID" in the
 * diff's order), for graph --diff and report --diff; the lists are owned
 * here and @render points into them until pp_diff_marks_clear(). */
typedef struct {
  GPtrArray *added, *changed, *changed_why, *removed;
  PpRenderDiff render;
} PpDiffMarks;

void pp_diff_marks_init (PpDiffMarks *m, const PpDiff *d);
void pp_diff_marks_clear (PpDiffMarks *m);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PpDiffMarks, pp_diff_marks_clear)

G_END_DECLS
