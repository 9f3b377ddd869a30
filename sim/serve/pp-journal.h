/* SPDX-License-Identifier: MIT */
/* pp-journal.h: an append-only, checksummed, fsync'd log of records.
 *
 * The durable half of `peerplan serve --state DIR`.  The file starts with
 * the line "peerplan-journal 1"; each record is one line
 *   LEN SUM PAYLOAD\n
 * where LEN is the payload's length in bytes (8 hex digits), SUM the first
 * 16 hex digits of its SHA-256, and PAYLOAD one line of text (serve writes
 * compact JSON, which never holds a raw newline).
 *
 * Appends only write(2); pp_journal_sync() / pp_journal_sync_async() make
 * everything appended so far durable (fdatasync) and report the sequence
 * number that is now safe.  A record counts only once it has been synced,
 * and serve answers a request only after the record of its call is durable,
 * so a crash can lose nothing that was acknowledged.
 *
 * Opening reads every record in order and tells a torn write from
 * corruption:
 *  - a torn tail is an unterminated last record: the bytes after the last
 *    whole record hold no newline and are a beginning of a record (a cut
 *    length, header or payload, never past the length its header
 *    announces), possibly followed by zero bytes.  Only a
 *    write that was never synced (never acknowledged) leaves one, so it is
 *    cut off: the bytes are first kept in "PATH.torn-OFFSET" (durably), then
 *    the file is truncated to the last whole record;
 *  - anything else that is not a whole, valid record (a checksum or length
 *    that does not match, a damaged header, a newline missing where a record
 *    ends, a record that is whole but damaged at the very end) is corruption:
 *    opening fails (G_IO_ERROR_INVALID_DATA) naming the file, the byte
 *    offset, the record number and how many whole records follow it, and
 *    nothing is written, moved or truncated.  Only when the caller passes
 *    that very offset as @recover_at is the whole journal first copied to
 *    "PATH.corrupt-OFFSET" (durably), then cut at the offset.
 * Hex digits are lower-case only, as written: a flipped case is damage.
 * The journal is locked (flock) while open: a second server on the same
 * state is refused.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PP_JOURNAL_MAGIC "peerplan-journal 1\n"
#define PP_JOURNAL_MAX_RECORD (16u * 1024 * 1024)

typedef struct _PpJournal PpJournal;

/* Called for each whole record in order; returning FALSE (with @error) stops
 * the opening, which then fails with that error, prefixed with the file,
 * the record number and its byte offset. */
typedef gboolean (*PpJournalReplayFunc) (const char *payload, gsize len,
                                         gpointer user_data, GError **error);

/* What opening found and did. */
typedef struct {
  guint64 recover_at;         /* in: 0, or the offset of the damaged record to cut at */
  guint64 torn_bytes;         /* out: bytes of a torn tail cut off */
  guint64 cut_records;        /* out: records dropped by @recover_at (the damaged one included) */
} PpJournalRecovery;

/**
 * pp_journal_open:
 * @path: the journal file; created (with its magic line, synced) if absent.
 * @replay: (nullable) called for each record already in the file.
 * @torn_bytes: (out) (optional) how many bytes of a torn tail were cut.
 *
 * pp_journal_open_full() without recovery.
 */
PpJournal *pp_journal_open (const char *path, PpJournalReplayFunc replay,
                            gpointer user_data, guint64 *torn_bytes,
                            GError **error);
/**
 * pp_journal_open_full:
 * @path: the journal file; created (with its magic line, synced) if absent.
 * @replay: (nullable) called for each record already in the file.
 * @recovery: (nullable) (inout) what to recover, and what was recovered.
 *
 * Returns: (transfer full) the open journal, or NULL with a G_IO_ERROR:
 * cannot open or write, lock held by another process (BUSY), not a journal
 * or corrupt (INVALID_DATA), unknown version (NOT_SUPPORTED), a @recover_at
 * that is not the offset of the first damaged record (INVALID_ARGUMENT);
 * or @replay's error.
 */
PpJournal *pp_journal_open_full (const char *path, PpJournalReplayFunc replay,
                                 gpointer user_data, PpJournalRecovery *recovery,
                                 GError **error);
void       pp_journal_free (PpJournal *j);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpJournal, pp_journal_free)

/* Appends one record (@payload must not hold '\n'); @seq receives its
 * sequence number (1, 2, ... counting records written since opening).  On
 * a write error (disk full, ...) what was written of the record is cut off
 * again where the file system lets us, and the journal is broken: every
 * later call fails too. */
gboolean   pp_journal_append (PpJournal *j, const char *payload, gsize len,
                              guint64 *seq, GError **error);
/* Makes every appended record durable. */
gboolean   pp_journal_sync (PpJournal *j, GError **error);
/* The same in a worker thread; appends may go on meanwhile. */
void       pp_journal_sync_async (PpJournal *j, GAsyncReadyCallback callback,
                                  gpointer user_data);
/* @durable receives the highest sequence number now on disk. */
gboolean   pp_journal_sync_finish (PpJournal *j, GAsyncResult *result,
                                   guint64 *durable, GError **error);
guint64    pp_journal_appended (PpJournal *j);
guint64    pp_journal_durable (PpJournal *j);
/* Records read at opening. */
guint64    pp_journal_replayed (PpJournal *j);

/* fsync()s the directory @dir, so a created or renamed entry is durable. */
gboolean   pp_fsync_dir (const char *dir, GError **error);

G_END_DECLS
