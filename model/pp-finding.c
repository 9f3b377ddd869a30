/* SPDX-License-Identifier: MIT */
/* pp-finding.c: the findings list. */
#include "model/pp-finding.h"
#include "model/pp-enum.h"
#include "model/pp-rules.h"

#include <string.h>

struct _PpFindings {
  GPtrArray *items;             /* PpFinding *, owned */
  GPtrArray *suppressed;        /* PpFinding *, owned: accepted ones */
};

static void
finding_free (PpFinding *f)
{
  g_free (f->message);
  g_free (f->hint);
  g_free (f->file);
  g_strfreev (f->objects);
  g_free (f->subject);
  g_free (f->source);
  g_free (f->trace);
  g_strfreev (f->addresses);
  g_free (f->justification);
  g_free (f);
}

PpFindings *
pp_findings_new (void)
{
  PpFindings *f = g_new0 (PpFindings, 1);
  f->items = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
  f->suppressed = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
  return f;
}

void
pp_findings_free (PpFindings *f)
{
  if (f == NULL)
    return;
  g_ptr_array_unref (f->items);
  g_ptr_array_unref (f->suppressed);
  g_free (f);
}

PpFinding *
pp_findings_add (PpFindings *f, const char *rule, const char *file, guint line,
                 const char * const *objects, const char *format, ...)
{
  const PpRule *r = pp_rules_lookup (rule);
  PpFinding *fi;
  va_list ap;

  g_return_val_if_fail (r != NULL, NULL);

  fi = g_new0 (PpFinding, 1);
  fi->rule = r->id;
  fi->severity = r->severity;
  fi->file = g_strdup (file);
  fi->line = line;
  fi->objects = g_strdupv ((char **) objects);
  if (fi->objects == NULL)
    fi->objects = g_new0 (char *, 1);
  va_start (ap, format);
  fi->message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_ptr_array_add (f->items, fi);
  return fi;
}

void
pp_finding_set_hint (PpFinding *finding, const char *format, ...)
{
  va_list ap;

  g_free (finding->hint);
  va_start (ap, format);
  finding->hint = g_strdup_vprintf (format, ap);
  va_end (ap);
}

void
pp_finding_set_addresses (PpFinding *finding, const char * const *addresses)
{
  g_strfreev (finding->addresses);
  finding->addresses = addresses != NULL ? g_strdupv ((GStrv) addresses) : NULL;
}

void
pp_finding_append_message (PpFinding *finding, const char *text)
{
  char *m = g_strconcat (finding->message, text, NULL);

  g_free (finding->message);
  finding->message = m;
}

void
pp_finding_set_trace (PpFinding *finding, const char *trace)
{
  g_free (finding->trace);
  finding->trace = g_strdup (trace);
}

void
pp_finding_set_source (PpFinding *finding, const char *source)
{
  g_free (finding->source);
  finding->source = g_strdup (source);
}

void
pp_finding_set_subject (PpFinding *finding, const char *id)
{
  g_free (finding->subject);
  finding->subject = g_strdup (id);
}

void
pp_finding_set_severity (PpFinding *finding, PpSeverity severity)
{
  finding->severity = severity;
}

/* Moves every pointer of @src to the end of @dest; @src is left empty. */
static void
move_all (GPtrArray *dest, GPtrArray *src)
{
  for (guint i = 0; i < src->len; i++)
    g_ptr_array_add (dest, g_ptr_array_index (src, i));
  g_ptr_array_set_free_func (src, NULL);
  g_ptr_array_set_size (src, 0);
  g_ptr_array_set_free_func (src, (GDestroyNotify) finding_free);
}

void
pp_findings_take (PpFindings *dest, PpFindings *src)
{
  move_all (dest->items, src->items);
  move_all (dest->suppressed, src->suppressed);
}

static int
compare_findings (gconstpointer pa, gconstpointer pb)
{
  const PpFinding *a = *(PpFinding * const *) pa;
  const PpFinding *b = *(PpFinding * const *) pb;
  int c;

  if ((c = g_strcmp0 (a->file, b->file)) != 0)
    return c;
  if (a->line != b->line)
    return a->line < b->line ? -1 : 1;
  if ((c = strcmp (a->rule, b->rule)) != 0)
    return c;
  return g_strcmp0 (a->message, b->message);
}

void
pp_findings_sort (PpFindings *f)
{
  g_ptr_array_sort (f->items, compare_findings);
  g_ptr_array_sort (f->suppressed, compare_findings);
}

guint
pp_findings_len (const PpFindings *f)
{
  return f->items->len;
}

const PpFinding *
pp_findings_nth (const PpFindings *f, guint i)
{
  g_return_val_if_fail (i < f->items->len, NULL);
  return g_ptr_array_index (f->items, i);
}

guint
pp_findings_count (const PpFindings *f, PpSeverity severity)
{
  guint n = 0;

  for (guint i = 0; i < f->items->len; i++)
    if (((PpFinding *) g_ptr_array_index (f->items, i))->severity == severity)
      n++;
  return n;
}

gboolean
pp_findings_any_at_least (const PpFindings *f, PpSeverity severity)
{
  for (guint i = 0; i < f->items->len; i++)
    if (((PpFinding *) g_ptr_array_index (f->items, i))->severity >= severity)
      return TRUE;
  return FALSE;
}

guint
pp_findings_suppress (PpFindings *f, guint from, PpSuppression kind,
                      PpFindingAccept accept, gpointer data)
{
  guint kept = from;
  guint moved = 0;

  g_return_val_if_fail (kind != PP_SUPPRESSION_NONE, 0);
  /* one pass, compacting in place: linear whatever the share accepted */
  for (guint i = from; i < f->items->len; i++)
    {
      PpFinding *fi = g_ptr_array_index (f->items, i);
      const char *why = accept (fi, data);

      if (why == NULL)
        {
          f->items->pdata[kept++] = fi;
          continue;
        }
      fi->suppression = kind;
      fi->justification = g_strdup (why);
      g_ptr_array_add (f->suppressed, fi);
      moved++;
    }
  g_ptr_array_set_free_func (f->items, NULL);
  g_ptr_array_set_size (f->items, kept);
  g_ptr_array_set_free_func (f->items, (GDestroyNotify) finding_free);
  return moved;
}

guint
pp_findings_n_suppressed (const PpFindings *f)
{
  return f->suppressed->len;
}

const PpFinding *
pp_findings_nth_suppressed (const PpFindings *f, guint i)
{
  g_return_val_if_fail (i < f->suppressed->len, NULL);
  return g_ptr_array_index (f->suppressed, i);
}

guint
pp_findings_count_suppressed (const PpFindings *f, PpSuppression kind)
{
  guint n = 0;

  for (guint i = 0; i < f->suppressed->len; i++)
    if (((PpFinding *) g_ptr_array_index (f->suppressed, i))->suppression == kind)
      n++;
  return n;
}

PP_ENUM_IMPL (pp_severity, PpSeverity, PP_SEVERITY_LAST, "info", "warning", "error");
