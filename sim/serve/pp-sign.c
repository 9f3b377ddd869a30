/* SPDX-License-Identifier: MIT */
/* pp-sign.c: server-side checks of signature v1 and ACS3-HMAC-SHA256. */
#include "sim/serve/pp-sign.h"
#include "sim/serve/pp-serve-error.h"

#include <string.h>

#define PP_ACS3 "ACS3-HMAC-SHA256"

void
pp_sign_info_clear (PpSignInfo *info)
{
  g_clear_pointer (&info->access_key_id, g_free);
  g_clear_pointer (&info->nonce, g_free);
  g_clear_pointer (&info->signature, g_free);
  g_clear_pointer (&info->signed_headers, g_free);
  info->scheme = PP_SIGN_NONE;
  info->time = 0;
}

char *
pp_sign_percent_encode (const char *s)
{
  static const char hex[] = "0123456789ABCDEF";
  GString *out = g_string_sized_new (strlen (s) * 3 / 2 + 1);

  for (const guchar *p = (const guchar *) s; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' || *p == '~')
        g_string_append_c (out, (char) *p);
      else
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, hex[*p >> 4]);
          g_string_append_c (out, hex[*p & 0xf]);
        }
    }
  return g_string_free (out, FALSE);
}

gboolean
pp_sign_parse_time (const char *s, gint64 *out)
{
  int y, mo, d, h, mi, sec;
  g_autoptr (GDateTime) dt = NULL;

  if (s == NULL || strlen (s) != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T'
      || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
    return FALSE;
  for (int i = 0; i < 19; i++)
    if (i != 4 && i != 7 && i != 10 && i != 13 && i != 16 && !g_ascii_isdigit (s[i]))
      return FALSE;
#define PP_DIGITS2(i) ((s[i] - '0') * 10 + (s[(i) + 1] - '0'))
  y = PP_DIGITS2 (0) * 100 + PP_DIGITS2 (2);
  mo = PP_DIGITS2 (5);
  d = PP_DIGITS2 (8);
  h = PP_DIGITS2 (11);
  mi = PP_DIGITS2 (14);
  sec = PP_DIGITS2 (17);
#undef PP_DIGITS2
  if (y < 1 || sec > 59)
    return FALSE;
  dt = g_date_time_new_utc (y, mo, d, h, mi, sec);
  if (dt == NULL || g_date_time_get_day_of_month (dt) != d)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

static gboolean
pp_missing (const char *name, GError **error)
{
  g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_MISSING_PARAMETER,
               "The input parameter \"%s\" that is mandatory for processing this "
               "request is not supplied.", name);
  return FALSE;
}

static gboolean
pp_bad_time (const char *value, GError **error)
{
  g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_TIMESTAMP_FORMAT,
               "Specified time stamp or date value is not well formatted: \"%s\" "
               "(expected YYYY-MM-DDThh:mm:ssZ in UTC).", value);
  return FALSE;
}

/* A v1 parameter from the query or, failing that, the form body. */
static const char *
pp_v1_param (const PpSignRequest *req, const char *key)
{
  const char *v = pp_params_get (req->query, key);

  if (v == NULL && req->form != NULL)
    v = pp_params_get (req->form, key);
  return v;
}

static gboolean
pp_inspect_v1 (const PpSignRequest *req, PpSignInfo *info, GError **error)
{
  static const char *required[] = {
    "AccessKeyId", "SignatureMethod", "SignatureNonce", "Timestamp",
  };
  const char *method, *version, *timestamp;

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (pp_v1_param (req, required[i]) == NULL)
      return pp_missing (required[i], error);
  method = pp_v1_param (req, "SignatureMethod");
  version = pp_v1_param (req, "SignatureVersion");
  if (g_strcmp0 (method, "HMAC-SHA1") != 0 || (version != NULL && strcmp (version, "1.0") != 0))
    {
      g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_INCOMPLETE_SIGNATURE,
                   "The request signature does not conform to Aliyun standards: "
                   "SignatureMethod \"%s\" / SignatureVersion \"%s\" is not supported "
                   "(HMAC-SHA1 / 1.0 is).", method, version != NULL ? version : "");
      return FALSE;
    }
  timestamp = pp_v1_param (req, "Timestamp");
  if (!pp_sign_parse_time (timestamp, &info->time))
    return pp_bad_time (timestamp, error);
  info->scheme = PP_SIGN_V1;
  info->access_key_id = g_strdup (pp_v1_param (req, "AccessKeyId"));
  info->nonce = g_strdup (pp_v1_param (req, "SignatureNonce"));
  info->signature = g_strdup (pp_v1_param (req, "Signature"));
  return TRUE;
}

