/* SPDX-License-Identifier: MIT */
/* pp-serve.c: the HTTP face of the engine (`peerplan serve`): the server
 * object, listening and accepting, start and stop.
 *
 * How a request becomes an answer: pp_serve_incoming() accepts the
 * connection and hands it to libsoup -> pp_early_handler() checks sizes and
 * lengths before the body -> pp_serve_handler() routes: `/` to the API
 * (pp-serve-request.c), `/_peerplan/` to the admin endpoints
 * (pp-serve-admin.c) -> pp_commit() holds the answer until its journal
 * record is synced (pp-serve-state.c writes and replays the records).
 */
#include "sim/serve/pp-serve-private.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#define PP_DEADLINE_KEY "pp-request-deadline"

/* The request timeout ran out before a whole request (headers and body)
 * arrived: shut the socket.  libsoup's pending read then sees the end of
 * the stream and closes the connection as for a client that went away. */
static gboolean
pp_serve_deadline (gpointer data)
{
  GSocket *sock = data;

  g_object_steal_data (G_OBJECT (sock), PP_DEADLINE_KEY);
  (void) g_socket_shutdown (sock, TRUE, TRUE, NULL);
  return G_SOURCE_REMOVE;
}

void
pp_serve_request_arrived (SoupServerMessage *msg)
{
  GSocket *sock = soup_server_message_get_socket (msg);
  guint id;

  if (sock == NULL)
    return;
  id = GPOINTER_TO_UINT (g_object_steal_data (G_OBJECT (sock), PP_DEADLINE_KEY));
  if (id != 0)
    g_source_remove (id);
}

/* Hands each accepted connection to libsoup.  peerplan accepts the
 * connections itself (a GSocketService) instead of soup_server_listen():
 * with libsoup 3.2's own listener every keep-alive connection that the
 * client closes stays open (CLOSE-WAIT) and every accepted socket leaks its
 * GSocket, even after "Connection: close"; connections handed over with
 * soup_server_accept_iostream() are closed and freed when the client goes
 * (measured: docs/serve.md, "Connections"). */
static gboolean
pp_serve_incoming (GSocketService *service, GSocketConnection *conn, GObject *source,
                   gpointer user_data)
{
  PpServe *s = user_data;
  GSocket *sock = g_socket_connection_get_socket (conn);
  g_autoptr (GSocketAddress) local = g_socket_connection_get_local_address (conn, NULL);
  g_autoptr (GSocketAddress) remote = g_socket_connection_get_remote_address (conn, NULL);

  (void) service;
  (void) source;
  /* Answers go out as headers then body: without TCP_NODELAY, Nagle's
   * algorithm and the client's delayed ACK add tens of milliseconds. */
  (void) g_socket_set_option (sock, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  /* A client that opens a connection and sends its request slowly, or not
   * at all, would otherwise hold a socket for ever (a few hundred of them
   * exhaust the descriptors: "slowloris").  Every answer closes its
   * connection, so one deadline per connection bounds it: the whole request
   * within the request timeout, from the accept. */
  g_object_set_data (G_OBJECT (sock), PP_DEADLINE_KEY,
                     GUINT_TO_POINTER (g_timeout_add_seconds_full (G_PRIORITY_DEFAULT,
                                                                   s->request_timeout,
                                                                   pp_serve_deadline,
                                                                   g_object_ref (sock),
                                                                   g_object_unref)));
  /* Fails only for a connection already gone; nothing to answer then. */
  (void) soup_server_accept_iostream (s->server, G_IO_STREAM (conn), local, remote, NULL);
  return TRUE;
}

/* The address --listen names: an IP literal as given, or a host name
 * resolved (localhost:8080), its first IPv4 address preferred, as most
 * clients try it first.  Nothing widens by itself: the default stays
 * 127.0.0.1, and a name binds the one address it resolves to. */
static GInetAddress *
pp_serve_listen_address (const char *host, const char *listen, GError **error)
{
  g_autoptr (GResolver) resolver = NULL;
  g_autoptr (GError) local = NULL;
  GInetAddress *addr = g_inet_address_new_from_string (host);
  GList *all;

  if (addr != NULL)
    return addr;
  resolver = g_resolver_get_default ();
  all = g_resolver_lookup_by_name (resolver, host, NULL, &local);
  if (all == NULL)
    {
      g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_LISTEN,
                   "--listen %s: cannot resolve %s: %s (hint: give an IP address and a port, "
                   "e.g. 127.0.0.1:8080; port 0 picks a free one)",
                   listen, host, local != NULL ? local->message : "no address");
      return NULL;
    }
  for (GList *l = all; l != NULL && addr == NULL; l = l->next)
    if (g_inet_address_get_family (l->data) == G_SOCKET_FAMILY_IPV4)
      addr = g_object_ref (l->data);
  if (addr == NULL)
    addr = g_object_ref (all->data);
  g_resolver_free_addresses (all);
  return addr;
}

