/* SPDX-License-Identifier: MIT */
/* report.h: the report writers for findings (text, json, junit, sarif,
 * markdown).  Findings must be sorted (pp_findings_sort) before writing. */
#pragma once

#include <stdio.h>
#include "model/pp-finding.h"
#include "sim/cli/json-writer.h"

G_BEGIN_DECLS

typedef enum {
  PP_REPORT_TEXT,
  PP_REPORT_JSON,
  PP_REPORT_JUNIT,
  PP_REPORT_SARIF,
  PP_REPORT_MARKDOWN,
  PP_REPORT_LAST
} PpReportFormat;

/* --show-waived: the findings a waiver or a baseline accepted (the
 * suppressed part of the list, pp-finding.h) are written too, each with
 * its reason, in text, Markdown, JSON (a "waived" array) and JUnit
 * (skipped cases).  SARIF always holds them, with "suppressions", the way
 * that format marks accepted results.  Set once by the CLI's options. */
extern gboolean pp_report_show_waived;
/* -q/--quiet: text findings are one line each (no reason, hint or trace
 * lines) and no summary line follows them; the other formats are
 * unchanged.  Set once by the CLI's options (PP_CLI_QUIET_OPTION). */
extern gboolean pp_report_quiet;
/* How many sources the output numbered before the findings (cost's and
 * plan's price sources): the findings' sources are numbered after them,
 * so one output never has two entries [1].  0 unless set. */
extern guint pp_report_sources_before;

gboolean pp_report_format_from_string (const char *s, PpReportFormat *out);
const char *pp_report_format_to_string (PpReportFormat f);

/* A file that could not be checked (unreadable, not a scenario, invalid):
 * where, and why.  @message is the error's message without its "file:line: "
 * (or "file: ") prefix; @line is 0 when the error names no line. */
typedef struct {
  char *file;
  guint line;
  char *message;
} PpReportError;

/* The entry for @file from an input error's message, which names
 * "@file:LINE: " or "@file: " first (pp-error.h); a message that names
 * neither is kept whole, at @file without a line. */
PpReportError *pp_report_error_new (const char *file, const char *message);
void pp_report_error_free (PpReportError *e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpReportError, pp_report_error_free)

/* Writes @findings, found in @files (the files given, in order), in format
 * @fmt.  @fail_on is the threshold CI fails at: JUnit marks those findings
 * as failures.  @color: ANSI colour in text. */
void pp_report_findings (FILE *out, PpReportFormat fmt, const PpFindings *findings,
                         const char * const *files, PpSeverity fail_on, gboolean color);

/* pp_report_findings with @errors (nullable; PpReportError, in the order
 * of @files), the files that could not be checked, each an entry of the
 * report: in text and Markdown the file:line message among the findings
 * in its place (by file and line) and a count after the summary; in JSON
 * the "errors" array; in SARIF a toolExecutionNotification of the run's
 * invocation (executionSuccessful false); in JUnit an <error> in the
 * file's suite.  `check` uses it. */
void pp_report_findings_with_errors (FILE *out, PpReportFormat fmt, const PpFindings *findings,
                                     const char * const *files, GPtrArray *errors,
                                     PpSeverity fail_on, gboolean color);

/* The findings section of every JSON report (check, plan, cost): the
 * array of findings (rule, severity, message, file, line, hint when there
 * is one, objects, trace when there is one), and the summary object (a
 * count per severity and the total of the findings that count, then the
 * number accepted by waivers, "waived", and by a baseline, "baselined"). */
void pp_report_json_findings (PpJsonWriter *w, const PpFindings *findings);
void pp_report_json_summary (PpJsonWriter *w, const PpFindings *findings);
/* The member "waived": the accepted findings, each with a "suppression"
 * (kind "inSource" for a <waive>, "external" for a baseline, and the
 * justification); written only with --show-waived, after "findings". */
void pp_report_json_waived (PpJsonWriter *w, const PpFindings *findings);

G_END_DECLS
