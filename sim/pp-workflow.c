/* SPDX-License-Identifier: MIT */
/* pp-workflow.c: workflows (read from XML or derived by the planner) and
 * the runner that replays them on the engine.
 *
 * DOC: a workflow file is small (tens of calls), so it is read into a DOM
 * through the model's hardened intake (pp_xml_parse: no network, no DTD,
 * RelaxNG workflow.rng) and checked for meaning here.  The runner makes one
 * engine per run: load the scenario, then each step in order.  References
 * `${NAME.Field}` are resolved right before a step runs, from the results
 * of the calls before it and the engine's objects.
 */
#include "sim/pp-workflow.h"
#include "model/pp-data.h"
#include "model/pp-error.h"
#include "model/pp-number.h"
#include "model/pp-reach.h"
#include "model/pp-route-table.h"
#include "model/pp-scenario-xml.h"
#include "model/pp-xml.h"
#include "sim/pp-sim-error.h"

#include <glib/gstdio.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Workflows                                                           */

static void
params_clear (gpointer p)
{
  PpStepParam *param = p;

  g_free (param->name);
  g_free (param->value);
}

static void
step_free (gpointer p)
{
  PpStep *s = p;

  g_free (s->id);
  g_free (s->note);
  g_free (s->account);
  g_free (s->version);
  g_free (s->action);
  g_clear_pointer (&s->params, g_array_unref);
  g_free (s->expect_error);
  g_clear_pointer (&s->expects, g_array_unref);
  g_clear_pointer (&s->watch, g_ptr_array_unref);
  g_free (s->wait_for);
  g_free (s->wait_status);
  g_free (s->from);
  g_free (s->to);
  g_free (s);
}

static GArray *
params_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (PpStepParam));

  g_array_set_clear_func (a, params_clear);
  return a;
}

PpWorkflow *
pp_workflow_new (const char *file)
{
  PpWorkflow *wf = g_new0 (PpWorkflow, 1);

  wf->file = g_strdup (file);
  wf->steps = g_ptr_array_new_with_free_func (step_free);
  return wf;
}

void
pp_workflow_free (PpWorkflow *wf)
{
  if (wf == NULL)
    return;
  g_free (wf->file);
  g_free (wf->name);
  g_free (wf->scenario_file);
  g_clear_pointer (&wf->scenario, pp_scenario_free);
  g_ptr_array_unref (wf->steps);
  g_free (wf);
}

PpStep *
pp_workflow_add_step (PpWorkflow *wf, PpStepKind kind, guint line)
{
  PpStep *s = g_new0 (PpStep, 1);

  s->kind = kind;
  s->line = line;
  s->params = params_new ();
  s->expects = params_new ();
  s->watch = g_ptr_array_new_with_free_func (g_free);
  s->timeout = PP_WORKFLOW_WAIT_TIMEOUT;
  s->reachable = TRUE;
  g_ptr_array_add (wf->steps, s);
  return s;
}

void
pp_step_params_add (GArray *params, const char *name, const char *value, guint line)
{
  PpStepParam p = { g_strdup (name), g_strdup (value), line };

  g_array_append_val (params, p);
}

const char *
pp_step_params_get (const GArray *params, const char *name)
{
  for (guint i = 0; i < params->len; i++)
    if (strcmp (g_array_index (params, PpStepParam, i).name, name) == 0)
      return g_array_index (params, PpStepParam, i).value;
  return NULL;
}

/* ------------------------------------------------------------------ */
/* References                                                          */

/* Is @name something a reference may read? */
typedef gboolean (*KnownFunc) (const char *name, gpointer data);

/* Splits the inside of `${...}` into NAME and Field: the longest NAME
 * (ids may hold dots) that @known accepts.  FALSE when none does; then
 * *name gets the part before the first dot, for messages. */
static gboolean
split_ref (const char *ref, KnownFunc known, gpointer data, char **name, char **field)
{
  const char *dot;

  for (gsize i = strlen (ref); i > 0; i--)
    {
      g_autofree char *n = NULL;

      if (ref[i - 1] != '.' || ref[i] == '\0')
        continue;
      n = g_strndup (ref, i - 1);
      if (known (n, data))
        {
          *name = g_steal_pointer (&n);
          *field = g_strdup (ref + i);
          return TRUE;
        }
    }
  dot = strchr (ref, '.');
  *name = dot != NULL ? g_strndup (ref, (gsize) (dot - ref)) : g_strdup (ref);
  *field = NULL;
  return FALSE;
}

