/* SPDX-License-Identifier: MIT */
/* cmd-run.c: `peerplan run WORKFLOW`, replays a workflow of API calls with
 * expected outcomes on the simulated cloud (docs/workflow.md), for testing
 * scripts in CI without credentials. */
#include "sim/cli/cli.h"
#include "sim/cli/report.h"
#include "sim/cli/runbook.h"
#include "sim/pp-workflow.h"

#include <string.h>

static void
write_text (FILE *out, const PpWorkflow *wf, const PpRunResult *run, gboolean verbose, gboolean color)
{
  const PpStepResult *first = pp_run_result_first_failure (run);

  if (pp_report_quiet)
    {
      /* -q: the steps that failed, then where the first one is */
      for (guint i = 0; i < run->steps->len; i++)
        {
          const PpStepResult *r = g_ptr_array_index (run->steps, i);

          if (r->outcome == PP_OUTCOME_FAILED)
            pp_runbook_text_step (out, r, verbose, color);
        }
    }
  else
    {
      fprintf (out, "Workflow %s%s%s%s (scenario %s)\n", wf->file, wf->name ? " \"" : "",
               wf->name ? wf->name : "", wf->name ? "\"" : "", wf->scenario_file);
      for (guint i = 0; i < run->steps->len; i++)
        pp_runbook_text_step (out, g_ptr_array_index (run->steps, i), verbose, color);
      fprintf (out, "\nResult: %u step(s): %u passed, %u failed, %u skipped\n", run->steps->len,
               run->counts[PP_OUTCOME_PASSED], run->counts[PP_OUTCOME_FAILED],
               run->counts[PP_OUTCOME_SKIPPED]);
    }
  if (first != NULL)
    fprintf (out, "%s:%u: step %u failed: %s\n", wf->file, first->step->line, first->number,
             first->reason);
}

static void
write_json (FILE *out, const PpWorkflow *wf, const PpRunResult *run, guint64 seed)
{
  PpJsonWriter w;
  const PpStepResult *first = pp_run_result_first_failure (run);

  pp_json_writer_init (&w, out);
  pp_json_begin_object (&w);
  pp_json_member_int (&w, "version", 1);
  pp_json_member_string (&w, "workflow", wf->file);
  if (wf->name != NULL)
    pp_json_member_string (&w, "name", wf->name);
  pp_json_member_string (&w, "scenario", wf->scenario_file);
  pp_json_member_int (&w, "seed", (gint64) seed);
  pp_json_key (&w, "steps");
  pp_runbook_json_steps (&w, run);
  pp_json_key (&w, "summary");
  pp_json_begin_object (&w);
  pp_json_member_bool (&w, "ok", pp_run_result_ok (run));
  pp_json_member_int (&w, "total", run->steps->len);
  for (guint o = 0; o < PP_OUTCOME_LAST; o++)
    pp_json_member_int (&w, pp_outcome_to_string ((PpOutcome) o), run->counts[o]);
  pp_json_key (&w, "first_failure");
  if (first != NULL)
    pp_json_int (&w, first->number);
  else
    pp_json_null (&w);
  pp_json_end_object (&w);
  pp_json_end_object (&w);
  pp_json_writer_finish (&w);
}

int
pp_cmd_run (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpWorkflow) wf = NULL;
  g_autoptr(PpRunResult) run = NULL;
  g_autofree char *format = NULL;
  g_autofree char *seed_text = NULL;
  gboolean keep_going = FALSE;
  gboolean verbose = FALSE;
  gboolean list = FALSE;
  PpReportFormat fmt = PP_REPORT_TEXT;
  PpRunOptions opts = { PP_RUN_DEFAULT_SEED, FALSE, FALSE };
  int code = 0;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "Output format: text (default), json or junit", "FORMAT" },
    { "keep-going", 'k', 0, G_OPTION_ARG_NONE, &keep_going, "Run the steps after a failed one (default: they are skipped)", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Show the parameters each call sent (text)", NULL },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, "Seed of the simulated ids (default 20260101)", "N" },
    { "list-actions", 0, 0, G_OPTION_ARG_NONE, &list, "List the API actions the engine implements, and exit", NULL },
    PP_CLI_QUIET_OPTION,
    { NULL }
  };

  g_set_prgname ("peerplan run");
  ctx = g_option_context_new ("WORKFLOW - replay API calls with expected outcomes");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_summary (ctx,
    "Runs a workflow (data/schema/workflow.rng, docs/workflow.md) on the simulated\n"
    "cloud: each <call> as its account, with ${NAME.Field} references to earlier\n"
    "results and scenario objects, expect-error and <expect> assertions, <wait>\n"
    "for a status on the simulated clock, and <expect-reach> pings.  Every step\n"
    "is reported.");
  g_option_context_set_description (ctx,
    "Exit status: 0 every expectation held; 1 a step failed; 2 bad usage or an\n"
    "invalid workflow (file:line: message); 3 internal failure.");
  if (!pp_cli_parse (ctx, &argc, &argv, &code))
    return code;
  if (list)
    {
      g_auto(GStrv) actions = pp_engine_actions (NULL);

      for (guint i = 0; actions != NULL && actions[i] != NULL; i++)
        printf ("%s\n", actions[i]);
      return PP_EXIT_OK;
    }
  if (argc != 2)
    return pp_cli_usage (ctx, "run takes one workflow file");
  if (format != NULL && (!pp_report_format_from_string (format, &fmt)
                         || (fmt != PP_REPORT_TEXT && fmt != PP_REPORT_JSON && fmt != PP_REPORT_JUNIT)))
    return pp_cli_usage (ctx, "--format must be text, json or junit");
  if (!pp_runbook_parse_seed (seed_text, &opts.seed, &error))
    {
      g_autofree char *msg = g_strdup_printf ("--seed: %s", error->message);

      return pp_cli_usage (ctx, msg);
    }
  opts.keep_going = keep_going;

  wf = pp_workflow_load_file (argv[1], &error);
  if (wf == NULL)
    {
      pp_cli_error ("%s", error->message);
      return pp_cli_exit_code (error);
    }
  run = pp_workflow_run (wf, NULL, &opts, &error);
  if (run == NULL)
    {
      pp_cli_error ("%s", error->message);
      return pp_cli_exit_code (error);
    }
  switch (fmt)
    {
    case PP_REPORT_JSON:
      write_json (stdout, wf, run, opts.seed);
      break;
    case PP_REPORT_JUNIT:
      pp_runbook_junit (stdout, wf->file, run);
      break;
    case PP_REPORT_TEXT:
    case PP_REPORT_SARIF:
    case PP_REPORT_MARKDOWN:
    case PP_REPORT_LAST:
    default:
      write_text (stdout, wf, run, verbose, pp_cli_use_color (stdout));
      break;
    }
  return pp_run_result_ok (run) ? PP_EXIT_OK : PP_EXIT_FINDINGS;
}
