/* SPDX-License-Identifier: MIT */
/* cmd-cost.c: `peerplan cost SCENARIO`, the per-side estimate.
 *
 * Loads the scenario, estimates it (pricing/pp-estimate.h) and prints the
 * summary (text, Markdown or JSON) with the pricing findings; --chart
 * writes the cumulative cost as SVG. */
#include "sim/cli/cli.h"
#include "sim/cli/cost-report.h"
#include "sim/cli/report.h"
#include "pricing/pp-pricing-error.h"


static gboolean
parse_decimal_option (const char *name, const char *text, guint digits, guint64 *out,
                      GError **error)
{
  g_autoptr(GError) local = NULL;

  if (!pp_decimal_parse (text, digits, out, &local))
    {
      g_set_error (error, PP_PRICING_ERROR, PP_PRICING_ERROR_INVALID, "%s: %s", name, local->message);
      return FALSE;
    }
  return TRUE;
}

/* Priced figures of @list (PpConnEstimate) that are not in the
 * estimate's currency and were not converted (no --usd-to-cny). */
static guint
count_unconverted (const PpEstimate *e, const GArray *list)
{
  guint n = 0;

  for (guint i = 0; i < list->len; i++)
    {
      const PpConnEstimate *c = &g_array_index (list, PpConnEstimate, i);

      for (guint s = 0; s < 2; s++)
        for (guint o = 0; o < c->sides[s].n_options; o++)
          {
            const PpOption *opt = &c->sides[s].options[o];

            if (opt->price != NULL && opt->currency != e->currency)
              n++;
          }
    }
  return n;
}