/* Calls @each on the inside of every `${...}` of @tmpl, appending what it
 * returns (and the text between) to *out when @out is not NULL.  FALSE
 * with @error when @each fails or a `${` is not closed. */
typedef char *(*RefFunc) (const char *ref, gpointer data, GError **error);

static gboolean
expand (const char *tmpl, RefFunc each, gpointer data, char **out, GError **error)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *p = tmpl;

  while (*p != '\0')
    {
      const char *start = strstr (p, "${");
      const char *end;
      g_autofree char *inner = NULL;
      g_autofree char *value = NULL;

      if (start == NULL)
        {
          g_string_append (s, p);
          break;
        }
      g_string_append_len (s, p, start - p);
      end = strchr (start + 2, '}');
      if (end == NULL)
        {
          g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_INVALID,
                       "'%s': a reference starts with '${' but has no closing '}'", tmpl);
          return FALSE;
        }
      if (end - start - 2 > PP_WORKFLOW_MAX_REF)
        {
          g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_LIMIT,
                       "a reference ${...} is longer than %d characters", PP_WORKFLOW_MAX_REF);
          return FALSE;
        }
      inner = g_strndup (start + 2, (gsize) (end - start - 2));
      value = each (inner, data, error);
      if (value == NULL)
        return FALSE;
      g_string_append (s, value);
      p = end + 1;
    }
  if (out != NULL)
    *out = g_string_free (g_steal_pointer (&s), FALSE);
  return TRUE;
}

static gboolean
has_ref (const char *s)
{
  return s != NULL && strstr (s, "${") != NULL;
}

/* ------------------------------------------------------------------ */
/* Reading workflow files                                              */

typedef struct {
  const PpScenario *sc;
  GHashTable *calls;          /* call id -> GUINT_TO_POINTER (line) */
  GHashTable *later;          /* every call id of the file -> line */
} LoadCtx;

static gboolean
scenario_has (const PpScenario *sc, const char *name, PpKind *kind)
{
  static const PpKind kinds[] = { PP_KIND_ACCOUNT, PP_KIND_VPC, PP_KIND_VSWITCH, PP_KIND_INSTANCE };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (pp_scenario_lookup (sc, kinds[i], name) != PP_NONE)
      {
        if (kind != NULL)
          *kind = kinds[i];
        return TRUE;
      }
  return FALSE;
}

static gboolean
load_known (const char *name, gpointer data)
{
  LoadCtx *ctx = data;

  return g_hash_table_contains (ctx->calls, name) || scenario_has (ctx->sc, name, NULL);
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

  if (split_ref (ref, load_known, ctx, &name, &field))
    return g_strdup ("");
  g_clear_pointer (&name, g_free);
  if (split_ref (ref, load_known_later, ctx, &name, &field))
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

  if (!has_ref (value))
    return TRUE;
  if (expand (value, load_check_ref, ctx, NULL, &local))
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

/* Levenshtein distance, for "did you mean". */
static guint
distance (const char *a, const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (gsize j = 0; j <= lb; j++)
    row[j] = (guint) j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diag = row[0];

      row[0] = (guint) i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + cost);
          diag = up;
        }
    }
  return row[lb];
}

