/* SPDX-License-Identifier: MIT */
/* pp-import-tf.c: Terraform's JSON: `terraform show -json` of a plan or a
 * state (format_version 1.x) and the raw terraform.tfstate (version 4).
 *
 * DOC: formats as documented in Terraform's "JSON Output Format"
 * (developer.hashicorp.com/terraform/internals/json-format) and its code
 * (internal/command/jsonplan, jsonstate, jsonconfig; internal/states/
 * statefile/version4.go).  A plan gives each resource's values after apply
 * (change.after), which of them are unknown until apply
 * (change.after_unknown), and the configuration: the references of each
 * argument and the provider configuration (alias, region, assume_role) it
 * uses.  The state JSON gives values only and drops the provider alias;
 * the raw tfstate keeps it in `provider`.
 */
#include "import/pp-import-private.h"

#include <string.h>

/* ------------------------------------------------------------------ */
/* Detection and versions                                              */

gboolean
pp_import_is_terraform (JsonObject *o)
{
  if (json_object_has_member (o, "format_version"))
    return TRUE;
  return json_object_has_member (o, "terraform_version")
         || (json_object_has_member (o, "version") && json_object_has_member (o, "resources")
             && json_object_has_member (o, "lineage"));
}

static gboolean
check_format_version (JsonObject *o, const char *file, GError **error)
{
  const char *v = pp_import_json_str (o, "format_version");

  if (v == NULL)
    return pp_import_fail (error, PP_IMPORT_ERROR_FORMAT, file, "format_version",
                           "is missing or not a string; give the output of terraform show -json (Terraform 1.1 or later)");
  if (!g_str_has_prefix (v, "1.") && !g_str_equal (v, "1"))
    return pp_import_fail (error, PP_IMPORT_ERROR_VERSION, file, "format_version",
                           "\"%s\": peerplan reads format_version 1.x (a new major version changes the format incompatibly); produce the file with a Terraform that writes 1.x, or report the new version",
                           v);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Addresses and module paths                                          */

static void
append_index (GString *s, JsonNode *index)
{
  if (index == NULL || !JSON_NODE_HOLDS_VALUE (index))
    return;
  if (json_node_get_value_type (index) == G_TYPE_STRING)
    {
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autofree char *quoted = NULL;

      json_generator_set_root (gen, index);
      quoted = json_generator_to_data (gen, NULL);
      g_string_append_printf (s, "[%s]", quoted);
    }
  else
    g_string_append_printf (s, "[%" G_GINT64_FORMAT "]", json_node_get_int (index));
}

/* "module.a[0].module.b[\"k\"]" -> "module.a.module.b" */
static char *
strip_indices (const char *path)
{
  GString *s = g_string_new (NULL);
  gboolean in_index = FALSE, in_string = FALSE;

  for (const char *p = path; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
          continue;
        }
      if (in_index)
        {
          if (*p == '"')
            in_string = TRUE;
          else if (*p == ']')
            in_index = FALSE;
          continue;
        }
      if (*p == '[')
        in_index = TRUE;
      else
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

/* Member @m of @o if it is an object (an array), else NULL: Terraform's
 * JSON is input, and json-glib's typed getters are critical on a missing
 * member or another type. */
static JsonObject *
obj_member (JsonObject *o, const char *m)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, m) : NULL;

  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static JsonArray *
arr_member (JsonObject *o, const char *m)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, m) : NULL;

  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

/* The configuration of module @path (no indices), or NULL. */
static JsonObject *
config_module (PpImporter *imp, const char *path)
{
  JsonObject *m;
  g_auto(GStrv) parts = NULL;

  if (imp->configuration == NULL)
    return NULL;
  m = obj_member (imp->configuration, "root_module");
  if (path == NULL || *path == '\0')
    return m;
  parts = g_strsplit (path, ".", -1);
  for (guint i = 0; parts[i] != NULL && m != NULL; i += 2)
    {
      JsonObject *calls, *call;

      if (!g_str_equal (parts[i], "module") || parts[i + 1] == NULL)
        return NULL;
      calls = obj_member (m, "module_calls");
      call = obj_member (calls, parts[i + 1]);
      m = obj_member (call, "module");
    }
  return m;
}

