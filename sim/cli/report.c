/* SPDX-License-Identifier: MIT */
/* report.c: findings as text, JSON and SARIF 2.1.0 (json-writer.h), JUnit
 * XML (junit.h) and Markdown. */
#include "sim/cli/report.h"
#include "model/pp-enum.h"
#include "model/pp-rules.h"

#include "sim/cli/junit.h"

#include <string.h>

static const char *const formats[] = {
  [PP_REPORT_TEXT] = "text",
  [PP_REPORT_JSON] = "json",
  [PP_REPORT_JUNIT] = "junit",
  [PP_REPORT_SARIF] = "sarif",
  [PP_REPORT_MARKDOWN] = "markdown",
};
G_STATIC_ASSERT (G_N_ELEMENTS (formats) == PP_REPORT_LAST);

gboolean
pp_report_format_from_string (const char *s, PpReportFormat *out)
{
  int i = pp_enum_from_string (formats, PP_REPORT_LAST, s);

  if (i < 0)
    return FALSE;
  *out = (PpReportFormat) i;
  return TRUE;
}

const char *
pp_report_format_to_string (PpReportFormat f)
{
  return formats[f];
}

PpReportError *
pp_report_error_new (const char *file, const char *message)
{
  PpReportError *e = g_new0 (PpReportError, 1);
  size_t len = strlen (file);
  const char *rest = message;

  e->file = g_strdup (file);
  if (strncmp (message, file, len) == 0 && message[len] == ':')
    {
      const char *p = message + len + 1;
      guint64 line = 0;
      const char *q = p;

      while (g_ascii_isdigit (*q) && line < G_MAXUINT)
        line = line * 10 + (guint64) (*q++ - '0');
      if (q > p && *q == ':' && q[1] == ' ' && line <= G_MAXUINT)
        {
          e->line = (guint) line;
          rest = q + 2;
        }
      else if (*p == ' ')
        rest = p + 1;
    }
  e->message = g_strdup (rest);
  return e;
}

void
pp_report_error_free (PpReportError *e)
{
  if (e == NULL)
    return;
  g_free (e->file);
  g_free (e->message);
  g_free (e);
}

static guint
n_errors (GPtrArray *errors)
{
  return errors != NULL ? errors->len : 0;
}

static int
compare_errors (gconstpointer pa, gconstpointer pb)
{
  const PpReportError *a = *(PpReportError * const *) pa;
  const PpReportError *b = *(PpReportError * const *) pb;
  int c = strcmp (a->file, b->file);

  if (c != 0)
    return c;
  return a->line < b->line ? -1 : a->line > b->line;
}

/* @errors sorted as the findings are (by file, then line), so that text and
 * Markdown show each in its place; the caller owns the array, not its
 * elements. */
static GPtrArray *
sorted_errors (GPtrArray *errors)
{
  GPtrArray *s = g_ptr_array_new ();

  for (guint i = 0; i < n_errors (errors); i++)
    g_ptr_array_add (s, g_ptr_array_index (errors, i));
  g_ptr_array_sort (s, compare_errors);
  return s;
}

/* TRUE when error @e goes before finding @f (at equal place, the error). */
static gboolean
error_first (const PpReportError *e, const PpFinding *f)
{
  int c = g_strcmp0 (e->file, f->file);

  return c < 0 || (c == 0 && e->line <= f->line);
}

static char *
error_where (const PpReportError *e)
{
  return e->line > 0 ? g_strdup_printf ("%s:%u", e->file, e->line) : g_strdup (e->file);
}

gboolean pp_report_show_waived = FALSE;
gboolean pp_report_quiet = FALSE;
guint pp_report_sources_before = 0;

/* "waived" for a <waive>, "baselined" for a baseline entry */
static const char *
suppression_word (PpSuppression s)
{
  return s == PP_SUPPRESSION_EXTERNAL ? "baselined" : "waived";
}

/* ", 2 waived, 1 baselined" when some findings were accepted, else "":
 * the summary lines of text and Markdown. */
