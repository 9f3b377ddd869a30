/* SPDX-License-Identifier: MIT */
/* pp-import.c: reading inputs, detecting their format, the records.
 *
 * DOC: an input is one or more JSON texts back to back (the aliyun CLI's
 * answers are often concatenated with `cat`).  Each text is cut out by a
 * scan that knows strings and nesting, parsed by json-glib, recognised by
 * its members and handed to the Terraform or the API reader, which append
 * records.  pp_importer_finish() (pp-import-build.c) builds the model.
 */
#include "import/pp-import-private.h"
#include "model/pp-error.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Every code but FAILED is something the user can fix: exit 2. */
PP_DEFINE_ERROR_QUARK (pp-import-error-quark, pp_import_error,
                       PP_IMPORT_ERROR_IO, PP_IMPORT_ERROR_PARSE, PP_IMPORT_ERROR_FORMAT,
                       PP_IMPORT_ERROR_VERSION, PP_IMPORT_ERROR_VALUE, PP_IMPORT_ERROR_REFERENCE,
                       PP_IMPORT_ERROR_DUPLICATE, PP_IMPORT_ERROR_OPTION)

static void
rec_free (PpRec *r)
{
  g_free (r->address);
  if (r->index != NULL)
    json_node_unref (r->index);
  g_free (r->uid);
  g_free (r->region);
  g_free (r->path);
  g_free (r->unknown);
  g_free (r->vals);
  if (r->list != NULL)
    json_object_unref (r->list);
  g_free (r);
}

static void
provider_free (PpProvider *p)
{
  g_free (p->alias);
  g_free (p->region);
  g_free (p->uid);
  g_free (p);
}

PpImporter *
pp_importer_new (void)
{
  PpImporter *imp = g_new0 (PpImporter, 1);

  imp->recs = g_ptr_array_new_with_free_func ((GDestroyNotify) rec_free);
  imp->trees = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  imp->strings = g_string_chunk_new (4096);
  imp->by_address = g_hash_table_new (g_str_hash, g_str_equal);
  imp->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  imp->providers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) provider_free);
  imp->opt_accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp->opt_regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp->files = g_ptr_array_new ();
  imp->ignored_types = g_hash_table_new (g_str_hash, g_str_equal);
  return imp;
}

void
pp_importer_free (PpImporter *imp)
{
  if (imp == NULL)
    return;
  g_hash_table_unref (imp->by_address);
  g_hash_table_unref (imp->by_id);
  g_ptr_array_unref (imp->recs);
  g_ptr_array_unref (imp->trees);
  g_hash_table_unref (imp->providers);
  g_hash_table_unref (imp->opt_accounts);
  g_hash_table_unref (imp->opt_regions);
  g_ptr_array_unref (imp->files);
  g_hash_table_unref (imp->ignored_types);
  g_string_chunk_free (imp->strings);
  g_free (imp);
}

const char *
pp_import_intern (PpImporter *imp, const char *s)
{
  return s != NULL ? g_string_chunk_insert_const (imp->strings, s) : NULL;
}

gboolean
pp_import_fail (GError **error, PpImportError code, const char *file, const char *path,
                const char *format, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (path != NULL)
    g_set_error (error, PP_IMPORT_ERROR, code, "%s: %s: %s", file, path, msg);
  else
    g_set_error (error, PP_IMPORT_ERROR, code, "%s: %s", file, msg);
  return FALSE;
}

PpRec *
pp_import_add_rec (PpImporter *imp, const char *file, const char *type,
                   char *address, char *path, JsonObject *values)
{
  PpRec *r = g_new0 (PpRec, 1);

  r->type = pp_import_intern (imp, type);
  r->address = address;
  r->path = path;
  r->file = file;
  r->object = PP_NONE;
  g_ptr_array_add (imp->recs, r);
  if (address != NULL)
    g_hash_table_insert (imp->by_address, address, r);
  if (values != NULL)
    pp_rec_set_values (imp, r, values);
  if (values != NULL && (g_str_equal (type, "alicloud_vpcs") || g_str_equal (type, "alicloud_vswitches")))
    r->list = json_object_ref (values);
  return r;
}

