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
  { "peer-bandwidth", PP_SEVERITY_WARNING,
    "a same-region VPC peering sets a bandwidth, which applies only between regions" },
  { "reach-failed", PP_SEVERITY_ERROR,
    "an <expect-reach> fails: the request or the reply is dropped (with the hop trace)" },
  { "ri-charge", PP_SEVERITY_ERROR,
    "a router interface charge type the API refuses: PrePaid acceptor, or PrePaid within one region" },
  { "ri-one-pair", PP_SEVERITY_ERROR,
    "two connected router-interface pairs between the same two routers" },
  { "ri-opposite", PP_SEVERITY_ERROR,
    "a router interface names itself, or anything but its counterpart, as its opposite interface or owner" },
  { "ri-owner-missing", PP_SEVERITY_ERROR,
    "a cross-account router interface declares no opposite owner uid" },
  { "ri-spec", PP_SEVERITY_ERROR,
    "a router interface spec that is unknown, or Negative on the initiator" },
  { "route-duplicate", PP_SEVERITY_ERROR,
    "a route entry repeats a destination of its table, or lies inside a vSwitch CIDR of its VPC" },
  { "route-missing", PP_SEVERITY_ERROR,
    "a connected peer's vSwitch with instances has no route via the connection, in one direction" },
  { "route-next-hop", PP_SEVERITY_ERROR,
    "a route's next hop does not lead to the VPC that holds its destination" },
  { "route-shadowed", PP_SEVERITY_WARNING,
    "a more specific route sends a connected peer's traffic elsewhere" },
  { "route-transit", PP_SEVERITY_ERROR,
    "a route relies on forwarding through a third VPC, which connections do not do" },
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
