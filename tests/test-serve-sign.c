/* SPDX-License-Identifier: MIT */
/* test-serve-sign.c: the signature checks of sim/serve/pp-sign.c against
 * requests captured from the real npm clients (tests/sdk/vectors.json, made
 * by tests/sdk/make-vectors.js), plus table-driven edge cases. */
#include <check.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tests/testutils.h"
#include "sim/serve/pp-params.h"
#include "sim/serve/pp-serve-error.h"
#include "sim/serve/pp-sign.h"

/* One captured request, decoded the way the server decodes it. */
typedef struct {
  char *name;
  char *scheme;
  char *secret;
  char *access_key_id;
  char *method;
  char *path;
  PpParams *query;
  PpParams *form;
  GHashTable *headers;
  GBytes *body;
} Vector;

static GPtrArray *vectors;

static void
vector_free (gpointer data)
{
  Vector *v = data;

  g_free (v->name);
  g_free (v->scheme);
  g_free (v->secret);
  g_free (v->access_key_id);
  g_free (v->method);
  g_free (v->path);
  pp_params_free (v->query);
  pp_params_free (v->form);
  g_hash_table_unref (v->headers);
  g_bytes_unref (v->body);
  g_free (v);
}

static void
load_vectors (void)
{
  g_autofree char *file = pp_test_srcpath ("tests/sdk/vectors.json");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *arr;

  if (!json_parser_load_from_file (parser, file, &error))
    g_error ("%s: %s", file, error->message);
  arr = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                      "vectors");
  vectors = g_ptr_array_new_with_free_func (vector_free);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonObject *o = json_array_get_object_element (arr, i);
      JsonArray *hdrs = json_object_get_array_member (o, "headers");
      const char *target = json_object_get_string_member (o, "target");
      const char *body = json_object_get_string_member (o, "body");
      const char *q = strchr (target, '?');
      Vector *v = g_new0 (Vector, 1);

      v->name = g_strdup (json_object_get_string_member (o, "name"));
      v->scheme = g_strdup (json_object_get_string_member (o, "scheme"));
      v->secret = g_strdup (json_object_get_string_member (o, "secret"));
      v->access_key_id = g_strdup (json_object_get_string_member (o, "access_key_id"));
      v->method = g_strdup (json_object_get_string_member (o, "method"));
      v->path = q != NULL ? g_strndup (target, q - target) : g_strdup (target);
      v->query = pp_params_new ();
      if (q != NULL && !pp_params_add_encoded (v->query, q + 1, strlen (q + 1), "query", &error))
        g_error ("%s: %s", v->name, error->message);
      v->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint j = 0; j < json_array_get_length (hdrs); j++)
        {
          JsonArray *h = json_array_get_array_element (hdrs, j);

          g_hash_table_insert (v->headers, g_strdup (json_array_get_string_element (h, 0)),
                               g_strdup (json_array_get_string_element (h, 1)));
        }
      v->body = g_bytes_new (body, strlen (body));
      if (g_strcmp0 (g_hash_table_lookup (v->headers, "content-type"),
                     "application/x-www-form-urlencoded") == 0)
        {
          v->form = pp_params_new ();
          if (!pp_params_add_encoded (v->form, body, strlen (body), "body", &error))
            g_error ("%s: %s", v->name, error->message);
        }
      g_ptr_array_add (vectors, v);
    }
}

static PpSignRequest
request_of (const Vector *v)
{
  PpSignRequest req = {
    .method = v->method, .path = v->path, .query = v->query, .form = v->form,
    .headers = v->headers,
    .body = g_bytes_get_data (v->body, NULL), .body_len = g_bytes_get_size (v->body),
  };
  return req;
}

/* Every captured request verifies with the secret that signed it. */
START_TEST (test_vector_verifies)
{
  const Vector *v = g_ptr_array_index (vectors, _i);
  PpSignRequest req = request_of (v);
  g_auto (PpSignInfo) info = { 0 };
  g_autoptr (GError) error = NULL;

  ck_assert_msg (pp_sign_inspect (&req, &info, &error), "%s: %s", v->name,
                 error != NULL ? error->message : "");
  ck_assert_int_eq (info.scheme, strcmp (v->scheme, "v1") == 0 ? PP_SIGN_V1 : PP_SIGN_ACS3);
  ck_assert_str_eq (info.access_key_id, v->access_key_id);
  ck_assert_msg (pp_sign_verify (&req, &info, v->secret, &error), "%s: %s", v->name,
                 error != NULL ? error->message : "");
  ck_assert_msg (pp_sign_check_time (&info, info.time + PP_SIGN_WINDOW_SECONDS, NULL), "%s", v->name);
  ck_assert_msg (pp_sign_check_time (&info, info.time - PP_SIGN_WINDOW_SECONDS, NULL), "%s", v->name);
}
END_TEST

