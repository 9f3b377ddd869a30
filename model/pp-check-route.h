/* SPDX-License-Identifier: MIT */
/* pp-check-route.h: the route-*, ri-*, peer-bandwidth and reach-failed rules.
 *
 * Each function adds its findings to @out (see pp-finding.h, the rule
 * table in pp-rules.c and docs/rules.md); none prints or fails.  The work is
 * linear in the scenario plus one sort: lookups go through @rt, and nothing
 * is compared pairwise over instances or VPCs.
 */
#pragma once

#include "model/pp-finding.h"
#include "model/pp-route-table.h"
#include "model/pp-scenario.h"

G_BEGIN_DECLS

/* Every rule below, building the route tables once: the entry point
 * pp_check_scenario() calls. */
void pp_check_reach_rules (const PpScenario *sc, PpFindings *out);

/* route-missing, route-next-hop, route-transit, route-duplicate, route-shadowed */
void pp_check_routes (const PpScenario *sc, const PpRouteTables *rt, PpFindings *out);
/* ri-opposite, ri-owner-missing, ri-spec, ri-charge, ri-one-pair, peer-bandwidth */
void pp_check_connections (const PpScenario *sc, const PpRouteTables *rt, PpFindings *out);
/* reach-failed: every <expect-reach> that does not pass, with its trace */
void pp_check_expect_reach (const PpScenario *sc, const PpRouteTables *rt, PpFindings *out);

/* The router-interface specs the API accepts for an initiator
 * (reference/alibaba-api.md §2.2), NULL-terminated. */
extern const char * const pp_ri_specs[];

G_END_DECLS
