/* SPDX-License-Identifier: MIT */
/* cli.h: the peerplan program: verbs and the helpers they share.
 *
 * Each verb is a file cmd-VERB.c with a handler that parses its own options
 * (GOptionContext) and returns the exit code:
 *   0 clean, 1 findings at or above --fail-on (or failed expectations),
 *   2 bad usage or unreadable/invalid input, 3 internal failure.
 * Only this folder prints.  Machine output goes to stdout, diagnostics to
 * stderr.
 */
#pragma once

#include <glib.h>
#include <stdio.h>

#include "model/pp-scenario.h"
#include "model/pp-finding.h"
#include "model/pp-scenario-xml.h"
#include "sim/cli/report.h"
#include "pricing/pp-estimate.h"

G_BEGIN_DECLS

enum {
  PP_EXIT_OK = 0,
  PP_EXIT_FINDINGS = 1,
  PP_EXIT_INPUT = 2,
  PP_EXIT_INTERNAL = 3,
};

typedef struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} PpVerb;

int pp_cmd_check (int argc, char **argv);
int pp_cmd_plan (int argc, char **argv);
int pp_cmd_graph (int argc, char **argv);
int pp_cmd_run (int argc, char **argv);
int pp_cmd_cost (int argc, char **argv);
int pp_cmd_serve (int argc, char **argv);
int pp_cmd_import (int argc, char **argv);
int pp_cmd_report (int argc, char **argv);
int pp_cmd_diff (int argc, char **argv);

/* "peerplan: MESSAGE" on stderr. */
void  pp_cli_error (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Prints @message and one line pointing at the verb's --help to stderr
 * (the program name must be "peerplan VERB"); returns PP_EXIT_INPUT. */
int   pp_cli_usage (GOptionContext *ctx, const char *message);
/* The exit code for an error from the library: input errors 2, others 3. */
int   pp_cli_exit_code (const GError *error);
/* Flushes and closes standard output, where a full disk or a closed pipe
 * shows: on failure prints "cannot write the output" and returns FALSE.
 * main() calls it once, at exit, and exits 3 when it fails. */
gboolean pp_cli_close_stdout (void);
/* Parses the verb's options; on failure prints usage and returns FALSE
 * with *exit_code set.  Handles --help itself (exit 0). */
gboolean pp_cli_parse (GOptionContext *ctx, int *argc, char ***argv, int *exit_code);

/* Loads @file, or the bundled article scenario when @file is NULL.  On a
 * terminal, a large file shows its progress on stderr (phase, share read,
 * elements, rate), cleared when done; --progress shows it also when stderr
 * is not a terminal, one line a second. */
PpScenario *pp_cli_load_scenario (const char *file, GError **error);

/* Loads @file as what it holds, detected by content: Terraform JSON or API
 * answers through the importer (import/), anything else as scenario XML;
 * "-" reads standard input.  (cmd-import.c) */
PpScenario *pp_cli_load_detected (const char *file, const PpLoadOptions *opts, GError **error);

/* --progress, for the verbs that load scenarios. */
extern gboolean pp_cli_progress_forced;
#define PP_CLI_PROGRESS_OPTION \
  { "progress", 0, 0, G_OPTION_ARG_NONE, &pp_cli_progress_forced, \
    "Show progress on stderr also when it is not a terminal", NULL }

/* -q/--quiet, for every verb but serve (pp_report_quiet): no progress, no
 * summary lines, no hints; findings one line each; what the verb is asked
 * for (a runbook, a diagram, JSON, a file) and the exit status unchanged. */
#define PP_CLI_QUIET_OPTION \
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &pp_report_quiet, \
    "Print no summary, hint or progress: findings one line each (text)", NULL }

/* The options of every verb that reports findings (check, plan, cost,
 * graph, report): --today, the date a <waive until=...> is judged at,
 * --baseline FILE (cli-baseline.c) and --show-waived
 * (pp_report_show_waived). */
extern char *pp_cli_today;
extern char *pp_cli_baseline;
#define PP_CLI_FINDINGS_OPTIONS \
  { "baseline", 0, 0, G_OPTION_ARG_FILENAME, &pp_cli_baseline, \
    "Accept the findings of FILE, an earlier `check --format json`: only new findings count", "FILE" }, \
  { "today", 0, 0, G_OPTION_ARG_STRING, &pp_cli_today, \
    "The date waivers expire against (default: SOURCE_DATE_EPOCH, else the clock)", "YYYY-MM-DD" }, \
  { "show-waived", 0, 0, G_OPTION_ARG_NONE, &pp_report_show_waived, \
    "Also show the findings that waivers or the baseline accepted", NULL }

/* Settles the findings that the checks of @sc added to @f from index
 * @from on, the one step every verb takes before it reports them: the
 * scenario's waivers accept theirs (expired and unused waivers become
 * findings), then imported objects get their addresses
 * (pp_scenario_name_origins), then the --baseline accepts its own (the
 * file is read on the first call).  Call it once per scenario, then
 * pp_cli_settle_done() once, before sorting.  FALSE with @error (an
 * input error) when --today or SOURCE_DATE_EPOCH is not a date, or the
 * baseline cannot be read or is not a peerplan JSON report. */
