/* SPDX-License-Identifier: MIT */
/* pp-serve.h: `peerplan serve`, the local Alibaba Cloud VPC API endpoint.
 *
 * A PpServe is one libsoup-3 server in front of one engine (sim/pp-engine.h).
 * It answers the RPC-style API of Vpc 2016-04-28 and VpcPeer 2022-01-01 on
 * `/` (GET or POST; query and form body merged; the action and version from
 * the parameters or the x-acs-action / x-acs-version headers), after
 * authenticating every request (pp-sign.h) with the AccessKey pairs of the
 * scenario's accounts; the key decides the calling account.  Answers are the
 * engine's JSON; errors carry the real HTTP status and
 * {RequestId, HostId, Code, Message, Recommend}.
 *
 * Besides the API: GET /_peerplan/health, GET /_peerplan/scenario (the
 * current state as scenario XML; AccessKey pairs only with
 * ?access-keys=include), POST /_peerplan/advance?seconds=N (up to
 * PP_SERVE_CLOCK_MAX) and POST /_peerplan/settle (move the simulated
 * clock); they answer only to our own Host and refuse cross-origin
 * requests (docs/serve.md).  Every answer closes its connection.
 *
 * Durability: with a state directory every engine call (the engine is
 * deterministic, so reads count too) and every clock move is appended to a
 * journal and synced before its answer is released; on start the journal is
 * replayed into a fresh engine built from the same scenario and seed.  See
 * docs/serve.md for the state directory's layout and format version.
 *
 * Everything runs in the thread-default main context of the caller of
 * pp_serve_new(); nothing prints.
 */
#pragma once

#include <glib.h>
#include "sim/pp-engine.h"

G_BEGIN_DECLS

#define PP_SERVE_STATE_VERSION 1
#define PP_SERVE_DEFAULT_SEED PP_ENGINE_DEFAULT_SEED
#define PP_SERVE_MAX_BODY (1024u * 1024)      /* request body, bytes */
#define PP_SERVE_DEFAULT_REQUEST_TIMEOUT 30u /* seconds from the accept to a whole request */
#define PP_SERVE_MAX_QUERY (32u * 1024)       /* query string, bytes (libsoup drops request lines past ~64 KiB) */
/* The simulated clock is never advanced past this (9990-01-01T00:00:00Z):
 * every time the engine writes, a 3-year subscription's end date included,
 * stays before year 9999 and representable. */
#define PP_SERVE_CLOCK_MAX G_GINT64_CONSTANT (253086768000)
#define PP_SERVE_CLOCK_MAX_ISO "9990-01-01T00:00:00Z"

typedef struct {
  /* The starting scenario: its XML and the name messages use.  NULL with a
   * state directory that already holds one; NULL without one means the
   * bundled article scenario. */
  GBytes *scenario_xml;
  const char *scenario_name;
  /* "127.0.0.1:0" when NULL: loopback, a free port. */
  const char *listen;
  const char *state_dir;      /* NULL = state in memory only */
  guint64 seed;               /* engine seed for a new state */
  gboolean seed_set;          /* FALSE = PP_SERVE_DEFAULT_SEED */
  /* 0, or the byte offset of the journal's damaged record, as the refusal
   * names it: the journal is copied aside and cut there (pp-journal.h). */
  guint64 recover_journal_at;
  /* Seconds a connection has, from its accept, to send one whole request
   * (headers and body) before it is closed; 0 =
   * PP_SERVE_DEFAULT_REQUEST_TIMEOUT. */
  guint request_timeout;
} PpServeOptions;

typedef struct {
  const char *id;             /* "A" */
  const char *uid;            /* 16 digits */
  const char *access_key_id;
  const char *access_key_secret;
  gboolean generated;         /* the pair was generated (not in the scenario) */
} PpServeAccount;

typedef struct _PpServe PpServe;

/**
 * pp_serve_new:
 *
 * Loads (or, with an existing state directory, recovers) the state and
 * starts listening.  Errors: PP_MODEL_ERROR for a scenario that does not
 * load, PP_SIM_ERROR_INVALID_SCENARIO for one the engine cannot hold,
 * PP_SERVE_ERROR_STATE for the state directory (unreadable, locked by
 * another server, another format version, created from another scenario,
 * an edited scenario.xml, a corrupt journal or one that does not replay)
 * and PP_SERVE_ERROR_LISTEN for an address that cannot be bound; all of
 * them input errors (pp_error_is_input()), each with its own message.
 *
 * Returns: (transfer full) the running server, or NULL.
 */
PpServe    *pp_serve_new (const PpServeOptions *opts, GError **error);
/* Stops listening, waits for pending syncs, frees everything. */
void        pp_serve_free (PpServe *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpServe, pp_serve_free)

/* "http://127.0.0.1:PORT" (transfer none). */
const char *pp_serve_url (PpServe *s);
/* The accounts, in scenario order (transfer none; array of PpServeAccount). */
GArray     *pp_serve_accounts (PpServe *s);
/* Journal records replayed at start, bytes of a torn tail cut off, and
 * records dropped by recover_journal_at. */
guint64     pp_serve_replayed (PpServe *s);
guint64     pp_serve_torn_bytes (PpServe *s);
guint64     pp_serve_cut_records (PpServe *s);
/* The engine (transfer none), for tests. */
PpEngine   *pp_serve_engine (PpServe *s);

G_END_DECLS
