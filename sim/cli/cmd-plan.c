/* SPDX-License-Identifier: MIT */
/* cmd-plan.c: `peerplan plan [SCENARIO]`, the main job.
 *
 * Derives the ordered API calls that build the scenario (which account
 * does what, in which order, with which parameters), runs them on the
 * simulated cloud, pings both ways and checks what was built.  With no
 * file it plans the article's scenario, compiled into the program. */
#include "sim/cli/cli.h"
#include "sim/cli/cost-report.h"
#include "sim/cli/report.h"
#include "sim/cli/runbook.h"
#include "sim/cli/terraform-write.h"
#include "sim/pp-planner.h"
#include "pricing/pp-estimate.h"
#include "render/pp-render.h"

#include <stdlib.h>
#include <string.h>

static void
print_header (FILE *out, const PpScenario *sc, gboolean markdown)
{
  if (markdown)
    fprintf (out, "# Runbook: %s\n\nScenario: `%s`\n\n", sc->name, sc->file);
  else
    fprintf (out, "Runbook for %s (%s)\n", sc->name, sc->file);
  if (!markdown)
    fputs ("Accounts:", out);
  for (guint a = 0; a < sc->accounts->len; a++)
    {
      const PpAccount *acc = pp_scenario_account (sc, a);

      if (markdown)
        fprintf (out, "- account %s (uid %s)\n", acc->id, acc->uid);
      else
        fprintf (out, "%s %s (uid %s)", a ? "," : "", acc->id, acc->uid);
    }
  fputs ("\n", out);
  for (guint i = 0; i < sc->connections->len; i++)
    {
      const PpConnection *c = pp_scenario_connection (sc, i);
      const PpVpc *v0 = pp_scenario_vpc (sc, c->ends[0].vpc);
      const PpVpc *v1 = pp_scenario_vpc (sc, c->ends[1].vpc);

      fprintf (out, "%sconnection %s (%s%s%s): %s (%s, %s) -> %s (%s, %s)\n",
               markdown ? "- " : "", c->id, pp_conn_type_to_string (c->type),
               c->spec ? ", " : "", c->spec ? c->spec : "",
               v0->id, pp_scenario_vpc_account (sc, c->ends[0].vpc)->id, v0->region->id,
               v1->id, pp_scenario_vpc_account (sc, c->ends[1].vpc)->id, v1->region->id);
    }
  fputs ("\n", out);
}

typedef struct {
  guint steps, checks;
  guint passed[2], failed[2], skipped[2];
} Tally;

static Tally
tally (const PpRunResult *run)
{
  Tally t = { 0 };

  for (guint i = 0; i < run->steps->len; i++)
    {
      const PpStepResult *r = g_ptr_array_index (run->steps, i);
      guint k = r->step->kind == PP_STEP_REACH ? 1 : 0;

      if (k)
        t.checks++;
      else
        t.steps++;
      if (r->outcome == PP_OUTCOME_PASSED)
        t.passed[k]++;
      else if (r->outcome == PP_OUTCOME_FAILED)
        t.failed[k]++;
      else
        t.skipped[k]++;
    }
  return t;
}

/* The cost summary (pricing: per side, subscription against pay-as-you-go,
 * lead time, quotas), after the runbook; pricing's findings join the plan's. */
static gboolean
print_cost (FILE *out, const PpScenario *sc, PpPlan *plan, gboolean md, GError **error)
{
  fputs (md ? "## Cost\n\n" : "\nCost\n", out);
  if (!pp_cli_cost_summary (out, sc, plan->findings, md, error))
    return FALSE;
  pp_findings_sort (plan->findings);
  return TRUE;
}

