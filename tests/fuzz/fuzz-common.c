/* SPDX-License-Identifier: MIT */
/* fuzz-common.c: helpers of the fuzz targets (fuzz.h). */
#include "tests/fuzz/fuzz.h"

#include <string.h>

/* A fatal GLib log ends in G_BREAKPOINT (SIGTRAP), which libFuzzer does
 * not catch: the process died without saving the input.  Abort instead
 * (SIGABRT), after printing the message, so that the input is kept. */
static GLogWriterOutput
abort_on_critical (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_log_writer_standard_streams (level, fields, n_fields, data);
      abort ();
    }
  return g_log_writer_default (level, fields, n_fields, data);
}

void
pp_fuzz_init (void)
{
  g_log_set_writer_func (abort_on_critical, NULL, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("LC_ALL", "C", TRUE);
}


void
pp_fuzz_findings_lines (const PpFindings *findings, GString *out)
{
  for (guint i = 0; i < pp_findings_len (findings); i++)
    {
      const PpFinding *f = pp_findings_nth (findings, i);

      PP_FUZZ_CHECK (f->rule != NULL && f->message != NULL && f->file != NULL);
      g_string_append_printf (out, "%s %s\n", f->rule, pp_severity_to_string (f->severity));
    }
}

static int
compare_strings (const void *a, const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

char *
pp_fuzz_sorted_lines (const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  qsort (lines, g_strv_length (lines), sizeof (char *), compare_strings);
  return g_strjoinv ("\n", lines);
}