static char *
accepted_counts (const PpFindings *fs)
{
  guint waived = pp_findings_count_suppressed (fs, PP_SUPPRESSION_IN_SOURCE);
  guint baselined = pp_findings_count_suppressed (fs, PP_SUPPRESSION_EXTERNAL);
  GString *s = g_string_new (NULL);

  if (waived > 0)
    g_string_append_printf (s, ", %u waived", waived);
  if (baselined > 0)
    g_string_append_printf (s, ", %u baselined", baselined);
  return g_string_free (s, FALSE);
}

/* The sources the findings of a text or Markdown report rest on, each
 * once, numbered in the order they are first referred to; listed at the
 * end of the report (as `cost` lists its prices' sources). */
static guint
source_number (GPtrArray *sources, const char *source)
{
  guint i;

  if (!g_ptr_array_find_with_equal_func (sources, source, g_str_equal, &i))
    {
      g_ptr_array_add (sources, (gpointer) source);
      i = sources->len - 1;
    }
  return pp_report_sources_before + i + 1;
}

static void
text_finding (FILE *out, const PpFinding *f, gboolean color, GPtrArray *sources)
{
  static const char *const colors[] = { "\033[36m", "\033[33m", "\033[31m" };
  g_autofree char *where = f->line > 0 ? g_strdup_printf ("%s:%u", f->file, f->line)
                                       : g_strdup (f->file);

  /* line 0: an imported object, which JSON gives no line for */
  fprintf (out, "%s: %s%s%s%s%s: %s [%s]\n", where,
           f->suppression != PP_SUPPRESSION_NONE ? suppression_word (f->suppression) : "",
           f->suppression != PP_SUPPRESSION_NONE ? " " : "",
           color ? colors[f->severity] : "", pp_severity_to_string (f->severity),
           color ? "\033[0m" : "", f->message, f->rule);
  if (pp_report_quiet)
    return;
  if (f->justification != NULL)
    fprintf (out, "  %s: %s\n", f->suppression == PP_SUPPRESSION_EXTERNAL ? "baseline" : "reason",
             f->justification);
  if (f->hint != NULL)
    fprintf (out, "  hint: %s\n", f->hint);
  if (f->source != NULL)
    fprintf (out, "  source: [%u]\n", source_number (sources, f->source));
  if (f->trace != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (f->trace, "\n", -1);
      for (guint k = 0; lines[k] != NULL; k++)
        if (*lines[k] != '\0')
          fprintf (out, "  | %s\n", lines[k]);
    }
}

/* "sources:" and the numbered list (nothing when there is none). */
static void
write_sources (FILE *out, GPtrArray *sources, gboolean markdown)
{
  if (sources->len == 0)
    return;
  fprintf (out, "%s\n", markdown ? "Sources of the findings:\n" : "sources of the findings:");
  for (guint i = 0; i < sources->len; i++)
    fprintf (out, "%s[%u] %s\n", markdown ? "- " : "  ", pp_report_sources_before + i + 1,
             (const char *) g_ptr_array_index (sources, i));
  if (markdown)
    fputc ('\n', out);
}

/* The summary line of text and Markdown: the counts, the accepted ones,
 * and the files that could not be checked. */
static void
write_counts (FILE *out, const PpFindings *fs, GPtrArray *errors)
{
  g_autofree char *accepted = accepted_counts (fs);

  fprintf (out, "%u error(s), %u warning(s), %u info%s",
           pp_findings_count (fs, PP_SEVERITY_ERROR),
           pp_findings_count (fs, PP_SEVERITY_WARNING),
           pp_findings_count (fs, PP_SEVERITY_INFO), accepted);
  if (n_errors (errors) > 0)
    fprintf (out, "; %u input error(s): file(s) not checked", n_errors (errors));
  fputc ('\n', out);
}

static void
write_text (FILE *out, const PpFindings *fs, GPtrArray *errors, gboolean color)
{
  g_autoptr(GPtrArray) errs = sorted_errors (errors);
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  guint n = pp_findings_len (fs);
  guint ei = 0;

  for (guint i = 0; i <= n; i++)
    {
      /* each input error in its place among the findings (file, line) */
      for (; ei < errs->len && (i == n || error_first (errs->pdata[ei], pp_findings_nth (fs, i))); ei++)
        {
          const PpReportError *e = errs->pdata[ei];
          g_autofree char *at = error_where (e);

          fprintf (out, "%s: %sinput error%s: %s\n", at, color ? "\033[31m" : "",
                   color ? "\033[0m" : "", e->message);
        }
      if (i < n)
        text_finding (out, pp_findings_nth (fs, i), color, sources);
    }
  for (guint i = 0; pp_report_show_waived && i < pp_findings_n_suppressed (fs); i++)
    text_finding (out, pp_findings_nth_suppressed (fs, i), color, sources);
  if (!pp_report_quiet)
    {
      write_sources (out, sources, FALSE);
      write_counts (out, fs, errors);
    }
}

