/* SPDX-License-Identifier: MIT */
/* pp-render-gv.h: Graphviz plumbing for render/ only: a graph with
 * peerplan's disciplines (creation-order ids, DOT into memory), Graphviz's
 * messages captured, and layout and output.  It knows graphs, not
 * scenarios.
 */
#pragma once

#include <glib.h>
#include <graphviz/gvc.h>
#include "render/pp-render-error.h"

G_BEGIN_DECLS

/* A graph with peerplan's disciplines (creation-order ids, DOT to GString). */
Agraph_t *pp_render_graph_open (const char *name);
/* (transfer full) agwrite() of @g, no layout. */
char     *pp_render_graph_to_dot (Agraph_t *g);

void      pp_render_capture_begin (void);
char     *pp_render_capture_end (void);

/* TRUE if @format is one pp_render_graph_render() accepts ("dot", "svg",
 * "png", "pdf"); otherwise FALSE with PP_RENDER_ERROR_FORMAT (@error may
 * be NULL). */
gboolean  pp_render_graph_check_format (const char *format, GError **error);
/* @g as @format: "dot" without layout (byte-stable), the others laid out
 * by dot in @gvc (NULL: the process's one context). */
GBytes   *pp_render_graph_render (GVC_t *gvc, Agraph_t *g, const char *format, GError **error);

G_END_DECLS
