/* SPDX-License-Identifier: MIT */
/* diff-report.c: a PpDiff as text, Markdown and JSON (diff-report.h). */

#include "sim/cli/diff-report.h"
#include "sim/cli/json-writer.h"
#include "sim/cli/report.h"
#include "pricing/pp-calendar.h"
#include "pricing/pp-money.h"

#include <string.h>

static char *
money (guint64 minor, PpCurrency c)
{
  g_autofree char *a = pp_money_format_minor (minor);

  return g_strdup_printf ("%s %s", a, pp_currency_to_string (c));
}

static char *
signed_money (gint64 minor, PpCurrency c)
{
  g_autofree char *a = pp_money_format_minor ((guint64) (minor < 0 ? -minor : minor));

  return g_strdup_printf ("%s%s %s", minor < 0 ? "-" : minor > 0 ? "+" : "", a,
                          pp_currency_to_string (c));
}

/* "3000.00 CNY", "unknown", "-" (absent) */
static char *
side_total (gboolean present, gboolean incomplete, guint64 minor, PpCurrency c)
{
  g_autofree char *m = NULL;

  if (!present)
    return g_strdup ("-");
  m = money (minor, c);
  return incomplete ? g_strdup_printf ("%s + unknown", m) : g_steal_pointer (&m);
}

static char *
month_value (const guint64 *series, gboolean present, gboolean incomplete, guint month,
             PpCurrency c)
{
  return side_total (present, incomplete, series ? series[month - 1] : 0, c);
}

static char *
delta_text (const PpDiffCost *x)
{
  g_autofree char *dm = signed_money (x->delta_minor, x->currency);

  if (x->old_incomplete || x->new_incomplete)
    return g_strdup_printf ("%s + unknown (a price is missing)", dm);
  return g_steal_pointer (&dm);
}

static char *
cost_label (const PpDiffCost *x)
{
  if (x->id == NULL)
    return g_strdup ("overall");
  return g_strdup_printf ("%s %s", x->kind, x->id);
}

guint
pp_diff_report_steady_month (const PpDiff *d)
{
  return d->months > 1 ? 2 : 1;
}

void
pp_diff_cost_text_init (PpDiffCostText *t, const PpDiff *d, const PpDiffCost *x)
{
  guint st = pp_diff_report_steady_month (d);
  guint64 os = x->old_monthly ? x->old_monthly[st - 1] : 0;
  guint64 ns = x->new_monthly ? x->new_monthly[st - 1] : 0;
  g_autofree char *ds = NULL;

  t->label = cost_label (x);
  t->old_first = month_value (x->old_monthly, x->in_old, x->old_incomplete, 1, x->currency);
  t->new_first = month_value (x->new_monthly, x->in_new, x->new_incomplete, 1, x->currency);
  t->old_steady = month_value (x->old_monthly, x->in_old, x->old_incomplete, st, x->currency);
  t->new_steady = month_value (x->new_monthly, x->in_new, x->new_incomplete, st, x->currency);
  t->delta_steady_minor = (gint64) ns - (gint64) os;
  ds = signed_money (t->delta_steady_minor, x->currency);
  t->delta_steady = x->old_incomplete || x->new_incomplete
    ? g_strdup_printf ("%s + unknown (a price is missing)", ds) : g_steal_pointer (&ds);
  t->old_total = side_total (x->in_old, x->old_incomplete, x->old_minor, x->currency);
  t->new_total = side_total (x->in_new, x->new_incomplete, x->new_minor, x->currency);
  t->delta = delta_text (x);
}

void
pp_diff_cost_text_clear (PpDiffCostText *t)
{
  g_free (t->label);
  g_free (t->old_first);
  g_free (t->new_first);
  g_free (t->old_steady);
  g_free (t->new_steady);
  g_free (t->delta_steady);
  g_free (t->old_total);
  g_free (t->new_total);
  g_free (t->delta);
  memset (t, 0, sizeof *t);
}

