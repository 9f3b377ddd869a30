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
#include "sim/cli/step-writer.h"
#include "sim/cli/terraform-write.h"
#include "sim/pp-planner.h"
#include "pricing/pp-estimate.h"
#include "render/pp-render.h"

#include <string.h>
#include <unistd.h>

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

/* The formats of the runbook: one row and one case in pp_cmd_plan()'s
 * switch each.  @priced: the report shows the estimate (and pricing's
 * findings). */
typedef enum {
  PLAN_TEXT,
  PLAN_MARKDOWN,
  PLAN_JSON,
  PLAN_WORKFLOW,
  PLAN_TERRAFORM,
  PLAN_FORMAT_LAST
} PlanFormat;

static const struct {
  const char *name;
  gboolean priced;
} plan_formats[] = {
  [PLAN_TEXT] = { "text", TRUE },
  [PLAN_MARKDOWN] = { "markdown", TRUE },
  [PLAN_JSON] = { "json", TRUE },
  [PLAN_WORKFLOW] = { "workflow", FALSE },
  /* priced: its header says whether the plan runs, with the same verdict
   * (pricing's findings included) as the runbook. */
  [PLAN_TERRAFORM] = { "terraform", TRUE },
};
G_STATIC_ASSERT (G_N_ELEMENTS (plan_formats) == PLAN_FORMAT_LAST);

/* What the end of the runbook says about its steps, gathered as they are
 * written: the counts, and each failed step and check. */
typedef struct {
  guint line, number;
  gboolean check;
  char *reason;
} Failed;

static void
failed_clear (gpointer p)
{
  g_free (((Failed *) p)->reason);
}

typedef struct {
  guint steps, checks;
  guint passed[2], failed[2], skipped[2];
  GArray *failures;           /* Failed */
} Tally;

static void
tally_add (Tally *t, const PpStepResult *r)
{
  guint k = r->step->kind == PP_STEP_REACH ? 1 : 0;

  if (k)
    t->checks++;
  else
    t->steps++;
  if (r->outcome == PP_OUTCOME_PASSED)
    t->passed[k]++;
  else if (r->outcome == PP_OUTCOME_FAILED)
    {
      Failed f = { r->step->line, r->number, k, g_strdup (r->reason) };

      t->failed[k]++;
      g_array_append_val (t->failures, f);
    }
  else
    t->skipped[k]++;
}

/* Each failed step and check named at the end, as `run` names its first
 * failure: `FILE:LINE: step N failed: WHY`, LINE being the scenario line
 * the step was derived from, so an editor can jump to it.  A plan goes on
 * after a failure (later steps show what else would break), so every
 * failure is listed, not only the first. */
static void
write_failed_steps (FILE *out, const PpScenario *sc, const Tally *t, gboolean md)
{
  for (guint i = 0; i < t->failures->len; i++)
    {
      const Failed *f = &g_array_index (t->failures, Failed, i);

      if (md && i == 0)
        fputs ("\n", out);
      fprintf (out, "%s%s:%u%s %s %u failed: %s\n", md ? "- `" : "", sc->file, f->line,
               md ? "`:" : ":", f->check ? "check" : "step", f->number,
               f->reason != NULL ? f->reason : "(no reason recorded)");
    }
}

/* Work done on a thread of its own, or here at once when no thread can
 * be made (the result is the same). */
typedef struct {
  GThread *thread;
} Aside;

static void
aside_start (Aside *a, const char *name, GThreadFunc func, gpointer data)
{
  a->thread = g_thread_try_new (name, func, data, NULL);
  if (a->thread == NULL)
    func (data);
}

/* Waits until the work is done. */
static void
aside_join (Aside *a)
{
  if (a->thread != NULL)
    g_thread_join (g_steal_pointer (&a->thread));
}

/* The estimate, made on a thread of its own while the engine loads the
 * scenario (pp_plan_stream_new()): on the 20 000-VPC estate each takes
 * about a tenth of a second, one after the other on one core before. */
typedef struct {
  const PpScenario *sc;
  const PpPricingOptions *opts;
  PpFindings *findings;       /* pricing's, borrowed until pricing_finish() */
  Aside aside;
  PpEstimate *estimate;
  GError *error;
} Pricing;

static gpointer
pricing_run (gpointer data)
{
  Pricing *p = data;

  p->estimate = pp_estimate_new (p->sc, p->opts, p->findings, &p->error);
  return NULL;
}

