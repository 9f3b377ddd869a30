/* SPDX-License-Identifier: MIT */
/* cost-report.h: an estimate (pricing/pp-estimate.h) as the reports of
 * `peerplan cost` and the cost section of `peerplan plan`.
 *
 * Pricing returns data (PpEstimate); everything here only formats it, and
 * deterministically: the same estimate gives the same bytes.
 *  - cost-text.c: the summary as text or Markdown: a table per connection
 *    and side (account, role, billing choice, unit price with a numbered
 *    source, quantity, amount), the break-even, the VPC peering
 *    alternative of a retired product, totals per account and overall,
 *    lead times, quota headroom, and the numbered sources in full;
 *  - cost-json.c: the same as JSON, through the streaming writer;
 *  - cost-chart.c: the cumulative cost over the horizon as an SVG chart.
 */
#pragma once

#include <stdio.h>

#include "pricing/pp-estimate.h"
#include "sim/cli/json-writer.h"

G_BEGIN_DECLS

typedef enum {
  PP_COST_STYLE_TEXT,
  PP_COST_STYLE_MARKDOWN,     /* GitHub-flavoured, fit for a PR comment */
} PpCostStyle;

/* (transfer full) the summary of @e.  @n_sources (nullable): how many
 * sources it numbered, for the findings written after it
 * (pp_report_sources_before). */
char   *pp_cost_report_text (const PpEstimate *e, PpCostStyle style, guint *n_sources);
/* The same written to @file as it is made, a connection at a time: the
 * summary of a large estate does not wait in memory. */
void    pp_cost_report_write (FILE *file, const PpEstimate *e, PpCostStyle style,
                              guint *n_sources);

/* The members of the cost document, from "scenario" to "quotas" (what
 * `plan --format json` nests under "cost"), into the open object of @w. */
void    pp_cost_report_json_members (PpJsonWriter *w, const PpEstimate *e);
/* The document of `peerplan cost --format json`: "version": 1, the
 * members above, and @findings (sorted) as every JSON report writes them. */
void    pp_cost_report_json (FILE *out, const PpEstimate *e, const PpFindings *findings);

/* (transfer full) an SVG chart of the cumulative cost over the horizon:
 * per charged side, subscription against pay-as-you-go (or its transfer
 * cost), break-even months marked, with axes, units, the currency and a
 * legend.  Only figures in the estimate's currency are drawn; the chart
 * says what it leaves out.  Written with libxml2's xmlTextWriter; NULL
 * with G_IO_ERROR_FAILED when the writer fails. */
GBytes *pp_cost_chart_svg (const PpEstimate *e, GError **error);

/* Shared by the summary and the chart. */
char   *pp_cost_quantity_text (const PpOption *o);      /* "12 months" */
char   *pp_cost_unit_price_text (const PpOption *o);    /* "0.525 CNY/GB" or "no price" */
/* "1.00 CNY + 2.00 USD", "unknown (a price is missing: ...)" */
char   *pp_cost_totals_text (const guint64 *total, const gboolean *used, gboolean incomplete,
                             PpCurrency currency);
/* Month @month (1-based) of @m, as pp_cost_totals_text() writes a total
 * ("unknown" alone when incomplete). */
char   *pp_cost_month_text (const PpMonthly *m, const gboolean *used, gboolean incomplete,
                            PpCurrency currency, guint month);
/* A price's source in full: citation, site or quote, as-of date. */
char   *pp_cost_source_text (const PpPrice *p);

G_END_DECLS
