/* SPDX-License-Identifier: MIT */
/* pp-workflow-read.c: reading workflow files.
 *
 * DOC: a workflow file is small (tens of calls), so it is read into a DOM
 * through the model's hardened intake (pp_xml_parse: no network, no DTD),
 * checked for shape by the checker generated from workflow.rng
 * (pp_rng_check_doc, model/pp-rng.h), and checked for meaning here:
 * accounts, actions and references must name something that exists by
 * the time the step runs.
 */
#include "sim/pp-workflow-private.h"
#include "model/pp-data.h"
#include "model/pp-error.h"
#include "model/pp-number.h"
#include "sim/pp-sim-error.h"
#include "model/pp-scenario-xml.h"
#include "model/pp-suggest.h"
#include "model/pp-xml.h"
#include "model/pp-rng.h"

#include <glib/gstdio.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Reading workflow files                                              */

typedef struct {
  const PpScenario *sc;
  GHashTable *calls;          /* call id -> GUINT_TO_POINTER (line) */
  GHashTable *later;          /* every call id of the file -> line */
} LoadCtx;

static gboolean
load_known (const char *name, gpointer data)
{
  LoadCtx *ctx = data;

  return g_hash_table_contains (ctx->calls, name) || pp_workflow_scenario_has (ctx->sc, name, NULL);
}

static gboolean
load_known_later (const char *name, gpointer data)
{
  LoadCtx *ctx = data;

  return g_hash_table_contains (ctx->later, name);
}

static char *
load_check_ref (const char *ref, gpointer data, GError **error)
{
  LoadCtx *ctx = data;
  g_autofree char *name = NULL;
  g_autofree char *field = NULL;

  if (pp_workflow_split_ref (ref, load_known, ctx, &name, &field))
    return g_strdup ("");
  g_clear_pointer (&name, g_free);
  if (pp_workflow_split_ref (ref, load_known_later, ctx, &name, &field))
    {
      g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_UNKNOWN_REFERENCE,
                   "'${%s}' refers to call '%s', which comes later (line %u): a call can only read the calls before it",
                   ref, name, GPOINTER_TO_UINT (g_hash_table_lookup (ctx->later, name)));
      return NULL;
    }
  if (strchr (ref, '.') == NULL)
    g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_INVALID,
                 "'${%s}' names no field (write ${NAME.Field}, e.g. ${vpc-tokyo.VRouterId})", ref);
  else
    g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_UNKNOWN_REFERENCE,
                 "'${%s}': '%s' is neither an earlier call's id nor an account, VPC, vSwitch or instance of the scenario",
                 ref, name);
  return NULL;
}

static gboolean
check_refs (LoadCtx *ctx, const char *file, guint line, const char *value, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (!pp_workflow_has_ref (value))
    return TRUE;
  if (pp_workflow_expand (value, load_check_ref, ctx, NULL, &local))
    return TRUE;
  g_set_error (error, PP_SIM_ERROR, local->code, "%s:%u: %s", file, line, local->message);
  return FALSE;
}

static guint
node_line (xmlNodePtr n)
{
  long l = xmlGetLineNo (n);

  return l > 0 ? (guint) l : 0;
}

static gboolean
is_element (xmlNodePtr n, const char *name)
{
  return n->type == XML_ELEMENT_NODE && xmlStrEqual (n->name, (const xmlChar *) name);
}

static char *
closest_action (const char *action)
{
  g_auto(GStrv) all = pp_engine_actions (NULL);

  return g_strdup (pp_suggest (action, (const char *const *) all));
}

