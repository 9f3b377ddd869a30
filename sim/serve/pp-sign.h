/* SPDX-License-Identifier: MIT */
/* pp-sign.h: the two request-signing schemes of the Alibaba Cloud RPC API,
 * checked from the server's side.
 *
 *  - Signature v1 (@alicloud/pop-core; openapi-core with
 *    signatureAlgorithm 'v2'): every parameter but Signature, from the query
 *    and the form body, sorted by name; each name and value percent-encoded
 *    (RFC 3986) and joined "k=v&..." into C;
 *    StringToSign = METHOD "&%2F&" encode(C);
 *    Signature = base64 (HMAC-SHA1 (secret "&", StringToSign)).
 *  - ACS3-HMAC-SHA256 (@alicloud/vpc20160428 and openapi-client by
 *    default): in the Authorization header,
 *    "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=h1;h2,Signature=hex";
 *    CanonicalRequest = METHOD \n PATH \n CanonicalQuery \n CanonicalHeaders
 *    \n SignedHeaders \n hex (SHA256 (body)), where CanonicalQuery is the
 *    query only, sorted, "name=encode(value)" (the name is not encoded) and
 *    CanonicalHeaders is "name:trimmed value\n" per signed header;
 *    StringToSign = "ACS3-HMAC-SHA256\n" hex (SHA256 (CanonicalRequest));
 *    Signature = hex (HMAC-SHA256 (secret, StringToSign)).
 *
 * (/work/shared/reference/alibaba-api.md §1.1, §1.2; the unit tests check
 * requests captured from the real npm clients, tests/sdk/vectors.json.)
 *
 * Errors are PP_SERVE_ERROR with the code the real service answers.
 */
#pragma once

#include <glib.h>
#include "sim/serve/pp-params.h"

G_BEGIN_DECLS

#define PP_SIGN_WINDOW_SECONDS (15 * 60)  /* accepted clock skew, each way */

typedef enum {
  PP_SIGN_NONE,
  PP_SIGN_V1,                 /* HMAC-SHA1 in the parameters */
  PP_SIGN_ACS3,               /* ACS3-HMAC-SHA256 in Authorization */
} PpSignScheme;

/* What the server received, decoded.  All borrowed. */
typedef struct {
  const char *method;         /* "GET", "POST" */
  const char *path;           /* "/" */
  const PpParams *query;
  const PpParams *form;       /* the form body's parameters, or NULL */
  GHashTable *headers;        /* lower-case name -> value */
  const guint8 *body;
  gsize body_len;
} PpSignRequest;

/* What a request claims about itself. */
typedef struct {
  PpSignScheme scheme;
  char *access_key_id;
  char *nonce;
  gint64 time;                /* Unix seconds of Timestamp / x-acs-date */
  char *signature;            /* as sent */
  char *signed_headers;       /* ACS3: "host;x-acs-action;..." */
} PpSignInfo;

void     pp_sign_info_clear (PpSignInfo *info);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PpSignInfo, pp_sign_info_clear)

/* Finds the scheme and reads the AccessKey id, nonce, time and signature.
 * An unsigned request, a missing part or a malformed date is an error. */
gboolean pp_sign_inspect (const PpSignRequest *req, PpSignInfo *info, GError **error);

/* (transfer full) the string the client signed under @info->scheme. */
char    *pp_sign_string_to_sign (const PpSignRequest *req, const PpSignInfo *info);
/* (transfer full) the signature of @string_to_sign with @secret. */
char    *pp_sign_compute (PpSignScheme scheme, const char *secret, const char *string_to_sign);
/* TRUE if @info->signature is right for @secret; otherwise
 * PP_SERVE_ERROR_SIGNATURE_MISMATCH, with the server's string to sign in
 * the message as the real service does. */
gboolean pp_sign_verify (const PpSignRequest *req, const PpSignInfo *info,
                         const char *secret, GError **error);
/* TRUE if @info->time is within PP_SIGN_WINDOW_SECONDS of @now. */
gboolean pp_sign_check_time (const PpSignInfo *info, gint64 now, GError **error);

/* (transfer full) RFC 3986 percent-encoding, upper-case hex, as the SDKs'
 * encode(): everything but A-Z a-z 0-9 - _ . ~ is escaped. */
char    *pp_sign_percent_encode (const char *s);
/* Parses "YYYY-MM-DDThh:mm:ssZ" (UTC, nothing else) into Unix seconds. */
gboolean pp_sign_parse_time (const char *s, gint64 *out);

G_END_DECLS