char *
pp_diff_object_attrs_text (const PpDiffObject *o)
{
  GString *why = g_string_new (NULL);

  for (guint k = 0; k < o->attrs->len; k++)
    {
      const PpDiffAttr *a = &g_array_index (o->attrs, PpDiffAttr, k);

      g_string_append_printf (why, "%s%s %s -> %s", k ? ", " : "", a->name,
                              a->old_value ? a->old_value : "(none)",
                              a->new_value ? a->new_value : "(none)");
    }
  return g_string_free (why, FALSE);
}

void
pp_diff_marks_init (PpDiffMarks *m, const PpDiff *d)
{
  m->added = g_ptr_array_new_with_free_func (g_free);
  m->changed = g_ptr_array_new_with_free_func (g_free);
  m->changed_why = g_ptr_array_new_with_free_func (g_free);
  m->removed = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < d->objects->len; i++)
    {
      const PpDiffObject *o = &g_array_index (d->objects, PpDiffObject, i);
      char *key = g_strdup_printf ("%s:%s", o->kind, o->id);

      if (o->change == PP_DIFF_ADDED)
        g_ptr_array_add (m->added, key);
      else if (o->change == PP_DIFF_REMOVED)
        g_ptr_array_add (m->removed, key);
      else
        {
          g_ptr_array_add (m->changed, key);
          g_ptr_array_add (m->changed_why, pp_diff_object_attrs_text (o));
        }
    }
  g_ptr_array_add (m->added, NULL);
  g_ptr_array_add (m->removed, NULL);
  g_ptr_array_add (m->changed, NULL);
  g_ptr_array_add (m->changed_why, NULL);
  m->render.added = (const char * const *) m->added->pdata;
  m->render.removed = (const char * const *) m->removed->pdata;
  m->render.changed = (const char * const *) m->changed->pdata;
  m->render.changed_why = (const char * const *) m->changed_why->pdata;
}

void
pp_diff_marks_clear (PpDiffMarks *m)
{
  g_clear_pointer (&m->added, g_ptr_array_unref);
  g_clear_pointer (&m->changed, g_ptr_array_unref);
  g_clear_pointer (&m->changed_why, g_ptr_array_unref);
  g_clear_pointer (&m->removed, g_ptr_array_unref);
  memset (&m->render, 0, sizeof m->render);
}

static guint
n_objects (const PpDiff *d, PpDiffChange c)
{
  guint n = 0;

  for (guint i = 0; i < d->objects->len; i++)
    n += g_array_index (d->objects, PpDiffObject, i).change == c;
  return n;
}

static char *
overall_delta (const PpDiff *d)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < d->costs->len; i++)
    {
      const PpDiffCost *x = &g_array_index (d->costs, PpDiffCost, i);
      g_autofree char *dt = NULL;

      if (x->id != NULL || !pp_diff_cost_changed (x))
        continue;
      dt = delta_text (x);
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", dt);
    }
  if (s->len == 0)
    g_string_append (s, "unchanged");
  return g_string_free (s, FALSE);
}

char *
pp_diff_report_summary (const PpDiff *d)
{
  g_autofree char *cost = overall_delta (d);

  if (pp_diff_is_empty (d))
    return g_strdup ("no change");
  return g_strdup_printf ("%u object(s) added, %u removed, %u changed; %u new finding(s), %u fixed; "
                          "%u reachability change(s); cost over %u months %s",
                          n_objects (d, PP_DIFF_ADDED), n_objects (d, PP_DIFF_REMOVED),
                          n_objects (d, PP_DIFF_CHANGED), d->n_findings[PP_DIFF_FINDING_NEW],
                          d->n_findings[PP_DIFF_FINDING_FIXED], d->reach->len, d->months, cost);
}

static void
object_line (GString *out, const PpDiffObject *o, const char *prefix)
{
  static const char marks[] = { '+', '-', '~' };

  g_string_append_printf (out, "%s%c %s %s", prefix, marks[o->change], o->kind, o->id);
  for (guint i = 0; i < o->attrs->len; i++)
    {
      const PpDiffAttr *a = &g_array_index (o->attrs, PpDiffAttr, i);

      g_string_append_printf (out, "%s%s: %s -> %s", i ? ", " : " (", a->name,
                              a->old_value ? a->old_value : "(none)",
                              a->new_value ? a->new_value : "(none)");
    }
  g_string_append (out, o->attrs->len ? ")\n" : "\n");
}

