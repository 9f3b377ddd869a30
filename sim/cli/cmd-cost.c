/* SPDX-License-Identifier: MIT */
/* cmd-cost.c: `peerplan cost SCENARIO`, the per-side estimate.
 *
 * Loads the scenario, estimates it (pricing/pp-estimate.h) and prints the
 * summary (text, Markdown or JSON) with the pricing findings; --chart
 * writes the cumulative cost as SVG, PNG or PDF (by its extension). */
#include "sim/cli/cli.h"
#include "sim/cli/cost-report.h"
#include "sim/cli/report.h"
#include "pricing/pp-pricing-error.h"


/* --chart: made as SVG, drawn as PNG or PDF by librsvg. */
static const char * const chart_formats[] = { "svg", "png", "pdf", NULL };
static const PpCliOutput chart_output = { "--chart", NULL, chart_formats };

int
pp_cmd_cost (int argc, char **argv)
{
  g_autofree char *format = NULL, *chart = NULL, *fail_on = NULL;
  g_auto(PpCliPricing) pricing = { 0 };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = NULL;
  g_autoptr(PpEstimate) e = NULL;
  g_autoptr(PpFindings) findings = pp_findings_new ();
  const PpPricingOptions *opts;
  const char *chart_format = NULL;
  PpSeverity threshold = PP_SEVERITY_ERROR;
  const char *files[2] = { NULL, NULL };
  int code = 0;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      "Output: text (default), json or markdown (for a pull-request comment)", "FORMAT" },
    { "chart", 0, 0, G_OPTION_ARG_FILENAME, &chart,
      "Also write the cumulative cost over the horizon as a chart, in the format of the extension: .svg, .png or .pdf", "FILE" },
    { "fail-on", 0, 0, G_OPTION_ARG_STRING, &fail_on,
      "Exit 1 when a finding is at this severity or above: error (default), warning or info", "SEVERITY" },
    PP_CLI_FINDINGS_OPTIONS,
    PP_CLI_QUIET_OPTION,
    { NULL }
  };

  g_set_prgname ("peerplan cost");
  ctx = g_option_context_new ("SCENARIO - estimate what each side pays, and when the links are ready");
  g_option_context_add_main_entries (ctx, entries, NULL);
  pp_cli_pricing_init (&pricing);
  pp_cli_pricing_add_entries (ctx, &pricing);
  g_option_context_set_summary (ctx,
    "Per connection and side: subscription against pay-as-you-go for a router\n"
    "interface's initiator (the acceptor pays nothing), outbound GB x the\n"
    "area-pair rate for a VPC peering; totals per account and overall (month 1,\n"
    "a steady month and the horizon; JSON has every month); the\n"
    "break-even; tickets and the earliest day the links carry traffic; quota\n"
    "headroom.  Every unit price names its source.  Prices never published\n"
    "(cross-region router interfaces) are asked for with price-missing: copy\n"
    "them from the purchase page into a quote file (--prices).");
  g_option_context_set_description (ctx,
    "Exit status: 0 no finding at or above --fail-on; 1 findings at or above it;\n"
    "2 bad usage or input (file:line: message); 3 internal failure.\n"
    "See docs/pricing.md for the model, the sources and what is unconfirmed.");
  if (!pp_cli_parse (ctx, &argc, &argv, &code))
    return code;
  if (format != NULL && g_strcmp0 (format, "text") != 0 && g_strcmp0 (format, "json") != 0 &&
      g_strcmp0 (format, "markdown") != 0)
    return pp_cli_usage (ctx, "--format must be text, json or markdown");
  if (fail_on != NULL && !pp_severity_from_string (fail_on, &threshold))
    return pp_cli_usage (ctx, "--fail-on must be error, warning or info");
  if (argc != 2)
    return pp_cli_usage (ctx, argc < 2 ? "no scenario given" : "cost takes one scenario");
  if (chart != NULL)
    {
      chart_format = pp_cli_output_format (ctx, &chart_output, NULL, chart, &code);
      if (chart_format == NULL)
        return code;
    }

  opts = pp_cli_pricing_resolve (&pricing, ctx, &code);
  if (opts == NULL)
    return code;

  sc = pp_cli_load_scenario (argv[1], &error);
  if (sc == NULL)
    goto fail;
  e = pp_estimate_new (sc, opts, findings, &error);
  if (e == NULL)
    goto fail;
  if (!pp_cli_settle_findings (sc, findings, 0, &error))
    goto fail;
  pp_cli_settle_done (findings);
  pp_findings_sort (findings);
  if (!pp_cli_pricing_check_estimate (&pricing, e, &code))
    return code;

  if (chart != NULL)
    {
      g_autoptr(GBytes) svg = pp_cost_chart_svg (e, &error);
      g_autoptr(GBytes) bytes = NULL;
      gsize len = 0;
      const char *data;

      if (svg == NULL)
        goto fail;
      bytes = pp_cli_svg_convert (svg, chart_format, &error);
      if (bytes == NULL)
        goto fail;
      data = g_bytes_get_data (bytes, &len);
      if (!g_file_set_contents (chart, data, (gssize) len, &error))
        {
          pp_cli_error ("--chart: %s", error->message);
          return pp_cli_exit_code (error);
        }
    }

  files[0] = sc->file;
  if (g_strcmp0 (format, "json") == 0)
    pp_cost_report_json (stdout, e, findings);
  else
    {
      gboolean md = g_strcmp0 (format, "markdown") == 0;
      pp_cost_report_write (stdout, e, md ? PP_COST_STYLE_MARKDOWN : PP_COST_STYLE_TEXT,
                            &pp_report_sources_before);
      printf (md ? "\n### findings\n\n" : "\nfindings:\n");
      pp_report_findings (stdout, md ? PP_REPORT_MARKDOWN : PP_REPORT_TEXT, findings, files,
                          threshold, !md && pp_cli_use_color (stdout));
    }
  return pp_findings_any_at_least (findings, threshold) ? PP_EXIT_FINDINGS : PP_EXIT_OK;

fail:
  pp_cli_error ("%s", error->message);
  return pp_cli_exit_code (error);
}
