/* SPDX-License-Identifier: MIT */
/* pp-workflow-private.h: what the workflow files (pp-workflow*.c) share:
 * the `${NAME.Field}` references.  Not for use outside them.
 */
#pragma once

#include "sim/pp-workflow.h"

G_BEGIN_DECLS

/* Is @name something a reference may read? */
typedef gboolean (*PpRefKnownFunc) (const char *name, gpointer data);

/* Splits the inside of `${...}` into NAME and Field: the longest NAME
 * (ids may hold dots) that @known accepts.  FALSE when none does; then
 * *name gets the part before the first dot, for messages. */
gboolean pp_workflow_split_ref (const char *ref, PpRefKnownFunc known, gpointer data,
                                char **name, char **field);

/* Calls @each on the inside of every `${...}` of @tmpl, appending what it
 * returns (and the text between) to *out when @out is not NULL.  FALSE
 * with @error when @each fails or a `${` is not closed. */
typedef char *(*PpRefFunc) (const char *ref, gpointer data, GError **error);

gboolean pp_workflow_expand (const char *tmpl, PpRefFunc each, gpointer data,
                             char **out, GError **error);

/* Whether @name is an account, VPC, vSwitch or instance of @sc (its kind
 * in @kind, which may be NULL). */
gboolean pp_workflow_scenario_has (const PpScenario *sc, const char *name, PpKind *kind);

G_END_DECLS
