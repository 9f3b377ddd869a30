/* SPDX-License-Identifier: MIT */
/* pp-engine-clock.c: the simulated clock: the pending transitions (a
 * binary min-heap of events), advancing, settling and waiting, and the
 * clock's time as text.
 */

#include "sim/pp-engine-private.h"

#include <string.h>

char *
pp_iso_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  if (dt == NULL)
    return g_strdup ("");
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* --- the clock --- */

static void
run_event (PpEngine *e, const Event *ev)
{
  Res *r = ev->res;

  if (r->gone || g_strcmp0 (r->status, ev->expect) != 0)
    return;
  if (ev->to == NULL)
    {
      pp_res_remove (e, r);
      return;
    }
  r->status = ev->to;
  if (r->kind == RES_RI && strcmp (ev->to, "Active") == 0)
    {
      Ri *ri = (Ri *) r;
      if (ri->connected_time == 0)
        ri->connected_time = e->now;
    }
  if (r->kind == RES_PEER)
    ((Peer *) r)->modified = e->now;
}

/* The pending transitions are a binary min-heap on (at, seq): seq breaks
 * ties in scheduling order, so the run order is total and deterministic. */
static gboolean
event_before (const Event *a, const Event *b)
{
  return a->at < b->at || (a->at == b->at && a->seq < b->seq);
}

void
pp_schedule (PpEngine *e, Res *r, guint delay, const char *expect, const char *to)
{
  Event ev = { e->now + delay, e->event_seq++, r, expect, to };
  guint i;

  g_array_append_val (e->events, ev);
  i = e->events->len - 1;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      Event *pe = &g_array_index (e->events, Event, parent);
      Event *ce = &g_array_index (e->events, Event, i);
      Event tmp;

      if (!event_before (ce, pe))
        break;
      tmp = *pe;
      *pe = *ce;
      *ce = tmp;
      i = parent;
    }
}

static Event
event_pop (PpEngine *e)
{
  Event top = g_array_index (e->events, Event, 0);
  guint n = e->events->len - 1;
  guint i = 0;

  g_array_index (e->events, Event, 0) = g_array_index (e->events, Event, n);
  g_array_set_size (e->events, n);
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      Event tmp;

      if (l < n && event_before (&g_array_index (e->events, Event, l), &g_array_index (e->events, Event, m)))
        m = l;
      if (r < n && event_before (&g_array_index (e->events, Event, r), &g_array_index (e->events, Event, m)))
        m = r;
      if (m == i)
        break;
      tmp = g_array_index (e->events, Event, i);
      g_array_index (e->events, Event, i) = g_array_index (e->events, Event, m);
      g_array_index (e->events, Event, m) = tmp;
      i = m;
    }
  return top;
}

void
pp_engine_advance_to (PpEngine *e, gint64 t)
{
  g_return_if_fail (e != NULL);
  while (e->events->len > 0)
    {
      Event ev;

      if (g_array_index (e->events, Event, 0).at > t)
        break;
      ev = event_pop (e);
      if (ev.at > e->now)
        e->now = ev.at;
      run_event (e, &ev);
    }
  if (t > e->now)
    e->now = t;
}

void
pp_engine_advance (PpEngine *e, guint64 seconds)
{
  g_return_if_fail (e != NULL);
  pp_engine_advance_to (e, e->now + (gint64) MIN (seconds, (guint64) G_MAXINT32));
}

gint64
pp_engine_next_event (PpEngine *e)
{
  g_return_val_if_fail (e != NULL, -1);
  if (e->events->len == 0)
    return -1;
  return g_array_index (e->events, Event, 0).at;
}

guint64
pp_engine_settle (PpEngine *e)
{
  gint64 start;

  g_return_val_if_fail (e != NULL, 0);
  start = e->now;
  while (e->events->len > 0)
    pp_engine_advance_to (e, g_array_index (e->events, Event, 0).at);
  return (guint64) (e->now - start);
}

gboolean
pp_engine_wait (PpEngine *e, const char *id, const char *status, guint64 max_seconds)
{
  gint64 limit;

  g_return_val_if_fail (e != NULL && id != NULL, FALSE);
  limit = e->now + (gint64) MIN (max_seconds, (guint64) G_MAXINT32);
  for (;;)
    {
      const char *now = pp_engine_status (e, id);
      gint64 next;

      if (status == NULL ? now == NULL : g_strcmp0 (now, status) == 0)
        return TRUE;
      next = pp_engine_next_event (e);
      if (next < 0 || next > limit)
        return FALSE;
      pp_engine_advance_to (e, next);
    }
}

gint64
pp_engine_now (PpEngine *e)
{
  g_return_val_if_fail (e != NULL, 0);
  return e->now;
}

char *
pp_engine_now_iso (PpEngine *e)
{
  g_return_val_if_fail (e != NULL, NULL);
  return pp_iso_time (e->now);
}

void
pp_engine_set_lean_answers (PpEngine *e, gboolean lean)
{
  g_return_if_fail (e != NULL);
  e->lean = lean;
}

void
pp_engine_set_tick (PpEngine *e, guint seconds)
{
  g_return_if_fail (e != NULL);
  e->tick = seconds;
}

