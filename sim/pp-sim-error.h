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
  PP_SIM_ERROR_INVALID,           /* an invalid workflow or request (a value that does not parse) */
  PP_SIM_ERROR_INVALID_SCENARIO,  /* the engine cannot hold what a scenario declares */
  PP_SIM_ERROR_UNKNOWN_REFERENCE, /* a workflow names a call, object or action that does not exist */
  PP_SIM_ERROR_DUPLICATE_ID,      /* a workflow gives one id or parameter twice */
  PP_SIM_ERROR_LIMIT,             /* a workflow exceeds a size limit */
  PP_SIM_ERROR_IO,                /* a workflow, or the scenario it names, cannot be read */
} PpSimError;

G_END_DECLS
