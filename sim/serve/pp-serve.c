/* SPDX-License-Identifier: MIT */
/* pp-serve.c: the HTTP face of the engine (`peerplan serve`).
 *
 * DOC: request flow.  Every API request goes: size checks (early handler,
 * before the body is read) -> decode the query and the form body into one
 * PpParams -> authenticate (pp-sign.c; unknown key, signature, time window,
 * nonce) -> resolve action and version -> pp_engine_call() -> JSON body ->
 * (with --state) journal record, sync, and only then the answer.  Each step
 * that refuses answers the real error shape; nothing reaches the engine
 * before the caller is authenticated, and nothing the engine did is answered
 * before it is durable.
 *
 * DOC: durability.  The engine is deterministic and counts every call, so
 * the journal holds every call (reads too) and every clock move, in order.
 * Answers wait (the message is paused) until a sync covering their record
 * has completed; syncs run in a worker thread, and requests that arrive
 * meanwhile are processed and wait for the next sync (group commit).  If a
 * write or sync fails, the in-memory state is ahead of the disk: the server
 * then answers 503 to everything until restarted (restart replays what is
 * on disk).
 */
#include "sim/serve/pp-serve.h"
#include "sim/serve/pp-journal.h"
#include "sim/serve/pp-params.h"
#include "sim/serve/pp-serve-error.h"
#include "sim/serve/pp-sign.h"
#include "model/pp-data.h"
#include "model/pp-scenario-xml.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#define PP_NONCE_MAX (1u << 20)       /* nonces remembered at most */
#define PP_NONCE_MAX_LEN 256
#define PP_STATE_FORMAT "peerplan-serve-state"

typedef struct {
  char *key;                  /* access key id \x1f nonce */
  gint64 expires;             /* wall seconds */
} PpNonce;

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
};

/* --- small helpers ----------------------------------------------------- */

static char *
pp_request_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_ascii_strup (uuid, -1);
}

static const char *
pp_host_id (const char *version)
{
  return g_strcmp0 (version, PP_API_VERSION_VPCPEER) == 0 ? "vpcpeer.aliyuncs.com"
                                                           : "vpc.aliyuncs.com";
}

static void
pp_set_json (SoupServerMessage *msg, guint status, JsonNode *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  gsize len = 0;
  char *body;

  json_generator_set_root (gen, node);
  body = json_generator_to_data (gen, &len);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json;charset=utf-8",
                                    SOUP_MEMORY_TAKE, body, len);
}

/* Answers the real error shape for one of our own errors. */
static void
pp_set_error (SoupServerMessage *msg, const char *version, const GError *error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *rid = pp_request_id ();
  PpServeError code = error->domain == PP_SERVE_ERROR ? (PpServeError) error->code
                                                       : PP_SERVE_ERROR_INTERNAL;
  const char *api_code = pp_serve_error_api_code (code);
  g_autofree char *recommend = NULL;

  recommend = g_strdup_printf ("https://api.aliyun.com/troubleshoot?q=%s&product=%s&requestId=%s",
                               api_code,
                               g_strcmp0 (version, PP_API_VERSION_VPCPEER) == 0 ? "VpcPeer" : "Vpc",
                               rid);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "RequestId");
  json_builder_add_string_value (b, rid);
  json_builder_set_member_name (b, "HostId");
  json_builder_add_string_value (b, pp_host_id (version));
  json_builder_set_member_name (b, "Code");
  json_builder_add_string_value (b, api_code);
  json_builder_set_member_name (b, "Message");
  json_builder_add_string_value (b, error->message);
  json_builder_set_member_name (b, "Recommend");
  json_builder_add_string_value (b, recommend);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  pp_set_json (msg, pp_serve_error_http_status (code), node);
}

static void
pp_set_error_literal (SoupServerMessage *msg, const char *version, PpServeError code,
                      const char *message)
{
  g_autoptr (GError) error = g_error_new_literal (PP_SERVE_ERROR, code, message);

  pp_set_error (msg, version, error);
}

/* --- the nonce window -------------------------------------------------- */

static void
pp_nonce_free (gpointer data)
{
  PpNonce *n = data;

  g_free (n->key);
  g_free (n);
}

static void
pp_nonces_prune (PpServe *s, gint64 now)
{
  PpNonce *n;

  while ((n = g_queue_peek_head (&s->nonce_order)) != NULL
         && (n->expires <= now || s->nonce_order.length > PP_NONCE_MAX))
    {
      g_queue_pop_head (&s->nonce_order);
      g_hash_table_remove (s->nonces, n->key);
      pp_nonce_free (n);
    }
}

/* Remembers @nonce of @access_key_id; FALSE if it was seen in the window. */
static gboolean
pp_nonces_add (PpServe *s, const char *access_key_id, const char *nonce, gint64 now)
{
  PpNonce *n;
  g_autofree char *key = g_strconcat (access_key_id, "\x1f", nonce, NULL);

  pp_nonces_prune (s, now);
  if (g_hash_table_contains (s->nonces, key))
    return FALSE;
  n = g_new (PpNonce, 1);
  n->key = g_steal_pointer (&key);
  /* A request with this nonce carries a time within the window of now, so
   * it can be accepted again until 2 windows from now at the latest. */
  n->expires = now + 2 * PP_SIGN_WINDOW_SECONDS;
  g_queue_push_tail (&s->nonce_order, n);
  g_hash_table_insert (s->nonces, n->key, n);
  return TRUE;
}

/* --- journal records ---------------------------------------------------- */

static const char *const pp_protocol_params[] = {
  "AccessKeyId", "Action", "Format", "SecurityToken", "Signature",
  "SignatureMethod", "SignatureNonce", "SignatureType", "SignatureVersion",
  "Timestamp", "Version", NULL,
};

