/* SPDX-License-Identifier: MIT */
/* pp-serve-error.h: the endpoint's GError domain. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PP_SERVE_ERROR (pp_serve_error_quark ())
GQuark pp_serve_error_quark (void);

typedef enum {
  PP_SERVE_ERROR_FAILED,
  PP_SERVE_ERROR_LISTEN,          /* cannot listen on the address */
  PP_SERVE_ERROR_STATE,           /* the state directory is unusable */
} PpServeError;

G_END_DECLS