/* ... and fails with any other secret, with the real code. */
START_TEST (test_vector_wrong_secret)
{
  const Vector *v = g_ptr_array_index (vectors, _i);
  PpSignRequest req = request_of (v);
  g_auto (PpSignInfo) info = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *wrong = g_strconcat (v->secret, "x", NULL);

  ck_assert (pp_sign_inspect (&req, &info, NULL));
  ck_assert (!pp_sign_verify (&req, &info, wrong, &error));
  ck_assert (g_error_matches (error, PP_SERVE_ERROR, PP_SERVE_ERROR_SIGNATURE_MISMATCH));
  ck_assert_str_eq (pp_serve_error_api_code (error->code), "SignatureDoesNotMatch");
  ck_assert (g_str_has_prefix (error->message, "Specified signature is not matched with our calculation."));
}
END_TEST

static void
copy_header (gpointer key, gpointer value, gpointer user_data)
{
  g_hash_table_insert (user_data, key, value);
}

/* ... and fails when one signed value changes on the way (tampering). */
START_TEST (test_vector_tampered)
{
  const Vector *v = g_ptr_array_index (vectors, _i);
  g_autoptr (PpParams) query = pp_params_new ();
  PpSignRequest req = request_of (v);
  g_auto (PpSignInfo) info = { 0 };
  g_autoptr (GHashTable) headers = NULL;
  g_autoptr (PpParams) form = NULL;
  gboolean changed = FALSE;

  ck_assert (pp_sign_inspect (&req, &info, NULL));
  /* Change the first signed value: RegionId in the query or the body. */
  for (guint i = 0; i < pp_params_size (v->query); i++)
    {
      const PpParam *p = pp_params_nth (v->query, i);
      gboolean hit = !changed && strcmp (p->key, "Signature") != 0;

      ck_assert (pp_params_add (query, p->key, hit ? "tampered" : p->value, NULL));
      changed |= hit;
    }
  req.query = query;
  if (!changed && info.scheme == PP_SIGN_V1 && v->form != NULL)
    {
      form = pp_params_new ();
      for (guint i = 0; i < pp_params_size (v->form); i++)
        {
          const PpParam *p = pp_params_nth (v->form, i);
          gboolean hit = !changed && strcmp (p->key, "Signature") != 0;

          ck_assert (pp_params_add (form, p->key, hit ? "tampered" : p->value, NULL));
          changed |= hit;
        }
      req.form = form;
    }
  if (!changed && req.body_len > 0)
    {
      req.body_len--;
      changed = TRUE;
    }
  if (!changed && info.scheme == PP_SIGN_ACS3)
    {
      /* Nothing in the query or body: swap the (signed) action header. */
      headers = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_foreach (v->headers, copy_header, headers);
      g_hash_table_insert (headers, (char *) "x-acs-action", (char *) "DeleteVpc");
      req.headers = headers;
      changed = TRUE;
    }
  ck_assert_msg (changed, "%s: nothing to tamper with", v->name);
  ck_assert_msg (!pp_sign_verify (&req, &info, v->secret, NULL), "%s", v->name);
}
END_TEST

START_TEST (test_vector_time_window)
{
  const Vector *v = g_ptr_array_index (vectors, _i);
  PpSignRequest req = request_of (v);
  g_auto (PpSignInfo) info = { 0 };
  g_autoptr (GError) error = NULL;

  ck_assert (pp_sign_inspect (&req, &info, NULL));
  ck_assert (!pp_sign_check_time (&info, info.time + PP_SIGN_WINDOW_SECONDS + 1, &error));
  ck_assert (g_error_matches (error, PP_SERVE_ERROR, PP_SERVE_ERROR_TIMESTAMP_EXPIRED));
  g_clear_error (&error);
  ck_assert (!pp_sign_check_time (&info, info.time - PP_SIGN_WINDOW_SECONDS - 1, &error));
  ck_assert_str_eq (pp_serve_error_api_code (error->code), "InvalidTimeStamp.Expired");
}
END_TEST

static const struct {
  const char *in;
  const char *out;
} encode_cases[] = {
  { "", "" },
  { "AZaz09-_.~", "AZaz09-_.~" },
  { " ", "%20" },
  { "+", "%2B" },
  { "*", "%2A" },
  { "!'()", "%21%27%28%29" },
  { "a/b=c&d", "a%2Fb%3Dc%26d" },
  { "\xc3\xa9", "%C3%A9" },
  { "%", "%25" },
};

