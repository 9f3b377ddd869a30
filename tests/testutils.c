/* SPDX-License-Identifier: MIT */
/* testutils.c: helpers shared by the Check suites. */
#include "tests/testutils.h"

#include <glib/gstdio.h>

#include <stdio.h>
#include <stdlib.h>

static const char *
srcdir (void)
{
  const char *d = g_getenv ("PP_TOP_SRCDIR");

  if (d == NULL)
    {
      fprintf (stderr, "PP_TOP_SRCDIR is not set: run the tests with make check\n");
      exit (99);
    }
  return d;
}

char *
pp_test_srcpath (const char *rel)
{
  return g_build_filename (srcdir (), rel, NULL);
}

char *
pp_test_read (const char *rel)
{
  g_autofree char *path = pp_test_srcpath (rel);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    ck_abort_msg ("cannot read %s: %s", path, error->message);
  return contents;
}

gboolean
pp_test_golden (const char *rel, const char *actual)
{
  g_autofree char *path = pp_test_srcpath (rel);
  g_autofree char *expected = NULL;

  if (g_strcmp0 (g_getenv ("PP_TEST_REGENERATE"), "1") == 0)
    {
      g_autoptr(GError) error = NULL;
      if (!g_file_set_contents (path, actual, -1, &error))
        ck_abort_msg ("cannot regenerate %s: %s", path, error->message);
      return TRUE;
    }
  if (!g_file_get_contents (path, &expected, NULL, NULL))
    {
      fprintf (stderr, "golden file %s is missing; actual output:\n%s\n", path, actual);
      return FALSE;
    }
  if (g_strcmp0 (expected, actual) != 0)
    {
      fprintf (stderr, "output differs from %s\n--- expected\n%s\n--- actual\n%s\n", path, expected, actual);
      return FALSE;
    }
  return TRUE;
}

int
pp_test_run (Suite *suite)
{
  SRunner *sr = srunner_create (suite);
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

void
pp_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        pp_test_rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
