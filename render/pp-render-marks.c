/* SPDX-License-Identifier: MIT */
/* pp-render-marks.c: the findings and the reachability trace, as marks on
 * the objects they name (colours, rule lists, tooltips).
 */
#include "render/pp-render-private.h"

#include <string.h>

/* ---- findings --------------------------------------------------------- */

void
pp_render_mark (Marks **slot, const PpFinding *f)
{
  if (*slot == NULL)
    {
      *slot = g_new0 (Marks, 1);
      (*slot)->findings = g_ptr_array_new ();
      (*slot)->worst = f->severity;
    }
  if (f->severity > (*slot)->worst)
    (*slot)->worst = f->severity;
  /* A finding naming an object twice marks it once. */
  if (!g_ptr_array_find ((*slot)->findings, f, NULL))
    g_ptr_array_add ((*slot)->findings, (gpointer) f);
}

void
pp_render_marks_free_one (Marks *m)
{
  if (m == NULL)
    return;
  g_ptr_array_unref (m->findings);
  g_free (m);
}

void
pp_render_marks_free (Marks **marks, guint n)
{
  for (guint i = 0; marks != NULL && i < n; i++)
    if (marks[i] != NULL)
      pp_render_marks_free_one (marks[i]);
  g_free (marks);
}

const char *
pp_render_severity_color (PpSeverity s)
{
  return s == PP_SEVERITY_ERROR ? COLOR_FAILED
       : s == PP_SEVERITY_WARNING ? COLOR_WARNING : COLOR_INFO;
}

/* The VPCs a finding is about, in the order it names them, without
 * repeats: a VPC named directly, or through a vSwitch, an instance or (if
 * a VPC was named too) the far end of a connection. */
GArray *
pp_render_finding_vpcs (const PpScenario *sc, const PpFinding *f)
{
  GArray *vpcs = g_array_new (FALSE, FALSE, sizeof (guint));
  guint conn = PP_NONE;

  for (guint i = 0; f->objects != NULL && f->objects[i] != NULL; i++)
    {
      const char *id = f->objects[i];
      guint v = pp_scenario_lookup (sc, PP_KIND_VPC, id);
      guint x;

      if (v == PP_NONE && (x = pp_scenario_lookup (sc, PP_KIND_VSWITCH, id)) != PP_NONE)
        v = pp_scenario_vswitch (sc, x)->vpc;
      if (v == PP_NONE && (x = pp_scenario_lookup (sc, PP_KIND_INSTANCE, id)) != PP_NONE)
        v = pp_scenario_vswitch (sc, pp_scenario_instance (sc, x)->vswitch)->vpc;
      if (v == PP_NONE && conn == PP_NONE)
        conn = pp_scenario_lookup (sc, PP_KIND_CONNECTION, id);
      if (v == PP_NONE)
        continue;
      for (x = 0; x < vpcs->len; x++)
        if (g_array_index (vpcs, guint, x) == v)
          break;
      if (x == vpcs->len)
        g_array_append_val (vpcs, v);
    }
  if (vpcs->len == 1 && conn != PP_NONE)
    {
      const PpConnection *c = pp_scenario_connection (sc, conn);
      guint first = g_array_index (vpcs, guint, 0);
      guint other = c->ends[0].vpc == first ? c->ends[1].vpc : c->ends[0].vpc;

      if (other != first)
        g_array_append_val (vpcs, other);
    }
  return vpcs;
}

gboolean
pp_render_is_route_rule (const char *rule)
{
  return g_str_has_prefix (rule, "route-") || g_str_has_prefix (rule, "reach-");
}

