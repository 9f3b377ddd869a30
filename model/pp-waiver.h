/* SPDX-License-Identifier: MIT */
/* pp-waiver.h: the scenario's <waive> elements applied to its findings.
 *
 * A waiver accepts the findings of one rule (naming one object, when it
 * gives one) for a reason, until a date.  Applying the waivers moves the
 * findings they accept into the suppressed part of the list (see
 * pp-finding.h), and adds a finding for each waiver that is past its date
 * (waiver-expired: it no longer accepts anything) or that accepted nothing
 * (waiver-unused).  The CLI calls it once per scenario, for every verb
 * that reports findings (pp_cli_settle_findings).
 */
#pragma once

#include "model/pp-scenario.h"

G_BEGIN_DECLS

/* Applies the waivers of @sc to the findings of @f from index @from on,
 * judging expiry at @today (a waiver holds through its until date).
 * Linear in findings times the waivers of the finding's rule. */
void pp_waivers_apply (const PpScenario *sc, PpFindings *f, guint from, const GDate *today);

G_END_DECLS
