/* SPDX-License-Identifier: MIT */
/* pp-sim-error.c: the engine's GError domain. */
#include "sim/pp-sim-error.h"

G_DEFINE_QUARK (pp-sim-error-quark, pp_sim_error)