int
pp_cmd_cost (int argc, char **argv)
{
  g_autofree char *format = NULL, *traffic = NULL, *prices = NULL, *start = NULL;
  g_autofree char *chart = NULL, *currency = NULL, *rate = NULL, *fail_on = NULL;
  gint months = PP_PRICING_DEFAULT_MONTHS, max_age = 0;
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = NULL;
  g_autoptr(PpPrices) quotes = NULL;
  g_autoptr(PpEstimate) e = NULL;
  g_autoptr(PpFindings) findings = pp_findings_new ();
  PpPricingOptions opts = { 0 };
  PpSeverity threshold = PP_SEVERITY_ERROR;
  const char *files[2] = { NULL, NULL };
  int code = 0;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      "Output: text (default), json or markdown (for a pull-request comment)", "FORMAT" },
    { "months", 'm', 0, G_OPTION_ARG_INT, &months,
      "Horizon of the estimate in months (default 12, at most 1200)", "N" },
    { "traffic", 't', 0, G_OPTION_ARG_STRING, &traffic,
      "GB per month sent by each side of every connection (overrides <usage>)", "GB" },
    { "prices", 'p', 0, G_OPTION_ARG_FILENAME, &prices,
      "A quote file (<quote xmlns=\"urn:peerplan:quote:1\">) that overrides the catalog", "FILE" },
    { "start", 's', 0, G_OPTION_ARG_STRING, &start,
      "Day the purchase (and any application) starts, for lead-time dates (default: the scenario's purchase-date)", "YYYY-MM-DD" },
    { "chart", 0, 0, G_OPTION_ARG_FILENAME, &chart,
      "Also write the cumulative cost over the horizon as an SVG chart", "FILE.svg" },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency,
      "Currency of the estimate: CNY (default) or USD; every figure must be in it (see --usd-to-cny)", "CUR" },
    { "usd-to-cny", 0, 0, G_OPTION_ARG_STRING, &rate,
      "Exchange rate: 1 USD in CNY; without it figures are never converted", "RATE" },
    { "max-price-age", 0, 0, G_OPTION_ARG_INT, &max_age,
      "Days after which a price is reported stale (default: the catalog's, 730)", "DAYS" },
    { "fail-on", 0, 0, G_OPTION_ARG_STRING, &fail_on,
      "Exit 1 when a finding is at this severity or above: error (default), warning or info", "SEVERITY" },
    { NULL }
  };

  g_set_prgname ("peerplan cost");
  ctx = g_option_context_new ("SCENARIO - estimate what each side pays, and when the links are ready");
  g_option_context_add_main_entries (ctx, entries, NULL);
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
  if (months < 1 || months > PP_PRICING_MAX_MONTHS)
    return pp_cli_usage (ctx, "--months must be 1 to 1200");
  if (max_age < 0)
    return pp_cli_usage (ctx, "--max-price-age must be a number of days");
  if (currency != NULL && !pp_currency_from_string (currency, &opts.currency))
    return pp_cli_usage (ctx, "--currency must be CNY or USD");
  if (fail_on != NULL && !pp_severity_from_string (fail_on, &threshold))
    return pp_cli_usage (ctx, "--fail-on must be error, warning or info");
  if (argc != 2)
    return pp_cli_usage (ctx, argc < 2 ? "no scenario given" : "cost takes one scenario");

  opts.months = (guint) months;
  opts.max_age_days = (guint) max_age;
  opts.has_currency = currency != NULL;
  opts.start = start;
  if (traffic != NULL)
    {
      if (!parse_decimal_option ("--traffic", traffic, 3, &opts.traffic_gb_milli, &error))
        goto fail;
      opts.has_traffic = TRUE;
    }
  if (rate != NULL)
    {
      if (!parse_decimal_option ("--usd-to-cny", rate, 6, &opts.usd_to_cny_micro, &error))
        goto fail;
      if (opts.usd_to_cny_micro == 0)
        return pp_cli_usage (ctx, "--usd-to-cny must be more than 0");
    }
  if (prices != NULL)
    {
      quotes = pp_quote_load_file (prices, &error);
      if (quotes == NULL)
        goto fail;
      opts.quotes = quotes;
    }

  sc = pp_cli_load_scenario (argv[1], &error);
  if (sc == NULL)
    goto fail;
  e = pp_estimate_new (sc, &opts, findings, &error);
  if (e == NULL)
    goto fail;
  pp_scenario_name_origins (sc, findings, 0);
  pp_findings_sort (findings);
  /* "amounts in USD" over figures left in CNY reads as a price in USD:
   * a currency asked for is either what every figure is in or refused. */
  if (currency != NULL && e->usd_to_cny_micro == 0)
    {
      guint n = count_unconverted (e, e->connections) + count_unconverted (e, e->alternatives);

      if (n > 0)
        {
          pp_cli_error ("--currency %s: %u price(s) of %s are not in %s and are not converted "
                        "without a rate (hint: give --usd-to-cny RATE, 1 USD in CNY, "
                        "or leave --currency out)",
                        pp_currency_to_string (e->currency), n, sc->name,
                        pp_currency_to_string (e->currency));
          return PP_EXIT_INPUT;
        }
    }

  if (chart != NULL)
    {
      g_autoptr(GBytes) svg = pp_cost_chart_svg (e, &error);
      gsize len = 0;
      const char *data;

      if (svg == NULL)
        goto fail;
      data = g_bytes_get_data (svg, &len);
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
      g_autofree char *text = pp_cost_report_text (e, md ? PP_COST_STYLE_MARKDOWN : PP_COST_STYLE_TEXT);

      fputs (text, stdout);
      printf (md ? "\n### findings\n\n" : "\nfindings:\n");
      pp_report_findings (stdout, md ? PP_REPORT_MARKDOWN : PP_REPORT_TEXT, findings, files,
                          threshold, !md && pp_cli_use_color (stdout));
    }
  return pp_findings_any_at_least (findings, threshold) ? PP_EXIT_FINDINGS : PP_EXIT_OK;

fail:
  pp_cli_error ("%s", error->message);
  return pp_cli_exit_code (error);
}