/* The configuration resource of @address ("alicloud_vpc.hub",
 * "data.alicloud_account.this") in module @path, or NULL. */
static JsonObject *
config_resource (PpImporter *imp, const char *path, const char *address)
{
  g_autofree char *stripped = strip_indices (path != NULL ? path : "");
  JsonObject *m = config_module (imp, stripped);
  JsonArray *res;

  if (m == NULL || !json_object_has_member (m, "resources"))
    return NULL;
  res = arr_member (m, "resources");
  for (guint i = 0; i < json_array_get_length (res); i++)
    {
      JsonObject *r = pp_import_array_object (res, i);

      if (g_strcmp0 (pp_import_json_str (r, "address"), address) == 0)
        return r;
    }
  return NULL;
}

/* Splits "module.a[0].module.b" into its parent "module.a[0]" and the call
 * name "b"; FALSE at the root. */
static gboolean
split_module (const char *inst, char **parent, char **call)
{
  const char *last = NULL;
  guint depth = 0;
  gboolean in_string = FALSE;
  const char *name, *end;

  for (const char *p = inst; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
          continue;
        }
      if (*p == '"')
        in_string = TRUE;
      else if (*p == '[')
        depth++;
      else if (*p == ']')
        depth--;
      else if (depth == 0 && g_str_has_prefix (p, "module.") && (p == inst || p[-1] == '.'))
        last = p;
    }
  if (last == NULL)
    return FALSE;
  *parent = last == inst ? g_strdup ("") : g_strndup (inst, (gsize) (last - inst - 1));
  name = last + strlen ("module.");
  end = name + strcspn (name, ".[");
  *call = g_strndup (name, (gsize) (end - name));
  return TRUE;
}

static PpRec *follow (PpImporter *imp, const char *module, JsonArray *refs, JsonNode *index, guint depth);

static JsonArray *
expression_refs (JsonObject *expressions, const char *attr)
{
  JsonNode *n;
  JsonObject *e;

  if (expressions == NULL || (n = json_object_get_member (expressions, attr)) == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (n) && json_array_get_length (json_node_get_array (n)) > 0)
    n = json_array_get_element (json_node_get_array (n), 0);     /* a block */
  if (!JSON_NODE_HOLDS_OBJECT (n))
    return NULL;
  e = json_node_get_object (n);
  return arr_member (e, "references");
}

/* A resource reference "T.N", "T.N[0]", "T.N[\"k\"].attr", "data.T.N...";
 * returns the address in @module, honouring @index (the referrer's own
 * count.index / each.key) when the reference has none. */
static PpRec *
follow_resource (PpImporter *imp, const char *module, const char *ref, JsonNode *index)
{
  g_autoptr(GString) base = g_string_new (module);
  const char *p = ref;
  guint dots = g_str_has_prefix (ref, "data.") ? 3 : 2;
  PpRec *r;

  if (base->len > 0)
    g_string_append_c (base, '.');
  for (guint d = 0; *p != '\0'; p++)
    {
      if (*p == '.' && ++d == dots)
        break;
      if (*p == '[')
        break;
      g_string_append_c (base, *p);
    }
  if (*p == '[')
    {
      const char *close = strchr (p, ']');

      if (close != NULL)
        {
          g_string_append_len (base, p, close - p + 1);
          return g_hash_table_lookup (imp->by_address, base->str);
        }
    }
  if ((r = g_hash_table_lookup (imp->by_address, base->str)) != NULL)
    return r;
  if (index != NULL)
    {
      append_index (base, index);
      return g_hash_table_lookup (imp->by_address, base->str);
    }
  return NULL;
}