static char *
closest_action (const char *action)
{
  g_auto(GStrv) all = pp_engine_actions (NULL);
  const char *best = NULL;
  guint best_d = G_MAXUINT;

  for (guint i = 0; all != NULL && all[i] != NULL; i++)
    {
      guint d = distance (action, all[i]);

      if (d < best_d)
        {
          best_d = d;
          best = all[i];
        }
    }
  if (best == NULL || best_d > 1 + strlen (action) / 3)
    return NULL;
  return g_strdup (best);
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
  if (id != NULL && scenario_has (ctx->sc, id, &kind))
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

  doc = pp_xml_parse (xml, name, "workflow.rng", error);
  if (doc == NULL)
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

/* ------------------------------------------------------------------ */
/* Running                                                             */

static const char *const outcome_names[] = { "passed", "failed", "skipped" };
G_STATIC_ASSERT (G_N_ELEMENTS (outcome_names) == PP_OUTCOME_LAST);

const char *
pp_outcome_to_string (PpOutcome o)
{
  g_return_val_if_fail (o < PP_OUTCOME_LAST, NULL);
  return outcome_names[o];
}

static void
sent_clear (gpointer p)
{
  PpSentParam *s = p;

  g_free (s->name);
  g_free (s->value);
  g_free (s->source);
}

static void
status_clear (gpointer p)
{
  PpStatusNote *s = p;

  g_free (s->id);
  g_free (s->after_call);
  g_free (s->settled);
}

static void
step_result_free (gpointer p)
{
  PpStepResult *r = p;

  g_free (r->reason);
  g_free (r->caller_uid);
  g_clear_pointer (&r->sent, g_array_unref);
  g_clear_pointer (&r->result, pp_api_result_free);
  g_clear_pointer (&r->statuses, g_array_unref);
  g_free (r->target);
  g_free (r->trace);
  g_free (r);
}

void
pp_run_result_free (PpRunResult *r)
{
  if (r == NULL)
    return;
  g_ptr_array_unref (r->steps);
  g_clear_pointer (&r->built, pp_scenario_free);
  g_free (r);
}

gboolean
pp_run_result_ok (const PpRunResult *r)
{
  return r->counts[PP_OUTCOME_FAILED] == 0 && r->counts[PP_OUTCOME_SKIPPED] == 0;
}

const PpStepResult *
pp_run_result_first_failure (const PpRunResult *r)
{
  for (guint i = 0; i < r->steps->len; i++)
    {
      const PpStepResult *s = g_ptr_array_index (r->steps, i);

      if (s->outcome == PP_OUTCOME_FAILED)
        return s;
    }
  return NULL;
}

typedef struct {
  PpEngine *e;
  GHashTable *calls;          /* call id -> PpStepResult* (borrowed) */
  gboolean blocked;           /* a reference read a call that failed or did not run */
  guint blocked_by;           /* its step number */
  PpScenario *built;          /* the engine's state for reach steps, until it changes */
  PpRouteTables *rt;
  const PpScenario *sc;
  const PpRunOptions *opts;
  const GPtrArray *steps;     /* the results so far */
  GHashTable *objects;        /* scenario object id -> its engine object: the
                                 fields they give never change during a run */
} RunCtx;

/* The engine changed: the next reach step exports it again.  Consecutive
 * pings (the usual end of a workflow) share one export. */
static void
run_ctx_changed (RunCtx *ctx)
{
  g_clear_pointer (&ctx->rt, pp_route_tables_free);
  g_clear_pointer (&ctx->built, pp_scenario_free);
}

/* What run_known found for a name: a call, or the engine's object (kept,
 * so that it is built once per reference). */
typedef struct {
  RunCtx *ctx;
  GVariant *obj;
} Known;

static gboolean
run_known (const char *name, gpointer data)
{
  Known *k = data;

  if (g_hash_table_contains (k->ctx->calls, name))
    return TRUE;
  g_clear_pointer (&k->obj, g_variant_unref);
  k->obj = g_hash_table_lookup (k->ctx->objects, name);
  if (k->obj != NULL)
    {
      g_variant_ref (k->obj);
      return TRUE;
    }
  k->obj = pp_engine_object (k->ctx->e, name);
  if (k->obj != NULL && scenario_has (k->ctx->sc, name, NULL))
    g_hash_table_insert (k->ctx->objects, g_strdup (name), g_variant_ref (k->obj));
  return k->obj != NULL;
}

/* A field of a call's answer: the response's dotted path on success;
 * Code, Message, HttpStatus and RequestId in any case. */
static char *
result_field (const PpApiResult *r, const char *field)
{
  if (strcmp (field, "HttpStatus") == 0)
    return g_strdup_printf ("%u", r->http_status);
  if (strcmp (field, "RequestId") == 0)
    return g_strdup (r->request_id);
  if (!pp_api_result_ok (r))
    {
      if (strcmp (field, "Code") == 0)
        return g_strdup (r->code);
      if (strcmp (field, "Message") == 0)
        return g_strdup (r->message);
      return NULL;
    }
  return pp_api_result_get (r, field);
}

static char *
run_ref (const char *ref, gpointer data, GError **error)
{
  RunCtx *ctx = data;
  g_autofree char *name = NULL;
  g_autofree char *field = NULL;
  g_autoptr(GVariant) obj = NULL;
  Known known = { ctx, NULL };
  PpStepResult *call;
  char *value = NULL;
  gboolean found = split_ref (ref, run_known, &known, &name, &field);

  obj = g_steal_pointer (&known.obj);
  if (!found)
    {
      g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_UNKNOWN_REFERENCE,
                   "${%s}: nothing called '%s' is known", ref, name);
      return NULL;
    }
  call = g_hash_table_lookup (ctx->calls, name);
  if (call != NULL)
    {
      if (call->result == NULL)
        {
          ctx->blocked = TRUE;
          ctx->blocked_by = call->number;
          g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_UNKNOWN_REFERENCE,
                       "${%s}: call '%s' (step %u) did not run", ref, name, call->number);
          return NULL;
        }
      value = result_field (call->result, field);
      if (value == NULL && !pp_api_result_ok (call->result))
        {
          ctx->blocked = TRUE;
          ctx->blocked_by = call->number;
          g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_UNKNOWN_REFERENCE,
                       "${%s}: call '%s' (step %u) failed with %s, so it has no %s",
                       ref, name, call->number, call->result->code, field);
          return NULL;
        }
      if (value == NULL)
        g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_UNKNOWN_REFERENCE,
                     "${%s}: the response of call '%s' (step %u) has no field %s",
                     ref, name, call->number, field);
      return value;
    }
  else
    {
      g_autoptr(GVariant) v = obj != NULL ? g_variant_lookup_value (obj, field, NULL) : NULL;

      value = v != NULL ? pp_variant_scalar_text (v) : NULL;
      if (value == NULL)
        g_set_error (error, PP_SIM_ERROR, PP_SIM_ERROR_UNKNOWN_REFERENCE,
                     "${%s}: '%s' has no field %s", ref, name, field);
      return value;
    }
}

