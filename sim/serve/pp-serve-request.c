/* SPDX-License-Identifier: MIT */
/* pp-serve-request.c: the request flow of `peerplan serve`.
 *
 * DOC: request flow.  Every API request goes: size and length checks
 * (pp_early_handler(), before the body is read; a refusal there takes the
 * connection from libsoup and answers at once) -> pp_serve_handler() routes
 * it -> pp_serve_api(): decode the query and the form body into one
 * PpParams -> authenticate (pp-sign.c; unknown key, signature, time window,
 * nonce) -> resolve action and version -> pp_engine_call() -> JSON body ->
 * (with --state) pp_commit(): journal record, sync, and only then the
 * answer.  Each step that refuses answers the real error shape; nothing
 * reaches the engine before the caller is authenticated, and nothing the
 * engine did is answered before it is durable.
 *
 * DOC: durability.  The engine is deterministic and counts every call, so
 * the journal holds every call (reads too) and every clock move, in order.
 * Answers wait (the message is paused) until a sync covering their record
 * has completed; syncs run in a worker thread, and requests that arrive
 * meanwhile are processed and wait for the next sync (group commit).  If a
 * write or sync fails, the in-memory state is ahead of the disk: the held
 * answers become one error object each, and the server answers 503 to
 * everything until restarted (restart replays what is on disk).
 */
#include "sim/serve/pp-serve-private.h"
#include "sim/serve/pp-sign.h"

#include <string.h>

#define PP_NONCE_MAX (1u << 20)       /* nonces remembered at most */
#define PP_NONCE_MAX_LEN 256

typedef struct {
  char *key;                  /* access key id \x1f nonce */
  gint64 expires;             /* wall seconds */
} PpNonce;

/* --- small helpers ----------------------------------------------------- */

static char *
pp_request_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_ascii_strup (uuid, -1);
}

/* Sets @node as the whole answer: whatever body was set before (a success
 * answer held for the journal, say) is replaced, never appended to. */
void
pp_set_json (SoupServerMessage *msg, guint status, JsonNode *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  gsize len = 0;
  char *body;

  json_generator_set_root (gen, node);
  body = json_generator_to_data (gen, &len);
  soup_message_body_truncate (soup_server_message_get_response_body (msg));
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json;charset=utf-8",
                                    SOUP_MEMORY_TAKE, body, len);
}

/* The real error body (pp_api_error_body()) for one of our own errors, as
 * JSON text; *@status gets its HTTP status. */
static char *
pp_error_json (const char *version, const GError *error, guint *status)
{
  g_autofree char *rid = pp_request_id ();
  PpServeError code = error->domain == PP_SERVE_ERROR ? (PpServeError) error->code
                                                       : PP_SERVE_ERROR_INTERNAL;
  g_autoptr (GVariant) body = pp_api_error_body (version, pp_serve_error_api_code (code),
                                                 error->message, rid);
  g_autoptr (JsonNode) node = json_gvariant_serialize (body);

  *status = pp_serve_error_http_status (code);
  return json_to_string (node, FALSE);
}

/* Answers the real error shape for one of our own errors. */
void
pp_set_error (SoupServerMessage *msg, const char *version, const GError *error)
{
  guint status = 0;
  char *body = pp_error_json (version, error, &status);

  soup_message_body_truncate (soup_server_message_get_response_body (msg));
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json;charset=utf-8",
                                    SOUP_MEMORY_TAKE, body, strlen (body));
}

void
pp_set_error_literal (SoupServerMessage *msg, const char *version, PpServeError code,
                      const char *message)
{
  g_autoptr (GError) error = g_error_new_literal (PP_SERVE_ERROR, code, message);

  pp_set_error (msg, version, error);
}

/* --- the nonce window -------------------------------------------------- */

void
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
gboolean
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
void
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

gboolean
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

/* --- routing ------------------------------------------------------------ */

