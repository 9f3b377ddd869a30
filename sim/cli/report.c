/* SPDX-License-Identifier: MIT */
/* report.c: findings as text, JSON (json-glib), SARIF 2.1.0 (json-glib),
 * JUnit XML (libxml2's xmlTextWriter) and Markdown. */
#include "sim/cli/report.h"
#include "model/pp-enum.h"
#include "model/pp-rules.h"

#include <json-glib/json-glib.h>
#include <libxml/xmlwriter.h>
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

static void
write_text (FILE *out, const PpFindings *fs, gboolean color)
{
  static const char *const colors[] = { "\033[36m", "\033[33m", "\033[31m" };
  guint n = pp_findings_len (fs);

  for (guint i = 0; i < n; i++)
    {
      const PpFinding *f = pp_findings_nth (fs, i);

      fprintf (out, "%s:%u: %s%s%s: %s [%s]\n", f->file, f->line,
               color ? colors[f->severity] : "", pp_severity_to_string (f->severity),
               color ? "\033[0m" : "", f->message, f->rule);
      if (f->hint != NULL)
        fprintf (out, "  hint: %s\n", f->hint);
      if (f->trace != NULL)
        {
          g_auto(GStrv) lines = g_strsplit (f->trace, "\n", -1);
          for (guint k = 0; lines[k] != NULL; k++)
            if (*lines[k] != '\0')
              fprintf (out, "  | %s\n", lines[k]);
        }
    }
  fprintf (out, "%u error(s), %u warning(s), %u info\n",
           pp_findings_count (fs, PP_SEVERITY_ERROR),
           pp_findings_count (fs, PP_SEVERITY_WARNING),
           pp_findings_count (fs, PP_SEVERITY_INFO));
}

void
pp_report_write_json (FILE *out, JsonNode *root)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  fprintf (out, "%s\n", text);
}

static void
write_json (FILE *out, const PpFindings *fs, const char * const *files)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = pp_findings_len (fs);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "files");
  json_builder_begin_array (b);
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    json_builder_add_string_value (b, files[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      const PpFinding *f = pp_findings_nth (fs, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rule");
      json_builder_add_string_value (b, f->rule);
      json_builder_set_member_name (b, "severity");
      json_builder_add_string_value (b, pp_severity_to_string (f->severity));
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, f->message);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, f->file);
      json_builder_set_member_name (b, "line");
      json_builder_add_int_value (b, f->line);
      if (f->hint != NULL)
        {
          json_builder_set_member_name (b, "hint");
          json_builder_add_string_value (b, f->hint);
        }
      json_builder_set_member_name (b, "objects");
      json_builder_begin_array (b);
      for (guint k = 0; f->objects[k] != NULL; k++)
        json_builder_add_string_value (b, f->objects[k]);
      json_builder_end_array (b);
      if (f->trace != NULL)
        {
          g_auto(GStrv) lines = g_strsplit (f->trace, "\n", -1);
          json_builder_set_member_name (b, "trace");
          json_builder_begin_array (b);
          for (guint k = 0; lines[k] != NULL; k++)
            if (*lines[k] != '\0')
              json_builder_add_string_value (b, lines[k]);
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "summary");
  json_builder_begin_object (b);
  for (guint s = PP_SEVERITY_LAST; s-- > 0;)
    {
      json_builder_set_member_name (b, pp_severity_to_string ((PpSeverity) s));
      json_builder_add_int_value (b, pp_findings_count (fs, (PpSeverity) s));
    }
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, n);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  pp_report_write_json (out, root);
}

static const char *
sarif_level (PpSeverity s)
{
  return s == PP_SEVERITY_ERROR ? "error" : s == PP_SEVERITY_WARNING ? "warning" : "note";
}

static void
write_sarif (FILE *out, const PpFindings *fs)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n_rules = 0;
  const PpRule *rules = pp_rules_all (&n_rules);
  guint n = pp_findings_len (fs);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "$schema");
  json_builder_add_string_value (b, "https://json.schemastore.org/sarif-2.1.0.json");
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, "2.1.0");
  json_builder_set_member_name (b, "runs");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "tool");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "driver");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "peerplan");
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  json_builder_set_member_name (b, "rules");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_rules; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, rules[i].id);
      json_builder_set_member_name (b, "shortDescription");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, rules[i].summary);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "defaultConfiguration");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "level");
      json_builder_add_string_value (b, sarif_level (rules[i].severity));
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      const PpFinding *f = pp_findings_nth (fs, i);
      g_autofree char *text = f->hint != NULL ? g_strdup_printf ("%s (hint: %s)", f->message, f->hint)
                                              : g_strdup (f->message);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "ruleId");
      json_builder_add_string_value (b, f->rule);
      json_builder_set_member_name (b, "ruleIndex");
      json_builder_add_int_value (b, pp_rules_lookup (f->rule) - rules);
      json_builder_set_member_name (b, "level");
      json_builder_add_string_value (b, sarif_level (f->severity));
      json_builder_set_member_name (b, "message");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, text);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "locations");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "physicalLocation");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "artifactLocation");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "uri");
      json_builder_add_string_value (b, f->file);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "region");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "startLine");
      json_builder_add_int_value (b, MAX (f->line, 1));
      json_builder_end_object (b);
      json_builder_end_object (b);
      json_builder_end_object (b);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  pp_report_write_json (out, root);
}

#define W(x) ((const xmlChar *) (x))

