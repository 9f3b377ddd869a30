/* SPDX-License-Identifier: MIT */
/* pp-params.c: decoded, de-duplicated request parameters. */
#include "sim/serve/pp-params.h"
#include "sim/serve/pp-serve-error.h"

#include <string.h>

struct _PpParams {
  GPtrArray *items;           /* PpParam *, owned */
  GHashTable *index;          /* key (borrowed from items) -> PpParam * */
};

static void
pp_param_free (gpointer data)
{
  PpParam *param = data;

  g_free (param->key);
  g_free (param->value);
  g_free (param);
}

PpParams *
pp_params_new (void)
{
  PpParams *p = g_new0 (PpParams, 1);

  p->items = g_ptr_array_new_with_free_func (pp_param_free);
  p->index = g_hash_table_new (g_str_hash, g_str_equal);
  return p;
}

void
pp_params_free (PpParams *p)
{
  if (p == NULL)
    return;
  g_hash_table_unref (p->index);
  g_ptr_array_unref (p->items);
  g_free (p);
}

gboolean
pp_params_add (PpParams *p, const char *key, const char *value, GError **error)
{
  PpParam *param;

  if (!g_utf8_validate (key, -1, NULL) || !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_INVALID_PARAMETER,
                   "A parameter name or value is not valid UTF-8.");
      return FALSE;
    }
  if (*key == '\0')
    {
      g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_INVALID_PARAMETER,
                   "A parameter has an empty name.");
      return FALSE;
    }
  if (g_hash_table_contains (p->index, key))
    {
      g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_INVALID_PARAMETER,
                   "The parameter \"%s\" is given more than once.", key);
      return FALSE;
    }
  if (p->items->len >= PP_PARAMS_MAX)
    {
      g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_INVALID_PARAMETER,
                   "The request has more than %d parameters.", PP_PARAMS_MAX);
      return FALSE;
    }
  param = g_new (PpParam, 1);
  param->key = g_strdup (key);
  param->value = g_strdup (value);
  g_ptr_array_add (p->items, param);
  g_hash_table_insert (p->index, param->key, param);
  return TRUE;
}

static int
pp_hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Decodes one form-encoded component; NULL (and @error) on a bad escape or
 * an encoded NUL. */
static char *
pp_form_decode (const char *s, gsize len, const char *what, GError **error)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      char c = s[i];

      if (c == '+')
        g_string_append_c (out, ' ');
      else if (c == '%')
        {
          int hi = i + 2 < len ? pp_hex_value (s[i + 1]) : -1;
          int lo = i + 2 < len ? pp_hex_value (s[i + 2]) : -1;

          if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
            {
              g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_INVALID_PARAMETER,
                           "The request %s holds an invalid percent-encoding at byte %"
                           G_GSIZE_FORMAT ".", what, i);
              g_string_free (out, TRUE);
              return NULL;
            }
          g_string_append_c (out, (char) (hi << 4 | lo));
          i += 2;
        }
      else if (c == '\0')
        {
          g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_INVALID_PARAMETER,
                       "The request %s holds a NUL byte.", what);
          g_string_free (out, TRUE);
          return NULL;
        }
      else
        g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}

gboolean
pp_params_add_encoded (PpParams *p, const char *data, gsize len,
                       const char *what, GError **error)
{
  gsize start = 0;

  while (start < len)
    {
      const char *pair = data + start;
      const char *amp = memchr (pair, '&', len - start);
      gsize pair_len = amp != NULL ? (gsize) (amp - pair) : len - start;
      const char *eq = memchr (pair, '=', pair_len);
      gsize key_len = eq != NULL ? (gsize) (eq - pair) : pair_len;
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      start += pair_len + 1;
      if (pair_len == 0)
        continue;
      key = pp_form_decode (pair, key_len, what, error);
      if (key == NULL)
        return FALSE;
      value = eq != NULL
        ? pp_form_decode (eq + 1, pair_len - key_len - 1, what, error)
        : g_strdup ("");
      if (value == NULL)
        return FALSE;
      if (!pp_params_add (p, key, value, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
pp_params_merge (PpParams *p, const PpParams *from, GError **error)
{
  for (guint i = 0; i < from->items->len; i++)
    {
      const PpParam *param = g_ptr_array_index (from->items, i);

      if (!pp_params_add (p, param->key, param->value, error))
        return FALSE;
    }
  return TRUE;
}

const char *
pp_params_get (const PpParams *p, const char *key)
{
  const PpParam *param = g_hash_table_lookup (p->index, key);

  return param != NULL ? param->value : NULL;
}

guint
pp_params_size (const PpParams *p)
{
  return p->items->len;
}

const PpParam *
pp_params_nth (const PpParams *p, guint i)
{
  g_return_val_if_fail (i < p->items->len, NULL);
  return g_ptr_array_index (p->items, i);
}

static int
pp_param_cmp (gconstpointer a, gconstpointer b)
{
  const PpParam *pa = *(const PpParam * const *) a;
  const PpParam *pb = *(const PpParam * const *) b;

  return strcmp (pa->key, pb->key);
}

GPtrArray *
pp_params_sorted (const PpParams *p)
{
  GPtrArray *sorted = g_ptr_array_sized_new (p->items->len);

  for (guint i = 0; i < p->items->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (p->items, i));
  g_ptr_array_sort (sorted, pp_param_cmp);
  return sorted;
}
