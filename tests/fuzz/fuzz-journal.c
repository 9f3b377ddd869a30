/* SPDX-License-Identifier: MIT */
/* fuzz-journal.c: the journal reader (sim/serve/pp-journal.c), which
 * `peerplan serve --state` runs at start-up, and its recovery
 * (pp_journal_open_full, --recover-journal).
 *
 * The first byte of the input chooses how the rest becomes a journal file:
 *  - even: the rest is the file, byte for byte;
 *  - odd: the rest is payloads, one a line (a NUL read as a space),
 *    written as valid records (magic line, length, checksum) so that the
 *    reader gets past the checksums; with bit 1 set the last record is cut
 *    short (a torn write), with bit 2 set one byte (chosen by the second
 *    byte) is flipped.
 * What must hold, whatever the file:
 *  - opening fails only with a G_IO_ERROR, and then the file is exactly as
 *    it was (nothing deleted, nothing cut);
 *  - opening succeeds with the records replayed in order, and the file is
 *    then the magic line followed by exactly those records: a prefix of
 *    what it was (or the magic line, for an empty file); what was cut off
 *    is an unterminated last record (no newline: a torn write, never a
 *    damaged record followed by others), reported and kept aside byte for
 *    byte;
 *  - whole valid records are never lost: a journal built of valid records
 *    replays them all, and a torn last record loses only itself;
 *  - a journal refused as corrupt opens with recover_at = the offset of
 *    its first damaged record (found here independently), is then cut
 *    exactly there, and its whole former self is kept aside; any other
 *    recover_at is refused and changes nothing;
 *  - reopening replays the same records and cuts nothing; a record
 *    appended and synced is replayed after them.
 */
#include "tests/fuzz/fuzz.h"
#include "sim/serve/pp-journal.h"

#include <glib/gstdio.h>
#include <string.h>

static char *dir;
static char *path;

/* Removes the journal and what an opening set aside. */
static void
clean_dir (void)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *f = g_build_filename (dir, name, NULL);
      g_unlink (f);
    }
}

static void
remove_dir (void)
{
  clean_dir ();
  g_rmdir (dir);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autofree char *tmpl = NULL;

  pp_fuzz_init ();
  /* A RAM file system where there is one: the reader syncs. */
  if (g_getenv ("TMPDIR") == NULL && g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR)
      && g_access ("/dev/shm", W_OK) == 0)
    tmpl = g_strdup ("/dev/shm/pp-fuzz-journal-XXXXXX");
  else
    tmpl = g_build_filename (g_get_tmp_dir (), "pp-fuzz-journal-XXXXXX", NULL);
  dir = g_mkdtemp (tmpl);
  if (dir == NULL)
    {
      fprintf (stderr, "%s: cannot create: %s\n", tmpl, g_strerror (errno));
      abort ();
    }
  dir = g_strdup (dir);
  path = g_build_filename (dir, "journal", NULL);
  atexit (remove_dir);
  return 0;
}

typedef struct {
  GPtrArray *payloads;
} Replayed;

static gboolean
collect (const char *payload, gsize len, gpointer user_data, GError **error)
{
  Replayed *r = user_data;

  g_ptr_array_add (r->payloads, g_bytes_new (payload, len));
  return TRUE;
}

/* The record of @payload as the journal writes it. */
static void
append_record (GString *out, const char *payload, gsize len)
{
  g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                      (const guchar *) payload, len);

  g_string_append_printf (out, "%08x %.16s ", (guint) len, sum);
  g_string_append_len (out, payload, (gssize) len);
  g_string_append_c (out, '\n');
}

/* Builds the journal file of the input; @whole receives the payloads of
 * the records that are whole and valid, in order (NULL if unknown). */
