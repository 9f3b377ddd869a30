/* SPDX-License-Identifier: MIT */
/* diff-report.h: a PpDiff (diff/pp-diff.h) as the reports of
 * `peerplan diff`: text, Markdown (a pull-request comment) and JSON.
 * Only formatting: the same diff gives the same bytes. */
#pragma once

#include <stdio.h>
#include "diff/pp-diff.h"

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

G_END_DECLS