void
pp_serve_handler (SoupServer *server, SoupServerMessage *msg, const char *path,
                  GHashTable *query, gpointer user_data)
{
  PpServe *s = user_data;
  const char *method = soup_server_message_get_method (msg);
  gboolean get = strcmp (method, "GET") == 0;
  gboolean post = strcmp (method, "POST") == 0;
  const char *why = NULL;

  (void) server;
  (void) query;
  pp_serve_request_arrived (msg);
  if (strcmp (path, "/") == 0)
    pp_serve_api (s, msg);
  else if (g_str_has_prefix (path, "/_peerplan/") && !pp_admin_allowed (s, msg, &why))
    pp_set_admin_error (msg, SOUP_STATUS_FORBIDDEN, why);
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

/* --- refusals before the body is read ------------------------------------ */

#define PP_DRAIN_MAX (64u * 1024 * 1024)  /* bytes read and dropped after a refusal */
#define PP_DRAIN_SECONDS 2

/* A connection taken from libsoup to refuse its request at once: the
 * answer is written, our side is shut for writing, and whatever the client
 * still sends is read into one fixed buffer and dropped (so that it sees
 * the answer instead of a reset) until it closes, 64 MiB or 2 s, whichever
 * comes first; then the connection is closed.  Memory stays flat whatever
 * the client announced or sends. */
typedef struct {
  GIOStream *stream;
  GBytes *answer;
  GCancellable *cancel;
  guint timer;
  gsize drained;
  char buf[16384];
} PpRefusal;

static void
pp_refusal_free (PpRefusal *r)
{
  if (r->timer != 0)
    g_source_remove (r->timer);
  g_io_stream_close (r->stream, NULL, NULL);
  g_object_unref (r->stream);
  g_object_unref (r->cancel);
  g_bytes_unref (r->answer);
  g_free (r);
}

static gboolean
pp_refusal_timeout (gpointer user_data)
{
  PpRefusal *r = user_data;

  r->timer = 0;
  g_cancellable_cancel (r->cancel);
  return G_SOURCE_REMOVE;
}

static void
pp_refusal_drained (GObject *source, GAsyncResult *res, gpointer user_data)
{
  PpRefusal *r = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), res, NULL);

  if (n <= 0 || (r->drained += (gsize) n) >= PP_DRAIN_MAX)
    {
      pp_refusal_free (r);
      return;
    }
  g_input_stream_read_async (g_io_stream_get_input_stream (r->stream), r->buf, sizeof r->buf,
                             G_PRIORITY_DEFAULT, r->cancel, pp_refusal_drained, r);
}

static void
pp_refusal_written (GObject *source, GAsyncResult *res, gpointer user_data)
{
  PpRefusal *r = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), res, NULL, NULL))
    {
      pp_refusal_free (r);
      return;
    }
  if (G_IS_SOCKET_CONNECTION (r->stream))
    (void) g_socket_shutdown (g_socket_connection_get_socket (G_SOCKET_CONNECTION (r->stream)),
                              FALSE, TRUE, NULL);
  g_input_stream_read_async (g_io_stream_get_input_stream (r->stream), r->buf, sizeof r->buf,
                             G_PRIORITY_DEFAULT, r->cancel, pp_refusal_drained, r);
}

/* Refuses @msg with @code and @message now, before its body is read, and
 * closes the connection (see PpRefusal). */
static void
pp_refuse_now (SoupServerMessage *msg, PpServeError code, const char *message)
{
  g_autoptr (GError) error = g_error_new_literal (PP_SERVE_ERROR, code, message);
  guint status = 0;
  g_autofree char *body = pp_error_json (NULL, error, &status);
  g_autofree char *head = NULL;
  PpRefusal *r;
  gsize len;

  head = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                          "Server: peerplan/" PACKAGE_VERSION "\r\n"
                          "Content-Type: application/json;charset=utf-8\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Cache-Control: no-store\r\n"
                          "Connection: close\r\n\r\n%s",
                          status, soup_status_get_phrase (status), strlen (body), body);
  len = strlen (head);
  r = g_new0 (PpRefusal, 1);
  pp_serve_request_arrived (msg);   /* the drain has its own bound */
  r->stream = soup_server_message_steal_connection (msg);
  r->answer = g_bytes_new_take (g_steal_pointer (&head), len);
  r->cancel = g_cancellable_new ();
  r->timer = g_timeout_add_seconds (PP_DRAIN_SECONDS, pp_refusal_timeout, r);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (r->stream),
                                   g_bytes_get_data (r->answer, NULL), len, G_PRIORITY_DEFAULT,
                                   r->cancel, pp_refusal_written, r);
}

