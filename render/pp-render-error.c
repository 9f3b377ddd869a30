/* SPDX-License-Identifier: MIT */
/* pp-render-error.c: the render layer's GError domain. */
#include "render/pp-render-error.h"
#include "model/pp-error.h"

PP_DEFINE_ERROR_QUARK (pp-render-error-quark, pp_render_error,
                       PP_RENDER_ERROR_FORMAT, PP_RENDER_ERROR_INVALID)