static void
add_val (PpImporter *imp, GArray *vals, const char *name, JsonNode *n)
{
  PpVal v = { pp_import_intern (imp, name), NULL, 0, PP_VAL_OTHER };

  if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    {
      v.kind = PP_VAL_STRING;
      v.str = g_string_chunk_insert (imp->strings, json_node_get_string (n));
    }
  else if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_INT64)
    {
      v.kind = PP_VAL_INT;
      v.num = json_node_get_int (n);
    }
  else if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_DOUBLE)
    {
      v.kind = PP_VAL_INT;
      v.num = (gint64) json_node_get_double (n);
    }
  else
    return;                     /* null, bool, lists and maps: not read */
  g_array_append_val (vals, v);
}

void
pp_rec_set_values (PpImporter *imp, PpRec *rec, JsonObject *values)
{
  g_autoptr(GArray) vals = g_array_new (FALSE, FALSE, sizeof (PpVal));
  JsonObjectIter it;
  const char *name;
  JsonNode *n;

  json_object_iter_init (&it, values);
  while (json_object_iter_next (&it, &name, &n))
    {
      if (g_str_equal (name, "next_hops") && JSON_NODE_HOLDS_ARRAY (n)
          && json_array_get_length (json_node_get_array (n)) > 0
          && JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (n), 0)))
        {
          JsonObject *hop = json_array_get_object_element (json_node_get_array (n), 0);
          JsonObjectIter hit;
          const char *hname;
          JsonNode *hn;

          json_object_iter_init (&hit, hop);
          while (json_object_iter_next (&hit, &hname, &hn))
            {
              g_autofree char *flat = g_strdup_printf ("next_hops.0.%s", hname);
              add_val (imp, vals, flat, hn);
            }
          continue;
        }
      add_val (imp, vals, name, n);
    }
  g_free (rec->vals);
  rec->n_vals = vals->len;
  rec->vals = (PpVal *) (void *) g_array_free (g_steal_pointer (&vals), FALSE);
}

static const PpVal *
rec_val (const PpRec *rec, const char *name)
{
  for (guint i = 0; i < rec->n_vals; i++)
    if (strcmp (rec->vals[i].name, name) == 0)
      return &rec->vals[i];
  return NULL;
}

const char *
pp_rec_str (const PpRec *rec, const char *name)
{
  const PpVal *v = rec_val (rec, name);

  return v != NULL && v->kind == PP_VAL_STRING ? v->str : NULL;
}

gboolean
pp_rec_int (const PpRec *rec, const char *name, gint64 *out)
{
  const PpVal *v = rec_val (rec, name);

  if (v == NULL)
    return FALSE;
  if (v->kind == PP_VAL_INT)
    {
      *out = v->num;
      return TRUE;
    }
  return v->kind == PP_VAL_STRING
         && g_ascii_string_to_signed (v->str, 10, G_MININT64, G_MAXINT64, out, NULL);
}

void
pp_rec_set_str (PpImporter *imp, PpRec *rec, const char *name, const char *value)
{
  PpVal v = { pp_import_intern (imp, name), g_string_chunk_insert (imp->strings, value), 0, PP_VAL_STRING };

  rec->vals = g_renew (PpVal, rec->vals, rec->n_vals + 1);
  rec->vals[rec->n_vals++] = v;
}

void
pp_rec_forget (PpRec *rec, const char *name)
{
  for (guint i = 0; i < rec->n_vals; i++)
    if (strcmp (rec->vals[i].name, name) == 0)
      rec->vals[i].kind = PP_VAL_OTHER;
}

