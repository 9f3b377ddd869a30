/* SPDX-License-Identifier: MIT */
/* cli-pricing.c: the pricing options every verb that prices shares
 * (--prices, --months, --traffic, --start, --currency, --usd-to-cny,
 * --max-price-age), so that a quote given to `check` prices what `cost`
 * prices with it.  See cli.h. */
#include "sim/cli/cli.h"
#include "pricing/pp-pricing-error.h"

#include <string.h>

void
pp_cli_pricing_init (PpCliPricing *p)
{
  memset (p, 0, sizeof *p);
  p->months = PP_PRICING_DEFAULT_MONTHS;
}

void
pp_cli_pricing_clear (PpCliPricing *p)
{
  g_clear_pointer (&p->traffic, g_free);
  g_clear_pointer (&p->prices, g_free);
  g_clear_pointer (&p->start, g_free);
  g_clear_pointer (&p->currency, g_free);
  g_clear_pointer (&p->rate, g_free);
  g_clear_pointer (&p->quotes, pp_prices_free);
}

void
pp_cli_pricing_add_entries (GOptionContext *ctx, PpCliPricing *p)
{
  /* GLib copies the table: a local one is enough. */
  GOptionEntry entries[] = {
    { "prices", 'p', 0, G_OPTION_ARG_FILENAME, &p->prices,
      "A quote file (<quote xmlns=\"urn:peerplan:quote:1\">) that overrides the catalog", "FILE" },
    { "months", 'm', 0, G_OPTION_ARG_INT, &p->months,
      "Horizon of the estimate in months (default 12, at most 1200)", "N" },
    { "traffic", 't', 0, G_OPTION_ARG_STRING, &p->traffic,
      "GB per month sent by each side of every connection (overrides <usage>)", "GB" },
    { "start", 's', 0, G_OPTION_ARG_STRING, &p->start,
      "Day the purchase (and any application) starts, for lead-time dates (default: the scenario's purchase-date)", "YYYY-MM-DD" },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &p->currency,
      "Currency of the estimate: CNY (default) or USD; every figure must be in it (see --usd-to-cny)", "CUR" },
    { "usd-to-cny", 0, 0, G_OPTION_ARG_STRING, &p->rate,
      "Exchange rate: 1 USD in CNY; without it figures are never converted", "RATE" },
    { "max-price-age", 0, 0, G_OPTION_ARG_INT, &p->max_age,
      "Days after which a price is reported stale (default: the catalog's, 730)", "DAYS" },
    { NULL }
  };

  g_option_context_add_main_entries (ctx, entries, NULL);
}

/* "--traffic: MESSAGE" as an input error. */
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

const PpPricingOptions *
pp_cli_pricing_resolve (PpCliPricing *p, GOptionContext *ctx, int *exit_code)
{
  g_autoptr(GError) error = NULL;
  PpPricingOptions *opts = &p->opts;

  memset (opts, 0, sizeof *opts);
  if (p->months < 1 || p->months > PP_PRICING_MAX_MONTHS)
    {
      *exit_code = pp_cli_usage (ctx, "--months must be 1 to 1200");
      return NULL;
    }
  if (p->max_age < 0)
    {
      *exit_code = pp_cli_usage (ctx, "--max-price-age must be a number of days");
      return NULL;
    }
  if (p->currency != NULL && !pp_currency_from_string (p->currency, &opts->currency))
    {
      *exit_code = pp_cli_usage (ctx, "--currency must be CNY or USD");
      return NULL;
    }
  opts->months = (guint) p->months;
  opts->max_age_days = (guint) p->max_age;
  opts->has_currency = p->currency != NULL;
  opts->start = p->start;
  if (p->traffic != NULL)
    {
      if (!parse_decimal_option ("--traffic", p->traffic, 3, &opts->traffic_gb_milli, &error))
        goto fail;
      opts->has_traffic = TRUE;
    }
  if (p->rate != NULL)
    {
      if (!parse_decimal_option ("--usd-to-cny", p->rate, 6, &opts->usd_to_cny_micro, &error))
        goto fail;
      if (opts->usd_to_cny_micro == 0)
        {
          *exit_code = pp_cli_usage (ctx, "--usd-to-cny must be more than 0");
          return NULL;
        }
    }
  if (p->prices != NULL)
    {
      g_clear_pointer (&p->quotes, pp_prices_free);
      p->quotes = pp_quote_load_file (p->prices, &error);
      if (p->quotes == NULL)
        goto fail;
      opts->quotes = p->quotes;
    }
  return opts;

fail:
  pp_cli_error ("%s", error->message);
  *exit_code = pp_cli_exit_code (error);
  return NULL;
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

gboolean
pp_cli_pricing_check_estimate (const PpCliPricing *p, const PpEstimate *e, int *exit_code)
{
  guint n;

  /* "amounts in USD" over figures left in CNY reads as a price in USD:
   * a currency asked for is either what every figure is in or refused. */
  if (p->currency == NULL || e->usd_to_cny_micro != 0)
    return TRUE;
  n = count_unconverted (e, e->connections) + count_unconverted (e, e->alternatives);
  if (n == 0)
    return TRUE;
  pp_cli_error ("--currency %s: %u price(s) of %s are not in %s and are not converted "
                "without a rate (hint: give --usd-to-cny RATE, 1 USD in CNY, "
                "or leave --currency out)",
                pp_currency_to_string (e->currency), n, e->sc->name,
                pp_currency_to_string (e->currency));
  *exit_code = PP_EXIT_INPUT;
  return FALSE;
}
