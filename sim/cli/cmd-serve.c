/* SPDX-License-Identifier: MIT */
/* cmd-serve.c: `peerplan serve [SCENARIO]`, the local VPC API endpoint. */
#include "sim/cli/cli.h"
#include "sim/serve/pp-serve.h"
#include "sim/serve/pp-serve-error.h"
#include "model/pp-data.h"
#include "model/pp-number.h"
#include "model/pp-error.h"

#include <json-glib/json-glib.h>
#include <glib-unix.h>
#include <signal.h>

static gboolean
pp_serve_quit (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static void
pp_print_ready_text (PpServe *s, const char *state_dir)
{
  GArray *accounts = pp_serve_accounts (s);
  g_autoptr (GString) line = g_string_new (NULL);

  g_string_append_printf (line, "peerplan serve: listening on %s (state: %s); accounts:",
                          pp_serve_url (s), state_dir != NULL ? state_dir : "in memory");
  for (guint i = 0; i < accounts->len; i++)
    {
      const PpServeAccount *a = &g_array_index (accounts, PpServeAccount, i);

      g_string_append_printf (line, "%s %s uid %s key %s", i > 0 ? "," : "", a->id, a->uid,
                              a->access_key_id);
      if (a->generated)
        g_string_append_printf (line, " secret %s (generated)", a->access_key_secret);
    }
  printf ("%s\n", line->str);
}

static void
pp_print_ready_json (PpServe *s, const char *state_dir)
{
  GArray *accounts = pp_serve_accounts (s);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "url");
  json_builder_add_string_value (b, pp_serve_url (s));
  json_builder_set_member_name (b, "state");
  if (state_dir != NULL)
    json_builder_add_string_value (b, state_dir);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "replayed");
  json_builder_add_int_value (b, (gint64) pp_serve_replayed (s));
  json_builder_set_member_name (b, "accounts");
  json_builder_begin_array (b);
  for (guint i = 0; i < accounts->len; i++)
    {
      const PpServeAccount *a = &g_array_index (accounts, PpServeAccount, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, a->id);
      json_builder_set_member_name (b, "uid");
      json_builder_add_string_value (b, a->uid);
      json_builder_set_member_name (b, "access_key_id");
      json_builder_add_string_value (b, a->access_key_id);
      json_builder_set_member_name (b, "generated");
      json_builder_add_boolean_value (b, a->generated);
      if (a->generated)
        {
          json_builder_set_member_name (b, "access_key_secret");
          json_builder_add_string_value (b, a->access_key_secret);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  text = json_to_string (node, FALSE);
  printf ("%s\n", text);
}

int
pp_cmd_serve (int argc, char **argv)
{
  g_autofree char *listen = NULL;
  g_autofree char *state_dir = NULL;
  g_autofree char *format = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *recover_text = NULL;
  g_autofree char *timeout_text = NULL;
  g_autoptr (GOptionContext) ctx = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) xml = NULL;
  g_autoptr (PpServe) s = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  PpServeOptions opts = { 0 };
  gboolean json = FALSE;
  guint sigint, sigterm;
  int code = 0;
  GOptionEntry entries[] = {
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
      "Address or host name and port to listen on (default 127.0.0.1:0: loopback, a free port)", "ADDR:PORT" },
    { "state", 's', 0, G_OPTION_ARG_FILENAME, &state_dir,
      "Keep the state in DIR, durably (default: in memory)", "DIR" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      "Seed for the ids the engine makes, for a new state (default 20260101, as plan and run)", "N" },
    { "recover-journal", 0, 0, G_OPTION_ARG_STRING, &recover_text,
      "Cut a corrupt journal at its damaged record, at the byte OFFSET its refusal names "
      "(the whole journal is first copied aside; see docs/serve.md)", "OFFSET" },
    { "request-timeout", 0, 0, G_OPTION_ARG_STRING, &timeout_text,
      "Close a connection that has not sent a whole request SECONDS after it opened "
      "(default 30)", "SECONDS" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      "Ready line format: text (default) or json", "FORMAT" },
    { NULL }
  };

  g_set_prgname ("peerplan serve");
  ctx = g_option_context_new ("[SCENARIO] - serve the Alibaba Cloud VPC API locally");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_summary (ctx,
    "Answers the VPC API (Vpc 2016-04-28 and VpcPeer 2022-01-01, RPC style) on\n"
    "http://ADDR:PORT/ for the accounts of SCENARIO (default: the bundled\n"
    "article scenario), so scripts written with the official SDKs run against\n"
    "it unchanged.  Every request must be signed with an account's AccessKey\n"
    "pair (from the scenario, or generated and printed).  When ready, one line\n"
    "goes to stdout: the URL, and each account's uid and AccessKey id.\n"
    "GET /_peerplan/scenario exports the current state as scenario XML\n"
    "(AccessKey pairs only with ?access-keys=include).");
  g_option_context_set_description (ctx,
    "SIGINT or SIGTERM stops the server cleanly.  With --state DIR every\n"
    "change is on disk before it is answered, and a restart with the same DIR\n"
    "(SCENARIO may then be omitted) resumes where it stopped.  A corrupt journal\n"
    "or an edited DIR/scenario.xml is refused (exit 2) and nothing is changed;\n"
    "--recover-journal is the one way to cut a journal.  See docs/serve.md.\n"
    "\n"
    "Exit status: 0 stopped by a signal; 2 bad usage, a scenario that cannot be\n"
    "read, an unusable state directory or address; 3 internal failure.");
  if (!pp_cli_parse (ctx, &argc, &argv, &code))
    return code;
  if (format != NULL && g_strcmp0 (format, "text") != 0 && g_strcmp0 (format, "json") != 0)
    return pp_cli_usage (ctx, "--format must be text or json");
  json = g_strcmp0 (format, "json") == 0;
  if (argc > 2)
    return pp_cli_usage (ctx, "at most one scenario");
  if (seed_text != NULL)
    {
      if (!pp_parse_uint (seed_text, 0, G_MAXUINT64, &opts.seed, &error))
        {
          g_autofree char *msg = g_strdup_printf ("--seed: %s", error->message);

          return pp_cli_usage (ctx, msg);
        }
      opts.seed_set = TRUE;
    }
  if (timeout_text != NULL)
    {
      guint64 seconds = 0;

      if (!pp_parse_uint (timeout_text, 1, 3600, &seconds, &error))
        {
          g_autofree char *msg = g_strdup_printf ("--request-timeout: %s", error->message);

          return pp_cli_usage (ctx, msg);
        }
      opts.request_timeout = (guint) seconds;
    }
  if (recover_text != NULL)
    {
      if (state_dir == NULL)
        return pp_cli_usage (ctx, "--recover-journal needs --state");
      if (!g_ascii_string_to_unsigned (recover_text, 10, 1, G_MAXUINT64,
                                       &opts.recover_journal_at, NULL))
        return pp_cli_usage (ctx, "--recover-journal must be the byte offset the refusal named");
    }
  if (argc == 2)
    {
      char *data = NULL;
      gsize len = 0;

      if (!g_file_get_contents (argv[1], &data, &len, &error))
        {
          pp_cli_error ("%s", error->message);
          return PP_EXIT_INPUT;
        }
      xml = g_bytes_new_take (data, len);
      opts.scenario_name = argv[1];
    }
  opts.scenario_xml = xml;
  opts.listen = listen;
  opts.state_dir = state_dir;

  /* The handlers go in before anything can say "ready": a SIGTERM sent
   * right after the ready line (or during a long replay) then stops the
   * loop as soon as it runs, instead of killing the process. */
  loop = g_main_loop_new (NULL, FALSE);
  sigint = g_unix_signal_add (SIGINT, pp_serve_quit, loop);
  sigterm = g_unix_signal_add (SIGTERM, pp_serve_quit, loop);
  s = pp_serve_new (&opts, &error);
  if (s == NULL)
    {
      pp_cli_error ("%s", error->message);
      g_source_remove (sigint);
      g_source_remove (sigterm);
      return pp_cli_exit_code (error);
    }
  if (pp_serve_torn_bytes (s) > 0)
    pp_cli_error ("%s: the journal ended in an incomplete record (%" G_GUINT64_FORMAT
                  " bytes, never acknowledged); it was cut off and kept aside as journal.torn-*",
                  state_dir, pp_serve_torn_bytes (s));
  if (pp_serve_cut_records (s) > 0)
    pp_cli_error ("%s: the journal was cut at byte %" G_GUINT64_FORMAT " as asked by"
                  " --recover-journal: %" G_GUINT64_FORMAT " record(s) dropped (the damaged one"
                  " and those after it); the whole journal was kept as journal.corrupt-%"
                  G_GUINT64_FORMAT, state_dir, opts.recover_journal_at, pp_serve_cut_records (s),
                  opts.recover_journal_at);
  if (json)
    pp_print_ready_json (s, state_dir);
  else
    pp_print_ready_text (s, state_dir);
  /* Without its ready line nobody can reach the server: do not serve
   * (at exit, main() says the output could not be written: exit 3). */
  if (fflush (stdout) != 0 || ferror (stdout))
    return PP_EXIT_INTERNAL;

  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_clear_pointer (&s, pp_serve_free);
  return PP_EXIT_OK;
}
