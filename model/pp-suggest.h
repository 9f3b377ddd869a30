/* SPDX-License-Identifier: MIT */
/* pp-suggest.h: "did you mean": the known word nearest a mistyped one.
 *
 * One implementation for every "did you mean" over a list of names (verbs,
 * workflow actions, instance ids): Levenshtein distance, ASCII case
 * ignored.  Returns pointers into the caller's list; nothing is allocated
 * that the caller keeps.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint        pp_edit_distance (const char *a, const char *b);
const char  *pp_suggest       (const char *word, const char *const *candidates);

G_END_DECLS
