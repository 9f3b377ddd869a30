/* SPDX-License-Identifier: MIT */
/* cli-common.c: helpers shared by the verbs. */
#include "sim/cli/cli.h"
#include "model/pp-data.h"
#include "model/pp-date.h"
#include "model/pp-number.h"
#include "model/pp-waiver.h"
#include "model/pp-error.h"
#include "model/pp-scenario-xml.h"
#include "pricing/pp-estimate.h"
#include "pricing/pp-pricing-error.h"
#include "render/pp-render.h"

#include <errno.h>
#include <unistd.h>

void
pp_cli_error (const char *format, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  fprintf (stderr, "peerplan: %s\n", msg);
}

int
pp_cli_usage (GOptionContext *ctx, const char *message)
{
  /* The error and where the help is, not the help itself: twenty lines of
   * options bury a one-line message.  Each verb sets the program name to
   * "peerplan VERB" before it parses. */
  (void) ctx;
  if (message != NULL)
    fprintf (stderr, "peerplan: %s\n", message);
  fprintf (stderr, "Try '%s --help' for the options.\n", g_get_prgname ());
  return PP_EXIT_INPUT;
}

int
pp_cli_exit_code (const GError *error)
{
  return pp_error_is_input (error) ? PP_EXIT_INPUT : PP_EXIT_INTERNAL;
}

gboolean
pp_cli_close_stdout (void)
{
  int errsv;

  /* stdio keeps a write error (ferror) until the stream is closed, so one
   * check here covers every writer that wrote to stdout. */
  errno = 0;
  if (fflush (stdout) == 0 && !ferror (stdout) && fclose (stdout) == 0)
    return TRUE;
  errsv = errno;
  if (errsv != 0)
    pp_cli_error ("cannot write the output: %s", g_strerror (errsv));
  else
    pp_cli_error ("cannot write the output: a write to standard output failed");
  return FALSE;
}

gboolean
pp_cli_parse (GOptionContext *ctx, int *argc, char ***argv, int *exit_code)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      *exit_code = pp_cli_usage (ctx, error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean pp_cli_progress_forced = FALSE;

typedef struct {
  gint64 start;
  gint64 last;
  gboolean tty;
  gboolean shown;
} CliProgress;

#define PROGRESS_DELAY_US 500000        /* say nothing about short loads */

static void
cli_progress (const PpProgress *p, gpointer data)
{
  CliProgress *cp = data;
  gint64 now = g_get_monotonic_time ();
  gboolean end = p->total == 0 || p->done >= p->total;
  double secs = (double) (now - cp->start) / 1e6;
  g_autofree char *line = NULL;

  if (!end && (now - cp->start < (cp->tty ? PROGRESS_DELAY_US : 0)
               || (cp->shown && now - cp->last < (cp->tty ? 200000 : 1000000))))
    return;
  if (end && cp->tty && !cp->shown)
    return;                     /* it was quick: leave the terminal alone */
  cp->last = now;
  cp->shown = TRUE;
  line = g_strdup_printf ("peerplan: %s %s: %3.0f%% (%.1f of %.1f MB, %" G_GUINT64_FORMAT " elements, %.0f MB/s)",
                          p->phase, p->what != NULL ? p->what : "",
                          p->total ? 100.0 * (double) p->done / (double) p->total : 0.0,
                          (double) p->done / 1e6, (double) p->total / 1e6, p->objects,
                          secs > 0 ? (double) p->done / 1e6 / secs : 0.0);
  if (cp->tty)
    fprintf (stderr, "\r%-79s%s", line, end ? "\r" : "");
  else
    fprintf (stderr, "%s\n", line);
  if (end && cp->tty)
    fprintf (stderr, "%-79s\r", "");
  fflush (stderr);
}

PpScenario *
pp_cli_load_scenario (const char *file, GError **error)
{
  CliProgress cp = { g_get_monotonic_time (), 0, isatty (STDERR_FILENO) == 1, FALSE };
  PpLoadOptions opts = { 0 };

  if (file == NULL)
    {
      g_autoptr(GBytes) bytes = pp_data_get ("examples/article.xml", error);
      g_autofree char *name = pp_data_describe ("examples/article.xml");

      if (bytes == NULL)
        return NULL;
      return pp_scenario_load_bytes (bytes, name, NULL, error);
    }
  if ((cp.tty && !pp_report_quiet) || pp_cli_progress_forced)
    {
      opts.progress = cli_progress;
      opts.progress_data = &cp;
    }
  return pp_cli_load_detected (file, &opts, error);
}

char *pp_cli_today = NULL;

/* Today as waivers see it: --today, else SOURCE_DATE_EPOCH (the
 * reproducible-builds variable: seconds since 1970, UTC), else the clock. */
static gboolean
cli_today (GDate *out, GError **error)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 secs = 0;
  g_autoptr(GError) local = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (pp_cli_today != NULL)
    {
      if (pp_date_from_iso (pp_cli_today, out))
        return TRUE;
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--today \"%s\" is not a date (hint: YYYY-MM-DD, e.g. 2027-01-31)", pp_cli_today);
      return FALSE;
    }
  if (epoch != NULL && *epoch != '\0')
    {
      if (!pp_parse_uint (epoch, 0, G_MAXINT64, &secs, &local))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "SOURCE_DATE_EPOCH: %s (seconds since 1970-01-01 UTC; or give --today YYYY-MM-DD)",
                       local->message);
          return FALSE;
        }
      dt = g_date_time_new_from_unix_utc ((gint64) secs);
    }
  else
    dt = g_date_time_new_now_utc ();
  if (dt == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "SOURCE_DATE_EPOCH %s is past year 9999 (give --today YYYY-MM-DD)", epoch);
      return FALSE;
    }
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) g_date_time_get_day_of_month (dt),
                  (GDateMonth) g_date_time_get_month (dt), (GDateYear) g_date_time_get_year (dt));
  return TRUE;
}