static void
finding_line (GString *out, const PpDiffFinding *f, const char *prefix, gboolean md)
{
  const PpFinding *x = f->finding;

  g_string_append_printf (out, "%s%s %s: %s:%u: %s%s%s%s\n", prefix,
                          pp_diff_finding_status_to_string (f->status),
                          pp_severity_to_string (x->severity), x->file, x->line,
                          x->message, md ? " `" : " [", x->rule, md ? "`" : "]");
}

static void
lead_line (GString *out, const PpDiffLead *l, const char *prefix)
{
  g_string_append_printf (out, "%s%s (%s): %s", prefix, l->rule, l->object ? l->object : "", l->what);
  if (l->dated)
    {
      char a[11], b[11];

      g_string_append_printf (out, "; ready %s at the earliest, %s at the latest",
                              pp_date_format (&l->earliest, a), pp_date_format (&l->latest, b));
    }
  g_string_append_c (out, '\n');
}

char *
pp_diff_report_new_findings (const PpDiff *d)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < d->findings->len; i++)
    {
      const PpDiffFinding *f = &g_array_index (d->findings, PpDiffFinding, i);

      if (f->status == PP_DIFF_FINDING_NEW)
        finding_line (out, f, "", FALSE);
    }
  return g_string_free (out, FALSE);
}

char *
pp_diff_report_text (const PpDiff *d, const char *old_file, const char *new_file)
{
  GString *out = g_string_new (NULL);
  g_autofree char *summary = pp_diff_report_summary (d);
  guint st = pp_diff_report_steady_month (d);

  g_string_append_printf (out, "peerplan diff: %s (%s) -> %s (%s)\n%s\n",
                          old_file, d->old_sc->name, new_file, d->new_sc->name, summary);
  for (guint i = 0; i < d->notes->len; i++)
    g_string_append_printf (out, "note: %s\n", (const char *) g_ptr_array_index (d->notes, i));

  g_string_append (out, "\nobjects:\n");
  for (guint i = 0; i < d->objects->len; i++)
    object_line (out, &g_array_index (d->objects, PpDiffObject, i), "  ");
  if (d->objects->len == 0)
    g_string_append (out, "  no change\n");

  g_string_append (out, "\nfindings:\n");
  for (guint i = 0; i < d->findings->len; i++)
    {
      const PpDiffFinding *f = &g_array_index (d->findings, PpDiffFinding, i);

      if (f->status != PP_DIFF_FINDING_UNCHANGED)
        finding_line (out, f, "  ", FALSE);
    }
  g_string_append_printf (out, "  %u new, %u fixed, %u unchanged\n",
                          d->n_findings[PP_DIFF_FINDING_NEW], d->n_findings[PP_DIFF_FINDING_FIXED],
                          d->n_findings[PP_DIFF_FINDING_UNCHANGED]);

  g_string_append (out, "\nreachability:\n");
  for (guint i = 0; i < d->reach->len; i++)
    {
      const PpDiffReach *r = &g_array_index (d->reach, PpDiffReach, i);

      g_string_append_printf (out, "  %s <-> %s: %s -> %s; %s\n", r->from, r->to,
                              r->old_ok ? "reached" : "unreachable",
                              r->new_ok ? "reached" : "unreachable", r->where);
    }
  if (d->reach->len == 0)
    g_string_append (out, "  no ping result changed\n");
  if (d->reach_limited)
    g_string_append_printf (out, "  (more than %u instances: only the expect-reach pairs were compared)\n",
                            PP_DIFF_MAX_REACH_INSTANCES);

  g_string_append_printf (out, "\ncost (over %u months; month 1 and month %u; the declared billing choices):\n",
                          d->months, st);
  {
    guint shown = 0;

    for (guint i = 0; i < d->costs->len; i++)
      {
        const PpDiffCost *x = &g_array_index (d->costs, PpDiffCost, i);
        g_auto(PpDiffCostText) t = { 0 };

        if (!pp_diff_cost_changed (x))
          continue;
        shown++;
        pp_diff_cost_text_init (&t, d, x);
        g_string_append_printf (out, "  %s: %s -> %s (%s); month 1: %s -> %s; month %u: %s -> %s\n",
                                t.label, t.old_total, t.new_total, t.delta, t.old_first, t.new_first,
                                st, t.old_steady, t.new_steady);
        if (g_strcmp0 (x->old_sources, x->new_sources) != 0 || x->new_sources)
          g_string_append_printf (out, "    sources: %s%s%s\n",
                                  x->new_sources ? x->new_sources : "none",
                                  g_strcmp0 (x->old_sources, x->new_sources) != 0 ? "; before: " : "",
                                  g_strcmp0 (x->old_sources, x->new_sources) != 0
                                  ? (x->old_sources ? x->old_sources : "none") : "");
      }
    if (shown == 0)
      g_string_append (out, "  no change\n");
  }

  g_string_append (out, "\nquotas (headroom that shrank):\n");
  for (guint i = 0; i < d->quotas->len; i++)
    {
      const PpDiffQuota *q = &g_array_index (d->quotas, PpDiffQuota, i);

      g_string_append_printf (out, "  %s (%s): headroom %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT " of %u %s\n",
                              q->rule, q->new_object, q->old_headroom, q->new_headroom, q->limit, q->unit);
    }
  if (d->quotas->len == 0)
    g_string_append (out, "  none\n");

  g_string_append (out, "\nlead times (new tickets):\n");
  for (guint i = 0; i < d->leads->len; i++)
    lead_line (out, &g_array_index (d->leads, PpDiffLead, i), "  ");
  if (d->leads->len == 0)
    g_string_append (out, "  none\n");
  return g_string_free (out, FALSE);
}