JsonObject *
pp_import_array_object (JsonArray *a, guint i)
{
  JsonNode *n = a != NULL && i < json_array_get_length (a) ? json_array_get_element (a, i) : NULL;

  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

const char *
pp_import_array_string (JsonArray *a, guint i)
{
  JsonNode *n = a != NULL && i < json_array_get_length (a) ? json_array_get_element (a, i) : NULL;

  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
         ? json_node_get_string (n) : NULL;
}

const char *
pp_import_json_str (JsonObject *o, const char *member)
{
  JsonNode *n;

  if (o == NULL || (n = json_object_get_member (o, member)) == NULL
      || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

gboolean
pp_import_is_uid (const char *s)
{
  return strlen (s) == 16 && strspn (s, "0123456789") == 16;
}

gboolean
pp_import_json_int (JsonObject *o, const char *member, gint64 *out)
{
  JsonNode *n;

  if (o == NULL || (n = json_object_get_member (o, member)) == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return FALSE;
  if (json_node_get_value_type (n) == G_TYPE_INT64)
    *out = json_node_get_int (n);
  else if (json_node_get_value_type (n) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (n);

      /* 1e300 or inf would not fit: converting it is undefined */
      if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
        return FALSE;
      *out = (gint64) d;
    }
  else if (json_node_get_value_type (n) == G_TYPE_STRING)
    return g_ascii_string_to_signed (json_node_get_string (n), 10, G_MININT64, G_MAXINT64, out, NULL);
  else
    return FALSE;
  return TRUE;
}

gboolean
pp_rec_unknown (const PpRec *rec, const char *member)
{
  for (guint i = 0; rec->unknown != NULL && rec->unknown[i] != NULL; i++)
    if (strcmp (rec->unknown[i], member) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
set_assignment (GHashTable *table, const char *option, const char *assignment,
                gboolean uid, GError **error)
{
  const char *eq = strchr (assignment, '=');
  g_autofree char *name = NULL;

  if (eq == NULL || eq == assignment || eq[1] == '\0')
    {
      g_set_error (error, PP_IMPORT_ERROR, PP_IMPORT_ERROR_OPTION,
                   "--%s %s: write NAME=%s (NAME is a provider alias, \"default\" for the provider without one)",
                   option, assignment, uid ? "UID" : "REGION");
      return FALSE;
    }
  if (uid && !pp_import_is_uid (eq + 1))
    {
      g_set_error (error, PP_IMPORT_ERROR, PP_IMPORT_ERROR_OPTION,
                   "--account %s: an account UID is 16 digits (the main account's, as in acs:ram::UID:role/...)",
                   assignment);
      return FALSE;
    }
  name = g_strndup (assignment, (gsize) (eq - assignment));
  g_hash_table_replace (table, g_steal_pointer (&name), g_strdup (eq + 1));
  return TRUE;
}

gboolean
pp_importer_set_account (PpImporter *imp, const char *assignment, GError **error)
{
  return set_assignment (imp->opt_accounts, "account", assignment, TRUE, error);
}

gboolean
pp_importer_set_region (PpImporter *imp, const char *assignment, GError **error)
{
  return set_assignment (imp->opt_regions, "region", assignment, FALSE, error);
}

PpImportFormat
pp_import_detect (const char *data, gsize len)
{
  gsize i = 0;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  return i < len && (data[i] == '{' || data[i] == '[') ? PP_IMPORT_FORMAT_JSON : PP_IMPORT_FORMAT_NONE;
}

/* The end (exclusive) of the JSON text that starts at @start, or 0 when
 * the data ends first; *@line counts the newlines passed. */
static gsize
text_end (const char *d, gsize len, gsize start, guint *line)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = start; i < len; i++)
    {
      char c = d[i];

      if (c == '\n')
        (*line)++;
      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '{':
        case '[':
          depth++;
          break;
        case '}':
        case ']':
          if (depth == 0 || --depth == 0)
            return i + 1;
          break;
        default:
          break;
        }
    }
  return 0;
}

/* The end (exclusive) of the scalar that starts at @i. */
static gsize
scalar_end (const char *d, gsize len, gsize i)
{
  if (i < len && d[i] == '"')
    {
      for (i++; i < len; i++)
        {
          if (d[i] == '\\')
            i++;
          else if (d[i] == '"')
            return i + 1;
        }
      return 0;
    }
  while (i < len && strchr (",}] \t\r\n", d[i]) == NULL)
    i++;
  return i;
}

static gsize
skip_space (const char *d, gsize len, gsize i)
{
  while (i < len && g_ascii_isspace (d[i]))
    i++;
  return i;
}

void
pp_import_spans_clear (GArray *spans)
{
  for (guint i = 0; i < spans->len; i++)
    g_free (g_array_index (spans, PpJsonSpan, i).key);
  g_array_set_size (spans, 0);
}

gboolean
pp_import_spans (const char *d, gsize len, gsize start, GArray *out)
{
  gboolean object;
  gsize i = skip_space (d, len, start);
  guint line = 0;

  if (i >= len || (d[i] != '{' && d[i] != '['))
    return FALSE;
  object = d[i] == '{';
  i = skip_space (d, len, i + 1);
  if (i < len && d[i] == (object ? '}' : ']'))
    return TRUE;
  for (;;)
    {
      PpJsonSpan sp = { NULL, 0, 0 };

      if (object)
        {
          gsize k = scalar_end (d, len, i);
          g_autoptr(JsonNode) key = NULL;

          if (k == 0 || d[i] != '"' || (key = pp_import_parse (d + i, k - i, NULL)) == NULL)
            return FALSE;
          sp.key = g_strdup (json_node_get_string (key));
          i = skip_space (d, len, k);
          if (i >= len || d[i] != ':')
            {
              g_free (sp.key);
              return FALSE;
            }
          i = skip_space (d, len, i + 1);
        }
      sp.start = i;
      sp.end = i < len && (d[i] == '{' || d[i] == '[') ? text_end (d, len, i, &line) : scalar_end (d, len, i);
      if (sp.end == 0 || sp.end == sp.start)
        {
          g_free (sp.key);
          return FALSE;
        }
      g_array_append_val (out, sp);
      i = skip_space (d, len, sp.end);
      if (i < len && d[i] == ',')
        {
          i = skip_space (d, len, i + 1);
          continue;
        }
      return i < len && d[i] == (object ? '}' : ']');
    }
}

JsonNode *
pp_import_parse (const char *text, gsize len, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, text, (gssize) len, error))
    return NULL;
  return json_parser_steal_root (parser);
}

void
pp_import_release (PpImporter *imp, const char *upto)
{
  long page = sysconf (_SC_PAGESIZE);
  gsize done;

  if (imp->map == NULL || upto < imp->map || upto > imp->map + imp->map_len || page <= 0)
    return;
  done = (gsize) (upto - imp->map) / (gsize) page * (gsize) page;
  if (done > imp->released)
    {
      (void) madvise ((void *) (imp->map + imp->released), done - imp->released, MADV_DONTNEED);
      imp->released = done;
    }
}

/* The code point of a character XML 1.0 cannot hold (a C0 control but tab,
 * line feed and carriage return; U+FFFE, U+FFFF) that the JSON text
 * @text holds, raw or escaped ("\b", "\u0010"), or -1 if there is none;
 * *@line counts the lines up to it.  Every string of an input may end up
 * in the scenario's XML (an id, a name, an origin): refusing here, with
 * the line, is what keeps the written scenario loadable.  Invalid UTF-8
 * answers 0xFFFD. */
static gint32
text_forbidden_char (const char *text, gsize len, guint *line)
{
  const char *bad = NULL;

  if (!g_utf8_validate_len (text, len, &bad))
    {
      for (const char *c = text; c < bad; c++)
        *line += *c == '\n';
      return 0xFFFD;
    }
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];

      if (c == '\n')
        (*line)++;
      else if (c < 0x20 && c != '\t' && c != '\r')
        return c;
      else if (c == 0xEF && i + 2 < len && (guchar) text[i + 1] == 0xBF
               && ((guchar) text[i + 2] == 0xBE || (guchar) text[i + 2] == 0xBF))
        return (guchar) text[i + 2] == 0xBE ? 0xFFFE : 0xFFFF;
      else if (c == '\\' && i + 1 < len)
        {
          char e = text[++i];
          gint64 u;

          if (e == 'b' || e == 'f')
            return e == 'b' ? 0x08 : 0x0C;
          if (e == 'u' && i + 4 < len && g_ascii_isxdigit (text[i + 1])
              && g_ascii_isxdigit (text[i + 2]) && g_ascii_isxdigit (text[i + 3])
              && g_ascii_isxdigit (text[i + 4]))
            {
              u = (g_ascii_xdigit_value (text[i + 1]) << 12) | (g_ascii_xdigit_value (text[i + 2]) << 8)
                | (g_ascii_xdigit_value (text[i + 3]) << 4) | g_ascii_xdigit_value (text[i + 4]);
              if ((u < 0x20 && u != '\t' && u != '\n' && u != '\r') || u == 0xFFFE || u == 0xFFFF)
                return (gint32) u;
            }
        }
    }
  return -1;
}

