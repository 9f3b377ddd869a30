/* SPDX-License-Identifier: MIT */
/* pp-render-error.c: the render layer's GError domain. */
#include "render/pp-render-error.h"

G_DEFINE_QUARK (pp-render-error-quark, pp_render_error)
