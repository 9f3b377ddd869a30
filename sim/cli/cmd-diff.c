/* SPDX-License-Identifier: MIT */
/* cmd-diff.c: `peerplan diff OLD NEW`, what a change does.
 *
 * Loads both files (anything check reads), compares them (diff/pp-diff.h)
 * and writes the report (diff-report.h) to stdout or, atomically, to -o. */
#include "sim/cli/cli.h"
#include "sim/cli/diff-report.h"

#include <stdio.h>

/* -o follows the one rule of output files (cli-output.c): .txt, .json or
 * .md, which --format must agree with when both are given. */
static const char * const diff_formats[] = { "text", "json", "markdown", NULL };
static const PpCliOutput diff_output = { "-o", "--format", diff_formats };

int
pp_cmd_diff (int argc, char **argv)
{
  g_autofree char *format = NULL, *output = NULL, *fail_on = NULL;
  g_auto(PpCliPricing) pricing = { 0 };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) old_sc = NULL;
  g_autoptr(PpScenario) new_sc = NULL;
  g_autoptr(PpDiff) d = NULL;
  g_autofree char *text = NULL;
  const PpPricingOptions *opts;
  PpSeverity threshold = PP_SEVERITY_ERROR;
  gsize len = 0;
  int code = 0;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      "Output: text (default), json or markdown (a pull-request comment)", "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write the report to FILE (atomically) instead of standard output; FILE.txt, FILE.json or FILE.md says the format", "FILE" },
    { "fail-on", 0, 0, G_OPTION_ARG_STRING, &fail_on,
      "Exit 1 when NEW adds a finding at this severity or above: error (default), warning or info", "SEVERITY" },
    PP_CLI_PROGRESS_OPTION,
    PP_CLI_QUIET_OPTION,
    { NULL }
  };

  g_set_prgname ("peerplan diff");
  ctx = g_option_context_new ("OLD NEW - what a change does");
  g_option_context_add_main_entries (ctx, entries, NULL);
  pp_cli_pricing_init (&pricing);
  pp_cli_pricing_add_entries (ctx, &pricing);
  g_option_context_set_summary (ctx,
    "Compares two scenarios (or Terraform plan/state JSON, or API answers):\n"
    "objects added, removed and changed (matched by id); findings new, fixed\n"
    "and unchanged (matched by rule and objects); pairs of instances whose ping\n"
    "result differs; cost per account and connection, per month and over the\n"
    "horizon, old, new and delta; quota headroom that shrank; new tickets.");
  g_option_context_set_description (ctx,
    "Exit status: 0 NEW adds no finding at or above --fail-on (fixed findings\n"
    "never fail); 1 it does; 2 bad usage or input; 3 internal failure.\n"
    "See docs/diff.md.");
  if (!pp_cli_parse (ctx, &argc, &argv, &code))
    return code;
  {
    const char *f = pp_cli_output_format (ctx, &diff_output, format, output, &code);

    if (f == NULL)
      return code;
    g_free (format);
    format = g_strdup (f);
  }
  if (fail_on != NULL && !pp_severity_from_string (fail_on, &threshold))
    return pp_cli_usage (ctx, "--fail-on must be error, warning or info");
  if (argc != 3)
    return pp_cli_usage (ctx, argc < 3 ? "diff takes two files, OLD and NEW" : "diff takes two files, OLD and NEW");
  opts = pp_cli_pricing_resolve (&pricing, ctx, &code);
  if (opts == NULL)
    return code;

  old_sc = pp_cli_load_scenario (argv[1], &error);
  if (old_sc == NULL)
    goto fail;
  new_sc = pp_cli_load_scenario (argv[2], &error);
  if (new_sc == NULL)
    goto fail;
  d = pp_diff_new (old_sc, new_sc, opts, &error);
  if (d == NULL)
    goto fail;
  if (!pp_cli_pricing_check_estimate (&pricing, d->old_estimate, &code) ||
      !pp_cli_pricing_check_estimate (&pricing, d->new_estimate, &code))
    return code;

  if (g_strcmp0 (format, "json") == 0)
    {
      char *buf = NULL;
      FILE *mem = open_memstream (&buf, &len);

      if (mem == NULL)
        {
          pp_cli_error ("cannot allocate the report");
          return PP_EXIT_INTERNAL;
        }
      pp_diff_report_json (mem, d, argv[1], argv[2]);
      fclose (mem);
      text = g_strndup (buf, len);
      free (buf);
    }
  else if (g_strcmp0 (format, "markdown") == 0)
    text = pp_diff_report_markdown (d, argv[1], argv[2], PP_DIFF_MARKDOWN_MAX);
  else if (pp_report_quiet)
    text = pp_diff_report_new_findings (d);
  else
    text = pp_diff_report_text (d, argv[1], argv[2]);
  len = strlen (text);
  if (output != NULL)
    {
      if (!pp_cli_write_atomic (output, text, len, &error))
        {
          pp_cli_error ("-o: %s", error->message);
          return PP_EXIT_INPUT;
        }
    }
  else
    fwrite (text, 1, len, stdout);
  return pp_diff_new_at_least (d, threshold) > 0 ? PP_EXIT_FINDINGS : PP_EXIT_OK;

fail:
  pp_cli_error ("%s", error->message);
  return pp_cli_exit_code (error);
}