static GString *
build (const guint8 *data, size_t size, GPtrArray **whole)
{
  GString *out = g_string_new (NULL);
  guint8 mode = size > 0 ? data[0] : 0;
  guint8 where = size > 1 ? data[1] : 0;
  const char *p, *end;
  gsize last_start = 0;

  *whole = NULL;
  if ((mode & 1) == 0)
    {
      if (size > 1)
        g_string_append_len (out, (const char *) data + 1, (gssize) size - 1);
      return out;
    }
  *whole = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_string_append (out, PP_JOURNAL_MAGIC);
  p = size > 2 ? (const char *) data + 2 : "";
  end = size > 2 ? (const char *) data + size : p;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      gsize len = nl != NULL ? (gsize) (nl - p) : (gsize) (end - p);

      g_autofree char *payload = g_strndup (p, len);

      /* A payload is a line of text (serve writes compact JSON): no NUL
       * (a torn write may leave zeros after the cut, nothing else). */
      for (gsize i = 0; i < len; i++)
        if (payload[i] == '\0')
          payload[i] = ' ';
      last_start = out->len;
      append_record (out, payload, len);
      g_ptr_array_add (*whole, g_bytes_new (payload, len));
      p += len + 1;
    }
  if ((mode & 2) != 0 && (*whole)->len > 0)
    {
      /* Torn: the last record stops before its newline. */
      gsize rec_len = out->len - last_start;

      g_string_truncate (out, last_start + (where % rec_len));
      g_ptr_array_remove_index ((*whole), (*whole)->len - 1);
    }
  if ((mode & 4) != 0 && out->len > 0)
    {
      out->str[where % out->len] ^= (char) (1u << (mode >> 5));
      g_clear_pointer (whole, g_ptr_array_unref);
    }
  return out;
}

static gboolean
is_lower_hex (char c)
{
  return g_ascii_isdigit (c) || (c >= 'a' && c <= 'f');
}

/* The offset of the first bytes after the magic line that are not a
 * whole, valid record (the file's size if there are none): the reader's
 * rules, written again independently. */
static gsize
first_damage (const char *data, gsize size)
{
  gsize off = strlen (PP_JOURNAL_MAGIC);

  while (off < size)
    {
      const char *p = data + off;
      gsize avail = size - off;
      guint64 len = 0;
      g_autofree char *sum = NULL;

      if (avail < 27)
        return off;
      for (int i = 0; i < 26; i++)
        {
          if ((i == 8 || i == 25) ? p[i] != ' ' : !is_lower_hex (p[i]))
            return off;
          if (i < 8)
            len = len * 16 + (guint64) g_ascii_xdigit_value (p[i]);
        }
      /* (A newline inside a payload with the right checksum is whole: the
       * checksum covers it.) */
      if (len > PP_JOURNAL_MAX_RECORD || avail < 26 + len + 1 || p[26 + len] != '\n')
        return off;
      sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) p + 26, len);
      if (memcmp (sum, p + 9, 16) != 0)
        return off;
      off += 26 + len + 1;
    }
  return off;
}