static gboolean
pp_is_protocol_param (const char *key)
{
  return g_strv_contains (pp_protocol_params, key);
}

/* The record of one engine call. */
static char *
pp_record_call (const char *uid, const char *version, const char *action,
                const PpParams *params, const PpApiResult *r,
                const char *access_key_id, const char *nonce, gint64 wall)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GPtrArray) sorted = pp_params_sorted (params);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "t");
  json_builder_add_string_value (b, "call");
  json_builder_set_member_name (b, "uid");
  json_builder_add_string_value (b, uid);
  json_builder_set_member_name (b, "ver");
  json_builder_add_string_value (b, version);
  json_builder_set_member_name (b, "act");
  json_builder_add_string_value (b, action);
  json_builder_set_member_name (b, "p");
  json_builder_begin_object (b);
  for (guint i = 0; i < sorted->len; i++)
    {
      const PpParam *p = g_ptr_array_index (sorted, i);

      if (pp_is_protocol_param (p->key))
        continue;
      json_builder_set_member_name (b, p->key);
      json_builder_add_string_value (b, p->value);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "rid");
  json_builder_add_string_value (b, r->request_id);
  json_builder_set_member_name (b, "code");
  if (r->code != NULL)
    json_builder_add_string_value (b, r->code);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "ak");
  json_builder_add_string_value (b, access_key_id);
  json_builder_set_member_name (b, "nonce");
  json_builder_add_string_value (b, nonce);
  json_builder_set_member_name (b, "wall");
  json_builder_add_int_value (b, wall);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  return json_to_string (node, FALSE);
}

static char *
pp_record_clock (const char *what, guint64 seconds)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "t");
  json_builder_add_string_value (b, what);
  if (strcmp (what, "advance") == 0)
    {
      json_builder_set_member_name (b, "s");
      json_builder_add_int_value (b, (gint64) seconds);
    }
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  return json_to_string (node, FALSE);
}

#define PP_REPLAY_MAX_DEPTH 16      /* records nest 2 deep */

static gboolean
pp_replay_bad (GError **error, const char *why)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "%s (the record's checksum is right, so peerplan did not write it: "
               "restore the state directory from a backup)", why);
  return FALSE;
}

/* TRUE if the JSON text nests arrays and objects at most @max deep, found
 * before any parser sees it (json-glib recurses once per level). */
static gboolean
pp_json_depth_ok (const char *p, gsize len, guint max)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = p[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > max)
            return FALSE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return TRUE;
}

/* Member @name of @o if it holds a value of @type (G_TYPE_STRING,
 * G_TYPE_INT64) or, with @nullable, null; NULL (with @error) otherwise. */
static JsonNode *
pp_replay_member (JsonObject *o, const char *name, GType type, gboolean nullable,
                  GError **error)
{
  JsonNode *n = json_object_get_member (o, name);
  g_autofree char *why = NULL;

  if (n != NULL && nullable && JSON_NODE_HOLDS_NULL (n))
    return n;
  if (n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == type)
    return n;
  why = g_strdup_printf ("member \"%s\" %s, not %s", name, n == NULL ? "is missing" : "has the wrong type",
                         type == G_TYPE_STRING ? "a string" : "an integer");
  pp_replay_bad (error, why);
  return NULL;
}

static const char *
pp_replay_string (JsonObject *o, const char *name, gboolean nullable, GError **error)
{
  JsonNode *n = pp_replay_member (o, name, G_TYPE_STRING, nullable, error);

  return n != NULL && !JSON_NODE_HOLDS_NULL (n) ? json_node_get_string (n) : NULL;
}

/* Replays a call record into the engine. */
static gboolean
pp_replay_call (PpServe *s, JsonObject *o, GError **error)
{
  const char *uid, *ver, *act, *rid, *code, *ak = NULL, *nonce = NULL;
  JsonNode *code_node, *p_node;
  JsonObject *p;
  gint64 wall = 0;
  g_autoptr (GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (PpApiResult) r = NULL;
  g_autoptr (GList) members = NULL;

  if ((uid = pp_replay_string (o, "uid", FALSE, error)) == NULL
      || (ver = pp_replay_string (o, "ver", FALSE, error)) == NULL
      || (act = pp_replay_string (o, "act", FALSE, error)) == NULL
      || (rid = pp_replay_string (o, "rid", FALSE, error)) == NULL
      || (code_node = pp_replay_member (o, "code", G_TYPE_STRING, TRUE, error)) == NULL)
    return FALSE;
  code = JSON_NODE_HOLDS_NULL (code_node) ? NULL : json_node_get_string (code_node);
  p_node = json_object_get_member (o, "p");
  if (p_node == NULL || !JSON_NODE_HOLDS_OBJECT (p_node))
    return pp_replay_bad (error, "member \"p\" is not an object");
  p = json_node_get_object (p_node);
  /* ak, nonce and wall only restore nonces: optional. */
  if (json_object_has_member (o, "ak") && json_object_has_member (o, "nonce"))
    {
      JsonNode *w;

      if ((ak = pp_replay_string (o, "ak", FALSE, error)) == NULL
          || (nonce = pp_replay_string (o, "nonce", FALSE, error)) == NULL
          || (w = pp_replay_member (o, "wall", G_TYPE_INT64, FALSE, error)) == NULL)
        return FALSE;
      wall = json_node_get_int (w);
    }
  members = json_object_get_members (p);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *value = pp_replay_string (p, l->data, FALSE, error);

      if (value == NULL)
        return FALSE;
      g_hash_table_insert (params, l->data, (gpointer) value);
    }
  r = pp_engine_call (s->engine, uid, ver, act, params);
  if (g_strcmp0 (r->code, code) != 0 || g_strcmp0 (r->request_id, rid) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s was answered %s (RequestId %s) but replays as %s (RequestId %s); "
                   "the state was written by a different engine",
                   act, code != NULL ? code : "success", rid,
                   r->code != NULL ? r->code : "success", r->request_id);
      return FALSE;
    }
  if (ak != NULL && nonce != NULL)
    {
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;

      if (wall + 2 * PP_SIGN_WINDOW_SECONDS > now)
        (void) pp_nonces_add (s, ak, nonce, wall);
    }
  return TRUE;
}

