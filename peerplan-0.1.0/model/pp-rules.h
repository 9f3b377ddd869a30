/* SPDX-License-Identifier: MIT */
/* pp-rules.h: the table of rule ids.
 *
 * Rule ids are part of peerplan's interface (tests, CI filters and SARIF use
 * them): one table here, one row per id in docs/rules.md, and an id is never
 * renamed or reused.  A test checks the table and docs/rules.md agree.
 */
#pragma once

#include "model/pp-finding.h"

G_BEGIN_DECLS

typedef struct {
  const char *id;
  PpSeverity severity;        /* default severity */
  const char *summary;        /* one line: what it means */
} PpRule;

const PpRule *pp_rules_lookup (const char *id);
/* All rules, sorted by id; @n_rules receives the count. */
const PpRule *pp_rules_all (guint *n_rules);

G_END_DECLS
