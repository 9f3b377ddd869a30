/* SPDX-License-Identifier: MIT */
/* pp-render-private.h: what the files of render/ share, and nobody else. */
#pragma once

#include "render/pp-render.h"

G_BEGIN_DECLS

/* A graph with peerplan's disciplines (creation-order ids, DOT to GString). */
Agraph_t *pp_render_graph_open (const char *name);
/* (transfer full) agwrite() of @g, no layout. */
char     *pp_render_graph_to_dot (Agraph_t *g);

void      pp_render_capture_begin (void);
char     *pp_render_capture_end (void);

G_END_DECLS
