/* SPDX-License-Identifier: MIT */
/* cmd-report.c: `peerplan report SCENARIO`, the one-page HTML design
 * review (docs/review.md).
 *
 * The data is the plan's (pp_plan_scenario: steps, run, findings), the
 * one estimate (its findings joined), the drawing of what was built as
 * `plan --graph` draws it (SVG through Graphviz) and the cost chart; the
 * page is written by html-report.c.  With --diff OLD NEW, the page is
 * NEW's, with the PpDiff (diff/) as its Change section and its objects
 * marked on the diagram as `graph --diff` marks them (PpDiffMarks).  -o
 * follows the one rule of output files (.html or .htm) and is replaced
 * atomically. */
#include "sim/cli/cli.h"
#include "sim/cli/cost-report.h"
#include "sim/cli/html-report.h"
#include "sim/cli/diff-report.h"
#include "sim/pp-planner.h"
#include "pricing/pp-estimate.h"
#include "render/pp-render.h"

#include <unistd.h>

/* -o follows the one rule of output files (cli-output.c): a page. */
static const char * const report_formats[] = { "html", "htm", NULL };
static const PpCliOutput report_output = { "-o", NULL, report_formats };

int
pp_cmd_report (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = NULL;
  g_autoptr(PpPlan) plan = NULL;
  g_autoptr(PpEstimate) estimate = NULL;
  g_autoptr(GBytes) diagram = NULL, chart = NULL, page = NULL;
  g_autofree char *output = NULL;
  g_auto(PpDiffMarks) marks = { 0 };
  g_autoptr(PpScenario) old_sc = NULL;
  g_autoptr(PpDiff) d = NULL;
  gboolean diff = FALSE;
  PpRenderOptions ropts;
  PpHtmlReport r = { 0 };
  g_auto(PpCliPricing) pricing = { 0 };
  const PpPricingOptions *popts;
  int code = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write the page to FILE (replaced atomically) instead of stdout; its name ends in .html or .htm", "FILE" },
    { "diff", 0, 0, G_OPTION_ARG_NONE, &diff,
      "Take OLD NEW: the page of NEW with a Change section (what `peerplan diff OLD NEW` reports, "
      "as tables) and the diagram of `graph --diff`", NULL },
    PP_CLI_FINDINGS_OPTIONS,
    PP_CLI_PROGRESS_OPTION,
    PP_CLI_QUIET_OPTION,
    { NULL }
  };

  g_set_prgname ("peerplan report");
  ctx = g_option_context_new ("SCENARIO | --diff OLD NEW - one self-contained HTML page for a design review");
  g_option_context_add_main_entries (ctx, entries, NULL);
  pp_cli_pricing_init (&pricing);
  pp_cli_pricing_add_entries (ctx, &pricing);
  g_option_context_set_summary (ctx,
    "Writes one HTML file that reads offline and prints: the diagram (inline\n"
    "SVG, zoomable, the findings in its tooltips), the findings (sortable by\n"
    "severity, rule, object), the cost per account per month and the\n"
    "break-even chart, the quotas and their headroom, the lead-time\n"
    "calendar, the runbook steps and the sources of every price.  Style and\n"
    "script are inline, allowed by a Content-Security-Policy of their\n"
    "hashes; the page fetches nothing.  Same input, same bytes.\n"
    "The pricing options are those of `peerplan cost`.");
  g_option_context_set_description (ctx,
    "Example:\n"
    "  peerplan report -o review.html data/examples/article.xml\n"
    "\n"
    "Exit status: 0 written (findings are shown, not failed on: use check);\n"
    "2 bad usage, a scenario that cannot be read, an output name that does\n"
    "not end in .html or .htm, or an output file that cannot be written;\n"
    "3 internal failure.  See docs/review.md.");
  if (!pp_cli_parse (ctx, &argc, &argv, &code))
    return code;
  if (output != NULL && pp_cli_output_format (ctx, &report_output, NULL, output, &code) == NULL)
    return code;
  if (argc < 2)
    return pp_cli_usage (ctx, "no scenario given");
  if (diff && argc != 3)
    return pp_cli_usage (ctx, "report --diff takes two scenarios, OLD NEW");
  if (!diff && argc > 2)
    return pp_cli_usage (ctx, "report takes one scenario (or --diff OLD NEW)");
  popts = pp_cli_pricing_resolve (&pricing, ctx, &code);
  if (popts == NULL)
    return code;

  if (diff)
    {
      old_sc = pp_cli_load_scenario (argv[1], &error);
      if (old_sc == NULL)
        goto fail;
    }
  sc = pp_cli_load_scenario (argv[diff ? 2 : 1], &error);
  if (sc == NULL)
    goto fail;
  if (diff)
    {
      d = pp_diff_new (old_sc, sc, popts, &error);
      if (d == NULL)
        goto fail;
      pp_diff_marks_init (&marks, d);
    }
  plan = pp_plan_scenario (sc, PP_RUN_DEFAULT_SEED, &error);
  if (plan == NULL)
    goto fail;
  estimate = pp_estimate_new (sc, popts, plan->findings, &error);
  if (estimate == NULL)
    goto fail;
  if (!pp_cli_pricing_check_estimate (&pricing, estimate, &code))
    return code;
  /* waivers, then imported objects' Terraform addresses */
  if (!pp_cli_settle_findings (sc, plan->findings, 0, &error))
    goto fail;
  pp_cli_settle_done (plan->findings);
  pp_findings_sort (plan->findings);

  pp_render_options_init (&ropts);
  ropts.findings = plan->findings;
  ropts.cost = pp_cli_built_cost_label;
  ropts.user_data = estimate;
  if (d != NULL)
    ropts.diff = &marks.render;   /* graph --diff's diagram: the change marked on NEW */
  diagram = pp_render_to_bytes (NULL, plan->run->built, &ropts, "svg", &error);
  if (diagram == NULL)
    goto fail;
  chart = pp_cost_chart_svg (estimate, &error);
  if (chart == NULL)
    goto fail;

  r.sc = sc;
  r.plan = plan;
  r.estimate = estimate;
  r.diagram_svg = diagram;
  r.chart_svg = chart;
  r.diff = d;
  r.old_file = diff ? argv[1] : NULL;
  r.new_file = diff ? argv[2] : NULL;
  page = pp_html_report (&r, &error);
  if (page == NULL)
    goto fail;
  if (output != NULL)
    {
      if (!pp_cli_write_atomic (output, g_bytes_get_data (page, NULL),
                                g_bytes_get_size (page), &error))
        {
          pp_cli_error ("-o: %s (hint: check that the folder exists and is writable)", error->message);
          return PP_EXIT_INPUT;
        }
    }
  else
    fwrite (g_bytes_get_data (page, NULL), 1, g_bytes_get_size (page), stdout);
  return PP_EXIT_OK;

fail:
  pp_cli_error ("%s", error->message);
  return pp_cli_exit_code (error);
}