static gboolean
pp_incomplete (GError **error, const char *why)
{
  g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_INCOMPLETE_SIGNATURE,
               "The request signature does not conform to Aliyun standards: %s", why);
  return FALSE;
}

/* Is @name one of the ';'-separated @list? */
static gboolean
pp_list_has (const char *list, const char *name)
{
  g_auto (GStrv) names = g_strsplit (list, ";", -1);

  return g_strv_contains ((const char * const *) names, name);
}

static gboolean
pp_inspect_acs3 (const PpSignRequest *req, const char *auth, PpSignInfo *info, GError **error)
{
  /* Headers that, when sent, must be covered by the signature: they carry
   * the action, the version, the time, the nonce and the body's hash. */
  static const char *must_sign[] = {
    "host", "x-acs-action", "x-acs-version", "x-acs-date",
    "x-acs-signature-nonce", "x-acs-content-sha256",
  };
  const char *rest = auth + strlen (PP_ACS3);
  g_auto (GStrv) parts = NULL;
  const char *date, *nonce;

  if (*rest != ' ')
    return pp_incomplete (error, "the Authorization header is malformed.");
  parts = g_strsplit (rest + 1, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      char *eq = strchr (part, '=');
      char **slot = NULL;

      if (eq == NULL)
        return pp_incomplete (error, "the Authorization header is malformed.");
      *eq = '\0';
      if (strcmp (part, "Credential") == 0)
        slot = &info->access_key_id;
      else if (strcmp (part, "SignedHeaders") == 0)
        slot = &info->signed_headers;
      else if (strcmp (part, "Signature") == 0)
        slot = &info->signature;
      if (slot == NULL || *slot != NULL)
        return pp_incomplete (error, "the Authorization header has an unknown or repeated field.");
      *slot = g_strdup (eq + 1);
    }
  if (info->access_key_id == NULL || *info->access_key_id == '\0')
    return pp_incomplete (error, "the Authorization header has no Credential.");
  if (info->signed_headers == NULL || info->signature == NULL)
    return pp_incomplete (error, "the Authorization header lacks SignedHeaders or Signature.");
  for (guint i = 0; i < G_N_ELEMENTS (must_sign); i++)
    if (g_hash_table_contains (req->headers, must_sign[i])
        && !pp_list_has (info->signed_headers, must_sign[i]))
      {
        g_autofree char *why = g_strdup_printf ("the header \"%s\" is not signed.", must_sign[i]);

        return pp_incomplete (error, why);
      }
  date = g_hash_table_lookup (req->headers, "x-acs-date");
  nonce = g_hash_table_lookup (req->headers, "x-acs-signature-nonce");
  if (date == NULL)
    return pp_missing ("x-acs-date", error);
  if (nonce == NULL || *nonce == '\0')
    return pp_missing ("x-acs-signature-nonce", error);
  if (!pp_sign_parse_time (date, &info->time))
    return pp_bad_time (date, error);
  info->nonce = g_strdup (nonce);
  info->scheme = PP_SIGN_ACS3;
  return TRUE;
}

gboolean
pp_sign_inspect (const PpSignRequest *req, PpSignInfo *info, GError **error)
{
  const char *auth = g_hash_table_lookup (req->headers, "authorization");

  pp_sign_info_clear (info);
  if (auth != NULL && g_str_has_prefix (auth, PP_ACS3))
    {
      if (!pp_inspect_acs3 (req, auth, info, error))
        {
          pp_sign_info_clear (info);
          return FALSE;
        }
      return TRUE;
    }
  if (auth != NULL)
    return pp_incomplete (error, "only ACS3-HMAC-SHA256 is supported in the Authorization header.");
  if (pp_v1_param (req, "Signature") == NULL)
    return pp_missing ("Signature", error);
  if (!pp_inspect_v1 (req, info, error))
    {
      pp_sign_info_clear (info);
      return FALSE;
    }
  return TRUE;
}

static char *
pp_v1_string_to_sign (const PpSignRequest *req)
{
  g_autoptr (PpParams) all = pp_params_new ();
  g_autoptr (GPtrArray) sorted = NULL;
  g_autoptr (GString) canon = g_string_new (NULL);
  g_autofree char *encoded = NULL;

  /* Both sources were de-duplicated against each other by the caller; a
   * clash here only drops the second copy from the string. */
  for (guint i = 0; i < pp_params_size (req->query); i++)
    {
      const PpParam *p = pp_params_nth (req->query, i);

      if (strcmp (p->key, "Signature") != 0)
        (void) pp_params_add (all, p->key, p->value, NULL);
    }
  for (guint i = 0; req->form != NULL && i < pp_params_size (req->form); i++)
    {
      const PpParam *p = pp_params_nth (req->form, i);

      if (strcmp (p->key, "Signature") != 0)
        (void) pp_params_add (all, p->key, p->value, NULL);
    }
  sorted = pp_params_sorted (all);
  for (guint i = 0; i < sorted->len; i++)
    {
      const PpParam *p = g_ptr_array_index (sorted, i);
      g_autofree char *k = pp_sign_percent_encode (p->key);
      g_autofree char *v = pp_sign_percent_encode (p->value);

      g_string_append_printf (canon, "%s%s=%s", i > 0 ? "&" : "", k, v);
    }
  encoded = pp_sign_percent_encode (canon->str);
  return g_strdup_printf ("%s&%%2F&%s", req->method, encoded);
}