/* ---- Markdown ---- */

static void
md_escape (GString *out, const char *s)
{
  for (const char *p = s; *p; p++)
    {
      if (*p == '|')
        g_string_append (out, "\\|");
      else if (*p == '<')
        g_string_append (out, "&lt;");
      else if (*p == '>')
        g_string_append (out, "&gt;");
      else if (*p == '\n')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
}

char *
pp_diff_report_markdown (const PpDiff *d, const char *old_file, const char *new_file,
                         gsize max_bytes)
{
  GString *out = g_string_new (NULL);
  g_autofree char *summary = pp_diff_report_summary (d);
  g_autofree char *cost_any = overall_delta (d);
  guint st = pp_diff_report_steady_month (d);
  static const char cut_note[] = "\n> **Cut:** this comment reached GitHub's size limit; run `peerplan diff` for the whole report.\n";
  gsize limit = max_bytes > sizeof cut_note + 64 ? max_bytes - sizeof cut_note : max_bytes;
  gboolean cut = FALSE;

  g_string_append (out, "## peerplan diff\n\n**");
  md_escape (out, summary);
  g_string_append (out, "**\n\n");
  g_string_append_printf (out, "`%s` (%s) → `%s` (%s)\n\n", old_file, d->old_sc->name,
                          new_file, d->new_sc->name);
  for (guint i = 0; i < d->notes->len; i++)
    {
      g_string_append (out, "> ");
      md_escape (out, g_ptr_array_index (d->notes, i));
      g_string_append (out, "\n");
    }
  if (d->notes->len)
    g_string_append_c (out, '\n');

  g_string_append_printf (out, "### Cost (over %u months)\n\n", d->months);
  if (strcmp (cost_any, "unchanged") == 0)
    g_string_append (out, "no change\n");
  else
  g_string_append_printf (out, "| | month 1 old | month 1 new | month %u old | month %u new | old | new | delta |\n|---|---|---|---|---|---|---|---|\n",
                          st, st);
  for (guint i = 0; i < d->costs->len; i++)
    {
      const PpDiffCost *x = &g_array_index (d->costs, PpDiffCost, i);
      g_auto(PpDiffCostText) t = { 0 };

      if (!pp_diff_cost_changed (x))
        continue;
      pp_diff_cost_text_init (&t, d, x);
      g_string_append_printf (out, "| %s%s%s | %s | %s | %s | %s | %s | %s | %s |\n",
                              x->id ? "" : "**", t.label, x->id ? "" : "**",
                              t.old_first, t.new_first, t.old_steady, t.new_steady,
                              t.old_total, t.new_total, t.delta);
    }
  g_string_append_c (out, '\n');

  g_string_append_printf (out, "### New findings (%u)\n\n", d->n_findings[PP_DIFF_FINDING_NEW]);
  for (guint i = 0; i < d->findings->len && !cut; i++)
    {
      const PpDiffFinding *f = &g_array_index (d->findings, PpDiffFinding, i);
      GString *line;

      if (f->status != PP_DIFF_FINDING_NEW)
        continue;
      line = g_string_new ("- ");
      g_string_append_printf (line, "**%s** `%s` %s:%u: ", pp_severity_to_string (f->finding->severity),
                              f->finding->rule, f->finding->file, f->finding->line);
      md_escape (line, f->finding->message);
      g_string_append_c (line, '\n');
      if (out->len + line->len > limit)
        cut = TRUE;
      else
        g_string_append (out, line->str);
      g_string_free (line, TRUE);
    }
  if (d->n_findings[PP_DIFF_FINDING_NEW] == 0)
    g_string_append (out, "none\n");
  g_string_append_c (out, '\n');

  if (!cut)
    {
      GString *det = g_string_new (NULL);

      g_string_append_printf (det, "<details><summary>Fixed findings (%u)</summary>\n\n",
                              d->n_findings[PP_DIFF_FINDING_FIXED]);
      for (guint i = 0; i < d->findings->len; i++)
        {
          const PpDiffFinding *f = &g_array_index (d->findings, PpDiffFinding, i);

          if (f->status != PP_DIFF_FINDING_FIXED)
            continue;
          g_string_append_printf (det, "- %s `%s` ", pp_severity_to_string (f->finding->severity),
                                  f->finding->rule);
          md_escape (det, f->finding->message);
          g_string_append_c (det, '\n');
        }
      g_string_append (det, "\n</details>\n\n");

      g_string_append_printf (det, "<details><summary>Objects (%u)</summary>\n\n```diff\n", d->objects->len);
      for (guint i = 0; i < d->objects->len; i++)
        object_line (det, &g_array_index (d->objects, PpDiffObject, i), "");
      g_string_append (det, "```\n\n</details>\n\n");

      g_string_append_printf (det, "<details><summary>Reachability (%u)</summary>\n\n", d->reach->len);
      for (guint i = 0; i < d->reach->len; i++)
        {
          const PpDiffReach *r = &g_array_index (d->reach, PpDiffReach, i);

          g_string_append_printf (det, "- `%s` ↔ `%s`: %s → %s; ", r->from, r->to,
                                  r->old_ok ? "reached" : "unreachable",
                                  r->new_ok ? "reached" : "unreachable");
          md_escape (det, r->where);
          g_string_append_c (det, '\n');
        }
      g_string_append (det, "\n</details>\n\n");

      g_string_append_printf (det, "<details><summary>Quotas and lead times (%u, %u)</summary>\n\n",
                              d->quotas->len, d->leads->len);
      for (guint i = 0; i < d->quotas->len; i++)
        {
          const PpDiffQuota *q = &g_array_index (d->quotas, PpDiffQuota, i);

          g_string_append_printf (det, "- `%s` (%s): headroom %" G_GINT64_FORMAT " → %" G_GINT64_FORMAT " of %u %s\n",
                                  q->rule, q->new_object, q->old_headroom, q->new_headroom, q->limit, q->unit);
        }
      for (guint i = 0; i < d->leads->len; i++)
        lead_line (det, &g_array_index (d->leads, PpDiffLead, i), "- new ticket ");
      g_string_append (det, "\n</details>\n");
      if (out->len + det->len > limit)
        cut = TRUE;
      else
        g_string_append (out, det->str);
      g_string_free (det, TRUE);
    }
  if (cut)
    g_string_append (out, cut_note);
  return g_string_free (out, FALSE);
}

/* ---- JSON ---- */

static void
member_series (PpJsonWriter *w, const char *name, const guint64 *series, guint months)
{
  pp_json_key (w, name);
  if (series == NULL)
    {
      pp_json_null (w);
      return;
    }
  pp_json_begin_array (w);
  for (guint k = 0; k < months; k++)
    {
      g_autofree char *v = pp_money_format_minor (series[k]);

      pp_json_string (w, v);
    }
  pp_json_end_array (w);
}

void
pp_diff_report_json (FILE *out, const PpDiff *d, const char *old_file, const char *new_file)
{
  PpJsonWriter w;

  pp_json_writer_init (&w, out);
  pp_json_begin_object (&w);
  pp_json_member_int (&w, "version", 1);
  pp_json_key (&w, "old");
  pp_json_begin_object (&w);
  pp_json_member_string (&w, "file", old_file);
  pp_json_member_string (&w, "scenario", d->old_sc->name);
  pp_json_end_object (&w);
  pp_json_key (&w, "new");
  pp_json_begin_object (&w);
  pp_json_member_string (&w, "file", new_file);
  pp_json_member_string (&w, "scenario", d->new_sc->name);
  pp_json_end_object (&w);
  pp_json_member_bool (&w, "empty", pp_diff_is_empty (d));
  pp_json_key (&w, "notes");
  pp_json_begin_array (&w);
  for (guint i = 0; i < d->notes->len; i++)
    pp_json_string (&w, g_ptr_array_index (d->notes, i));
  pp_json_end_array (&w);

  pp_json_key (&w, "objects");
  pp_json_begin_array (&w);
  for (guint i = 0; i < d->objects->len; i++)
    {
      const PpDiffObject *o = &g_array_index (d->objects, PpDiffObject, i);

      pp_json_begin_object (&w);
      pp_json_member_string (&w, "change", pp_diff_change_to_string (o->change));
      pp_json_member_string (&w, "kind", o->kind);
      pp_json_member_string (&w, "id", o->id);
      pp_json_key (&w, "old_line");
      o->old_line ? pp_json_int (&w, o->old_line) : pp_json_null (&w);
      pp_json_key (&w, "new_line");
      o->new_line ? pp_json_int (&w, o->new_line) : pp_json_null (&w);
      pp_json_key (&w, "attributes");
      pp_json_begin_array (&w);
      for (guint k = 0; k < o->attrs->len; k++)
        {
          const PpDiffAttr *a = &g_array_index (o->attrs, PpDiffAttr, k);

          pp_json_begin_object (&w);
          pp_json_member_string (&w, "name", a->name);
          pp_json_member_string (&w, "old", a->old_value);
          pp_json_member_string (&w, "new", a->new_value);
          pp_json_end_object (&w);
        }
      pp_json_end_array (&w);
      pp_json_end_object (&w);
    }
  pp_json_end_array (&w);

  for (guint st = 0; st < PP_DIFF_FINDING_LAST; st++)
    {
      g_autoptr(PpFindings) part = pp_findings_new ();

      for (guint i = 0; i < d->findings->len; i++)
        {
          const PpDiffFinding *f = &g_array_index (d->findings, PpDiffFinding, i);
          const PpFinding *x = f->finding;
          PpFinding *c;

          if (f->status != st)
            continue;
          c = pp_findings_add (part, x->rule, x->file, x->line,
                               (const char * const *) x->objects, "%s", x->message);
          pp_finding_set_severity (c, x->severity);
          if (x->hint)
            pp_finding_set_hint (c, "%s", x->hint);
          if (x->trace)
            pp_finding_set_trace (c, x->trace);
          if (x->source)
            pp_finding_set_source (c, x->source);
          if (x->subject)
            pp_finding_set_subject (c, x->subject);
          if (x->addresses)
            pp_finding_set_addresses (c, (const char * const *) x->addresses);
        }
      pp_json_key (&w, st == PP_DIFF_FINDING_NEW ? "findings_new"
                       : st == PP_DIFF_FINDING_FIXED ? "findings_fixed" : "findings_unchanged");
      pp_report_json_findings (&w, part);
    }

  pp_json_member_bool (&w, "reachability_limited", d->reach_limited);
  pp_json_key (&w, "reachability");
  pp_json_begin_array (&w);
  for (guint i = 0; i < d->reach->len; i++)
    {
      const PpDiffReach *r = &g_array_index (d->reach, PpDiffReach, i);

      pp_json_begin_object (&w);
      pp_json_member_string (&w, "from", r->from);
      pp_json_member_string (&w, "to", r->to);
      pp_json_member_bool (&w, "old_ok", r->old_ok);
      pp_json_member_bool (&w, "new_ok", r->new_ok);
      pp_json_member_string (&w, "where", r->where);
      pp_json_member_string (&w, "old_trace", r->old_trace);
      pp_json_member_string (&w, "new_trace", r->new_trace);
      pp_json_end_object (&w);
    }
  pp_json_end_array (&w);

  pp_json_member_int (&w, "months", d->months);
  pp_json_key (&w, "cost");
  pp_json_begin_array (&w);
  for (guint i = 0; i < d->costs->len; i++)
    {
      const PpDiffCost *x = &g_array_index (d->costs, PpDiffCost, i);
      g_autofree char *o = pp_money_format_minor (x->old_minor);
      g_autofree char *n = pp_money_format_minor (x->new_minor);
      g_autofree char *dt = signed_money (x->delta_minor, x->currency);

      pp_json_begin_object (&w);
      pp_json_member_string (&w, "kind", x->kind);
      pp_json_member_string (&w, "id", x->id);
      pp_json_member_string (&w, "currency", pp_currency_to_string (x->currency));
      pp_json_member_bool (&w, "changed", pp_diff_cost_changed (x));
      pp_json_member_string (&w, "old", x->in_old ? o : NULL);
      pp_json_member_string (&w, "new", x->in_new ? n : NULL);
      *strrchr (dt, ' ') = '\0';
      pp_json_member_string (&w, "delta", dt);
      pp_json_member_bool (&w, "delta_unknown", x->old_incomplete || x->new_incomplete);
      pp_json_member_bool (&w, "old_incomplete", x->old_incomplete);
      pp_json_member_bool (&w, "new_incomplete", x->new_incomplete);
      member_series (&w, "old_monthly", x->old_monthly, d->months);
      member_series (&w, "new_monthly", x->new_monthly, d->months);
      pp_json_member_string (&w, "old_sources", x->old_sources);
      pp_json_member_string (&w, "new_sources", x->new_sources);
      pp_json_end_object (&w);
    }
  pp_json_end_array (&w);

  pp_json_key (&w, "quotas_shrunk");
  pp_json_begin_array (&w);
  for (guint i = 0; i < d->quotas->len; i++)
    {
      const PpDiffQuota *q = &g_array_index (d->quotas, PpDiffQuota, i);

      pp_json_begin_object (&w);
      pp_json_member_string (&w, "rule", q->rule);
      pp_json_member_string (&w, "old_object", q->old_object);
      pp_json_member_string (&w, "new_object", q->new_object);
      pp_json_member_int (&w, "limit", q->limit);
      pp_json_member_int (&w, "old_headroom", q->old_headroom);
      pp_json_member_int (&w, "new_headroom", q->new_headroom);
      pp_json_member_string (&w, "unit", q->unit);
      pp_json_end_object (&w);
    }
  pp_json_end_array (&w);

  pp_json_key (&w, "new_lead_times");
  pp_json_begin_array (&w);
  for (guint i = 0; i < d->leads->len; i++)
    {
      const PpDiffLead *l = &g_array_index (d->leads, PpDiffLead, i);
      char a[11], b[11];

      pp_json_begin_object (&w);
      pp_json_member_string (&w, "rule", l->rule);
      pp_json_member_string (&w, "object", l->object);
      pp_json_member_string (&w, "what", l->what);
      pp_json_member_string (&w, "earliest", l->dated ? pp_date_format (&l->earliest, a) : NULL);
      pp_json_member_string (&w, "latest", l->dated ? pp_date_format (&l->latest, b) : NULL);
      pp_json_end_object (&w);
    }
  pp_json_end_array (&w);
  pp_json_end_object (&w);
  pp_json_writer_finish (&w);
}