/* One finding as every JSON report writes it. */
static void
json_finding (PpJsonWriter *w, const PpFinding *f)
{
  pp_json_begin_object (w);
  pp_json_member_string (w, "rule", f->rule);
  pp_json_member_string (w, "severity", pp_severity_to_string (f->severity));
  pp_json_member_string (w, "message", f->message);
  pp_json_member_string (w, "file", f->file);
  pp_json_member_int (w, "line", f->line);
  if (f->hint != NULL)
    pp_json_member_string (w, "hint", f->hint);
  if (f->source != NULL)
    pp_json_member_string (w, "source", f->source);
  pp_json_key (w, "objects");
  pp_json_begin_array (w);
  for (guint k = 0; f->objects != NULL && f->objects[k] != NULL; k++)
    pp_json_string (w, f->objects[k]);
  pp_json_end_array (w);
  if (f->subject != NULL)
    pp_json_member_string (w, "subject", f->subject);
  if (f->trace != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (f->trace, "\n", -1);

      pp_json_key (w, "trace");
      pp_json_begin_array (w);
      for (guint k = 0; lines[k] != NULL; k++)
        if (*lines[k] != '\0')
          pp_json_string (w, lines[k]);
      pp_json_end_array (w);
    }
  if (f->suppression != PP_SUPPRESSION_NONE)
    {
      pp_json_key (w, "suppression");
      pp_json_begin_object (w);
      pp_json_member_string (w, "kind", f->suppression == PP_SUPPRESSION_EXTERNAL ? "external" : "inSource");
      pp_json_member_string (w, "justification", f->justification);
      pp_json_end_object (w);
    }
  pp_json_end_object (w);
}

void
pp_report_json_findings (PpJsonWriter *w, const PpFindings *fs)
{
  guint n = pp_findings_len (fs);

  pp_json_begin_array (w);
  for (guint i = 0; i < n; i++)
    json_finding (w, pp_findings_nth (fs, i));
  pp_json_end_array (w);
}

void
pp_report_json_summary (PpJsonWriter *w, const PpFindings *fs)
{
  pp_json_begin_object (w);
  for (guint s = PP_SEVERITY_LAST; s-- > 0;)
    pp_json_member_int (w, pp_severity_to_string ((PpSeverity) s),
                        pp_findings_count (fs, (PpSeverity) s));
  pp_json_member_int (w, "total", pp_findings_len (fs));
  pp_json_member_int (w, "waived", pp_findings_count_suppressed (fs, PP_SUPPRESSION_IN_SOURCE));
  pp_json_member_int (w, "baselined", pp_findings_count_suppressed (fs, PP_SUPPRESSION_EXTERNAL));
  pp_json_end_object (w);
}

void
pp_report_json_waived (PpJsonWriter *w, const PpFindings *fs)
{
  guint n = pp_findings_n_suppressed (fs);

  if (!pp_report_show_waived)
    return;
  pp_json_key (w, "waived");
  pp_json_begin_array (w);
  for (guint i = 0; i < n; i++)
    json_finding (w, pp_findings_nth_suppressed (fs, i));
  pp_json_end_array (w);
}

static void
write_json (FILE *out, const PpFindings *fs, const char * const *files, GPtrArray *errors)
{
  PpJsonWriter w;

  pp_json_writer_init (&w, out);
  pp_json_begin_object (&w);
  pp_json_member_int (&w, "version", 1);
  pp_json_key (&w, "files");
  pp_json_begin_array (&w);
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    pp_json_string (&w, files[i]);
  pp_json_end_array (&w);
  pp_json_key (&w, "errors");
  pp_json_begin_array (&w);
  for (guint i = 0; i < n_errors (errors); i++)
    {
      const PpReportError *e = g_ptr_array_index (errors, i);

      pp_json_begin_object (&w);
      pp_json_member_string (&w, "file", e->file);
      pp_json_member_int (&w, "line", e->line);
      pp_json_member_string (&w, "message", e->message);
      pp_json_end_object (&w);
    }
  pp_json_end_array (&w);
  pp_json_key (&w, "findings");
  pp_report_json_findings (&w, fs);
  pp_report_json_waived (&w, fs);
  pp_json_key (&w, "summary");
  pp_report_json_summary (&w, fs);
  pp_json_end_object (&w);
  pp_json_writer_finish (&w);
}

