/* SPDX-License-Identifier: MIT */
/* cli-output.c: the one rule for the format of an output file, and SVG
 * turned into PNG or PDF (librsvg + cairo) for the outputs that are made
 * as SVG (cost --chart).  See cli.h. */
#include "sim/cli/cli.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <gio/gio.h>
#include <librsvg/rsvg.h>
#include <string.h>

/* Extensions that name a format other than their own text. */
static const struct {
  const char *ext;
  const char *format;
} aliases[] = {
  { "gv", "dot" },
};

/* The format @file's extension names (lower case, aliases resolved), or
 * NULL when it has none; (transfer full). */
static char *
extension_format (const char *file)
{
  g_autofree char *base = g_path_get_basename (file);
  const char *dot = strrchr (base, '.');
  g_autofree char *ext = NULL;

  if (dot == NULL || dot == base || dot[1] == '\0')
    return NULL;
  ext = g_ascii_strdown (dot + 1, -1);
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (ext, aliases[i].ext))
      return g_strdup (aliases[i].format);
  return g_steal_pointer (&ext);
}

static const char *
find_format (const char * const *allowed, const char *format)
{
  for (guint i = 0; allowed[i] != NULL; i++)
    if (g_ascii_strcasecmp (allowed[i], format) == 0)
      return allowed[i];
  return NULL;
}

/* ".svg, .png or .pdf" */
static char *
list_formats (const char * const *allowed, const char *prefix)
{
  GString *s = g_string_new (NULL);
  guint n = g_strv_length ((char **) allowed);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
                            prefix, allowed[i]);
  return g_string_free (s, FALSE);
}

const char *
pp_cli_output_format (GOptionContext *ctx, const PpCliOutput *out, const char *given,
                      const char *file, int *exit_code)
{
  g_autofree char *ext = NULL;
  g_autofree char *names = list_formats (out->formats, "");
  g_autofree char *exts = list_formats (out->formats, ".");
  g_autofree char *msg = NULL;
  const char *format = NULL;

  if (given != NULL)
    {
      format = find_format (out->formats, given);
      if (format == NULL)
        {
          msg = g_strdup_printf ("%s must be %s", out->format_option, names);
          goto refuse;
        }
    }
  if (file == NULL)
    return format != NULL ? format : out->formats[0];

  ext = extension_format (file);
  if (ext == NULL)
    {
      /* "-o /dev/stdout -T png": the name says nothing, the option does. */
      if (format != NULL)
        return format;
      if (out->format_option != NULL)
        msg = g_strdup_printf ("%s %s: the name does not say the format (give a name ending in %s, or %s FORMAT)",
                               out->file_option, file, exts, out->format_option);
      else
        msg = g_strdup_printf ("%s %s: the name does not say the format (give a name ending in %s)",
                               out->file_option, file, exts);
      goto refuse;
    }
  if (find_format (out->formats, ext) == NULL)
    {
      msg = g_strdup_printf ("%s %s: '.%s' is not a format peerplan writes here (give a name ending in %s)",
                             out->file_option, file, ext, exts);
      goto refuse;
    }
  if (format != NULL && !g_str_equal (format, find_format (out->formats, ext)))
    {
      msg = g_strdup_printf ("%s %s but %s %s names %s (make them agree: a name ending in .%s, or %s %s)",
                             out->format_option, format, out->file_option, file, ext,
                             format, out->format_option, ext);
      goto refuse;
    }
  return find_format (out->formats, ext);

refuse:
  *exit_code = pp_cli_usage (ctx, msg);
  return NULL;
}

/* cairo writes into a GByteArray. */
static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
pp_cli_svg_convert (GBytes *svg, const char *format, GError **error)
{
  g_autoptr(GObject) owner = NULL;   /* the handle (librsvg has no autoptr) */
  RsvgHandle *handle;
  g_autoptr(GByteArray) out = NULL;
  cairo_surface_t *surface = NULL;
  cairo_t *cr = NULL;
  cairo_status_t status;
  gdouble width = 0, height = 0;
  gboolean png = g_str_equal (format, "png");
  RsvgRectangle viewport;
  gboolean ok;

  if (g_str_equal (format, "svg"))
    return g_bytes_ref (svg);
  if (!png && !g_str_equal (format, "pdf"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "cannot convert SVG to '%s' (png or pdf)", format);
      return NULL;
    }
  handle = rsvg_handle_new_from_data (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), error);
  if (handle == NULL)
    return NULL;
  owner = G_OBJECT (handle);
  /* The chart states its size in pixels (width/height attributes). */
  if (!rsvg_handle_get_intrinsic_size_in_pixels (handle, &width, &height) || width < 1 || height < 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the SVG does not state its size");
      return NULL;
    }
  out = g_byte_array_new ();
  if (png)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
  else
    {
      /* One SVG pixel is one PDF point, as Graphviz's -Tpdf draws. */
      surface = cairo_pdf_surface_create_for_stream (append_bytes, out, width, height);
      /* cairo stamps the current time as the creation date unless told
       * one: the file then differs on every run.  The date of a plan is
       * not the time it was drawn; an empty date writes none. */
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, "");
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, "");
    }
  cr = cairo_create (surface);
  viewport = (RsvgRectangle) { 0, 0, width, height };
  ok = rsvg_handle_render_document (handle, cr, &viewport, error);
  cairo_destroy (cr);
  if (ok && png)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, out);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (!ok)
    return NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write the %s: %s",
                   format, cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
