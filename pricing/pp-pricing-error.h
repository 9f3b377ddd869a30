/* SPDX-License-Identifier: MIT */
/* pp-pricing-error.h: the pricing layer's GError domain.
 *
 * Input errors raised by pricing (a date or option that does not parse)
 * use PP_PRICING_ERROR_INVALID; a sum or product that would not fit in 64
 * bits is refused with PP_PRICING_ERROR_OVERFLOW, never wrapped or
 * saturated.  The CLI maps both to exit code 2.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PP_PRICING_ERROR (pp_pricing_error_quark ())
GQuark pp_pricing_error_quark (void);

typedef enum {
  PP_PRICING_ERROR_FAILED,
  PP_PRICING_ERROR_INVALID,   /* an option or date that does not parse */
  PP_PRICING_ERROR_OVERFLOW,  /* an amount too large for 64-bit arithmetic */
} PpPricingError;

G_END_DECLS
