/* SPDX-License-Identifier: MIT */
/* cost-report.h: the cost summary for `peerplan cost` and `peerplan plan`.
 *
 * pp_cli_cost_summary() is what `plan` calls after the runbook: it
 * estimates @sc with default options (12 months, CNY, the shipped
 * catalogs, the scenario's own <price>/<usage>/purchase-date), adds the
 * pricing findings (price-*, product-retired, ticket-*, quota-*) to
 * @findings, and prints the same summary `peerplan cost` prints (text or
 * Markdown).  The caller prints the findings.
 */
#pragma once

#include <stdio.h>

#include "pricing/pp-estimate.h"

G_BEGIN_DECLS

gboolean  pp_cli_cost_summary (FILE *out, const PpScenario *sc, PpFindings *findings,
                               gboolean markdown, GError **error);
/* Writes the estimate and @findings (sorted) to @out as the JSON document
 * of `peerplan cost --format json` ("version": 1), streaming. */
void      pp_cost_report_json (FILE *out, const PpEstimate *e, const PpFindings *findings);

G_END_DECLS
