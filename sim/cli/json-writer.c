/* SPDX-License-Identifier: MIT */
/* json-writer.c: the streaming JSON writer of the reports (json-writer.h). */
#include "sim/cli/json-writer.h"

#include <string.h>

void
pp_json_writer_init (PpJsonWriter *w, FILE *out)
{
  memset (w, 0, sizeof *w);
  w->out = out;
}

void
pp_json_writer_finish (PpJsonWriter *w)
{
  g_return_if_fail (w->depth == 0);
  fputc ('\n', w->out);
}

static void
newline (PpJsonWriter *w)
{
  fputc ('\n', w->out);
  for (guint i = 0; i < w->depth; i++)
    fputs ("  ", w->out);
}

/* Before a value or a key: the comma and the line break of a container's
 * element, nothing after a key. */
static void
next (PpJsonWriter *w)
{
  if (w->after_key)
    {
      w->after_key = FALSE;
      return;
    }
  if (w->depth == 0)
    return;
  if (w->has_items[w->depth])
    fputc (',', w->out);
  w->has_items[w->depth] = TRUE;
  newline (w);
}

static void
string_literal (PpJsonWriter *w, const char *s)
{
  fputc ('"', w->out);
  for (const unsigned char *p = (const unsigned char *) s; *p != '\0'; p++)
    switch (*p)
      {
      case '"': fputs ("\\\"", w->out); break;
      case '\\': fputs ("\\\\", w->out); break;
      case '\b': fputs ("\\b", w->out); break;
      case '\f': fputs ("\\f", w->out); break;
      case '\n': fputs ("\\n", w->out); break;
      case '\r': fputs ("\\r", w->out); break;
      case '\t': fputs ("\\t", w->out); break;
      default:
        if (*p < 0x20 || *p == 0x7f)
          fprintf (w->out, "\\u%04x", *p);
        else
          fputc (*p, w->out);
      }
  fputc ('"', w->out);
}

static void
begin (PpJsonWriter *w, char open)
{
  next (w);
  fputc (open, w->out);
  g_assert (w->depth + 1 < PP_JSON_MAX_DEPTH);
  w->has_items[++w->depth] = FALSE;
}

static void
end (PpJsonWriter *w, char close)
{
  gboolean items = w->has_items[w->depth];

  g_return_if_fail (w->depth > 0);
  w->depth--;
  if (items)
    newline (w);
  fputc (close, w->out);
}

void
pp_json_begin_object (PpJsonWriter *w)
{
  begin (w, '{');
}

void
pp_json_end_object (PpJsonWriter *w)
{
  end (w, '}');
}

void
pp_json_begin_array (PpJsonWriter *w)
{
  begin (w, '[');
}

void
pp_json_end_array (PpJsonWriter *w)
{
  end (w, ']');
}

void
pp_json_key (PpJsonWriter *w, const char *name)
{
  next (w);
  string_literal (w, name);
  fputs (" : ", w->out);
  w->after_key = TRUE;
}

void
pp_json_string (PpJsonWriter *w, const char *s)
{
  next (w);
  if (s == NULL)
    fputs ("null", w->out);
  else
    string_literal (w, s);
}

void
pp_json_int (PpJsonWriter *w, gint64 v)
{
  next (w);
  fprintf (w->out, "%" G_GINT64_FORMAT, v);
}

void
pp_json_bool (PpJsonWriter *w, gboolean v)
{
  next (w);
  fputs (v ? "true" : "false", w->out);
}

void
pp_json_null (PpJsonWriter *w)
{
  next (w);
  fputs ("null", w->out);
}

/* json-glib's form of a double: the shortest exact "%.17g", with ".0"
 * when it reads as an integer. */
static void
put_double (PpJsonWriter *w, double d)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  next (w);
  g_ascii_formatd (buf, sizeof buf, "%.17g", d);
  fputs (buf, w->out);
  if (strpbrk (buf, ".eEn") == NULL)
    fputs (".0", w->out);
}

