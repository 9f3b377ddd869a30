/* SPDX-License-Identifier: MIT */
/* pp-strbuf.h: appending to a GString inline, for the text written once a
 * route (1.6 M times on the largest estate).
 *
 * In GLib 2.74 g_string_append() is a call into g_string_insert_len(),
 * about a hundred instructions for a short piece; when the piece fits in
 * what the string has already allocated, a memcpy does the same.  A
 * GString refilled route after route keeps its allocation, so after the
 * first routes every piece fits. */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

static inline void
pp_put_len (GString *out, const char *s, gsize n)
{
  if (out->len + n < out->allocated_len)
    {
      memcpy (out->str + out->len, s, n);
      out->len += n;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, s, (gssize) n);
}

static inline void
pp_put (GString *out, const char *s)
{
  pp_put_len (out, s, strlen (s));
}

G_END_DECLS
