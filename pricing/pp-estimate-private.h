/* SPDX-License-Identifier: MIT */
/* pp-estimate-private.h: what the estimate's files share, and nobody
 * else: the context of one estimate, what a side asks the price catalog
 * for, and the entry points of pp-estimate-price.c (price matching and
 * the priced options) and pp-estimate-lead.c (lead times) that
 * pp-estimate.c (the estimate, break-even, findings) calls.
 */
#pragma once

#include "pricing/pp-estimate.h"

G_BEGIN_DECLS

typedef struct _FoundMemo FoundMemo;

typedef struct {
  const PpScenario *sc;
  const PpPricingOptions *opts;
  const PpPrices *catalog;
  const PpQuotas *quotas;
  const PpTickets *tickets;
  PpFindings *findings;
  PpEstimate *e;
  guint *usage_first;         /* per connection: its first <usage>, or G_MAXUINT32 */
  FoundMemo *found;           /* find_price()'s */
} Ctx;

/* What a side's option asks the catalog for. */
typedef struct {
  PpProduct product;
  PpPriceRole role;
  PpPriceCharge charge;
  gboolean unit_ok[PP_UNIT_LAST];
  PpPriceUnit preferred_unit;
  const char *spec;
  const char *link_type;
  const PpRegion *from;
  const PpRegion *to;
} Want;

/* The prices found for Wants, by a hash of the Want (an estate's
 * connections ask for a few kinds of price, one for each pair of regions
 * at most, and each search reads every price there is). */
#define FOUND_MEMO 512          /* a power of two */

typedef struct {
  Want want;
  const PpPrice *price;       /* NULL: none */
} Found;

struct _FoundMemo {
  Found found[FOUND_MEMO];
  gboolean used[FOUND_MEMO];
};

/* pp-estimate-price.c: the priced options of a side */
void pp_estimate_option_clear (PpOption *o);
/* Subscription for a router-interface initiator. */
gboolean pp_estimate_option_subscription (Ctx *c, PpOption *o, const PpEnd *end, Want w, GError **error);
gboolean pp_estimate_option_payg (Ctx *c, PpOption *o, const PpSideEstimate *side, Want w, GError **error);
gboolean pp_estimate_option_transfer (Ctx *c, PpOption *o, const PpSideEstimate *side, Want w, GError **error);
gboolean pp_estimate_option_free (Ctx *c, PpOption *o, Want w, GError **error);

/* pp-estimate-lead.c: lead times and ticket findings */
void pp_estimate_lead_times (Ctx *c);

G_END_DECLS
