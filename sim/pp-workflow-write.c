/* SPDX-License-Identifier: MIT */
/* pp-workflow-write.c: a workflow as a workflow file (what `plan
 * --workflow` writes), with the waits a run showed it needs.
 */
#include "sim/pp-workflow.h"

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

/* One empty <@element @key="NAME" value="VALUE"/> per pair of @pairs. */
static void
put_pairs (GString *out, const char *element, const char *key, const GArray *pairs)
{
  for (guint k = 0; k < pairs->len; k++)
    {
      const PpStepParam *p = &g_array_index (pairs, PpStepParam, k);

      g_string_append_printf (out, "    <%s", element);
      put_attr (out, key, p->name);
      put_attr (out, "value", p->value);
      g_string_append (out, "/>\n");
    }
}

void
pp_workflow_xml_begin (GString *out, const char *name, const char *scenario, const char *comment)
{
  g_return_if_fail (out != NULL && scenario != NULL);
  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
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
  put_attr (out, "name", name);
  g_string_append (out, ">\n");
}

void
pp_workflow_xml_step (GString *out, const PpStep *st, const PpStepResult *r)
{
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
      put_pairs (out, "param", "name", st->params);
      put_pairs (out, "expect", "field", st->expects);
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

void
pp_workflow_xml_end (GString *out)
{
  g_string_append (out, "</workflow>\n");
}

char *
pp_workflow_to_xml (const PpWorkflow *wf, const PpRunResult *run, const char *scenario,
                    const char *comment)
{
  GString *out;

  g_return_val_if_fail (wf != NULL && scenario != NULL, NULL);
  out = g_string_new (NULL);
  pp_workflow_xml_begin (out, wf->name, scenario, comment);
  for (guint i = 0; i < wf->steps->len; i++)
    pp_workflow_xml_step (out, g_ptr_array_index (wf->steps, i),
                          run != NULL && i < run->steps->len ? g_ptr_array_index (run->steps, i) : NULL);
  pp_workflow_xml_end (out);
  return g_string_free (out, FALSE);
}
