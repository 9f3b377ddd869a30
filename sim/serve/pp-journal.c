/* SPDX-License-Identifier: MIT */
/* pp-journal.c: the append-only journal behind `peerplan serve --state`. */
#include "sim/serve/pp-journal.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

struct _PpJournal {
  char *path;
  int fd;
  guint64 appended;           /* records appended since opening */
  guint64 durable;            /* of those, synced */
  guint64 replayed;
  gsize end;                  /* file offset after the last whole record */
  GError *broken;             /* set after a failed write or sync */
};

static gboolean
pp_io_error (GError **error, const char *path, const char *what, int errsv)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               "%s: cannot %s: %s", path, what, g_strerror (errsv));
  return FALSE;
}

gboolean
pp_fsync_dir (const char *dir, GError **error)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return pp_io_error (error, dir, "open the directory", errno);
  if (fsync (fd) != 0)
    {
      int errsv = errno;

      close (fd);
      return pp_io_error (error, dir, "sync the directory", errsv);
    }
  close (fd);
  return TRUE;
}

static gboolean
pp_write_all (int fd, const char *data, gsize len, const char *path, GError **error)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return pp_io_error (error, path, "write", errno);
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static void
pp_record_sum (const char *payload, gsize len, char out[17])
{
  g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                      (const guchar *) payload, len);

  memcpy (out, sum, 16);
  out[16] = '\0';
}

static gboolean
pp_is_lower_hex (char c)
{
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* Parses the record at @p (at most @avail bytes); returns its total length,
 * or 0 if it is not a whole, valid record, with @why saying what is wrong. */
static gsize
pp_record_parse (const char *p, gsize avail, const char **payload, gsize *payload_len,
                 const char **why)
{
  char sum[17];
  guint64 len = 0;

  *why = NULL;
  for (gsize i = 0; i < 26; i++)
    {
      if (i >= avail)
        {
          *why = "an incomplete header";
          return 0;
        }
      if ((i == 8 || i == 25) ? p[i] != ' ' : !pp_is_lower_hex (p[i]))
        {
          *why = i < 8 ? "a length that is not 8 lower-case hex digits"
            : i == 8 || i == 25 ? "a header without its spaces"
            : "a checksum that is not 16 lower-case hex digits";
          return 0;
        }
      if (i < 8)
        len = len * 16 + (guint64) g_ascii_xdigit_value (p[i]);
    }
  if (len > PP_JOURNAL_MAX_RECORD)
    {
      *why = "a length over the limit";
      return 0;
    }
  if (avail - 26 < len + 1)
    {
      *why = "a length that runs past the end of the file";
      return 0;
    }
  if (p[26 + len] != '\n')
    {
      *why = "no newline where the record should end";
      return 0;
    }
  pp_record_sum (p + 26, len, sum);
  if (memcmp (sum, p + 9, 16) != 0)
    {
      *why = "a checksum that does not match";
      return 0;
    }
  *payload = p + 26;
  *payload_len = len;
  return 26 + len + 1;
}

/* TRUE if the @avail bytes at @p are what an interrupted append leaves:
 * no newline; the beginning of a record (a header as far as it goes, then
 * at most the payload its length announces); then possibly zero bytes only
 * (a file extended whose last blocks never reached the disk).  A whole
 * record whose newline is damaged is not torn: a single flipped bit never
 * turns '\n' into a zero byte. */
static gboolean
pp_is_torn_tail (const char *p, gsize avail)
{
  guint64 len = 0;
  gsize i, zeros_from = avail;

  if (memchr (p, '\n', avail) != NULL)
    return FALSE;
  for (i = 0; i < avail && i < 26; i++)
    {
      if (p[i] == '\0')
        {
          zeros_from = i;
          break;
        }
      if ((i == 8 || i == 25) ? p[i] != ' ' : !pp_is_lower_hex (p[i]))
        return FALSE;
      if (i < 8)
        len = len * 16 + (guint64) g_ascii_xdigit_value (p[i]);
    }
  if (zeros_from == avail && avail > 26)
    {
      if (len > PP_JOURNAL_MAX_RECORD)
        return FALSE;
      zeros_from = (gsize) MIN ((guint64) avail, 26 + len);
    }
  for (i = zeros_from; i < avail; i++)
    if (p[i] != '\0')
      return FALSE;
  return TRUE;
}

/* How many whole, valid records follow the damaged one at @off (found by
 * resuming at each newline). */
static guint64
pp_count_following (const char *data, gsize size, gsize off)
{
  guint64 n = 0;
  const char *nl = memchr (data + off, '\n', size - off);
  gsize at;

  if (nl == NULL)
    return 0;
  at = (gsize) (nl - data) + 1;
  while (at < size)
    {
      const char *payload, *why;
      gsize payload_len;
      gsize len = pp_record_parse (data + at, size - at, &payload, &payload_len, &why);

      if (len > 0)
        {
          n++;
          at += len;
          continue;
        }
      nl = memchr (data + at, '\n', size - at);
      if (nl == NULL)
        break;
      at = (gsize) (nl - data) + 1;
    }
  return n;
}

static void
pp_corrupt_error (GError **error, PpJournal *j, gsize off, guint64 record, const char *why,
                  guint64 following)
{
  g_autofree char *follow = following == 0
    ? g_strdup ("no whole record follows it")
    : g_strdup_printf ("%" G_GUINT64_FORMAT " whole record%s follow%s it", following,
                       following == 1 ? "" : "s", following == 1 ? "s" : "");
  g_autofree char *kept = record == 1 ? g_strdup ("none")
    : record == 2 ? g_strdup ("record 1")
    : g_strdup_printf ("records 1-%" G_GUINT64_FORMAT, record - 1);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "%s: record %" G_GUINT64_FORMAT " at byte %" G_GSIZE_FORMAT " is damaged (%s)"
               " and %s: the journal is corrupt, not torn (a crash leaves at most an"
               " unterminated last record).  Nothing was changed.  Restore the state"
               " directory from a backup, or start once with --recover-journal=%" G_GSIZE_FORMAT
               ": the journal is first copied whole to %s.corrupt-%" G_GSIZE_FORMAT ", then cut"
               " there, keeping %s and dropping record %" G_GUINT64_FORMAT " and the %"
               G_GUINT64_FORMAT " after it (possibly acknowledged changes; see docs/serve.md)",
               j->path, record, off, why, follow, off, j->path, off, kept, record, following);
}