/* Starts pricing @sc into @findings. */
static void
pricing_start (Pricing *p, const PpScenario *sc, const PpPricingOptions *opts, PpFindings *findings)
{
  p->sc = sc;
  p->opts = opts;
  p->findings = findings;
  aside_start (&p->aside, "pp-price", pricing_run, p);
}

/* The estimate (transfer full), or NULL with @error. */
static PpEstimate *
pricing_finish (Pricing *p, GError **error)
{
  aside_join (&p->aside);
  if (p->error != NULL)
    g_propagate_error (error, g_steal_pointer (&p->error));
  return g_steal_pointer (&p->estimate);
}

static void
pricing_clear (Pricing *p)
{
  aside_join (&p->aside);
  g_clear_pointer (&p->estimate, pp_estimate_free);
  g_clear_error (&p->error);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pricing, pricing_clear)

/* The runbook as it is written: each format's beginning, then each step
 * as the planner makes it (pp_plan_stream_run()), then the end once
 * the plan is checked and priced.  Nothing of a step is kept but the
 * tally. */
typedef struct {
  FILE *out;
  const PpScenario *sc;
  PlanFormat fmt;
  gboolean color;
  guint64 seed;
  gboolean begun;
  gboolean checks;            /* text, markdown: the Checks heading is written */
  Tally t;
  PpJsonWriter w;
  GString *xml;
  GString *text;              /* text: the step being written */
  PpStepWriter *steps;        /* the steps' writer, on a thread of its own;
                                 NULL: they are written here */
  gboolean steps_apart;       /* the steps went to a writer of steps */
  const PpEstimate *estimate;
  gboolean cost_written;      /* text: the writer of steps writes the cost
                                 summary (write_cost()) after the steps */
} Stream;

static void
stream_begin (Stream *st)
{
  const PpScenario *sc = st->sc;

  if (st->begun)
    return;
  st->begun = TRUE;
  switch (st->fmt)
    {
    case PLAN_JSON:
      pp_json_writer_init (&st->w, st->out);
      pp_json_begin_object (&st->w);
      pp_json_member_int (&st->w, "version", 1);
      pp_json_key (&st->w, "scenario");
      pp_json_begin_object (&st->w);
      pp_json_member_string (&st->w, "name", sc->name);
      pp_json_member_string (&st->w, "file", sc->file);
      pp_json_end_object (&st->w);
      pp_json_member_int (&st->w, "seed", (gint64) st->seed);
      pp_json_key (&st->w, "accounts");
      pp_json_begin_array (&st->w);
      for (guint a = 0; a < sc->accounts->len; a++)
        {
          pp_json_begin_object (&st->w);
          pp_json_member_string (&st->w, "id", pp_scenario_account (sc, a)->id);
          pp_json_member_string (&st->w, "uid", pp_scenario_account (sc, a)->uid);
          pp_json_end_object (&st->w);
        }
      pp_json_end_array (&st->w);
      pp_json_key (&st->w, "steps");
      pp_json_begin_array (&st->w);
      break;
    case PLAN_WORKFLOW:
      {
        g_autofree char *scenario = NULL;
        g_autofree char *comment = NULL;

        if (g_str_has_prefix (sc->file, "peerplan:data/"))
          scenario = g_strconcat (PP_WORKFLOW_BUILTIN, sc->file + strlen ("peerplan:data/"), NULL);
        else
          scenario = g_canonicalize_filename (sc->file, NULL);
        comment = g_strdup_printf ("The calls that build %s, as derived by `peerplan plan`:\n"
                                   "each account's calls in order, a <wait> where the service is\n"
                                   "asynchronous, the pings last.  Edit it, then replay it with\n"
                                   "`peerplan run` (docs/workflow.md).", sc->name);
        st->xml = g_string_new (NULL);
        pp_workflow_xml_begin (st->xml, sc->name, scenario, comment);
        fputs (st->xml->str, st->out);
      }
      break;
    case PLAN_MARKDOWN:
    case PLAN_TEXT:
    case PLAN_TERRAFORM:
    case PLAN_FORMAT_LAST:
    default:
      print_header (st->out, sc, st->fmt == PLAN_MARKDOWN);
      fputs (st->fmt == PLAN_MARKDOWN ? "## Steps\n\n" : "Steps\n", st->out);
      break;
    }
}

/* What comes after the steps and before the findings: the Checks
 * heading when there was no check, the cost summary. */
