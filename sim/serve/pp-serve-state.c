/* SPDX-License-Identifier: MIT */
/* pp-serve-state.c: the state of `peerplan serve`: the state directory,
 * its journal records and their replay at start.
 *
 * DOC: state directory.  state.json (format, version, seed, the scenario's
 * checksum, generated keys), scenario.xml (the starting scenario, byte for
 * byte) and journal (pp-journal.h).  pp_serve_setup() creates it, or
 * checks it and replays the journal into a fresh engine built from the
 * same scenario and seed (pp_replay_record()); the request flow and the
 * admin endpoints write records with pp_record_call() and
 * pp_record_clock().  Layout and what the journal survives: docs/serve.md.
 */
#include "sim/serve/pp-serve-private.h"
#include "sim/serve/pp-sign.h"
#include "model/pp-data.h"
#include "model/pp-scenario-xml.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#define PP_STATE_FORMAT "peerplan-serve-state"

/* --- journal records ---------------------------------------------------- */

static const char *const pp_protocol_params[] = {
  "AccessKeyId", "Action", "Format", "SecurityToken", "Signature",
  "SignatureMethod", "SignatureNonce", "SignatureType", "SignatureVersion",
  "Timestamp", "Version", NULL,
};

gboolean
pp_is_protocol_param (const char *key)
{
  return g_strv_contains (pp_protocol_params, key);
}

/* The record of one engine call. */
char *
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

char *
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
  g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_STATE,
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
      g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_STATE,
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
  g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_STATE, "%s: %s", dir, what);
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
      g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_STATE,
                   "%s: a journal but no state.json: not a complete peerplan state "
                   "(hint: move the directory away to start a new state)", dir);
      return FALSE;
    }
  if (truncate (journal_file, 0) != 0)
    {
      int errsv = errno;

      g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_STATE,
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
gboolean
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

          g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_STATE,
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
          g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_STATE,
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
          g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_STATE,
                       "%s: state format version %" G_GINT64_FORMAT
                       " (this peerplan reads version %d)", meta_file,
                       json_object_get_int_member_with_default (m, "version", 0),
                       PP_SERVE_STATE_VERSION);
          return FALSE;
        }
      seed_text = json_object_get_string_member_with_default (m, "seed", "");
      if (!pp_parse_uint (seed_text, 0, G_MAXUINT64, &s->seed, NULL))
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
          g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_STATE,
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
              g_set_error (error, PP_SERVE_ERROR, PP_SERVE_ERROR_STATE,
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