static PpRec *
follow_one (PpImporter *imp, const char *module, const char *ref, JsonNode *index, guint depth)
{
  if (g_str_has_prefix (ref, "var."))
    {
      g_autofree char *parent = NULL, *call = NULL, *stripped = NULL;
      g_autofree char *name = g_strndup (ref + 4, strcspn (ref + 4, ".["));
      JsonObject *m, *calls, *c;

      if (!split_module (module, &parent, &call))
        return NULL;            /* a root variable: a value, not a resource */
      stripped = strip_indices (parent);
      m = config_module (imp, stripped);
      calls = obj_member (m, "module_calls");
      c = obj_member (calls, call);
      if (c == NULL || !json_object_has_member (c, "expressions"))
        return NULL;
      return follow (imp, parent, expression_refs (obj_member (c, "expressions"), name),
                     NULL, depth + 1);
    }
  if (g_str_has_prefix (ref, "module."))
    {
      g_autofree char *stripped = strip_indices (module);
      g_autofree char *call = g_strndup (ref + 7, strcspn (ref + 7, ".["));
      const char *rest = ref + 7 + strlen (call);
      g_autofree char *index_text = NULL, *output = NULL, *inner = NULL;
      JsonObject *m = config_module (imp, stripped), *calls, *c, *cm, *outputs, *out, *expr;

      if (*rest == '[')
        {
          const char *close = strchr (rest, ']');
          if (close == NULL)
            return NULL;
          index_text = g_strndup (rest, (gsize) (close - rest + 1));
          rest = close + 1;
        }
      if (*rest != '.')
        return NULL;
      output = g_strndup (rest + 1, strcspn (rest + 1, ".["));
      calls = obj_member (m, "module_calls");
      c = obj_member (calls, call);
      cm = obj_member (c, "module");
      outputs = obj_member (cm, "outputs");
      out = obj_member (outputs, output);
      expr = obj_member (out, "expression");
      if (expr == NULL || !json_object_has_member (expr, "references"))
        return NULL;
      inner = g_strdup_printf ("%s%smodule.%s%s", module, *module ? "." : "", call,
                               index_text != NULL ? index_text : "");
      return follow (imp, inner, arr_member (expr, "references"), NULL, depth + 1);
    }
  if (g_str_has_prefix (ref, "count.") || g_str_has_prefix (ref, "each.") || g_str_has_prefix (ref, "local.")
      || g_str_has_prefix (ref, "path.") || g_str_has_prefix (ref, "terraform.") || g_str_has_prefix (ref, "self."))
    return NULL;
  return follow_resource (imp, module, ref, index);
}

static PpRec *
follow (PpImporter *imp, const char *module, JsonArray *refs, JsonNode *index, guint depth)
{
  if (refs == NULL || depth > 32)
    return NULL;
  for (guint i = 0; i < json_array_get_length (refs); i++)
    {
      const char *ref = pp_import_array_string (refs, i);
      PpRec *r = ref != NULL ? follow_one (imp, module, ref, index, depth) : NULL;

      if (r != NULL)
        return r;
    }
  return NULL;
}

PpRec *
pp_import_follow_refs (PpImporter *imp, PpRec *rec, const char *attr)
{
  return follow (imp, rec->module != NULL ? rec->module : "", expression_refs (rec->expressions, attr),
                 rec->index, 0);
}

/* The first reference of @attr, for messages. */
static const char *
first_ref (PpRec *rec, const char *attr)
{
  JsonArray *refs = expression_refs (rec->expressions, attr);

  return refs != NULL && json_array_get_length (refs) > 0 ? pp_import_array_string (refs, 0) : NULL;
}