/* Replays one record into the engine (journal open).  Every member is
 * checked for its type before it is read: a record that the checksum lets
 * through but that peerplan did not write is refused with a message. */
static gboolean
pp_replay_record (const char *payload, gsize len, gpointer user_data, GError **error)
{
  PpServe *s = user_data;
  g_autoptr (JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *o;
  const char *t;

  if (!pp_json_depth_ok (payload, len, PP_REPLAY_MAX_DEPTH))
    {
      g_autofree char *why = g_strdup_printf ("JSON nested more than %d deep",
                                              PP_REPLAY_MAX_DEPTH);

      return pp_replay_bad (error, why);
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, payload, (gssize) len, error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return pp_replay_bad (error, "not a JSON object");
  o = json_node_get_object (root);
  if ((t = pp_replay_string (o, "t", FALSE, error)) == NULL)
    return FALSE;
  if (strcmp (t, "advance") == 0)
    {
      JsonNode *sec = pp_replay_member (o, "s", G_TYPE_INT64, FALSE, error);

      if (sec == NULL)
        return FALSE;
      if (json_node_get_int (sec) < 0)
        return pp_replay_bad (error, "advance by a negative number of seconds");
      pp_engine_advance (s->engine, (guint64) json_node_get_int (sec));
      return TRUE;
    }
  if (strcmp (t, "settle") == 0)
    {
      pp_engine_settle (s->engine);
      return TRUE;
    }
  if (strcmp (t, "call") == 0)
    return pp_replay_call (s, o, error);
  return pp_replay_bad (error, "unknown record type");
}

/* --- answering after the sync ------------------------------------------ */

static void pp_serve_kick_sync (PpServe *s);

static void
pp_pending_finished (SoupServerMessage *msg, gpointer user_data)
{
  PpPending *p = user_data;

  (void) msg;
  /* The client went away while we waited for the sync. */
  g_signal_handler_disconnect (p->msg, p->finished_id);
  g_clear_object (&p->msg);
}

static void
pp_pending_release (PpPending *p, const GError *failure)
{
  if (p->msg != NULL)
    {
      if (failure != NULL)
        pp_set_error_literal (p->msg, NULL, PP_SERVE_ERROR_INTERNAL,
                              "The change could not be made durable; it may or may not "
                              "survive a restart. The server now refuses requests.");
      g_signal_handler_disconnect (p->msg, p->finished_id);
      soup_server_message_unpause (p->msg);
      g_clear_object (&p->msg);
    }
  g_free (p);
}

static void
pp_synced (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PpServe *s = user_data;
  g_autoptr (GError) error = NULL;
  guint64 durable = 0;
  PpPending *p;

  (void) source;
  s->syncing = FALSE;
  if (!pp_journal_sync_finish (s->journal, result, &durable, &error))
    {
      if (s->failed == NULL)
        s->failed = g_error_copy (error);
      while ((p = g_queue_pop_head (&s->pending)) != NULL)
        pp_pending_release (p, error);
      return;
    }
  while ((p = g_queue_peek_head (&s->pending)) != NULL && p->seq <= durable)
    pp_pending_release (g_queue_pop_head (&s->pending), NULL);
  pp_serve_kick_sync (s);
}

static void
pp_serve_kick_sync (PpServe *s)
{
  if (s->syncing || s->failed != NULL
      || pp_journal_durable (s->journal) >= pp_journal_appended (s->journal))
    return;
  s->syncing = TRUE;
  pp_journal_sync_async (s->journal, pp_synced, s);
}

/* Journals @record; the answer already set on @msg is held until it is on
 * disk.  Without a journal the answer goes at once. */
static void
pp_commit (PpServe *s, SoupServerMessage *msg, const char *record)
{
  g_autoptr (GError) error = NULL;
  PpPending *p;
  guint64 seq = 0;

  if (s->journal == NULL)
    return;
  if (!pp_journal_append (s->journal, record, strlen (record), &seq, &error))
    {
      if (s->failed == NULL)
        s->failed = g_error_copy (error);
      pp_set_error_literal (msg, NULL, PP_SERVE_ERROR_INTERNAL,
                            "The change could not be written to the journal; it may or "
                            "may not survive a restart. The server now refuses requests.");
      return;
    }
  p = g_new0 (PpPending, 1);
  p->serve = s;
  p->msg = g_object_ref (msg);
  p->seq = seq;
  p->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (pp_pending_finished), p);
  soup_server_message_pause (msg);
  g_queue_push_tail (&s->pending, p);
  pp_serve_kick_sync (s);
}

static gboolean
pp_refuse_if_failed (PpServe *s, SoupServerMessage *msg)
{
  g_autofree char *message = NULL;

  if (s->failed == NULL)
    return FALSE;
  message = g_strdup_printf ("The state directory failed (%s); restart the server.",
                             s->failed->message);
  pp_set_error_literal (msg, NULL, PP_SERVE_ERROR_UNAVAILABLE, message);
  return TRUE;
}

/* --- the API handler ---------------------------------------------------- */

/* Collects the request headers under lower-case names; repeated headers are
 * joined with "," as the signing code of the SDKs does. */
static void
pp_collect_header (const char *name, const char *value, gpointer user_data)
{
  GHashTable *headers = user_data;
  g_autofree char *lower = g_ascii_strdown (name, -1);
  const char *old = g_hash_table_lookup (headers, lower);

  if (old != NULL)
    g_hash_table_insert (headers, g_steal_pointer (&lower), g_strconcat (old, ",", value, NULL));
  else
    g_hash_table_insert (headers, g_steal_pointer (&lower), g_strdup (value));
}

static const PpServeAccount *
pp_account_by_key (PpServe *s, const char *access_key_id)
{
  for (guint i = 0; i < s->accounts->len; i++)
    {
      const PpServeAccount *a = &g_array_index (s->accounts, PpServeAccount, i);

      if (g_strcmp0 (a->access_key_id, access_key_id) == 0)
        return a;
    }
  return NULL;
}

static gboolean
pp_is_form (SoupMessageHeaders *headers)
{
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  return type != NULL && g_ascii_strcasecmp (type, "application/x-www-form-urlencoded") == 0;
}

static void
pp_serve_api (PpServe *s, SoupServerMessage *msg)
{
  const char *method = soup_server_message_get_method (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  SoupMessageHeaders *req_headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *req_body = soup_server_message_get_request_body (msg);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (PpParams) query_params = pp_params_new ();
  g_autoptr (PpParams) form_params = NULL;
  g_autoptr (PpParams) params = pp_params_new ();
  g_autoptr (GHashTable) headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GError) error = NULL;
  g_auto (PpSignInfo) info = { 0 };
  g_autoptr (GHashTable) call_params = NULL;
  g_autoptr (PpApiResult) r = NULL;
  g_autoptr (GVariant) answer = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *record = NULL;
  const PpServeAccount *account;
  const char *action, *version;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  PpSignRequest req;

  if (pp_refuse_if_failed (s, msg))
    return;
  if (strcmp (method, "GET") != 0 && strcmp (method, "POST") != 0)
    {
      pp_set_error_literal (msg, NULL, PP_SERVE_ERROR_ACTION_NOT_FOUND,
                            "Specified api is not found, please check your url and method.");
      return;
    }
  body = soup_message_body_flatten (req_body);
  soup_message_headers_foreach (req_headers, pp_collect_header, headers);
  if (query != NULL
      && !pp_params_add_encoded (query_params, query, strlen (query), "query", &error))
    {
      pp_set_error (msg, NULL, error);
      return;
    }
  if (g_bytes_get_size (body) > 0)
    {
      if (!pp_is_form (req_headers))
        {
          pp_set_error_literal (msg, NULL, PP_SERVE_ERROR_INVALID_PARAMETER,
                                "The request body must be application/x-www-form-urlencoded.");
          return;
        }
      form_params = pp_params_new ();
      if (!pp_params_add_encoded (form_params, g_bytes_get_data (body, NULL),
                                  g_bytes_get_size (body), "body", &error))
        {
          pp_set_error (msg, NULL, error);
          return;
        }
    }
  if (!pp_params_merge (params, query_params, &error)
      || (form_params != NULL && !pp_params_merge (params, form_params, &error)))
    {
      pp_set_error (msg, NULL, error);
      return;
    }

  /* Who is calling? */
  req = (PpSignRequest) {
    .method = method, .path = g_uri_get_path (uri), .query = query_params,
    .form = form_params, .headers = headers,
    .body = g_bytes_get_data (body, NULL), .body_len = g_bytes_get_size (body),
  };
  if (!pp_sign_inspect (&req, &info, &error))
    {
      pp_set_error (msg, NULL, error);
      return;
    }
  account = pp_account_by_key (s, info.access_key_id);
  if (account == NULL)
    {
      pp_set_error_literal (msg, NULL, PP_SERVE_ERROR_ACCESS_KEY_NOT_FOUND,
                            "Specified access key is not found.");
      return;
    }
  if (!pp_sign_verify (&req, &info, account->access_key_secret, &error)
      || !pp_sign_check_time (&info, now, &error))
    {
      pp_set_error (msg, NULL, error);
      return;
    }
  if (strlen (info.nonce) > PP_NONCE_MAX_LEN)
    {
      pp_set_error_literal (msg, NULL, PP_SERVE_ERROR_INVALID_PARAMETER,
                            "The signature nonce is too long.");
      return;
    }
  if (!pp_nonces_add (s, info.access_key_id, info.nonce, now))
    {
      pp_set_error_literal (msg, NULL, PP_SERVE_ERROR_NONCE_USED,
                            "Specified signature nonce was used already.");
      return;
    }

  /* What does it ask?  With signature v1 only the (signed) parameters
   * count; with ACS3 the signed x-acs-* headers do too. */
  action = pp_params_get (params, "Action");
  version = pp_params_get (params, "Version");
  if (info.scheme == PP_SIGN_ACS3)
    {
      if (action == NULL)
        action = g_hash_table_lookup (headers, "x-acs-action");
      if (version == NULL)
        version = g_hash_table_lookup (headers, "x-acs-version");
    }
  if (action == NULL || *action == '\0')
    {
      pp_set_error_literal (msg, version, PP_SERVE_ERROR_MISSING_PARAMETER,
                            "The input parameter \"Action\" that is mandatory for "
                            "processing this request is not supplied.");
      return;
    }
  if (version == NULL || *version == '\0')
    {
      pp_set_error_literal (msg, NULL, PP_SERVE_ERROR_MISSING_PARAMETER,
                            "The input parameter \"Version\" that is mandatory for "
                            "processing this request is not supplied.");
      return;
    }
  if (strcmp (version, PP_API_VERSION_VPC) != 0 && strcmp (version, PP_API_VERSION_VPCPEER) != 0)
    {
      pp_set_error_literal (msg, NULL, PP_SERVE_ERROR_INVALID_VERSION,
                            "Specified parameter Version is not valid.");
      return;
    }
  if (!pp_engine_has_action (version, action))
    {
      pp_set_error_literal (msg, version, PP_SERVE_ERROR_ACTION_NOT_FOUND,
                            "Specified api is not found, please check your url and method.");
      return;
    }

  /* Act. */
  call_params = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < pp_params_size (params); i++)
    {
      const PpParam *p = pp_params_nth (params, i);

      if (!pp_is_protocol_param (p->key))
        g_hash_table_insert (call_params, p->key, p->value);
    }
  r = pp_engine_call (s->engine, account->uid, version, action, call_params);
  answer = pp_api_result_body (r);
  node = json_gvariant_serialize (answer);
  pp_set_json (msg, r->http_status, node);
  if (s->journal != NULL)
    {
      record = pp_record_call (account->uid, version, action, params, r,
                              info.access_key_id, info.nonce, now);
      pp_commit (s, msg, record);
    }
}

