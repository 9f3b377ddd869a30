/* SPDX-License-Identifier: MIT */
/* pp-rules.c: the rule table.  Keep it sorted by id; one row per id in
 * docs/rules.md (tests/schema.sh checks that they agree).  Never rename or
 * reuse an id. */
#include "model/pp-rules.h"

#include <stdlib.h>
#include <string.h>

static const PpRule rules[] = {
  { "baseline-unused", PP_SEVERITY_INFO,
    "an entry of the --baseline file matches no finding: what it accepted was fixed, or the baseline is stale" },
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
  { "import-ignored", PP_SEVERITY_INFO,
    "imported resources of types peerplan does not model, or without what it needs, were left out (counted per type)" },
  { "import-owner-unknown", PP_SEVERITY_INFO,
    "the input does not say which account owns some imported resources; they got a placeholder account" },
  { "import-route-table", PP_SEVERITY_INFO,
    "imported custom route tables were folded into their VPC's table, the one table peerplan models per VPC" },
  { "peer-bandwidth", PP_SEVERITY_WARNING,
    "a same-region VPC peering sets a bandwidth, which applies only between regions" },
  { "price-missing", PP_SEVERITY_WARNING,
    "something is charged and neither the price catalog nor a quote prices it; the finding names the quote to ask for" },
  { "price-stale", PP_SEVERITY_INFO,
    "a unit price used in the estimate is older than the catalog's max-age-days at the planning date" },
  { "product-retired", PP_SEVERITY_WARNING,
    "router-interface VPC-to-VPC has been closed to new purchases since 2019-06-20; the VPC peering design is priced next to it" },
  { "quota-peer-cross-border-bandwidth", PP_SEVERITY_ERROR,
    "a cross-border VPC peering connection's bandwidth is over its default quota (1024 Mbps)" },
  { "quota-peer-cross-region", PP_SEVERITY_ERROR,
    "a VPC has more cross-region VPC peering connections than its default quota" },
  { "quota-peer-cross-region-bandwidth", PP_SEVERITY_ERROR,
    "a cross-region VPC peering connection's bandwidth is over its default quota (1024 Mbps)" },
  { "quota-peer-intra-region", PP_SEVERITY_ERROR,
    "a VPC has more same-region VPC peering connections than its default quota" },
  { "quota-peer-per-account", PP_SEVERITY_ERROR,
    "an account has more VPC peering connections in a region than its default quota" },
  { "quota-ri-per-account", PP_SEVERITY_ERROR,
    "an account has more router-interface peering connections than its default quota" },
  { "quota-ri-per-router", PP_SEVERITY_ERROR,
    "a VPC's router has more router interfaces than the limit of 5" },
  { "quota-ri-per-vpc", PP_SEVERITY_ERROR,
    "a VPC has more router-interface peering connections than its default quota" },
  { "quota-route-entries", PP_SEVERITY_ERROR,
    "a route table holds more custom route entries than its default quota" },
  { "quota-vswitches", PP_SEVERITY_ERROR,
    "a VPC has more vSwitches than its default quota" },
  { "reach-failed", PP_SEVERITY_ERROR,
    "an <expect-reach> fails: the request or the reply is dropped (with the hop trace)" },
  { "reach-unexpected", PP_SEVERITY_ERROR,
    "an <expect-reach reachable=\"false\"> (isolation) fails: the ping goes through (with the hop trace)" },
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
  { "ticket-bandwidth", PP_SEVERITY_INFO,
    "a cross-region router interface may need bandwidth applied for in advance (a practitioner's report, unconfirmed)" },
  { "ticket-cross-border", PP_SEVERITY_WARNING,
    "a connection across the mainland China border needs the cross-border compliance application; gives the earliest date it can carry traffic" },
  { "ticket-quota", PP_SEVERITY_WARNING,
    "a quota the design exceeds must be raised by request before purchase; its review time is not published" },
  { "waiver-expired", PP_SEVERITY_WARNING,
    "a <waive> is past its until date: the findings it matched count again" },
  { "waiver-unused", PP_SEVERITY_WARNING,
    "a <waive> matches no finding: what it waived was fixed or its rule or object is wrong; remove or fix it" },
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
