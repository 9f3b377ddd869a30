/* SPDX-License-Identifier: MIT */
/* runbook.h: writing the results of a run (the runbook of `plan`, the
 * report of `run`) as text, JSON and Markdown. */
#pragma once

#include <stdio.h>
#include <json-glib/json-glib.h>
#include "sim/pp-workflow.h"

G_BEGIN_DECLS

/* The text form of one step: header, note, parameters (when @params),
 * outcome, statuses; reach steps with their trace.  @color: ANSI colours
 * (Idle red, Active green, failures red). */
void pp_runbook_text_step (FILE *out, const PpStepResult *r, gboolean params, gboolean color);

/* Adds the array of steps (member "steps" must already be set) to @b. */
void pp_runbook_json_steps (JsonBuilder *b, const PpRunResult *run);

/* Markdown: one section per step. */
void pp_runbook_markdown_step (FILE *out, const PpStepResult *r);


/* "2026-01-01T00:00:05Z" (transfer full). */
char *pp_runbook_time (gint64 t);

/* The article's words for a status ("not connected" for Idle, "connected"
 * for Active), or NULL. */
const char *pp_runbook_status_gloss (const char *status);

/* Parses --seed with pp_parse_uint(): TRUE and *@seed set when @text is a
 * decimal number of 64 bits (or NULL: *@seed unchanged). */
gboolean pp_runbook_parse_seed (const char *text, guint64 *seed, GError **error);

G_END_DECLS
