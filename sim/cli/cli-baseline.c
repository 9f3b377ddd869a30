/* SPDX-License-Identifier: MIT */
/* cli-baseline.c: --baseline FILE, the findings a team accepted once (a
 * `peerplan check --format json` output), so that CI fails on new findings
 * only (cli.h).  A finding matches an entry by its rule and the set of
 * objects it names (after imported objects got their addresses), never by
 * line or message, which move when the scenario is edited. */
#include "sim/cli/cli.h"
#include "model/pp-rules.h"

#include <json-glib/json-glib.h>
#include <string.h>

char *pp_cli_baseline = NULL;

#define BASELINE_HINT "write one with: peerplan check --format json SCENARIO > FILE"

typedef struct {
  char *rule;                   /* as the file gives it */
  GStrv objects;
  guint line;                   /* where the entry starts in the file */
  gboolean used;
} Entry;

typedef struct {
  char *file;
  GArray *entries;              /* Entry */
  GHashTable *index;            /* key -> GArray of guint (entry indexes) */
} Baseline;

/* The one baseline of the run (loaded on first use; the process ends
 * after one verb, which is when it goes). */
static Baseline *baseline;

/* Where each entry of the top-level "findings" array starts: JsonParser
 * gives the line only while it parses, so its signals note the line of
 * every object that is an element of an array member of the root. */
typedef struct {
  int depth;                    /* containers open */
  GArray *current;              /* lines of the objects of the array being read */
  GArray *findings;             /* those of "findings", once read */
} Lines;

static void
on_object_start (JsonParser *parser, gpointer data)
{
  Lines *l = data;
  guint line = (guint) json_parser_get_current_line (parser);

  if (l->depth == 2)
    g_array_append_val (l->current, line);
  l->depth++;
}

static void
on_array_start (JsonParser *parser, gpointer data)
{
  Lines *l = data;

  (void) parser;
  if (l->depth == 1)
    g_array_set_size (l->current, 0);
  l->depth++;
}

static void
on_end (JsonParser *parser, gpointer container, gpointer data)
{
  Lines *l = data;

  (void) parser;
  (void) container;
  l->depth--;
}

static void
on_object_member (JsonParser *parser, JsonObject *object, const char *name, gpointer data)
{
  Lines *l = data;

  (void) parser;
  (void) object;
  if (l->depth == 1 && g_str_equal (name, "findings"))
    {
      g_array_set_size (l->findings, 0);
      g_array_append_vals (l->findings, l->current->data, l->current->len);
    }
}

static int
compare_str (const void *a, const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* "RULE\nOBJECT\nOBJECT...", the objects sorted: a finding is matched by
 * the set of objects it names (a check may name two VPCs in either order
 * as the scenario grows). */
static char *
entry_key (const char *rule, const char * const *objects)
{
  guint n = objects != NULL ? g_strv_length ((char **) objects) : 0;
  g_autofree const char **sorted = g_new0 (const char *, n + 1);
  GString *key = g_string_new (rule);

  if (n > 0)
    memcpy (sorted, objects, n * sizeof (char *));
  qsort (sorted, n, sizeof (char *), compare_str);
  for (guint k = 0; k < n; k++)
    {
      g_string_append_c (key, '\n');
      g_string_append (key, sorted[k]);
    }
  return g_string_free (key, FALSE);
}

static void
baseline_free (Baseline *b)
{
  for (guint i = 0; i < b->entries->len; i++)
    {
      Entry *e = &g_array_index (b->entries, Entry, i);

      g_free (e->rule);
      g_strfreev (e->objects);
    }
  g_array_unref (b->entries);
  g_hash_table_unref (b->index);
  g_free (b->file);
  g_free (b);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Baseline, baseline_free)

/* A bad baseline: "FILE:LINE: MESSAGE (hint: ...)", an input error. */
static gboolean
bad (GError **error, const char *file, guint line, const char *format, ...) G_GNUC_PRINTF (4, 5);
static gboolean
bad (GError **error, const char *file, guint line, const char *format, ...)
{
  va_list ap;
  g_autofree char *message = NULL;
  g_autofree char *where = line > 0 ? g_strdup_printf ("%s:%u", file, line) : g_strdup (file);

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "%s: --baseline: %s (hint: " BASELINE_HINT ")", where, message);
  return FALSE;
}