/* --- the admin endpoints ----------------------------------------------- */

static void
pp_set_admin_error (SoupServerMessage *msg, guint status, const char *message)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  pp_set_json (msg, status, node);
}

static void
pp_set_clock_answer (PpServe *s, SoupServerMessage *msg, guint64 moved)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *now = pp_engine_now_iso (s->engine);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "now");
  json_builder_add_string_value (b, now);
  json_builder_set_member_name (b, "advanced");
  json_builder_add_int_value (b, (gint64) moved);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  pp_set_json (msg, SOUP_STATUS_OK, node);
}

static void
pp_serve_health (PpServe *s, SoupServerMessage *msg)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *now = pp_engine_now_iso (s->engine);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, s->failed == NULL ? "ok" : "failed");
  if (s->failed != NULL)
    {
      json_builder_set_member_name (b, "error");
      json_builder_add_string_value (b, s->failed->message);
    }
  json_builder_set_member_name (b, "accounts");
  json_builder_add_int_value (b, s->accounts->len);
  json_builder_set_member_name (b, "now");
  json_builder_add_string_value (b, now);
  json_builder_set_member_name (b, "durable");
  json_builder_add_boolean_value (b, s->journal != NULL);
  if (s->journal != NULL)
    {
      json_builder_set_member_name (b, "records");
      json_builder_add_int_value (b, (gint64) (s->replayed + pp_journal_appended (s->journal)));
    }
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  pp_set_json (msg, s->failed == NULL ? SOUP_STATUS_OK : SOUP_STATUS_SERVICE_UNAVAILABLE, node);
}

