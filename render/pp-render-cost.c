/* SPDX-License-Identifier: MIT */
/* pp-render-cost.c: the cost line of a connection's edge, from pricing/.
 *
 * What each charged side pays a month for the billing choice the scenario
 * declares: the estimate's amount over its horizon divided by the number
 * of months, rounded half up to the minor unit ("A pays 105.00 CNY/month").
 * A charged side without a price says so ("A: no price") rather than
 * guess; a per-GB side without traffic shows its rate ("A pays 0.48
 * CNY/GB out (no traffic given)"); a side the product does not charge is
 * left out.
 */
#include "render/pp-render.h"
#include "pricing/pp-estimate.h"
#include "pricing/pp-money.h"

char *
pp_render_cost_label (const PpScenario *sc, guint connection, gpointer estimate)
{
  const PpEstimate *e = estimate;
  const PpConnEstimate *ce = NULL;
  GString *s;

  g_return_val_if_fail (e != NULL, NULL);
  for (guint i = 0; i < e->connections->len && ce == NULL; i++)
    if (g_array_index (e->connections, PpConnEstimate, i).connection == connection)
      ce = &g_array_index (e->connections, PpConnEstimate, i);
  if (ce == NULL)
    return NULL;

  s = g_string_new (NULL);
  for (guint side = 0; side < 2; side++)
    {
      const PpSideEstimate *sd = &ce->sides[side];
      const PpOption *o;
      const char *who;

      if (!sd->charged || sd->n_options == 0 || sd->chosen >= sd->n_options)
        continue;
      o = &sd->options[sd->chosen];
      who = pp_scenario_account (sc, sd->account)->id;
      if (s->len > 0)
        g_string_append (s, "\\n");
      if (o->price == NULL)
        g_string_append_printf (s, "%s: no price", who);
      else if (o->kind == PP_OPTION_TRANSFER && !sd->gb_given)
        {
          /* No traffic given: the rate, not "0.00 CNY/month", which
           * would read as free. */
          g_autofree char *rate = pp_money_format_micro (o->unit_micro);

          g_string_append_printf (s, "%s pays %s %s/GB out (no traffic given)", who, rate,
                                  pp_currency_to_string (o->currency));
        }
      else
        {
          guint months = e->months ? e->months : PP_PRICING_DEFAULT_MONTHS;
          g_autofree char *monthly =
            pp_money_format_minor ((o->amount_minor * 2 + months) / (2 * (guint64) months));

          g_string_append_printf (s, "%s pays %s %s/month", who, monthly,
                                  pp_currency_to_string (o->currency));
        }
    }
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}