static GBytes *
read_back (const char *file)
{
  g_autofree char *contents = NULL;
  gsize len;

  PP_FUZZ_CHECK (g_file_get_contents (file, &contents, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

static gboolean
same_file (const GString *file)
{
  g_autoptr (GBytes) now = read_back (path);

  return g_bytes_get_size (now) == file->len
         && memcmp (g_bytes_get_data (now, NULL), file->str, file->len) == 0;
}

/* A journal refused as corrupt: recovering at its first damaged record
 * works and cuts exactly there; recovering anywhere else is refused. */
static void
check_recovery (const GString *file)
{
  gsize damage = first_damage (file->str, file->len);
  g_autoptr (GPtrArray) payloads = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr (GError) error = NULL;
  g_autoptr (PpJournal) j = NULL;
  g_autofree char *copy = NULL;
  g_autoptr (GBytes) kept = NULL;
  g_autoptr (GBytes) after = NULL;
  Replayed r = { payloads };
  PpJournalRecovery rec = { 0, 0, 0 };

  PP_FUZZ_CHECK (damage < file->len);
  rec.recover_at = damage + 1;
  j = pp_journal_open_full (path, collect, &r, &rec, &error);
  if (j != NULL || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
    fprintf (stderr, "recovering at %" G_GSIZE_FORMAT ", past the first damaged record at %"
             G_GSIZE_FORMAT ": %s\n", damage + 1, damage,
             j != NULL ? "opened" : error->message);
  PP_FUZZ_CHECK (j == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
  PP_FUZZ_CHECK (same_file (file));
  g_clear_error (&error);
  g_ptr_array_set_size (payloads, 0);

  rec.recover_at = damage;
  j = pp_journal_open_full (path, collect, &r, &rec, &error);
  if (j == NULL)
    fprintf (stderr, "recovering at %" G_GSIZE_FORMAT " fails: %s\n", damage, error->message);
  PP_FUZZ_CHECK (j != NULL);
  PP_FUZZ_CHECK (rec.cut_records >= 1 && rec.torn_bytes == 0);
  after = read_back (path);
  PP_FUZZ_CHECK (g_bytes_get_size (after) == damage
                 && memcmp (g_bytes_get_data (after, NULL), file->str, damage) == 0);
  copy = g_strdup_printf ("%s.corrupt-%" G_GSIZE_FORMAT, path, damage);
  kept = read_back (copy);
  PP_FUZZ_CHECK (g_bytes_get_size (kept) == file->len
                 && memcmp (g_bytes_get_data (kept, NULL), file->str, file->len) == 0);
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (GPtrArray) whole = NULL;
  g_autoptr (GString) file = build (data, size, &whole);
  g_autoptr (GPtrArray) payloads = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr (GPtrArray) again = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr (GString) expected = g_string_new (PP_JOURNAL_MAGIC);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autoptr (PpJournal) j = NULL;
  Replayed r = { payloads };
  Replayed r2 = { again };
  PpJournalRecovery rec = { 0, 0, 0 };
  gsize kept;

  clean_dir ();
  PP_FUZZ_CHECK (g_file_set_contents_full (path, file->str, (gssize) file->len,
                                           G_FILE_SET_CONTENTS_NONE, 0600, NULL));

  j = pp_journal_open_full (path, collect, &r, &rec, &error);
  if (j == NULL)
    {
      PP_FUZZ_CHECK (error != NULL && error->domain == G_IO_ERROR);
      PP_FUZZ_CHECK (same_file (file));
      if (whole != NULL)
        fprintf (stderr, "a journal of valid records refused: %s\n", error->message);
      PP_FUZZ_CHECK (whole == NULL);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA)
          && g_str_has_prefix (file->str, PP_JOURNAL_MAGIC))
        check_recovery (file);
      return 0;
    }
  after = read_back (path);

  /* The file is now the magic line and exactly the replayed records. */
  PP_FUZZ_CHECK (pp_journal_replayed (j) == payloads->len);
  PP_FUZZ_CHECK (rec.cut_records == 0);
  for (guint i = 0; i < payloads->len; i++)
    {
      gsize len;
      const char *p = g_bytes_get_data (payloads->pdata[i], &len);

      append_record (expected, p, len);
    }
  kept = g_bytes_get_size (after);
  PP_FUZZ_CHECK (kept == expected->len
                 && memcmp (g_bytes_get_data (after, NULL), expected->str, kept) == 0);
  if (file->len == 0)
    PP_FUZZ_CHECK (rec.torn_bytes == 0);
  else
    {
      PP_FUZZ_CHECK (kept <= file->len && memcmp (file->str, expected->str, kept) == 0);
      PP_FUZZ_CHECK (rec.torn_bytes == file->len - kept);
      PP_FUZZ_CHECK (kept == first_damage (file->str, file->len));
    }
  if (rec.torn_bytes > 0)
    {
      g_autofree char *aside = g_strdup_printf ("%s.torn-%" G_GSIZE_FORMAT, path, kept);
      g_autoptr (GBytes) cut = read_back (aside);

      /* Only an unterminated last record is a torn write. */
      PP_FUZZ_CHECK (memchr (file->str + kept, '\n', rec.torn_bytes) == NULL);
      PP_FUZZ_CHECK (g_bytes_get_size (cut) == rec.torn_bytes
                     && memcmp (g_bytes_get_data (cut, NULL), file->str + kept, rec.torn_bytes) == 0);
    }
  if (whole != NULL)
    {
      PP_FUZZ_CHECK (payloads->len == whole->len);
      for (guint i = 0; i < whole->len; i++)
        PP_FUZZ_CHECK (g_bytes_equal (payloads->pdata[i], whole->pdata[i]));
    }

  /* Appending works after any opening, and a reopening replays it all. */
  PP_FUZZ_CHECK (pp_journal_append (j, "{}", 2, NULL, NULL));
  PP_FUZZ_CHECK (pp_journal_sync (j, NULL));
  g_clear_pointer (&j, pp_journal_free);
  j = pp_journal_open_full (path, collect, &r2, &rec, &error);
  PP_FUZZ_CHECK (j != NULL);
  PP_FUZZ_CHECK (rec.torn_bytes == 0 && rec.cut_records == 0);
  PP_FUZZ_CHECK (again->len == payloads->len + 1);
  for (guint i = 0; i < payloads->len; i++)
    PP_FUZZ_CHECK (g_bytes_equal (again->pdata[i], payloads->pdata[i]));
  return 0;
}
