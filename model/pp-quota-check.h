/* SPDX-License-Identifier: MIT */
/* pp-quota-check.h: counting a scenario against the quota catalog.
 *
 * For each quota of the catalog (pp-catalog.h), counts what the scenario
 * declares per object (per VPC, account, router pair or connection) and
 * adds a finding quota-ID (severity error) for every object over the
 * limit, naming the count, the limit and the headroom (limit - count,
 * negative when over) and, in its hint, the quota name to raise; a quota
 * whose overrun a model rule already reports (reported-by, e.g. the one
 * connected pair per router pair: ri-one-pair) is only counted.  The
 * returned usage has one row per quota, for the highest count found (the
 * object closest to, or furthest over, its limit), in catalog order.
 */
#pragma once

#include "model/pp-catalog.h"
#include "model/pp-finding.h"
#include "model/pp-scenario.h"

G_BEGIN_DECLS

typedef struct {
  const PpQuota *quota;       /* borrowed from the catalog */
  const char *object;         /* id of the busiest object; NULL when none */
  guint count;                /* its count (0 when none) */
  gint64 headroom;            /* limit - count */
  guint n_over;               /* objects over the limit */
  guint first_over_line;      /* the line of the first finding; 0 when none */
} PpQuotaUsage;

/* (transfer full) GArray of PpQuotaUsage.  Findings go to @findings. */
GArray *pp_quota_check (const PpScenario *sc, const PpQuotas *quotas,
                        PpFindings *findings);

G_END_DECLS
