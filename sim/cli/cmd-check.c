/* SPDX-License-Identifier: MIT */
/* cmd-check.c: `peerplan check SCENARIO...`, findings for CI. */
#include "sim/cli/cli.h"
#include "sim/cli/report.h"
#include "model/pp-check.h"
#include "model/pp-scenario-xml.h"
#include "pricing/pp-estimate.h"

#include <unistd.h>

/* Records the input error of @file in @errors (a report entry); on stderr
 * too, unless standard output is a terminal, where the report shows it. */
static void
check_input_error (GPtrArray *errors, const char *file, const GError *error)
{
  g_ptr_array_add (errors, pp_report_error_new (file, error->message));
  if (isatty (STDOUT_FILENO) != 1)
    pp_cli_error ("%s", error->message);
}

int
pp_cmd_check (int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *fail_on = NULL;
  g_auto(PpCliPricing) pricing = { 0 };
  const PpPricingOptions *opts;
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(PpFindings) findings = pp_findings_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) pp_report_error_free);
  PpReportFormat fmt = PP_REPORT_TEXT;
  PpSeverity threshold = PP_SEVERITY_ERROR;
  int code = 0;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      "Report format: text (default), json, junit, sarif or markdown", "FORMAT" },
    { "fail-on", 0, 0, G_OPTION_ARG_STRING, &fail_on,
      "Exit 1 when a finding is at this severity or above: error (default), warning or info", "SEVERITY" },
    PP_CLI_FINDINGS_OPTIONS,
    PP_CLI_PROGRESS_OPTION,
    PP_CLI_QUIET_OPTION,
    { NULL }
  };

  g_set_prgname ("peerplan check");
  ctx = g_option_context_new ("SCENARIO... - check scenarios and report findings");
  g_option_context_add_main_entries (ctx, entries, NULL);
  pp_cli_pricing_init (&pricing);
  pp_cli_pricing_add_entries (ctx, &pricing);
  g_option_context_set_summary (ctx,
    "Loads each scenario, checks it against every rule (docs/rules.md) and\n"
    "reports the findings, each with its rule id, severity and file:line.\n"
    "The pricing rules (price-*, product-retired, ticket-*, quota-*) see the\n"
    "same options as `peerplan cost`: a quote given with --prices prices what\n"
    "it names, so its price-missing findings go away.");
  g_option_context_set_description (ctx,
    "Every file is checked and reported: a file that cannot be read (or is not\n"
    "a scenario, e.g. a workflow for `peerplan run`) is an entry of the report\n"
    "(file:line: message) and makes the exit status 2 once all are reported.\n"
    "\n"
    "Exit status: 0 no finding at or above --fail-on; 1 findings at or above it;\n"
    "2 bad usage, or a file that could not be checked (file:line: message);\n"
    "3 internal failure.");
  if (!pp_cli_parse (ctx, &argc, &argv, &code))
    return code;
  if (format != NULL && !pp_report_format_from_string (format, &fmt))
    return pp_cli_usage (ctx, "--format must be text, json, junit, sarif or markdown");
  if (fail_on != NULL && !pp_severity_from_string (fail_on, &threshold))
    return pp_cli_usage (ctx, "--fail-on must be error, warning or info");
  if (argc < 2)
    return pp_cli_usage (ctx, "no scenario given");
  opts = pp_cli_pricing_resolve (&pricing, ctx, &code);
  if (opts == NULL)
    return code;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PpScenario) sc = pp_cli_load_scenario (argv[i], &error);
      guint first;

      g_ptr_array_add (files, argv[i]);
      if (sc == NULL)
        {
          if (pp_cli_exit_code (error) == PP_EXIT_INTERNAL)
            {
              pp_cli_error ("%s", error->message);
              return PP_EXIT_INTERNAL;
            }
          check_input_error (errors, argv[i], error);
          continue;
        }
      first = pp_findings_len (findings);
      pp_check_scenario (sc, findings);
      /* price-*, product-retired, ticket-*, quota-* (pricing/), with
       * the quote and options `cost` would use */
      {
        g_autoptr(PpEstimate) e = pp_estimate_new (sc, opts, findings, &error);

        if (e == NULL)
          {
            if (pp_cli_exit_code (error) == PP_EXIT_INTERNAL)
              {
                pp_cli_error ("%s", error->message);
                return PP_EXIT_INTERNAL;
              }
            check_input_error (errors, argv[i], error);
          }
        else if (!pp_cli_pricing_check_estimate (&pricing, e, &code))
          return code;          /* an option the estimate refuses: usage */
      }
      /* waivers, then imported objects' Terraform addresses */
      if (!pp_cli_settle_findings (sc, findings, first, &error))
        {
          pp_cli_error ("%s", error->message);
          return pp_cli_exit_code (error);
        }
    }
  g_ptr_array_add (files, NULL);

  /* a file that could not be read has no findings: its baseline
   * entries would all look unused */
  if (errors->len == 0)
    pp_cli_settle_done (findings);
  pp_findings_sort (findings);
  pp_report_findings_with_errors (stdout, fmt, findings, (const char * const *) files->pdata, errors,
                                  threshold, fmt == PP_REPORT_TEXT && pp_cli_use_color (stdout));
  if (errors->len > 0)
    return PP_EXIT_INPUT;
  return pp_findings_any_at_least (findings, threshold) ? PP_EXIT_FINDINGS : PP_EXIT_OK;
}