/* The engine exports what exists; the starting scenario's expectations
 * (<expect-reach>) are about the same instances, so they travel along:
 * `peerplan check` on the export then says whether the pings work. */
static void
pp_serve_carry_expects (PpServe *s, PpScenario *sc)
{
  for (guint i = 0; s->scenario->expects != NULL && i < s->scenario->expects->len; i++)
    {
      const PpExpectReach *x = &g_array_index (s->scenario->expects, PpExpectReach, i);
      const PpInstance *from = pp_scenario_instance (s->scenario, x->from);
      const PpInstance *to = pp_scenario_instance (s->scenario, x->to);
      PpExpectReach copy = { 0 };

      copy.from = pp_scenario_lookup (sc, PP_KIND_INSTANCE, from->id);
      copy.to = pp_scenario_lookup (sc, PP_KIND_INSTANCE, to->id);
      copy.isolated = x->isolated;
      if (copy.from == PP_NONE || copy.to == PP_NONE)
        continue;
      g_array_append_val (sc->expects, copy);
    }
}

static void
pp_serve_scenario (PpServe *s, SoupServerMessage *msg)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PpScenario) sc = pp_engine_to_scenario (s->engine, NULL, &error);
  char *xml;

  if (sc == NULL)
    {
      pp_set_admin_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, error->message);
      return;
    }
  pp_serve_carry_expects (s, sc);
  xml = pp_scenario_to_xml (sc);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/xml;charset=utf-8", SOUP_MEMORY_TAKE,
                                    xml, strlen (xml));
}

static void
pp_serve_clock (PpServe *s, SoupServerMessage *msg, gboolean settle)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr (PpParams) q = pp_params_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *record = NULL;
  const char *query = g_uri_get_query (uri);
  guint64 seconds = 0;

  if (pp_refuse_if_failed (s, msg))
    return;
  if (query != NULL && !pp_params_add_encoded (q, query, strlen (query), "query", &error))
    {
      pp_set_admin_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
      return;
    }
  if (!settle)
    {
      const char *arg = pp_params_get (q, "seconds");

      if (arg == NULL
          || !g_ascii_string_to_unsigned (arg, 10, 0, G_MAXINT32, &seconds, NULL))
        {
          pp_set_admin_error (msg, SOUP_STATUS_BAD_REQUEST,
                              "advance needs ?seconds=N (0 to 2147483647)");
          return;
        }
      pp_engine_advance (s->engine, seconds);
      record = pp_record_clock ("advance", seconds);
    }
  else
    {
      seconds = pp_engine_settle (s->engine);
      record = pp_record_clock ("settle", 0);
    }
  pp_set_clock_answer (s, msg, seconds);
  pp_commit (s, msg, record);
}

static void
pp_serve_handler (SoupServer *server, SoupServerMessage *msg, const char *path,
                  GHashTable *query, gpointer user_data)
{
  PpServe *s = user_data;
  const char *method = soup_server_message_get_method (msg);
  gboolean get = strcmp (method, "GET") == 0;
  gboolean post = strcmp (method, "POST") == 0;

  (void) server;
  (void) query;
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  if (strcmp (path, "/") == 0)
    pp_serve_api (s, msg);
  else if (strcmp (path, "/_peerplan/health") == 0 && get)
    pp_serve_health (s, msg);
  else if (strcmp (path, "/_peerplan/scenario") == 0 && get)
    pp_serve_scenario (s, msg);
  else if (strcmp (path, "/_peerplan/advance") == 0 && post)
    pp_serve_clock (s, msg, FALSE);
  else if (strcmp (path, "/_peerplan/settle") == 0 && post)
    pp_serve_clock (s, msg, TRUE);
  else if (g_str_has_prefix (path, "/_peerplan/"))
    pp_set_admin_error (msg, SOUP_STATUS_NOT_FOUND,
                        "unknown path or method; see docs/serve.md (GET health, GET scenario, "
                        "POST advance?seconds=N, POST settle)");
  else
    pp_set_error_literal (msg, NULL, PP_SERVE_ERROR_ACTION_NOT_FOUND,
                          "Specified api is not found, please check your url and method.");
}