START_TEST (test_percent_encode)
{
  g_autofree char *got = pp_sign_percent_encode (encode_cases[_i].in);

  ck_assert_str_eq (got, encode_cases[_i].out);
}
END_TEST

static const struct {
  const char *in;
  gboolean ok;
  gint64 unix_time;
} time_cases[] = {
  { "1970-01-01T00:00:00Z", TRUE, 0 },
  { "2026-11-27T08:20:20Z", TRUE, 1795767620 },
  { "2024-02-29T23:59:59Z", TRUE, 1709251199 },
  { "2023-02-29T00:00:00Z", FALSE, 0 },
  { "2026-11-27T08:20:20", FALSE, 0 },
  { "2026-11-27T08:20:20.000Z", FALSE, 0 },
  { "2026-11-27 08:20:20Z", FALSE, 0 },
  { "2026-13-01T00:00:00Z", FALSE, 0 },
  { "2026-11-27T24:00:00Z", FALSE, 0 },
  { "+026-11-27T08:20:20Z", FALSE, 0 },
  { "", FALSE, 0 },
  { "Fri, 27 Nov 2026 08:20:20 GMT", FALSE, 0 },
};

START_TEST (test_parse_time)
{
  gint64 t = -1;

  ck_assert_int_eq (pp_sign_parse_time (time_cases[_i].in, &t), time_cases[_i].ok);
  if (time_cases[_i].ok)
    ck_assert_int_eq (t, time_cases[_i].unix_time);
}
END_TEST

/* Requests that are refused before any signature is computed. */
static const struct {
  const char *query;
  const char *authorization;
  PpServeError code;
} inspect_cases[] = {
  { "Action=DescribeRegions", NULL, PP_SERVE_ERROR_MISSING_PARAMETER },
  { "Signature=x&SignatureMethod=HMAC-SHA1&SignatureNonce=n&Timestamp=2026-11-27T08:20:20Z",
    NULL, PP_SERVE_ERROR_MISSING_PARAMETER },
  { "Signature=x&AccessKeyId=a&SignatureNonce=n&Timestamp=2026-11-27T08:20:20Z",
    NULL, PP_SERVE_ERROR_MISSING_PARAMETER },
  { "Signature=x&AccessKeyId=a&SignatureMethod=HMAC-SHA1&Timestamp=2026-11-27T08:20:20Z",
    NULL, PP_SERVE_ERROR_MISSING_PARAMETER },
  { "Signature=x&AccessKeyId=a&SignatureMethod=HMAC-SHA1&SignatureNonce=n",
    NULL, PP_SERVE_ERROR_MISSING_PARAMETER },
  { "Signature=x&AccessKeyId=a&SignatureMethod=HMAC-SHA256&SignatureNonce=n&Timestamp=2026-11-27T08:20:20Z",
    NULL, PP_SERVE_ERROR_INCOMPLETE_SIGNATURE },
  { "Signature=x&AccessKeyId=a&SignatureMethod=HMAC-SHA1&SignatureNonce=n&Timestamp=yesterday",
    NULL, PP_SERVE_ERROR_TIMESTAMP_FORMAT },
  { "", "Basic dXNlcjpwYXNz", PP_SERVE_ERROR_INCOMPLETE_SIGNATURE },
  { "", "ACS3-HMAC-SHA256", PP_SERVE_ERROR_INCOMPLETE_SIGNATURE },
  { "", "ACS3-HMAC-SHA256 Credential=a", PP_SERVE_ERROR_INCOMPLETE_SIGNATURE },
  { "", "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=00,Signature=00",
    PP_SERVE_ERROR_INCOMPLETE_SIGNATURE },
  { "", "ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=00",
    PP_SERVE_ERROR_INCOMPLETE_SIGNATURE },
  { "", "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=00",
    PP_SERVE_ERROR_INCOMPLETE_SIGNATURE },          /* x-acs-date sent, not signed */
  { "", "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host;x-acs-date,Signature=00",
    PP_SERVE_ERROR_MISSING_PARAMETER },             /* no nonce header */
};

START_TEST (test_inspect_refuses)
{
  g_autoptr (PpParams) query = pp_params_new ();
  g_autoptr (GHashTable) headers = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto (PpSignInfo) info = { 0 };
  g_autoptr (GError) error = NULL;
  PpSignRequest req = { .method = "GET", .path = "/", .query = query, .headers = headers };

  ck_assert (pp_params_add_encoded (query, inspect_cases[_i].query,
                                    strlen (inspect_cases[_i].query), "query", NULL));
  if (inspect_cases[_i].authorization != NULL)
    {
      g_hash_table_insert (headers, (char *) "authorization",
                           (char *) inspect_cases[_i].authorization);
      g_hash_table_insert (headers, (char *) "host", (char *) "127.0.0.1:1");
      g_hash_table_insert (headers, (char *) "x-acs-date", (char *) "2026-11-27T08:20:20Z");
    }
  ck_assert (!pp_sign_inspect (&req, &info, &error));
  ck_assert_msg (g_error_matches (error, PP_SERVE_ERROR, inspect_cases[_i].code),
                 "case %d: %s", _i, error->message);
  ck_assert_int_eq (info.scheme, PP_SIGN_NONE);
}
END_TEST

