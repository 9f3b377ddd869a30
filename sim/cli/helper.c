/* SPDX-License-Identifier: MIT */
/* helper.c: the programs peerplan hands work to.  `peerplan serve` and the
 * SVG-to-PNG/PDF conversion live in programs of their own
 * (peerplan-serve, peerplan-svg-convert, installed in $(pkglibexecdir)),
 * so that every other verb starts without loading libsoup, librsvg, cairo
 * and pango (about half of the dynamic linker's work at start-up,
 * docs/performance.md "Start-up"). */
#include "sim/cli/cli.h"

#include <gio/gio.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

/* Beside the running program first (a build tree, or a relocated
 * install), then where `make install` put it. */
char *
pp_cli_helper_path (const char *name, GError **error)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *beside = NULL;
  g_autofree char *installed = g_build_filename (PKGLIBEXECDIR, name, NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);

      beside = g_build_filename (dir, name, NULL);
      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
    }
  if (g_file_test (installed, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&installed);
  /* An incomplete installation, not the user's input: G_IO_ERROR (exit 3). */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               "cannot find the program %s (looked in %s%s%s): peerplan is not installed "
               "completely; reinstall it (make install puts it in $(pkglibexecdir))",
               name, beside != NULL ? beside : "", beside != NULL ? " and " : "", installed);
  return NULL;
}

int
pp_cli_exec_helper (const char *name, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pp_cli_helper_path (name, &error);
  g_autofree char **args = NULL;

  if (path == NULL)
    {
      pp_cli_error ("%s: %s", argv[0], error->message);
      return PP_EXIT_INTERNAL;
    }
  /* argv[0] is the verb; the helper sees the same arguments. */
  args = g_new0 (char *, argc + 1);
  args[0] = path;
  for (int i = 1; i < argc; i++)
    args[i] = argv[i];
  fflush (NULL);
  execv (path, args);
  pp_cli_error ("%s: cannot run %s: %s", argv[0], path, g_strerror (errno));
  return PP_EXIT_INTERNAL;
}
