/* SPDX-License-Identifier: MIT */
/* fuzz-request.c: request parameters and signatures (sim/serve/pp-params.c,
 * pp-sign.c), decoded as `peerplan serve` decodes a request before it
 * looks at the account.
 *
 * The input is a request in text:
 *   METHOD TARGET\n          e.g. "GET /?Action=...&Signature=..."
 *   SECRET\n                 the AccessKey secret the server would use
 *   name: value\n ...        headers (names lower-cased, repeats joined by
 *   \n                       ","), up to an empty line
 *   BODY                     the rest (a form body)
 * What must hold:
 *  - the query and the body decode into parameters, or are refused with
 *    PP_SERVE_ERROR; decoded keys and values are UTF-8 without NUL, found
 *    again by key, and percent-encoding them (pp_sign_percent_encode, only
 *    unreserved characters and %XX) then decoding gives them back;
 *  - a signed request is inspected or refused with PP_SERVE_ERROR; its
 *    time reads back as the same text; its string to sign, signed with the
 *    secret, verifies (and only the right signature verifies); the time
 *    check takes the request's own time and refuses it one second past
 *    the window either way.
 */
#include "tests/fuzz/fuzz.h"
#include "sim/serve/pp-params.h"
#include "sim/serve/pp-serve-error.h"
#include "sim/serve/pp-sign.h"

#include <string.h>

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  pp_fuzz_init ();
  return 0;
}

static gboolean
is_unreserved (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.' || c == '~';
}

static void
check_encoded (const char *enc)
{
  for (const char *c = enc; *c != '\0'; c++)
    {
      if (*c == '%')
        {
          PP_FUZZ_CHECK (g_ascii_isxdigit (c[1]) && !g_ascii_islower (c[1]));
          PP_FUZZ_CHECK (g_ascii_isxdigit (c[2]) && !g_ascii_islower (c[2]));
          c += 2;
        }
      else
        PP_FUZZ_CHECK (is_unreserved (*c));
    }
}

/* Everything a decoded parameter list promises, and the encode -> decode
 * round trip. */
static void
check_params (const PpParams *p)
{
  g_autoptr (GString) joined = g_string_new (NULL);
  g_autoptr (PpParams) back = pp_params_new ();
  g_autoptr (GPtrArray) sorted = pp_params_sorted (p);
  g_autoptr (GError) error = NULL;

  PP_FUZZ_CHECK (pp_params_size (p) <= PP_PARAMS_MAX);
  PP_FUZZ_CHECK (sorted->len == pp_params_size (p));
  for (guint i = 0; i < pp_params_size (p); i++)
    {
      const PpParam *kv = pp_params_nth (p, i);
      g_autofree char *k = pp_sign_percent_encode (kv->key);
      g_autofree char *v = pp_sign_percent_encode (kv->value);

      PP_FUZZ_CHECK (g_utf8_validate (kv->key, -1, NULL));
      PP_FUZZ_CHECK (g_utf8_validate (kv->value, -1, NULL));
      PP_FUZZ_CHECK (pp_params_get (p, kv->key) == kv->value);
      check_encoded (k);
      check_encoded (v);
      g_string_append_printf (joined, "%s%s=%s", i ? "&" : "", k, v);
      if (i > 0)
        PP_FUZZ_CHECK (strcmp (((PpParam *) sorted->pdata[i - 1])->key,
                               ((PpParam *) sorted->pdata[i])->key) < 0);
    }
  PP_FUZZ_CHECK (pp_params_add_encoded (back, joined->str, joined->len, "round trip", &error));
  PP_FUZZ_CHECK (pp_params_size (back) == pp_params_size (p));
  for (guint i = 0; i < pp_params_size (p); i++)
    {
      PP_FUZZ_CHECK (strcmp (pp_params_nth (back, i)->key, pp_params_nth (p, i)->key) == 0);
      PP_FUZZ_CHECK (strcmp (pp_params_nth (back, i)->value, pp_params_nth (p, i)->value) == 0);
    }
}

static void
check_refused (const GError *error)
{
  PP_FUZZ_CHECK (error != NULL && error->domain == PP_SERVE_ERROR);
  PP_FUZZ_CHECK (error->message != NULL && error->message[0] != '\0');
}

/* A time that parses formats back to the same text. */
static void
check_time_text (const char *text)
{
  gint64 t;

  if (text != NULL && pp_sign_parse_time (text, &t))
    {
      g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (t);
      g_autofree char *back = NULL;

      PP_FUZZ_CHECK (dt != NULL);
      /* (g_date_time_format's %Y does not pad years before 1000.) */
      back = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                              g_date_time_get_year (dt), g_date_time_get_month (dt),
                              g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
                              g_date_time_get_minute (dt), g_date_time_get_second (dt));
      PP_FUZZ_CHECK (strcmp (back, text) == 0);
    }
}