static gboolean
write_text (FILE *out, const PpScenario *sc, PpPlan *plan, PpReportFormat fmt, gboolean color,
            GError **error)
{
  const gboolean md = fmt == PP_REPORT_MARKDOWN;
  const char *files[2] = { sc->file, NULL };
  Tally t = tally (plan->run);
  gboolean checks = FALSE;

  print_header (out, sc, md);
  fputs (md ? "## Steps\n\n" : "Steps\n", out);
  for (guint i = 0; i < plan->run->steps->len; i++)
    {
      const PpStepResult *r = g_ptr_array_index (plan->run->steps, i);

      if (r->step->kind == PP_STEP_REACH && !checks)
        {
          fputs (md ? "## Checks\n\n" : "\nChecks\n", out);
          checks = TRUE;
        }
      if (md)
        pp_runbook_markdown_step (out, r);
      else
        pp_runbook_text_step (out, r, TRUE, color);
    }
  if (!checks)
    fputs (md ? "## Checks\n\nThe scenario declares no `expect-reach`.\n\n"
              : "\nChecks\n    (the scenario declares no expect-reach)\n", out);
  if (!print_cost (out, sc, plan, md, error))
    return FALSE;
  fputs (md ? "## Findings\n\n" : "\nFindings\n", out);
  pp_report_findings (out, fmt, plan->findings, files, PP_SEVERITY_ERROR, color);
  fprintf (out, "%s%u step(s): %u passed, %u failed, %u skipped; %u check(s): %u passed, %u failed, %u skipped\n",
           md ? "\n## Summary\n\n" : "\nSummary: ",
           t.steps, t.passed[0], t.failed[0], t.skipped[0],
           t.checks, t.passed[1], t.failed[1], t.skipped[1]);
  fprintf (out, "%s%s\n", md ? "\n" : "", pp_plan_ok (plan)
           ? "The plan runs: every step passed and no finding is an error."
           : "The plan does not run as declared: see the failed steps and the errors above.");
  return TRUE;
}

/* Members of a JSON document a report writer wrote to a stream, for
 * embedding: the findings as `check --format json` writes them, the cost as
 * `cost --format json` does (same members, same order). */
typedef void (*WriteFunc) (FILE *out, gconstpointer what, gconstpointer extra);

static JsonObject *
json_of (WriteFunc write, gconstpointer what, gconstpointer extra)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  char *buf = NULL;
  size_t len = 0;
  FILE *mem = open_memstream (&buf, &len);
  JsonObject *obj = NULL;

  if (mem == NULL)
    return json_object_new ();
  write (mem, what, extra);
  fclose (mem);
  if (json_parser_load_from_data (parser, buf, (gssize) len, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    obj = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  free (buf);
  return obj != NULL ? obj : json_object_new ();
}

static void
write_findings (FILE *out, gconstpointer findings, gconstpointer sc)
{
  const char *files[2] = { ((const PpScenario *) sc)->file, NULL };

  pp_report_findings (out, PP_REPORT_JSON, findings, files, PP_SEVERITY_ERROR, FALSE);
}

static void
write_estimate (FILE *out, gconstpointer estimate, gconstpointer none)
{
  pp_cost_report_json (out, estimate, none);
}

static JsonNode *
member_of (JsonObject *obj, const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  return node != NULL ? json_node_copy (node) : json_node_new (JSON_NODE_NULL);
}

static gboolean
write_json (FILE *out, const PpScenario *sc, PpPlan *plan, guint64 seed, GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PpFindings) none = pp_findings_new ();
  g_autoptr(PpEstimate) estimate = NULL;
  g_autoptr(JsonObject) cost = NULL;
  g_autoptr(JsonObject) findings = NULL;
  Tally t = tally (plan->run);

  /* Pricing's findings join the plan's, as in the text runbook. */
  estimate = pp_estimate_new (sc, NULL, plan->findings, error);
  if (estimate == NULL)
    return FALSE;
  pp_findings_sort (plan->findings);
  cost = json_of (write_estimate, estimate, none);
  json_object_remove_member (cost, "version");
  json_object_remove_member (cost, "findings");
  findings = json_of (write_findings, plan->findings, sc);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "scenario");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, sc->name);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, sc->file);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, (gint64) seed);
  json_builder_set_member_name (b, "accounts");
  json_builder_begin_array (b);
  for (guint a = 0; a < sc->accounts->len; a++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, pp_scenario_account (sc, a)->id);
      json_builder_set_member_name (b, "uid");
      json_builder_add_string_value (b, pp_scenario_account (sc, a)->uid);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "steps");
  pp_runbook_json_steps (b, plan->run);
  json_builder_set_member_name (b, "cost");
  json_builder_add_value (b, json_node_init_object (json_node_alloc (), cost));
  json_builder_set_member_name (b, "findings");
  json_builder_add_value (b, member_of (findings, "findings"));
  json_builder_set_member_name (b, "summary");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, pp_plan_ok (plan));
  json_builder_set_member_name (b, "steps");
  json_builder_add_int_value (b, t.steps);
  json_builder_set_member_name (b, "steps_passed");
  json_builder_add_int_value (b, t.passed[0]);
  json_builder_set_member_name (b, "steps_failed");
  json_builder_add_int_value (b, t.failed[0]);
  json_builder_set_member_name (b, "steps_skipped");
  json_builder_add_int_value (b, t.skipped[0]);
  json_builder_set_member_name (b, "checks");
  json_builder_add_int_value (b, t.checks);
  json_builder_set_member_name (b, "checks_passed");
  json_builder_add_int_value (b, t.passed[1]);
  json_builder_set_member_name (b, "checks_failed");
  json_builder_add_int_value (b, t.failed[1] + t.skipped[1]);
  json_builder_set_member_name (b, "findings");
  json_builder_add_value (b, member_of (findings, "summary"));
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  pp_report_write_json (out, root);
  return TRUE;
}