static void
pp_got_chunk (SoupServerMessage *msg, GBytes *chunk, gpointer user_data)
{
  gsize *total = user_data;

  *total += g_bytes_get_size (chunk);
  if (*total > PP_SERVE_MAX_BODY)
    {
      g_signal_handlers_disconnect_by_func (msg, pp_got_chunk, user_data);
      pp_refuse_now (msg, PP_SERVE_ERROR_TOO_LARGE,
                     "The request body is larger than peerplan accepts (1 MiB).");
    }
}

/* Checks the request's Content-Length header(s) as RFC 9112 section 6.3
 * asks: digits only, repeated values identical, no Transfer-Encoding
 * alongside.  Returns FALSE with @why for a length to refuse with 400;
 * otherwise *@length is the length (G_MAXUINT64 when there is none). */
static gboolean
pp_content_length (SoupMessageHeaders *h, guint64 *length, const char **why)
{
  const char *list = soup_message_headers_get_list (h, "Content-Length");
  g_auto (GStrv) values = NULL;

  *length = G_MAXUINT64;
  if (list == NULL)
    return TRUE;
  if (soup_message_headers_get_one (h, "Transfer-Encoding") != NULL)
    {
      *why = "The request has both Content-Length and Transfer-Encoding; send one.";
      return FALSE;
    }
  values = g_strsplit (list, ",", -1);
  for (guint i = 0; values[i] != NULL; i++)
    {
      const char *v = g_strstrip (values[i]);
      guint64 n = 0;

      /* g_ascii_string_to_unsigned() takes no sign and no space; 19
       * digits at most keeps the value far from overflow. */
      if (*v == '\0' || strspn (v, "0123456789") != strlen (v) || strlen (v) > 19
          || !g_ascii_string_to_unsigned (v, 10, 0, G_MAXINT64, &n, NULL))
        {
          *why = "The Content-Length header is not a length (digits only, at most 19).";
          return FALSE;
        }
      if (i > 0 && n != *length)
        {
          *why = "The request has Content-Length headers that disagree.";
          return FALSE;
        }
      *length = n;
    }
  return TRUE;
}

void
pp_early_handler (SoupServer *server, SoupServerMessage *msg, const char *path,
                  GHashTable *query, gpointer user_data)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *out = soup_server_message_get_response_headers (msg);
  const char *q = g_uri_get_query (soup_server_message_get_uri (msg));
  const char *why = NULL;
  guint64 length = 0;

  (void) server;
  (void) path;
  (void) query;
  (void) user_data;
  soup_message_headers_replace (out, "Cache-Control", "no-store");
  /* One request per connection: libsoup 3.2 closes connections handed to
   * it with soup_server_accept_iostream() after each answer anyway (see
   * pp_serve_incoming()); saying so keeps clients from reusing them. */
  soup_message_headers_replace (out, "Connection", "close");
  if (!pp_content_length (h, &length, &why))
    {
      pp_refuse_now (msg, PP_SERVE_ERROR_INVALID_PARAMETER, why);
      return;
    }
  if (length != G_MAXUINT64 && length > PP_SERVE_MAX_BODY)
    {
      pp_refuse_now (msg, PP_SERVE_ERROR_TOO_LARGE,
                     "The request body is larger than peerplan accepts (1 MiB).");
      return;
    }
  if (q != NULL && strlen (q) > PP_SERVE_MAX_QUERY)
    {
      if (soup_message_headers_get_encoding (h) != SOUP_ENCODING_NONE)
        pp_refuse_now (msg, PP_SERVE_ERROR_TOO_LARGE,
                       "The query string is larger than peerplan accepts (32 KiB).");
      else
        pp_set_error_literal (msg, NULL, PP_SERVE_ERROR_TOO_LARGE,
                              "The query string is larger than peerplan accepts (32 KiB).");
      return;
    }
  /* A body without a length (chunked): refused once it passes the limit. */
  if (soup_message_headers_get_encoding (h) != SOUP_ENCODING_NONE)
    g_signal_connect_data (msg, "got-chunk", G_CALLBACK (pp_got_chunk),
                           g_new0 (gsize, 1), (GClosureNotify) (void (*) (void)) g_free, 0);
}
