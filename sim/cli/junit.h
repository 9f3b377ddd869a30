/* SPDX-License-Identifier: MIT */
/* junit.h: the one JUnit XML writer (the findings of `check`, the steps
 * of `run`), through libxml2's xmlTextWriter, which escapes every
 * attribute and text.
 *
 * The document: <testsuites> with the counts, one <testsuite> per file,
 * one <testcase> per finding or step, holding a <failure>, <error> or
 * <skipped> when it did not pass and a <system-out> when there is more to say.
 * Counts given as PP_JUNIT_OMIT are left out.
 */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

#define PP_JUNIT_OMIT G_MAXUINT

typedef struct {
  guint tests;
  guint failures;
  guint errors;               /* PP_JUNIT_OMIT: not written */
  guint skipped;              /* PP_JUNIT_OMIT: not written */
} PpJunitCounts;

typedef enum {
  PP_JUNIT_PASSED,
  PP_JUNIT_FAILED,
  PP_JUNIT_SKIPPED,
  PP_JUNIT_ERROR,             /* could not be run: an <error> */
} PpJunitOutcome;

typedef struct {
  const char *classname;
  const char *name;
  const char *file;           /* NULL: no file and line attributes */
  guint line;
  PpJunitOutcome outcome;
  const char *message;        /* of the <failure>, <error> or <skipped> */
  const char *type;           /* of the <failure> or <error> */
  const char *text;           /* the <failure>'s or <error>'s text */
  const char *system_out;     /* NULL: none */
} PpJunitCase;

typedef struct _PpJunit PpJunit;

/* Starts the document: <testsuites name=@name> with @counts. */
PpJunit *pp_junit_new (const char *name, const PpJunitCounts *counts);
void     pp_junit_begin_suite (PpJunit *j, const char *name, const PpJunitCounts *counts);
void     pp_junit_case (PpJunit *j, const PpJunitCase *c);
void     pp_junit_end_suite (PpJunit *j);
/* Ends the document, writes it to @out and frees @j. */
void     pp_junit_finish (PpJunit *j, FILE *out);

G_END_DECLS