PpRec *
pp_import_link (PpImporter *imp, PpRec *rec, const char *attr, GError **error)
{
  const char *v = pp_rec_str (rec, attr);
  g_autofree char *path = g_strdup_printf ("%s.%s", rec->path, attr);
  g_autofree char *who = rec->address != NULL ? g_strdup_printf ("%s: ", rec->address) : g_strdup ("");
  PpRec *r;

  if (v != NULL && *v != '\0')
    {
      if ((r = g_hash_table_lookup (imp->by_id, v)) != NULL)
        return r;
      pp_import_fail (error, PP_IMPORT_ERROR_REFERENCE, rec->file, path,
                      "%s\"%s\" names nothing in the input (import the state, plan or answers that hold %s as well, in the same command)",
                      who, v, v);
      return NULL;
    }
  if ((r = pp_import_follow_refs (imp, rec, attr)) != NULL)
    return r;
  if (first_ref (rec, attr) != NULL)
    pp_import_fail (error, PP_IMPORT_ERROR_REFERENCE, rec->file, path,
                    "%sthe configuration refers to %s, which is not in the plan (add the resource, or check that the plan is complete: terraform plan -out p && terraform show -json p)",
                    who, first_ref (rec, attr));
  else if (pp_rec_unknown (rec, attr))
    pp_import_fail (error, PP_IMPORT_ERROR_REFERENCE, rec->file, path,
                    "%sunknown until apply, and the configuration gives no reference to resolve it (write it as a reference to the resource, e.g. alicloud_vpc.x.id)",
                    who);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Providers                                                           */

/* "acs:ram::1234567890123456:role/name" -> "1234567890123456" */
static char *
uid_from_role_arn (const char *arn)
{
  const char *p;
  gsize n;

  if (arn == NULL || !g_str_has_prefix (arn, "acs:ram::"))
    return NULL;
  p = arn + strlen ("acs:ram::");
  n = strspn (p, "0123456789");
  return n == 16 && p[n] == ':' ? g_strndup (p, n) : NULL;
}

static PpProvider *
provider_get (PpImporter *imp, const char *alias)
{
  PpProvider *p = g_hash_table_lookup (imp->providers, alias);

  if (p == NULL)
    {
      p = g_new0 (PpProvider, 1);
      p->alias = g_strdup (alias);
      g_hash_table_insert (imp->providers, p->alias, p);
    }
  return p;
}

/* The constant value of expression @e, or of the root variable it names. */
static const char *
expression_string (PpImporter *imp, JsonObject *e)
{
  const char *v = pp_import_json_str (e, "constant_value");
  JsonArray *refs;

  if (v != NULL)
    return v;
  refs = arr_member (e, "references");
  for (guint i = 0; refs != NULL && i < json_array_get_length (refs); i++)
    {
      const char *ref = pp_import_array_string (refs, i);
      JsonObject *var;

      if (ref == NULL || !g_str_has_prefix (ref, "var.") || imp->variables == NULL
          || !json_object_has_member (imp->variables, ref + 4))
        continue;
      var = obj_member (imp->variables, ref + 4);
      if ((v = pp_import_json_str (var, "value")) != NULL)
        return v;
    }
  return NULL;
}

static JsonObject *
member_object (JsonObject *o, const char *m)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, m) : NULL;

  if (n != NULL && JSON_NODE_HOLDS_ARRAY (n) && json_array_get_length (json_node_get_array (n)) > 0)
    n = json_array_get_element (json_node_get_array (n), 0);
  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

/* configuration.provider_config: key -> alias, and each alias's region and
 * account as far as the configuration says. */
static GHashTable *
read_provider_config (PpImporter *imp, JsonObject *configuration)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObject *pc = member_object (configuration, "provider_config");
  g_autoptr(GList) members = NULL;

  if (pc == NULL)
    return keys;
  members = json_object_get_members (pc);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonObject *p = obj_member (pc, l->data);
      JsonObject *ex = member_object (p, "expressions");
      const char *alias = pp_import_json_str (p, "alias");
      PpProvider *prov;
      JsonObject *e;

      if (g_strcmp0 (pp_import_json_str (p, "name"), "alicloud") != 0)
        continue;
      prov = provider_get (imp, alias != NULL ? alias : "default");
      g_hash_table_insert (keys, g_strdup (l->data), g_strdup (prov->alias));
      if ((e = member_object (ex, "region")) != NULL && prov->region == NULL)
        prov->region = g_strdup (expression_string (imp, e));
      if ((e = member_object (member_object (ex, "assume_role"), "role_arn")) != NULL && prov->uid == NULL)
        prov->uid = uid_from_role_arn (expression_string (imp, e));
      if ((e = member_object (ex, "account_id")) != NULL && prov->uid == NULL)
        prov->uid = g_strdup (expression_string (imp, e));
    }
  return keys;
}

static const char *
alias_for_key (GHashTable *keys, const char *key)
{
  const char *colon;

  if (key == NULL)
    return NULL;
  if (g_hash_table_contains (keys, key))
    return g_hash_table_lookup (keys, key);
  /* a module's provider key is "module:alicloud.alias" when not passed in */
  colon = strrchr (key, ':');
  return colon != NULL ? g_hash_table_lookup (keys, colon + 1) : NULL;
}