static void
check_signature (const PpSignRequest *req, const char *secret)
{
  g_auto (PpSignInfo) info = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *sts = NULL;
  g_autofree char *good = NULL;
  g_autofree char *upper = NULL;
  gboolean sent_ok;
  char *sent;

  if (!pp_sign_inspect (req, &info, &error))
    {
      check_refused (error);
      return;
    }
  PP_FUZZ_CHECK (info.scheme == PP_SIGN_V1 || info.scheme == PP_SIGN_ACS3);
  PP_FUZZ_CHECK (info.access_key_id != NULL && info.nonce != NULL && info.signature != NULL);

  sts = pp_sign_string_to_sign (req, &info);
  PP_FUZZ_CHECK (sts != NULL);
  good = pp_sign_compute (info.scheme, secret, sts);
  PP_FUZZ_CHECK (good != NULL);

  /* What was sent verifies exactly when it is the right signature. */
  sent_ok = pp_sign_verify (req, &info, secret, &error);
  if (info.scheme == PP_SIGN_ACS3)
    {
      g_autofree char *lower = g_ascii_strdown (info.signature, -1);
      PP_FUZZ_CHECK (sent_ok == (strcmp (lower, good) == 0));
    }
  else
    PP_FUZZ_CHECK (sent_ok == (strcmp (info.signature, good) == 0));
  if (!sent_ok)
    check_refused (error);
  g_clear_error (&error);

  /* The right one verifies (ACS3: in either case of hex). */
  sent = info.signature;
  info.signature = good;
  PP_FUZZ_CHECK (pp_sign_verify (req, &info, secret, NULL));
  if (info.scheme == PP_SIGN_ACS3)
    {
      upper = g_ascii_strup (good, -1);
      info.signature = upper;
      PP_FUZZ_CHECK (pp_sign_verify (req, &info, secret, NULL));
    }
  info.signature = sent;

  PP_FUZZ_CHECK (pp_sign_check_time (&info, info.time, NULL));
  PP_FUZZ_CHECK (pp_sign_check_time (&info, info.time + PP_SIGN_WINDOW_SECONDS, NULL));
  PP_FUZZ_CHECK (!pp_sign_check_time (&info, info.time + PP_SIGN_WINDOW_SECONDS + 1, NULL));
  PP_FUZZ_CHECK (!pp_sign_check_time (&info, info.time - PP_SIGN_WINDOW_SECONDS - 1, NULL));
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *text = g_malloc (size + 1);
  g_autoptr (GHashTable) headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (PpParams) query = pp_params_new ();
  g_autoptr (PpParams) form = NULL;
  g_autoptr (PpParams) all = pp_params_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *method = NULL;
  g_autofree char *path = NULL;
  g_autofree char *secret = NULL;
  const char *body;
  gsize body_len;
  char *line = text, *eol, *target, *q;
  PpSignRequest req;

  memcpy (text, data, size);
  text[size] = '\0';
  /* The request line. */
  if ((eol = strchr (line, '\n')) == NULL)
    return 0;
  *eol = '\0';
  if ((target = strchr (line, ' ')) == NULL)
    return 0;
  method = g_strndup (line, (gsize) (target - line));
  target++;
  q = strchr (target, '?');
  path = q != NULL ? g_strndup (target, (gsize) (q - target)) : g_strdup (target);
  if (q != NULL && !pp_params_add_encoded (query, q + 1, strlen (q + 1), "query", &error))
    {
      check_refused (error);
      return 0;
    }
  check_params (query);

  /* The secret, the headers, the body. */
  line = eol + 1;
  if ((eol = strchr (line, '\n')) == NULL)
    return 0;
  secret = g_strndup (line, (gsize) (eol - line));
  for (line = eol + 1; (eol = strchr (line, '\n')) != NULL && eol != line; line = eol + 1)
    {
      char *colon = memchr (line, ':', (gsize) (eol - line));
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      const char *old;

      if (colon == NULL)
        return 0;
      name = g_ascii_strdown (line, colon - line);
      value = g_strstrip (g_strndup (colon + 1, (gsize) (eol - colon - 1)));
      old = g_hash_table_lookup (headers, name);
      if (old != NULL)
        {
          char *joined = g_strconcat (old, ",", value, NULL);
          g_hash_table_insert (headers, g_steal_pointer (&name), joined);
        }
      else
        g_hash_table_insert (headers, g_steal_pointer (&name), g_steal_pointer (&value));
    }
  if (eol == NULL)
    return 0;
  body = eol + 1;
  /* The body is the rest of the input, NULs included. */
  body_len = size - (gsize) (body - text);
  if (body_len > 0)
    {
      form = pp_params_new ();
      if (!pp_params_add_encoded (form, body, body_len, "body", &error))
        {
          check_refused (error);
          return 0;
        }
      check_params (form);
    }
  if (!pp_params_merge (all, query, &error)
      || (form != NULL && !pp_params_merge (all, form, &error)))
    check_refused (error);
  else
    PP_FUZZ_CHECK (pp_params_size (all) == pp_params_size (query)
                   + (form != NULL ? pp_params_size (form) : 0));
  g_clear_error (&error);

  check_time_text (pp_params_get (query, "Timestamp"));
  check_time_text (g_hash_table_lookup (headers, "x-acs-date"));

  req = (PpSignRequest) {
    .method = method, .path = path, .query = query, .form = form, .headers = headers,
    .body = (const guint8 *) body, .body_len = body_len,
  };
  check_signature (&req, secret);
  return 0;
}
