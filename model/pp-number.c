/* SPDX-License-Identifier: MIT */
/* pp-number.c: whole numbers from text (see pp-number.h). */
#include "model/pp-number.h"
#include "model/pp-error.h"

gboolean
pp_parse_uint (const char *text, guint64 min, guint64 max, guint64 *out, GError **error)
{
  g_autoptr(GError) local = NULL;
  guint64 v = 0;

  g_return_val_if_fail (min <= max, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                           "no number given");
      return FALSE;
    }
  /* GLib refuses signs, spaces and trailing text, and reports overflow and
   * the range; it only words it its own way. */
  if (!g_ascii_string_to_unsigned (text, 10, min, max, &v, &local))
    {
      if (g_error_matches (local, G_NUMBER_PARSER_ERROR, G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS))
        g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                     "'%s' is out of range: %" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT, text, min, max);
      else
        g_set_error (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE,
                     "'%s' is not a whole number", text);
      return FALSE;
    }
  *out = v;
  return TRUE;
}
