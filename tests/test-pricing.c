/* SPDX-License-Identifier: MIT */
/* test-pricing.c: catalogs, quotes, money, the working-day calendar, the
 * estimates (golden summaries) and the pricing findings. */
#include "tests/testutils.h"
#include "model/pp-catalog.h"
#include "model/pp-error.h"
#include "model/pp-rules.h"
#include "model/pp-scenario-xml.h"
#include "pricing/pp-calendar.h"
#include "sim/cli/cost-report.h"
#include "pricing/pp-estimate.h"
#include "pricing/pp-money.h"
#include "pricing/pp-pricing-error.h"

#include <string.h>

/* Loads a fixture under its relative name, so messages and golden files do
 * not depend on where the tree is. */
static PpScenario *
load_src (const char *rel)
{
  g_autofree char *text = pp_test_read (rel);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  PpScenario *sc = pp_scenario_load_bytes (bytes, rel, NULL, &error);

  ck_assert_msg (sc != NULL, "%s: %s", rel, error ? error->message : "");
  return sc;
}

static PpPrices *
load_quote (const char *rel, GError **error)
{
  g_autofree char *text = pp_test_read (rel);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return pp_quote_load_bytes (bytes, rel, error);
}

static guint
count_rule (const PpFindings *f, const char *rule, PpSeverity *severity, const char **message)
{
  guint n = 0;

  for (guint i = 0; i < pp_findings_len (f); i++)
    if (strcmp (pp_findings_nth (f, i)->rule, rule) == 0)
      {
        n++;
        if (severity)
          *severity = pp_findings_nth (f, i)->severity;
        if (message)
          *message = pp_findings_nth (f, i)->message;
      }
  return n;
}

/* ---- the working-day calendar ---- */

static const struct {
  const char *start;
  guint days;
  guint month_end;
  const char *expect;
} calendar_cases[] = {
  /* Thu 26 Nov 2026: Fri 27 and Mon 30 are the month's last two working
   * days, so the review runs from Tue 1 December. */
  { "2026-11-26", 1, 2, "2026-12-01" },
  { "2026-11-26", 2, 2, "2026-12-02" },
  { "2026-11-26", 1, 0, "2026-11-27" },          /* no month-end rule */
  { "2026-11-27", 1, 2, "2026-12-01" },          /* submitted inside the blackout */
  { "2026-11-28", 1, 2, "2026-12-01" },          /* a Saturday */
  { "2026-11-26", 0, 2, "2026-11-26" },
  /* Weekends: Fri 4 Dec 2026 + 1 -> Mon 7. */
  { "2026-12-04", 1, 2, "2026-12-07" },
  { "2026-12-04", 2, 2, "2026-12-08" },
  /* Year end: Wed 30 and Thu 31 Dec 2026 are blocked; Fri 1 Jan 2027 is
   * a working day for peerplan (public holidays are not known). */
  { "2026-12-29", 1, 2, "2027-01-01" },
  { "2026-12-29", 2, 2, "2027-01-04" },
  /* A month ending on a weekend: Jan 2027 ends Sunday 31; its last two
   * working days are Thu 28 and Fri 29. */
  { "2027-01-27", 1, 2, "2027-02-01" },
  { "2027-01-26", 1, 2, "2027-01-27" },
  /* Leap year: Mon 28 and Tue 29 Feb 2028 are blocked. */
  { "2028-02-25", 1, 2, "2028-03-01" },
  { "2028-02-25", 2, 2, "2028-03-02" },
};

START_TEST (test_calendar)
{
  GDate start, out;
  char buf[11];

  ck_assert (pp_date_parse (calendar_cases[_i].start, &start, NULL));
  pp_calendar_add_processing_days (&start, calendar_cases[_i].days,
                                   calendar_cases[_i].month_end, &out);
  ck_assert_msg (strcmp (pp_date_format (&out, buf), calendar_cases[_i].expect) == 0,
                 "%s + %u: got %s, expected %s", calendar_cases[_i].start,
                 calendar_cases[_i].days, buf, calendar_cases[_i].expect);
}
END_TEST