/* ------------------------------------------------------------------ */
/* Resources                                                           */

static gboolean
interesting_provider (const char *provider_name)
{
  return provider_name == NULL || g_str_has_suffix (provider_name, "/alicloud") || g_str_equal (provider_name, "alicloud");
}

static PpRec *
add_resource (PpImporter *imp, JsonObject *r, JsonObject *values, const char *file,
              char *path, const char *module)
{
  const char *address = pp_import_json_str (r, "address");
  const char *type = pp_import_json_str (r, "type");
  PpRec *rec;

  if (address == NULL || type == NULL || values == NULL
      || g_hash_table_contains (imp->by_address, address))
    {
      g_free (path);
      return NULL;
    }
  rec = pp_import_add_rec (imp, file, type, g_strdup (address), path, values);
  rec->module = pp_import_intern (imp, module != NULL ? module : "");
  rec->data = g_strcmp0 (pp_import_json_str (r, "mode"), "data") == 0;
  if (json_object_has_member (r, "index"))
    rec->index = json_node_copy (json_object_get_member (r, "index"));
  return rec;
}

/* A values representation's module (state JSON, prior_state,
 * planned_values), recursively. */
static gboolean
read_values_module (PpImporter *imp, JsonObject *m, const char *file, const char *path,
                    GHashTable *keys, GError **error)
{
  JsonArray *res = arr_member (m, "resources");
  JsonArray *kids = arr_member (m, "child_modules");
  const char *module = pp_import_json_str (m, "address");

  for (guint i = 0; res != NULL && i < json_array_get_length (res); i++)
    {
      JsonObject *r = pp_import_array_object (res, i);
      JsonObject *values = r != NULL ? member_object (r, "values") : NULL;
      PpRec *rec;

      if (r == NULL || !interesting_provider (pp_import_json_str (r, "provider_name")))
        continue;
      rec = add_resource (imp, r, values, file, g_strdup_printf ("%s.resources[%u].values", path, i), module);
      if (rec != NULL && keys != NULL)
        {
          g_autofree char *local = rec->data ? g_strdup_printf ("data.%s.%s", rec->type, pp_import_json_str (r, "name"))
                                             : g_strdup_printf ("%s.%s", rec->type, pp_import_json_str (r, "name"));
          JsonObject *cr = config_resource (imp, module, local);
          const char *alias = alias_for_key (keys, pp_import_json_str (cr, "provider_config_key"));

          rec->expressions = member_object (cr, "expressions");
          rec->provider = pp_import_intern (imp, alias != NULL ? alias : "default");
        }
    }
  for (guint i = 0; kids != NULL && i < json_array_get_length (kids); i++)
    {
      g_autofree char *kpath = g_strdup_printf ("%s.child_modules[%u]", path, i);
      JsonObject *k = pp_import_array_object (kids, i);

      if (k != NULL && !read_values_module (imp, k, file, kpath, keys, error))
        return FALSE;
    }
  return TRUE;
}

/* One element of resource_changes: a record of what exists after apply. */
static void
plan_change (PpImporter *imp, JsonObject *rc, guint i, GHashTable *keys, const char *file)
{
  JsonObject *change = member_object (rc, "change");
  JsonArray *actions = arr_member (change, "actions");
  JsonObject *after = member_object (change, "after");
  JsonObject *unknown = member_object (change, "after_unknown");
  g_autofree char *local = NULL;
  JsonObject *cr;
  const char *alias;
  PpRec *rec;

  if (rc == NULL || !interesting_provider (pp_import_json_str (rc, "provider_name"))
      || pp_import_json_str (rc, "deposed") != NULL || after == NULL)
    return;
  if (actions != NULL && json_array_get_length (actions) == 1
      && g_strcmp0 (pp_import_array_string (actions, 0), "delete") == 0)
    return;                     /* gone after apply */
  rec = add_resource (imp, rc, after, file, g_strdup_printf ("resource_changes[%u].change.after", i),
                      pp_import_json_str (rc, "module_address"));
  if (rec == NULL)
    return;
  /* the element's tree goes; its after values were copied, the names of
   * what is unknown until apply are kept */
  if (unknown != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (unknown);
      GPtrArray *u = g_ptr_array_new ();

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *n = json_object_get_member (unknown, l->data);
          if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_BOOLEAN
              && json_node_get_boolean (n))
            g_ptr_array_add (u, (gpointer) pp_import_intern (imp, l->data));
        }
      g_ptr_array_add (u, NULL);
      rec->unknown = (const char **) g_ptr_array_free (u, FALSE);
    }
  local = rec->data ? g_strdup_printf ("data.%s.%s", rec->type, pp_import_json_str (rc, "name"))
                    : g_strdup_printf ("%s.%s", rec->type, pp_import_json_str (rc, "name"));
  cr = config_resource (imp, rec->module, local);
  alias = alias_for_key (keys, pp_import_json_str (cr, "provider_config_key"));
  rec->expressions = member_object (cr, "expressions");
  rec->provider = pp_import_intern (imp, alias != NULL ? alias : "default");
}