/* The derived steps as a workflow file that `peerplan run` replays. */
static void
write_workflow (FILE *out, const PpScenario *sc, const PpPlan *plan)
{
  g_autofree char *scenario = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *xml = NULL;

  if (g_str_has_prefix (sc->file, "peerplan:data/"))
    scenario = g_strconcat (PP_WORKFLOW_BUILTIN, sc->file + strlen ("peerplan:data/"), NULL);
  else
    scenario = g_canonicalize_filename (sc->file, NULL);
  comment = g_strdup_printf ("The calls that build %s, as derived by `peerplan plan`:\n"
                             "each account's calls in order, a <wait> where the service is\n"
                             "asynchronous, the pings last.  Edit it, then replay it with\n"
                             "`peerplan run` (docs/workflow.md).", sc->name);
  xml = pp_workflow_to_xml (plan->workflow, plan->run, scenario, comment);
  fputs (xml, out);
}

/* --graph: what was built (the engine's statuses under the declared ids),
 * with each side's monthly cost and every finding the plan reported. */
static gboolean
draw_plan (const PpScenario *sc, const PpPlan *plan, const char *file,
           const char *format, GError **error)
{
  const PpScenario *built = plan->run != NULL && plan->run->built != NULL ? plan->run->built : sc;
  g_autoptr(PpEstimate) estimate = pp_estimate_new (built, NULL, NULL, error);
  PpRenderOptions opts;

  if (estimate == NULL)
    return FALSE;
  pp_render_options_init (&opts);
  opts.findings = plan->findings;
  opts.cost = pp_render_cost_label;
  opts.user_data = estimate;
  return pp_render_to_file (NULL, built, &opts, format, file, error);
}