/* --- size limits, before the body is read -------------------------------- */

static void
pp_got_chunk (SoupServerMessage *msg, GBytes *chunk, gpointer user_data)
{
  gsize *total = user_data;

  *total += g_bytes_get_size (chunk);
  if (*total > PP_SERVE_MAX_BODY)
    {
      /* A body past the limit: there is no clean answer while it is still
       * arriving (libsoup reads it whole first), so stop reading and drop
       * the connection. */
      GSocket *sock = soup_server_message_get_socket (msg);

      if (sock != NULL)
        g_socket_shutdown (sock, TRUE, TRUE, NULL);
    }
}

static void
pp_early_handler (SoupServer *server, SoupServerMessage *msg, const char *path,
                  GHashTable *query, gpointer user_data)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  const char *q = g_uri_get_query (soup_server_message_get_uri (msg));
  GSocket *sock = soup_server_message_get_socket (msg);

  (void) server;
  (void) path;
  (void) query;
  (void) user_data;
  /* Answers go out as headers then body: without TCP_NODELAY, Nagle's
   * algorithm and the client's delayed ACK add tens of milliseconds. */
  if (sock != NULL)
    (void) g_socket_set_option (sock, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  if (q != NULL && strlen (q) > PP_SERVE_MAX_QUERY)
    {
      pp_set_error_literal (msg, NULL, PP_SERVE_ERROR_TOO_LARGE,
                            "The query string is larger than peerplan accepts (32 KiB).");
      return;
    }
  if (soup_message_headers_get_encoding (h) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (h) > PP_SERVE_MAX_BODY)
    {
      pp_set_error_literal (msg, NULL, PP_SERVE_ERROR_TOO_LARGE,
                            "The request body is larger than peerplan accepts (1 MiB).");
      return;
    }
  /* Whatever the framing, stop reading a body past the limit (a client
   * that asked "Expect: 100-continue" got the 413 above and sends none). */
  if (soup_message_headers_get_encoding (h) != SOUP_ENCODING_NONE)
    g_signal_connect_data (msg, "got-chunk", G_CALLBACK (pp_got_chunk),
                           g_new0 (gsize, 1), (GClosureNotify) (void (*) (void)) g_free, 0);
}

/* --- start-up: scenario, keys, state directory --------------------------- */

static char *
pp_random_string (GRand *rand, const char *prefix, guint n)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  GString *out = g_string_new (prefix);

  for (guint i = 0; i < n; i++)
    g_string_append_c (out, alphabet[g_rand_int_range (rand, 0, (gint32) sizeof alphabet - 1)]);
  return g_string_free (out, FALSE);
}

/* Fills s->accounts from the scenario, generating AccessKey pairs where
 * the scenario has none unless @keys (from the state) already holds them. */
static void
pp_serve_set_accounts (PpServe *s, JsonObject *keys)
{
  g_autoptr (GRand) rand = g_rand_new ();

  for (guint i = 0; i < s->scenario->accounts->len; i++)
    {
      PpAccount *a = pp_scenario_account (s->scenario, i);
      PpServeAccount sa = { 0 };
      JsonObject *saved = keys != NULL && json_object_has_member (keys, a->id)
        ? json_object_get_object_member (keys, a->id) : NULL;

      sa.id = g_string_chunk_insert (s->strings, a->id);
      sa.uid = g_string_chunk_insert (s->strings, a->uid);
      if (a->access_key_id != NULL && a->access_key_secret != NULL)
        {
          sa.access_key_id = g_string_chunk_insert (s->strings, a->access_key_id);
          sa.access_key_secret = g_string_chunk_insert (s->strings, a->access_key_secret);
        }
      else if (saved != NULL)
        {
          sa.access_key_id = g_string_chunk_insert (
            s->strings, json_object_get_string_member_with_default (saved, "id", ""));
          sa.access_key_secret = g_string_chunk_insert (
            s->strings, json_object_get_string_member_with_default (saved, "secret", ""));
          sa.generated = TRUE;
        }
      else
        {
          g_autofree char *id = pp_random_string (rand, "LTAI", 20);
          g_autofree char *secret = pp_random_string (rand, "", 30);

          sa.access_key_id = g_string_chunk_insert (s->strings, id);
          sa.access_key_secret = g_string_chunk_insert (s->strings, secret);
          sa.generated = TRUE;
        }
      /* The engine learns the pairs from the scenario. */
      a->access_key_id = pp_scenario_intern (s->scenario, sa.access_key_id);
      a->access_key_secret = pp_scenario_intern (s->scenario, sa.access_key_secret);
      g_array_append_val (s->accounts, sa);
    }
}

static char *
pp_state_meta_json (PpServe *s, const char *scenario_sha256)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *seed = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, PP_STATE_FORMAT);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, PP_SERVE_STATE_VERSION);
  json_builder_set_member_name (b, "seed");
  seed = g_strdup_printf ("%" G_GUINT64_FORMAT, s->seed);
  json_builder_add_string_value (b, seed);
  json_builder_set_member_name (b, "scenario_sha256");
  json_builder_add_string_value (b, scenario_sha256);
  json_builder_set_member_name (b, "generated_keys");
  json_builder_begin_object (b);
  for (guint i = 0; i < s->accounts->len; i++)
    {
      const PpServeAccount *a = &g_array_index (s->accounts, PpServeAccount, i);

      if (!a->generated)
        continue;
      json_builder_set_member_name (b, a->id);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, a->access_key_id);
      json_builder_set_member_name (b, "secret");
      json_builder_add_string_value (b, a->access_key_secret);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  return json_to_string (node, TRUE);
}