void
pp_render_collect_findings (Builder *b)
{
  const PpScenario *sc = b->sc;
  const PpFindings *fl = b->o.findings;

  if (fl == NULL)
    return;
  for (guint i = 0; i < pp_findings_len (fl); i++)
    {
      const PpFinding *f = pp_findings_nth (fl, i);
      g_autoptr(GArray) vpcs = pp_render_finding_vpcs (sc, f);
      gboolean drawn = FALSE;

      /* A finding with a subject is drawn on it alone (the others are
       * related, named in its tooltip); else on every object it names. */
      const char * const just_subject[] = { f->subject, NULL };
      const char * const *drawn_on = f->subject != NULL ? just_subject
                                     : (const char * const *) f->objects;

      for (guint k = 0; drawn_on != NULL && drawn_on[k] != NULL; k++)
        {
          const char *id = drawn_on[k];
          guint x;

          if ((x = pp_scenario_lookup (sc, PP_KIND_VPC, id)) != PP_NONE)
            {
              pp_render_mark (&b->vpc_marks[x], f);
              drawn = TRUE;
            }
          if ((x = pp_scenario_lookup (sc, PP_KIND_VSWITCH, id)) != PP_NONE)
            {
              pp_render_mark (&b->vsw_marks[x], f);
              drawn = TRUE;
            }
          if ((x = pp_scenario_lookup (sc, PP_KIND_INSTANCE, id)) != PP_NONE)
            {
              pp_render_mark (&b->ecs_marks[x], f);
              drawn = TRUE;
            }
          if ((x = pp_scenario_lookup (sc, PP_KIND_CONNECTION, id)) != PP_NONE)
            {
              pp_render_mark (&b->conn_marks[x], f);
              drawn = TRUE;
            }
          if ((x = pp_scenario_lookup (sc, PP_KIND_ACCOUNT, id)) != PP_NONE)
            {
              pp_render_mark (&b->acct_marks[x], f);
              drawn = TRUE;
            }
        }

      /* Overlapping VPCs: each gets a line naming the other and the range. */
      for (guint p = 0; p < vpcs->len; p++)
        for (guint q = 0; q < vpcs->len; q++)
          {
            const PpVpc *vp = pp_scenario_vpc (sc, g_array_index (vpcs, guint, p));
            const PpVpc *vq = pp_scenario_vpc (sc, g_array_index (vpcs, guint, q));
            char range[PP_CIDR_STRLEN];
            char *line;

            if (p == q || !g_str_has_prefix (f->rule, "cidr-")
                || !pp_cidr_overlaps (vp->cidr, vq->cidr))
              continue;
            pp_cidr_format (pp_cidr_intersection (vp->cidr, vq->cidr), range);
            line = g_strdup_printf ("overlaps %s on %s (%s)", vq->id, range, f->rule);
            if (b->vpc_overlaps[g_array_index (vpcs, guint, p)] == NULL)
              b->vpc_overlaps[g_array_index (vpcs, guint, p)] = g_ptr_array_new_with_free_func (g_free);
            if (!g_ptr_array_find_with_equal_func (b->vpc_overlaps[g_array_index (vpcs, guint, p)],
                                                   line, g_str_equal, NULL))
              g_ptr_array_add (b->vpc_overlaps[g_array_index (vpcs, guint, p)], line);
            else
              g_free (line);
          }
      if (drawn)
        b->n_findings_drawn++;
    }
}

/* "rule-a, rule-b" of the findings in @m (NULL if none). */
static gboolean
has_any_prefix (const char *rule, const char * const *prefixes)
{
  for (guint i = 0; prefixes != NULL && prefixes[i] != NULL; i++)
    if (g_str_has_prefix (rule, prefixes[i]))
      return TRUE;
  return FALSE;
}

/* "rule-a, rule-b": the rules of @m, without those starting with one of
 * @skip (they are told another way); NULL if none is left. */
char *
pp_render_marks_rules_except (const Marks *m, const char * const *skip)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new ();
  GString *s;

  if (m == NULL)
    return NULL;
  for (guint i = 0; i < m->findings->len; i++)
    {
      const PpFinding *f = g_ptr_array_index (m->findings, i);

      if (has_any_prefix (f->rule, skip))
        continue;
      if (!g_ptr_array_find_with_equal_func (rules, f->rule, g_str_equal, NULL))
        g_ptr_array_add (rules, (gpointer) f->rule);
    }
  if (rules->len == 0)
    return NULL;
  s = g_string_new (NULL);
  for (guint i = 0; i < rules->len; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", (const char *) g_ptr_array_index (rules, i));
  return g_string_free (s, FALSE);
}

