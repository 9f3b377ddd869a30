/* SPDX-License-Identifier: MIT */
/* pp-sim-error.h: the engine's GError domain (failures of peerplan itself,
 * not the API errors the simulated service answers with). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PP_SIM_ERROR (pp_sim_error_quark ())
GQuark pp_sim_error_quark (void);

typedef enum {
  PP_SIM_ERROR_FAILED,
  PP_SIM_ERROR_INVALID,           /* an invalid workflow or request */
  PP_SIM_ERROR_INVALID_SCENARIO,  /* the engine cannot hold what a scenario declares */
} PpSimError;

G_END_DECLS