static Baseline *
baseline_load (const char *file, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GArray) current = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) local = NULL;
  g_autoptr(Baseline) b = g_new0 (Baseline, 1);
  Lines l = { 0, current, lines };
  JsonNode *root, *version;
  JsonObject *top;
  JsonArray *findings;

  b->file = g_strdup (file);
  b->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  b->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);

  g_signal_connect (parser, "object-start", G_CALLBACK (on_object_start), &l);
  g_signal_connect (parser, "array-start", G_CALLBACK (on_array_start), &l);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_end), &l);
  g_signal_connect (parser, "array-end", G_CALLBACK (on_end), &l);
  g_signal_connect (parser, "object-member", G_CALLBACK (on_object_member), &l);
  if (!json_parser_load_from_file (parser, file, &local))
    {
      if (local->domain == G_FILE_ERROR)
        {
          g_set_error (error, local->domain, local->code, "--baseline %s: %s (hint: " BASELINE_HINT ")",
                       file, local->message);
          return NULL;
        }
      /* json-glib's syntax errors start with "FILE:LINE:COLUMN: " */
      if (g_str_has_prefix (local->message, file) && local->message[strlen (file)] == ':')
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     "%s (--baseline is not JSON; hint: " BASELINE_HINT ")", local->message);
      else
        bad (error, file, 0, "not JSON: %s", local->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      bad (error, file, root != NULL ? 1 : 0,
           root == NULL ? "the file is empty, not a peerplan JSON report"
           : "not a peerplan JSON report: expected an object with \"version\" and \"findings\"");
      return NULL;
    }
  top = json_node_get_object (root);
  version = json_object_get_member (top, "version");
  if (version == NULL || json_node_get_value_type (version) != G_TYPE_INT64
      || json_node_get_int (version) != 1)
    {
      bad (error, file, 1, version == NULL
           ? "no \"version\": not a peerplan JSON report"
           : "\"version\" is not 1, the version of the report this peerplan reads");
      return NULL;
    }
  if (!json_object_has_member (top, "findings")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (top, "findings")))
    {
      bad (error, file, 1, "no \"findings\" array: not the report of check, plan or cost");
      return NULL;
    }
  findings = json_object_get_array_member (top, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonNode *node = json_array_get_element (findings, i);
      guint line = i < lines->len ? g_array_index (lines, guint, i) : 0;
      JsonObject *o;
      JsonNode *rule, *objects;
      Entry e = { 0 };
      GArray *same;
      guint at = b->entries->len;
      g_autofree char *key = NULL;
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          bad (error, file, 0, "findings[%u] is not an object", i);
          return NULL;
        }
      o = json_node_get_object (node);
      rule = json_object_get_member (o, "rule");
      objects = json_object_get_member (o, "objects");
      if (rule == NULL || json_node_get_value_type (rule) != G_TYPE_STRING)
        {
          bad (error, file, line, "findings[%u] has no \"rule\" string", i);
          return NULL;
        }
      if (objects == NULL || !JSON_NODE_HOLDS_ARRAY (objects))
        {
          bad (error, file, line, "findings[%u] has no \"objects\" array", i);
          return NULL;
        }
      for (guint k = 0; k < json_array_get_length (json_node_get_array (objects)); k++)
        {
          JsonNode *id = json_array_get_element (json_node_get_array (objects), k);

          if (json_node_get_value_type (id) != G_TYPE_STRING)
            {
              bad (error, file, line, "findings[%u].objects[%u] is not a string", i, k);
              return NULL;
            }
          g_ptr_array_add (ids, (gpointer) json_node_get_string (id));
        }
      g_ptr_array_add (ids, NULL);
      /* what an earlier baseline left unused is not a finding to accept */
      if (g_str_equal (json_node_get_string (rule), "baseline-unused"))
        continue;
      e.rule = g_strdup (json_node_get_string (rule));
      e.objects = g_strdupv ((char **) ids->pdata);
      e.line = line;
      key = entry_key (e.rule, (const char * const *) e.objects);
      g_array_append_val (b->entries, e);
      same = g_hash_table_lookup (b->index, key);
      if (same == NULL)
        {
          same = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (b->index, g_steal_pointer (&key), same);
        }
      g_array_append_val (same, at);
    }
  return g_steal_pointer (&b);
}

static const char *
accept (const PpFinding *f, gpointer data)
{
  Baseline *b = data;
  g_autofree char *key = entry_key (f->rule, (const char * const *) f->objects);
  GArray *same = g_hash_table_lookup (b->index, key);

  if (same == NULL)
    return NULL;
  for (guint k = 0; k < same->len; k++)
    g_array_index (b->entries, Entry, g_array_index (same, guint, k)).used = TRUE;
  return b->file;
}

gboolean
pp_cli_baseline_apply (PpFindings *f, guint from, GError **error)
{
  if (pp_cli_baseline == NULL)
    return TRUE;
  if (baseline == NULL)
    {
      baseline = baseline_load (pp_cli_baseline, error);
      if (baseline == NULL)
        return FALSE;
    }
  pp_findings_suppress (f, from, PP_SUPPRESSION_EXTERNAL, accept, baseline);
  return TRUE;
}

void
pp_cli_baseline_finish (PpFindings *f)
{
  if (baseline == NULL)
    return;
  for (guint i = 0; i < baseline->entries->len; i++)
    {
      const Entry *e = &g_array_index (baseline->entries, Entry, i);
      g_autofree char *names = g_strjoinv ("', '", e->objects);
      PpFinding *fi;

      if (e->used)
        continue;
      fi = pp_findings_add (f, "baseline-unused", baseline->file, e->line,
                            (const char * const *) e->objects,
                            "the baseline's %s finding%s%s%s matches no finding",
                            e->rule, *names != '\0' ? " on '" : "", names,
                            *names != '\0' ? "'" : "");
      pp_finding_set_hint (fi, "if it was fixed, write the baseline again to drop it: "
                           "peerplan check --format json SCENARIO > %s", baseline->file);
    }
  g_clear_pointer (&baseline, baseline_free);
}
