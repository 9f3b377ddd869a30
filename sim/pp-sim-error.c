/* SPDX-License-Identifier: MIT */
/* pp-sim-error.c: the engine's GError domain. */
#include "sim/pp-sim-error.h"
#include "model/pp-error.h"

PP_DEFINE_ERROR_QUARK (pp-sim-error-quark, pp_sim_error,
                       PP_SIM_ERROR_INVALID, PP_SIM_ERROR_INVALID_SCENARIO,
                       PP_SIM_ERROR_UNKNOWN_REFERENCE, PP_SIM_ERROR_DUPLICATE_ID,
                       PP_SIM_ERROR_LIMIT, PP_SIM_ERROR_IO)