/* Durably copies the file's bytes to @to, which must not exist yet. */
static gboolean
pp_keep_copy (const char *to, const char *data, gsize len, GError **error)
{
  if (g_file_test (to, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   "%s already exists: move it away first (nothing was changed)", to);
      return FALSE;
    }
  return g_file_set_contents_full (to, data, (gssize) len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

/* Cuts the journal at @off durably. */
static gboolean
pp_journal_cut (PpJournal *j, gsize off, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (j->path);

  if (ftruncate (j->fd, (off_t) off) != 0)
    return pp_io_error (error, j->path, "truncate", errno);
  if (fsync (j->fd) != 0)
    return pp_io_error (error, j->path, "sync", errno);
  return pp_fsync_dir (dir, error);
}

static gboolean
pp_journal_read (PpJournal *j, PpJournalReplayFunc replay, gpointer user_data,
                 PpJournalRecovery *recovery, GError **error)
{
  g_autoptr (GMappedFile) map = NULL;
  const char *data;
  const char *why = NULL;
  gsize size, off = strlen (PP_JOURNAL_MAGIC);
  guint64 recover_at = recovery != NULL ? recovery->recover_at : 0;

  map = g_mapped_file_new_from_fd (j->fd, FALSE, error);
  if (map == NULL)
    return FALSE;
  data = g_mapped_file_get_contents (map);
  size = g_mapped_file_get_length (map);
  if (size < off || memcmp (data, PP_JOURNAL_MAGIC, off) != 0)
    {
      if (size >= 17 && memcmp (data, "peerplan-journal ", 17) == 0)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     "%s: a journal of another format version (this peerplan reads "
                     "version 1)", j->path);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     "%s: not a peerplan journal (its first line is not \"peerplan-journal 1\"; "
                     "nothing was changed)", j->path);
      return FALSE;
    }
  while (off < size)
    {
      const char *payload;
      gsize payload_len;
      gsize n = pp_record_parse (data + off, size - off, &payload, &payload_len, &why);

      if (n == 0)
        break;
      if (replay != NULL && !replay (payload, payload_len, user_data, error))
        {
          g_prefix_error (error, "%s: record %" G_GUINT64_FORMAT " at byte %" G_GSIZE_FORMAT ": ",
                          j->path, j->replayed + 1, off);
          return FALSE;
        }
      j->replayed++;
      off += n;
    }
  if (off < size && !pp_is_torn_tail (data + off, size - off))
    {
      guint64 following = pp_count_following (data, size, off);
      g_autofree char *copy = NULL;

      if (recover_at != off)
        {
          GError *local = NULL;

          pp_corrupt_error (&local, j, off, j->replayed + 1, why, following);
          if (recover_at != 0)
            {
              local->code = G_IO_ERROR_INVALID_ARGUMENT;
              g_prefix_error (&local, "--recover-journal=%" G_GUINT64_FORMAT " does not name"
                              " the first damaged record: ", recover_at);
            }
          g_propagate_error (error, local);
          return FALSE;
        }
      copy = g_strdup_printf ("%s.corrupt-%" G_GSIZE_FORMAT, j->path, off);
      if (!pp_keep_copy (copy, data, size, error) || !pp_journal_cut (j, off, error))
        return FALSE;
      recovery->cut_records = following + 1;
    }
  else if (recover_at != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%s: --recover-journal=%" G_GUINT64_FORMAT ", but the journal has no damaged"
                   " record (nothing was changed); start without --recover-journal", j->path,
                   recover_at);
      return FALSE;
    }
  else if (off < size)
    {
      /* A torn tail: keep it aside, then cut it off durably. */
      g_autofree char *aside = g_strdup_printf ("%s.torn-%" G_GSIZE_FORMAT, j->path, off);

      if (!g_file_set_contents_full (aside, data + off, (gssize) (size - off),
                                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                     0600, error))
        {
          g_prefix_error (error, "%s: cannot keep the torn tail aside (nothing was changed): ",
                          j->path);
          return FALSE;
        }
      if (!pp_journal_cut (j, off, error))
        return FALSE;
      if (recovery != NULL)
        recovery->torn_bytes = size - off;
    }
  j->end = off;
  if (lseek (j->fd, (off_t) off, SEEK_SET) < 0)
    return pp_io_error (error, j->path, "seek", errno);
  return TRUE;
}

