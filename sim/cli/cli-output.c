/* SPDX-License-Identifier: MIT */
/* cli-output.c: the one rule for the format of an output file, and SVG
 * turned into PNG or PDF (by peerplan-svg-convert: librsvg + cairo) for
 * the outputs that are made as SVG (cost --chart).  See cli.h. */
#include "sim/cli/cli.h"

#include <gio/gio.h>
#include <string.h>

/* Extensions that name a format other than their own text; @usual: the
 * one messages suggest for that format. */
static const struct {
  const char *ext;
  const char *format;
  gboolean usual;
} aliases[] = {
  { "gv", "dot", FALSE },
  { "txt", "text", TRUE },
  { "md", "markdown", TRUE },
};

/* The format @file's extension names (lower case, aliases resolved), or
 * NULL when it has none; (transfer full).  *@ext: the extension as
 * written, lower case (transfer full). */
static char *
extension_format (const char *file, char **ext)
{
  g_autofree char *base = g_path_get_basename (file);
  const char *dot = strrchr (base, '.');

  *ext = NULL;
  if (dot == NULL || dot == base || dot[1] == '\0')
    return NULL;
  *ext = g_ascii_strdown (dot + 1, -1);
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (*ext, aliases[i].ext))
      return g_strdup (aliases[i].format);
  return g_strdup (*ext);
}

static const char *
find_format (const char * const *allowed, const char *format)
{
  for (guint i = 0; allowed[i] != NULL; i++)
    if (g_ascii_strcasecmp (allowed[i], format) == 0)
      return allowed[i];
  return NULL;
}

/* The extension messages suggest for @format: its usual alias, or itself. */
static const char *
usual_extension (const char *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (aliases[i].usual && g_str_equal (aliases[i].format, format))
      return aliases[i].ext;
  return format;
}

/* "svg, png or pdf"; with @extensions ".svg, .png or .pdf" (".txt" for text) */
static char *
list_formats (const char * const *allowed, gboolean extensions)
{
  GString *s = g_string_new (NULL);
  guint n = g_strv_length ((char **) allowed);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
                            extensions ? "." : "", extensions ? usual_extension (allowed[i]) : allowed[i]);
  return g_string_free (s, FALSE);
}

const char *
pp_cli_output_format (GOptionContext *ctx, const PpCliOutput *out, const char *given,
                      const char *file, int *exit_code)
{
  g_autofree char *ext = NULL;         /* the format the extension names */
  g_autofree char *written = NULL;     /* the extension as written */
  g_autofree char *names = list_formats (out->formats, FALSE);
  g_autofree char *exts = list_formats (out->formats, TRUE);
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

  ext = extension_format (file, &written);
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
                             out->file_option, file, written, exts);
      goto refuse;
    }
  if (format != NULL && !g_str_equal (format, find_format (out->formats, ext)))
    {
      msg = g_strdup_printf ("%s %s but %s %s names %s (make them agree: a name ending in .%s, or %s %s)",
                             out->format_option, format, out->file_option, file, ext,
                             usual_extension (format), out->format_option, ext);
      goto refuse;
    }
  return find_format (out->formats, ext);

refuse:
  *exit_code = pp_cli_usage (ctx, msg);
  return NULL;
}

/* The conversion runs in peerplan-svg-convert (sim/cli/helper.c says
 * why): the SVG goes to its standard input, the drawing comes back on its
 * standard output, and its standard error is the reason it failed. */
GBytes *
pp_cli_svg_convert (GBytes *svg, const char *format, GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GBytes) drawn = NULL;
  g_autoptr(GBytes) why = NULL;

  if (g_str_equal (format, "svg"))
    return g_bytes_ref (svg);
  if (!g_str_equal (format, "png") && !g_str_equal (format, "pdf"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "cannot convert SVG to '%s' (png or pdf)", format);
      return NULL;
    }
  path = pp_cli_helper_path ("peerplan-svg-convert", error);
  if (path == NULL)
    return NULL;
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                           G_SUBPROCESS_FLAGS_STDERR_PIPE, error, path, format, NULL);
  if (proc == NULL || !g_subprocess_communicate (proc, svg, NULL, &drawn, &why, error))
    return NULL;
  if (!g_subprocess_get_if_exited (proc) || g_subprocess_get_exit_status (proc) != 0)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (why, NULL), g_bytes_get_size (why));

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot draw the %s: %s", format,
                   *g_strstrip (text) != '\0' ? text : "peerplan-svg-convert failed");
      return NULL;
    }
  return g_steal_pointer (&drawn);
}