static void
write_junit (FILE *out, const PpFindings *fs, const char * const *files, PpSeverity fail_on)
{
  xmlBufferPtr buf = xmlBufferCreate ();
  xmlTextWriterPtr w = xmlNewTextWriterMemory (buf, 0);
  guint n = pp_findings_len (fs);
  guint failures = 0;

  for (guint i = 0; i < n; i++)
    if (pp_findings_nth (fs, i)->severity >= fail_on)
      failures++;

  xmlTextWriterSetIndent (w, 1);
  xmlTextWriterSetIndentString (w, W ("  "));
  xmlTextWriterStartDocument (w, NULL, "UTF-8", NULL);
  xmlTextWriterStartElement (w, W ("testsuites"));
  xmlTextWriterWriteAttribute (w, W ("name"), W ("peerplan check"));
  xmlTextWriterWriteFormatAttribute (w, W ("tests"), "%u", MAX (n, 1u));
  xmlTextWriterWriteFormatAttribute (w, W ("failures"), "%u", failures);
  for (guint fi = 0; files != NULL && files[fi] != NULL; fi++)
    {
      guint tests = 0, fails = 0;

      for (guint i = 0; i < n; i++)
        if (g_strcmp0 (pp_findings_nth (fs, i)->file, files[fi]) == 0)
          {
            tests++;
            if (pp_findings_nth (fs, i)->severity >= fail_on)
              fails++;
          }
      xmlTextWriterStartElement (w, W ("testsuite"));
      xmlTextWriterWriteAttribute (w, W ("name"), W (files[fi]));
      xmlTextWriterWriteFormatAttribute (w, W ("tests"), "%u", MAX (tests, 1u));
      xmlTextWriterWriteFormatAttribute (w, W ("failures"), "%u", fails);
      xmlTextWriterWriteAttribute (w, W ("errors"), W ("0"));
      if (tests == 0)
        {
          xmlTextWriterStartElement (w, W ("testcase"));
          xmlTextWriterWriteAttribute (w, W ("classname"), W (files[fi]));
          xmlTextWriterWriteAttribute (w, W ("name"), W ("no findings"));
          xmlTextWriterEndElement (w);
        }
      for (guint i = 0; i < n; i++)
        {
          const PpFinding *f = pp_findings_nth (fs, i);
          g_autofree char *name = NULL;

          if (g_strcmp0 (f->file, files[fi]) != 0)
            continue;
          name = g_strdup_printf ("%s at line %u: %s", f->rule, f->line, f->message);
          xmlTextWriterStartElement (w, W ("testcase"));
          xmlTextWriterWriteAttribute (w, W ("classname"), W (f->file));
          xmlTextWriterWriteAttribute (w, W ("name"), W (name));
          if (f->severity >= fail_on)
            {
              g_autofree char *body = g_strdup_printf ("%s:%u: %s: %s%s%s%s%s", f->file, f->line,
                                                       pp_severity_to_string (f->severity), f->message,
                                                       f->hint ? "\nhint: " : "", f->hint ? f->hint : "",
                                                       f->trace ? "\n" : "", f->trace ? f->trace : "");
              xmlTextWriterStartElement (w, W ("failure"));
              xmlTextWriterWriteAttribute (w, W ("type"), W (f->rule));
              xmlTextWriterWriteAttribute (w, W ("message"), W (f->message));
              xmlTextWriterWriteString (w, W (body));
              xmlTextWriterEndElement (w);
            }
          else
            {
              g_autofree char *body = g_strdup_printf ("%s: %s", pp_severity_to_string (f->severity), f->message);
              xmlTextWriterWriteElement (w, W ("system-out"), W (body));
            }
          xmlTextWriterEndElement (w);
        }
      xmlTextWriterEndElement (w);
    }
  xmlTextWriterEndElement (w);
  xmlTextWriterEndDocument (w);
  xmlFreeTextWriter (w);
  fwrite (xmlBufferContent (buf), 1, (size_t) xmlBufferLength (buf), out);
  xmlBufferFree (buf);
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
write_markdown (FILE *out, const PpFindings *fs)
{
  guint n = pp_findings_len (fs);

  /* A table of headers alone renders as an empty box: say it instead. */
  if (n == 0)
    fprintf (out, "No findings.\n");
  else
    fprintf (out, "| severity | rule | where | finding |\n|---|---|---|---|\n");
  for (guint i = 0; i < n; i++)
    {
      const PpFinding *f = pp_findings_nth (fs, i);
      g_autofree char *msg = md_cell (f->message);
      g_autofree char *hint = f->hint ? md_cell (f->hint) : NULL;

      fprintf (out, "| %s | `%s` | `%s:%u` | %s%s%s |\n", pp_severity_to_string (f->severity),
               f->rule, f->file, f->line, msg, hint ? "<br>hint: " : "", hint ? hint : "");
    }
  fprintf (out, "\n%u error(s), %u warning(s), %u info\n",
           pp_findings_count (fs, PP_SEVERITY_ERROR),
           pp_findings_count (fs, PP_SEVERITY_WARNING),
           pp_findings_count (fs, PP_SEVERITY_INFO));
}

void
pp_report_findings (FILE *out, PpReportFormat fmt, const PpFindings *findings,
                    const char * const *files, PpSeverity fail_on, gboolean color)
{
  switch (fmt)
    {
    case PP_REPORT_TEXT:
      write_text (out, findings, color);
      break;
    case PP_REPORT_JSON:
      write_json (out, findings, files);
      break;
    case PP_REPORT_SARIF:
      write_sarif (out, findings);
      break;
    case PP_REPORT_JUNIT:
      write_junit (out, findings, files, fail_on);
      break;
    case PP_REPORT_MARKDOWN:
    case PP_REPORT_LAST:
    default:
      write_markdown (out, findings);
      break;
    }
}