PpJournal *
pp_journal_open (const char *path, PpJournalReplayFunc replay, gpointer user_data,
                 guint64 *torn_bytes, GError **error)
{
  PpJournalRecovery recovery = { 0 };
  PpJournal *j = pp_journal_open_full (path, replay, user_data, &recovery, error);

  if (torn_bytes != NULL)
    *torn_bytes = recovery.torn_bytes;
  return j;
}

PpJournal *
pp_journal_open_full (const char *path, PpJournalReplayFunc replay, gpointer user_data,
                      PpJournalRecovery *recovery, GError **error)
{
  g_autoptr (PpJournal) j = g_new0 (PpJournal, 1);
  struct stat st;

  j->path = g_strdup (path);
  j->fd = -1;
  if (recovery != NULL)
    recovery->torn_bytes = recovery->cut_records = 0;
  j->fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (j->fd < 0)
    {
      int errsv = errno;

      if (errsv == EROFS || errsv == EACCES || errsv == EPERM)
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                     "%s: cannot open for writing: %s (the state directory must be writable:"
                     " every change is appended to its journal; to look at a state, copy it)",
                     path, g_strerror (errsv));
      else
        pp_io_error (error, path, "open", errsv);
      return NULL;
    }
  if (flock (j->fd, LOCK_EX | LOCK_NB) != 0)
    {
      int errsv = errno;

      if (errsv == EWOULDBLOCK)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                     "%s: another peerplan serve is using this state", path);
      else
        pp_io_error (error, path, "lock", errsv);
      return NULL;
    }
  if (fstat (j->fd, &st) != 0)
    {
      pp_io_error (error, path, "stat", errno);
      return NULL;
    }
  if (st.st_size == 0)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (!pp_write_all (j->fd, PP_JOURNAL_MAGIC, strlen (PP_JOURNAL_MAGIC), path, error))
        return NULL;
      if (fsync (j->fd) != 0)
        {
          pp_io_error (error, path, "sync", errno);
          return NULL;
        }
      if (!pp_fsync_dir (dir, error))
        return NULL;
    }
  if (!pp_journal_read (j, replay, user_data, recovery, error))
    return NULL;
  return g_steal_pointer (&j);
}