static char *
account_list (const PpScenario *sc)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < sc->accounts->len; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", pp_scenario_account (sc, i)->id);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
read_call (PpWorkflow *wf, LoadCtx *ctx, xmlNodePtr n, GError **error)
{
  const char *file = wf->file;
  guint line = node_line (n);
  const char *id = pp_xml_prop (n, "id");
  const char *as = pp_xml_prop (n, "as");
  const char *action = pp_xml_prop (n, "action");
  const char *version = pp_xml_prop (n, "version");
  const char *expect_error = pp_xml_prop (n, "expect-error");
  PpKind kind;
  PpStep *s;

  if (pp_scenario_lookup (ctx->sc, PP_KIND_ACCOUNT, as) == PP_NONE)
    {
      g_autofree char *list = account_list (ctx->sc);

      g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_UNKNOWN_REFERENCE,
                   "%s:%u: as=\"%s\" names no account of the scenario (hint: its accounts are %s)",
                   file, line, as, list);
      return FALSE;
    }
  if (id != NULL && g_hash_table_contains (ctx->calls, id))
    {
      g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_DUPLICATE_ID,
                   "%s:%u: call id '%s' is used twice (first at line %u)", file, line, id,
                   GPOINTER_TO_UINT (g_hash_table_lookup (ctx->calls, id)));
      return FALSE;
    }
  if (id != NULL && pp_workflow_scenario_has (ctx->sc, id, &kind))
    {
      static const char *const kinds[] = { "an account", "a VPC", "a vSwitch", "an instance", "a connection" };

      g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_DUPLICATE_ID,
                   "%s:%u: call id '%s' is also %s of the scenario, so ${%s.Field} would be ambiguous (hint: rename the call)",
                   file, line, id, kinds[kind], id);
      return FALSE;
    }
  if (!pp_engine_has_action (version, action) && expect_error == NULL)
    {
      g_autofree char *best = closest_action (action);

      g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_UNKNOWN_REFERENCE,
                   "%s:%u: unknown action '%s'%s%s%s", file, line, action,
                   best ? " (hint: did you mean " : " (hint: `peerplan run --list-actions` lists them",
                   best ? best : "", ")");
      return FALSE;
    }

  s = pp_workflow_add_step (wf, PP_STEP_CALL, line);
  s->id = g_strdup (id);
  s->account = g_strdup (as);
  s->action = g_strdup (action);
  s->version = g_strdup (version);
  s->expect_error = g_strdup (expect_error);
  s->note = g_strdup (pp_xml_prop (n, "note"));
  for (xmlNodePtr c = n->children; c != NULL; c = c->next)
    {
      gboolean param = is_element (c, "param");

      if (!param && !is_element (c, "expect"))
        continue;
      const char *name = pp_xml_prop (c, param ? "name" : "field");
      const char *value = pp_xml_prop (c, "value");

      if (!check_refs (ctx, file, node_line (c), value, error))
        return FALSE;
      if (param && pp_step_params_get (s->params, name) != NULL)
        {
          g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_DUPLICATE_ID,
                       "%s:%u: parameter '%s' is given twice in this call", file, node_line (c), name);
          return FALSE;
        }
      pp_step_params_add (param ? s->params : s->expects, name, value, node_line (c));
    }
  if (id != NULL)
    g_hash_table_insert (ctx->calls, g_strdup (id), GUINT_TO_POINTER (line));
  return TRUE;
}

static gboolean
read_steps (PpWorkflow *wf, xmlNodePtr root, GError **error)
{
  LoadCtx ctx = { wf->scenario, NULL, NULL };
  g_autoptr(GHashTable) calls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) later = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  ctx.calls = calls;
  ctx.later = later;
  for (xmlNodePtr n = root->children; n != NULL; n = n->next)
    if (is_element (n, "call") && pp_xml_prop (n, "id") != NULL
        && !g_hash_table_contains (later, pp_xml_prop (n, "id")))
      g_hash_table_insert (later, g_strdup (pp_xml_prop (n, "id")), GUINT_TO_POINTER (node_line (n)));

  for (xmlNodePtr n = root->children; n != NULL; n = n->next)
    {
      guint line = node_line (n);

      if (is_element (n, "description"))
        continue;
      if (is_element (n, "call"))
        {
          if (!read_call (wf, &ctx, n, error))
            return FALSE;
        }
      else if (is_element (n, "wait"))
        {
          const char *timeout = pp_xml_prop (n, "timeout");
          PpStep *s;

          if (!check_refs (&ctx, wf->file, line, pp_xml_prop (n, "for"), error))
            return FALSE;
          s = pp_workflow_add_step (wf, PP_STEP_WAIT, line);
          s->wait_for = g_strdup (pp_xml_prop (n, "for"));
          s->wait_status = g_strdup (pp_xml_prop (n, "status"));
          if (timeout != NULL)
            {
              g_autoptr(GError) local = NULL;
              guint64 v = 0;

              if (!pp_parse_uint (timeout, 1, 31536000, &v, &local))
                {
                  g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_INVALID, "%s:%u: wait timeout: %s",
                               wf->file, line, local->message);
                  return FALSE;
                }
              s->timeout = (guint) v;
            }
        }
      else if (is_element (n, "expect-reach"))
        {
          const char *from = pp_xml_prop (n, "from");
          const char *to = pp_xml_prop (n, "to");
          const char *reachable = pp_xml_prop (n, "reachable");
          PpStep *s;

          for (guint k = 0; k < 2; k++)
            if (pp_scenario_lookup (wf->scenario, PP_KIND_INSTANCE, k ? to : from) == PP_NONE)
              {
                g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_UNKNOWN_REFERENCE,
                             "%s:%u: %s=\"%s\" names no instance of the scenario",
                             wf->file, line, k ? "to" : "from", k ? to : from);
                return FALSE;
              }
          s = pp_workflow_add_step (wf, PP_STEP_REACH, line);
          s->from = g_strdup (from);
          s->to = g_strdup (to);
          s->reachable = reachable == NULL || strcmp (reachable, "true") == 0
                         || strcmp (reachable, "1") == 0;
        }
    }
  return TRUE;
}

