/* SPDX-License-Identifier: MIT */
/* pp-serve-error.c: the serve layer's error table. */
#include "sim/serve/pp-serve-error.h"
#include "model/pp-error.h"

/* Only the start-up errors reach the CLI; those a request gets are answers. */
PP_DEFINE_ERROR_QUARK (pp-serve-error-quark, pp_serve_error,
                       PP_SERVE_ERROR_STATE, PP_SERVE_ERROR_LISTEN)

static const struct {
  const char *code;
  guint status;
} pp_serve_errors[] = {
  [PP_SERVE_ERROR_INTERNAL] = { "InternalError", 500 },
  [PP_SERVE_ERROR_UNAVAILABLE] = { "ServiceUnavailable", 503 },
  [PP_SERVE_ERROR_MISSING_PARAMETER] = { "MissingParameter", 400 },
  [PP_SERVE_ERROR_INVALID_PARAMETER] = { "InvalidParameter", 400 },
  [PP_SERVE_ERROR_SIGNATURE_MISMATCH] = { "SignatureDoesNotMatch", 400 },
  [PP_SERVE_ERROR_INCOMPLETE_SIGNATURE] = { "IncompleteSignature", 400 },
  [PP_SERVE_ERROR_ACCESS_KEY_NOT_FOUND] = { "InvalidAccessKeyId.NotFound", 404 },
  [PP_SERVE_ERROR_TIMESTAMP_EXPIRED] = { "InvalidTimeStamp.Expired", 400 },
  [PP_SERVE_ERROR_TIMESTAMP_FORMAT] = { "InvalidTimeStamp.Format", 400 },
  [PP_SERVE_ERROR_NONCE_USED] = { "SignatureNonceUsed", 400 },
  [PP_SERVE_ERROR_ACTION_NOT_FOUND] = { "InvalidAction.NotFound", 404 },
  [PP_SERVE_ERROR_INVALID_VERSION] = { "InvalidVersion", 400 },
  [PP_SERVE_ERROR_TOO_LARGE] = { "RequestEntityTooLarge", 413 },
  [PP_SERVE_ERROR_STATE] = { "InternalError", 500 },
  [PP_SERVE_ERROR_LISTEN] = { "InternalError", 500 },
};
G_STATIC_ASSERT (G_N_ELEMENTS (pp_serve_errors) == PP_SERVE_ERROR_LAST);

const char *
pp_serve_error_api_code (PpServeError code)
{
  g_return_val_if_fail (code < PP_SERVE_ERROR_LAST, "InternalError");
  return pp_serve_errors[code].code;
}

guint
pp_serve_error_http_status (PpServeError code)
{
  g_return_val_if_fail (code < PP_SERVE_ERROR_LAST, 500);
  return pp_serve_errors[code].status;
}
