/* SPDX-License-Identifier: MIT */
/* pp-price.h: unit prices (catalog rows and user quotes) and usage.
 *
 * A PpPrice is one figure: what it prices (product, scope, role, spec,
 * link type, region or area pair, charge type), the unit it is per (month,
 * year, day, hour, GB), the amount in micro-units of its currency (1 CNY =
 * 1 000 000), and where it comes from (site, source text, as-of date, file
 * and line).  Catalog rows come from data/prices.xml (pp-catalog.h); quotes
 * come from a quote file (cost --prices FILE) or a scenario's <price>
 * elements, and override the catalog for what they name.
 *
 * A PpUsage is a scenario's <usage>: per connection and direction, GB per
 * month and days (or hours per day) in use, as milli-units (3 decimals).
 *
 * Strings in both are borrowed from the string chunk of their owner (the
 * catalog or the scenario).  This header depends on GLib and pp-regions.h
 * only, so pp-scenario.h can hold quotes and usage.
 */
#pragma once

#include <glib.h>

#include "model/pp-enum.h"
#include "model/pp-regions.h"

G_BEGIN_DECLS

/* The same values as PpConnType (pp-scenario.h). */
typedef enum {
  PP_PRODUCT_ROUTER_INTERFACE,
  PP_PRODUCT_VPC_PEER,
  PP_PRODUCT_LAST
} PpProduct;

typedef enum {
  PP_CURRENCY_CNY,
  PP_CURRENCY_USD,
  PP_CURRENCY_LAST
} PpCurrency;

typedef enum {
  PP_UNIT_MONTH,
  PP_UNIT_YEAR,
  PP_UNIT_DAY,
  PP_UNIT_HOUR,
  PP_UNIT_GB,
  PP_UNIT_LAST
} PpPriceUnit;

typedef enum {
  PP_PRICE_CHARGE_SUBSCRIPTION,
  PP_PRICE_CHARGE_PAY_AS_YOU_GO,
  PP_PRICE_CHARGE_TRANSFER,   /* per GB of outbound data */
  PP_PRICE_CHARGE_LAST
} PpPriceCharge;

typedef enum {
  PP_SCOPE_ANY,
  PP_SCOPE_SAME_REGION,
  PP_SCOPE_CROSS_REGION,
  PP_SCOPE_LAST
} PpPriceScope;

typedef enum {
  PP_ROLE_ANY,
  PP_ROLE_INITIATOR,          /* or requester */
  PP_ROLE_ACCEPTOR,           /* or accepter */
  PP_ROLE_LAST
} PpPriceRole;

#define PP_MICRO G_GUINT64_CONSTANT (1000000)
#define PP_MILLI G_GUINT64_CONSTANT (1000)

typedef struct {
  const char *id;             /* catalog id; quotes: "quote" */
  PpProduct product;
  PpPriceScope scope;
  PpPriceRole role;
  const char *spec;           /* NULL = any spec */
  guint bandwidth;            /* Mbps, 0 = not stated */
  const char *link_type;      /* "Gold"/"Platinum"; NULL = any */
  const char *from_region;    /* quotes: NULL = any */
  const char *to_region;
  gboolean has_areas;
  PpArea from_area;
  PpArea to_area;
  PpPriceCharge charge;
  PpPriceUnit unit;
  guint64 amount_micro;       /* per unit, micro-units of currency */
  PpCurrency currency;
  const char *site;           /* "china", "international", "quote" */
  const char *source;         /* citation text; a quote's own or its file */
  gboolean source_given;      /* quotes: the element had a source attribute */
  const char *as_of;          /* YYYY-MM-DD; NULL for a quote without one */
  gboolean as_of_exact;       /* FALSE: the source is undated, as_of is a lower bound */
  const char *effective;      /* NULL when none */
  const char *note;           /* NULL when none */
  gboolean quote;             /* from a user quote (overrides the catalog) */
  const char *file;
  guint line;
} PpPrice;

typedef struct {
  guint connection;           /* index of its <connection> */
  const char *from;           /* VPC id that sends; NULL = each direction */
  guint from_vpc;             /* its index; G_MAXUINT32 when from is NULL */
  gboolean has_gb;
  guint64 gb_milli;           /* GB per month, x1000 */
  gboolean has_days;
  guint64 days_milli;         /* days in use per month, x1000 */
  gboolean has_hours;
  guint64 hours_milli;        /* hours in use per day, x1000 */
  guint line;
} PpUsage;

/* Parses a non-negative decimal ("5.6", "450", "0.131") into an integer
 * scaled by 10^@digits (digits <= 9): "5.6" with 6 gives 5600000.  Refuses
 * signs, exponents, more fractional digits than @digits and overflow, with
 * PP_MODEL_ERROR_INVALID_VALUE. */
gboolean pp_decimal_parse (const char *text, guint digits, guint64 *out, GError **error);

/* The shortest decimal text of @value / 10^@digits ("5.6", "450", "0.131")
 * (transfer full): the inverse of pp_decimal_parse(). */
char    *pp_decimal_format (guint64 value, guint digits);

/* Fills @out from the attributes of a <price> element (scenario or quote
 * file), given as parallel NULL-terminated @names/@values.  Strings are
 * interned in @strings.  @file and @line are for messages and provenance.
 * Errors: PP_MODEL_ERROR_INVALID_VALUE "file:line: ..." (amount, unit,
 * area, region pair without both ends). */
gboolean pp_price_from_attributes (PpPrice *out, GStringChunk *strings,
                                   const char * const *names,
                                   const char * const *values,
                                   const char *file, guint line,
                                   GError **error);
/* Fills @out from the attributes of a <usage> element of connection
 * @connection; from_vpc is left G_MAXUINT32 (the reader resolves @from). */
gboolean pp_usage_from_attributes (PpUsage *out, GStringChunk *strings,
                                   guint connection,
                                   const char * const *names,
                                   const char * const *values,
                                   const char *file, guint line,
                                   GError **error);

PP_ENUM_DECL (pp_currency, PpCurrency);            /* "CNY" */
PP_ENUM_DECL (pp_price_unit, PpPriceUnit);         /* "month" */
PP_ENUM_DECL (pp_price_charge, PpPriceCharge);     /* "subscription" */
PP_ENUM_DECL (pp_product, PpProduct);              /* "router-interface" */
PP_ENUM_DECL (pp_price_scope, PpPriceScope);       /* "same-region" ("any" is not written) */
PP_ENUM_DECL (pp_price_role, PpPriceRole);         /* "initiator" ("any" is not written) */

G_END_DECLS
