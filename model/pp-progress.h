/* SPDX-License-Identifier: MIT */
/* pp-progress.h: progress reports from long-running library work.
 *
 * Library code never prints.  A caller that wants to show progress (the
 * CLI, on a terminal) passes a PpProgressFunc; the library calls it from
 * the thread that called it, a few times a second at most on large inputs
 * and not at all on small ones, and once more at the end of the phase
 * with done == total.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *phase;          /* "reading", "checking", ... (static) */
  const char *what;           /* the input's name, or NULL */
  guint64 done;               /* bytes for "reading", items otherwise */
  guint64 total;              /* the same unit; 0 = unknown */
  guint64 objects;            /* objects read or checked so far */
} PpProgress;

typedef void (*PpProgressFunc) (const PpProgress *progress, gpointer user_data);

G_END_DECLS