static const char *
no_checks (gboolean md)
{
  return md ? "## Checks\n\nThe scenario declares no `expect-reach`.\n\n"
            : "\nChecks\n    (the scenario declares no expect-reach)\n";
}

/* The cost summary on the writer of steps' thread (PpStepWriterFunc),
 * streamed: on an estate of 20 000 connections it is 24 MB of tables, a
 * twentieth of plan's time, made while the plan's own thread frees the
 * engine and checks the plan, and never whole in memory (the engine is
 * at its largest when it starts). */
static void
write_cost (FILE *out, gpointer data)
{
  const PpEstimate *estimate = data;

  pp_cost_report_write (out, estimate, PP_COST_STYLE_TEXT, &pp_report_sources_before);
}

static void
cost_to_writer (Stream *st)
{
  static const char heading[] = "\nCost\n";
  const char *none = no_checks (FALSE);

  if (!st->checks)
    pp_step_writer_text (st->steps, none, strlen (none));
  pp_step_writer_text (st->steps, heading, strlen (heading));
  pp_step_writer_call (st->steps, write_cost, (gpointer) st->estimate);
  st->cost_written = TRUE;
}

static void
stream_step (const PpStepResult *r, gpointer data)
{
  Stream *st = data;
  const gboolean md = st->fmt == PLAN_MARKDOWN;

  if (r == NULL)
    {
      /* the steps are done (PP_PLAN_STEPS_DONE): the writer of steps
       * goes on with the cost summary, which follows them, while the
       * engine is freed and the plan checked */
      if (st->steps != NULL)
        {
          stream_begin (st);
          if (st->fmt == PLAN_TEXT)
            cost_to_writer (st);
          pp_step_writer_flush (st->steps);
        }
      return;
    }

  stream_begin (st);
  tally_add (&st->t, r);
  switch (st->fmt)
    {
    case PLAN_JSON:
      if (st->steps != NULL)
        pp_step_writer_step (st->steps, r);
      else
        pp_runbook_json_step (&st->w, r);
      break;
    case PLAN_WORKFLOW:
      if (st->steps != NULL)
        pp_step_writer_step (st->steps, r);
      else
        {
          g_string_truncate (st->xml, 0);
          pp_workflow_xml_step (st->xml, r->step, r);
          fputs (st->xml->str, st->out);
        }
      break;
    case PLAN_MARKDOWN:
    case PLAN_TEXT:
    case PLAN_TERRAFORM:
    case PLAN_FORMAT_LAST:
    default:
      if (r->step->kind == PP_STEP_REACH && !st->checks)
        {
          const char *heading = md ? "## Checks\n\n" : "\nChecks\n";

          if (st->steps != NULL)
            pp_step_writer_text (st->steps, heading, strlen (heading));
          else
            fputs (heading, st->out);
          st->checks = TRUE;
        }
      if (st->steps != NULL)
        pp_step_writer_step (st->steps, r);
      else if (md)
        pp_runbook_markdown_step (st->out, r);
      else
        {
          /* one buffer for every step (1.6 million on the largest estate) */
          if (st->text == NULL)
            st->text = g_string_sized_new (1024);
          g_string_truncate (st->text, 0);
          pp_runbook_text_step_append (st->text, r, TRUE, st->color);
          fwrite (st->text->str, 1, st->text->len, st->out);
        }
      break;
    }
}

/* A route step that passed as route steps pass, in brief
 * (pp_plan_stream_run() is given this when there is a writer of steps). */
static void
stream_route (const PpPlanRoute *route, gpointer data)
{
  Stream *st = data;

  stream_begin (st);
  st->t.steps++;
  st->t.passed[0]++;
  pp_step_writer_route (st->steps, route);
}

/* The end of the runbook as text or Markdown: the cost summary (unless
 * the writer of steps wrote it), the findings and the summary. */