void
pp_journal_free (PpJournal *j)
{
  if (j == NULL)
    return;
  if (j->fd >= 0)
    close (j->fd);
  g_clear_error (&j->broken);
  g_free (j->path);
  g_free (j);
}

static gboolean
pp_journal_check (PpJournal *j, GError **error)
{
  if (j->broken != NULL)
    {
      g_propagate_error (error, g_error_copy (j->broken));
      return FALSE;
    }
  return TRUE;
}

gboolean
pp_journal_append (PpJournal *j, const char *payload, gsize len, guint64 *seq,
                   GError **error)
{
  char sum[17];
  g_autoptr (GString) rec = NULL;
  GError *local = NULL;

  if (!pp_journal_check (j, error))
    return FALSE;
  g_return_val_if_fail (memchr (payload, '\n', len) == NULL, FALSE);
  if (len > PP_JOURNAL_MAX_RECORD)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   "%s: a record of %" G_GSIZE_FORMAT " bytes is too large", j->path, len);
      return FALSE;
    }
  pp_record_sum (payload, len, sum);
  rec = g_string_sized_new (len + 28);
  g_string_append_printf (rec, "%08x %s ", (guint) len, sum);
  g_string_append_len (rec, payload, (gssize) len);
  g_string_append_c (rec, '\n');
  if (!pp_write_all (j->fd, rec->str, rec->len, j->path, &local))
    {
      /* A part of the record may now sit at the end: cut it off again if
       * the file system lets us (a full disk does), else the next opening
       * finds it as a torn tail.  Nothing more may follow it: the journal
       * is broken from now on. */
      if (ftruncate (j->fd, (off_t) j->end) == 0)
        (void) lseek (j->fd, (off_t) j->end, SEEK_SET);
      j->broken = g_error_copy (local);
      g_propagate_error (error, local);
      return FALSE;
    }
  j->end += rec->len;
  j->appended++;
  if (seq != NULL)
    *seq = j->appended;
  return TRUE;
}

gboolean
pp_journal_sync (PpJournal *j, GError **error)
{
  guint64 target = j->appended;

  if (!pp_journal_check (j, error))
    return FALSE;
  if (fdatasync (j->fd) != 0)
    {
      pp_io_error (&j->broken, j->path, "sync", errno);
      return pp_journal_check (j, error);
    }
  j->durable = MAX (j->durable, target);
  return TRUE;
}

typedef struct {
  int fd;
  guint64 target;
} PpSyncJob;

static void
pp_sync_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PpSyncJob *job = task_data;

  (void) source;
  (void) cancellable;
  if (fdatasync (job->fd) != 0)
    {
      int errsv = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errsv),
                               "cannot sync the journal: %s", g_strerror (errsv));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
pp_journal_sync_async (PpJournal *j, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, NULL, callback, user_data);
  PpSyncJob *job = g_new (PpSyncJob, 1);

  job->fd = j->fd;
  job->target = j->appended;
  g_task_set_source_tag (task, pp_journal_sync_async);
  g_task_set_task_data (task, job, g_free);
  if (j->broken != NULL)
    {
      g_task_return_error (task, g_error_copy (j->broken));
      return;
    }
  g_task_run_in_thread (task, pp_sync_thread);
}

gboolean
pp_journal_sync_finish (PpJournal *j, GAsyncResult *result, guint64 *durable, GError **error)
{
  PpSyncJob *job = g_task_get_task_data (G_TASK (result));
  GError *local = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &local))
    {
      if (j->broken == NULL)
        j->broken = g_error_copy (local);
      g_propagate_error (error, local);
      return FALSE;
    }
  j->durable = MAX (j->durable, job->target);
  if (durable != NULL)
    *durable = j->durable;
  return TRUE;
}

guint64
pp_journal_appended (PpJournal *j)
{
  return j->appended;
}

guint64
pp_journal_durable (PpJournal *j)
{
  return j->durable;
}

guint64
pp_journal_replayed (PpJournal *j)
{
  return j->replayed;
}
