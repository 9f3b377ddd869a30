/* SPDX-License-Identifier: MIT */
/* pp-serve-error.h: the errors of the serve layer, as the real API names them.
 *
 * Every failure of the HTTP face that the client should see (a bad
 * signature, an unknown AccessKey, a malformed request, ...) is a GError in
 * PP_SERVE_ERROR.  Each code maps, through one table, to the API error code
 * and the HTTP status that the real service answers with; where the status
 * is not confirmed by a public source the table says so (see docs/serve.md,
 * "Error statuses").  The GError's message is the API error's Message.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PP_SERVE_ERROR (pp_serve_error_quark ())
GQuark pp_serve_error_quark (void);

typedef enum {
  PP_SERVE_ERROR_INTERNAL,              /* 500 InternalError */
  PP_SERVE_ERROR_UNAVAILABLE,           /* 503 ServiceUnavailable */
  PP_SERVE_ERROR_MISSING_PARAMETER,     /* 400 MissingParameter */
  PP_SERVE_ERROR_INVALID_PARAMETER,     /* 400 InvalidParameter */
  PP_SERVE_ERROR_SIGNATURE_MISMATCH,    /* 400 SignatureDoesNotMatch (status UNCONFIRMED) */
  PP_SERVE_ERROR_INCOMPLETE_SIGNATURE,  /* 400 IncompleteSignature */
  PP_SERVE_ERROR_ACCESS_KEY_NOT_FOUND,  /* 404 InvalidAccessKeyId.NotFound */
  PP_SERVE_ERROR_TIMESTAMP_EXPIRED,     /* 400 InvalidTimeStamp.Expired (status UNCONFIRMED) */
  PP_SERVE_ERROR_TIMESTAMP_FORMAT,      /* 400 InvalidTimeStamp.Format */
  PP_SERVE_ERROR_NONCE_USED,            /* 400 SignatureNonceUsed (status UNCONFIRMED) */
  PP_SERVE_ERROR_ACTION_NOT_FOUND,      /* 404 InvalidAction.NotFound (status UNCONFIRMED) */
  PP_SERVE_ERROR_INVALID_VERSION,       /* 400 InvalidVersion (status UNCONFIRMED) */
  PP_SERVE_ERROR_TOO_LARGE,             /* 413 RequestEntityTooLarge (peerplan's own) */
  /* Start-up only, never answered (the CLI exits 2 with the message): */
  PP_SERVE_ERROR_STATE,                 /* the --state directory cannot be used */
  PP_SERVE_ERROR_LISTEN,                /* --listen cannot be used */
  PP_SERVE_ERROR_LAST
} PpServeError;

/* The API error code ("SignatureDoesNotMatch") and HTTP status of @code. */
const char *pp_serve_error_api_code (PpServeError code);
guint       pp_serve_error_http_status (PpServeError code);

G_END_DECLS
