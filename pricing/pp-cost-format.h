/* SPDX-License-Identifier: MIT */
/* pp-cost-format.h: an estimate as text, Markdown or an SVG chart.
 *
 * The summary (the same for `peerplan cost` and `peerplan plan`): a table
 * per connection and side (account, role, billing choice, unit price with
 * a numbered source, quantity, amount), the break-even, the VPC peering
 * alternative of a retired product, totals per account and overall, lead
 * times, quota headroom, and the numbered sources in full.  Deterministic:
 * the same estimate gives the same bytes.  Nothing here prints.
 */
#pragma once

#include "pricing/pp-estimate.h"

G_BEGIN_DECLS

typedef enum {
  PP_COST_STYLE_TEXT,
  PP_COST_STYLE_MARKDOWN,     /* GitHub-flavoured, fit for a PR comment */
} PpCostStyle;

/* (transfer full) the summary of @e. */
char   *pp_cost_format (const PpEstimate *e, PpCostStyle style);

/* (transfer full) an SVG chart of the cumulative cost over the horizon:
 * per charged side, subscription against pay-as-you-go (or its transfer
 * cost), break-even months marked, with axes, units, the currency and a
 * legend.  Only figures in the estimate's currency are drawn; the chart
 * says what it leaves out.  Written with libxml2's xmlTextWriter. */
GBytes *pp_cost_chart_svg (const PpEstimate *e, GError **error);

/* Helpers shared with the JSON writer. */
char   *pp_cost_quantity_text (const PpOption *o);      /* "12 months" */
char   *pp_cost_unit_price_text (const PpOption *o);    /* "0.525 CNY/GB" or "no price" */

G_END_DECLS