static void
end_text (Stream *st, const PpPlan *plan, const PpEstimate *estimate)
{
  FILE *out = st->out;
  const gboolean md = st->fmt == PLAN_MARKDOWN;
  const PpReportFormat fmt = md ? PP_REPORT_MARKDOWN : PP_REPORT_TEXT;
  const char *files[2] = { st->sc->file, NULL };
  const Tally *t = &st->t;

  if (!st->cost_written)
    {
      if (!st->checks)
        fputs (no_checks (md), out);
      /* In Markdown the summary opens with its own heading ("## peerplan
       * cost: NAME"): a "## Cost" above it would be two headings in a row. */
      if (!md)
        fputs ("\nCost\n", out);
      pp_cost_report_write (out, estimate, md ? PP_COST_STYLE_MARKDOWN : PP_COST_STYLE_TEXT,
                            &pp_report_sources_before);
    }
  fputs (md ? "## Findings\n\n" : "\nFindings\n", out);
  pp_report_findings (out, fmt, plan->findings, files, PP_SEVERITY_ERROR, st->color);
  fprintf (out, "%s%u step(s): %u passed, %u failed, %u skipped; %u check(s): %u passed, %u failed, %u skipped\n",
           md ? "\n## Summary\n\n" : "\nSummary: ",
           t->steps, t->passed[0], t->failed[0], t->skipped[0],
           t->checks, t->passed[1], t->failed[1], t->skipped[1]);
  write_failed_steps (out, st->sc, t, md);
  fprintf (out, "%s%s\n", md ? "\n" : "", pp_plan_ok (plan)
           ? "The plan runs: every step passed and no finding is an error."
           : "The plan does not run as declared: see the failed steps and the errors above.");
}

/* The end of the runbook as JSON: each section written once, by the
 * writer of its own report (the steps as `run --format json`, the cost as
 * `cost --format json` without its version and findings, the findings as
 * `check --format json`). */
static void
end_json (Stream *st, const PpPlan *plan, const PpEstimate *estimate)
{
  PpJsonWriter *w = &st->w;
  const Tally *t = &st->t;

  /* the steps the writer of steps wrote are this array's */
  if (st->steps_apart && t->steps > 0)
    pp_json_writer_has_items (w);
  pp_json_end_array (w);
  pp_json_key (w, "cost");
  pp_json_begin_object (w);
  pp_cost_report_json_members (w, estimate);
  pp_json_end_object (w);
  pp_json_key (w, "findings");
  pp_report_json_findings (w, plan->findings);
  pp_report_json_waived (w, plan->findings);
  pp_json_key (w, "summary");
  pp_json_begin_object (w);
  pp_json_member_bool (w, "ok", pp_plan_ok (plan));
  pp_json_member_int (w, "steps", t->steps);
  pp_json_member_int (w, "steps_passed", t->passed[0]);
  pp_json_member_int (w, "steps_failed", t->failed[0]);
  pp_json_member_int (w, "steps_skipped", t->skipped[0]);
  pp_json_member_int (w, "checks", t->checks);
  pp_json_member_int (w, "checks_passed", t->passed[1]);
  pp_json_member_int (w, "checks_failed", t->failed[1] + t->skipped[1]);
  pp_json_key (w, "findings");
  pp_report_json_summary (w, plan->findings);
  pp_json_end_object (w);
  pp_json_end_object (w);
  pp_json_writer_finish (w);
}

static void
stream_end (Stream *st, const PpPlan *plan, const PpEstimate *estimate)
{
  stream_begin (st);
  /* every step written before the end */
  pp_step_writer_finish (g_steal_pointer (&st->steps));
  switch (st->fmt)
    {
    case PLAN_JSON:
      end_json (st, plan, estimate);
      break;
    case PLAN_WORKFLOW:
      g_string_truncate (st->xml, 0);
      pp_workflow_xml_end (st->xml);
      fputs (st->xml->str, st->out);
      break;
    case PLAN_MARKDOWN:
    case PLAN_TEXT:
    case PLAN_TERRAFORM:
    case PLAN_FORMAT_LAST:
    default:
      end_text (st, plan, estimate);
      break;
    }
}

/* The writer of @st's steps in its format, or NULL (no thread). */
static PpStepWriter *
new_step_writer (Stream *st)
{
  switch (st->fmt)
    {
    case PLAN_TEXT:
      return pp_step_writer_new (st->out, st->sc, st->color, NULL);
    case PLAN_JSON:
      return pp_step_writer_new_format (st->out, st->sc, pp_step_format_json, NULL, NULL);
    case PLAN_MARKDOWN:
      return pp_step_writer_new_format (st->out, st->sc, pp_step_format_markdown, NULL, NULL);
    case PLAN_WORKFLOW:
      return pp_step_writer_new_format (st->out, st->sc, pp_step_format_workflow, NULL, NULL);
    case PLAN_TERRAFORM:
    case PLAN_FORMAT_LAST:
    default:
      return NULL;
    }
}

