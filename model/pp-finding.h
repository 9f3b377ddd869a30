/* SPDX-License-Identifier: MIT */
/* pp-finding.h: findings, the results of the rule engine.
 *
 * A finding is data: a stable rule id (see pp-rules.h and docs/rules.md),
 * a severity, a message that names the objects, the file and line it points
 * at, an optional hint, and the ids of the objects involved.  Findings are
 * collected in a PpFindings list, which owns them; pp_findings_sort() puts
 * them in the one order every report uses (file, line, rule, message), so
 * output is deterministic whatever order the checks ran in.
 */
#pragma once

#include <glib.h>

#include "model/pp-enum.h"

G_BEGIN_DECLS

typedef enum {
  PP_SEVERITY_INFO,
  PP_SEVERITY_WARNING,
  PP_SEVERITY_ERROR,
  PP_SEVERITY_LAST
} PpSeverity;

typedef struct {
  const char *rule;           /* static: the rule table's id */
  PpSeverity severity;
  char *message;
  char *hint;                 /* NULL when none */
  char *file;
  guint line;
  GStrv objects;              /* ids of the objects named, NULL-terminated */
  char *trace;                /* reach-*: the hop trace, one hop a line; else NULL */
  GStrv addresses;            /* origins (Terraform addresses) of the objects
                                 named, when imported; else NULL */
} PpFinding;

typedef struct _PpFindings PpFindings;

PpFindings *pp_findings_new (void);
void        pp_findings_free (PpFindings *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PpFindings, pp_findings_free)

/* Adds a finding for @rule (which must be in the rule table) at @file:@line
 * with the rule's default severity.  @objects is a NULL-terminated list of
 * ids, copied.  Returns the finding (borrowed) so callers can set a hint or
 * a trace. */
PpFinding  *pp_findings_add (PpFindings *f, const char *rule,
                             const char *file, guint line,
                             const char * const *objects,
                             const char *format, ...) G_GNUC_PRINTF (6, 7);
void        pp_finding_set_hint (PpFinding *finding, const char *format, ...) G_GNUC_PRINTF (2, 3);
void        pp_finding_set_trace (PpFinding *finding, const char *trace);
/* Sets the objects' origins (copied; NULL-terminated). */
void        pp_finding_set_addresses (PpFinding *finding, const char * const *addresses);
/* Appends @text to the message. */
void        pp_finding_append_message (PpFinding *finding, const char *text);
void        pp_finding_set_severity (PpFinding *finding, PpSeverity severity);

/* Moves every finding of @src into @dest. */
void        pp_findings_take (PpFindings *dest, PpFindings *src);
void        pp_findings_sort (PpFindings *f);
guint       pp_findings_len (const PpFindings *f);
const PpFinding *pp_findings_nth (const PpFindings *f, guint i);
guint       pp_findings_count (const PpFindings *f, PpSeverity severity);
/* TRUE if some finding is at @severity or above. */
gboolean    pp_findings_any_at_least (const PpFindings *f, PpSeverity severity);

PP_ENUM_DECL (pp_severity, PpSeverity);

G_END_DECLS
