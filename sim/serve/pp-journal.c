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

/* Parses the record at @p (at most @avail bytes); returns its total length,
 * or 0 if it is not a whole, valid record. */
static gsize
pp_record_parse (const char *p, gsize avail, const char **payload, gsize *payload_len)
{
  char len_hex[9], sum[17];
  guint64 len;
  char *end = NULL;

  if (avail < 8 + 1 + 16 + 1 + 1 || p[8] != ' ' || p[25] != ' ')
    return 0;
  memcpy (len_hex, p, 8);
  len_hex[8] = '\0';
  for (int i = 0; i < 8; i++)
    if (!g_ascii_isxdigit (len_hex[i]))
      return 0;
  len = g_ascii_strtoull (len_hex, &end, 16);
  if (len > PP_JOURNAL_MAX_RECORD || avail - 27 < len || p[26 + len] != '\n')
    return 0;
  pp_record_sum (p + 26, len, sum);
  if (memcmp (sum, p + 9, 16) != 0)
    return 0;
  *payload = p + 26;
  *payload_len = len;
  return 26 + len + 1;
}

static gboolean
pp_journal_read (PpJournal *j, PpJournalReplayFunc replay, gpointer user_data,
                 guint64 *torn_bytes, GError **error)
{
  g_autoptr (GMappedFile) map = NULL;
  const char *data;
  gsize size, off = strlen (PP_JOURNAL_MAGIC);

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
                     "%s: not a peerplan journal", j->path);
      return FALSE;
    }
  while (off < size)
    {
      const char *payload;
      gsize payload_len;
      gsize n = pp_record_parse (data + off, size - off, &payload, &payload_len);

      if (n == 0)
        break;
      if (replay != NULL && !replay (payload, payload_len, user_data, error))
        {
          g_prefix_error (error, "%s: record %" G_GUINT64_FORMAT ": ", j->path,
                          j->replayed + 1);
          return FALSE;
        }
      j->replayed++;
      off += n;
    }
  if (off < size)
    {
      /* A torn tail: keep it aside, then cut it off durably. */
      g_autofree char *aside = g_strdup_printf ("%s.torn-%" G_GSIZE_FORMAT, j->path, off);
      g_autofree char *dir = g_path_get_dirname (j->path);

      if (!g_file_set_contents_full (aside, data + off, (gssize) (size - off),
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
        return FALSE;
      if (ftruncate (j->fd, (off_t) off) != 0)
        return pp_io_error (error, j->path, "truncate", errno);
      if (fsync (j->fd) != 0)
        return pp_io_error (error, j->path, "sync", errno);
      if (!pp_fsync_dir (dir, error))
        return FALSE;
      if (torn_bytes != NULL)
        *torn_bytes = size - off;
    }
  if (lseek (j->fd, 0, SEEK_END) < 0)
    return pp_io_error (error, j->path, "seek", errno);
  return TRUE;
}

PpJournal *
pp_journal_open (const char *path, PpJournalReplayFunc replay, gpointer user_data,
                 guint64 *torn_bytes, GError **error)
{
  g_autoptr (PpJournal) j = g_new0 (PpJournal, 1);
  struct stat st;

  j->path = g_strdup (path);
  if (torn_bytes != NULL)
    *torn_bytes = 0;
  j->fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (j->fd < 0)
    {
      pp_io_error (error, path, "open", errno);
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
  if (!pp_journal_read (j, replay, user_data, torn_bytes, error))
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
      /* A partial record may now sit at the end: nothing more may follow
       * it, or it would break the journal for the next opening. */
      j->broken = g_error_copy (local);
      g_propagate_error (error, local);
      return FALSE;
    }
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