static void
stream_clear (Stream *st)
{
  g_clear_pointer (&st->t.failures, g_array_unref);
  if (st->xml != NULL)
    g_string_free (g_steal_pointer (&st->xml), TRUE);
  if (st->text != NULL)
    g_string_free (g_steal_pointer (&st->text), TRUE);
  pp_step_writer_finish (g_steal_pointer (&st->steps));
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Stream, stream_clear)

/* --graph: what was built (the engine's statuses under the declared ids),
 * with each side's monthly cost and every finding the plan reported. */
static gboolean
draw_plan (const PpPlan *plan, const PpEstimate *estimate, const char *file,
           const char *format, GError **error)
{
  PpRenderOptions opts;

  pp_render_options_init (&opts);
  opts.findings = plan->findings;
  opts.cost = pp_cli_built_cost_label;
  opts.user_data = (gpointer) estimate;
  return pp_render_to_file (NULL, plan->run->built, &opts, format, file, error);
}


static gboolean
plan_format_from_string (const char *s, PlanFormat *out)
{
  for (guint i = 0; i < PLAN_FORMAT_LAST; i++)
    if (g_strcmp0 (s, plan_formats[i].name) == 0)
      {
        *out = (PlanFormat) i;
        return TRUE;
      }
  return FALSE;
}

/* --graph: the formats of `graph`, told by the file's extension. */
static const char * const graph_formats[] = { "dot", "svg", "png", "pdf", NULL };
static const PpCliOutput graph_output = { "--graph", NULL, graph_formats };

