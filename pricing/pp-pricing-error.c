/* SPDX-License-Identifier: MIT */
/* pp-pricing-error.c: the pricing layer's GError domain. */
#include "pricing/pp-pricing-error.h"

G_DEFINE_QUARK (pp-pricing-error-quark, pp_pricing_error)
