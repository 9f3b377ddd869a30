/* SPDX-License-Identifier: MIT */
/* step-writer.h: a runbook's steps written on a thread of their own.
 *
 * A plan of an estate runs one step per route (1.6 million on the
 * largest benchmark) and its text runbook is about eight times the size
 * of the scenario; putting each step's text together was a tenth of the
 * plan's time, on the one core the plan runs on.  The writer takes the
 * steps in order: a route step as its brief (pp_plan_scenario_stream_routes(),
 * a copy of a few strings), written on the writer's thread from a view of
 * the scenario (pp_plan_route_view()); any other step as its text, put
 * together by the caller.  What reaches @out is the same, byte for byte,
 * as writing each step with pp_runbook_text_step(), or with the format
 * the writer was made with (JSON, Markdown, a workflow).
 *
 * Usage: pp_step_writer_new(), then steps and text in order, then
 * pp_step_writer_finish() before anything else writes to @out.  The
 * caller's side is for one thread.
 */
#pragma once

#include <glib.h>
#include <stdio.h>
#include "sim/pp-planner.h"

G_BEGIN_DECLS

typedef struct _PpStepWriter PpStepWriter;

/* A writer of steps to @out (borrowed; nothing else may write to it until
 * pp_step_writer_finish()), route steps made again from @sc (borrowed,
 * only read), with ANSI colours when @color.  NULL with @error when no
 * thread can be made: the caller then writes the steps itself. */
PpStepWriter *pp_step_writer_new (FILE *out, const PpScenario *sc, gboolean color, GError **error);
/* How a step is put together: appended to @out.  It runs on both sides
 * (the caller's steps there, the route steps on the writer's thread), so
 * it reads @r and @data alone. */
typedef void (*PpStepFormatFunc) (GString *out, const PpStepResult *r, gpointer data);
/* A runbook's step in each format: text (@data: GINT_TO_POINTER() of
 * the colours), an element of the JSON runbook's steps
 * (pp_runbook_json_step_append()), Markdown, a workflow's <call> or
 * <wait> (pp_workflow_xml_step()); @data NULL but for text. */
void pp_step_format_text (GString *out, const PpStepResult *r, gpointer data);
void pp_step_format_json (GString *out, const PpStepResult *r, gpointer data);
void pp_step_format_markdown (GString *out, const PpStepResult *r, gpointer data);
void pp_step_format_workflow (GString *out, const PpStepResult *r, gpointer data);
/* The same with the steps put together by @format (@data borrowed, for
 * as long as the writer), e.g. one of the above. */
PpStepWriter *pp_step_writer_new_format (FILE *out, const PpScenario *sc, PpStepFormatFunc format,
                                         gpointer data, GError **error);
/* @len bytes of @text, as they are. */
void          pp_step_writer_text (PpStepWriter *w, const char *text, gsize len);
/* @r, put together here (pp_runbook_text_step_append(), or the format's). */
void          pp_step_writer_step (PpStepWriter *w, const PpStepResult *r);
/* The route step @route stands for (its strings copied). */
void          pp_step_writer_route (PpStepWriter *w, const PpPlanRoute *route);
/* What writes a part of the runbook on the writer's thread, to @out,
 * everything before it written. */
typedef void (*PpStepWriterFunc) (FILE *out, gpointer data);
/* Calls @func with @data on the writer's thread when it gets there:
 * @data (borrowed) must stay until pp_step_writer_finish() and not change
 * meanwhile. */
void          pp_step_writer_call (PpStepWriter *w, PpStepWriterFunc func, gpointer data);
/* Hands over what waits here, for the writer to write while this side
 * does something else. */
void          pp_step_writer_flush (PpStepWriter *w);
/* Waits until everything is written, then ends the thread and frees @w
 * (nullable). */
void          pp_step_writer_finish (PpStepWriter *w);

G_END_DECLS
