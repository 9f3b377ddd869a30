/* SPDX-License-Identifier: MIT */
/* pp-params.h: the flat parameters of an RPC-style API call.
 *
 * Both official clients send every API parameter as a flat key/value pair
 * ("Filter.1.Value.2=..."), in the query string, in an
 * application/x-www-form-urlencoded body, or both.  PpParams keeps them
 * decoded, in arrival order, with an index by key; a key that appears
 * twice is refused (an ambiguous request, never sent by the SDKs).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *key;
  char *value;
} PpParam;

typedef struct _PpParams PpParams;

#define PP_PARAMS_MAX 4096    /* parameters per request */

PpParams   *pp_params_new (void);
void        pp_params_free (PpParams *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpParams, pp_params_free)

/* Adds a copy of @key = @value.  Fails (PP_SERVE_ERROR_INVALID_PARAMETER) on
 * a duplicate key, on a key or value that is not UTF-8 or holds a NUL, and
 * beyond PP_PARAMS_MAX. */
gboolean    pp_params_add (PpParams *p, const char *key, const char *value, GError **error);
/* Decodes @len bytes of "k=v&k2=v2" (percent-encoding, '+' is a space) and
 * adds each pair.  @what names the source in messages ("query", "body"). */
gboolean    pp_params_add_encoded (PpParams *p, const char *data, gsize len,
                                   const char *what, GError **error);
/* Adds every pair of @from. */
gboolean    pp_params_merge (PpParams *p, const PpParams *from, GError **error);

const char *pp_params_get (const PpParams *p, const char *key);
guint       pp_params_size (const PpParams *p);
const PpParam *pp_params_nth (const PpParams *p, guint i);
/* (transfer container) the parameters sorted by key (strcmp). */
GPtrArray  *pp_params_sorted (const PpParams *p);

G_END_DECLS
