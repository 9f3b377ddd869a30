/* SPDX-License-Identifier: MIT */
/* pp-estimate-lead.c: lead times: when each connection can be ready (the
 * purchase date, working days for tickets, the quota applications), and
 * the ticket-* findings that say what to apply for.
 */
#include "pricing/pp-estimate-private.h"
#include "pricing/pp-calendar.h"

#include <string.h>

/* ---- lead times ---- */

static void
lead_time_dates (Ctx *c, PpLeadTime *lt)
{
  const PpEstimate *e = c->e;

  if (!e->has_start || !lt->rule->has_days)
    return;
  lt->dated = TRUE;
  pp_calendar_add_processing_days (&e->start, lt->rule->min_days,
                                   lt->rule->month_end_days, &lt->earliest);
  pp_calendar_add_processing_days (&e->start, lt->rule->max_days,
                                   lt->rule->month_end_days, &lt->latest);
}

static void
ticket_finding (Ctx *c, PpLeadTime *lt, const char *file, guint line,
                const char * const *objects, const char *subject)
{
  const PpTicketRule *r = lt->rule;
  PpEstimate *e = c->e;
  GString *msg = g_string_new (NULL);
  PpFinding *f;

  g_string_append_printf (msg, "%s %s %s", subject, r->confirmed ? "needs" : "may need", r->what);
  if (!r->confirmed)
    g_string_append (msg, " (unconfirmed)");
  if (lt->dated)
    {
      char d0[11], d1[11], s[11];

      g_string_append_printf (msg, "; started on %s (%s), it can carry traffic from %s at the earliest",
                              pp_date_format (&e->start, s), e->start_from,
                              pp_date_format (&lt->earliest, d0));
      if (g_date_compare (&lt->earliest, &lt->latest) != 0)
        g_string_append_printf (msg, ", %s at the latest", pp_date_format (&lt->latest, d1));
      g_string_append (msg, " (working days; public holidays not known)");
    }
  else if (r->has_days)
    g_string_append_printf (msg, "; %u-%u working days%s (give --start DATE or purchase-date for a date)",
                            r->min_days, r->max_days,
                            r->month_end_days ? " plus the month-end rule" : "");
  else if (e->has_start)
    {
      char s[11];

      g_string_append_printf (msg, "; its review time is not published, so no earliest date can be given beyond %s (%s): apply before you need the link",
                              pp_date_format (&e->start, s), e->start_from);
    }
  else
    g_string_append (msg, "; its review time is not published: apply before you need the link");
  f = pp_findings_add (c->findings, r->rule, file, line, objects, "%s", msg->str);
  if (r->note != NULL)
    pp_finding_set_hint (f, "%s", r->note);
  pp_finding_set_source (f, r->source);
  g_string_free (msg, TRUE);
}

void
pp_estimate_lead_times (Ctx *c)
{
  PpEstimate *e = c->e;
  const PpScenario *sc = c->sc;

  for (guint i = 0; i < e->connections->len; i++)
    {
      const PpConnEstimate *ce = &g_array_index (e->connections, PpConnEstimate, i);
      const PpConnection *conn = pp_scenario_connection (sc, ce->connection);
      const PpRegion *r0 = pp_scenario_vpc (sc, conn->ends[0].vpc)->region;
      const PpRegion *r1 = pp_scenario_vpc (sc, conn->ends[1].vpc)->region;
      const char *objects[] = { conn->id, NULL };

      for (guint k = 0; k < pp_tickets_count (c->tickets); k++)
        {
          const PpTicketRule *r = pp_tickets_nth (c->tickets, k);
          PpLeadTime lt = { 0 };
          g_autofree char *subject = NULL;

          if (!r->products[ce->product])
            continue;
          if (r->applies == PP_TICKET_APPLIES_CROSS_BORDER && ce->cross_border)
            subject = g_strdup_printf ("connection %s links %s (%s) and %s (%s) across the mainland China border: it",
                                       conn->id, r0->id, r0->mainland ? "mainland China" : "outside mainland China",
                                       r1->id, r1->mainland ? "mainland China" : "outside mainland China");
          else if (r->applies == PP_TICKET_APPLIES_CROSS_REGION && ce->cross_region)
            subject = g_strdup_printf ("connection %s (%s, %s to %s)",
                                       conn->id, pp_product_to_string (ce->product), r0->id, r1->id);
          if (subject == NULL)
            continue;
          lt.connection = ce->connection;
          lt.rule = r;
          lead_time_dates (c, &lt);
          if (c->findings != NULL)
            ticket_finding (c, &lt, sc->file, conn->line, objects, subject);
          g_array_append_val (e->lead_times, lt);
        }
    }
  {
    const PpTicketRule *r = pp_tickets_find (c->tickets, PP_TICKET_APPLIES_QUOTA_EXCEEDED);

    for (guint q = 0; r != NULL && q < e->quota_usage->len; q++)
      {
        const PpQuotaUsage *u = &g_array_index (e->quota_usage, PpQuotaUsage, q);
        PpLeadTime lt = { 0 };
        const char *objects[] = { u->object, NULL };
        g_autofree char *subject = NULL;

        if (u->n_over == 0 || u->quota->quota_name == NULL)
          continue;
        lt.connection = G_MAXUINT32;
        lt.rule = r;
        lt.object = u->quota->quota_name;
        lead_time_dates (c, &lt);
        subject = g_strdup_printf ("%s is over its quota (%s): it", u->object, u->quota->rule);
        if (c->findings != NULL)
          ticket_finding (c, &lt, sc->file,
                          u->first_over_line ? u->first_over_line : sc->line,
                          objects, subject);
        g_array_append_val (e->lead_times, lt);
      }
  }
  if (e->has_start)
    {
      e->has_ready = TRUE;
      e->ready = e->start;
      for (guint i = 0; i < e->lead_times->len; i++)
        {
          const PpLeadTime *lt = &g_array_index (e->lead_times, PpLeadTime, i);

          if (lt->dated && g_date_compare (&lt->earliest, &e->ready) > 0)
            e->ready = lt->earliest;
          if (!lt->dated)
            e->ready_is_lower_bound = TRUE;
        }
    }
}