static char *
resolve (RunCtx *ctx, const char *tmpl, GError **error)
{
  char *out = NULL;

  if (!has_ref (tmpl))
    return g_strdup (tmpl);
  if (!expand (tmpl, run_ref, ctx, &out, error))
    return NULL;
  return out;
}

static void
fail (PpStepResult *r, PpOutcome outcome, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
fail (PpStepResult *r, PpOutcome outcome, const char *format, ...)
{
  va_list ap;

  r->outcome = outcome;
  g_free (r->reason);
  va_start (ap, format);
  r->reason = g_strdup_vprintf (format, ap);
  va_end (ap);
}

/* A reference could not be resolved: skipped when it read a call that
 * failed, failed otherwise. */
static void
fail_ref (RunCtx *ctx, PpStepResult *r, const GError *error)
{
  if (ctx->blocked)
    fail (r, PP_OUTCOME_SKIPPED, "not run: it needs the answer of step %u, which failed",
          ctx->blocked_by);
  else
    fail (r, PP_OUTCOME_FAILED, "%s", error->message);
  ctx->blocked = FALSE;
}

/* Notes the status of every resource the step watches, right after the call. */
static void
note_statuses (RunCtx *ctx, const PpStep *step, PpStepResult *r)
{
  for (guint i = 0; i < step->watch->len; i++)
    {
      g_autoptr(GError) error = NULL;
      PpStatusNote n = { NULL, NULL, NULL, NULL };

      n.source = g_ptr_array_index (step->watch, i);
      n.id = resolve (ctx, n.source, &error);
      ctx->blocked = FALSE;
      if (n.id == NULL || *n.id == '\0')
        {
          g_free (n.id);
          continue;
        }
      n.after_call = g_strdup (pp_engine_status (ctx->e, n.id));
      n.settled = g_strdup (n.after_call);
      g_array_append_val (r->statuses, n);
    }
}

/* Notes their status again once the clock has settled. */
static void
note_settled (RunCtx *ctx, PpStepResult *r)
{
  for (guint i = 0; i < r->statuses->len; i++)
    {
      PpStatusNote *note = &g_array_index (r->statuses, PpStatusNote, i);

      g_free (note->settled);
      note->settled = g_strdup (pp_engine_status (ctx->e, note->id));
    }
}

static void
run_call (RunCtx *ctx, const PpStep *step, PpStepResult *r, const PpRunOptions *opts)
{
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  const char *uid = pp_engine_account_uid (ctx->e, step->account);

  r->sent = g_array_new (FALSE, TRUE, sizeof (PpSentParam));
  g_array_set_clear_func (r->sent, sent_clear);
  if (uid == NULL)
    {
      fail (r, PP_OUTCOME_FAILED, "the engine has no account '%s'", step->account);
      return;
    }
  r->caller_uid = g_strdup (uid);
  for (guint i = 0; i < step->params->len; i++)
    {
      const PpStepParam *p = &g_array_index (step->params, PpStepParam, i);
      g_autoptr(GError) error = NULL;
      PpSentParam s = { NULL, NULL, NULL };

      s.value = resolve (ctx, p->value, &error);
      if (s.value == NULL)
        {
          fail_ref (ctx, r, error);
          return;
        }
      s.name = g_strdup (p->name);
      s.source = has_ref (p->value) ? g_strdup (p->value) : NULL;
      g_array_append_val (r->sent, s);
    }
  for (guint i = 0; i < r->sent->len; i++)
    {
      const PpSentParam *s = &g_array_index (r->sent, PpSentParam, i);
      g_hash_table_insert (params, s->name, s->value);
    }

  r->result = pp_engine_call (ctx->e, uid, step->version, step->action, params);
  if (step->id != NULL)
    g_hash_table_insert (ctx->calls, step->id, r);
  note_statuses (ctx, step, r);
  if (opts->settle)
    {
      pp_engine_settle (ctx->e);
      note_settled (ctx, r);
    }

  r->outcome = PP_OUTCOME_PASSED;
  if (step->expect_error != NULL)
    {
      if (pp_api_result_ok (r->result))
        {
          fail (r, PP_OUTCOME_FAILED, "expected the error %s, but the call succeeded", step->expect_error);
          return;
        }
      if (strcmp (r->result->code, step->expect_error) != 0)
        {
          fail (r, PP_OUTCOME_FAILED, "expected the error %s, got %s (HTTP %u): %s",
                step->expect_error, r->result->code, r->result->http_status, r->result->message);
          return;
        }
    }
  else if (!pp_api_result_ok (r->result))
    {
      fail (r, PP_OUTCOME_FAILED, "%s (HTTP %u): %s", r->result->code, r->result->http_status,
            r->result->message);
      return;
    }
  for (guint i = 0; i < step->expects->len; i++)
    {
      const PpStepParam *x = &g_array_index (step->expects, PpStepParam, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *want = resolve (ctx, x->value, &error);
      g_autofree char *got = NULL;

      if (want == NULL)
        {
          fail_ref (ctx, r, error);
          return;
        }
      got = result_field (r->result, x->name);
      if (got == NULL)
        {
          fail (r, PP_OUTCOME_FAILED, "expected %s = \"%s\", but the answer has no %s",
                x->name, want, x->name);
          return;
        }
      if (strcmp (got, want) != 0)
        {
          fail (r, PP_OUTCOME_FAILED, "expected %s = \"%s\", got \"%s\"", x->name, want, got);
          return;
        }
    }
}

static gboolean
status_is (PpEngine *e, const char *id, const char *want)
{
  const char *st = pp_engine_status (e, id);

  if (strcmp (want, "Deleted") == 0)
    return st == NULL || strcmp (st, "Deleted") == 0;
  return g_strcmp0 (st, want) == 0;
}

static void
run_wait (RunCtx *ctx, const PpStep *step, PpStepResult *r)
{
  g_autoptr(GError) error = NULL;
  gint64 start = pp_engine_now (ctx->e);
  gint64 deadline = start + (gint64) step->timeout;
  PpStatusNote note = { NULL, step->wait_for, NULL, NULL };

  r->target = resolve (ctx, step->wait_for, &error);
  if (r->target == NULL)
    {
      fail_ref (ctx, r, error);
      return;
    }
  note.id = g_strdup (r->target);
  note.after_call = g_strdup (pp_engine_status (ctx->e, r->target));
  for (guint guard = 0; !status_is (ctx->e, r->target, step->wait_status) && guard < 100000; guard++)
    {
      gint64 next = pp_engine_next_event (ctx->e);
      gint64 now = pp_engine_now (ctx->e);

      if (next < 0 || next > deadline)
        break;
      pp_engine_advance (ctx->e, next > now ? (guint64) (next - now) : 0);
    }
  if (status_is (ctx->e, r->target, step->wait_status))
    {
      note.settled = g_strdup (pp_engine_status (ctx->e, r->target));
      g_array_append_val (r->statuses, note);
      r->waited = (guint64) (pp_engine_now (ctx->e) - start);
      r->outcome = PP_OUTCOME_PASSED;
      return;
    }
  /* A script that polls until its timeout has spent it. */
  pp_engine_advance_to (ctx->e, deadline);
  note.settled = g_strdup (pp_engine_status (ctx->e, r->target));
  g_array_append_val (r->statuses, note);
  r->waited = (guint64) (pp_engine_now (ctx->e) - start);
  if (note.settled == NULL)
    fail (r, PP_OUTCOME_FAILED, "%s does not exist (any more); it never became %s",
          r->target, step->wait_status);
  else if (pp_engine_next_event (ctx->e) < 0)
    fail (r, PP_OUTCOME_FAILED, "%s is %s and nothing is pending: it will never become %s",
          r->target, note.settled, step->wait_status);
  else
    fail (r, PP_OUTCOME_FAILED, "%s is still %s after %u s: it did not become %s in time",
          r->target, note.settled, step->timeout, step->wait_status);
}

static void map_lines (PpScenario *built, const PpScenario *sc);

/* The engine's state as a scenario, named as the caller knows it. */
static PpScenario *
export_built (PpEngine *e, const PpScenario *sc, const PpRunOptions *opts,
              const GPtrArray *steps, GError **error)
{
  PpScenario *built = pp_engine_to_scenario (e, NULL, error);

  if (built == NULL)
    return NULL;
  map_lines (built, sc);
  if (opts->on_built != NULL)
    opts->on_built (built, steps, opts->user_data);
  return built;
}

static void
run_reach (RunCtx *ctx, const PpStep *step, PpStepResult *r)
{
  g_autoptr(GError) error = NULL;
  g_auto(PpReachResult) res = { 0 };
  guint from, to;

  if (ctx->built == NULL)
    {
      ctx->built = export_built (ctx->e, ctx->sc, ctx->opts, ctx->steps, &error);
      if (ctx->built == NULL)
        {
          fail (r, PP_OUTCOME_FAILED, "cannot export the engine's state: %s", error->message);
          return;
        }
      ctx->rt = pp_route_tables_new (ctx->built);
    }
  from = pp_scenario_lookup (ctx->built, PP_KIND_INSTANCE, step->from);
  to = pp_scenario_lookup (ctx->built, PP_KIND_INSTANCE, step->to);
  if (from == PP_NONE || to == PP_NONE)
    {
      fail (r, PP_OUTCOME_FAILED, "instance %s is not in the engine",
            from == PP_NONE ? step->from : step->to);
      return;
    }
  res = pp_reach_check (ctx->built, ctx->rt, from, to);
  r->reached = res.ok;
  r->trace = pp_reach_result_format (ctx->built, ctx->rt, &res);
  if (r->reached == step->reachable)
    r->outcome = PP_OUTCOME_PASSED;
  else if (step->reachable)
    fail (r, PP_OUTCOME_FAILED, "%s cannot reach %s and back", step->from, step->to);
  else
    fail (r, PP_OUTCOME_FAILED, "%s reaches %s and back, which was expected to fail",
          step->from, step->to);
}

/* Points the objects of @built back at the lines of @sc, where their ids
 * match, so findings on what was built name the scenario's lines. */
static void
map_lines (PpScenario *built, const PpScenario *sc)
{
  built->file = pp_scenario_intern (built, sc->file);
  built->line = sc->line;
  for (guint i = 0; i < built->accounts->len; i++)
    {
      guint k = pp_scenario_lookup (sc, PP_KIND_ACCOUNT, pp_scenario_account (built, i)->id);
      if (k != PP_NONE)
        pp_scenario_account (built, i)->line = pp_scenario_account (sc, k)->line;
    }
  for (guint i = 0; i < built->vpcs->len; i++)
    {
      guint k = pp_scenario_lookup (sc, PP_KIND_VPC, pp_scenario_vpc (built, i)->id);
      if (k != PP_NONE)
        pp_scenario_vpc (built, i)->line = pp_scenario_vpc (sc, k)->line;
    }
  for (guint i = 0; i < built->vswitches->len; i++)
    {
      guint k = pp_scenario_lookup (sc, PP_KIND_VSWITCH, pp_scenario_vswitch (built, i)->id);
      if (k != PP_NONE)
        pp_scenario_vswitch (built, i)->line = pp_scenario_vswitch (sc, k)->line;
    }
  for (guint i = 0; i < built->instances->len; i++)
    {
      guint k = pp_scenario_lookup (sc, PP_KIND_INSTANCE, pp_scenario_instance (built, i)->id);
      if (k != PP_NONE)
        pp_scenario_instance (built, i)->line = pp_scenario_instance (sc, k)->line;
    }
}

PpRunResult *
pp_workflow_run (const PpWorkflow *wf, const PpScenario *sc, const PpRunOptions *opts,
                 GError **error)
{
  static const PpRunOptions defaults = { PP_RUN_DEFAULT_SEED, FALSE, FALSE, NULL, NULL };
  g_autoptr(PpEngine) e = NULL;
  g_autoptr(PpRunResult) run = g_new0 (PpRunResult, 1);
  g_autoptr(GHashTable) calls = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_variant_unref);
  RunCtx ctx = { NULL, NULL, FALSE, 0, NULL, NULL, NULL, NULL, NULL, NULL };
  guint stopped = 0;             /* the step that failed, when stopping */

  g_return_val_if_fail (wf != NULL, NULL);
  if (opts == NULL)
    opts = &defaults;
  if (sc == NULL)
    sc = wf->scenario;
  g_return_val_if_fail (sc != NULL, NULL);

  run->steps = g_ptr_array_new_with_free_func (step_result_free);
  e = pp_engine_new (NULL, opts->seed);
  if (!pp_engine_load_scenario (e, sc, error))
    return NULL;
  ctx.e = e;
  ctx.calls = calls;
  ctx.sc = sc;
  ctx.opts = opts;
  ctx.steps = run->steps;
  ctx.objects = objects;
  run->started = pp_engine_now (e);

  for (guint i = 0; i < wf->steps->len; i++)
    {
      const PpStep *step = g_ptr_array_index (wf->steps, i);
      PpStepResult *r = g_new0 (PpStepResult, 1);

      r->step = step;
      r->number = i + 1;
      r->statuses = g_array_new (FALSE, TRUE, sizeof (PpStatusNote));
      g_array_set_clear_func (r->statuses, status_clear);
      g_ptr_array_add (run->steps, r);
      if (stopped)
        {
          fail (r, PP_OUTCOME_SKIPPED, "not run: step %u failed", stopped);
          if (step->kind == PP_STEP_CALL && step->id != NULL)
            g_hash_table_insert (calls, step->id, r);
        }
      else
        switch (step->kind)
          {
          case PP_STEP_CALL:
            run_ctx_changed (&ctx);
            run_call (&ctx, step, r, opts);
            if (step->id != NULL && !g_hash_table_contains (calls, step->id))
              g_hash_table_insert (calls, step->id, r);
            break;
          case PP_STEP_WAIT:
            run_ctx_changed (&ctx);
            run_wait (&ctx, step, r);
            break;
          case PP_STEP_REACH:
            run_reach (&ctx, step, r);
            break;
          case PP_STEP_LAST:
          default:
            g_assert_not_reached ();
          }
      r->time = pp_engine_now (e);
      run->counts[r->outcome]++;
      if (r->outcome != PP_OUTCOME_PASSED && !opts->keep_going && !stopped)
        stopped = r->number;
    }
  run_ctx_changed (&ctx);
  run->finished = pp_engine_now (e);
  run->built = export_built (e, sc, opts, run->steps, error);
  if (run->built == NULL)
    return NULL;
  return g_steal_pointer (&run);
}

/* ------------------------------------------------------------------ */
/* Writing workflows                                                   */

static void
put_attr (GString *out, const char *name, const char *value)
{
  g_autofree char *v = NULL;

  if (value == NULL)
    return;
  v = g_markup_escape_text (value, -1);
  g_string_append_printf (out, " %s=\"%s\"", name, v);
}

char *
pp_workflow_to_xml (const PpWorkflow *wf, const PpRunResult *run, const char *scenario,
                    const char *comment)
{
  GString *out;

  g_return_val_if_fail (wf != NULL && scenario != NULL, NULL);
  out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  if (comment != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (comment, "\n", -1);

      /* "--" may not appear inside a comment. */
      g_string_append (out, "<!--");
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) parts = g_strsplit (lines[i], "--", -1);
          g_autofree char *joined = g_strjoinv ("- -", parts);

          g_string_append_printf (out, "%s%s\n", i ? "     " : " ", joined);
        }
      g_string_truncate (out, out->len - 1);
      g_string_append (out, " -->\n");
    }
  g_string_append (out, "<workflow xmlns=\"urn:peerplan:workflow:1\"");
  put_attr (out, "scenario", scenario);
  put_attr (out, "name", wf->name);
  g_string_append (out, ">\n");
  for (guint i = 0; i < wf->steps->len; i++)
    {
      const PpStep *st = g_ptr_array_index (wf->steps, i);
      const PpStepResult *r = run != NULL && i < run->steps->len
                              ? g_ptr_array_index (run->steps, i) : NULL;

      switch (st->kind)
        {
        case PP_STEP_CALL:
          g_string_append (out, "  <call");
          put_attr (out, "id", st->id);
          put_attr (out, "as", st->account);
          put_attr (out, "action", st->action);
          put_attr (out, "version", st->version);
          put_attr (out, "expect-error", st->expect_error);
          put_attr (out, "note", st->note);
          g_string_append (out, ">\n");
          for (guint k = 0; k < st->params->len; k++)
            {
              const PpStepParam *p = &g_array_index (st->params, PpStepParam, k);

              g_string_append (out, "    <param");
              put_attr (out, "name", p->name);
              put_attr (out, "value", p->value);
              g_string_append (out, "/>\n");
            }
          for (guint k = 0; k < st->expects->len; k++)
            {
              const PpStepParam *p = &g_array_index (st->expects, PpStepParam, k);

              g_string_append (out, "    <expect");
              put_attr (out, "field", p->name);
              put_attr (out, "value", p->value);
              g_string_append (out, "/>\n");
            }
          g_string_append (out, "  </call>\n");
          /* Where the run saw a transient status, a script waits for the
           * final one: so does the workflow. */
          if (r != NULL && r->outcome == PP_OUTCOME_PASSED)
            for (guint k = 0; k < r->statuses->len; k++)
              {
                const PpStatusNote *n = &g_array_index (r->statuses, PpStatusNote, k);

                if (g_strcmp0 (n->after_call, n->settled) == 0 || n->source == NULL)
                  continue;
                g_string_append (out, "  <wait");
                put_attr (out, "for", n->source);
                put_attr (out, "status", n->settled != NULL ? n->settled : "Deleted");
                g_string_append (out, "/>\n");
              }
          break;
        case PP_STEP_WAIT:
          g_string_append (out, "  <wait");
          put_attr (out, "for", st->wait_for);
          put_attr (out, "status", st->wait_status);
          if (st->timeout != PP_WORKFLOW_WAIT_TIMEOUT)
            g_string_append_printf (out, " timeout=\"%u\"", st->timeout);
          g_string_append (out, "/>\n");
          break;
        case PP_STEP_REACH:
        case PP_STEP_LAST:
        default:
          g_string_append (out, "  <expect-reach");
          put_attr (out, "from", st->from);
          put_attr (out, "to", st->to);
          if (!st->reachable)
            put_attr (out, "reachable", "false");
          g_string_append (out, "/>\n");
          break;
        }
    }
  g_string_append (out, "</workflow>\n");
  return g_string_free (out, FALSE);
}
