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
pp_json_writer_init_string (PpJsonWriter *w, GString *buf, guint depth, gboolean has_items)
{
  g_return_if_fail (buf != NULL && depth < PP_JSON_MAX_DEPTH);
  memset (w, 0, sizeof *w);
  w->buf = buf;
  w->depth = depth;
  w->has_items[depth] = has_items;
}

void
pp_json_writer_has_items (PpJsonWriter *w)
{
  w->has_items[w->depth] = TRUE;
}

/* Where everything goes: the stream or the string. */
static inline void
put_len (PpJsonWriter *w, const char *s, gsize n)
{
  if (w->buf != NULL)
    g_string_append_len (w->buf, s, (gssize) n);
  else
    fwrite (s, 1, n, w->out);
}

static inline void
put (PpJsonWriter *w, const char *s)
{
  put_len (w, s, strlen (s));
}

static inline void
put_c (PpJsonWriter *w, char c)
{
  if (w->buf != NULL)
    g_string_append_c (w->buf, c);
  else
    fputc (c, w->out);
}

void
pp_json_writer_finish (PpJsonWriter *w)
{
  g_return_if_fail (w->depth == 0);
  put_c (w, '\n');
}

/* A line break and the indentation of w->depth levels, in one write: a
 * runbook of an estate has 1.6 million steps of some forty lines each. */
static void
newline (PpJsonWriter *w)
{
  static const char spaces[1 + 2 * PP_JSON_MAX_DEPTH] =
    "\n                                                                "
    "                                                                ";

  G_STATIC_ASSERT (sizeof spaces >= 1 + 2 * PP_JSON_MAX_DEPTH);
  put_len (w, spaces, 1 + 2 * (gsize) w->depth);
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
    put_c (w, ',');
  w->has_items[w->depth] = TRUE;
  newline (w);
}

/* Whether byte @c goes into a string literal as it is. */
static inline gboolean
plain_byte (unsigned char c)
{
  return c >= 0x20 && c != '"' && c != '\\' && c != 0x7f;
}

/* @s quoted and escaped; the bytes that need no escape written a run at a
 * time (a byte at a time was half of `plan --format json`). */
static void
string_literal (PpJsonWriter *w, const char *s)
{
  const unsigned char *p = (const unsigned char *) s;

  put_c (w, '"');
  for (;;)
    {
      const unsigned char *run = p;

      while (plain_byte (*p))
        p++;
      if (p > run)
        put_len (w, (const char *) run, (gsize) (p - run));
      if (*p == '\0')
        break;
      switch (*p)
        {
        case '"': put (w, "\\\""); break;
        case '\\': put (w, "\\\\"); break;
        case '\b': put (w, "\\b"); break;
        case '\f': put (w, "\\f"); break;
        case '\n': put (w, "\\n"); break;
        case '\r': put (w, "\\r"); break;
        case '\t': put (w, "\\t"); break;
        default:
          {
            char u[8];

            g_snprintf (u, sizeof u, "\\u%04x", *p);
            put (w, u);
          }
          break;
        }
      p++;
    }
  put_c (w, '"');
}

static void
begin (PpJsonWriter *w, char open)
{
  next (w);
  put_c (w, open);
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
  put_c (w, close);
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
  put_len (w, " : ", 3);
  w->after_key = TRUE;
}

void
pp_json_string (PpJsonWriter *w, const char *s)
{
  next (w);
  if (s == NULL)
    put_len (w, "null", 4);
  else
    string_literal (w, s);
}

void
pp_json_int (PpJsonWriter *w, gint64 v)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 u = v < 0 ? (guint64) 0 - (guint64) v : (guint64) v;

  /* by hand: printf's format parsing, once for every number of a runbook */
  next (w);
  do
    *--p = (char) ('0' + u % 10);
  while ((u /= 10) != 0);
  if (v < 0)
    *--p = '-';
  put_len (w, p, (gsize) (buf + sizeof buf - p));
}

void
pp_json_bool (PpJsonWriter *w, gboolean v)
{
  next (w);
  put (w, v ? "true" : "false");
}

void
pp_json_null (PpJsonWriter *w)
{
  next (w);
  put_len (w, "null", 4);
}

/* json-glib's form of a double: the shortest exact "%.17g", with ".0"
 * when it reads as an integer. */
static void
put_double (PpJsonWriter *w, double d)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  next (w);
  g_ascii_formatd (buf, sizeof buf, "%.17g", d);
  put (w, buf);
  if (strpbrk (buf, ".eEn") == NULL)
    put_len (w, ".0", 2);
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
        {
          char u[24];

          next (w);
          g_snprintf (u, sizeof u, "%" G_GUINT64_FORMAT, g_variant_get_uint64 (v));
          put (w, u);
        }
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
