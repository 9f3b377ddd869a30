/* SPDX-License-Identifier: MIT */
/* test-journal.c: fault injection for the journal behind `serve --state`.
 *
 *  - torn tails of every shape a crash can leave, cut and kept aside;
 *  - damage that is not a torn tail, refused with nothing changed;
 *  - a bit flip at every bit of a small journal: each refused, naming the
 *    damaged record, and --recover-journal at each record;
 *  - a failed write (a file size limit; a full tmpfs where mounting works)
 *    and a read-only state directory;
 *  - hostile records at replay (deep nesting, wrong types) and an edited
 *    scenario.xml;
 *  - SIGKILL of the real `peerplan serve` at seeded random points of a
 *    stream of changes (PP_FAULT_SEED, PP_FAULT_ROUNDS).
 * What each must give is documented in docs/serve.md ("What the journal
 * survives and what it refuses").
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "tests/testutils.h"
#include "sim/serve/pp-journal.h"
#include "sim/serve/pp-serve.h"
#include "sim/serve/pp-serve-error.h"

static char *tmp;

static void
setup (void)
{
  g_autoptr (GError) error = NULL;

  tmp = g_dir_make_tmp ("peerplan-journal-XXXXXX", &error);
  ck_assert_msg (tmp != NULL, "%s", error != NULL ? error->message : "");
}

static void
teardown (void)
{
  static const char *const mounts[] = { "small", "ro" };

  /* A failed test may leave its tmpfs mounted. */
  for (guint i = 0; i < G_N_ELEMENTS (mounts); i++)
    {
      g_autofree char *mnt = g_build_filename (tmp, mounts[i], NULL);

      (void) umount2 (mnt, MNT_DETACH);
    }
  pp_test_rm_rf (tmp);
  g_clear_pointer (&tmp, g_free);
}

static char *
payload_for (guint i)
{
  g_autofree char *pad = g_strnfill (i * 7 % 40, 'x');

  return g_strdup_printf ("{\"i\":%u,\"pad\":\"%s\"}", i, pad);
}

/* Writes (or extends) the journal at @path with records @from..@to-1, synced;
 * returns the byte offset of each record, then the end. */
static GArray *
write_records (const char *path, guint from, guint to)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PpJournal) j = pp_journal_open (path, NULL, NULL, NULL, &error);
  GArray *offs = g_array_new (FALSE, FALSE, sizeof (gsize));
  GStatBuf st;
  gsize off;

  ck_assert_msg (j != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_int_eq (g_stat (path, &st), 0);
  off = (gsize) st.st_size;
  for (guint i = from; i < to; i++)
    {
      g_autofree char *p = payload_for (i);

      ck_assert (pp_journal_append (j, p, strlen (p), NULL, &error));
      g_array_append_val (offs, off);
      off += 27 + strlen (p);
    }
  g_array_append_val (offs, off);
  ck_assert (pp_journal_sync (j, &error));
  return offs;
}

typedef struct {
  guint n;
} Seen;

/* Checks each replayed record is the next one written. */
static gboolean
check_replay (const char *payload, gsize len, gpointer user_data, GError **error)
{
  Seen *seen = user_data;
  g_autofree char *want = payload_for (seen->n);

  (void) error;
  ck_assert_msg (len == strlen (want) && memcmp (payload, want, len) == 0,
                 "record %u replays as %.*s", seen->n + 1, (int) len, payload);
  seen->n++;
  return TRUE;
}

static char *
read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;
  gsize len = 0;

  ck_assert_msg (g_file_get_contents (path, &text, &len, &error), "%s", error->message);
  return text;
}

static GBytes *
read_bytes (const char *path)
{
  char *text = NULL;
  gsize len = 0;

  ck_assert (g_file_get_contents (path, &text, &len, NULL));
  return g_bytes_new_take (text, len);
}

static void
write_bytes (const char *path, const void *data, gsize len)
{
  g_autoptr (GError) error = NULL;

  ck_assert_msg (g_file_set_contents (path, data, (gssize) len, &error), "%s",
                 error != NULL ? error->message : "");
}

static void
append_raw (const char *path, const void *data, gsize len)
{
  FILE *f = fopen (path, "ab");

  ck_assert (f != NULL);
  ck_assert_uint_eq (fwrite (data, 1, len, f), len);
  ck_assert_int_eq (fclose (f), 0);
}

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* "name size sha256" of every file under @dir, sorted: what must not change
 * when opening is refused. */