START_TEST (test_calendar_month_end)
{
  static const struct { const char *d; gboolean in; } cases[] = {
    { "2026-11-26", FALSE }, { "2026-11-27", TRUE }, { "2026-11-28", FALSE },
    { "2026-11-30", TRUE }, { "2026-12-30", TRUE }, { "2026-12-31", TRUE },
    { "2027-01-29", TRUE }, { "2027-01-28", TRUE }, { "2027-01-27", FALSE },
    { "2027-01-31", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate d;

      ck_assert (pp_date_parse (cases[i].d, &d, NULL));
      ck_assert_msg (pp_calendar_in_month_end (&d, 2) == cases[i].in, "%s", cases[i].d);
    }
}
END_TEST

START_TEST (test_date_parse_bad)
{
  static const char *bad[] = {
    "2026-02-30", "2026-13-01", "2026-1-01", "26-01-01", "", "2026/01/01",
    "2026-01-01x", "+026-01-01", "2026-00-10",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate d;

      ck_assert_msg (!pp_date_parse (bad[i], &d, &error), "accepted %s", bad[i]);
      ck_assert (g_error_matches (error, PP_PRICING_ERROR, PP_PRICING_ERROR_INVALID));
    }
}
END_TEST

/* ---- money ---- */

START_TEST (test_decimal)
{
  static const struct { const char *s; guint digits; gboolean ok; guint64 v; } cases[] = {
    { "0.525", 6, TRUE, 525000 }, { "450", 6, TRUE, 450000000 }, { "5.6", 6, TRUE, 5600000 },
    { "0.000001", 6, TRUE, 1 }, { "0.0000001", 6, FALSE, 0 }, { "1.5", 3, TRUE, 1500 },
    { "-1", 6, FALSE, 0 }, { "1e3", 6, FALSE, 0 }, { ".", 6, FALSE, 0 }, { "", 6, FALSE, 0 },
    { "1.2.3", 6, FALSE, 0 }, { "18446744073709551615", 0, TRUE, G_MAXUINT64 },
    { "18446744073709551616", 0, FALSE, 0 }, { "99999999999999", 6, FALSE, 0 },
    { ".5", 3, TRUE, 500 }, { "7.", 3, TRUE, 7000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint64 v = 0;
      gboolean ok = pp_decimal_parse (cases[i].s, cases[i].digits, &v, &error);

      ck_assert_msg (ok == cases[i].ok, "%s", cases[i].s);
      if (ok)
        ck_assert_uint_eq (v, cases[i].v);
      else
        ck_assert (g_error_matches (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE));
    }
}
END_TEST

START_TEST (test_money)
{
  guint64 v = 0;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *q = NULL;

  /* 0.525 CNY/GB x 200 GB = 105.00 CNY */
  ck_assert (pp_money_line (525000, 200 * PP_MILLI, &v, NULL));
  ck_assert_uint_eq (v, 10500);
  /* rounding half up: 0.005 -> 0.01, 0.004999 -> 0.00 */
  ck_assert (pp_money_line (5000, PP_MILLI, &v, NULL));
  ck_assert_uint_eq (v, 1);
  ck_assert (pp_money_line (4999, PP_MILLI, &v, NULL));
  ck_assert_uint_eq (v, 0);
  /* overflow is refused, never wrapped */
  ck_assert (!pp_money_line (G_MAXUINT64 / 2, 3, &v, &error));
  ck_assert (g_error_matches (error, PP_PRICING_ERROR, PP_PRICING_ERROR_OVERFLOW));
  g_clear_error (&error);
  v = G_MAXUINT64 - 1;
  ck_assert (!pp_money_add (&v, 2, &error));
  ck_assert (g_error_matches (error, PP_PRICING_ERROR, PP_PRICING_ERROR_OVERFLOW));
  /* 70 USD x 7.2 = 504 CNY */
  ck_assert (pp_money_convert_micro (70 * PP_MICRO, 7200000, &v, NULL));
  ck_assert_uint_eq (v, 504 * PP_MICRO);
  a = pp_money_format_minor (123456);
  ck_assert_str_eq (a, "1234.56");
  b = pp_money_format_micro (450 * PP_MICRO);
  ck_assert_str_eq (b, "450.00");
  c = pp_money_format_micro (525000);
  ck_assert_str_eq (c, "0.525");
  d = pp_money_format_micro (5600000);
  ck_assert_str_eq (d, "5.60");
  q = pp_quantity_format (16666);
  ck_assert_str_eq (q, "16.666");
}
END_TEST

/* ---- catalogs ---- */

START_TEST (test_catalogs_load)
{
  g_autoptr(GError) error = NULL;
  const PpPrices *prices = pp_prices_default (&error);
  const PpQuotas *quotas;
  const PpTickets *tickets;
  gboolean seen[PP_QUOTA_LAST] = { FALSE };

  ck_assert_msg (prices != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (pp_prices_count (prices), 52);
  ck_assert_str_eq (pp_prices_as_of (prices), "2026-11-27");
  ck_assert_uint_eq (pp_prices_max_age_days (prices), 730);
  for (guint i = 0; i < pp_prices_count (prices); i++)
    {
      const PpPrice *p = pp_prices_nth (prices, i);

      /* every figure carries its source, site, currency and date */
      ck_assert (p->source != NULL && *p->source != '\0');
      ck_assert (p->site != NULL && p->as_of != NULL);
      ck_assert (!p->quote);
      /* never a cross-region router-interface price for the initiator:
       * none was ever published */
      ck_assert (!(p->product == PP_PRODUCT_ROUTER_INTERFACE &&
                   p->scope == PP_SCOPE_CROSS_REGION && p->role != PP_ROLE_ACCEPTOR));
    }
  quotas = pp_quotas_default (&error);
  ck_assert_msg (quotas != NULL, "%s", error ? error->message : "");
  for (guint i = 0; i < pp_quotas_count (quotas); i++)
    {
      const PpQuota *q = pp_quotas_nth (quotas, i);

      ck_assert_ptr_nonnull (pp_rules_lookup (q->rule));
      ck_assert_int_eq (pp_rules_lookup (q->rule)->severity, PP_SEVERITY_ERROR);
      seen[q->counts] = TRUE;
    }
  for (guint k = 0; k < PP_QUOTA_LAST; k++)
    ck_assert_msg (seen[k], "no quota counts %u", k);
  ck_assert_uint_eq (pp_quotas_find (quotas, PP_QUOTA_ROUTE_ENTRIES_PER_TABLE)->limit, 200);
  ck_assert_str_eq (pp_quotas_find (quotas, PP_QUOTA_ROUTE_ENTRIES_PER_TABLE)->rule, "quota-route-entries");
  tickets = pp_tickets_default (&error);
  ck_assert_msg (tickets != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (pp_tickets_count (tickets), 3);
  ck_assert_uint_eq (pp_tickets_find (tickets, PP_TICKET_APPLIES_CROSS_BORDER)->month_end_days, 2);
  ck_assert (!pp_tickets_find (tickets, PP_TICKET_APPLIES_CROSS_REGION)->confirmed);
  ck_assert (!pp_tickets_find (tickets, PP_TICKET_APPLIES_QUOTA_EXCEEDED)->has_days);
}
END_TEST

static const struct {
  const char *file;
  gboolean quote;             /* a quote file, else a price catalog */
  PpModelError code;
  const char *message;        /* the start of the message */
} bad_inputs[] = {
  { "tests/data/pricing/bad-quote-charge.xml", TRUE, PP_MODEL_ERROR_INVALID_VALUE,
    "tests/data/pricing/bad-quote-charge.xml:5: price: charge transfer does not go with unit month" },
  { "tests/data/pricing/bad-quote-decimals.xml", TRUE, PP_MODEL_ERROR_INVALID_VALUE,
    "tests/data/pricing/bad-quote-decimals.xml:5: price amount: \"0.1234567\" has more than 6 decimals" },
  { "tests/data/pricing/quote-currency-invalid.xml", TRUE, PP_MODEL_ERROR_SCHEMA_INVALID,
    "tests/data/pricing/quote-currency-invalid.xml:4: " },
  { "tests/data/pricing/bad-prices-source.xml", FALSE, PP_MODEL_ERROR_UNKNOWN_REFERENCE,
    "tests/data/pricing/bad-prices-source.xml:6: source \"b\" is not declared" },
  { "data/examples/article.xml", TRUE, PP_MODEL_ERROR_SCHEMA_INVALID,
    "data/examples/article.xml:" },
};

START_TEST (test_bad_inputs)
{
  g_autofree char *text = pp_test_read (bad_inputs[_i].file);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(PpPrices) p = bad_inputs[_i].quote
    ? pp_quote_load_bytes (bytes, bad_inputs[_i].file, &error)
    : pp_prices_load_bytes (bytes, bad_inputs[_i].file, &error);

  ck_assert_ptr_null (p);
  ck_assert_msg (g_error_matches (error, PP_MODEL_ERROR, (gint) bad_inputs[_i].code),
                 "%s: code %d: %s", bad_inputs[_i].file, error ? error->code : -1,
                 error ? error->message : "");
  ck_assert_msg (g_str_has_prefix (error->message, bad_inputs[_i].message),
                 "%s: %s", bad_inputs[_i].file, error->message);
}
END_TEST

/* ---- estimates ---- */

static PpEstimate *
estimate (const PpScenario *sc, const PpPricingOptions *opts, PpFindings *f)
{
  g_autoptr(GError) error = NULL;
  PpEstimate *e = pp_estimate_new (sc, opts, f, &error);

  ck_assert_msg (e != NULL, "%s", error ? error->message : "");
  if (f != NULL)
    pp_findings_sort (f);
  return e;
}

static void
golden (const PpEstimate *e, const char *rel)
{
  g_autofree char *text = pp_cost_report_text (e, PP_COST_STYLE_TEXT, NULL);

  ck_assert_msg (pp_test_golden (rel, text), "%s differs", rel);
}

START_TEST (test_article_no_quote)
{
  g_autoptr(PpScenario) sc = load_src ("data/examples/article.xml");
  g_autoptr(PpFindings) f = pp_findings_new ();
  g_autoptr(PpEstimate) e = estimate (sc, NULL, f);
  const PpConnEstimate *ce = &g_array_index (e->connections, PpConnEstimate, 0);
  const PpConnEstimate *alt = &g_array_index (e->alternatives, PpConnEstimate, 0);
  PpSeverity sev;

  /* A (initiator) pays, unpriced; B (acceptor) pays nothing. */
  ck_assert (ce->sides[0].charged);
  ck_assert_ptr_null (ce->sides[0].options[0].cumulative);
  ck_assert (!ce->sides[1].charged);
  ck_assert_uint_eq (ce->sides[1].options[0].amount_minor, 0);
  ck_assert_ptr_nonnull (ce->sides[1].options[0].price);
  ck_assert (e->incomplete);
  ck_assert (g_array_index (e->accounts, PpAccountTotal, 0).incomplete);
  ck_assert (!g_array_index (e->accounts, PpAccountTotal, 1).incomplete);
  /* The VPC peering alternative, priced from the shipped rates. */
  ck_assert_uint_eq (alt->sides[0].options[0].unit_micro, 525000);
  ck_assert_str_eq (alt->sides[0].options[0].price->id, "peer-gold-apac-na");
  /* Findings: warnings and info only. */
  ck_assert_uint_eq (count_rule (f, "price-missing", &sev, NULL), 1);
  ck_assert_int_eq (sev, PP_SEVERITY_WARNING);
  ck_assert_uint_eq (count_rule (f, "product-retired", &sev, NULL), 1);
  ck_assert_int_eq (sev, PP_SEVERITY_WARNING);
  ck_assert_uint_eq (count_rule (f, "ticket-bandwidth", &sev, NULL), 1);
  ck_assert_int_eq (sev, PP_SEVERITY_INFO);
  ck_assert_uint_eq (count_rule (f, "ticket-cross-border", NULL, NULL), 0);
  ck_assert (!pp_findings_any_at_least (f, PP_SEVERITY_ERROR));
  golden (e, "tests/data/pricing/article.txt");
}
END_TEST

START_TEST (test_article_quote)
{
  g_autoptr(PpScenario) sc = load_src ("data/examples/article.xml");
  g_autoptr(PpFindings) f = pp_findings_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PpPrices) q = load_quote ("tests/data/pricing/article-quote.xml", &error);
  PpPricingOptions opts = { 0 };
  g_autoptr(PpEstimate) e = NULL;
  const PpSideEstimate *a;

  ck_assert_msg (q != NULL, "%s", error ? error->message : "");
  opts.quotes = q;
  opts.start = "2026-11-26";
  e = estimate (sc, &opts, f);
  a = &g_array_index (e->connections, PpConnEstimate, 0).sides[0];
  ck_assert (a->options[0].price->quote);
  ck_assert_uint_eq (a->options[0].amount_minor, 3600000);    /* 3000 x 12 */
  ck_assert_uint_eq (a->options[1].amount_minor, 5400000);    /* 150 x 30 x 12 */
  ck_assert (a->has_breakeven);
  ck_assert_uint_eq (a->breakeven_milli, 20 * PP_MILLI);      /* 3000 / 150 days */
  ck_assert_uint_eq (a->cheaper, 0);
  ck_assert_uint_eq (count_rule (f, "price-missing", NULL, NULL), 0);
  ck_assert_uint_eq (g_array_index (e->accounts, PpAccountTotal, 0).total_minor[PP_CURRENCY_CNY], 3600000);
  ck_assert_uint_eq (g_array_index (e->accounts, PpAccountTotal, 1).total_minor[PP_CURRENCY_CNY], 0);
  ck_assert (!e->incomplete);
  golden (e, "tests/data/pricing/article-quote.txt");
}
END_TEST

START_TEST (test_vpc_peer_traffic)
{
  g_autoptr(PpScenario) sc = load_src ("data/examples/vpc-peer-tokyo-sv.xml");
  g_autoptr(PpFindings) f = pp_findings_new ();
  PpPricingOptions opts = { 0 };
  g_autoptr(PpEstimate) e = NULL;
  const PpConnEstimate *ce;

  opts.has_traffic = TRUE;
  opts.traffic_gb_milli = 1000 * PP_MILLI;
  e = estimate (sc, &opts, f);
  ce = &g_array_index (e->connections, PpConnEstimate, 0);
  /* 1000 GB x 0.525 CNY x 12 months = 6300 CNY per side */
  ck_assert_uint_eq (ce->sides[0].options[0].amount_minor, 630000);
  ck_assert_uint_eq (ce->sides[1].options[0].amount_minor, 630000);
  ck_assert_uint_eq (e->total_minor[PP_CURRENCY_CNY], 1260000);
  ck_assert_uint_eq (pp_findings_len (f), 0);
  golden (e, "tests/data/pricing/vpc-peer-1000gb.txt");
}
END_TEST

START_TEST (test_vpc_peer_usage)
{
  g_autoptr(PpScenario) sc = load_src ("data/examples/vpc-peer-tokyo-sv.xml");
  g_autoptr(PpFindings) f = pp_findings_new ();
  g_autoptr(PpEstimate) e = estimate (sc, NULL, f);
  const PpConnEstimate *ce = &g_array_index (e->connections, PpConnEstimate, 0);

  /* <usage>: 200 GB from Tokyo, 100 GB from Silicon Valley, per month */
  ck_assert_uint_eq (ce->sides[0].options[0].amount_minor, 126000);
  ck_assert_uint_eq (ce->sides[1].options[0].amount_minor, 63000);
}
END_TEST

START_TEST (test_cross_border)
{
  g_autoptr(PpScenario) sc = load_src ("data/examples/cross-border.xml");
  g_autoptr(PpFindings) f = pp_findings_new ();
  g_autoptr(PpEstimate) e = estimate (sc, NULL, f);
  const PpLeadTime *lt;
  const char *msg = NULL;
  PpSeverity sev;
  char buf[11];

  ck_assert_uint_eq (count_rule (f, "ticket-cross-border", &sev, &msg), 1);
  ck_assert_int_eq (sev, PP_SEVERITY_WARNING);
  ck_assert_msg (strstr (msg, "from 2026-12-01 at the earliest, 2026-12-02 at the latest") != NULL, "%s", msg);
  ck_assert_uint_eq (e->lead_times->len, 1);
  lt = &g_array_index (e->lead_times, PpLeadTime, 0);
  ck_assert (lt->dated);
  ck_assert_str_eq (pp_date_format (&lt->earliest, buf), "2026-12-01");
  ck_assert (e->has_ready && !e->ready_is_lower_bound);
  ck_assert_str_eq (pp_date_format (&e->ready, buf), "2026-12-01");
  /* mainland <-> North America: 5.6 CNY/GB */
  ck_assert_uint_eq (g_array_index (e->connections, PpConnEstimate, 0).sides[0].options[0].unit_micro, 5600000);
  golden (e, "tests/data/pricing/cross-border.txt");
}
END_TEST

START_TEST (test_cross_border_no_date)
{
  g_autoptr(PpScenario) sc = load_src ("data/examples/cross-border.xml");
  g_autoptr(PpFindings) f = pp_findings_new ();
  PpPricingOptions opts = { 0 };
  g_autoptr(PpEstimate) e = NULL;
  const char *msg = NULL;
  char buf[11];

  /* --start overrides the scenario's purchase-date: 2026-12-29 -> the
   * review skips 30 and 31 December. */
  opts.start = "2026-12-29";
  e = estimate (sc, &opts, f);
  ck_assert_uint_eq (count_rule (f, "ticket-cross-border", NULL, &msg), 1);
  ck_assert_msg (strstr (msg, "(--start)") != NULL, "%s", msg);
  ck_assert_str_eq (pp_date_format (&e->ready, buf), "2027-01-01");
}
END_TEST

START_TEST (test_route_quota)
{
  g_autoptr(PpScenario) sc = load_src ("tests/data/pricing/route-quota.xml");
  g_autoptr(PpFindings) f = pp_findings_new ();
  g_autoptr(PpEstimate) e = estimate (sc, NULL, f);
  const char *msg = NULL;
  PpSeverity sev;

  ck_assert_uint_eq (count_rule (f, "quota-route-entries", &sev, &msg), 1);
  ck_assert_int_eq (sev, PP_SEVERITY_ERROR);
  ck_assert_msg (strstr (msg, "count 205, limit 200, headroom -5") != NULL, "%s", msg);
  ck_assert_uint_eq (count_rule (f, "ticket-quota", NULL, NULL), 1);
  for (guint i = 0; i < e->quota_usage->len; i++)
    {
      const PpQuotaUsage *u = &g_array_index (e->quota_usage, PpQuotaUsage, i);

      if (u->quota->counts == PP_QUOTA_ROUTE_ENTRIES_PER_TABLE)
        {
          ck_assert_uint_eq (u->count, 205);
          ck_assert_int_eq (u->headroom, -5);
          ck_assert_uint_eq (u->n_over, 1);
        }
    }
}
END_TEST

START_TEST (test_overflow_refused)
{
  g_autoptr(PpScenario) sc = load_src ("data/examples/vpc-peer-tokyo-sv.xml");
  g_autoptr(GError) error = NULL;
  PpPricingOptions opts = { 0 };
  PpEstimate *e;

  opts.has_traffic = TRUE;
  ck_assert (pp_decimal_parse ("10000000000000", 3, &opts.traffic_gb_milli, NULL));
  e = pp_estimate_new (sc, &opts, NULL, &error);
  ck_assert_ptr_null (e);
  ck_assert (g_error_matches (error, PP_PRICING_ERROR, PP_PRICING_ERROR_OVERFLOW));
}
END_TEST

START_TEST (test_quote_overrides_catalog)
{
  g_autoptr(PpScenario) sc = load_src ("tests/data/pricing/same-region.xml");
  g_autoptr(PpScenario) cat = load_src ("tests/data/pricing/same-region-catalog.xml");
  g_autoptr(PpFindings) f = pp_findings_new ();
  g_autoptr(PpFindings) f2 = pp_findings_new ();
  g_autoptr(PpEstimate) e = estimate (sc, NULL, f);
  g_autoptr(PpEstimate) e2 = estimate (cat, NULL, f2);
  const PpOption *o = &g_array_index (e->connections, PpConnEstimate, 0).sides[0].options[0];
  const PpOption *o2 = &g_array_index (e2->connections, PpConnEstimate, 0).sides[0].options[0];
  PpSeverity sev;

  /* without the quote: the catalog's 450 CNY/month (China site, 2018) */
  ck_assert_str_eq (o2->price->id, "ri-same-1g-cny");
  ck_assert_uint_eq (o2->amount_minor, 540000);
  ck_assert_uint_eq (count_rule (f2, "price-stale", &sev, NULL), 1);
  ck_assert_int_eq (sev, PP_SEVERITY_INFO);
  /* an existing (status="Active") connection: product-retired is info */
  ck_assert_uint_eq (count_rule (f2, "product-retired", &sev, NULL), 1);
  ck_assert_int_eq (sev, PP_SEVERITY_INFO);
  /* with the scenario's <price>: 500 CNY/month, paid per 3-month cycle */
  ck_assert (o->price->quote);
  ck_assert_uint_eq (o->unit_micro, 500 * PP_MICRO);
  ck_assert_uint_eq (o->amount_minor, 600000);
  ck_assert_uint_eq (count_rule (f, "price-stale", NULL, NULL), 0);
}
END_TEST

START_TEST (test_quote_file_beats_scenario)
{
  g_autoptr(PpScenario) sc = load_src ("tests/data/pricing/same-region.xml");
  g_autofree char *xml = g_strdup (
    "<quote xmlns=\"urn:peerplan:quote:1\"><price product=\"router-interface\" spec=\"Large.1\" "
    "charge=\"subscription\" unit=\"month\" amount=\"480\" currency=\"CNY\"/></quote>");
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(PpPrices) q = pp_quote_load_bytes (bytes, "quote.xml", &error);
  PpPricingOptions opts = { 0 };
  g_autoptr(PpEstimate) e = NULL;
  const PpOption *o;

  ck_assert_msg (q != NULL, "%s", error ? error->message : "");
  opts.quotes = q;
  e = estimate (sc, &opts, NULL);
  o = &g_array_index (e->connections, PpConnEstimate, 0).sides[0].options[0];
  ck_assert_uint_eq (o->unit_micro, 480 * PP_MICRO);
  ck_assert_str_eq (o->price->file, "quote.xml");
}
END_TEST

START_TEST (test_yearly_breakeven)
{
  g_autoptr(PpScenario) sc = load_src ("tests/data/pricing/yearly.xml");
  PpPricingOptions opts = { 0 };
  g_autoptr(PpEstimate) e = NULL;
  const PpSideEstimate *a;

  opts.months = 24;
  e = estimate (sc, &opts, NULL);
  a = &g_array_index (e->connections, PpConnEstimate, 0).sides[0];
  /* 9000 CNY a year against 50 CNY x 20 days = 1000 CNY a month */
  ck_assert_uint_eq (a->options[0].amount_minor, 1800000);
  ck_assert_uint_eq (a->options[1].amount_minor, 2400000);
  ck_assert_uint_eq (a->breakeven_month, 9);
  ck_assert_uint_eq (a->breakeven_milli, 15 * PP_MILLI);     /* 750 / 50 */
  ck_assert_uint_eq (a->cheaper, 0);
  ck_assert_uint_eq (a->options[0].cumulative[1], 900000);
  ck_assert_uint_eq (a->options[0].cumulative[13], 1800000);
}
END_TEST

/* The monthly series: a yearly subscription is paid in months 1 and 13,
 * the months between cost 0; per connection, per account and overall
 * the months add up to the total; an unpriced side leaves its account
 * without a series. */
START_TEST (test_monthly_series)
{
  g_autoptr(PpScenario) sc = load_src ("tests/data/pricing/yearly.xml");
  g_autoptr(PpScenario) art = load_src ("data/examples/article.xml");
  PpPricingOptions opts = { 0 };
  g_autoptr(PpEstimate) e = NULL;
  g_autoptr(PpEstimate) e2 = NULL;
  const PpConnEstimate *ce;
  const PpAccountTotal *a;
  guint64 sum = 0;

  opts.months = 24;
  e = estimate (sc, &opts, NULL);
  ce = &g_array_index (e->connections, PpConnEstimate, 0);
  a = &g_array_index (e->accounts, PpAccountTotal, 0);
  ck_assert_ptr_nonnull (ce->monthly.minor[PP_CURRENCY_CNY]);
  ck_assert_ptr_null (ce->monthly.minor[PP_CURRENCY_USD]);
  ck_assert_uint_eq (ce->monthly.minor[PP_CURRENCY_CNY][0], 900000);
  ck_assert_uint_eq (ce->monthly.minor[PP_CURRENCY_CNY][1], 0);
  ck_assert_uint_eq (ce->monthly.minor[PP_CURRENCY_CNY][12], 900000);
  for (guint m = 0; m < 24; m++)
    {
      ck_assert_uint_eq (a->monthly.minor[PP_CURRENCY_CNY][m], ce->monthly.minor[PP_CURRENCY_CNY][m]);
      ck_assert_uint_eq (e->monthly.minor[PP_CURRENCY_CNY][m], ce->monthly.minor[PP_CURRENCY_CNY][m]);
      sum += e->monthly.minor[PP_CURRENCY_CNY][m];
    }
  ck_assert_uint_eq (sum, e->total_minor[PP_CURRENCY_CNY]);
  ck_assert (pp_estimate_has_long_cycles (e));
  ck_assert_uint_eq (pp_estimate_steady_month (e), 2);

  opts.months = 1;
  e2 = estimate (art, &opts, NULL);
  ck_assert_uint_eq (pp_estimate_steady_month (e2), 1);
  ck_assert (!pp_estimate_has_long_cycles (e2));
  ck_assert_ptr_null (g_array_index (e2->accounts, PpAccountTotal, 0).monthly.minor[PP_CURRENCY_CNY]);
  ck_assert_ptr_nonnull (g_array_index (e2->accounts, PpAccountTotal, 1).monthly.minor[PP_CURRENCY_CNY]);
}
END_TEST

START_TEST (test_currency_never_mixed)
{
  g_autoptr(PpScenario) sc = load_src ("data/examples/article.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(PpPrices) q = load_quote ("tests/data/pricing/usd-quote.xml", &error);
  PpPricingOptions opts = { 0 };
  g_autoptr(PpEstimate) plain = NULL;
  g_autoptr(PpEstimate) conv = NULL;
  const PpOption *o;

  ck_assert_msg (q != NULL, "%s", error ? error->message : "");
  opts.quotes = q;
  plain = estimate (sc, &opts, NULL);
  /* no rate: the USD figure stays in USD, totals are per currency */
  ck_assert (plain->total_used[PP_CURRENCY_USD]);
  ck_assert_uint_eq (plain->total_minor[PP_CURRENCY_USD], 480000);
  ck_assert_uint_eq (plain->total_minor[PP_CURRENCY_CNY], 0);
  opts.usd_to_cny_micro = 7100000;
  conv = estimate (sc, &opts, NULL);
  o = &g_array_index (conv->connections, PpConnEstimate, 0).sides[0].options[0];
  ck_assert (o->converted);
  ck_assert_uint_eq (o->unit_micro, 2840 * PP_MICRO);
  ck_assert (!conv->total_used[PP_CURRENCY_USD]);
  ck_assert_uint_eq (conv->total_minor[PP_CURRENCY_CNY], 3408000);
}
END_TEST

START_TEST (test_check_article_clean)
{
  g_autoptr(PpScenario) sc = load_src ("data/examples/article.xml");
  g_autoptr(PpFindings) f = pp_findings_new ();
  g_autoptr(GError) error = NULL;

  ck_assert (pp_pricing_check (sc, f, &error));
  ck_assert (!pp_findings_any_at_least (f, PP_SEVERITY_ERROR));
  ck_assert_uint_eq (pp_findings_count (f, PP_SEVERITY_WARNING), 2);
}
END_TEST

static PpScenario *
load_string (const char *xml)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  PpScenario *sc = pp_scenario_load_bytes (bytes, "inline.xml", NULL, &error);

  ck_assert_msg (sc != NULL, "%s", error ? error->message : "");
  return sc;
}

#define TWO_VPCS(r1, r2) \
  "<account id=\"A\" uid=\"1111111111111111\"><vpc id=\"v1\" region=\"" r1 "\" cidr=\"10.1.0.0/16\"/></account>" \
  "<account id=\"B\" uid=\"2222222222222222\"><vpc id=\"v2\" region=\"" r2 "\" cidr=\"10.2.0.0/16\"/></account>"

START_TEST (test_hourly)
{
  /* Figures made up for the test. */
  g_autoptr(PpScenario) sc = load_string (
    "<scenario name=\"h\" xmlns=\"urn:peerplan:scenario:1\">" TWO_VPCS ("ap-northeast-1", "us-west-1")
    "<connection id=\"c\" type=\"router-interface\" spec=\"Large.1\">"
    "<initiator vpc=\"v1\" charge=\"pay-as-you-go\"/><acceptor vpc=\"v2\" charge=\"pay-as-you-go\"/>"
    "<usage days-per-month=\"20\" hours-per-day=\"8\"/></connection>"
    "<price product=\"router-interface\" unit=\"hour\" amount=\"5\" currency=\"CNY\"/>"
    "<price product=\"router-interface\" unit=\"month\" amount=\"3000\" currency=\"CNY\"/>"
    "</scenario>");
  g_autoptr(PpFindings) f = pp_findings_new ();
  g_autoptr(PpEstimate) e = estimate (sc, NULL, f);
  const PpSideEstimate *a = &g_array_index (e->connections, PpConnEstimate, 0).sides[0];

  /* 20 days x 8 hours x 5 CNY = 800 CNY a month */
  ck_assert_int_eq (a->options[1].unit, PP_UNIT_HOUR);
  ck_assert_uint_eq (a->options[1].quantity_milli, 12 * 160 * PP_MILLI);
  ck_assert_uint_eq (a->options[1].amount_minor, 960000);
  ck_assert_uint_eq (a->chosen, 1);
  ck_assert_uint_eq (a->breakeven_unit, PP_UNIT_HOUR);
  ck_assert_uint_eq (a->breakeven_milli, 600 * PP_MILLI);     /* 3000 / 5 */
  ck_assert_uint_eq (a->cheaper, 1);
  ck_assert_uint_eq (e->total_minor[PP_CURRENCY_CNY], 960000);
  ck_assert_uint_eq (count_rule (f, "price-missing", NULL, NULL), 0);
}
END_TEST

START_TEST (test_platinum)
{
  g_autoptr(PpScenario) sc = load_string (
    "<scenario name=\"p\" xmlns=\"urn:peerplan:scenario:1\">" TWO_VPCS ("eu-central-1", "us-east-1")
    "<connection id=\"c\" type=\"vpc-peer\" link-type=\"Platinum\">"
    "<requester vpc=\"v1\"/><accepter vpc=\"v2\"/>"
    "<usage gb-per-month=\"10\"/></connection></scenario>");
  g_autoptr(PpEstimate) e = estimate (sc, NULL, NULL);
  const PpConnEstimate *ce = &g_array_index (e->connections, PpConnEstimate, 0);

  /* Europe <-> North America: Gold 0.35, Platinum 0.525 CNY/GB */
  ck_assert_str_eq (ce->link_type, "Platinum");
  ck_assert_str_eq (ce->sides[0].options[0].price->id, "peer-platinum-eu-na");
  ck_assert_uint_eq (ce->sides[0].options[0].unit_micro, 525000);
  ck_assert_uint_eq (ce->sides[1].options[0].amount_minor, 6300);   /* 10 x 12 x 0.525 */
}
END_TEST

START_TEST (test_max_age)
{
  g_autoptr(PpScenario) sc = load_src ("tests/data/pricing/same-region-catalog.xml");
  g_autoptr(PpFindings) f = pp_findings_new ();
  PpPricingOptions opts = { 0 };
  g_autoptr(PpEstimate) e = NULL;

  opts.max_age_days = 5000;
  e = estimate (sc, &opts, f);
  ck_assert_uint_eq (count_rule (f, "price-stale", NULL, NULL), 0);
}
END_TEST

/* Scenarios whose <price> or <usage> is refused (input errors, exit 2). */
static const struct {
  const char *body;           /* inside <scenario> after the accounts */
  const char *message;        /* expected in the error */
} bad_scenarios[] = {
  { "<connection id=\"c\" type=\"vpc-peer\"><requester vpc=\"v1\"/><accepter vpc=\"v2\"/>"
    "<usage from=\"v3\" gb-per-month=\"1\"/></connection>",
    "usage from vpc 'v3', which is not an end of connection 'c'" },
  { "<price product=\"router-interface\" charge=\"subscription\" unit=\"day\" amount=\"1\" currency=\"CNY\"/>",
    "a subscription is priced per month or per year, not per day" },
  { "<price product=\"router-interface\" charge=\"pay-as-you-go\" unit=\"year\" amount=\"1\" currency=\"CNY\"/>",
    "pay-as-you-go is priced per day, hour or month, not per year" },
  { "<price product=\"vpc-peer\" from-area=\"europe\" unit=\"GB\" amount=\"1\" currency=\"CNY\"/>",
    "give both from-area and to-area, or neither" },
  { "<price product=\"vpc-peer\" from-area=\"asia\" to-area=\"europe\" unit=\"GB\" amount=\"1\" currency=\"CNY\"/>",
    "from-area \"asia\" is not an area" },
  { "<price product=\"vpc-peer\" from-area=\"europe\" to-area=\"europe\" from-region=\"eu-west-1\" "
    "to-region=\"eu-central-1\" unit=\"GB\" amount=\"1\" currency=\"CNY\"/>",
    "give a region pair or an area pair, not both" },
};

START_TEST (test_bad_scenarios)
{
  g_autofree char *xml = g_strconcat (
    "<scenario name=\"b\" xmlns=\"urn:peerplan:scenario:1\">",
    "<account id=\"A\" uid=\"1111111111111111\"><vpc id=\"v1\" region=\"eu-west-1\" cidr=\"10.1.0.0/16\"/>"
    "<vpc id=\"v2\" region=\"us-east-1\" cidr=\"10.2.0.0/16\"/><vpc id=\"v3\" region=\"us-east-1\" cidr=\"10.3.0.0/16\"/></account>",
    bad_scenarios[_i].body, "</scenario>", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) sc = pp_scenario_load_bytes (bytes, "bad.xml", NULL, &error);

  ck_assert_ptr_null (sc);
  ck_assert_msg (g_error_matches (error, PP_MODEL_ERROR, PP_MODEL_ERROR_INVALID_VALUE), "%s",
                 error ? error->message : "");
  ck_assert_msg (g_str_has_prefix (error->message, "bad.xml:1: "), "%s", error->message);
  ck_assert_msg (strstr (error->message, bad_scenarios[_i].message) != NULL, "%s", error->message);
}
END_TEST

/* Catalogs whose meaning is refused after the schema accepted them. */
START_TEST (test_bad_catalogs)
{
  static const char *dup_quota =
    "<quotas xmlns=\"urn:peerplan:quotas:1\" as-of=\"2026-01-01\"><source id=\"s\">x</source>\n"
    "<quota id=\"route-entries\" counts=\"route-entries-per-table\" limit=\"1\" unit=\"entries\" raise=\"r\" source=\"s\" as-of=\"2026-01-01\">a</quota>\n"
    "<quota id=\"route-entries\" counts=\"route-entries-per-table\" limit=\"2\" unit=\"entries\" raise=\"r\" source=\"s\" as-of=\"2026-01-01\">b</quota></quotas>";
  static const char *unknown_rule =
    "<quotas xmlns=\"urn:peerplan:quotas:1\" as-of=\"2026-01-01\"><source id=\"s\">x</source>\n"
    "<quota id=\"made-up\" counts=\"vswitches-per-vpc\" limit=\"1\" unit=\"vswitches\" raise=\"r\" source=\"s\" as-of=\"2026-01-01\">a</quota></quotas>";
  static const char *days =
    "<tickets xmlns=\"urn:peerplan:tickets:1\" as-of=\"2026-01-01\"><source id=\"s\">x</source>\n"
    "<ticket id=\"cross-border\" applies=\"cross-border\" products=\"vpc-peer\" min-days=\"3\" max-days=\"2\" "
    "confirmed=\"yes\" what=\"w\" source=\"s\" as-of=\"2026-01-01\"/></tickets>";
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GBytes) b1 = g_bytes_new_static (dup_quota, strlen (dup_quota));
  g_autoptr(GBytes) b2 = g_bytes_new_static (unknown_rule, strlen (unknown_rule));
  g_autoptr(GBytes) b3 = g_bytes_new_static (days, strlen (days));
  g_autoptr(PpQuotas) q1 = pp_quotas_load_bytes (b1, "q1.xml", &e1);
  g_autoptr(PpQuotas) q2 = pp_quotas_load_bytes (b2, "q2.xml", &e2);
  g_autoptr(PpTickets) t3 = pp_tickets_load_bytes (b3, "t3.xml", &e3);
  static const char *applies =
    "<tickets xmlns=\"urn:peerplan:tickets:1\" as-of=\"2026-01-01\"><source id=\"s\">x</source>\n"
    "<ticket id=\"t\" applies=\"always\" products=\"vpc-peer\" "
    "confirmed=\"yes\" what=\"w\" source=\"s\" as-of=\"2026-01-01\"/></tickets>";
  g_autoptr(GError) e4 = NULL;
  g_autoptr(GBytes) b4 = g_bytes_new_static (applies, strlen (applies));
  g_autoptr(PpTickets) t4 = pp_tickets_load_bytes (b4, "t4.xml", &e4);

  ck_assert_ptr_null (q1);
  ck_assert_msg (g_error_matches (e1, PP_MODEL_ERROR, PP_MODEL_ERROR_DUPLICATE_ID), "%s", e1 ? e1->message : "");
  ck_assert_str_eq (e1->message, "q1.xml:3: a second quota counts route-entries-per-table");
  ck_assert_ptr_null (q2);
  ck_assert_msg (g_str_has_prefix (e2->message, "q2.xml:2: rule \"quota-made-up\" is not in peerplan's rule table"), "%s", e2->message);
  ck_assert_ptr_null (t3);
  ck_assert_str_eq (e3->message, "t3.xml:2: max-days 2 is less than min-days 3");
  /* An unknown "applies" is refused (it used to count as quota-exceeded). */
  ck_assert_ptr_null (t4);
  ck_assert_msg (g_str_has_prefix (e4->message, "t4.xml:2:"), "%s", e4->message);
}
END_TEST

/* <price> and <usage> survive read -> write -> read, and write -> read ->
 * write gives the same bytes. */
static const char *roundtrip_files[] = {
  "tests/data/pricing/yearly.xml",
  "tests/data/pricing/same-region.xml",
  "data/examples/vpc-peer-tokyo-sv.xml",
};

START_TEST (test_roundtrip)
{
  g_autoptr(PpScenario) a = load_src (roundtrip_files[_i]);
  g_autofree char *xa = pp_scenario_to_xml (a);
  g_autoptr(GBytes) bytes = g_bytes_new (xa, strlen (xa));
  g_autoptr(GError) error = NULL;
  g_autoptr(PpScenario) b = pp_scenario_load_bytes (bytes, roundtrip_files[_i], NULL, &error);
  g_autofree char *xb = NULL;
  g_autoptr(PpEstimate) ea = NULL;
  g_autoptr(PpEstimate) eb = NULL;

  ck_assert_msg (b != NULL, "%s", error ? error->message : "");
  xb = pp_scenario_to_xml (b);
  ck_assert_str_eq (xa, xb);
  ck_assert_uint_eq (a->prices->len, b->prices->len);
  ck_assert_uint_eq (a->usages->len, b->usages->len);
  ck_assert_uint_gt (a->prices->len + a->usages->len, 0);
  for (guint i = 0; i < a->prices->len; i++)
    {
      const PpPrice *pa = &g_array_index (a->prices, PpPrice, i);
      const PpPrice *pb = &g_array_index (b->prices, PpPrice, i);

      ck_assert_uint_eq (pa->amount_micro, pb->amount_micro);
      ck_assert_int_eq (pa->charge, pb->charge);
      ck_assert_int_eq (pa->unit, pb->unit);
      ck_assert_str_eq (pa->source, pb->source);
      ck_assert_int_eq (pa->has_areas, pb->has_areas);
    }
  for (guint i = 0; i < a->usages->len; i++)
    {
      const PpUsage *ua = &g_array_index (a->usages, PpUsage, i);
      const PpUsage *ub = &g_array_index (b->usages, PpUsage, i);

      ck_assert_uint_eq (ua->gb_milli, ub->gb_milli);
      ck_assert_uint_eq (ua->days_milli, ub->days_milli);
      ck_assert_uint_eq (ua->from_vpc, ub->from_vpc);
      ck_assert_uint_eq (ua->connection, ub->connection);
    }
  /* and the estimate is the same (quotes keep their new line numbers) */
  ea = estimate (a, NULL, NULL);
  eb = estimate (b, NULL, NULL);
  for (guint c = 0; c < PP_CURRENCY_LAST; c++)
    ck_assert_uint_eq (ea->total_minor[c], eb->total_minor[c]);
  ck_assert_int_eq (ea->incomplete, eb->incomplete);
}
END_TEST

START_TEST (test_decimal_format)
{
  static const struct { guint64 v; guint digits; const char *s; } cases[] = {
    { 5600000, 6, "5.6" }, { 450000000, 6, "450" }, { 131000, 6, "0.131" }, { 1, 6, "0.000001" },
    { 0, 6, "0" }, { 1500, 3, "1.5" }, { 7, 0, "7" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = pp_decimal_format (cases[i].v, cases[i].digits);
      guint64 back = 0;

      ck_assert_str_eq (s, cases[i].s);
      ck_assert (pp_decimal_parse (s, cases[i].digits, &back, NULL));
      ck_assert_uint_eq (back, cases[i].v);
    }
}
END_TEST

START_TEST (test_chart_svg)
{
  g_autoptr(PpScenario) sc = load_src ("tests/data/pricing/yearly.xml");
  g_autoptr(PpEstimate) e = estimate (sc, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = pp_cost_chart_svg (e, &error);
  gsize len = 0;
  const char *data;
  g_autofree char *text = NULL;

  ck_assert_msg (svg != NULL, "%s", error ? error->message : "");
  data = g_bytes_get_data (svg, &len);
  text = g_strndup (data, len);
  ck_assert (g_str_has_prefix (text, "<?xml"));
  ck_assert (strstr (text, "<svg ") != NULL);
  ck_assert (strstr (text, "xmlns=\"http://www.w3.org/2000/svg\"") != NULL);
  ck_assert (strstr (text, "months of use") != NULL);
  ck_assert (strstr (text, "cumulative cost (CNY)") != NULL);
  ck_assert (strstr (text, "tokyo-sg: A (initiator) subscription") != NULL);
  ck_assert (strstr (text, "break-even tokyo-sg") != NULL);
  ck_assert_uint_eq (g_strstr_len (text, -1, "<polyline") != NULL, 1);
}
END_TEST

static Suite *
pricing_suite (void)
{
  Suite *s = suite_create ("pricing");
  TCase *tc = tcase_create ("core");

  tcase_add_loop_test (tc, test_calendar, 0, G_N_ELEMENTS (calendar_cases));
  tcase_add_test (tc, test_calendar_month_end);
  tcase_add_test (tc, test_date_parse_bad);
  tcase_add_test (tc, test_decimal);
  tcase_add_test (tc, test_money);
  tcase_add_test (tc, test_catalogs_load);
  tcase_add_loop_test (tc, test_bad_inputs, 0, G_N_ELEMENTS (bad_inputs));
  tcase_add_test (tc, test_article_no_quote);
  tcase_add_test (tc, test_article_quote);
  tcase_add_test (tc, test_vpc_peer_traffic);
  tcase_add_test (tc, test_vpc_peer_usage);
  tcase_add_test (tc, test_cross_border);
  tcase_add_test (tc, test_cross_border_no_date);
  tcase_add_test (tc, test_route_quota);
  tcase_add_test (tc, test_overflow_refused);
  tcase_add_test (tc, test_quote_overrides_catalog);
  tcase_add_test (tc, test_quote_file_beats_scenario);
  tcase_add_test (tc, test_yearly_breakeven);
  tcase_add_test (tc, test_monthly_series);
  tcase_add_test (tc, test_currency_never_mixed);
  tcase_add_test (tc, test_check_article_clean);
  tcase_add_test (tc, test_chart_svg);
  tcase_add_test (tc, test_hourly);
  tcase_add_test (tc, test_platinum);
  tcase_add_test (tc, test_max_age);
  tcase_add_loop_test (tc, test_bad_scenarios, 0, G_N_ELEMENTS (bad_scenarios));
  tcase_add_test (tc, test_bad_catalogs);
  tcase_add_loop_test (tc, test_roundtrip, 0, G_N_ELEMENTS (roundtrip_files));
  tcase_add_test (tc, test_decimal_format);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return pp_test_run (pricing_suite ());
}