gboolean
pp_import_terraform_plan (PpImporter *imp, const char *d, gsize len, GArray *members,
                          const char *file, GError **error)
{
  g_autoptr(GHashTable) keys = NULL;
  g_autoptr(GArray) elements = g_array_new (FALSE, FALSE, sizeof (PpJsonSpan));
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *o = json_object_new ();
  const PpJsonSpan *changes = NULL, *planned = NULL;
  JsonObject *prior;

  json_node_take_object (root, o);
  g_ptr_array_add (imp->trees, root);
  for (guint i = 0; i < members->len; i++)
    {
      const PpJsonSpan *m = &g_array_index (members, PpJsonSpan, i);
      g_autoptr(GError) local = NULL;
      JsonNode *value;

      if (g_str_equal (m->key, "resource_changes"))
        {
          changes = m;
          continue;
        }
      if (g_str_equal (m->key, "planned_values"))
        {
          planned = m;
          continue;
        }
      if ((value = pp_import_parse (d + m->start, m->end - m->start, &local)) == NULL)
        return pp_import_fail (error, PP_IMPORT_ERROR_PARSE, file, m->key, "does not parse: %s (produce the file again)",
                               local->message);
      json_object_set_member (o, m->key, value);
    }
  if (!check_format_version (o, file, error))
    return FALSE;
  imp->configuration = member_object (o, "configuration");
  imp->variables = member_object (o, "variables");
  keys = read_provider_config (imp, imp->configuration);
  /* a list first: the spans of an object would own their keys */
  if (d[changes->start] != '[' || !pp_import_spans (d, len, changes->start, elements))
    return pp_import_fail (error, PP_IMPORT_ERROR_PARSE, file, "resource_changes",
                           "is not a well-formed list (is the file cut short? produce it again)");
  for (guint i = 0; i < elements->len; i++)
    {
      const PpJsonSpan *e = &g_array_index (elements, PpJsonSpan, i);
      g_autoptr(GError) local = NULL;
      g_autoptr(JsonNode) node = pp_import_parse (d + e->start, e->end - e->start, &local);

      if (node == NULL)
        {
          g_autofree char *path = g_strdup_printf ("resource_changes[%u]", i);
          return pp_import_fail (error, PP_IMPORT_ERROR_PARSE, file, path, "does not parse: %s", local->message);
        }
      plan_change (imp, JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL, i, keys, file);
      if (i % 512 == 511)
        pp_import_release (imp, d + e->end);
    }
  /* data sources read while planning are in the prior state only */
  prior = member_object (member_object (o, "prior_state"), "values");
  if (prior != NULL && json_object_has_member (prior, "root_module"))
    if (!read_values_module (imp, obj_member (prior, "root_module"), file,
                             "prior_state.values.root_module", keys, error))
      return FALSE;
  (void) planned;               /* planned_values repeats the changes' after values */
  return TRUE;
}

/* provider["registry.terraform.io/aliyun/alicloud"].ALIAS, possibly after
 * "module.x." -> ALIAS or "default"; NULL for another provider. */