static gboolean
pp_state_error (GError **error, const char *dir, const char *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", dir, what);
  return FALSE;
}

static gboolean
pp_write_durable (const char *file, const char *data, gsize len, GError **error)
{
  return g_file_set_contents_full (file, data, (gssize) len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

/* A directory without state.json is a new state.  A journal there holds
 * no change if it is no longer than its magic line (the creation of the
 * state was interrupted): it is emptied for the new state.  One with
 * records is not ours to overwrite. */
static gboolean
pp_state_take_over_journal (const char *dir, const char *journal_file, GError **error)
{
  GStatBuf st;

  if (g_stat (journal_file, &st) != 0)
    return TRUE;
  if ((gsize) st.st_size > strlen (PP_JOURNAL_MAGIC))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: a journal but no state.json: not a complete peerplan state "
                   "(hint: move the directory away to start a new state)", dir);
      return FALSE;
    }
  if (truncate (journal_file, 0) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   "%s: cannot empty: %s", journal_file, g_strerror (errsv));
      return FALSE;
    }
  return TRUE;
}

static gboolean
pp_load_scenario (PpServe *s, GBytes *xml, const char *name, GError **error)
{
  s->scenario = pp_scenario_load_bytes (xml, name, NULL, error);
  return s->scenario != NULL;
}

/* Creates the engine for the scenario, the accounts and (with a state
 * directory) the state, replaying its journal. */
static gboolean
pp_serve_setup (PpServe *s, const PpServeOptions *opts, GError **error)
{
  g_autoptr (GBytes) xml = NULL;
  g_autofree char *meta_file = NULL;
  g_autofree char *scenario_file = NULL;
  g_autofree char *journal_file = NULL;
  g_autoptr (JsonParser) meta = NULL;
  JsonObject *keys = NULL;
  const char *name = opts->scenario_name;
  g_autofree char *sha = NULL;
  gboolean fresh = TRUE;

  s->seed = opts->seed_set ? opts->seed : PP_SERVE_DEFAULT_SEED;
  if (opts->scenario_xml != NULL)
    xml = g_bytes_ref (opts->scenario_xml);

  if (s->state_dir != NULL)
    {
      if (g_mkdir_with_parents (s->state_dir, 0700) != 0)
        {
          int errsv = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                       "%s: cannot create the state directory: %s", s->state_dir,
                       g_strerror (errsv));
          return FALSE;
        }
      meta_file = g_build_filename (s->state_dir, "state.json", NULL);
      scenario_file = g_build_filename (s->state_dir, "scenario.xml", NULL);
      journal_file = g_build_filename (s->state_dir, "journal", NULL);
      fresh = !g_file_test (meta_file, G_FILE_TEST_EXISTS);
      if (fresh && !pp_state_take_over_journal (s->state_dir, journal_file, error))
        return FALSE;
      if (!fresh && !g_file_test (journal_file, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "%s: missing, but %s says a state was created here: the journal holds"
                       " every change since, so starting without it would lose them (nothing was"
                       " changed); restore it from a backup, or use a new --state directory",
                       journal_file, meta_file);
          return FALSE;
        }
    }
  if (!fresh)
    {
      JsonObject *m;
      const char *seed_text;
      const char *recorded_sha;
      g_autofree char *stored_sha = NULL;
      g_autofree char *stored = NULL;
      gsize stored_len = 0;

      meta = json_parser_new ();
      if (!json_parser_load_from_file (meta, meta_file, error))
        return FALSE;
      if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (meta)))
        return pp_state_error (error, meta_file, "not a peerplan state file");
      m = json_node_get_object (json_parser_get_root (meta));
      if (g_strcmp0 (json_object_get_string_member_with_default (m, "format", ""),
                     PP_STATE_FORMAT) != 0)
        return pp_state_error (error, meta_file, "not a peerplan state file");
      if (json_object_get_int_member_with_default (m, "version", 0) != PP_SERVE_STATE_VERSION)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "%s: state format version %" G_GINT64_FORMAT
                       " (this peerplan reads version %d)", meta_file,
                       json_object_get_int_member_with_default (m, "version", 0),
                       PP_SERVE_STATE_VERSION);
          return FALSE;
        }
      seed_text = json_object_get_string_member_with_default (m, "seed", "");
      if (!g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &s->seed, NULL))
        return pp_state_error (error, meta_file, "bad seed");
      if (json_object_has_member (m, "generated_keys"))
        keys = json_object_get_object_member (m, "generated_keys");
      recorded_sha = json_object_get_string_member_with_default (m, "scenario_sha256", "");
      if (!g_file_get_contents (scenario_file, &stored, &stored_len, error))
        return FALSE;
      stored_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) stored,
                                                stored_len);
      if (g_strcmp0 (stored_sha, recorded_sha) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: changed since the state was created (its SHA-256 is %s, %s records"
                       " %s); the journal replays only onto the scenario it was written"
                       " against: put the original back (nothing was changed)",
                       scenario_file, stored_sha, meta_file,
                       *recorded_sha != '\0' ? recorded_sha : "none");
          return FALSE;
        }
      if (xml != NULL)
        {
          g_autofree char *given = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, xml);

          if (g_strcmp0 (given, recorded_sha) != 0)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           "%s: this state was created from another scenario "
                           "(hint: give no SCENARIO to resume it, or use a new --state "
                           "directory)", s->state_dir);
              return FALSE;
            }
        }
      g_clear_pointer (&xml, g_bytes_unref);
      xml = g_bytes_new_take (g_steal_pointer (&stored), stored_len);
      name = scenario_file;
    }
  if (xml == NULL)
    {
      xml = pp_data_get ("examples/article.xml", error);
      if (xml == NULL)
        return FALSE;
      name = "peerplan:examples/article.xml";
    }
  if (!pp_load_scenario (s, xml, name != NULL ? name : "<scenario>", error))
    return FALSE;
  pp_serve_set_accounts (s, keys);
  s->engine = pp_engine_new (NULL, s->seed);
  if (!pp_engine_load_scenario (s->engine, s->scenario, error))
    return FALSE;
  if (s->state_dir == NULL)
    return TRUE;

  /* scenario.xml first, then the journal (its magic line, synced),
   * state.json last: state.json marks a complete state, so a state.json
   * without its journal means the journal was lost. */
  if (fresh && !pp_write_durable (scenario_file, g_bytes_get_data (xml, NULL),
                                  g_bytes_get_size (xml), error))
    return FALSE;
  s->recovery.recover_at = opts->recover_journal_at;
  s->journal = pp_journal_open_full (journal_file, pp_replay_record, s, &s->recovery, error);
  if (s->journal == NULL)
    return FALSE;
  s->replayed = pp_journal_replayed (s->journal);
  if (fresh)
    {
      g_autofree char *meta_text = NULL;

      sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, xml);
      meta_text = pp_state_meta_json (s, sha);
      if (!pp_write_durable (meta_file, meta_text, strlen (meta_text), error)
          || !pp_fsync_dir (s->state_dir, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
pp_serve_listen (PpServe *s, const char *listen, GError **error)
{
  g_autofree char *host = NULL;
  guint16 port = 0;
  g_autoptr (GSocketConnectable) conn = NULL;
  g_autoptr (GInetAddress) addr = NULL;
  g_autoptr (GSocketAddress) sa = NULL;
  GSList *uris;

  conn = g_network_address_parse (listen != NULL ? listen : "127.0.0.1:0", 0, error);
  if (conn == NULL)
    return FALSE;
  host = g_strdup (g_network_address_get_hostname (G_NETWORK_ADDRESS (conn)));
  port = g_network_address_get_port (G_NETWORK_ADDRESS (conn));
  addr = g_inet_address_new_from_string (host);
  if (addr == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--listen %s: give an IP address and a port, e.g. 127.0.0.1:8080 "
                   "(hint: port 0 picks a free one)", listen);
      return FALSE;
    }
  sa = g_inet_socket_address_new (addr, port);
  s->server = soup_server_new ("server-header", "peerplan/" PACKAGE_VERSION " ", NULL);
  soup_server_add_early_handler (s->server, NULL, pp_early_handler, s, NULL);
  soup_server_add_handler (s->server, NULL, pp_serve_handler, s, NULL);
  if (!soup_server_listen (s->server, sa, 0, error))
    return FALSE;
  uris = soup_server_get_uris (s->server);
  if (uris != NULL)
    {
      GUri *u = uris->data;
      g_autofree char *h = g_inet_address_get_family (addr) == G_SOCKET_FAMILY_IPV6
        ? g_strdup_printf ("[%s]", g_uri_get_host (u)) : g_strdup (g_uri_get_host (u));

      s->url = g_strdup_printf ("http://%s:%d", h, g_uri_get_port (u));
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (s->url == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "--listen %s: no address", listen);
      return FALSE;
    }
  return TRUE;
}

PpServe *
pp_serve_new (const PpServeOptions *opts, GError **error)
{
  g_autoptr (PpServe) s = g_new0 (PpServe, 1);

  s->accounts = g_array_new (FALSE, TRUE, sizeof (PpServeAccount));
  s->strings = g_string_chunk_new (256);
  s->nonces = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&s->pending);
  g_queue_init (&s->nonce_order);
  s->state_dir = g_strdup (opts->state_dir);
  if (!pp_serve_setup (s, opts, error) || !pp_serve_listen (s, opts->listen, error))
    return NULL;
  return g_steal_pointer (&s);
}

