/* SPDX-License-Identifier: MIT */
/* pp-sim-error.h: the sim layer's GError domain.
 *
 * Used where the caller of the sim library is at fault (a scenario the
 * engine cannot load, a workflow that cannot run), never for answers of the
 * simulated API: those are PpApiResult values with the real error code.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PP_SIM_ERROR (pp_sim_error_quark ())
GQuark pp_sim_error_quark (void);

typedef enum {
  PP_SIM_ERROR_FAILED,            /* catch-all */
  PP_SIM_ERROR_INVALID_SCENARIO,  /* the engine cannot hold what a scenario declares */
} PpSimError;

G_END_DECLS