PpWorkflow *
pp_workflow_load_bytes (GBytes *xml, const char *name, GError **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(PpWorkflow) wf = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *dir = NULL;
  xmlNodePtr root;
  const char *scenario;

  g_return_val_if_fail (xml != NULL && name != NULL, NULL);

  doc = pp_xml_parse (xml, name, NULL, error);
  if (doc == NULL)
    return NULL;
  if (!pp_rng_check_doc (&pp_workflow_schema, doc, name, PP_WORKFLOW_FORMAT_HINT, error))
    return NULL;
  root = xmlDocGetRootElement (doc);
  wf = pp_workflow_new (name);
  wf->name = g_strdup (pp_xml_prop (root, "name"));
  scenario = pp_xml_prop (root, "scenario");
  dir = g_path_get_dirname (name);
  if (g_str_has_prefix (scenario, PP_WORKFLOW_BUILTIN))
    {
      /* A data file of peerplan's, e.g. the article compiled into it. */
      const char *data = scenario + strlen (PP_WORKFLOW_BUILTIN);
      g_autoptr(GBytes) bytes = pp_data_get (data, &local);

      wf->scenario_file = pp_data_describe (data);
      if (bytes != NULL)
        wf->scenario = pp_scenario_load_bytes (bytes, wf->scenario_file, NULL, &local);
    }
  else
    {
      wf->scenario_file = g_path_is_absolute (scenario) ? g_strdup (scenario)
                                                        : g_build_filename (dir, scenario, NULL);
      wf->scenario = pp_scenario_load_file (wf->scenario_file, NULL, &local);
    }
  if (wf->scenario == NULL)
    {
      /* The scenario's own errors stay the model's; one that cannot be
       * found (a bundled name that does not exist) is the workflow's. */
      if (local->domain == PP_MODEL_ERROR)
        g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s:%u: cannot load the scenario '%s': ",
                                    name, node_line (root), scenario);
      else
        g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_IO, "%s:%u: cannot load the scenario '%s': %s",
                     name, node_line (root), scenario, local->message);
      return NULL;
    }
  if (!read_steps (wf, root, error))
    return NULL;
  return g_steal_pointer (&wf);
}

PpWorkflow *
pp_workflow_load_file (const char *file, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local = NULL;
  gsize len = 0;
  GBytes *bytes;
  PpWorkflow *wf;
  GStatBuf st;

  if (g_stat (file, &st) == 0 && st.st_size > PP_WORKFLOW_MAX_SIZE)
    {
      g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_LIMIT,
                   "%s: the workflow is larger than %d MiB (a workflow is a script of calls, not data)",
                   file, PP_WORKFLOW_MAX_SIZE >> 20);
      return NULL;
    }
  if (!g_file_get_contents (file, &data, &len, &local))
    {
      g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_IO, "%s: cannot read the workflow: %s",
                   file, local->message);
      return NULL;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);
  wf = pp_workflow_load_bytes (bytes, file, error);
  g_bytes_unref (bytes);
  return wf;
}