int
pp_cmd_plan (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = NULL;
  g_autoptr(PpPlan) plan = NULL;
  g_autofree char *format = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *graph = NULL;
  const char *graph_format = NULL;
  PpReportFormat fmt = PP_REPORT_TEXT;
  guint64 seed = PP_RUN_DEFAULT_SEED;
  gboolean as_workflow = FALSE;
  gboolean as_terraform = FALSE;
  int code = 0;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "Output format: text (default), markdown, json, workflow (the steps as a workflow for `peerplan run`) or terraform (the Terraform configuration that builds the same, docs/terraform.md)", "FORMAT" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, "Seed of the simulated ids (default 20260101)", "N" },
    { "graph", 'g', 0, G_OPTION_ARG_FILENAME, &graph, "Also draw what was built, with statuses, costs and findings, to FILE (.svg, .png, .pdf or .dot)", "FILE" },
    PP_CLI_PROGRESS_OPTION,
    { NULL }
  };

  g_set_prgname ("peerplan plan");
  ctx = g_option_context_new ("[SCENARIO] - the runbook: who does what, in which order, and whether it works");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_summary (ctx,
    "Derives the ordered API calls that build the scenario (account, action,\n"
    "parameters), runs them on the simulated cloud, shows each resulting\n"
    "status (Idle, not connected, turning Active), pings both ways, shows\n"
    "the cost summary (as `peerplan cost`) and reports every finding on the\n"
    "declared and the built topology.\n"
    "With no SCENARIO, plans the bundled article scenario (Tokyo <-> Silicon Valley).\n"
    "--format terraform writes the Terraform configuration (provider\n"
    "aliyun/alicloud) that makes the same calls: docs/terraform.md.");
  g_option_context_set_description (ctx,
    "Exit status: 0 every step and check passed and no error finding;\n"
    "1 a step or check failed, or an error finding; 2 bad usage or input;\n"
    "3 internal failure.");
  if (!pp_cli_parse (ctx, &argc, &argv, &code))
    return code;
  if (argc > 2)
    return pp_cli_usage (ctx, "plan takes at most one scenario");
  as_workflow = g_strcmp0 (format, "workflow") == 0;
  as_terraform = g_strcmp0 (format, "terraform") == 0;
  if (format != NULL && !as_workflow && !as_terraform
      && (!pp_report_format_from_string (format, &fmt)
          || (fmt != PP_REPORT_TEXT && fmt != PP_REPORT_MARKDOWN && fmt != PP_REPORT_JSON)))
    return pp_cli_usage (ctx, "--format must be text, markdown, json, workflow or terraform");
  if (!pp_runbook_parse_seed (seed_text, &seed))
    return pp_cli_usage (ctx, "--seed must be a non-negative integer");
  if (graph != NULL)
    {
      const char *dot = strrchr (graph, '.');

      graph_format = dot != NULL ? dot + 1 : "";
      if (!pp_render_format_supported (graph_format))
        return pp_cli_usage (ctx, "--graph FILE must end in .svg, .png, .pdf or .dot");
    }

  sc = pp_cli_load_scenario (argc == 2 ? argv[1] : NULL, &error);
  if (sc == NULL)
    {
      pp_cli_error ("%s", error->message);
      return pp_cli_exit_code (error);
    }
  plan = pp_plan_scenario (sc, seed, &error);
  if (plan == NULL)
    {
      pp_cli_error ("%s", error->message);
      return pp_cli_exit_code (error);
    }
  if (as_workflow)
    write_workflow (stdout, sc, plan);
  else if (as_terraform)
    {
      g_autofree char *hcl = pp_terraform_write (sc, plan->workflow, pp_plan_ok (plan), &error);

      if (hcl == NULL)
        {
          pp_cli_error ("%s", error->message);
          return pp_cli_exit_code (error);
        }
      fputs (hcl, stdout);
    }
  else if (fmt == PP_REPORT_JSON ? !write_json (stdout, sc, plan, seed, &error)
           : !write_text (stdout, sc, plan, fmt, fmt == PP_REPORT_TEXT && pp_cli_use_color (stdout), &error))
    {
      pp_cli_error ("%s", error->message);
      return pp_cli_exit_code (error);
    }
  /* After the report, so the drawing shows pricing's findings too. */
  if (graph != NULL && !draw_plan (sc, plan, graph, graph_format, &error))
    {
      pp_cli_error ("%s", error->message);
      return pp_cli_exit_code (error);
    }
  return pp_plan_ok (plan) ? PP_EXIT_OK : PP_EXIT_FINDINGS;
}
