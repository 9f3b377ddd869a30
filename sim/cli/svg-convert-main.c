/* SPDX-License-Identifier: MIT */
/* svg-convert-main.c: peerplan-svg-convert FORMAT, the SVG on standard
 * input drawn as PNG or PDF on standard output by librsvg on a cairo
 * surface.  A program of its own so that peerplan does not load librsvg,
 * cairo and pango at every start (sim/cli/helper.c); peerplan runs it
 * through pp_cli_svg_convert().  Exit 0, or 3 with the reason on
 * standard error. */
#include <glib.h>
#include <gio/gio.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <librsvg/rsvg.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

/* cairo writes into a GByteArray. */
static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
convert (GBytes *svg, const char *format, GError **error)
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

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) all = g_byte_array_new ();
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) drawn = NULL;
  guint8 buf[65536];
  size_t n;

  setlocale (LC_ALL, "");
  if (argc != 2)
    {
      fprintf (stderr, "usage: peerplan-svg-convert png|pdf < SVG > FILE (run by peerplan)\n");
      return 2;
    }
  while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
    g_byte_array_append (all, buf, (guint) n);
  if (ferror (stdin))
    {
      fprintf (stderr, "cannot read the SVG from standard input\n");
      return 3;
    }
  svg = g_byte_array_free_to_bytes (g_steal_pointer (&all));
  drawn = convert (svg, argv[1], &error);
  if (drawn == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 3;
    }
  if (fwrite (g_bytes_get_data (drawn, NULL), 1, g_bytes_get_size (drawn), stdout) != g_bytes_get_size (drawn) ||
      fclose (stdout) != 0)
    {
      fprintf (stderr, "cannot write the %s to standard output\n", argv[1]);
      return 3;
    }
  return 0;
}
