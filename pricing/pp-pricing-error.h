/* SPDX-License-Identifier: MIT */
/* pp-pricing-error.h: the pricing layer's GError domain. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PP_PRICING_ERROR (pp_pricing_error_quark ())
GQuark pp_pricing_error_quark (void);

typedef enum {
  PP_PRICING_ERROR_FAILED,
  PP_PRICING_ERROR_OVERFLOW,      /* an amount does not fit in 64 bits */
  PP_PRICING_ERROR_CURRENCY,      /* amounts in two currencies meet without a rate */
  PP_PRICING_ERROR_INVALID,       /* a quote or option that cannot be used */
} PpPricingError;

G_END_DECLS
