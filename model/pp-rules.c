/* SPDX-License-Identifier: MIT */
/* pp-rules.c: the rule table.  Keep it sorted by id; one row per id in
 * docs/rules.md (tests/schema.sh checks that they agree).  Never rename or
 * reuse an id. */
#include "model/pp-rules.h"

#include <stdlib.h>
#include <string.h>

static const PpRule rules[] = {
  { "cidr-instance", PP_SEVERITY_ERROR,
    "an instance's IP is outside its vSwitch or on one of its reserved addresses" },
  { "cidr-overlap", PP_SEVERITY_ERROR,
    "two VPCs joined by a connection have overlapping CIDR blocks" },
  { "cidr-vpc-range", PP_SEVERITY_ERROR,
    "a VPC's CIDR block has a mask outside /8-/28 or lies in a range the VPC service refuses" },
  { "cidr-vswitch-overlap", PP_SEVERITY_ERROR,
    "two vSwitches of one VPC overlap" },
  { "cidr-vswitch-range", PP_SEVERITY_ERROR,
    "a vSwitch's mask is outside /16-/29, or its block is not inside its VPC's" },
};

static int
compare_id (const void *key, const void *row)
{
  return strcmp (key, ((const PpRule *) row)->id);
}

const PpRule *
pp_rules_lookup (const char *id)
{
  return bsearch (id, rules, G_N_ELEMENTS (rules), sizeof rules[0], compare_id);
}

const PpRule *
pp_rules_all (guint *n_rules)
{
  *n_rules = G_N_ELEMENTS (rules);
  return rules;
}