void
pp_json_variant (PpJsonWriter *w, GVariant *v)
{
  const GVariantType *t = g_variant_get_type (v);

  if (g_variant_type_is_variant (t))
    {
      g_autoptr(GVariant) inner = g_variant_get_variant (v);

      pp_json_variant (w, inner);
    }
  else if (g_variant_type_is_maybe (t))
    {
      g_autoptr(GVariant) inner = g_variant_get_maybe (v);

      if (inner == NULL)
        pp_json_null (w);
      else
        pp_json_variant (w, inner);
    }
  else if (g_variant_type_is_array (t)
           && g_variant_type_is_dict_entry (g_variant_type_element (t)))
    {
      gsize n = g_variant_n_children (v);

      pp_json_begin_object (w);
      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) entry = g_variant_get_child_value (v, i);
          g_autoptr(GVariant) key = g_variant_get_child_value (entry, 0);
          g_autoptr(GVariant) value = g_variant_get_child_value (entry, 1);
          g_autofree char *name = g_variant_is_of_type (key, G_VARIANT_TYPE_STRING)
                                  ? g_variant_dup_string (key, NULL)
                                  : g_variant_print (key, FALSE);

          pp_json_key (w, name);
          pp_json_variant (w, value);
        }
      pp_json_end_object (w);
    }
  else if (g_variant_type_is_array (t) || g_variant_type_is_tuple (t))
    {
      gsize n = g_variant_n_children (v);

      pp_json_begin_array (w);
      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) child = g_variant_get_child_value (v, i);

          pp_json_variant (w, child);
        }
      pp_json_end_array (w);
    }
  else
    switch (g_variant_classify (v))
      {
      case G_VARIANT_CLASS_BOOLEAN: pp_json_bool (w, g_variant_get_boolean (v)); break;
      case G_VARIANT_CLASS_BYTE: pp_json_int (w, g_variant_get_byte (v)); break;
      case G_VARIANT_CLASS_INT16: pp_json_int (w, g_variant_get_int16 (v)); break;
      case G_VARIANT_CLASS_UINT16: pp_json_int (w, g_variant_get_uint16 (v)); break;
      case G_VARIANT_CLASS_INT32: pp_json_int (w, g_variant_get_int32 (v)); break;
      case G_VARIANT_CLASS_UINT32: pp_json_int (w, g_variant_get_uint32 (v)); break;
      case G_VARIANT_CLASS_INT64: pp_json_int (w, g_variant_get_int64 (v)); break;
      case G_VARIANT_CLASS_HANDLE: pp_json_int (w, g_variant_get_handle (v)); break;
      case G_VARIANT_CLASS_UINT64:
        next (w);
        fprintf (w->out, "%" G_GUINT64_FORMAT, g_variant_get_uint64 (v));
        break;
      case G_VARIANT_CLASS_DOUBLE: put_double (w, g_variant_get_double (v)); break;
      case G_VARIANT_CLASS_STRING:
      case G_VARIANT_CLASS_OBJECT_PATH:
      case G_VARIANT_CLASS_SIGNATURE:
        pp_json_string (w, g_variant_get_string (v, NULL));
        break;
      case G_VARIANT_CLASS_VARIANT:
      case G_VARIANT_CLASS_MAYBE:
      case G_VARIANT_CLASS_ARRAY:
      case G_VARIANT_CLASS_TUPLE:
      case G_VARIANT_CLASS_DICT_ENTRY:
      default:
        pp_json_null (w);
        break;
      }
}

void
pp_json_member_string (PpJsonWriter *w, const char *name, const char *value)
{
  pp_json_key (w, name);
  pp_json_string (w, value);
}

void
pp_json_member_int (PpJsonWriter *w, const char *name, gint64 value)
{
  pp_json_key (w, name);
  pp_json_int (w, value);
}

void
pp_json_member_bool (PpJsonWriter *w, const char *name, gboolean value)
{
  pp_json_key (w, name);
  pp_json_bool (w, value);
}
