/* SPDX-License-Identifier: MIT */
/* pp-serve-admin.c: the admin endpoints of `peerplan serve` (GET
 * /_peerplan/health, GET /_peerplan/scenario, POST /_peerplan/advance and
 * /_peerplan/settle), and the Host / Origin / Sec-Fetch-Site checks that
 * keep a web page from reaching them (they carry no signature). */
#include "sim/serve/pp-serve-private.h"
#include "model/pp-scenario-xml.h"

#include <string.h>

/* --- the admin endpoints ----------------------------------------------- */

void
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

void
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

/* GET /_peerplan/scenario[?access-keys=include]: the AccessKey pairs of
 * the accounts are left out unless asked for (the export is often kept as
 * a CI artifact; without them it still loads, and serve generates pairs). */
void
pp_serve_scenario (PpServe *s, SoupServerMessage *msg)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PpScenario) sc = NULL;
  g_autoptr (PpParams) q = pp_params_new ();
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  const char *keys;
  char *xml;

  if (query != NULL && !pp_params_add_encoded (q, query, strlen (query), "query", &error))
    {
      pp_set_admin_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
      return;
    }
  keys = pp_params_get (q, "access-keys");
  if (keys != NULL && strcmp (keys, "include") != 0 && strcmp (keys, "omit") != 0)
    {
      pp_set_admin_error (msg, SOUP_STATUS_BAD_REQUEST,
                          "access-keys must be include or omit (the default)");
      return;
    }
  sc = pp_engine_to_scenario (s->engine, NULL, &error);
  if (sc == NULL)
    {
      pp_set_admin_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, error->message);
      return;
    }
  if (g_strcmp0 (keys, "include") != 0)
    for (guint i = 0; i < sc->accounts->len; i++)
      {
        PpAccount *a = pp_scenario_account (sc, i);

        a->access_key_id = NULL;
        a->access_key_secret = NULL;
      }
  pp_serve_carry_expects (s, sc);
  xml = pp_scenario_to_xml (sc);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/xml;charset=utf-8", SOUP_MEMORY_TAKE,
                                    xml, strlen (xml));
}

void
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

      if (!pp_parse_uint (arg, 0, G_MAXINT32, &seconds, NULL))
        {
          pp_set_admin_error (msg, SOUP_STATUS_BAD_REQUEST,
                              "advance needs ?seconds=N (0 to 2147483647)");
          return;
        }
      if (pp_engine_now (s->engine) + (gint64) seconds > PP_SERVE_CLOCK_MAX)
        {
          g_autofree char *why = g_strdup_printf (
            "advance by %" G_GUINT64_FORMAT " seconds would move the simulated clock past "
            "%s, its limit (times and subscription end dates must stay before year 9999); "
            "at most %" G_GINT64_FORMAT " seconds remain", seconds, PP_SERVE_CLOCK_MAX_ISO,
            MAX (PP_SERVE_CLOCK_MAX - pp_engine_now (s->engine), 0));

          pp_set_admin_error (msg, SOUP_STATUS_BAD_REQUEST, why);
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

/* Is @host (a Host header: "name[:port]" or "[v6]:port") one this server
 * answers admin requests for?  The listening address, a loopback address
 * or "localhost", with our port when a port is given; any IP literal when
 * listening on a wildcard address.  A DNS name other than localhost is
 * refused: that is what a DNS-rebinding page sends. */
static gboolean
pp_host_allowed (PpServe *s, const char *host)
{
  g_autofree char *name = NULL;
  const char *port = NULL;
  g_autoptr (GInetAddress) addr = NULL;

  if (host[0] == '[')
    {
      const char *end = strchr (host, ']');

      if (end == NULL || (end[1] != '\0' && end[1] != ':'))
        return FALSE;
      name = g_strndup (host + 1, (gsize) (end - host - 1));
      port = end[1] == ':' ? end + 2 : NULL;
    }
  else
    {
      const char *colon = strchr (host, ':');

      if (colon != NULL && strchr (colon + 1, ':') != NULL)
        return FALSE;
      name = colon != NULL ? g_strndup (host, (gsize) (colon - host)) : g_strdup (host);
      port = colon != NULL ? colon + 1 : NULL;
    }
  if (port != NULL)
    {
      guint64 p = 0;

      if (!pp_parse_uint (port, 1, 65535, &p, NULL) || p != s->port)
        return FALSE;
    }
  if (g_ascii_strcasecmp (name, "localhost") == 0 || g_ascii_strcasecmp (name, "localhost.") == 0)
    return TRUE;
  addr = g_inet_address_new_from_string (name);
  if (addr == NULL)
    return FALSE;
  return g_inet_address_get_is_loopback (addr) || g_inet_address_equal (addr, s->listen_addr)
         || g_inet_address_get_is_any (s->listen_addr);
}

/* The admin endpoints are unauthenticated: refuse what a web page could
 * send them (another Host through DNS rebinding; a cross-origin request,
 * which a browser marks with Origin and Sec-Fetch-Site). */
gboolean
pp_admin_allowed (PpServe *s, SoupServerMessage *msg, const char **why)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  const char *host = soup_message_headers_get_one (h, "Host");
  const char *origin = soup_message_headers_get_one (h, "Origin");
  const char *site = soup_message_headers_get_one (h, "Sec-Fetch-Site");

  if (host != NULL && !pp_host_allowed (s, host))
    {
      *why = "admin endpoints answer only to Host: the listening address, a loopback "
             "address or localhost (with the server's port); see docs/serve.md";
      return FALSE;
    }
  if (site != NULL && strcmp (site, "same-origin") != 0 && strcmp (site, "none") != 0)
    {
      *why = "admin endpoints refuse cross-site requests (Sec-Fetch-Site); see docs/serve.md";
      return FALSE;
    }
  if (origin != NULL)
    {
      g_autofree char *same = host != NULL ? g_strconcat ("http://", host, NULL) : NULL;

      if (same == NULL || g_ascii_strcasecmp (origin, same) != 0)
        {
          *why = "admin endpoints refuse cross-origin requests (Origin); see docs/serve.md";
          return FALSE;
        }
    }
  return TRUE;
}