static const char *
sarif_level (PpSeverity s)
{
  return s == PP_SEVERITY_ERROR ? "error" : s == PP_SEVERITY_WARNING ? "warning" : "note";
}

/* {"text": @text} */
static void
sarif_message (PpJsonWriter *w, const char *name, const char *text)
{
  pp_json_key (w, name);
  pp_json_begin_object (w);
  pp_json_member_string (w, "text", text);
  pp_json_end_object (w);
}

/* A file name as a SARIF uri-reference: percent-encoded but for '/'. */
static void
sarif_uri (PpJsonWriter *w, const char *file)
{
  g_autofree char *uri = g_uri_escape_string (file, "/", FALSE);

  pp_json_member_string (w, "uri", uri);
}

/* "physicalLocation": the file, and its line when there is one. */
static void
sarif_physical_location (PpJsonWriter *w, const char *file, guint line)
{
  pp_json_key (w, "physicalLocation");
  pp_json_begin_object (w);
  pp_json_key (w, "artifactLocation");
  pp_json_begin_object (w);
  sarif_uri (w, file);
  pp_json_end_object (w);
  if (line > 0)
    {
      pp_json_key (w, "region");
      pp_json_begin_object (w);
      pp_json_member_int (w, "startLine", line);
      pp_json_end_object (w);
    }
  pp_json_end_object (w);
}

/* One result of the SARIF run. */
static void
sarif_result (PpJsonWriter *w, const PpFinding *f, const PpRule *rules)
{
  g_autofree char *text = g_strdup_printf ("%s%s%s%s%s%s", f->message,
                                           f->hint ? " (hint: " : "", f->hint ? f->hint : "",
                                           f->hint ? ")" : "",
                                           f->source ? " (source: " : "", f->source ? f->source : "");

  if (f->source != NULL)
    {
      char *t = g_strconcat (text, ")", NULL);

      g_free (text);
      text = t;
    }

  pp_json_begin_object (w);
  pp_json_member_string (w, "ruleId", f->rule);
  pp_json_member_int (w, "ruleIndex", pp_rules_lookup (f->rule) - rules);
  pp_json_member_string (w, "level", sarif_level (f->severity));
  sarif_message (w, "message", text);
  pp_json_key (w, "locations");
  pp_json_begin_array (w);
  pp_json_begin_object (w);
  sarif_physical_location (w, f->file, f->line);
  if (f->addresses != NULL)
    {
      /* Terraform addresses; terraform show -json gives no .tf file or
       * line, so none is invented */
      pp_json_key (w, "logicalLocations");
      pp_json_begin_array (w);
      for (guint k = 0; f->addresses[k] != NULL; k++)
        {
          pp_json_begin_object (w);
          pp_json_member_string (w, "fullyQualifiedName", f->addresses[k]);
          pp_json_member_string (w, "kind", "resource");
          pp_json_end_object (w);
        }
      pp_json_end_array (w);
      sarif_message (w, "message", "imported from Terraform JSON, which gives no .tf file "
                     "or line: the resources are named by address");
    }
  pp_json_end_object (w);
  pp_json_end_array (w);
  if (f->suppression != PP_SUPPRESSION_NONE)
    {
      /* SARIF 2.1.0 3.35: accepted in the scenario (inSource) or by a
       * baseline file (external), with the reason */
      pp_json_key (w, "suppressions");
      pp_json_begin_array (w);
      pp_json_begin_object (w);
      pp_json_member_string (w, "kind", f->suppression == PP_SUPPRESSION_EXTERNAL ? "external" : "inSource");
      pp_json_member_string (w, "status", "accepted");
      pp_json_member_string (w, "justification", f->justification);
      pp_json_end_object (w);
      pp_json_end_array (w);
    }
  if (f->subject != NULL)
    {
      /* SARIF 2.1.0 3.8: a property bag; the object that must change */
      pp_json_key (w, "properties");
      pp_json_begin_object (w);
      pp_json_member_string (w, "subject", f->subject);
      pp_json_end_object (w);
    }
  pp_json_end_object (w);
}