static char *
snapshot (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  const char *name;

  ck_assert (d != NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr (GBytes) b = read_bytes (path);
      g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, b);

      g_ptr_array_add (lines, g_strdup_printf ("%s %" G_GSIZE_FORMAT " %s\n", name,
                                               g_bytes_get_size (b), sum));
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append (out, g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

/* --- torn tails: cut and kept aside ------------------------------------- */

static const struct {
  const char *name;
  const char *bytes;
  gsize len;
} torn_tails[] = {
  { "one byte of a length", "0", 1 },
  { "a cut length", "0000001", 7 },
  { "a length and its space", "00000030 ", 9 },
  { "a cut checksum", "00000030 0123456", 16 },
  { "a whole header", "00000030 0123456789abcdef ", 26 },
  { "a cut payload", "00000030 0123456789abcdef {\"i\":", 32 },
  { "zeros", "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 28 },
  { "a cut payload, then zeros", "00000030 0123456789abcdef {\"i\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 46 },
  { "a whole payload, no newline", "00000002 0123456789abcdef {}", 28 },
  { "a whole payload, zeros for the newline", "00000002 0123456789abcdef {}\0\0\0", 31 },
  { "a cut payload holding a zero byte", "00000030 0123456789abcdef {\0x", 30 },
};

START_TEST (test_torn_tail)
{
  g_autofree char *path = g_build_filename (tmp, "journal", NULL);
  g_autoptr (GArray) offs = write_records (path, 0, 5);
  g_autoptr (GBytes) before = read_bytes (path);
  g_autoptr (GError) error = NULL;
  PpJournalRecovery rec = { 0 };
  Seen seen = { 0 };
  gsize end = g_array_index (offs, gsize, 5);
  g_autofree char *aside = g_strdup_printf ("%s.torn-%" G_GSIZE_FORMAT, path, end);
  PpJournal *j;

  append_raw (path, torn_tails[_i].bytes, torn_tails[_i].len);
  j = pp_journal_open_full (path, check_replay, &seen, &rec, &error);
  ck_assert_msg (j != NULL, "%s: %s", torn_tails[_i].name, error != NULL ? error->message : "");
  ck_assert_uint_eq (seen.n, 5);
  ck_assert_uint_eq (rec.torn_bytes, torn_tails[_i].len);
  ck_assert_uint_eq (rec.cut_records, 0);
  {
    g_autoptr (GBytes) after = read_bytes (path);
    g_autoptr (GBytes) kept = read_bytes (aside);

    ck_assert (g_bytes_equal (before, after));
    ck_assert_uint_eq (g_bytes_get_size (kept), torn_tails[_i].len);
    ck_assert (memcmp (g_bytes_get_data (kept, NULL), torn_tails[_i].bytes,
                       torn_tails[_i].len) == 0);
  }
  /* Appends go on from the cut. */
  {
    g_autofree char *p = payload_for (5);

    ck_assert (pp_journal_append (j, p, strlen (p), NULL, &error));
    ck_assert (pp_journal_sync (j, &error));
  }
  pp_journal_free (j);
  seen.n = 0;
  j = pp_journal_open_full (path, check_replay, &seen, &rec, &error);
  ck_assert_msg (j != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_uint_eq (seen.n, 6);
  ck_assert_uint_eq (rec.torn_bytes, 0);
  pp_journal_free (j);
}
END_TEST

/* --- damage that is not a torn tail: refused, nothing changed ------------ */

/* A record of @payload with a valid checksum, its length in upper-case
 * hex with @upper, its newline replaced by 'x' with @no_newline. */
static char *
record_text (const char *payload, gboolean upper, gboolean no_newline)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, payload, -1);

  sum[16] = '\0';
  return upper ? g_strdup_printf ("%08X %s %s%c", (guint) strlen (payload), sum, payload,
                                  no_newline ? 'x' : '\n')
    : g_strdup_printf ("%08x %s %s%c", (guint) strlen (payload), sum, payload,
                       no_newline ? 'x' : '\n');
}

START_TEST (test_damaged_last_record)
{
  g_autofree char *path = g_build_filename (tmp, "journal", NULL);
  g_autoptr (GArray) offs = write_records (path, 0, 5);
  g_autoptr (GError) error = NULL;
  g_autofree char *tail = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *where = NULL;
  PpJournalRecovery rec = { 0 };
  Seen seen = { 0 };
  g_autofree char *p5 = payload_for (5);

  switch (_i)
    {
    case 0:                   /* terminated, wrong checksum */
      tail = g_strdup ("00000002 0123456789abcdef {}\n");
      break;
    case 1:                   /* whole, its newline damaged */
      tail = record_text (p5, FALSE, TRUE);
      break;
    case 2:                   /* bytes that no append writes */
      tail = g_strdup ("garbage");
      break;
    case 3:                   /* an upper-case length (the writer uses lower case) */
      tail = record_text ("{\"i\":5,\"pad\":\"0123456789\"}", TRUE, FALSE);
      break;
    case 4:                   /* a length past the end, terminated */
      tail = g_strdup ("00000ff0 0123456789abcdef {}\n");
      break;
    case 5:                   /* past the announced length: not zeros */
      tail = g_strdup ("00000002 0123456789abcdef {}x");
      break;
    default:
      g_assert_not_reached ();
    }
  append_raw (path, tail, strlen (tail));
  before = snapshot (tmp);
  ck_assert (pp_journal_open_full (path, check_replay, &seen, &rec, &error) == NULL);
  ck_assert_msg (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA), "%s",
                 error->message);
  where = g_strdup_printf ("record 6 at byte %" G_GSIZE_FORMAT " is damaged",
                           g_array_index (offs, gsize, 5));
  ck_assert_msg (strstr (error->message, where) != NULL, "%s", error->message);
  ck_assert (strstr (error->message, "--recover-journal=") != NULL);
  after = snapshot (tmp);
  ck_assert_str_eq (before, after);
}
END_TEST

/* A bit flip at every bit of a small journal: each refused, naming the
 * record that holds the flipped byte; nothing changed. */
START_TEST (test_every_bit_flip)
{
  g_autofree char *path = g_build_filename (tmp, "journal", NULL);
  g_autoptr (GArray) offs = write_records (path, 0, 8);
  g_autoptr (GBytes) orig = read_bytes (path);
  gsize size = g_bytes_get_size (orig);
  g_autofree guint8 *buf = g_memdup2 (g_bytes_get_data (orig, NULL), size);
  gsize magic = strlen (PP_JOURNAL_MAGIC);
  guint flips = 0;
  int fd = open (path, O_WRONLY | O_CLOEXEC);

  ck_assert_int_ge (fd, 0);

  for (gsize pos = 0; pos < size; pos++)
    for (guint bit = 0; bit < 8; bit++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (GBytes) after = NULL;
        Seen seen = { 0 };
        guint k = 0;

        buf[pos] ^= (guint8) (1u << bit);
        ck_assert_int_eq (pwrite (fd, buf + pos, 1, (off_t) pos), 1);
        ck_assert_msg (pp_journal_open (path, check_replay, &seen, NULL, &error) == NULL,
                       "flip of bit %u at byte %" G_GSIZE_FORMAT " accepted", bit, pos);
        if (pos < magic)
          ck_assert_msg (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA)
                         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED),
                         "%s", error->message);
        else
          {
            g_autofree char *where = NULL;

            while (g_array_index (offs, gsize, k + 1) <= pos)
              k++;
            where = g_strdup_printf ("record %u at byte %" G_GSIZE_FORMAT " is damaged",
                                     k + 1, g_array_index (offs, gsize, k));
            ck_assert_msg (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA)
                           && strstr (error->message, where) != NULL,
                           "flip of bit %u at byte %" G_GSIZE_FORMAT ": %s", bit, pos,
                           error->message);
            ck_assert_uint_eq (seen.n, k);
          }
        after = read_bytes (path);
        ck_assert_uint_eq (g_bytes_get_size (after), size);
        ck_assert (memcmp (g_bytes_get_data (after, NULL), buf, size) == 0);
        buf[pos] ^= (guint8) (1u << bit);
        ck_assert_int_eq (pwrite (fd, buf + pos, 1, (off_t) pos), 1);
        flips++;
      }
  close (fd);
  {
    g_autofree char *listing = snapshot (tmp);

    ck_assert_msg (g_str_has_prefix (listing, "journal ") && strchr (listing, '\n')[1] == '\0',
                   "files appeared: %s", listing);
  }
  fprintf (stderr, "test-journal: %u bit flips in a journal of 8 records (%" G_GSIZE_FORMAT
           " bytes): all refused\n", flips, size);
}
END_TEST

