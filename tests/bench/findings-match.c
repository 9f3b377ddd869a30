/* SPDX-License-Identifier: MIT */
/* findings-match.c: compares the findings of `peerplan check --format json`
 * with what gen-estate planted (its --expected file, JSON lines).
 *
 * findings-match [--rules R1,R2] [--families P1,P2] [--ignore-lines]
 *                EXPECTED REPORT
 *
 * An expected entry {"rule", "objects", "line"} matches a finding of the
 * same rule that names at least those objects (and points at that line,
 * unless --ignore-lines); each finding matches at most one entry.
 *  - Every expected entry whose rule is in --rules must be matched (no
 *    fewer); entries of other rules are not compared, and said so.
 *  - Every finding whose rule is in --rules or starts with one of the
 *    --families prefixes must be matched (no more).
 * Exit 0 when both hold, 1 with the differences listed, 2 on bad input.
 */
#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

typedef struct {
  char *rule;
  GStrv objects;
  gint64 line;
  gboolean matched;
  char *text;                 /* for messages */
} Entry;

static void
entry_free (gpointer p)
{
  Entry *e = p;
  g_free (e->rule);
  g_strfreev (e->objects);
  g_free (e->text);
  g_free (e);
}

static Entry *
entry_from_object (JsonObject *o, GError **error)
{
  Entry *e;
  JsonArray *objs;
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  if (!json_object_has_member (o, "rule")
      || json_object_get_string_member_with_default (o, "rule", NULL) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "an entry without \"rule\"");
      return NULL;
    }
  e = g_new0 (Entry, 1);
  e->rule = g_strdup (json_object_get_string_member (o, "rule"));
  objs = json_object_has_member (o, "objects") ? json_object_get_array_member (o, "objects") : NULL;
  for (guint i = 0; objs && i < json_array_get_length (objs); i++)
    {
      const char *s = json_node_get_string (json_array_get_element (objs, i));
      if (s)
        g_strv_builder_add (b, s);
    }
  e->objects = g_strv_builder_end (b);
  e->line = json_object_get_int_member_with_default (o, "line", -1);
  json_node_set_object (node, o);
  json_generator_set_root (gen, node);
  e->text = json_generator_to_data (gen, NULL);
  return e;
}

static GPtrArray *
read_expected (const char *file, GError **error)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (entry_free);

  if (!g_file_get_contents (file, &text, NULL, error))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (JsonParser) p = json_parser_new ();
      Entry *e;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      if (!json_parser_load_from_data (p, lines[i], -1, error))
        {
          g_prefix_error (error, "%s:%u: ", file, i + 1);
          return NULL;
        }
      if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (p))
          || (e = entry_from_object (json_node_get_object (json_parser_get_root (p)), error)) == NULL)
        {
          if (error && *error == NULL)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not an object");
          g_prefix_error (error, "%s:%u: ", file, i + 1);
          return NULL;
        }
      g_ptr_array_add (out, e);
    }
  return g_steal_pointer (&out);
}

static GPtrArray *
read_report (const char *file, GError **error)
{
  g_autoptr (JsonParser) p = json_parser_new ();
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (entry_free);
  JsonNode *root;
  JsonArray *findings;

  if (!json_parser_load_from_file (p, file, error))
    return NULL;
  root = json_parser_get_root (p);
  if (!JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "findings"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: not a peerplan JSON report (no \"findings\")", file);
      return NULL;
    }
  findings = json_object_get_array_member (json_node_get_object (root), "findings");
  for (guint i = 0; findings && i < json_array_get_length (findings); i++)
    {
      JsonNode *n = json_array_get_element (findings, i);
      Entry *e;

      if (!JSON_NODE_HOLDS_OBJECT (n)
          || (e = entry_from_object (json_node_get_object (n), error)) == NULL)
        {
          if (error && *error == NULL)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "finding %u: not an object", i);
          g_prefix_error (error, "%s: ", file);
          return NULL;
        }
      g_ptr_array_add (out, e);
    }
  return g_steal_pointer (&out);
}

static gboolean
names_all (const Entry *finding, const Entry *expected)
{
  for (guint i = 0; expected->objects[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) finding->objects, expected->objects[i]))
      return FALSE;
  return TRUE;
}

static gboolean
in_families (const char *rule, char **families)
{
  for (guint i = 0; families && families[i]; i++)
    if (*families[i] && g_str_has_prefix (rule, families[i]))
      return TRUE;
  return FALSE;
}

int
main (int argc, char **argv)
{
  g_autofree char *rules_opt = NULL, *families_opt = NULL;
  gboolean ignore_lines = FALSE;
  g_auto (GStrv) rules = NULL, families = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) ctx = NULL;
  g_autoptr (GPtrArray) expected = NULL, actual = NULL;
  guint missing = 0, unexpected = 0, matched = 0, skipped = 0;
  const GOptionEntry entries[] = {
    { "rules", 0, 0, G_OPTION_ARG_STRING, &rules_opt, "Rules compared exactly (comma-separated)", "R,..." },
    { "families", 0, 0, G_OPTION_ARG_STRING, &families_opt, "Rule prefixes that must have no unplanted finding", "P,..." },
    { "ignore-lines", 0, 0, G_OPTION_ARG_NONE, &ignore_lines, "Match on rule and objects only", NULL },
    { NULL }
  };

  ctx = g_option_context_new ("EXPECTED REPORT - compare planted and reported findings");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 3)
    {
      g_printerr ("findings-match: %s\n", error ? error->message : "need EXPECTED and REPORT");
      return 2;
    }
  rules = g_strsplit (rules_opt ? rules_opt : "", ",", -1);
  families = g_strsplit (families_opt ? families_opt : "", ",", -1);
  if ((expected = read_expected (argv[1], &error)) == NULL
      || (actual = read_report (argv[2], &error)) == NULL)
    {
      g_printerr ("findings-match: %s\n", error->message);
      return 2;
    }

  for (guint i = 0; i < expected->len; i++)
    {
      Entry *e = g_ptr_array_index (expected, i);

      if (!g_strv_contains ((const char * const *) rules, e->rule))
        {
          skipped++;
          continue;
        }
      for (guint j = 0; j < actual->len && !e->matched; j++)
        {
          Entry *a = g_ptr_array_index (actual, j);
          if (!a->matched && strcmp (a->rule, e->rule) == 0 && names_all (a, e)
              && (ignore_lines || e->line < 0 || a->line == e->line))
            a->matched = e->matched = TRUE;
        }
      if (e->matched)
        matched++;
      else
        {
          missing++;
          g_print ("planted but not reported: %s\n", e->text);
        }
    }
  for (guint j = 0; j < actual->len; j++)
    {
      Entry *a = g_ptr_array_index (actual, j);
      if (!a->matched && (g_strv_contains ((const char * const *) rules, a->rule)
                          || in_families (a->rule, families)))
        {
          unexpected++;
          g_print ("reported but not planted: %s\n", a->text);
        }
    }
  g_print ("findings-match: %u matched, %u planted but not reported, %u reported but not planted"
           ", %u planted entries of rules not compared\n", matched, missing, unexpected, skipped);
  return missing || unexpected ? 1 : 0;
}
