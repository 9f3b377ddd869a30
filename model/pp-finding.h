/* SPDX-License-Identifier: MIT */
/* pp-finding.h: findings, the results of the rule engine.
 *
 * A finding is data: a stable rule id (see pp-rules.h and docs/rules.md),
 * a severity, a message that names the objects, the file and line it points
 * at, an optional hint, and the ids of the objects involved.  Findings are
 * collected in a PpFindings list, which owns them; pp_findings_sort() puts
 * them in the one order every report uses (file, line, rule, message), so
 * output is deterministic whatever order the checks ran in.
 *
 * A finding that a waiver of the scenario or a baseline accepts is moved
 * out of the list into the list's suppressed part (pp_findings_suppress):
 * pp_findings_len/nth/count/any_at_least see only the findings that count,
 * so exit codes, diagrams and summaries leave accepted findings out without
 * knowing about them; the writers that show them (--show-waived, SARIF)
 * ask for the suppressed part.
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

/* How a suppressed finding was accepted (SARIF's suppression kinds). */
typedef enum {
  PP_SUPPRESSION_NONE,
  PP_SUPPRESSION_IN_SOURCE,   /* a <waive> of the scenario */
  PP_SUPPRESSION_EXTERNAL,    /* an entry of a --baseline file */
  PP_SUPPRESSION_LAST
} PpSuppression;

typedef struct {
  const char *rule;           /* static: the rule table's id */
  PpSeverity severity;
  char *message;
  char *hint;                 /* NULL when none */
  char *file;
  guint line;
  GStrv objects;              /* ids of the objects named, NULL-terminated */
  char *subject;              /* the id of the object that must change (one
                                 of @objects: the VPC whose route table lacks
                                 the route, the connection that is priced);
                                 the others are related.  NULL = every object
                                 named is concerned alike */
  char *trace;                /* reach-*: the hop trace, one hop a line; else NULL */
  char *source;               /* where a figure or fact the finding rests on
                                 comes from (a catalog's source text); text
                                 reports list it once at the end; else NULL */
  GStrv addresses;            /* origins (Terraform addresses) of the objects
                                 named, when imported; else NULL */
  PpSuppression suppression;  /* NONE unless in the suppressed part */
  char *justification;        /* why it was accepted (the waiver's reason,
                                 or the baseline it is in); else NULL */
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
/* Sets the object that must change (copied; NULL clears it).  A diagram
 * draws the finding on it alone and names the other objects as related. */
void        pp_finding_set_subject (PpFinding *finding, const char *id);
/* Sets the source of the figure or fact the finding rests on (copied). */
void        pp_finding_set_source (PpFinding *finding, const char *source);
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

/* Decides whether @finding is accepted: returns the justification
 * (borrowed) to suppress it with, or NULL to keep it. */
typedef const char *(*PpFindingAccept) (const PpFinding *finding, gpointer data);
/* Moves each finding from index @from on that @accept accepts into the
 * suppressed part, marked @kind with the justification; the others keep
 * their order.  Returns how many were moved. */
guint       pp_findings_suppress (PpFindings *f, guint from, PpSuppression kind,
                                  PpFindingAccept accept, gpointer data);
/* The suppressed part, sorted with the rest by pp_findings_sort. */
guint       pp_findings_n_suppressed (const PpFindings *f);
const PpFinding *pp_findings_nth_suppressed (const PpFindings *f, guint i);
guint       pp_findings_count_suppressed (const PpFindings *f, PpSuppression kind);

PP_ENUM_DECL (pp_severity, PpSeverity);

G_END_DECLS
