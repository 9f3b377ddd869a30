/* SPDX-License-Identifier: MIT */
/* replay.c: the standalone driver that `make check` links with each fuzz
 * target instead of libFuzzer (the usual LLVMFuzzerTestOneInput replay
 * main).
 *
 * With no argument it replays every file of the target's corpus,
 * $PP_TOP_SRCDIR/tests/fuzz/corpus/NAME/, then of its regression inputs,
 * tests/fuzz/regress/NAME/ (inputs that once failed, kept apart so that
 * minimising the corpus never drops them), each folder in sorted order;
 * otherwise each argument (a file, or a folder whose files are replayed).  Each input is
 * copied into a buffer of exactly its size, so that ASan sees a read past
 * its end as libFuzzer would.  A crash, a sanitizer report or a failed
 * check of the target ends the process as it would under libFuzzer; the
 * driver itself prints one line per input only with PP_FUZZ_VERBOSE=1.
 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

static gboolean verbose;

static gboolean
replay_file (const char *file)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree guint8 *copy = NULL;
  gsize len;

  if (!g_file_get_contents (file, &contents, &len, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }
  /* malloc(0) may return NULL: keep a valid pointer for an empty input, as
   * libFuzzer does. */
  copy = g_malloc (MAX (len, 1));
  memcpy (copy, contents, len);
  if (verbose)
    fprintf (stderr, "replaying %s (%" G_GSIZE_FORMAT " bytes)\n", file, len);
  LLVMFuzzerTestOneInput (copy, len);
  return TRUE;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Replays @path, a file or a folder of files; returns how many inputs
 * were replayed, or -1 if something could not be read. */
static int
replay_path (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return replay_file (path) ? 1 : -1;
  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return -1;
    }
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    if (!replay_file (names->pdata[i]))
      return -1;
  return (int) names->len;
}

int
main (int argc, char **argv)
{
  int total = 0;

  verbose = g_strcmp0 (g_getenv ("PP_FUZZ_VERBOSE"), "1") == 0;
  LLVMFuzzerInitialize (&argc, &argv);
  if (argc < 2)
    {
      const char *top = g_getenv ("PP_TOP_SRCDIR");
      const char *sets[] = { "corpus", "regress" };

      for (guint k = 0; k < G_N_ELEMENTS (sets); k++)
        {
          g_autofree char *where = g_build_filename (top != NULL ? top : ".", "tests", "fuzz",
                                                     sets[k], PP_FUZZ_NAME, NULL);
          int n;

          if (k > 0 && !g_file_test (where, G_FILE_TEST_IS_DIR))
            continue;
          n = replay_path (where);
          if (n < 0 || (k == 0 && n == 0))
            {
              fprintf (stderr, "%s: %s\n", where, n == 0 ? "empty corpus" : "cannot replay");
              return EXIT_FAILURE;
            }
          total += n;
        }
    }
  for (int i = 1; i < argc; i++)
    {
      int n = replay_path (argv[i]);

      if (n < 0)
        return EXIT_FAILURE;
      total += n;
    }
  printf ("%s: %d inputs replayed\n", PP_FUZZ_NAME, total);
  return EXIT_SUCCESS;
}