int
pp_cmd_plan (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = NULL;
  g_autoptr(PpPlan) plan = NULL;
  g_autoptr(PpEstimate) estimate = NULL;
  g_autoptr(PpFindings) findings = NULL;
  g_auto(Stream) stream = { 0 };
  g_auto(Pricing) priced = { 0 };
  g_autoptr(PpPlanStream) pstream = NULL;
  g_autoptr(GError) engine_error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *graph = NULL;
  const char *graph_format = NULL;
  g_auto(PpCliPricing) pricing = { 0 };
  const PpPricingOptions *popts;
  PlanFormat fmt = PLAN_TEXT;
  guint64 seed = PP_RUN_DEFAULT_SEED;
  int code = 0;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "Output format: text (default), markdown, json, workflow (the steps as a workflow for `peerplan run`) or terraform (the Terraform configuration that builds the same, docs/terraform.md)", "FORMAT" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, "Seed of the simulated ids (default 20260101)", "N" },
    { "graph", 'g', 0, G_OPTION_ARG_FILENAME, &graph, "Also draw what was built, with statuses, costs and findings, to FILE in the format of its extension (.svg, .png, .pdf, .dot or .gv)", "FILE" },
    PP_CLI_FINDINGS_OPTIONS,
    PP_CLI_PROGRESS_OPTION,
    PP_CLI_QUIET_OPTION,
    { NULL }
  };

  g_set_prgname ("peerplan plan");
  ctx = g_option_context_new ("[SCENARIO] - the runbook: who does what, in which order, and whether it works");
  g_option_context_add_main_entries (ctx, entries, NULL);
  pp_cli_pricing_init (&pricing);
  pp_cli_pricing_add_entries (ctx, &pricing);
  g_option_context_set_summary (ctx,
    "Derives the ordered API calls that build the scenario (account, action,\n"
    "parameters), runs them on the simulated cloud, shows each resulting\n"
    "status (Idle, not connected, turning Active), pings both ways, shows\n"
    "the cost summary (as `peerplan cost`) and reports the findings: those of\n"
    "`peerplan check` on the scenario as declared, and the expectations checked\n"
    "on what the steps built.  --graph draws what was built with the same\n"
    "estimate and findings.  The pricing options are those of `peerplan cost`\n"
    "(--prices a quote, --months, --traffic, --start, ...).\n"
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
  if (format != NULL && !plan_format_from_string (format, &fmt))
    return pp_cli_usage (ctx, "--format must be text, markdown, json, workflow or terraform");
  if (!pp_runbook_parse_seed (seed_text, &seed, &error))
    {
      g_autofree char *msg = g_strdup_printf ("--seed: %s", error->message);

      return pp_cli_usage (ctx, msg);
    }
  if (graph != NULL)
    {
      graph_format = pp_cli_output_format (ctx, &graph_output, NULL, graph, &code);
      if (graph_format == NULL)
        return code;
    }

  popts = pp_cli_pricing_resolve (&pricing, ctx, &code);
  if (popts == NULL)
    return code;

  /* A runbook is about eight times the size of its scenario (a gigabyte
   * on the largest benchmark): to a file or a pipe it goes in blocks of
   * 1 MiB, not stdio's 4 KiB, one write() a block. */
  if (!isatty (fileno (stdout)))
    {
      /* glibc ignores the size unless it is given the buffer; stdout is
       * closed at exit (pp_cli_close_stdout), so the buffer is static */
      static char block[1 << 20];

      setvbuf (stdout, block, _IOFBF, sizeof block);
    }
  sc = pp_cli_load_scenario (argc == 2 ? argv[1] : NULL, &error);
  if (sc == NULL)
    {
      pp_cli_error ("%s", error->message);
      return pp_cli_exit_code (error);
    }
  /* Priced once, before the first step is written (pricing refuses some
   * input): the report and the drawing show the same estimate, and
   * pricing's findings join the plan's.  A streamed plan loads its
   * engine meanwhile; pricing's error, if any, still comes first. */
  findings = pp_findings_new ();
  if (plan_formats[fmt].priced || graph != NULL)
    pricing_start (&priced, sc, popts, findings);
  if (fmt != PLAN_TERRAFORM)
    pstream = pp_plan_stream_new (sc, seed,
                                  (graph != NULL ? PP_PLAN_BUILT_ROUTES : PP_PLAN_NO_BUILT)
                                  | PP_PLAN_STEPS_DONE,
                                  &engine_error);
  if (plan_formats[fmt].priced || graph != NULL)
    {
      estimate = pricing_finish (&priced, &error);
      if (estimate == NULL)
        {
          pp_cli_error ("%s", error->message);
          return pp_cli_exit_code (error);
        }
      if (!pp_cli_pricing_check_estimate (&pricing, estimate, &code))
        return code;
    }
  if (!pp_cli_settle_ready (&error))
    {
      pp_cli_error ("%s", error->message);
      return pp_cli_exit_code (error);
    }
  if (fmt == PLAN_TERRAFORM)
    {
      /* the configuration is written from the whole workflow */
      plan = pp_plan_scenario (sc, seed, &error);
      if (plan != NULL)
        pp_findings_take (plan->findings, findings);
    }
  else
    {
      stream.out = stdout;
      stream.sc = sc;
      stream.fmt = fmt;
      stream.color = fmt == PLAN_TEXT && pp_cli_use_color (stdout);
      stream.seed = seed;
      stream.t.failures = g_array_new (FALSE, TRUE, sizeof (Failed));
      g_array_set_clear_func (stream.t.failures, failed_clear);
      stream.estimate = estimate;
      /* the steps on the second core; here if it cannot be had */
      stream.steps = new_step_writer (&stream);
      stream.steps_apart = stream.steps != NULL;
      /* what was built is read by the drawing (with its routes) and by
       * the checks when the scenario expects reachability (the flags of
       * pp_plan_stream_new() above) */
      if (pstream == NULL)
        {
          pp_cli_error ("%s", engine_error->message);
          return pp_cli_exit_code (engine_error);
        }
      plan = pp_plan_stream_run (pstream, g_steal_pointer (&findings), stream_step,
                                 stream.steps != NULL ? stream_route : NULL, &stream, &error);
    }
  if (plan == NULL)
    {
      pp_cli_error ("%s", error->message);
      return pp_cli_exit_code (error);
    }
  /* waivers, then imported objects' Terraform addresses */
  if (!pp_cli_settle_findings (sc, plan->findings, 0, &error))
    {
      pp_cli_error ("%s", error->message);
      return pp_cli_exit_code (error);
    }
  pp_cli_settle_done (plan->findings);
  pp_findings_sort (plan->findings);
  if (fmt == PLAN_TERRAFORM)
    {
      g_autofree char *hcl = pp_terraform_write (sc, plan->workflow, pp_plan_ok (plan), &error);

      if (hcl == NULL)
        {
          pp_cli_error ("%s", error->message);
          return pp_cli_exit_code (error);
        }
      fputs (hcl, stdout);
    }
  else
    stream_end (&stream, plan, estimate);
  if (graph != NULL && !draw_plan (plan, estimate, graph, graph_format, &error))
    {
      pp_cli_error ("%s", error->message);
      return pp_cli_exit_code (error);
    }
  return pp_plan_ok (plan) ? PP_EXIT_OK : PP_EXIT_FINDINGS;
}