static gboolean
import_text (PpImporter *imp, const char *text, gsize len, const char *file,
             guint first_line, guint nth, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (PpJsonSpan));
  gboolean plan = FALSE, version = FALSE;
  JsonNode *root;
  JsonObject *o;
  guint line = first_line;
  gint32 bad = text_forbidden_char (text, len, &line);

  if (bad == 0xFFFD)
    return pp_import_fail (error, PP_IMPORT_ERROR_PARSE, file, NULL,
                           "line %u: the JSON text is not valid UTF-8 (produce it again, or convert it to UTF-8)", line);
  if (bad >= 0)
    return pp_import_fail (error, PP_IMPORT_ERROR_VALUE, file, NULL,
                           "line %u: the JSON text holds the character U+%04X, which a scenario cannot hold (XML 1.0 allows no control characters but tab and line breaks); remove it",
                           line, (guint) bad);

  /* A plan is read member by member (its planned values are never
   * parsed): memory follows one resource, not the whole file. */
  if (pp_import_spans (text, len, 0, members))
    for (guint i = 0; i < members->len; i++)
      {
        const char *key = g_array_index (members, PpJsonSpan, i).key;
        plan |= g_strcmp0 (key, "resource_changes") == 0;
        version |= g_strcmp0 (key, "format_version") == 0;
      }
  if (plan && version)
    {
      gboolean ok = pp_import_terraform_plan (imp, text, len, members, file, error);
      pp_import_spans_clear (members);
      return ok;
    }
  pp_import_spans_clear (members);
  if ((root = pp_import_parse (text, len, &local)) == NULL)
    return pp_import_fail (error, PP_IMPORT_ERROR_PARSE, file, NULL,
                           "the JSON text starting at line %u does not parse: %s (hint: is it cut short? produce it again)",
                           first_line, local->message);
  g_ptr_array_add (imp->trees, root);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return pp_import_fail (error, PP_IMPORT_ERROR_FORMAT, file, nth > 0 ? "" : NULL,
                           "is a JSON %s, not an object; peerplan imports terraform show -json (plan or state), terraform.tfstate (version 4) and aliyun CLI answers (docs/import.md)",
                           JSON_NODE_HOLDS_ARRAY (root) ? "array" : "value");
  o = json_node_get_object (root);
  if (pp_import_is_terraform (o))
    return pp_import_terraform (imp, root, file, error);
  if (pp_import_is_api (o))
    return pp_import_api (imp, root, file, error);
  {
    g_autoptr(GList) keys = json_object_get_members (o);
    g_autoptr(GString) names = g_string_new (NULL);
    guint k = 0;

    keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
    for (GList *l = keys; l != NULL && k < 6; l = l->next, k++)
      g_string_append_printf (names, "%s%s", k ? ", " : "", (const char *) l->data);
    return pp_import_fail (error, PP_IMPORT_ERROR_FORMAT, file, NULL,
                           "the JSON object at line %u (members: %s) is none of the formats peerplan imports: terraform show -json of a plan or a state (format_version 1.x), terraform.tfstate (version 4), or an aliyun CLI answer of DescribeVpcs, DescribeVSwitches, DescribeRouteTableList, DescribeRouteEntryList, DescribeRouterInterfaces, DescribeInstances or ListVpcPeerConnections (docs/import.md)",
                           first_line, names->len ? names->str : "none");
  }
}

