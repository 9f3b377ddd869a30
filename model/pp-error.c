/* SPDX-License-Identifier: MIT */
/* pp-error.c: the model's GError domain. */
#include "model/pp-error.h"

G_DEFINE_QUARK (pp-model-error-quark, pp_model_error)