static const struct {
  const char *encoded;
  gboolean ok;
  const char *key;
  const char *value;
} decode_cases[] = {
  { "a=b", TRUE, "a", "b" },
  { "a=b+c", TRUE, "a", "b c" },
  { "a=%2B%20", TRUE, "a", "+ " },
  { "a", TRUE, "a", "" },
  { "a=&&b=1", TRUE, "a", "" },
  { "a=%C3%A9", TRUE, "a", "\xc3\xa9" },
  { "a=%", FALSE, NULL, NULL },
  { "a=%4", FALSE, NULL, NULL },
  { "a=%zz", FALSE, NULL, NULL },
  { "a=%00", FALSE, NULL, NULL },
  { "a=%FF", FALSE, NULL, NULL },          /* not UTF-8 */
  { "a=1&a=2", FALSE, NULL, NULL },        /* duplicate */
  { "=1", FALSE, NULL, NULL },             /* empty name */
};

START_TEST (test_params_decode)
{
  g_autoptr (PpParams) p = pp_params_new ();
  g_autoptr (GError) error = NULL;
  const char *in = decode_cases[_i].encoded;
  gboolean ok = pp_params_add_encoded (p, in, strlen (in), "query", &error);

  ck_assert_msg (ok == decode_cases[_i].ok, "case %s", in);
  if (ok)
    ck_assert_str_eq (pp_params_get (p, decode_cases[_i].key), decode_cases[_i].value);
  else
    ck_assert (g_error_matches (error, PP_SERVE_ERROR, PP_SERVE_ERROR_INVALID_PARAMETER));
}
END_TEST

START_TEST (test_params_limit)
{
  g_autoptr (PpParams) p = pp_params_new ();
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < PP_PARAMS_MAX; i++)
    {
      g_autofree char *k = g_strdup_printf ("K%u", i);

      ck_assert (pp_params_add (p, k, "v", NULL));
    }
  ck_assert (!pp_params_add (p, "one-more", "v", &error));
  ck_assert (g_error_matches (error, PP_SERVE_ERROR, PP_SERVE_ERROR_INVALID_PARAMETER));
}
END_TEST

/* Known answers computed independently (Python hmac/hashlib). */
START_TEST (test_compute_known)
{
  g_autofree char *v1 = pp_sign_compute (PP_SIGN_V1, "secret", "GET&%2F&A%3Db");
  g_autofree char *acs3 = pp_sign_compute (PP_SIGN_ACS3, "secret", "ACS3-HMAC-SHA256\nabc");

  ck_assert_str_eq (v1, "jjUXZRnaqx38xsZ4WN/OT54Fma8=");
  ck_assert_str_eq (acs3, "583b7363a028d59716b60e0de9322a5ba04b6a25b8148cb6d80f729d982a281f");
}
END_TEST

static Suite *
sign_suite (void)
{
  Suite *s = suite_create ("serve-sign");
  TCase *tc = tcase_create ("vectors");

  tcase_add_loop_test (tc, test_vector_verifies, 0, vectors->len);
  tcase_add_loop_test (tc, test_vector_wrong_secret, 0, vectors->len);
  tcase_add_loop_test (tc, test_vector_tampered, 0, vectors->len);
  tcase_add_loop_test (tc, test_vector_time_window, 0, vectors->len);
  suite_add_tcase (s, tc);
  tc = tcase_create ("units");
  tcase_add_loop_test (tc, test_percent_encode, 0, G_N_ELEMENTS (encode_cases));
  tcase_add_loop_test (tc, test_parse_time, 0, G_N_ELEMENTS (time_cases));
  tcase_add_loop_test (tc, test_inspect_refuses, 0, G_N_ELEMENTS (inspect_cases));
  tcase_add_loop_test (tc, test_params_decode, 0, G_N_ELEMENTS (decode_cases));
  tcase_add_test (tc, test_params_limit);
  tcase_add_test (tc, test_compute_known);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  int status;

  load_vectors ();
  if (vectors->len < 6)
    g_error ("tests/sdk/vectors.json holds too few vectors");
  status = pp_test_run (sign_suite ());
  g_ptr_array_unref (vectors);
  return status;
}
