/* SPDX-License-Identifier: MIT */
/* pp-estimate.h: what each side of each connection pays, and when the
 * links can carry traffic.
 *
 * The model (docs/pricing.md):
 *  - router interface (legacy Express Connect VPC-to-VPC): the initiator
 *    pays, by subscription (period x cycle, month or year, paid per cycle)
 *    or pay-as-you-go (per day or per hour, as the price says); the
 *    acceptor pays nothing.  Both billing choices are estimated for the
 *    initiator, with the break-even between them;
 *  - VPC peering connection: free within a region; across regions each
 *    side pays its own outbound GB x the area-pair rate of the link type
 *    (Gold unless the connection says Platinum).
 * Over a horizon of N months (default 12) and a usage (<usage> of the
 * scenario, or --traffic): GB per month per direction, days in use per
 * month (default 30), hours per day (default 24).
 *
 * Unit prices come from a quote (--prices FILE, then the scenario's
 * <price> elements) or the catalog (data/prices.xml), the most specific
 * match winning; a figure in another currency than the estimate's is
 * converted only with a rate the user gives, else it stays in its own
 * currency and totals are kept per currency, never summed across.
 *
 * Findings: price-missing, price-stale, product-retired, ticket-*,
 * quota-* (via pp_quota_check).  All amounts are integers (pp-money.h).
 */
#pragma once

#include "model/pp-catalog.h"
#include "model/pp-finding.h"
#include "model/pp-quota-check.h"
#include "model/pp-scenario.h"

G_BEGIN_DECLS

#define PP_PRICING_DEFAULT_MONTHS 12
#define PP_PRICING_MAX_MONTHS 1200
#define PP_PRICING_DEFAULT_DAYS_MILLI (30 * PP_MILLI)
#define PP_PRICING_DEFAULT_HOURS_MILLI (24 * PP_MILLI)

typedef struct {
  guint months;               /* horizon; 0 = PP_PRICING_DEFAULT_MONTHS */
  gboolean has_traffic;       /* --traffic: overrides <usage> GB per direction */
  guint64 traffic_gb_milli;
  gboolean has_currency;      /* FALSE = CNY */
  PpCurrency currency;
  guint64 usd_to_cny_micro;   /* 1 USD in CNY, x10^6; 0 = no conversion */
  const char *start;          /* YYYY-MM-DD; NULL = the scenario's purchase-date */
  guint max_age_days;         /* price-stale; 0 = the catalog's max-age-days */
  const PpPrices *catalog;    /* NULL = pp_prices_default () */
  const PpPrices *quotes;     /* --prices FILE; NULL = none */
  const PpQuotas *quotas;     /* NULL = pp_quotas_default () */
  const PpTickets *tickets;   /* NULL = pp_tickets_default () */
} PpPricingOptions;

typedef enum {
  PP_OPTION_SUBSCRIPTION,
  PP_OPTION_PAY_AS_YOU_GO,
  PP_OPTION_TRANSFER,         /* per GB of outbound traffic */
  PP_OPTION_FREE,             /* a router-interface acceptor */
  PP_OPTION_LAST
} PpOptionKind;

typedef struct {
  PpOptionKind kind;
  const PpPrice *price;       /* NULL: no price known */
  PpCurrency currency;        /* of unit_micro and the amounts */
  guint64 unit_micro;         /* per unit, after any conversion */
  gboolean converted;         /* unit_micro = price x --usd-to-cny (or its inverse) */
  PpPriceUnit unit;
  guint64 quantity_milli;     /* units billed over the horizon */
  guint64 amount_minor;       /* over the horizon; 0 when unpriced */
  guint64 *cumulative;        /* [months + 1]: the cost of m months; NULL when unpriced */
  guint cycle_months;         /* a subscription: months paid at once; else 0 */
  char *basis;                /* how quantity was counted, e.g. "12 months x 30 days" */
  char *ask;                  /* unpriced: a <price .../> to fill in; else NULL */
} PpOption;

typedef struct {
  guint end;                  /* 0 initiator/requester, 1 acceptor/accepter */
  guint vpc;
  guint account;
  const char *role;           /* "initiator", "acceptor", "requester", "accepter" */
  gboolean charged;           /* FALSE: free by the product's rules */
  PpOption options[2];        /* RI initiator: subscription, pay-as-you-go */
  guint n_options;
  guint chosen;               /* the declared billing choice */
  guint64 gb_milli;           /* outbound GB per month (VPC peering) */
  gboolean gb_given;
  guint64 days_milli;         /* days in use per month */
  guint64 hours_milli;        /* hours in use per day */
  /* Break-even (both options priced in one currency). */
  gboolean has_breakeven;
  PpPriceUnit breakeven_unit; /* DAY: days per month; HOUR: hours per month */
  guint64 breakeven_milli;    /* the usage at which both cost the same */
  gboolean breakeven_never;   /* pay-as-you-go is cheaper at any usage */
  guint breakeven_month;      /* first m <= months where subscription <= pay-as-you-go; 0 none */
  gboolean has_cheaper;
  guint cheaper;              /* the cheaper option over the horizon */
} PpSideEstimate;

