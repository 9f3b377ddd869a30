/* SPDX-License-Identifier: MIT */
/* pp-workflow.c: the workflow type (steps and their parameters) and the
 * `${NAME.Field}` references the reader checks and the runner resolves.
 * Reading workflow files is in pp-workflow-read.c, running them in
 * pp-workflow-run.c, writing them in pp-workflow-write.c (the model's
 * scenario files are split the same way).
 */
#include "sim/pp-workflow-private.h"
#include "model/pp-error.h"
#include "sim/pp-sim-error.h"

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
  g_free (s->creates);
  g_free (s->origin);
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

gboolean
pp_workflow_split_ref (const char *ref, PpRefKnownFunc known, gpointer data, char **name, char **field)
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

gboolean
pp_workflow_expand (const char *tmpl, PpRefFunc each, gpointer data, char **out, GError **error)
{
  g_autoptr(GString) s = NULL;
  const char *p = tmpl;
  const char *close;

  /* A template that is one reference, the planner's usual: its value is
   * the result, with no copy into a string of its own. */
  if (tmpl[0] == '$' && tmpl[1] == '{' && (close = strchr (tmpl + 2, '}')) != NULL
      && close[1] == '\0' && close - tmpl - 2 <= PP_WORKFLOW_MAX_REF)
    {
      char inner[PP_WORKFLOW_MAX_REF + 1];
      char *value;

      memcpy (inner, tmpl + 2, (gsize) (close - tmpl - 2));
      inner[close - tmpl - 2] = '\0';
      value = each (inner, data, error);
      if (value == NULL)
        return FALSE;
      if (out != NULL)
        *out = value;
      else
        g_free (value);
      return TRUE;
    }
  s = g_string_new (NULL);
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

gboolean
pp_workflow_has_ref (const char *s)
{
  return s != NULL && strstr (s, "${") != NULL;
}

gboolean
pp_workflow_scenario_has (const PpScenario *sc, const char *name, PpKind *kind)
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
