/* SPDX-License-Identifier: MIT */
/* pp-check.h: the rule engine's entry point.
 *
 * pp_check_scenario() runs every model rule over a loaded scenario and
 * appends its findings (unsorted: callers sort once, at the end).  Rules
 * of other layers (pricing: price-*, quota-*, ticket-*, product-*) are
 * run by their own entry points; the CLI collects them all.
 */
#pragma once

#include "model/pp-scenario.h"
#include "model/pp-finding.h"

G_BEGIN_DECLS

void pp_check_scenario (const PpScenario *sc, PpFindings *findings);

/* The cidr-* rules alone. */
void pp_check_cidr (const PpScenario *sc, PpFindings *findings);

G_END_DECLS
