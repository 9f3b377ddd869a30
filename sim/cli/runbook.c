/* SPDX-License-Identifier: MIT */
/* runbook.c: the results of a run as text, JSON, Markdown and JUnit. */
#include "sim/cli/runbook.h"
#include "sim/cli/junit.h"
#include "model/pp-number.h"
#include "model/pp-strbuf.h"

#include <string.h>

#define RED    "\033[31m"
#define GREEN  "\033[32m"
#define YELLOW "\033[33m"
#define BOLD   "\033[1m"
#define RESET  "\033[0m"

char *
pp_runbook_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("?");
}

const char *
pp_runbook_status_gloss (const char *status)
{
  if (status == NULL)
    return "gone";
  if (strcmp (status, "Idle") == 0)
    return "not connected";
  if (strcmp (status, "Active") == 0)
    return "connected";
  return NULL;
}

static const char *
status_color (const char *status)
{
  static const char *const good[] = { "Active", "Activated", "Available" };
  static const char *const bad[] = { "Idle", "Inactive", "Rejected", "Expired", "Deleted" };

  if (status == NULL)
    return RED;
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    if (strcmp (status, good[i]) == 0)
      return GREEN;
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (strcmp (status, bad[i]) == 0)
      return RED;
  return YELLOW;
}

static void
put_status (GString *out, const char *status, gboolean color)
{
  const char *gloss = pp_runbook_status_gloss (status);

  if (color)
    pp_put (out, status_color (status));
  pp_put (out, status ? status : "Deleted");
  if (color)
    pp_put (out, RESET);
  if (gloss != NULL && status != NULL)
    {
      pp_put (out, " (");
      pp_put (out, gloss);
      g_string_append_c (out, ')');
    }
}

static const char *
outcome_color (PpOutcome o)
{
  return o == PP_OUTCOME_PASSED ? GREEN : o == PP_OUTCOME_FAILED ? RED : YELLOW;
}

/* A success's response; a lean answer's two fields written as the
 * GVariant would be (keys sorted), without building it. */
static void
json_response (PpJsonWriter *w, const PpApiResult *result)
{
  if (result->response == NULL && result->created_field != NULL)
    {
      gboolean id_first = strcmp (result->created_field, "RequestId") < 0;

      pp_json_begin_object (w);
      if (id_first)
        pp_json_member_string (w, result->created_field, result->created_id);
      pp_json_member_string (w, "RequestId", result->request_id);
      if (!id_first)
        pp_json_member_string (w, result->created_field, result->created_id);
      pp_json_end_object (w);
      return;
    }
  pp_json_variant (w, result->response);
}

/* TRUE for the fields of an answer that the runbook's summary shows. */
static gboolean
summary_field (const char *key)
{
  return strcmp (key, "Status") == 0 || (g_str_has_suffix (key, "Id") && strcmp (key, "RequestId") != 0);
}

/* @lead, then "RouterInterfaceId = ri-..., OrderId = ..." from the
 * top-level ids and Status of a success's response (RequestId left out),
 * appended to @out; nothing when there are none. */
static void
put_summary (GString *out, const char *lead, const PpApiResult *result)
{
  GVariant *response = result->response;
  gboolean first = TRUE;
  gsize n;

  if (response == NULL && result->created_field != NULL)
    {
      if (summary_field (result->created_field) && result->created_id[0] != '\0')
        {
          pp_put (out, lead);
          pp_put (out, result->created_field);
          pp_put (out, " = ");
          pp_put (out, result->created_id);
        }
      return;
    }
  if (response == NULL)
    return;
  n = g_variant_n_children (response);
  /* child by child, not g_variant_iter_next with a format string, which
   * parses it at every entry: the text runbook reads one answer a step */
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (response, i);
      g_autoptr(GVariant) name = g_variant_get_child_value (entry, 0);
      const char *key = g_variant_get_string (name, NULL);
      gboolean wanted = summary_field (key);
      g_autoptr(GVariant) value = wanted ? g_variant_get_child_value (entry, 1) : NULL;
      g_autofree char *text = wanted ? pp_variant_scalar_text (value) : NULL;

      if (text != NULL && *text != '\0')
        {
          pp_put (out, first ? lead : ", ");
          pp_put (out, key);
          pp_put (out, " = ");
          pp_put (out, text);
          first = FALSE;
        }
    }
}

