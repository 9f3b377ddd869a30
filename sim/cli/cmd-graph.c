/* SPDX-License-Identifier: MIT */
/* cmd-graph.c: `peerplan graph SCENARIO`, the topology as a diagram.
 *
 * DOT goes to stdout by default (pipe-friendly, like `terraform graph`);
 * -T svg|png|pdf|dot or -o FILE (its extension) renders through gvc:
 * pp_cli_output_format() says which.  The scenario is
 * checked first, so the findings are drawn.  Exit status: 0 drawn (findings
 * do not fail a drawing: `check` is the gate), 2 bad usage or input or an
 * output file that cannot be opened, 3 internal failure (Graphviz could not
 * lay out, or the output could not be written).
 */
#include "sim/cli/cli.h"
#include "model/pp-check.h"
#include "model/pp-reach.h"
#include "model/pp-route-table.h"
#include "model/pp-suggest.h"
#include "pricing/pp-estimate.h"
#include "render/pp-render.h"

#include "sim/cli/diff-report.h"

#include <string.h>
#include <unistd.h>

/* The trace of --trace FROM,TO: the ping both ways, from the reachability
 * engine.  The hops are the request's objects then the reply's, up to the
 * drop: a request that is dropped has no reply. */
typedef struct {
  PpRenderTrace trace;
  GPtrArray *hops;            /* char *, NULL-terminated */
  char *verdict;
} Trace;

static void
trace_clear (Trace *t)
{
  g_clear_pointer (&t->hops, g_ptr_array_unref);
  g_clear_pointer (&t->verdict, g_free);
}

#define TRACE_LIST_MAX 20         /* instances named in the message, at most */

/* "no instance ID": the nearest id if one is close, and the instances the
 * scenario has (the first TRACE_LIST_MAX, in file order). */
static char *
no_instance (const PpScenario *sc, const char *id)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GString) s = g_string_new (NULL);
  const char *best;
  guint n = sc->instances->len;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ids, (gpointer) pp_scenario_instance (sc, i)->id);
  g_ptr_array_add (ids, NULL);
  best = pp_suggest (id, (const char *const *) ids->pdata);
  g_string_printf (s, "--trace: no instance '%s' in scenario %s", id, sc->name);
  g_string_append (s, " (");
  if (best != NULL)
    g_string_append_printf (s, "did you mean '%s'? ", best);
  if (n == 0)
    g_string_append (s, "it has no instances");
  else
    {
      g_string_append (s, n == 1 ? "its instance: " : "its instances: ");
      for (guint i = 0; i < MIN (n, TRACE_LIST_MAX); i++)
        g_string_append_printf (s, "%s%s", i ? ", " : "", pp_scenario_instance (sc, i)->id);
      if (n > TRACE_LIST_MAX)
        g_string_append_printf (s, " and %u more", n - TRACE_LIST_MAX);
    }
  g_string_append_c (s, ')');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Returns FALSE (and the usage message in *@message) if @spec is not two
 * instances of @sc. */
static gboolean
trace_build (const PpScenario *sc, const char *spec, Trace *t, char **message)
{
  g_auto(GStrv) ends = g_strsplit (spec, ",", -1);
  g_autoptr(PpRouteTables) rt = NULL;
  g_auto(PpReachResult) result = { 0 };
  g_auto(GStrv) fwd = NULL;
  g_auto(GStrv) rev = NULL;
  guint from, to;

  if (g_strv_length (ends) != 2 || *ends[0] == '\0' || *ends[1] == '\0')
    {
      *message = g_strdup_printf ("--trace wants two instance ids, FROM,TO (not '%s')", spec);
      return FALSE;
    }
  for (guint i = 0; i < 2; i++)
    if (pp_scenario_lookup (sc, PP_KIND_INSTANCE, ends[i]) == PP_NONE)
      {
        *message = no_instance (sc, ends[i]);
        return FALSE;
      }
  from = pp_scenario_lookup (sc, PP_KIND_INSTANCE, ends[0]);
  to = pp_scenario_lookup (sc, PP_KIND_INSTANCE, ends[1]);
  rt = pp_route_tables_new (sc);
  result = pp_reach_check (sc, rt, from, to);
  fwd = pp_reach_path_objects (sc, rt, &result.forward);
  t->hops = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; fwd[i] != NULL; i++)
    g_ptr_array_add (t->hops, g_strdup (fwd[i]));
  if (pp_reach_path_ok (&result.forward))
    {
      rev = pp_reach_path_objects (sc, rt, &result.reverse);
      for (guint i = 0; rev[i] != NULL; i++)
        g_ptr_array_add (t->hops, g_strdup (rev[i]));
    }
  g_ptr_array_add (t->hops, NULL);
  if (!result.ok)
    {
      const PpReachPath *bad = pp_reach_path_ok (&result.forward) ? &result.reverse : &result.forward;

      if (bad->drop_vpc != PP_NONE)
        t->trace.dropped_in = pp_scenario_vpc (sc, bad->drop_vpc)->id;
      t->trace.drop_reason = pp_hop_result_describe (pp_reach_path_last (bad)->result);
    }
  t->verdict = pp_reach_result_summary (sc, &result);
  t->trace.from = pp_scenario_instance (sc, from)->id;
  t->trace.to = pp_scenario_instance (sc, to)->id;
  t->trace.hops = (const char * const *) t->hops->pdata;
  t->trace.reached = result.ok;
  t->trace.verdict = t->verdict;
  return TRUE;
}