gboolean
pp_cli_settle_findings (const PpScenario *sc, PpFindings *f, guint from, GError **error)
{
  GDate today;

  if (!cli_today (&today, error))
    return FALSE;
  /* waivers first: they name objects by their scenario ids, which
   * naming the origins replaces */
  pp_waivers_apply (sc, f, from, &today);
  pp_scenario_name_origins (sc, f, from);
  /* the baseline names imported objects by address, as reports do */
  return pp_cli_baseline_apply (f, from, error);
}

gboolean
pp_cli_settle_ready (GError **error)
{
  g_autoptr(PpFindings) none = pp_findings_new ();
  GDate today;

  /* the baseline is read once, on the first call */
  return cli_today (&today, error) && pp_cli_baseline_apply (none, 0, error);
}

void
pp_cli_settle_done (PpFindings *f)
{
  pp_cli_baseline_finish (f);
}

gboolean
pp_cli_use_color (FILE *stream)
{
  const char *no = g_getenv ("NO_COLOR");

  if (no != NULL && *no != '\0')
    return FALSE;
  return isatty (fileno (stream)) == 1 && g_strcmp0 (g_getenv ("TERM"), "dumb") != 0;
}

/* The cost line of a built connection: the plan's one estimate (of the
 * declared scenario, with its quotes, usage and purchase date) for the
 * declared connection of the same id. */
char *
pp_cli_built_cost_label (const PpScenario *built, guint connection, gpointer estimate)
{
  const PpEstimate *e = estimate;
  guint k = pp_scenario_lookup (e->sc, PP_KIND_CONNECTION,
                                pp_scenario_connection (built, connection)->id);

  return k != PP_NONE ? pp_render_cost_label (e->sc, k, estimate) : NULL;
}

gboolean
pp_cli_write_atomic (const char *path, const char *data, gsize len, GError **error)
{
  return g_file_set_contents_full (path, data, (gssize) len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0666, error);
}
