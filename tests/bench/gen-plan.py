#!/usr/bin/env python3
"""gen-plan.py: a large `terraform show -json PLANFILE` for the import
benchmark (tests/bench/import.sh).

  gen-plan.py --vpcs N [--accounts K] > plan.json

K provider aliases (one account and region each, assume_role); per alias two
VPC blocks with `count` (requesters and accepters), a vSwitch per VPC, a VPC
peering per pair (both in the alias's region, so without a bandwidth, which
applies only between regions) and a route each way: 3.5 resources per VPC,
everything to be created (ids unknown, links through the configuration's
references).
Compact JSON, as terraform show -json prints it.  The shapes are those of
tests/data/import/make-estate.py.  Each vSwitch's zone is the first zone
data/regions.xml lists for its region (--regions), so that the plan
imports: peerplan refuses a zone its region does not have.
"""
import argparse
import json
import os
import sys
import xml.etree.ElementTree as ET

PROVIDER = "registry.terraform.io/aliyun/alicloud"
REGIONS = ["cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "ap-southeast-1",
           "ap-northeast-1", "us-west-1", "eu-central-1", "ap-south-1", "us-east-1"]

ap = argparse.ArgumentParser()
ap.add_argument("--vpcs", type=int, required=True)
ap.add_argument("--accounts", type=int, default=10)
ap.add_argument("--regions", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "..", "..", "data", "regions.xml"))
a = ap.parse_args()
NS = "{urn:peerplan:regions:1}"
ZONES = {r.get("id"): [z.get("id") for z in r.findall(NS + "zone")]
         for r in ET.parse(a.regions).getroot().findall(NS + "region")}


def zone_of(region):
    """The region's first listed zone; a region without a list takes any
    zone letter, written as its neighbours write theirs."""
    if region not in ZONES:
        sys.exit("gen-plan.py: region %s is not in %s" % (region, a.regions))
    if ZONES[region]:
        return ZONES[region][0]
    return region + ("a" if region[-1].isdigit() else "-a")

K = a.accounts
pairs = a.vpcs // (2 * K)            # per alias


def ref(*r):
    return {"references": list(r)}


def const(v):
    return {"constant_value": v}


changes, planned, cres = [], [], []
pcfg = {}
serial = 0


def add(type_, name, i, alias, after, unknown, expr):
    addr = "%s.%s[%d]" % (type_, name, i)
    base = {"address": addr, "mode": "managed", "type": type_, "name": name, "index": i,
            "provider_name": PROVIDER}
    c = dict(base)
    c["change"] = {"actions": ["create"], "before": None, "after": after,
                   "after_unknown": {k: True for k in unknown}, "before_sensitive": False,
                   "after_sensitive": {}}
    changes.append(c)
    p = dict(base)
    p["schema_version"] = 0
    p["values"] = after
    p["sensitive_values"] = {}
    planned.append(p)
    if i == 0:
        cres.append({"address": "%s.%s" % (type_, name), "mode": "managed", "type": type_, "name": name,
                     "provider_config_key": "alicloud." + alias, "expressions": expr,
                     "schema_version": 0, "count_expression": const(pairs)})


for k in range(K):
    alias = "a%d" % k
    region = REGIONS[k % len(REGIONS)]
    uid = "%016d" % (1000000000000000 + k + 1)
    pcfg["alicloud." + alias] = {"name": "alicloud", "full_name": PROVIDER, "alias": alias,
                                 "expressions": {"region": const(region),
                                                 "assume_role": [{"role_arn": const("acs:ram::%s:role/net" % uid)}]}}
    zone = zone_of(region)
    for side in ("r", "w"):
        v, s = "v" + side + str(k), "s" + side + str(k)
        for i in range(pairs):
            n = (k * pairs + i) * 2 + (side == "w")
            cidr = "10.%d.%d.0/24" % (n // 256 % 256, n % 256)
            add("alicloud_vpc", v, i, alias, {"cidr_block": cidr, "vpc_name": "%s-%d" % (v, i)},
                ["id", "region_id", "router_id", "route_table_id", "status"],
                {"cidr_block": ref("count.index"), "vpc_name": ref("count.index")})
            add("alicloud_vswitch", s, i, alias, {"cidr_block": cidr, "zone_id": zone},
                ["id", "vpc_id", "status"],
                {"vpc_id": ref("alicloud_vpc.%s" % v, "count.index"), "cidr_block": ref("count.index"),
                 "zone_id": const(zone)})
    for i in range(pairs):
        nr = (k * pairs + i) * 2
        p = "p%d" % k
        add("alicloud_vpc_peer_connection", p, i, alias,
            {"accepting_region_id": region, "accepting_ali_uid": int(uid)},
            ["id", "vpc_id", "accepting_vpc_id", "status", "region_id"],
            {"vpc_id": ref("alicloud_vpc.vr%d" % k, "count.index"),
             "accepting_vpc_id": ref("alicloud_vpc.vw%d" % k, "count.index"),
             "accepting_region_id": const(region), "accepting_ali_uid": const(int(uid))})
        for side, dest in (("r", nr + 1), ("w", nr)):
            add("alicloud_route_entry", "e" + side + str(k), i, alias,
                {"destination_cidrblock": "10.%d.%d.0/24" % (dest // 256 % 256, dest % 256),
                 "nexthop_type": "VpcPeer"},
                ["id", "route_table_id", "nexthop_id", "router_id"],
                {"route_table_id": ref("alicloud_vpc.v%s%d" % (side, k), "count.index"),
                 "destination_cidrblock": ref("count.index"), "nexthop_type": const("VpcPeer"),
                 "nexthop_id": ref("alicloud_vpc_peer_connection.%s" % p, "count.index")})

cres.sort(key=lambda o: o["address"])
doc = {"format_version": "1.2", "terraform_version": "1.9.8", "variables": {},
       "planned_values": {"root_module": {"resources": planned}},
       "resource_changes": changes,
       "configuration": {"provider_config": pcfg, "root_module": {"resources": cres}},
       "timestamp": "2026-12-04T12:00:00Z", "applyable": True, "complete": True, "errored": False}
json.dump(doc, sys.stdout, separators=(",", ":"))
sys.stdout.write("\n")
