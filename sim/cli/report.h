/* SPDX-License-Identifier: MIT */
/* report.h: the report writers for findings (text, json, junit, sarif,
 * markdown).  Findings must be sorted (pp_findings_sort) before writing. */
#pragma once

#include <stdio.h>
#include <json-glib/json-glib.h>
#include "model/pp-finding.h"

G_BEGIN_DECLS

typedef enum {
  PP_REPORT_TEXT,
  PP_REPORT_JSON,
  PP_REPORT_JUNIT,
  PP_REPORT_SARIF,
  PP_REPORT_MARKDOWN,
  PP_REPORT_LAST
} PpReportFormat;

gboolean pp_report_format_from_string (const char *s, PpReportFormat *out);
const char *pp_report_format_to_string (PpReportFormat f);

/* Writes @findings, found in @files (the scenarios checked, in order), in
 * format @fmt.  @fail_on is the threshold CI fails at: JUnit marks those
 * findings as failures.  @color: ANSI colour in text. */
void pp_report_findings (FILE *out, PpReportFormat fmt, const PpFindings *findings,
                         const char * const *files, PpSeverity fail_on, gboolean color);

/* Writes @root as pretty JSON (two-space indent) and a newline: the one
 * layout every JSON report of the program uses. */
void pp_report_write_json (FILE *out, JsonNode *root);

G_END_DECLS