/* What each month of the horizon costs, per currency: minor[c][m] is
 * the cost of month m + 1 in currency c, NULL when no figure is in c
 * (then the matching total_used is FALSE too).  A month's figure is the
 * difference of the chosen options' cumulative costs, so it adds up to
 * the total exactly; a subscription paid per cycle is charged in the
 * first month of each cycle (the months between show 0). */
typedef struct {
  guint64 *minor[PP_CURRENCY_LAST];
} PpMonthly;

typedef struct {
  guint connection;           /* index in the scenario */
  PpProduct product;          /* as estimated */
  gboolean alternative;       /* the VPC peering counterpart of a retired RI */
  gboolean cross_region;
  gboolean cross_border;
  const char *spec;           /* RI */
  const char *link_type;      /* VPC peering: "Gold" or "Platinum" */
  PpSideEstimate sides[2];
  guint64 total_minor[PP_CURRENCY_LAST];
  gboolean total_used[PP_CURRENCY_LAST];
  gboolean incomplete;        /* something charged has no price */
  PpMonthly monthly;          /* the chosen options, per month */
} PpConnEstimate;

typedef struct {
  guint account;
  guint64 total_minor[PP_CURRENCY_LAST];
  gboolean total_used[PP_CURRENCY_LAST];
  gboolean incomplete;
  PpMonthly monthly;          /* what the account pays, per month */
} PpAccountTotal;

typedef struct {
  guint connection;           /* G_MAXUINT32 when not tied to one */
  const PpTicketRule *rule;
  const char *object;         /* quota tickets: the quota name */
  gboolean dated;             /* earliest/latest known */
  GDate earliest;
  GDate latest;
} PpLeadTime;

typedef struct {
  const PpScenario *sc;
  guint months;
  PpCurrency currency;
  guint64 usd_to_cny_micro;
  gboolean has_start;
  GDate start;
  const char *start_from;     /* "--start" or "purchase-date" */
  GDate stale_ref;            /* the date price ages are measured at */
  guint max_age_days;
  GArray *connections;        /* PpConnEstimate, scenario order */
  GArray *alternatives;       /* PpConnEstimate, one per retired RI connection */
  GArray *accounts;           /* PpAccountTotal, one per account, scenario order */
  guint64 total_minor[PP_CURRENCY_LAST];
  gboolean total_used[PP_CURRENCY_LAST];
  gboolean incomplete;
  PpMonthly monthly;          /* every account, per month */
  GArray *lead_times;         /* PpLeadTime */
  gboolean has_ready;         /* every dated lead time known: the day all links can carry traffic */
  GDate ready;
  gboolean ready_is_lower_bound; /* some ticket has no published review time */
  GArray *quota_usage;        /* PpQuotaUsage, catalog order */
} PpEstimate;

/* Estimates @sc.  Findings (price-*, product-retired, ticket-*, quota-*)
 * are added to @findings when it is not NULL.  Errors: PP_PRICING_ERROR
 * (OVERFLOW, INVALID: a start date or option that does not parse) and
 * PP_MODEL_ERROR from a broken catalog. */
PpEstimate *pp_estimate_new (const PpScenario *sc, const PpPricingOptions *opts,
                             PpFindings *findings, GError **error);
void        pp_estimate_free (PpEstimate *e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpEstimate, pp_estimate_free)

/* The findings of pricing only (for `peerplan check`): the same as
 * pp_estimate_new() with default options, estimate discarded. */
gboolean    pp_pricing_check (const PpScenario *sc, PpFindings *findings, GError **error);

const char *pp_option_kind_to_string (PpOptionKind k);  /* "subscription" ... "free" */

/* The month that stands for "a steady month" in summaries: month 2 (the
 * first after the purchase month), or 1 when the horizon is one month. */
guint       pp_estimate_steady_month (const PpEstimate *e);
/* TRUE when a chosen option of @e is a subscription paid per cycle of
 * more than one month (its months between payments cost 0): summaries
 * say so next to the steady month. */
gboolean    pp_estimate_has_long_cycles (const PpEstimate *e);

G_END_DECLS