static gboolean
pp_serve_listen (PpServe *s, const char *listen, GError **error)
{
  g_autofree char *host = NULL;
  guint16 port = 0;
  g_autoptr (GSocketConnectable) conn = NULL;
  g_autoptr (GInetAddress) addr = NULL;
  g_autoptr (GSocketAddress) sa = NULL;
  g_autoptr (GSocketAddress) effective = NULL;
  g_autofree char *ip = NULL;

  conn = g_network_address_parse (listen != NULL ? listen : "127.0.0.1:0", 0, error);
  if (conn == NULL)
    return FALSE;
  host = g_strdup (g_network_address_get_hostname (G_NETWORK_ADDRESS (conn)));
  port = g_network_address_get_port (G_NETWORK_ADDRESS (conn));
  addr = pp_serve_listen_address (host, listen, error);
  if (addr == NULL)
    return FALSE;
  sa = g_inet_socket_address_new (addr, port);
  s->server = soup_server_new ("server-header", "peerplan/" PACKAGE_VERSION " ", NULL);
  soup_server_add_early_handler (s->server, NULL, pp_early_handler, s, NULL);
  soup_server_add_handler (s->server, NULL, pp_serve_handler, s, NULL);
  s->service = g_socket_service_new ();
  /* GIO's default backlog is 10: more clients connecting at once would see
   * their SYNs dropped and retried a second later. */
  g_socket_listener_set_backlog (G_SOCKET_LISTENER (s->service), SOMAXCONN);
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (s->service), sa, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL, &effective, error))
    {
      g_prefix_error (error, "--listen %s: ", listen != NULL ? listen : "127.0.0.1:0");
      return FALSE;
    }
  g_signal_connect (s->service, "incoming", G_CALLBACK (pp_serve_incoming), s);
  s->listen_addr = g_object_ref (addr);
  s->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  ip = g_inet_address_to_string (addr);
  s->url = g_inet_address_get_family (addr) == G_SOCKET_FAMILY_IPV6
    ? g_strdup_printf ("http://[%s]:%u", ip, s->port)
    : g_strdup_printf ("http://%s:%u", ip, s->port);
  g_socket_service_start (s->service);
  return TRUE;
}

/* An error of the state directory (GLib's file and I/O errors, json-glib's,
 * the journal's) or of the listening socket becomes PP_SERVE_ERROR @code
 * with the same message; the scenario's (model, sim) and serve's own are
 * left alone. */
static void
pp_serve_restate (GError **error, PpServeError code)
{
  GError *e;

  if (error == NULL || *error == NULL
      || ((*error)->domain != G_IO_ERROR && (*error)->domain != G_FILE_ERROR
          && (*error)->domain != JSON_PARSER_ERROR && (*error)->domain != G_RESOLVER_ERROR))
    return;
  e = g_error_new_literal (PP_SERVE_ERROR, code, (*error)->message);
  g_error_free (*error);
  *error = e;
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
  s->request_timeout = opts->request_timeout != 0 ? opts->request_timeout
                                                  : PP_SERVE_DEFAULT_REQUEST_TIMEOUT;
  if (!pp_serve_setup (s, opts, error))
    {
      pp_serve_restate (error, PP_SERVE_ERROR_STATE);
      return NULL;
    }
  if (!pp_serve_listen (s, opts->listen, error))
    {
      pp_serve_restate (error, PP_SERVE_ERROR_LISTEN);
      return NULL;
    }
  return g_steal_pointer (&s);
}

void
pp_serve_free (PpServe *s)
{
  PpPending *p;

  if (s == NULL)
    return;
  if (s->service != NULL)
    {
      g_socket_service_stop (s->service);
      g_socket_listener_close (G_SOCKET_LISTENER (s->service));
    }
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
  g_clear_object (&s->service);
  g_clear_object (&s->listen_addr);
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
