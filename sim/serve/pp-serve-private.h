/* SPDX-License-Identifier: MIT */
/* pp-serve-private.h: what the files of `peerplan serve` share.
 *
 * The server is four files around one PpServe:
 *   pp-serve.c          the object: listening, accepting, start, stop;
 *   pp-serve-request.c  the request flow: refusals before the body, the API
 *                       handler (decode, authenticate, call the engine),
 *                       answers held until their journal record is synced;
 *   pp-serve-state.c    the state directory: journal records, their replay
 *                       at start, the scenario and keys kept beside them;
 *   pp-serve-admin.c    the /_peerplan/ endpoints (health, scenario export,
 *                       the clock) and the checks that keep browsers out.
 * Nothing here is public: sim/cli sees only pp-serve.h.
 */
#pragma once

#include "sim/serve/pp-serve.h"
#include "sim/serve/pp-journal.h"
#include "sim/serve/pp-params.h"
#include "sim/serve/pp-serve-error.h"
#include "model/pp-number.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* An answer held until the journal record it depends on is synced. */
typedef struct {
  PpServe *serve;
  SoupServerMessage *msg;     /* NULL once the client is gone */
  gulong finished_id;
  guint64 seq;
} PpPending;

struct _PpServe {
  PpEngine *engine;
  PpScenario *scenario;
  GArray *accounts;           /* PpServeAccount; strings in `strings` */
  GStringChunk *strings;
  guint64 seed;
  SoupServer *server;
  GSocketService *service;    /* accepts the connections (pp_serve_incoming) */
  GInetAddress *listen_addr;
  guint16 port;
  char *url;
  char *state_dir;
  PpJournal *journal;
  guint64 replayed;
  PpJournalRecovery recovery;
  GQueue pending;             /* PpPending *, by seq */
  gboolean syncing;
  GError *failed;             /* the journal broke: answer 503 */
  GHashTable *nonces;         /* key -> PpNonce * (owned by nonce_order) */
  GQueue nonce_order;         /* PpNonce *, oldest first */
  guint request_timeout;      /* seconds from the accept to a whole request */
};

/* --- pp-serve.c --------------------------------------------------------- */

/* The whole request of @msg arrived: its connection's deadline is off. */
void pp_serve_request_arrived (SoupServerMessage *msg);

/* --- pp-serve-request.c ------------------------------------------------- */

/* libsoup's handlers: before the body (sizes, lengths) and after it. */
void pp_early_handler (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer user_data);
void pp_serve_handler (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer user_data);
/* Answers: @node, or the real error shape (pp_api_error_body()); each
 * replaces whatever answer was set before. */
void pp_set_json (SoupServerMessage *msg, guint status, JsonNode *node);
void pp_set_error (SoupServerMessage *msg, const char *version, const GError *error);
void pp_set_error_literal (SoupServerMessage *msg, const char *version, PpServeError code, const char *message);
/* Journals @record and holds the answer already set on @msg until it is on
 * disk (at once without a journal). */
void pp_commit (PpServe *s, SoupServerMessage *msg, const char *record);
/* Answers 503 and returns TRUE once the state directory has failed. */
gboolean pp_refuse_if_failed (PpServe *s, SoupServerMessage *msg);
/* The nonce window: FALSE if @nonce of @access_key_id was seen in it. */
gboolean pp_nonces_add (PpServe *s, const char *access_key_id, const char *nonce, gint64 now);
void pp_nonce_free (gpointer data);

/* --- pp-serve-state.c --------------------------------------------------- */

/* Loads or recovers the state (scenario, accounts, journal replayed). */
gboolean pp_serve_setup (PpServe *s, const PpServeOptions *opts, GError **error);
/* Journal records: one engine call, one clock move ("advance", "settle"). */
char *pp_record_call (const char *uid, const char *version, const char *action, const PpParams *params, const PpApiResult *r, const char *access_key_id, const char *nonce, gint64 wall);
char *pp_record_clock (const char *what, guint64 seconds);
/* TRUE for the signing parameters that are not the engine's. */
gboolean pp_is_protocol_param (const char *key);

/* --- pp-serve-admin.c --------------------------------------------------- */

gboolean pp_admin_allowed (PpServe *s, SoupServerMessage *msg, const char **why);
void pp_set_admin_error (SoupServerMessage *msg, guint status, const char *message);
void pp_serve_health (PpServe *s, SoupServerMessage *msg);
void pp_serve_scenario (PpServe *s, SoupServerMessage *msg);
void pp_serve_clock (PpServe *s, SoupServerMessage *msg, gboolean settle);

G_END_DECLS
