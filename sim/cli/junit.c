/* SPDX-License-Identifier: MIT */
/* junit.c: JUnit XML through xmlTextWriter (junit.h). */
#include "sim/cli/junit.h"

#include <libxml/xmlwriter.h>

#define X(s) ((const xmlChar *) (s))

struct _PpJunit {
  xmlBufferPtr buf;
  xmlTextWriterPtr w;
};

static void
counts (PpJunit *j, const PpJunitCounts *c)
{
  xmlTextWriterWriteFormatAttribute (j->w, X ("tests"), "%u", c->tests);
  xmlTextWriterWriteFormatAttribute (j->w, X ("failures"), "%u", c->failures);
  if (c->errors != PP_JUNIT_OMIT)
    xmlTextWriterWriteFormatAttribute (j->w, X ("errors"), "%u", c->errors);
  if (c->skipped != PP_JUNIT_OMIT)
    xmlTextWriterWriteFormatAttribute (j->w, X ("skipped"), "%u", c->skipped);
}

PpJunit *
pp_junit_new (const char *name, const PpJunitCounts *c)
{
  PpJunit *j = g_new0 (PpJunit, 1);

  j->buf = xmlBufferCreate ();
  j->w = xmlNewTextWriterMemory (j->buf, 0);
  xmlTextWriterSetIndent (j->w, 1);
  xmlTextWriterSetIndentString (j->w, X ("  "));
  xmlTextWriterStartDocument (j->w, NULL, "UTF-8", NULL);
  xmlTextWriterStartElement (j->w, X ("testsuites"));
  xmlTextWriterWriteAttribute (j->w, X ("name"), X (name));
  counts (j, c);
  return j;
}

void
pp_junit_begin_suite (PpJunit *j, const char *name, const PpJunitCounts *c)
{
  xmlTextWriterStartElement (j->w, X ("testsuite"));
  xmlTextWriterWriteAttribute (j->w, X ("name"), X (name));
  counts (j, c);
}

void
pp_junit_case (PpJunit *j, const PpJunitCase *c)
{
  xmlTextWriterStartElement (j->w, X ("testcase"));
  xmlTextWriterWriteAttribute (j->w, X ("classname"), X (c->classname));
  xmlTextWriterWriteAttribute (j->w, X ("name"), X (c->name));
  if (c->file != NULL)
    {
      xmlTextWriterWriteAttribute (j->w, X ("file"), X (c->file));
      xmlTextWriterWriteFormatAttribute (j->w, X ("line"), "%u", c->line);
    }
  if (c->outcome == PP_JUNIT_FAILED || c->outcome == PP_JUNIT_ERROR)
    {
      xmlTextWriterStartElement (j->w, X (c->outcome == PP_JUNIT_ERROR ? "error" : "failure"));
      xmlTextWriterWriteAttribute (j->w, X ("type"), X (c->type ? c->type : ""));
      xmlTextWriterWriteAttribute (j->w, X ("message"), X (c->message ? c->message : ""));
      xmlTextWriterWriteString (j->w, X (c->text ? c->text : ""));
      xmlTextWriterEndElement (j->w);
    }
  else if (c->outcome == PP_JUNIT_SKIPPED)
    {
      xmlTextWriterStartElement (j->w, X ("skipped"));
      xmlTextWriterWriteAttribute (j->w, X ("message"), X (c->message ? c->message : ""));
      xmlTextWriterEndElement (j->w);
    }
  if (c->system_out != NULL)
    xmlTextWriterWriteElement (j->w, X ("system-out"), X (c->system_out));
  xmlTextWriterEndElement (j->w);
}

void
pp_junit_end_suite (PpJunit *j)
{
  xmlTextWriterEndElement (j->w);
}

void
pp_junit_finish (PpJunit *j, FILE *out)
{
  xmlTextWriterEndElement (j->w);
  xmlTextWriterEndDocument (j->w);
  xmlFreeTextWriter (j->w);
  fwrite (xmlBufferContent (j->buf), 1, (size_t) xmlBufferLength (j->buf), out);
  xmlBufferFree (j->buf);
  g_free (j);
}
