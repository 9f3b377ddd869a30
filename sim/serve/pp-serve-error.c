/* SPDX-License-Identifier: MIT */
/* pp-serve-error.c: the endpoint's GError domain. */
#include "sim/serve/pp-serve-error.h"

G_DEFINE_QUARK (pp-serve-error-quark, pp_serve_error)