/* Appends the findings of @m to a tooltip. */
void
pp_render_marks_tooltip (GString *tip, const Marks *m)
{
  for (guint i = 0; m != NULL && i < m->findings->len; i++)
    {
      const PpFinding *f = g_ptr_array_index (m->findings, i);

      g_autofree char *msg = pp_render_esc (f->message);

      g_string_append_printf (tip, "\\n%s %s: %s", pp_severity_to_string (f->severity),
                              f->rule, msg);
      if (f->subject != NULL)
        {
          const char *sep = " (related: ";

          for (guint k = 0; f->objects != NULL && f->objects[k] != NULL; k++)
            if (!g_str_equal (f->objects[k], f->subject))
              {
                g_string_append_printf (tip, "%s%s", sep, f->objects[k]);
                sep = ", ";
              }
          if (!g_str_equal (sep, " (related: "))
            g_string_append_c (tip, ')');
        }
    }
}

/* "⚠ route-missing → hub\l" for each route-* or reach-* finding of @m
 * whose subject is VPC @v: the route table to fix and the VPCs the
 * finding relates it to (a line per rule and VPCs).  NULL if none. */
char *
pp_render_route_finding_lines (Builder *b, const Marks *m, guint v)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *s;

  for (guint i = 0; m != NULL && i < m->findings->len; i++)
    {
      const PpFinding *f = g_ptr_array_index (m->findings, i);
      g_autoptr(GArray) vpcs = NULL;
      GString *line;

      if (!pp_render_is_route_rule (f->rule))
        continue;
      vpcs = pp_render_finding_vpcs (b->sc, f);
      line = g_string_new (NULL);
      g_string_append_printf (line, "⚠ %s", f->rule);
      for (guint k = 0, n = 0; k < vpcs->len; k++)
        if (g_array_index (vpcs, guint, k) != v)
          g_string_append_printf (line, "%s%s", n++ ? ", " : " → ",
                                  pp_scenario_vpc (b->sc, g_array_index (vpcs, guint, k))->id);
      g_string_append (line, "\\l");
      if (!g_ptr_array_find_with_equal_func (lines, line->str, g_str_equal, NULL))
        g_ptr_array_add (lines, g_string_free (line, FALSE));
      else
        g_string_free (line, TRUE);
    }
  if (lines->len == 0)
    return NULL;
  s = g_string_new (NULL);
  for (guint i = 0; i < lines->len; i++)
    g_string_append (s, g_ptr_array_index (lines, i));
  return g_string_free (s, FALSE);
}

/* ---- trace ------------------------------------------------------------ */

void
pp_render_collect_trace (Builder *b)
{
  const PpRenderTrace *t = b->o.trace;

  if (t == NULL || t->hops == NULL)
    return;
  for (guint i = 0; t->hops[i] != NULL; i++)
    {
      GString *steps = g_hash_table_lookup (b->trace_steps, t->hops[i]);

      if (steps == NULL)
        {
          steps = g_string_new (NULL);
          g_hash_table_insert (b->trace_steps, g_strdup (t->hops[i]), steps);
        }
      g_string_append_printf (steps, "%s%u", steps->len ? ", " : "", i + 1);
    }
}

void
pp_render_trace_free (gpointer p)
{
  g_string_free (p, TRUE);
}

/* If @id is on the trace, styles @obj and adds the step to @tip. */
gboolean
pp_render_trace_mark (Builder *b, void *obj, const char *id, GString *tip, gboolean cluster)
{
  GString *steps = g_hash_table_lookup (b->trace_steps, id);

  if (steps == NULL)
    return FALSE;
  pp_render_set (obj, cluster ? "pencolor" : "color", COLOR_TRACE);
  pp_render_set (obj, "penwidth", "3");
  if (cluster)
    pp_render_set (obj, "fontcolor", COLOR_TRACE);
  if (tip)
    g_string_append_printf (tip, "\\ntrace step %s", steps->str);
  return TRUE;
}

/* "✗ dropped here: no route matches\l" if the trace's packet is dropped
 * in VPC @vpc_id (and its tooltip line in @tip); else NULL. */
char *
pp_render_trace_drop (Builder *b, const char *vpc_id, GString *tip)
{
  const PpRenderTrace *t = b->o.trace;
  char *line;

  if (t == NULL || t->dropped_in == NULL || !g_str_equal (t->dropped_in, vpc_id))
    return NULL;
  line = g_strdup_printf ("✗ dropped here%s%s", t->drop_reason ? ": " : "",
                          t->drop_reason ? t->drop_reason : "");
  if (tip)
    g_string_append_printf (tip, "\\ntrace %s → %s: %s", t->from, t->to, line);
  return line;
}
