/* SPDX-License-Identifier: MIT */
/* pp-render-error.h: the render layer's GError domain.
 *
 * Graphviz reports failures as integers and messages through its error
 * callback; render/ turns both into a PP_RENDER_ERROR and never prints. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PP_RENDER_ERROR (pp_render_error_quark ())
GQuark pp_render_error_quark (void);

typedef enum {
  PP_RENDER_ERROR_FAILED,
  PP_RENDER_ERROR_FORMAT,         /* an output format Graphviz cannot write */
  PP_RENDER_ERROR_LAYOUT,         /* gvLayout failed */
  PP_RENDER_ERROR_INVALID,        /* a bad option: level, trace instance */
  PP_RENDER_ERROR_OUTPUT,         /* rendering or writing the output failed */
} PpRenderError;

G_END_DECLS
