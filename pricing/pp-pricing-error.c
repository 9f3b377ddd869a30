/* SPDX-License-Identifier: MIT */
/* pp-pricing-error.c: the pricing layer's GError domain. */
#include "pricing/pp-pricing-error.h"
#include "model/pp-error.h"

PP_DEFINE_ERROR_QUARK (pp-pricing-error-quark, pp_pricing_error,
                       PP_PRICING_ERROR_OVERFLOW, PP_PRICING_ERROR_CURRENCY,
                       PP_PRICING_ERROR_INVALID)