/* The run's one invocation: successful unless a file could not be checked;
 * each such file a toolExecutionNotification at its file:line. */
static void
sarif_invocation (PpJsonWriter *w, GPtrArray *errors)
{
  pp_json_key (w, "invocations");
  pp_json_begin_array (w);
  pp_json_begin_object (w);
  pp_json_member_bool (w, "executionSuccessful", n_errors (errors) == 0);
  pp_json_key (w, "toolExecutionNotifications");
  pp_json_begin_array (w);
  for (guint i = 0; i < n_errors (errors); i++)
    {
      const PpReportError *e = g_ptr_array_index (errors, i);

      pp_json_begin_object (w);
      pp_json_member_string (w, "level", "error");
      sarif_message (w, "message", e->message);
      pp_json_key (w, "locations");
      pp_json_begin_array (w);
      pp_json_begin_object (w);
      sarif_physical_location (w, e->file, e->line);
      pp_json_end_object (w);
      pp_json_end_array (w);
      pp_json_end_object (w);
    }
  pp_json_end_array (w);
  pp_json_end_object (w);
  pp_json_end_array (w);
}

static void
write_sarif (FILE *out, const PpFindings *fs, GPtrArray *errors)
{
  PpJsonWriter w;
  guint n_rules = 0;
  const PpRule *rules = pp_rules_all (&n_rules);
  guint n = pp_findings_len (fs);

  pp_json_writer_init (&w, out);
  pp_json_begin_object (&w);
  pp_json_member_string (&w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  pp_json_member_string (&w, "version", "2.1.0");
  pp_json_key (&w, "runs");
  pp_json_begin_array (&w);
  pp_json_begin_object (&w);
  pp_json_key (&w, "tool");
  pp_json_begin_object (&w);
  pp_json_key (&w, "driver");
  pp_json_begin_object (&w);
  pp_json_member_string (&w, "name", "peerplan");
  pp_json_member_string (&w, "version", PACKAGE_VERSION);
  pp_json_key (&w, "rules");
  pp_json_begin_array (&w);
  for (guint i = 0; i < n_rules; i++)
    {
      pp_json_begin_object (&w);
      pp_json_member_string (&w, "id", rules[i].id);
      sarif_message (&w, "shortDescription", rules[i].summary);
      pp_json_key (&w, "defaultConfiguration");
      pp_json_begin_object (&w);
      pp_json_member_string (&w, "level", sarif_level (rules[i].severity));
      pp_json_end_object (&w);
      pp_json_end_object (&w);
    }
  pp_json_end_array (&w);
  pp_json_end_object (&w);
  pp_json_end_object (&w);
  sarif_invocation (&w, errors);
  pp_json_key (&w, "results");
  pp_json_begin_array (&w);
  for (guint i = 0; i < n; i++)
    sarif_result (&w, pp_findings_nth (fs, i), rules);
  for (guint i = 0; i < pp_findings_n_suppressed (fs); i++)
    sarif_result (&w, pp_findings_nth_suppressed (fs, i), rules);
  pp_json_end_array (&w);
  pp_json_end_object (&w);
  pp_json_end_array (&w);
  pp_json_end_object (&w);
  pp_json_writer_finish (&w);
}

/* The findings of @fs (the suppressed part when @accepted) in @file. */
static guint
count_in_file (const PpFindings *fs, gboolean accepted, const char *file, PpSeverity fail_on,
               guint *failing)
{
  guint n = accepted ? pp_findings_n_suppressed (fs) : pp_findings_len (fs);
  guint in = 0;

  for (guint i = 0; i < n; i++)
    {
      const PpFinding *f = accepted ? pp_findings_nth_suppressed (fs, i) : pp_findings_nth (fs, i);

      if (file != NULL && g_strcmp0 (f->file, file) != 0)
        continue;
      in++;
      if (failing != NULL && f->severity >= fail_on)
        (*failing)++;
    }
  return in;
}

static void
junit_finding (PpJunit *j, const PpFinding *f, PpSeverity fail_on)
{
  g_autofree char *name = g_strdup_printf ("%s at line %u: %s", f->rule, f->line, f->message);
  g_autofree char *text = NULL;
  g_autofree char *why = NULL;
  PpJunitCase c = { f->file, name, NULL, 0, PP_JUNIT_PASSED, f->message, f->rule, NULL, NULL };

  if (f->suppression != PP_SUPPRESSION_NONE)
    {
      /* --show-waived: accepted, so skipped, with the reason */
      c.outcome = PP_JUNIT_SKIPPED;
      c.message = why = g_strdup_printf ("%s: %s", suppression_word (f->suppression), f->justification);
    }
  else if (f->severity >= fail_on)
    {
      c.outcome = PP_JUNIT_FAILED;
      c.text = text = g_strdup_printf ("%s:%u: %s: %s%s%s%s%s%s%s", f->file, f->line,
                                       pp_severity_to_string (f->severity), f->message,
                                       f->hint ? "\nhint: " : "", f->hint ? f->hint : "",
                                       f->source ? "\nsource: " : "", f->source ? f->source : "",
                                       f->trace ? "\n" : "", f->trace ? f->trace : "");
    }
  else
    c.system_out = text = g_strdup_printf ("%s: %s", pp_severity_to_string (f->severity),
                                           f->message);
  pp_junit_case (j, &c);
}

static void
write_junit (FILE *out, const PpFindings *fs, const char * const *files, GPtrArray *errors,
             PpSeverity fail_on)
{
  guint n = pp_findings_len (fs);
  guint ns = pp_report_show_waived ? pp_findings_n_suppressed (fs) : 0;
  PpJunitCounts all = { 0, 0, PP_JUNIT_OMIT, PP_JUNIT_OMIT };
  PpJunit *j;

  count_in_file (fs, FALSE, NULL, fail_on, &all.failures);
  all.tests = MAX (n + ns + n_errors (errors), 1u);
  if (pp_report_show_waived)
    all.skipped = ns;
  if (n_errors (errors) > 0)
    all.errors = n_errors (errors);
  j = pp_junit_new ("peerplan check", &all);
  for (guint fi = 0; files != NULL && files[fi] != NULL; fi++)
    {
      PpJunitCounts suite = { 0, 0, 0, PP_JUNIT_OMIT };
      guint tests = count_in_file (fs, FALSE, files[fi], fail_on, &suite.failures);
      guint skipped = pp_report_show_waived ? count_in_file (fs, TRUE, files[fi], fail_on, NULL) : 0;

      /* a file that could not be checked: an <error> */
      for (guint i = 0; i < n_errors (errors); i++)
        if (strcmp (((const PpReportError *) g_ptr_array_index (errors, i))->file, files[fi]) == 0)
          {
            tests++;
            suite.errors++;
          }
      suite.tests = MAX (tests + skipped, 1u);
      if (pp_report_show_waived)
        suite.skipped = skipped;
      pp_junit_begin_suite (j, files[fi], &suite);
      if (tests + skipped == 0)
        {
          PpJunitCase c = { files[fi], "no findings", NULL, 0, PP_JUNIT_PASSED, NULL, NULL, NULL, NULL };

          pp_junit_case (j, &c);
        }
      for (guint i = 0; i < n_errors (errors); i++)
        {
          const PpReportError *e = g_ptr_array_index (errors, i);
          g_autofree char *name = NULL;
          g_autofree char *text = NULL;
          PpJunitCase c = { e->file, NULL, e->line > 0 ? e->file : NULL, e->line, PP_JUNIT_ERROR,
                            e->message, "input", NULL, NULL };

          if (strcmp (e->file, files[fi]) != 0)
            continue;
          c.name = name = g_strdup_printf ("input error at line %u: %s", e->line, e->message);
          c.text = text = e->line > 0 ? g_strdup_printf ("%s:%u: %s", e->file, e->line, e->message)
                                      : g_strdup_printf ("%s: %s", e->file, e->message);
          pp_junit_case (j, &c);
        }
      for (guint i = 0; i < n; i++)
        if (g_strcmp0 (pp_findings_nth (fs, i)->file, files[fi]) == 0)
          junit_finding (j, pp_findings_nth (fs, i), fail_on);
      for (guint i = 0; i < ns; i++)
        if (g_strcmp0 (pp_findings_nth_suppressed (fs, i)->file, files[fi]) == 0)
          junit_finding (j, pp_findings_nth_suppressed (fs, i), fail_on);
      pp_junit_end_suite (j);
    }
  pp_junit_finish (j, out);
}

/* Text safe inside a Markdown table cell: no column breaks, and no '<' a
 * renderer would take for HTML (hints quote XML elements). */
static char *
md_cell (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 16);

  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '|': g_string_append (out, "\\|"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '&': g_string_append (out, "&amp;"); break;
      case '\n': g_string_append (out, "<br>"); break;
      default: g_string_append_c (out, *p);
      }
  return g_string_free (out, FALSE);
}

