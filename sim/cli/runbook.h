/* SPDX-License-Identifier: MIT */
/* runbook.h: writing the results of a run (the runbook of `plan`, the
 * report of `run`) as text, JSON, Markdown and JUnit. */
#pragma once

#include <stdio.h>
#include "sim/cli/json-writer.h"
#include "sim/pp-workflow.h"

G_BEGIN_DECLS

/* The text form of one step: header, note, parameters (when @params),
 * outcome, statuses; reach steps with their trace.  @color: ANSI colours
 * (Idle red, Active green, failures red). */
void pp_runbook_text_step (FILE *out, const PpStepResult *r, gboolean params, gboolean color);
/* The same appended to @out: a caller that writes a million steps keeps
 * one buffer for all of them. */
void pp_runbook_text_step_append (GString *out, const PpStepResult *r, gboolean params,
                                  gboolean color);

/* Writes the array of steps as the next value of @w (after the key
 * "steps"). */
void pp_runbook_json_steps (PpJsonWriter *w, const PpRunResult *run);
/* One step of that array, as the next value of @w (a runbook that streams). */
void pp_runbook_json_step (PpJsonWriter *w, const PpStepResult *r);

/* The same appended to @out as an element of a plan's runbook, whose
 * "steps" array is a member of the root object: after a comma unless it
 * is step 1 (the writer of steps puts steps together apart). */
void pp_runbook_json_step_append (GString *out, const PpStepResult *r);

/* Markdown: one section per step. */
void pp_runbook_markdown_step (FILE *out, const PpStepResult *r);
/* The same appended to @out. */
void pp_runbook_markdown_step_append (GString *out, const PpStepResult *r);

/* JUnit: one test case per step of @run, which replayed the workflow
 * @file; a failed step is a <failure> typed with the API error code (or
 * "expectation"), a skipped one <skipped>, a trace the <system-out>. */
void pp_runbook_junit (FILE *out, const char *file, const PpRunResult *run);


/* "2026-01-01T00:00:05Z" (transfer full). */
char *pp_runbook_time (gint64 t);

/* The article's words for a status ("not connected" for Idle, "connected"
 * for Active), or NULL. */
const char *pp_runbook_status_gloss (const char *status);

/* Parses --seed with pp_parse_uint(): TRUE and *@seed set when @text is a
 * decimal number of 64 bits (or NULL: *@seed unchanged). */
gboolean pp_runbook_parse_seed (const char *text, guint64 *seed, GError **error);

G_END_DECLS