gboolean pp_cli_settle_findings (const PpScenario *sc, PpFindings *f, guint from, GError **error);
/* What pp_cli_settle_findings() can refuse (--today, SOURCE_DATE_EPOCH,
 * the baseline), checked before a report that streams writes anything. */
gboolean pp_cli_settle_ready (GError **error);
/* After the last scenario: a baseline-unused finding for each entry of
 * the baseline that matched nothing. */
void     pp_cli_settle_done (PpFindings *f);
/* (cli-baseline.c) The --baseline part of the two above. */
gboolean pp_cli_baseline_apply (PpFindings *f, guint from, GError **error);
void     pp_cli_baseline_finish (PpFindings *f);

/* A PpRenderConnLabelFunc for drawing what a plan built (run->built):
 * the cost line of the declared connection of the same id in @estimate
 * (a const PpEstimate *), as pp_render_cost_label() gives it. */
char *pp_cli_built_cost_label (const PpScenario *built, guint connection, gpointer estimate);

/* The pricing options, one group for every verb that prices (check, plan,
 * graph, cost; cli-pricing.c): --prices FILE, --months N, --traffic GB,
 * --start DATE, --currency CUR, --usd-to-cny RATE, --max-price-age DAYS.
 * A verb keeps one PpCliPricing (g_auto), adds its entries to its context
 * before parsing, and after parsing turns it into the options of
 * pp_estimate_new() with pp_cli_pricing_resolve(): the same quote and
 * horizon then give the same findings and figures in every verb. */
typedef struct {
  /* as given (the targets of the option entries) */
  gint months;                /* PP_PRICING_DEFAULT_MONTHS unless given */
  char *traffic;
  char *prices;
  char *start;
  char *currency;
  char *rate;
  gint max_age;
  /* after pp_cli_pricing_resolve() */
  PpPrices *quotes;           /* owned: the --prices file */
  PpPricingOptions opts;      /* points into this struct */
} PpCliPricing;

void pp_cli_pricing_init (PpCliPricing *p);
void pp_cli_pricing_clear (PpCliPricing *p);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PpCliPricing, pp_cli_pricing_clear)
void pp_cli_pricing_add_entries (GOptionContext *ctx, PpCliPricing *p);
/* Checks the values and loads the quote.  Returns the options (owned by
 * @p), or NULL with the message printed and *@exit_code set (2 for bad
 * usage or input). */
const PpPricingOptions *pp_cli_pricing_resolve (PpCliPricing *p, GOptionContext *ctx,
                                                int *exit_code);
/* After the estimate: --currency without --usd-to-cny where a price is in
 * the other currency is refused (printed, *@exit_code 2, FALSE) rather
 * than shown under a heading that names the wrong currency. */
gboolean pp_cli_pricing_check_estimate (const PpCliPricing *p, const PpEstimate *e,
                                        int *exit_code);

/* Writes @len bytes of @data to @path atomically: a temporary file in the
 * same directory, flushed, then renamed over @path, so that a reader never
 * sees half a report and a failed write leaves the old file as it was. */
gboolean pp_cli_write_atomic (const char *path, const char *data, gsize len, GError **error);

/* The one rule for the format of an output file (cli-output.c), used by
 * every option that writes a file in a format (graph -o, plan --graph,
 * cost --chart, report -o): the format follows the file's extension (.gv is dot; the
 * case does not matter), -T/--format wins over it, and an extension that
 * is unknown, that does not match the format given, or a name without one
 * and no format given, is refused.  @formats: what this output can be
 * written as, the first being the default when there is no file. */
typedef struct {
  const char *file_option;        /* "-o", "--graph", "--chart" */
  const char *format_option;      /* "-T"; NULL when the verb has none */
  const char * const *formats;    /* NULL-terminated */
} PpCliOutput;

/* Returns the format (one of @out->formats), or NULL with the usage
 * message printed and *@exit_code set to 2.  @given: the format option's
 * value or NULL; @file: the file or NULL (standard output). */
const char *pp_cli_output_format (GOptionContext *ctx, const PpCliOutput *out,
                                  const char *given, const char *file, int *exit_code);
/* @svg as @format: "svg" (the same bytes), "png" or "pdf", drawn by librsvg
 * on a cairo surface at the SVG's size (a PDF point per SVG pixel), in the
 * program peerplan-svg-convert.  The same SVG gives the same bytes: no
 * date goes into the PDF.  Errors: G_IO_ERROR (internal: exit 3). */
GBytes *pp_cli_svg_convert (GBytes *svg, const char *format, GError **error);

/* helper.c: the programs that do what only one verb needs with libraries
 * that are slow to load (peerplan-serve: libsoup; peerplan-svg-convert:
 * librsvg, cairo).  The path of program @name: beside the running
 * peerplan, else in $(pkglibexecdir); G_IO_ERROR_NOT_FOUND when neither
 * (an incomplete installation: exit 3). */
char *pp_cli_helper_path (const char *name, GError **error);
/* Replaces this process with program @name, given argv[1..] (argv[0] is
 * the verb); returns PP_EXIT_INTERNAL with a message only if it could not. */
int pp_cli_exec_helper (const char *name, int argc, char **argv);

/* TRUE when @stream is a terminal and NO_COLOR is not set. */
gboolean pp_cli_use_color (FILE *stream);

G_END_DECLS