static char *
pp_acs3_canonical_request (const PpSignRequest *req, const PpSignInfo *info)
{
  g_autoptr (GPtrArray) sorted = pp_params_sorted (req->query);
  g_auto (GStrv) names = g_strsplit (info->signed_headers, ";", -1);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *body_hash = NULL;

  g_string_append_printf (out, "%s\n%s\n", req->method, req->path);
  for (guint i = 0; i < sorted->len; i++)
    {
      const PpParam *p = g_ptr_array_index (sorted, i);
      g_autofree char *v = pp_sign_percent_encode (p->value);

      g_string_append_printf (out, "%s%s=%s", i > 0 ? "&" : "", p->key, v);
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *lower = g_ascii_strdown (names[i], -1);
      g_autofree char *value = g_strdup (g_hash_table_lookup (req->headers, lower));

      g_string_append_printf (out, "%s:%s\n", lower, value != NULL ? g_strstrip (value) : "");
    }
  body_hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                           req->body != NULL ? req->body : (const guint8 *) "",
                                           req->body_len);
  g_string_append_printf (out, "\n%s\n%s", info->signed_headers, body_hash);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
pp_sign_string_to_sign (const PpSignRequest *req, const PpSignInfo *info)
{
  g_autofree char *canonical = NULL;
  g_autofree char *hash = NULL;

  switch (info->scheme)
    {
    case PP_SIGN_V1:
      return pp_v1_string_to_sign (req);
    case PP_SIGN_ACS3:
      canonical = pp_acs3_canonical_request (req, info);
      hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
      return g_strdup_printf (PP_ACS3 "\n%s", hash);
    case PP_SIGN_NONE:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
pp_sign_compute (PpSignScheme scheme, const char *secret, const char *string_to_sign)
{
  g_autofree char *key = NULL;
  g_autoptr (GHmac) hmac = NULL;
  guint8 digest[32];
  gsize len = sizeof digest;

  g_return_val_if_fail (scheme == PP_SIGN_V1 || scheme == PP_SIGN_ACS3, NULL);
  if (scheme == PP_SIGN_ACS3)
    return g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) secret,
                                      strlen (secret), string_to_sign, -1);
  key = g_strconcat (secret, "&", NULL);
  hmac = g_hmac_new (G_CHECKSUM_SHA1, (const guchar *) key, strlen (key));
  g_hmac_update (hmac, (const guchar *) string_to_sign, -1);
  g_hmac_get_digest (hmac, digest, &len);
  return g_base64_encode (digest, len);
}

/* Compares without an early exit, so timing says nothing about the match. */
static gboolean
pp_equal_const_time (const char *a, const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  guint diff = la != lb;

  for (gsize i = 0; i < la; i++)
    diff |= (guint) (guchar) a[i] ^ (guint) (guchar) b[i % (lb > 0 ? lb : 1)];
  return diff == 0;
}

gboolean
pp_sign_verify (const PpSignRequest *req, const PpSignInfo *info,
                const char *secret, GError **error)
{
  g_autofree char *sts = pp_sign_string_to_sign (req, info);
  g_autofree char *expected = NULL;
  const char *sent = info->signature != NULL ? info->signature : "";

  g_return_val_if_fail (sts != NULL, FALSE);
  expected = pp_sign_compute (info->scheme, secret, sts);
  if (info->scheme == PP_SIGN_ACS3)
    {
      g_autofree char *lower = g_ascii_strdown (sent, -1);

      if (pp_equal_const_time (lower, expected))
        return TRUE;
    }
  else if (pp_equal_const_time (sent, expected))
    return TRUE;
  g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_SIGNATURE_MISMATCH,
               "Specified signature is not matched with our calculation. "
               "server string to sign is:%s", sts);
  return FALSE;
}

gboolean
pp_sign_check_time (const PpSignInfo *info, gint64 now, GError **error)
{
  gint64 skew = info->time - now;

  if (skew > PP_SIGN_WINDOW_SECONDS || skew < -PP_SIGN_WINDOW_SECONDS)
    {
      g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_TIMESTAMP_EXPIRED,
                   "Specified time stamp or date value is expired.");
      return FALSE;
    }
  return TRUE;
}