/* The formats of a diagram, dot first (the default on stdout). */
static const char * const graph_formats[] = { "dot", "svg", "png", "pdf", NULL };
static const PpCliOutput graph_output = { "-o", "-T", graph_formats };

int
pp_cmd_graph (int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *level = NULL;
  g_autofree char *title = NULL;
  g_autofree char *trace = NULL;
  gboolean no_legend = FALSE, no_check = FALSE, no_cost = FALSE, diff = FALSE;
  g_autoptr(PpScenario) old_sc = NULL;
  g_autoptr(PpDiff) change = NULL;
  g_auto(PpDiffMarks) marks = { 0 };
  g_auto(PpCliPricing) pricing = { 0 };
  const char *fmt;
  const PpPricingOptions *popts;
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = NULL;
  g_autoptr(PpFindings) findings = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(PpEstimate) estimate = NULL;
  PpRenderOptions opts;
  Trace tr = { { 0 } };
  int code = 0;
  GOptionEntry entries[] = {
    { "format", 'T', 0, G_OPTION_ARG_STRING, &format,
      "Output format: dot, svg, png or pdf (default: the extension of -o, else dot)", "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write to FILE instead of stdout; its extension (.dot or .gv, .svg, .png, .pdf) gives the format", "FILE" },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level,
      "Detail: account, region, vpc, vswitch or instance (default); what is below "
      "the level is drawn as counts", "LEVEL" },
    { "trace", 0, 0, G_OPTION_ARG_STRING, &trace,
      "Highlight the path of a ping between two instances, both ways, up to where it is dropped", "FROM,TO" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title,
      "Title of the diagram (default: the scenario's name)", "TEXT" },
    { "no-legend", 0, 0, G_OPTION_ARG_NONE, &no_legend,
      "Leave the legend out", NULL },
    { "no-check", 0, 0, G_OPTION_ARG_NONE, &no_check,
      "Draw the topology alone, without running the checks", NULL },
    { "no-cost", 0, 0, G_OPTION_ARG_NONE, &no_cost,
      "Leave the monthly cost off the connections", NULL },
    PP_CLI_FINDINGS_OPTIONS,
    { "diff", 0, 0, G_OPTION_ARG_NONE, &diff,
      "Take two files, OLD NEW: draw NEW with what the change added (green), "
      "changed (orange) and removed (grey, dashed, struck) marked (docs/diff.md)", NULL },
    PP_CLI_QUIET_OPTION,
    { NULL }
  };

  g_set_prgname ("peerplan graph");
  ctx = g_option_context_new ("SCENARIO | --diff OLD NEW - draw the topology (DOT, SVG, PNG, PDF)");
  g_option_context_add_main_entries (ctx, entries, NULL);
  pp_cli_pricing_init (&pricing);
  pp_cli_pricing_add_entries (ctx, &pricing);
  g_option_context_set_summary (ctx,
    "Draws the scenario nested account > region > VPC > vSwitch > instance,\n"
    "with router interfaces and peering ends on their VPCs, connections\n"
    "labelled with spec, status and cost (when priced), route tables, and the findings of\n"
    "`peerplan check` in colour; a legend explains the styles.  DOT goes to\n"
    "stdout unless -T or -o says otherwise; node and cluster names derive from\n"
    "the scenario's ids, so two runs give the same bytes.  The costs and the\n"
    "pricing findings come from the same options as `peerplan cost` (--prices\n"
    "a quote, --traffic, ...).");
  g_option_context_set_description (ctx,
    "Examples:\n"
    "  peerplan graph data/examples/article.xml | dot -Tsvg > article.svg\n"
    "  peerplan graph -o estate.png --level vpc estate.xml\n"
    "  peerplan graph --diff -o change.svg old.xml new.xml\n"
    "The format follows the extension of -o; -T, if given, must agree with it.\n"
    "\n"
    "Exit status: 0 drawn (findings are drawn, not failed on: use check);\n"
    "2 bad usage, a scenario that cannot be read (file:line: message), an\n"
    "output name whose extension is unknown or disagrees with -T, or an output\n"
    "file that cannot be opened; 3 Graphviz could not lay out or render,\n"
    "or the output could not be written.");
  if (!pp_cli_parse (ctx, &argc, &argv, &code))
    return code;

  pp_render_options_init (&opts);
  /* -T wins; else the extension of -o; DOT on stdout by default */
  fmt = pp_cli_output_format (ctx, &graph_output, format, output, &code);
  if (fmt == NULL)
    return code;
  if (level != NULL && !pp_render_level_from_string (level, &opts.level))
    return pp_cli_usage (ctx, "--level must be account, region, vpc, vswitch or instance");
  if (argc < 2)
    return pp_cli_usage (ctx, "no scenario given");
  if (diff && argc != 3)
    return pp_cli_usage (ctx, "graph --diff takes two files, OLD and NEW");
  if (!diff && argc > 2)
    return pp_cli_usage (ctx, "graph draws one scenario at a time (or --diff OLD NEW)");
  popts = pp_cli_pricing_resolve (&pricing, ctx, &code);
  if (popts == NULL)
    return code;
  if (output == NULL && !g_str_equal (fmt, "dot") && !g_str_equal (fmt, "svg")
      && isatty (fileno (stdout)))
    return pp_cli_usage (ctx, "refusing to write binary output to a terminal (use -o FILE)");

  if (diff)
    {
      old_sc = pp_cli_load_scenario (argv[1], &error);
      if (old_sc == NULL)
        {
          pp_cli_error ("%s", error->message);
          return pp_cli_exit_code (error);
        }
    }
  sc = pp_cli_load_scenario (argv[diff ? 2 : 1], &error);
  if (sc == NULL)
    {
      pp_cli_error ("%s", error->message);
      return pp_cli_exit_code (error);
    }
  if (diff)
    {
      change = pp_diff_new (old_sc, sc, popts, &error);
      if (change == NULL)
        {
          pp_cli_error ("%s", error->message);
          return pp_cli_exit_code (error);
        }
      /* The diff's objects, in its (sorted) order: what render marks. */
      pp_diff_marks_init (&marks, change);
      opts.diff = &marks.render;
    }
  if (!no_check)
    {
      findings = pp_findings_new ();
      pp_check_scenario (sc, findings);
    }
  /* The estimate gives the cost lines and pricing's findings (price-*,
   * ticket-*, quota-*, product-retired), as `peerplan check` reports. */
  if (!no_cost || !no_check)
    {
      estimate = pp_estimate_new (sc, popts, findings, &error);
      if (estimate == NULL)
        {
          pp_cli_error ("%s", error->message);
          return pp_cli_exit_code (error);
        }
      if (!pp_cli_pricing_check_estimate (&pricing, estimate, &code))
        return code;
      if (!no_cost)
        {
          opts.cost = pp_render_cost_label;
          opts.user_data = estimate;
        }
    }
  if (findings != NULL)
    {
      if (!pp_cli_settle_findings (sc, findings, 0, &error))
        {
          pp_cli_error ("%s", error->message);
          return pp_cli_exit_code (error);
        }
      pp_cli_settle_done (findings);
      pp_findings_sort (findings);
      opts.findings = findings;
    }
  if (trace != NULL)
    {
      g_autofree char *message = NULL;

      if (!trace_build (sc, trace, &tr, &message))
        return pp_cli_usage (ctx, message);
      opts.trace = &tr.trace;
    }
  opts.title = title;
  opts.no_legend = no_legend;

  /* NULL: render's one process-wide gvc context */
  if (output != NULL)
    {
      if (!pp_render_to_file (NULL, sc, &opts, fmt, output, &error))
        code = pp_cli_exit_code (error);
    }
  else
    {
      data = pp_render_to_bytes (NULL, sc, &opts, fmt, &error);
      if (data == NULL)
        code = pp_cli_exit_code (error);
      else
        /* main() checks that standard output took it all (exit 3 if not) */
        fwrite (g_bytes_get_data (data, NULL), 1, g_bytes_get_size (data), stdout);
    }
  trace_clear (&tr);
  if (error != NULL)
    pp_cli_error ("%s", error->message);
  return code;
}