/* The same as a string, or NULL when there are none. */
static char *
response_summary (const PpApiResult *result)
{
  g_autoptr(GString) s = g_string_new (NULL);

  put_summary (s, "", result);
  if (s->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
put_trace_text (GString *out, const char *trace, const char *indent)
{
  g_auto(GStrv) lines = g_strsplit (trace, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (out, "%s%s\n", indent, lines[i]);
}

/* The text runbook writes one step per route of an estate (1.6 million
 * on the largest benchmark), so a step is put together by hand in memory
 * and written with one fwrite: fprintf parsed its format again for every
 * line, and each fputs and putc took the stream's lock. */

/* @v in decimal, right-aligned in at least @width characters. */
static void
put_uint (GString *out, guint v, guint width)
{
  char buf[16];
  guint n = 0;

  do
    buf[n++] = (char) ('0' + v % 10);
  while ((v /= 10) != 0);
  for (; width > n; width--)
    g_string_append_c (out, ' ');
  while (n > 0)
    g_string_append_c (out, buf[--n]);
}

/* @s, left-aligned in at least @width characters. */
static void
put_padded (GString *out, const char *s, gsize width)
{
  static const char spaces[] = "                                ";
  gsize len = strlen (s);
  gsize pad = width > len ? width - len : 0;

  pp_put_len (out, s, len);
  while (pad > 0)
    {
      gsize k = MIN (pad, sizeof spaces - 1);

      pp_put_len (out, spaces, k);
      pad -= k;
    }
}

void
pp_runbook_text_step (FILE *file, const PpStepResult *r, gboolean params, gboolean color)
{
  g_autoptr(GString) out = g_string_sized_new (640);

  pp_runbook_text_step_append (out, r, params, color);
  fwrite (out->str, 1, out->len, file);
}

void
pp_runbook_text_step_append (GString *out, const PpStepResult *r, gboolean params, gboolean color)
{
  const PpStep *st = r->step;
  const char *outcome = pp_outcome_to_string (r->outcome);

  if (color)
    pp_put (out, BOLD);
  put_uint (out, r->number, 2);
  if (st->kind == PP_STEP_CALL)
    {
      pp_put (out, ". ");
      pp_put (out, st->account);
      pp_put (out, ": ");
      pp_put (out, st->action);
    }
  else if (st->kind == PP_STEP_WAIT)
    g_string_append_printf (out, ". wait until %s is %s", st->wait_for, st->wait_status);
  else
    g_string_append_printf (out, ". ping %s -> %s and back%s", st->from, st->to,
             st->reachable ? "" : " (expected to fail)");
  if (color)
    pp_put (out, RESET);
  if (st->line > 0)
    {
      pp_put (out, "  [line ");
      put_uint (out, st->line, 0);
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, '\n');
  if (st->note != NULL)
    {
      pp_put (out, "    ");
      pp_put (out, st->note);
      g_string_append_c (out, '\n');
    }
  if (params && r->sent != NULL)
    for (guint i = 0; i < r->sent->len; i++)
      {
        const PpSentParam *p = &g_array_index (r->sent, PpSentParam, i);

        pp_put (out, "      ");
        put_padded (out, p->name, 26);
        g_string_append_c (out, ' ');
        pp_put (out, p->value);
        if (p->source != NULL)
          {
            pp_put (out, "   <- ");
            pp_put (out, p->source);
          }
        g_string_append_c (out, '\n');
      }
  else if (params && st->kind == PP_STEP_CALL)
    for (guint i = 0; i < st->params->len; i++)
      {
        const PpStepParam *p = &g_array_index (st->params, PpStepParam, i);

        pp_put (out, "      ");
        put_padded (out, p->name, 26);
        g_string_append_c (out, ' ');
        pp_put (out, p->value);
        g_string_append_c (out, '\n');
      }
  if (st->kind == PP_STEP_CALL && st->expect_error != NULL)
    g_string_append_printf (out, "    expects the error %s\n", st->expect_error);

  pp_put (out, "    => ");
  if (color)
    pp_put (out, outcome_color (r->outcome));
  pp_put (out, outcome);
  if (color)
    pp_put (out, RESET);
  if (r->outcome == PP_OUTCOME_SKIPPED)
    g_string_append_printf (out, ": %s", r->reason);
  else if (st->kind == PP_STEP_CALL && r->result != NULL)
    {
      if (pp_api_result_ok (r->result))
        put_summary (out, ": ", r->result);
      else
        g_string_append_printf (out, ": %s%s%s (HTTP %u): %s", color ? (st->expect_error ? YELLOW : RED) : "",
                 r->result->code, color ? RESET : "", r->result->http_status, r->result->message);
    }
  else if (st->kind == PP_STEP_WAIT && r->target != NULL)
    g_string_append_printf (out, ": %s after %" G_GUINT64_FORMAT " s", r->target, r->waited);
  g_string_append_c (out, '\n');
  /* Say why it failed unless the API error above already does. */
  if (r->outcome == PP_OUTCOME_FAILED
      && (r->result == NULL || pp_api_result_ok (r->result) || st->expect_error != NULL
          || st->expects->len > 0))
    g_string_append_printf (out, "    %s\n", r->reason);
  for (guint i = 0; i < r->statuses->len; i++)
    {
      const PpStatusNote *n = &g_array_index (r->statuses, PpStatusNote, i);

      pp_put (out, "    ");
      pp_put (out, n->id);
      pp_put (out, ": ");
      if (g_strcmp0 (n->after_call, n->settled) != 0)
        {
          put_status (out, n->after_call, color);
          pp_put (out, " -> ");
        }
      put_status (out, n->settled, color);
      g_string_append_c (out, '\n');
    }
  if (r->trace != NULL)
    put_trace_text (out, r->trace, "    ");
}

/* --- JSON --- */

/* A member that is left out when @value is NULL. */
static void
opt_member (PpJsonWriter *w, const char *name, const char *value)
{
  if (value != NULL)
    pp_json_member_string (w, name, value);
}

/* A member whose NULL is written as null. */
static void
null_member (PpJsonWriter *w, const char *name, const char *value)
{
  pp_json_member_string (w, name, value);
}

static const char *const kind_names[] = { "call", "wait", "reach" };
G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == PP_STEP_LAST);

static void
json_call (PpJsonWriter *w, const PpStepResult *r)
{
  const PpStep *st = r->step;

  opt_member (w, "account", st->account);
  opt_member (w, "caller_uid", r->caller_uid);
  opt_member (w, "action", st->action);
  opt_member (w, "api_version",
              st->version != NULL ? st->version
              : pp_engine_has_action (PP_API_VERSION_VPC, st->action) ? PP_API_VERSION_VPC
              : pp_engine_has_action (PP_API_VERSION_VPCPEER, st->action) ? PP_API_VERSION_VPCPEER
              : NULL);
  pp_json_key (w, "parameters");
  pp_json_begin_object (w);
  if (r->sent != NULL)
    for (guint k = 0; k < r->sent->len; k++)
      opt_member (w, g_array_index (r->sent, PpSentParam, k).name,
                  g_array_index (r->sent, PpSentParam, k).value);
  else
    for (guint k = 0; k < st->params->len; k++)
      opt_member (w, g_array_index (st->params, PpStepParam, k).name,
                  g_array_index (st->params, PpStepParam, k).value);
  pp_json_end_object (w);
  pp_json_key (w, "references");
  pp_json_begin_object (w);
  for (guint k = 0; k < st->params->len; k++)
    {
      const PpStepParam *p = &g_array_index (st->params, PpStepParam, k);

      if (strstr (p->value, "${") != NULL)
        opt_member (w, p->name, p->value);
    }
  pp_json_end_object (w);
  opt_member (w, "expect_error", st->expect_error);
  if (st->expects->len > 0)
    {
      pp_json_key (w, "expect");
      pp_json_begin_object (w);
      for (guint k = 0; k < st->expects->len; k++)
        opt_member (w, g_array_index (st->expects, PpStepParam, k).name,
                    g_array_index (st->expects, PpStepParam, k).value);
      pp_json_end_object (w);
    }
}

void
pp_runbook_json_step (PpJsonWriter *w, const PpStepResult *r)
{
  const PpStep *st = r->step;
  g_autofree char *time = pp_runbook_time (r->time);

  pp_json_begin_object (w);
  pp_json_member_int (w, "step", r->number);
  opt_member (w, "kind", kind_names[st->kind]);
  if (st->line > 0)
    pp_json_member_int (w, "line", st->line);
  opt_member (w, "id", st->id);
  opt_member (w, "note", st->note);
  if (st->kind == PP_STEP_CALL)
    json_call (w, r);
  else if (st->kind == PP_STEP_WAIT)
    {
      opt_member (w, "for", st->wait_for);
      opt_member (w, "status", st->wait_status);
      opt_member (w, "target", r->target);
      pp_json_member_int (w, "waited", (gint64) r->waited);
    }
  else
    {
      opt_member (w, "from", st->from);
      opt_member (w, "to", st->to);
      pp_json_member_bool (w, "expect_reachable", st->reachable);
      if (r->outcome != PP_OUTCOME_SKIPPED)
        pp_json_member_bool (w, "reached", r->reached);
    }
  opt_member (w, "outcome", pp_outcome_to_string (r->outcome));
  opt_member (w, "reason", r->reason);
  if (r->result != NULL)
    {
      opt_member (w, "request_id", r->result->request_id);
      pp_json_member_int (w, "http_status", r->result->http_status);
      if (pp_api_result_ok (r->result))
        {
          pp_json_key (w, "response");
          json_response (w, r->result);
        }
      else
        {
          pp_json_key (w, "error");
          pp_json_begin_object (w);
          opt_member (w, "code", r->result->code);
          opt_member (w, "message", r->result->message);
          pp_json_end_object (w);
        }
    }
  pp_json_key (w, "statuses");
  pp_json_begin_array (w);
  for (guint k = 0; k < r->statuses->len; k++)
    {
      const PpStatusNote *n = &g_array_index (r->statuses, PpStatusNote, k);

      pp_json_begin_object (w);
      opt_member (w, "id", n->id);
      null_member (w, "after_call", n->after_call);
      null_member (w, "settled", n->settled);
      pp_json_end_object (w);
    }
  pp_json_end_array (w);
  if (r->trace != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (r->trace, "\n", -1);

      pp_json_key (w, "trace");
      pp_json_begin_array (w);
      for (guint k = 0; lines[k] != NULL; k++)
        pp_json_string (w, lines[k]);
      pp_json_end_array (w);
    }
  if (r->outcome != PP_OUTCOME_SKIPPED)
    opt_member (w, "time", time);
  pp_json_end_object (w);
}

void
pp_runbook_json_step_append (GString *out, const PpStepResult *r)
{
  PpJsonWriter w;

  /* the runbook is an object whose "steps" array holds the steps: two
   * levels deep, numbered from 1 */
  pp_json_writer_init_string (&w, out, 2, r->number > 1);
  pp_runbook_json_step (&w, r);
}

void
pp_runbook_json_steps (PpJsonWriter *w, const PpRunResult *run)
{
  pp_json_begin_array (w);
  for (guint i = 0; i < run->steps->len; i++)
    pp_runbook_json_step (w, g_ptr_array_index (run->steps, i));
  pp_json_end_array (w);
}

/* --- JUnit --- */

static char *
step_title (const PpStepResult *r)
{
  const PpStep *st = r->step;

  switch (st->kind)
    {
    case PP_STEP_CALL:
      return g_strdup_printf ("%02u %s: %s%s%s", r->number, st->account, st->action,
                              st->id ? " " : "", st->id ? st->id : "");
    case PP_STEP_WAIT:
      return g_strdup_printf ("%02u wait until %s is %s", r->number, st->wait_for, st->wait_status);
    case PP_STEP_REACH:
    case PP_STEP_LAST:
    default:
      return g_strdup_printf ("%02u ping %s -> %s and back", r->number, st->from, st->to);
    }
}

void
pp_runbook_junit (FILE *out, const char *file, const PpRunResult *run)
{
  PpJunitCounts counts = { run->steps->len, run->counts[PP_OUTCOME_FAILED], PP_JUNIT_OMIT,
                           run->counts[PP_OUTCOME_SKIPPED] };
  PpJunit *j = pp_junit_new ("peerplan run", &counts);

  pp_junit_begin_suite (j, file, &counts);
  for (guint i = 0; i < run->steps->len; i++)
    {
      const PpStepResult *r = g_ptr_array_index (run->steps, i);
      g_autofree char *title = step_title (r);
      g_autofree char *text = NULL;
      PpJunitCase c = { file, title, file, r->step->line, PP_JUNIT_PASSED,
                        r->reason ? r->reason : "", NULL, NULL, NULL };

      if (r->outcome != PP_OUTCOME_PASSED)
        c.system_out = r->trace;
      if (r->outcome == PP_OUTCOME_SKIPPED)
        c.outcome = PP_JUNIT_SKIPPED;
      else if (r->outcome == PP_OUTCOME_FAILED)
        {
          c.outcome = PP_JUNIT_FAILED;
          c.type = r->result && r->result->code ? r->result->code : "expectation";
          c.text = text = g_strdup_printf ("%s:%u: %s", file, r->step->line,
                                           r->reason ? r->reason : "");
        }
      pp_junit_case (j, &c);
    }
  pp_junit_end_suite (j);
  pp_junit_finish (j, out);
}

/* --- Markdown --- */

static void
md_code (GString *out, const char *s)
{
  /* Inline code cannot hold a backtick or a pipe inside a table: none of
   * the values peerplan writes has one, but be safe. */
  g_string_append_c (out, '`');
  for (const char *p = s; *p; p++)
    {
      if (*p == '`')
        g_string_append_c (out, '\'');
      else if (*p == '|')
        g_string_append (out, "\\|");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '`');
}

void
pp_runbook_markdown_step_append (GString *out, const PpStepResult *r)
{
  const PpStep *st = r->step;

  if (st->kind == PP_STEP_CALL)
    g_string_append_printf (out, "### %u. %s: `%s`\n\n", r->number, st->account, st->action);
  else if (st->kind == PP_STEP_WAIT)
    g_string_append_printf (out, "### %u. Wait until `%s` is %s\n\n", r->number, st->wait_for,
                            st->wait_status);
  else
    g_string_append_printf (out, "### %u. Ping `%s` -> `%s` and back\n\n", r->number, st->from, st->to);
  if (st->note != NULL)
    g_string_append_printf (out, "%s.\n\n", st->note);
  if (st->kind == PP_STEP_CALL && r->sent != NULL && r->sent->len > 0)
    {
      g_string_append (out, "| Parameter | Value | From |\n|---|---|---|\n");
      for (guint i = 0; i < r->sent->len; i++)
        {
          const PpSentParam *p = &g_array_index (r->sent, PpSentParam, i);

          g_string_append_printf (out, "| %s | ", p->name);
          md_code (out, p->value);
          g_string_append (out, " | ");
          if (p->source != NULL)
            md_code (out, p->source);
          g_string_append (out, " |\n");
        }
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "Result: **%s**", pp_outcome_to_string (r->outcome));
  if (r->result != NULL && pp_api_result_ok (r->result))
    {
      g_autofree char *summary = response_summary (r->result);
      if (summary != NULL)
        g_string_append_printf (out, ", %s", summary);
    }
  else if (r->result != NULL)
    g_string_append_printf (out, ", `%s` (HTTP %u): %s", r->result->code, r->result->http_status,
                            r->result->message);
  g_string_append (out, ".\n");
  if (r->reason != NULL)
    g_string_append_printf (out, "%s.\n", r->reason);
  for (guint i = 0; i < r->statuses->len; i++)
    {
      const PpStatusNote *n = &g_array_index (r->statuses, PpStatusNote, i);
      const char *gloss = pp_runbook_status_gloss (n->settled);

      g_string_append_printf (out, "%s`%s`: ", i == 0 ? "\n" : "", n->id);
      if (g_strcmp0 (n->after_call, n->settled) != 0)
        g_string_append_printf (out, "%s -> ", n->after_call ? n->after_call : "Deleted");
      g_string_append_printf (out, "**%s**%s%s%s\n", n->settled ? n->settled : "Deleted",
                              gloss && n->settled ? " (" : "", gloss && n->settled ? gloss : "",
                              gloss && n->settled ? ")" : "");
      if (i + 1 < r->statuses->len)
        g_string_append (out, "\n");
    }
  if (r->trace != NULL)
    {
      g_string_append (out, "\n```\n");
      put_trace_text (out, r->trace, "");
      g_string_append (out, "```\n");
    }
  g_string_append_c (out, '\n');
}

void
pp_runbook_markdown_step (FILE *out, const PpStepResult *r)
{
  g_autoptr(GString) s = g_string_new (NULL);

  pp_runbook_markdown_step_append (s, r);
  fwrite (s->str, 1, s->len, out);
}

gboolean
pp_runbook_parse_seed (const char *text, guint64 *seed, GError **error)
{
  if (text == NULL)
    return TRUE;
  return pp_parse_uint (text, 0, G_MAXUINT64, seed, error);
}