gboolean
pp_importer_add_bytes (PpImporter *imp, GBytes *bytes, const char *name, GError **error)
{
  gsize len = 0;
  const char *d = g_bytes_get_data (bytes, &len);
  const char *file = pp_import_intern (imp, name);
  gsize i = 0;
  guint line = 1;
  guint nth = 0;

  g_ptr_array_add (imp->files, (gpointer) file);
  if (len >= 3 && memcmp (d, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  for (;;)
    {
      guint start_line;
      gsize end;

      while (i < len && g_ascii_isspace (d[i]))
        {
          if (d[i] == '\n')
            line++;
          i++;
        }
      if (i >= len)
        break;
      if (d[i] != '{' && d[i] != '[')
        return pp_import_fail (error, PP_IMPORT_ERROR_PARSE, file, NULL,
                               "line %u: %s; peerplan imports JSON (terraform show -json, terraform.tfstate, aliyun CLI answers)",
                               line, nth == 0 ? "this is not JSON" : "text after the JSON answers is not JSON");
      start_line = line;
      end = text_end (d, len, i, &line);
      if (end == 0)
        return pp_import_fail (error, PP_IMPORT_ERROR_PARSE, file, NULL,
                               "the JSON text starting at line %u ends early, at line %u: the file is truncated (produce it again: terraform show -json, or the aliyun command, and check the disk was not full)",
                               start_line, line);
      if (!import_text (imp, d + i, end - i, file, start_line, nth, error))
        return FALSE;
      nth++;
      i = end;
    }
  if (nth == 0)
    return pp_import_fail (error, PP_IMPORT_ERROR_PARSE, file, NULL,
                           "is empty; give terraform show -json output, a terraform.tfstate or aliyun CLI answers");
  return TRUE;
}

static gboolean
add_mapped (PpImporter *imp, GMappedFile *map, const char *name, GError **error)
{
  g_autoptr(GBytes) bytes = g_mapped_file_get_bytes (map);
  gboolean ok;

  imp->map = g_mapped_file_get_contents (map);
  imp->map_len = g_mapped_file_get_length (map);
  imp->released = 0;
  ok = pp_importer_add_bytes (imp, bytes, name, error);
  imp->map = NULL;
  return ok;
}

gboolean
pp_importer_add_file (PpImporter *imp, const char *file, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GMappedFile) map = g_mapped_file_new (file, FALSE, &local);

  if (map == NULL)
    {
      g_set_error (error, PP_IMPORT_ERROR, PP_IMPORT_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  return add_mapped (imp, map, file, error);
}

gboolean
pp_importer_add_fd (PpImporter *imp, int fd, const char *name, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GMappedFile) map = g_mapped_file_new_from_fd (fd, FALSE, &local);

  if (map == NULL)
    {
      g_set_error (error, PP_IMPORT_ERROR, PP_IMPORT_ERROR_IO, "%s: %s", name, local->message);
      return FALSE;
    }
  return add_mapped (imp, map, name, error);
}