static void
md_finding (FILE *out, const PpFinding *f, GPtrArray *sources)
{
  g_autofree char *msg = md_cell (f->message);
  g_autofree char *hint = f->hint ? md_cell (f->hint) : NULL;
  g_autofree char *why = f->justification ? md_cell (f->justification) : NULL;
  g_autofree char *src = f->source ? g_strdup_printf ("<br>source: [%u]", source_number (sources, f->source))
                                   : NULL;

  fprintf (out, "| %s%s%s | `%s` | `%s:%u` | %s%s%s%s%s%s%s |\n",
           why ? suppression_word (f->suppression) : "", why ? " " : "",
           pp_severity_to_string (f->severity), f->rule, f->file, f->line, msg,
           hint ? "<br>hint: " : "", hint ? hint : "", src ? src : "",
           why ? "<br>" : "", why ? (f->suppression == PP_SUPPRESSION_EXTERNAL ? "baseline: " : "reason: ") : "",
           why ? why : "");
}

static void
write_markdown (FILE *out, const PpFindings *fs, GPtrArray *errors)
{
  guint n = pp_findings_len (fs);
  guint ns = pp_report_show_waived ? pp_findings_n_suppressed (fs) : 0;
  g_autoptr(GPtrArray) errs = sorted_errors (errors);
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  guint ei = 0;

  /* A table of headers alone renders as an empty box: say it instead. */
  if (n + ns + errs->len == 0)
    fprintf (out, "No findings.\n");
  else
    fprintf (out, "| severity | rule | where | finding |\n|---|---|---|---|\n");
  for (guint i = 0; i <= n; i++)
    {
      /* each input error in its place among the findings (file, line) */
      for (; ei < errs->len && (i == n || error_first (errs->pdata[ei], pp_findings_nth (fs, i))); ei++)
        {
          const PpReportError *e = errs->pdata[ei];
          g_autofree char *where = error_where (e);
          g_autofree char *text = md_cell (e->message);

          fprintf (out, "| input error | | `%s` | %s |\n", where, text);
        }
      if (i < n)
        md_finding (out, pp_findings_nth (fs, i), sources);
    }
  for (guint i = 0; i < ns; i++)
    md_finding (out, pp_findings_nth_suppressed (fs, i), sources);
  fputc ('\n', out);
  write_sources (out, sources, TRUE);
  write_counts (out, fs, errors);
}

void
pp_report_findings_with_errors (FILE *out, PpReportFormat fmt, const PpFindings *findings,
                                const char * const *files, GPtrArray *errors,
                                PpSeverity fail_on, gboolean color)
{
  switch (fmt)
    {
    case PP_REPORT_TEXT:
      write_text (out, findings, errors, color);
      break;
    case PP_REPORT_JSON:
      write_json (out, findings, files, errors);
      break;
    case PP_REPORT_SARIF:
      write_sarif (out, findings, errors);
      break;
    case PP_REPORT_JUNIT:
      write_junit (out, findings, files, errors, fail_on);
      break;
    case PP_REPORT_MARKDOWN:
    case PP_REPORT_LAST:
    default:
      write_markdown (out, findings, errors);
      break;
    }
}

void
pp_report_findings (FILE *out, PpReportFormat fmt, const PpFindings *findings,
                    const char * const *files, PpSeverity fail_on, gboolean color)
{
  pp_report_findings_with_errors (out, fmt, findings, files, NULL, fail_on, color);
}
