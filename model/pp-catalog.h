/* SPDX-License-Identifier: MIT */
/* pp-catalog.h: the price, quota and ticket catalogs, and quote files.
 *
 *  - data/prices.xml (prices.rng): published unit prices, each with its
 *    source, site, currency and as-of date;
 *  - data/quotas.xml (quotas.rng): default quotas, each giving the rule id
 *    quota-ID of the finding that reports an overrun;
 *  - data/tickets.xml (tickets.rng): lead-time rules (cross-border
 *    compliance, bandwidth applications, quota increases), rule ticket-ID;
 *  - a quote file (quote.rng, `cost --prices FILE`): <price> elements a
 *    user copied from the purchase page.
 *
 * Every file is validated against its RelaxNG schema (compiled into the
 * program) before it is read; errors are PP_MODEL_ERROR with "file:line: ".
 * Catalogs are immutable once loaded; pointers into them are borrowed and
 * valid while the catalog lives.  The default catalogs (embedded, or
 * $PEERPLAN_DATA_DIR) are process-wide and live until exit.
 */
#pragma once

#include <glib.h>

#include "model/pp-enum.h"
#include "model/pp-price.h"

G_BEGIN_DECLS

/* ---- prices (catalog or quote file) ---- */

typedef struct _PpPrices PpPrices;

PpPrices       *pp_prices_load_file (const char *file, GError **error);
PpPrices       *pp_prices_load_bytes (GBytes *xml, const char *name, GError **error);
/* A quote file: <quote xmlns="urn:peerplan:quote:1"> with <price> rows. */
PpPrices       *pp_quote_load_file (const char *file, GError **error);
PpPrices       *pp_quote_load_bytes (GBytes *xml, const char *name, GError **error);
void            pp_prices_free (PpPrices *prices);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpPrices, pp_prices_free)

const PpPrices *pp_prices_default (GError **error);
guint           pp_prices_count (const PpPrices *prices);
const PpPrice  *pp_prices_nth (const PpPrices *prices, guint i);
/* The catalog's review date and the age after which a figure is stale
 * (quote files: NULL and 0). */
const char     *pp_prices_as_of (const PpPrices *prices);
guint           pp_prices_max_age_days (const PpPrices *prices);

/* ---- quotas ---- */

typedef enum {
  PP_QUOTA_RI_PER_ROUTER,
  PP_QUOTA_RI_PAIRS_PER_ROUTER_PAIR,
  PP_QUOTA_RI_PER_VPC,
  PP_QUOTA_RI_PER_ACCOUNT,
  PP_QUOTA_ROUTE_ENTRIES_PER_TABLE,
  PP_QUOTA_VSWITCHES_PER_VPC,
  PP_QUOTA_PEER_INTRA_REGION_PER_VPC,
  PP_QUOTA_PEER_CROSS_REGION_PER_VPC,
  PP_QUOTA_PEER_PER_ACCOUNT_REGION,
  PP_QUOTA_PEER_CROSS_REGION_BANDWIDTH,
  PP_QUOTA_PEER_CROSS_BORDER_BANDWIDTH,
  PP_QUOTA_LAST
} PpQuotaCounts;

typedef struct {
  const char *id;             /* "route-entries" */
  const char *rule;           /* "quota-route-entries" (static, from the rule table) */
  gboolean reported_elsewhere; /* the model's rule `rule` reports it: count only */
  PpQuotaCounts counts;
  guint limit;
  const char *unit;           /* "custom route entries" */
  const char *description;    /* "custom route entries per route table" */
  const char *quota_name;     /* NULL when not known */
  const char *raise;          /* how to raise it */
  const char *source;         /* citation text */
  const char *as_of;
  gboolean as_of_exact;
  const char *note;           /* NULL when none */
  guint line;
} PpQuota;

typedef struct _PpQuotas PpQuotas;

PpQuotas       *pp_quotas_load_file (const char *file, GError **error);
PpQuotas       *pp_quotas_load_bytes (GBytes *xml, const char *name, GError **error);
void            pp_quotas_free (PpQuotas *quotas);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpQuotas, pp_quotas_free)
const PpQuotas *pp_quotas_default (GError **error);
guint           pp_quotas_count (const PpQuotas *quotas);
const PpQuota  *pp_quotas_nth (const PpQuotas *quotas, guint i);
/* The quota that counts @counts, or NULL when the catalog has none. */
const PpQuota  *pp_quotas_find (const PpQuotas *quotas, PpQuotaCounts counts);

/* ---- tickets ---- */

typedef enum {
  PP_TICKET_APPLIES_CROSS_BORDER,
  PP_TICKET_APPLIES_CROSS_REGION,
  PP_TICKET_APPLIES_QUOTA_EXCEEDED,
  PP_TICKET_APPLIES_LAST
} PpTicketApplies;
/* "cross-border", "cross-region", "quota-exceeded" */
PP_ENUM_DECL (pp_ticket_applies, PpTicketApplies);

typedef struct {
  const char *id;             /* "cross-border" */
  const char *rule;           /* "ticket-cross-border" (static) */
  PpTicketApplies applies;
  gboolean products[PP_PRODUCT_LAST];
  gboolean has_days;          /* FALSE: review time not published */
  guint min_days;             /* working days */
  guint max_days;
  guint month_end_days;       /* last N working days of a month: nothing processed */
  gboolean confirmed;
  const char *what;
  const char *source;
  const char *as_of;
  const char *note;           /* NULL when none */
  guint line;
} PpTicketRule;

typedef struct _PpTickets PpTickets;

PpTickets          *pp_tickets_load_file (const char *file, GError **error);
PpTickets          *pp_tickets_load_bytes (GBytes *xml, const char *name, GError **error);
void                pp_tickets_free (PpTickets *tickets);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpTickets, pp_tickets_free)
const PpTickets    *pp_tickets_default (GError **error);
guint               pp_tickets_count (const PpTickets *tickets);
const PpTicketRule *pp_tickets_nth (const PpTickets *tickets, guint i);
const PpTicketRule *pp_tickets_find (const PpTickets *tickets, PpTicketApplies applies);

G_END_DECLS
