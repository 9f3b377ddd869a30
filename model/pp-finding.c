/* SPDX-License-Identifier: MIT */
/* pp-finding.c: the findings list. */
#include "model/pp-finding.h"
#include "model/pp-enum.h"
#include "model/pp-rules.h"

#include <string.h>

struct _PpFindings {
  GPtrArray *items;             /* PpFinding *, owned */
};

static void
finding_free (PpFinding *f)
{
  g_free (f->message);
  g_free (f->hint);
  g_free (f->file);
  g_strfreev (f->objects);
  g_free (f->trace);
  g_strfreev (f->addresses);
  g_free (f);
}

PpFindings *
pp_findings_new (void)
{
  PpFindings *f = g_new0 (PpFindings, 1);
  f->items = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
  return f;
}

void
pp_findings_free (PpFindings *f)
{
  if (f == NULL)
    return;
  g_ptr_array_unref (f->items);
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
pp_finding_set_severity (PpFinding *finding, PpSeverity severity)
{
  finding->severity = severity;
}

void
pp_findings_take (PpFindings *dest, PpFindings *src)
{
  for (guint i = 0; i < src->items->len; i++)
    g_ptr_array_add (dest->items, g_ptr_array_index (src->items, i));
  g_ptr_array_set_free_func (src->items, NULL);
  g_ptr_array_set_size (src->items, 0);
  g_ptr_array_set_free_func (src->items, (GDestroyNotify) finding_free);
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

PP_ENUM_IMPL (pp_severity, PpSeverity, PP_SEVERITY_LAST, "info", "warning", "error");
