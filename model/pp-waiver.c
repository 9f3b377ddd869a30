/* SPDX-License-Identifier: MIT */
/* pp-waiver.c: <waive> applied to findings (pp-waiver.h). */
#include "model/pp-waiver.h"
#include "model/pp-date.h"
#include "model/pp-suggest.h"

#include <string.h>

typedef struct {
  const PpScenario *sc;
  gboolean *used;               /* per waiver */
  gboolean *expired;            /* per waiver */
} Apply;

static gboolean
names_object (const PpFinding *f, const char *object)
{
  for (guint k = 0; f->objects != NULL && f->objects[k] != NULL; k++)
    if (g_str_equal (f->objects[k], object))
      return TRUE;
  return FALSE;
}

static const char *
accept (const PpFinding *f, gpointer data)
{
  Apply *a = data;
  const char *reason = NULL;

  /* every waiver that matches is used, so that none of two overlapping
   * waivers is reported unused; the first one's reason is kept */
  for (guint i = 0; i < a->sc->waivers->len; i++)
    {
      const PpWaiver *w = &g_array_index (a->sc->waivers, PpWaiver, i);

      if (a->expired[i] || w->rule != f->rule
          || (w->object != NULL && !names_object (f, w->object)))
        continue;
      a->used[i] = TRUE;
      if (reason == NULL)
        reason = w->reason;
    }
  return reason;
}

/* The objects the findings of @rule name (from @from on), NULL-terminated
 * and borrowed from @f: the candidates of a "did you mean". */
static GPtrArray *
objects_of_rule (const PpFindings *f, guint from, const char *rule)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = from; i < pp_findings_len (f); i++)
    {
      const PpFinding *fi = pp_findings_nth (f, i);

      if (fi->rule != rule)
        continue;
      for (guint k = 0; fi->objects != NULL && fi->objects[k] != NULL; k++)
        g_ptr_array_add (out, fi->objects[k]);
    }
  g_ptr_array_add (out, NULL);
  return out;
}

void
pp_waivers_apply (const PpScenario *sc, PpFindings *f, guint from, const GDate *today)
{
  guint n = sc->waivers->len;
  g_autofree gboolean *used = g_new0 (gboolean, n);
  g_autofree gboolean *expired = g_new0 (gboolean, n);
  Apply a = { sc, used, expired };

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      const PpWaiver *w = &g_array_index (sc->waivers, PpWaiver, i);

      expired[i] = w->has_until && g_date_compare (today, &w->until) > 0;
    }
  pp_findings_suppress (f, from, PP_SUPPRESSION_IN_SOURCE, accept, &a);

  for (guint i = 0; i < n; i++)
    {
      const PpWaiver *w = &g_array_index (sc->waivers, PpWaiver, i);
      const char *objects[] = { w->object, NULL };
      g_autofree char *what = w->object != NULL
        ? g_strdup_printf ("the waiver of %s on '%s'", w->rule, w->object)
        : g_strdup_printf ("the waiver of every %s finding", w->rule);
      char until[11];
      PpFinding *fi;

      if (expired[i])
        {
          fi = pp_findings_add (f, "waiver-expired", sc->file, w->line, objects,
                                "%s expired on %s: its findings count again (reason given: %s)",
                                what, pp_date_to_iso (&w->until, until), w->reason);
          pp_finding_set_hint (fi, "fix what it waived, or review it again and move until forward");
        }
      else if (!used[i])
        {
          g_autoptr(GPtrArray) names = w->object != NULL ? objects_of_rule (f, from, w->rule) : NULL;
          const char *near = names != NULL ? pp_suggest (w->object, (const char * const *) names->pdata) : NULL;

          fi = pp_findings_add (f, "waiver-unused", sc->file, w->line, objects,
                                "%s matches no finding", what);
          if (near != NULL)
            pp_finding_set_hint (fi, "%s findings name '%s'; did you mean object=\"%s\"?",
                                 w->rule, near, near);
          else
            pp_finding_set_hint (fi, "if what it waived was fixed, remove the <waive>; else correct its rule or object");
        }
    }
}