/* --recover-journal at each record: the journal is copied whole, then cut
 * there; an offset that is not the damaged record's changes nothing. */
START_TEST (test_recover_at_each_record)
{
  g_autofree char *path = g_build_filename (tmp, "journal", NULL);
  g_autoptr (GArray) offs = write_records (path, 0, 8);
  g_autoptr (GBytes) orig = read_bytes (path);
  gsize size = g_bytes_get_size (orig);
  gsize at = g_array_index (offs, gsize, _i);
  g_autofree guint8 *buf = g_memdup2 (g_bytes_get_data (orig, NULL), size);
  g_autofree char *copy = g_strdup_printf ("%s.corrupt-%" G_GSIZE_FORMAT, path, at);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PpJournalRecovery rec = { .recover_at = at + 1 };
  Seen seen = { 0 };
  PpJournal *j;

  buf[at + 9] ^= 1;           /* a checksum digit */
  write_bytes (path, buf, size);
  before = snapshot (tmp);
  ck_assert (pp_journal_open_full (path, NULL, NULL, &rec, &error) == NULL);
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
  g_clear_error (&error);
  after = snapshot (tmp);
  ck_assert_str_eq (before, after);

  rec.recover_at = at;
  j = pp_journal_open_full (path, check_replay, &seen, &rec, &error);
  ck_assert_msg (j != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_uint_eq (seen.n, _i);
  ck_assert_uint_eq (rec.cut_records, 8 - _i);
  {
    g_autoptr (GBytes) kept = read_bytes (copy);
    g_autoptr (GBytes) cut = read_bytes (path);

    ck_assert_uint_eq (g_bytes_get_size (kept), size);
    ck_assert (memcmp (g_bytes_get_data (kept, NULL), buf, size) == 0);
    ck_assert_uint_eq (g_bytes_get_size (cut), at);
    ck_assert (memcmp (g_bytes_get_data (cut, NULL), buf, at) == 0);
  }
  pp_journal_free (j);
  /* Once recovered, the flag no longer applies. */
  ck_assert (pp_journal_open_full (path, NULL, NULL, &rec, &error) == NULL);
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
}
END_TEST

/* --- failed writes ----------------------------------------------------- */

/* Appends until a write fails; checks the journal is broken from then on,
 * holds whole records only, and reopens with all of them. */
static void
fill_until_failure (const char *path, guint record_size, GQuark domain, gint code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PpJournal) j = pp_journal_open (path, NULL, NULL, NULL, &error);
  g_autofree char *payload = g_strnfill (record_size, 'r');
  guint64 whole;
  gsize end;
  PpJournalRecovery rec = { 0 };
  GStatBuf st;

  ck_assert_msg (j != NULL, "%s", error != NULL ? error->message : "");
  whole = pp_journal_replayed (j);
  ck_assert_int_eq (g_stat (path, &st), 0);
  end = (gsize) st.st_size;
  for (guint i = 0; i < 100000; i++)
    {
      if (!pp_journal_append (j, payload, record_size, NULL, &error))
        break;
      whole++;
      end += 27 + record_size;
      if (i % 4 == 3 && !pp_journal_sync (j, &error))
        break;
    }
  ck_assert_msg (error != NULL, "the writes never failed");
  ck_assert_msg (domain == 0 || g_error_matches (error, domain, code), "%s", error->message);
  g_clear_error (&error);
  /* Broken: nothing more goes in. */
  ck_assert (!pp_journal_append (j, "x", 1, NULL, &error));
  g_clear_error (&error);
  ck_assert (!pp_journal_sync (j, &error));
  g_clear_error (&error);
  /* What was written of the failed record is gone again. */
  ck_assert_int_eq (g_stat (path, &st), 0);
  ck_assert_uint_eq ((guint64) st.st_size, end);
  g_clear_pointer (&j, pp_journal_free);

  j = pp_journal_open_full (path, NULL, NULL, &rec, &error);
  ck_assert_msg (j != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_uint_eq (pp_journal_replayed (j), whole);
  ck_assert_uint_eq (rec.torn_bytes, 0);
}

/* A file size limit makes write(2) fail part-way (EFBIG): works anywhere. */
START_TEST (test_write_fails_file_size)
{
  g_autofree char *path = g_build_filename (tmp, "journal", NULL);
  g_autoptr (GArray) offs = write_records (path, 0, 3);
  struct rlimit old, lim;

  ck_assert_int_eq (getrlimit (RLIMIT_FSIZE, &old), 0);
  lim = old;
  lim.rlim_cur = g_array_index (offs, gsize, 3) + 1000;
  signal (SIGXFSZ, SIG_IGN);
  ck_assert_int_eq (setrlimit (RLIMIT_FSIZE, &lim), 0);
  fill_until_failure (path, 300, 0, 0);
  ck_assert_int_eq (setrlimit (RLIMIT_FSIZE, &old), 0);
}
END_TEST

/* Mounts a tmpfs of @size under tmp/@name (read-only with @ro remounting
 * it); FALSE where this process may not mount. */
static gboolean
mount_tmpfs (const char *dir, const char *options)
{
  ck_assert_int_eq (g_mkdir_with_parents (dir, 0700), 0);
  if (mount ("peerplan-test", dir, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0)
    {
      fprintf (stderr, "test-journal: # SKIP cannot mount a tmpfs here (%s): this case needs root "
               "with CAP_SYS_ADMIN; the file-size-limit case covers failed writes\n",
               g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* A full file system: write(2) fails with ENOSPC, part-way. */
START_TEST (test_write_fails_enospc)
{
  g_autofree char *mnt = g_build_filename (tmp, "small", NULL);
  g_autofree char *path = g_build_filename (mnt, "journal", NULL);

  if (!mount_tmpfs (mnt, "size=64k,mode=0700"))
    return;
  fill_until_failure (path, 1000, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  ck_assert_int_eq (umount (mnt), 0);
}
END_TEST

/* --- the serve layer: a state directory -------------------------------- */

static const char scenario_xml[] =
  "<scenario name=\"t\" xmlns=\"urn:peerplan:scenario:1\">\n"
  "  <account id=\"A\" uid=\"1111111111111111\" access-key-id=\"LTAItestkeyA0000000000\""
  " access-key-secret=\"secret-of-A\">\n"
  "    <vpc id=\"vpc-a\" region=\"ap-northeast-1\" cidr=\"172.16.0.0/16\"/>\n"
  "  </account>\n"
  "</scenario>\n";

static PpServe *
start (const char *state_dir, GError **error)
{
  g_autoptr (GBytes) xml = g_bytes_new_static (scenario_xml, strlen (scenario_xml));
  PpServeOptions opts = { .scenario_xml = xml, .scenario_name = "test.xml",
                          .state_dir = state_dir };

  return pp_serve_new (&opts, error);
}

static void
got_reply (GObject *source, GAsyncResult *res, gpointer user_data)
{
  GBytes **out = user_data;

  *out = soup_session_send_and_read_finish (SOUP_SESSION (source), res, NULL);
  if (*out == NULL)
    *out = g_bytes_new (NULL, 0);
}

/* Sends @method @base@path_query and runs the main loop (an in-process
 * server's too) until the answer is in; returns the status. */
static guint
http_status (const char *method, const char *base, const char *path_query)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (base, path_query, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (GBytes) bytes = NULL;

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, got_reply, &bytes);
  while (bytes == NULL)
    g_main_context_iteration (NULL, TRUE);
  return soup_message_get_status (msg);
}

static guint
post (PpServe *s, const char *path_query)
{
  return http_status ("POST", pp_serve_url (s), path_query);
}

/* The serve layer on a full disk: the change that did not fit is refused,
 * so is everything after it, and a restart (on the still full disk) comes
 * back with exactly the acknowledged changes. */
START_TEST (test_serve_disk_full)
{
  g_autofree char *mnt = g_build_filename (tmp, "small", NULL);
  g_autofree char *state = g_build_filename (mnt, "state", NULL);
  g_autoptr (GError) error = NULL;
  PpServe *s;
  guint acked = 0, status = 0;

  if (!mount_tmpfs (mnt, "size=24k,mode=0700"))
    return;
  s = start (state, &error);
  ck_assert_msg (s != NULL, "%s", error != NULL ? error->message : "");
  for (guint i = 0; i < 100000 && (status = post (s, "/_peerplan/advance?seconds=1")) == 200; i++)
    acked++;
  ck_assert_uint_gt (acked, 0);
  ck_assert_uint_eq (status, 500);
  ck_assert_uint_eq (post (s, "/_peerplan/advance?seconds=1"), 503);
  pp_serve_free (s);

  s = start (state, &error);
  ck_assert_msg (s != NULL, "a restart on the full disk: %s", error != NULL ? error->message : "");
  ck_assert_uint_eq (pp_serve_replayed (s), acked);
  ck_assert_uint_eq (pp_serve_torn_bytes (s), 0);
  pp_serve_free (s);
  ck_assert_int_eq (umount (mnt), 0);
}
END_TEST

/* A read-only state directory is refused with what to do; nothing changes. */
START_TEST (test_serve_read_only)
{
  g_autofree char *mnt = g_build_filename (tmp, "ro", NULL);
  g_autofree char *state = g_build_filename (mnt, "state", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PpServe *s;

  if (geteuid () == 0)
    {
      if (!mount_tmpfs (mnt, "size=1m,mode=0700"))
        return;
    }
  s = start (state, &error);
  ck_assert_msg (s != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_uint_eq (post (s, "/_peerplan/advance?seconds=5"), 200);
  pp_serve_free (s);
  before = snapshot (state);
  if (geteuid () == 0)
    ck_assert_int_eq (mount (NULL, mnt, NULL, MS_REMOUNT | MS_RDONLY, NULL), 0);
  else
    {
      g_autofree char *journal = g_build_filename (state, "journal", NULL);

      ck_assert_int_eq (g_chmod (journal, 0400), 0);
      ck_assert_int_eq (g_chmod (state, 0500), 0);
    }
  ck_assert (start (state, &error) == NULL);
  ck_assert_msg (strstr (error->message, "the state directory must be writable") != NULL, "%s",
                 error->message);
  after = snapshot (state);
  ck_assert_str_eq (before, after);
  if (geteuid () == 0)
    ck_assert_int_eq (umount (mnt), 0);
  else
    ck_assert_int_eq (g_chmod (state, 0700), 0);
}
END_TEST

/* Records whose length and checksum are right but whose content peerplan
 * never writes: refused with a message, no crash, no Json-CRITICAL (make
 * check runs with G_DEBUG=fatal-criticals). */
static const char *const hostile_records[] = {
  "%DEEP[%",
  "%DEEP{%",
  "[]",
  "\"a string\"",
  "{\"t\":1}",
  "{\"t\":[1]}",
  "{\"t\":{}}",
  "{}",
  "{\"t\":\"advance\"}",
  "{\"t\":\"advance\",\"s\":\"5\"}",
  "{\"t\":\"advance\",\"s\":[5]}",
  "{\"t\":\"advance\",\"s\":-1}",
  "{\"t\":\"advance\",\"s\":1.5}",
  "{\"t\":\"call\"}",
  "{\"t\":\"call\",\"uid\":{},\"ver\":\"2016-04-28\",\"act\":\"DescribeRegions\",\"p\":{},"
    "\"rid\":\"X\",\"code\":null}",
  "{\"t\":\"call\",\"uid\":\"1111111111111111\",\"ver\":\"2016-04-28\",\"act\":\"DescribeRegions\","
    "\"p\":[],\"rid\":\"X\",\"code\":null}",
  "{\"t\":\"call\",\"uid\":\"1111111111111111\",\"ver\":\"2016-04-28\",\"act\":\"DescribeRegions\","
    "\"p\":{\"RegionId\":[1]},\"rid\":\"X\",\"code\":null}",
  "{\"t\":\"call\",\"uid\":\"1111111111111111\",\"ver\":\"2016-04-28\",\"act\":\"DescribeRegions\","
    "\"p\":{\"RegionId\":{}},\"rid\":\"X\",\"code\":null}",
  "{\"t\":\"call\",\"uid\":\"1111111111111111\",\"ver\":\"2016-04-28\",\"act\":\"DescribeRegions\","
    "\"p\":{},\"rid\":\"X\",\"code\":7}",
  "{\"t\":\"call\",\"uid\":\"1111111111111111\",\"ver\":\"2016-04-28\",\"act\":\"DescribeRegions\","
    "\"p\":{},\"rid\":\"X\",\"code\":null,\"ak\":\"k\",\"nonce\":\"n\",\"wall\":\"now\"}",
  "{\"t\":\"unknown\"}",
};

static char *
hostile_payload (const char *spec)
{
  if (g_str_has_prefix (spec, "%DEEP"))
    {
      char open = spec[5];
      char close = open == '[' ? ']' : '}';
      const char *inner = open == '[' ? "" : "\"a\":";
      GString *s = g_string_new (NULL);

      for (guint i = 0; i < 100000; i++)
        {
          g_string_append_c (s, open);
          if (i + 1 < 100000)
            g_string_append (s, inner);
        }
      for (guint i = 0; i < 100000; i++)
        g_string_append_c (s, close);
      return g_string_free (s, FALSE);
    }
  return g_strdup (spec);
}

START_TEST (test_hostile_record)
{
  g_autofree char *state = g_build_filename (tmp, "state", NULL);
  g_autofree char *journal = g_build_filename (state, "journal", NULL);
  g_autofree char *payload = hostile_payload (hostile_records[_i]);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PpServe *s = start (state, &error);

  ck_assert_msg (s != NULL, "%s", error != NULL ? error->message : "");
  pp_serve_free (s);
  {
    g_autoptr (PpJournal) j = pp_journal_open (journal, NULL, NULL, NULL, &error);

    ck_assert (j != NULL);
    ck_assert (pp_journal_append (j, payload, strlen (payload), NULL, &error));
    ck_assert (pp_journal_sync (j, &error));
  }
  before = snapshot (state);
  ck_assert (start (state, &error) == NULL);
  ck_assert_msg (g_error_matches (error, PP_SERVE_ERROR, PP_SERVE_ERROR_STATE), "%s",
                 error->message);
  ck_assert_msg (strstr (error->message, "journal: record 1 at byte 19: ") != NULL, "%s",
                 error->message);
  after = snapshot (state);
  ck_assert_str_eq (before, after);
}
END_TEST

/* An edited scenario.xml is refused: the journal replays only onto the
 * scenario it was written against. */
START_TEST (test_scenario_edited)
{
  g_autofree char *state = g_build_filename (tmp, "state", NULL);
  g_autofree char *file = g_build_filename (state, "scenario.xml", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  PpServeOptions resume = { .state_dir = state };
  PpServe *s = start (state, &error);

  ck_assert_msg (s != NULL, "%s", error != NULL ? error->message : "");
  pp_serve_free (s);
  text = read_file (file);
  edited = g_strconcat (text, "<!-- edited -->\n", NULL);
  write_bytes (file, edited, strlen (edited));
  before = snapshot (state);
  ck_assert (pp_serve_new (&resume, &error) == NULL);
  ck_assert_msg (g_error_matches (error, PP_SERVE_ERROR, PP_SERVE_ERROR_STATE), "%s",
                 error->message);
  ck_assert_msg (strstr (error->message, "scenario.xml: changed since the state was created")
                 != NULL, "%s", error->message);
  after = snapshot (state);
  ck_assert_str_eq (before, after);
  g_clear_error (&error);
  /* Put back, it resumes. */
  write_bytes (file, text, strlen (text));
  s = pp_serve_new (&resume, &error);
  ck_assert_msg (s != NULL, "%s", error != NULL ? error->message : "");
  pp_serve_free (s);
}
END_TEST

/* A state.json without its journal: the journal was lost (it is created
 * before state.json), so starting afresh would lose every change. */
START_TEST (test_journal_missing)
{
  g_autofree char *state = g_build_filename (tmp, "state", NULL);
  g_autofree char *journal = g_build_filename (state, "journal", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PpServe *s = start (state, &error);

  ck_assert_msg (s != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_uint_eq (post (s, "/_peerplan/advance?seconds=5"), 200);
  pp_serve_free (s);
  ck_assert_int_eq (g_unlink (journal), 0);
  before = snapshot (state);
  ck_assert (start (state, &error) == NULL);
  ck_assert_msg (g_error_matches (error, PP_SERVE_ERROR, PP_SERVE_ERROR_STATE), "%s",
                 error->message);
  ck_assert (strstr (error->message, "journal: missing, but ") != NULL);
  after = snapshot (state);
  ck_assert_str_eq (before, after);
}
END_TEST

/* A creation stopped before state.json was written leaves a journal that
 * holds nothing: the next start makes the state anew. */
START_TEST (test_creation_interrupted)
{
  g_autofree char *state = g_build_filename (tmp, "state", NULL);
  g_autofree char *journal = g_build_filename (state, "journal", NULL);
  g_autofree char *meta = g_build_filename (state, "state.json", NULL);
  g_autoptr (GError) error = NULL;
  PpServe *s;

  for (guint cut = 0; cut <= strlen (PP_JOURNAL_MAGIC); cut++)
    {
      ck_assert_int_eq (g_mkdir_with_parents (state, 0700), 0);
      write_bytes (journal, PP_JOURNAL_MAGIC, cut);
      s = start (state, &error);
      ck_assert_msg (s != NULL, "a journal of %u bytes: %s", cut,
                     error != NULL ? error->message : "");
      ck_assert (g_file_test (meta, G_FILE_TEST_EXISTS));
      ck_assert_uint_eq (post (s, "/_peerplan/advance?seconds=5"), 200);
      pp_serve_free (s);
      s = start (state, &error);
      ck_assert_msg (s != NULL, "%s", error != NULL ? error->message : "");
      ck_assert_uint_eq (pp_serve_replayed (s), 1);
      pp_serve_free (s);
      pp_test_rm_rf (state);
    }
}
END_TEST

/* --- SIGKILL of the real server at seeded random points ------------------ */

typedef struct {
  GPid pid;
  char *url;
} Server;

static void
server_spawn (Server *sv, const char *state)
{
  const char *peerplan = g_getenv ("PEERPLAN");
  const char *argv[] = { peerplan, "serve", "--state", state, "--format", "json", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) line = g_string_new (NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  int out = -1;
  char c;

  ck_assert_msg (peerplan != NULL, "PEERPLAN is not set (run through make check)");
  ck_assert_msg (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &sv->pid, NULL, &out, NULL, &error),
                 "%s", error != NULL ? error->message : "");
  while (read (out, &c, 1) == 1 && c != '\n')
    g_string_append_c (line, c);
  close (out);
  ck_assert_msg (json_parser_load_from_data (parser, line->str, -1, NULL)
                 && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)),
                 "no ready line from peerplan serve (see its message above): '%s'", line->str);
  sv->url = g_strdup (json_object_get_string_member (
                        json_node_get_object (json_parser_get_root (parser)), "url"));
}

/* Sends @sig and returns the wait status. */
static int
server_stop (Server *sv, int sig)
{
  int status = 0;

  ck_assert_int_eq (kill (sv->pid, sig), 0);
  ck_assert_int_eq (waitpid (sv->pid, &status, 0), sv->pid);
  g_spawn_close_pid (sv->pid);
  g_clear_pointer (&sv->url, g_free);
  return status;
}

typedef struct {
  Server *server;
  SoupSession *session;
  GHashTable *sent;           /* seconds value -> itself, every advance sent */
  GHashTable *acked;          /* of those, answered 200 */
  guint next;                 /* the next seconds value (unique) */
  guint acked_round;          /* acknowledgements this round */
  guint kill_after;           /* kill once this many are in */
  gulong kill_delay_us;
  guint limit;                /* sends this round, at most */
  guint sent_round;
  guint running;              /* workers still going */
  gboolean killed;
  guint failures;
} Stream;

static void stream_send (Stream *st);

static void
stream_answered (GObject *source, GAsyncResult *res, gpointer user_data)
{
  Stream *st = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), res);
  g_autoptr (GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), res, NULL);
  guint value = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (msg), "seconds"));

  if (body != NULL && soup_message_get_status (msg) == 200)
    {
      g_hash_table_add (st->acked, GUINT_TO_POINTER (value));
      st->acked_round++;
      if (!st->killed && st->acked_round >= st->kill_after)
        {
          if (st->kill_delay_us > 0)
            g_usleep (st->kill_delay_us);
          kill (st->server->pid, SIGKILL);
          st->killed = TRUE;
        }
    }
  else if (!st->killed)
    st->failures++;
  g_object_unref (msg);
  if (st->killed || body == NULL || st->sent_round >= st->limit)
    {
      st->running--;
      return;
    }
  stream_send (st);
}

static void
stream_send (Stream *st)
{
  guint value = st->next++;
  g_autofree char *url = g_strdup_printf ("%s/_peerplan/advance?seconds=%u", st->server->url,
                                          value);
  SoupMessage *msg = soup_message_new ("POST", url);

  g_object_set_data (G_OBJECT (msg), "seconds", GUINT_TO_POINTER (value));
  g_hash_table_add (st->sent, GUINT_TO_POINTER (value));
  st->sent_round++;
  soup_session_send_and_read_async (st->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    stream_answered, st);
}

typedef struct {
  GHashTable *found;          /* seconds values in the journal */
  guint records;
} Found;

static gboolean
collect_advance (const char *payload, gsize len, gpointer user_data, GError **error)
{
  Found *f = user_data;
  g_autoptr (JsonParser) p = json_parser_new ();
  JsonObject *o;

  ck_assert (json_parser_load_from_data (p, payload, (gssize) len, error));
  o = json_node_get_object (json_parser_get_root (p));
  ck_assert_str_eq (json_object_get_string_member (o, "t"), "advance");
  g_hash_table_add (f->found, GUINT_TO_POINTER ((guint) json_object_get_int_member (o, "s")));
  f->records++;
  return TRUE;
}

START_TEST (test_sigkill_stream)
{
  g_autofree char *state = g_build_filename (tmp, "state", NULL);
  g_autofree char *journal = g_build_filename (state, "journal", NULL);
  const char *seed_env = g_getenv ("PP_FAULT_SEED");
  const char *rounds_env = g_getenv ("PP_FAULT_ROUNDS");
  guint64 seed = 1, rounds = 16;
  g_autoptr (GRand) rand = NULL;
  g_autoptr (GHashTable) sent = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) acked = g_hash_table_new (NULL, NULL);
  Server sv = { 0 };
  Stream st = { 0 };
  guint landed_unacked = 0, torn = 0, records = 0;

  if (seed_env != NULL)
    ck_assert_msg (g_ascii_string_to_unsigned (seed_env, 10, 0, G_MAXUINT32, &seed, NULL),
                   "PP_FAULT_SEED must be a number");
  if (rounds_env != NULL)
    ck_assert_msg (g_ascii_string_to_unsigned (rounds_env, 10, 1, 100000, &rounds, NULL),
                   "PP_FAULT_ROUNDS must be a number");
  fprintf (stderr, "test-journal: SIGKILL stream, PP_FAULT_SEED=%" G_GUINT64_FORMAT
           " PP_FAULT_ROUNDS=%" G_GUINT64_FORMAT " (set them to repeat the kill points)\n",
           seed, rounds);
  rand = g_rand_new_with_seed ((guint32) seed);
  st.server = &sv;
  st.sent = sent;
  st.acked = acked;
  st.next = 1;
  for (guint round = 1; round <= rounds; round++)
    {
      guint workers = (guint) g_rand_int_range (rand, 1, 5);
      Found f = { g_hash_table_new (NULL, NULL), 0 };
      g_autoptr (GError) error = NULL;
      PpJournal *j;
      int status;

      st.kill_after = (guint) g_rand_int_range (rand, 1, 25);
      st.kill_delay_us = (gulong) g_rand_int_range (rand, 0, 3000);
      st.limit = st.kill_after + 16;
      st.acked_round = st.sent_round = 0;
      st.killed = FALSE;
      server_spawn (&sv, state);
      st.session = soup_session_new_with_options ("max-conns-per-host", 8, NULL);
      st.running = workers;
      for (guint w = 0; w < workers; w++)
        stream_send (&st);
      while (st.running > 0)
        g_main_context_iteration (NULL, TRUE);
      g_clear_object (&st.session);
      ck_assert_msg (st.killed, "round %u: the stream ended before the kill point", round);
      ck_assert_uint_eq (st.failures, 0);
      ck_assert_int_eq (waitpid (sv.pid, &status, 0), sv.pid);
      g_spawn_close_pid (sv.pid);
      g_clear_pointer (&sv.url, g_free);
      ck_assert_msg (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL,
                     "round %u: the server ended by itself (status %d)", round, status);

      /* The server recovers by itself, answers, and stops cleanly. */
      server_spawn (&sv, state);
      ck_assert_uint_eq (http_status ("GET", sv.url, "/_peerplan/health"), 200);
      status = server_stop (&sv, SIGTERM);
      ck_assert_msg (WIFEXITED (status) && WEXITSTATUS (status) == 0,
                     "round %u: the restarted server exited %d", round, status);

      /* Every acknowledged change is there; nothing that was never sent. */
      j = pp_journal_open (journal, collect_advance, &f, NULL, &error);
      ck_assert_msg (j != NULL, "%s", error != NULL ? error->message : "");
      pp_journal_free (j);
      {
        GHashTableIter it;
        gpointer key;

        g_hash_table_iter_init (&it, acked);
        while (g_hash_table_iter_next (&it, &key, NULL))
          ck_assert_msg (g_hash_table_contains (f.found, key),
                         "round %u: acknowledged advance %u lost (PP_FAULT_SEED=%" G_GUINT64_FORMAT
                         ")", round, GPOINTER_TO_UINT (key), seed);
        g_hash_table_iter_init (&it, f.found);
        while (g_hash_table_iter_next (&it, &key, NULL))
          {
            ck_assert_msg (g_hash_table_contains (sent, key), "round %u: advance %u never sent",
                           round, GPOINTER_TO_UINT (key));
            if (!g_hash_table_contains (acked, key))
              {
                /* Durable but its answer was lost with the server: done. */
                landed_unacked++;
                g_hash_table_add (acked, key);
              }
          }
      }
      ck_assert_uint_eq (f.records, g_hash_table_size (f.found));
      records = f.records;
      g_hash_table_unref (f.found);
    }
  {
    g_autoptr (GDir) d = g_dir_open (state, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      if (g_str_has_prefix (name, "journal.torn-"))
        torn++;
  }
  fprintf (stderr, "test-journal: %" G_GUINT64_FORMAT " SIGKILLs, %u changes sent, %u records "
           "in the journal, every acknowledged one present (%u durable but unanswered; %u torn "
           "tails cut)\n", rounds, st.next - 1, records, landed_unacked, torn);
}
END_TEST

static Suite *
journal_suite (void)
{
  Suite *s = suite_create ("journal");
  TCase *tc = tcase_create ("damage");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_loop_test (tc, test_torn_tail, 0, G_N_ELEMENTS (torn_tails));
  tcase_add_loop_test (tc, test_damaged_last_record, 0, 6);
  tcase_add_test (tc, test_every_bit_flip);
  tcase_add_loop_test (tc, test_recover_at_each_record, 0, 8);
  suite_add_tcase (s, tc);

  tc = tcase_create ("failed-writes");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_write_fails_file_size);
  tcase_add_test (tc, test_write_fails_enospc);
  tcase_add_test (tc, test_serve_disk_full);
  tcase_add_test (tc, test_serve_read_only);
  suite_add_tcase (s, tc);

  tc = tcase_create ("replay");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_loop_test (tc, test_hostile_record, 0, G_N_ELEMENTS (hostile_records));
  tcase_add_test (tc, test_scenario_edited);
  tcase_add_test (tc, test_journal_missing);
  tcase_add_test (tc, test_creation_interrupted);
  suite_add_tcase (s, tc);

  tc = tcase_create ("sigkill");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 300);
  tcase_add_test (tc, test_sigkill_stream);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return pp_test_run (journal_suite ());
}