void
pp_serve_free (PpServe *s)
{
  PpPending *p;

  if (s == NULL)
    return;
  if (s->server != NULL)
    soup_server_disconnect (s->server);
  /* Let an in-flight sync finish: it points at us. */
  while (s->syncing)
    g_main_context_iteration (NULL, TRUE);
  while ((p = g_queue_pop_head (&s->pending)) != NULL)
    {
      if (p->msg != NULL)
        {
          g_signal_handler_disconnect (p->msg, p->finished_id);
          g_clear_object (&p->msg);
        }
      g_free (p);
    }
  g_clear_object (&s->server);
  g_clear_pointer (&s->journal, pp_journal_free);
  g_clear_pointer (&s->engine, pp_engine_free);
  g_clear_pointer (&s->scenario, pp_scenario_free);
  g_queue_clear_full (&s->nonce_order, pp_nonce_free);
  g_clear_pointer (&s->nonces, g_hash_table_unref);
  g_clear_pointer (&s->accounts, g_array_unref);
  g_clear_pointer (&s->strings, g_string_chunk_free);
  g_clear_error (&s->failed);
  g_free (s->state_dir);
  g_free (s->url);
  g_free (s);
}

const char *
pp_serve_url (PpServe *s)
{
  return s->url;
}

GArray *
pp_serve_accounts (PpServe *s)
{
  return s->accounts;
}

guint64
pp_serve_replayed (PpServe *s)
{
  return s->replayed;
}

guint64
pp_serve_torn_bytes (PpServe *s)
{
  return s->recovery.torn_bytes;
}

guint64
pp_serve_cut_records (PpServe *s)
{
  return s->recovery.cut_records;
}

PpEngine *
pp_serve_engine (PpServe *s)
{
  return s->engine;
}