static char *
tfstate_alias (const char *provider)
{
  const char *p;
  const char *close;

  if (provider == NULL || (p = strstr (provider, "provider[\"")) == NULL)
    return NULL;
  p += strlen ("provider[\"");
  close = strstr (p, "\"]");
  if (close == NULL)
    return NULL;
  {
    g_autofree char *source = g_strndup (p, (gsize) (close - p));
    if (!interesting_provider (source))
      return NULL;
  }
  return close[2] == '.' ? g_strdup (close + 3) : g_strdup ("default");
}

static gboolean
read_tfstate (PpImporter *imp, JsonObject *o, const char *file, GError **error)
{
  gint64 version = 0;
  JsonArray *res;

  if (!pp_import_json_int (o, "version", &version) || version != 4)
    return pp_import_fail (error, PP_IMPORT_ERROR_VERSION, file, "version",
                           "terraform.tfstate version %" G_GINT64_FORMAT ": peerplan reads version 4 (Terraform 0.12 and later); run terraform state pull with a current Terraform, or give terraform show -json",
                           version);
  res = arr_member (o, "resources");
  for (guint i = 0; res != NULL && i < json_array_get_length (res); i++)
    {
      JsonObject *r = pp_import_array_object (res, i);
      g_autofree char *alias = tfstate_alias (pp_import_json_str (r, "provider"));
      JsonArray *inst = arr_member (r, "instances");
      const char *module = pp_import_json_str (r, "module");
      gboolean data = g_strcmp0 (pp_import_json_str (r, "mode"), "data") == 0;
      const char *type = pp_import_json_str (r, "type");
      const char *name = pp_import_json_str (r, "name");

      if (alias == NULL || type == NULL || name == NULL)
        continue;
      for (guint k = 0; inst != NULL && k < json_array_get_length (inst); k++)
        {
          JsonObject *in = pp_import_array_object (inst, k);
          JsonObject *attrs = member_object (in, "attributes");
          g_autoptr(GString) address = g_string_new (NULL);
          JsonNode *key = in != NULL ? json_object_get_member (in, "index_key") : NULL;
          PpRec *rec;

          if (attrs == NULL || pp_import_json_str (in, "deposed") != NULL)
            continue;
          if (module != NULL)
            g_string_append_printf (address, "%s.", module);
          g_string_append_printf (address, "%s%s.%s", data ? "data." : "", type, name);
          append_index (address, key);
          if (g_hash_table_contains (imp->by_address, address->str))
            return pp_import_fail (error, PP_IMPORT_ERROR_DUPLICATE, file, "resources[].instances[]",
                                   "%s appears twice (each address is one resource instance; is the state corrupt?)",
                                   address->str);
          rec = pp_import_add_rec (imp, file, type, g_string_free (g_steal_pointer (&address), FALSE),
                                   g_strdup_printf ("resources[%u].instances[%u].attributes", i, k), attrs);
          rec->module = pp_import_intern (imp, module != NULL ? module : "");
          rec->data = data;
          rec->provider = pp_import_intern (imp, alias);
          if (key != NULL)
            rec->index = json_node_copy (key);
          provider_get (imp, alias);
        }
    }
  return TRUE;
}

gboolean
pp_import_terraform (PpImporter *imp, JsonNode *root, const char *file, GError **error)
{
  JsonObject *o = json_node_get_object (root);

  if (json_object_has_member (o, "format_version"))
    {
      JsonObject *values;

      if (!check_format_version (o, file, error))
        return FALSE;
      if (json_object_has_member (o, "planned_values") || json_object_has_member (o, "configuration")
          || json_object_has_member (o, "prior_state"))
        {
          /* a plan without resource_changes: its planned values */
          JsonObject *pv = member_object (member_object (o, "planned_values"), "root_module");
          g_autoptr(GHashTable) keys = NULL;

          imp->configuration = member_object (o, "configuration");
          imp->variables = member_object (o, "variables");
          keys = read_provider_config (imp, imp->configuration);
          return pv == NULL || read_values_module (imp, pv, file, "planned_values.root_module", keys, error);
        }
      imp->state_json = TRUE;
      values = member_object (o, "values");
      if (values == NULL || !json_object_has_member (values, "root_module"))
        return TRUE;            /* an empty state */
      return read_values_module (imp, obj_member (values, "root_module"), file,
                                 "values.root_module", NULL, error);
    }
  return read_tfstate (imp, o, file, error);
}
