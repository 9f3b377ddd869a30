#!/usr/bin/env python3
"""make-estate.py: writes the Terraform fixtures of one estate in the three
formats peerplan imports, from one description:

  estate-plan.json    terraform show -json PLANFILE  (format_version 1.2)
  estate-state.json   terraform show -json           (format_version 1.0)
  estate.tfstate      terraform.tfstate              (version 4)

The shapes follow Terraform's "JSON Output Format" documentation
(developer.hashicorp.com/terraform/internals/json-format) and its code
(internal/command/jsonplan/plan.go, jsonstate/state.go, jsonconfig/config.go
and expression.go; internal/states/statefile/version4.go); the attribute
names follow the alicloud provider's schemas (resource_alicloud_*.go,
website/docs/r/*.html.markdown at provider 1.289; see
/work/shared/reference/terraform-and-api-shapes.md section A).  Run it only
to change the estate; review the diff of the outputs.
"""
import json
import sys

PROVIDER = "registry.terraform.io/aliyun/alicloud"
HUB_UID = "1111111111111111"
SPOKE_UID = "2222222222222222"

# (address, module, mode, type, name, index, alias, config expressions,
#  values after apply, attributes unknown until apply)
R = []


def res(module, type_, name, alias, expr, values, unknown, index=None, mode="managed"):
    addr = ("data." if mode == "data" else "") + type_ + "." + name
    if index is not None:
        addr += "[%s]" % json.dumps(index)
    if module:
        addr = module + "." + addr
    R.append(dict(address=addr, module=module, mode=mode, type=type_, name=name, index=index,
                  alias=alias, expr=expr, values=values, unknown=unknown))


def ref(*refs):
    return {"references": list(refs)}


def const(v):
    return {"constant_value": v}


VPC_UNKNOWN = ["id", "region_id", "router_id", "route_table_id", "status", "create_time"]

res("", "alicloud_account", "this", "default", {}, {"id": HUB_UID}, [], mode="data")
res("", "alicloud_vpc", "hub", "default",
    {"cidr_block": const("10.0.0.0/16"), "vpc_name": const("hub")},
    {"id": "vpc-hub0000000000000001", "cidr_block": "10.0.0.0/16", "vpc_name": "hub",
     "region_id": "cn-hangzhou", "router_id": "vrt-hub0000000000000001",
     "route_table_id": "vtb-hub0000000000000001", "status": "Available",
     "create_time": "2026-11-02T08:00:00Z", "description": "", "tags": None}, VPC_UNKNOWN)
for i, (zone, cidr) in enumerate([("cn-hangzhou-h", "10.0.0.0/24"), ("cn-hangzhou-i", "10.0.1.0/24")]):
    res("", "alicloud_vswitch", "hub", "default",
        {"vpc_id": ref("alicloud_vpc.hub.id", "alicloud_vpc.hub"), "zone_id": ref("count.index"),
         "cidr_block": ref("count.index")},
        {"id": "vsw-hub000000000000000%d" % i, "vpc_id": "vpc-hub0000000000000001", "zone_id": zone,
         "cidr_block": cidr, "vswitch_name": "", "status": "Available"}, ["id", "vpc_id", "status"], index=i)
res("", "alicloud_instance", "app", "default",
    {"vswitch_id": ref("alicloud_vswitch.hub[0].id", "alicloud_vswitch.hub[0]", "alicloud_vswitch.hub"),
     "private_ip": const("10.0.0.10"), "instance_type": const("ecs.g7.large")},
    {"id": "i-app0000000000000001", "vswitch_id": "vsw-hub0000000000000000", "private_ip": "10.0.0.10",
     "availability_zone": "cn-hangzhou-h", "instance_type": "ecs.g7.large"},
    ["id", "vswitch_id", "availability_zone"])
res("", "alicloud_security_group", "hub", "default",
    {"vpc_id": ref("alicloud_vpc.hub.id", "alicloud_vpc.hub")},
    {"id": "sg-hub0000000000000001", "vpc_id": "vpc-hub0000000000000001"}, ["id", "vpc_id"])
res("", "alicloud_vpc_peer_connection", "hub_spoke", "default",
    {"vpc_id": ref("alicloud_vpc.hub.id", "alicloud_vpc.hub"),
     "accepting_vpc_id": ref("module.spoke.vpc_id", "module.spoke"),
     "accepting_region_id": const("ap-southeast-1"), "accepting_ali_uid": ref("var.spoke_uid"),
     "bandwidth": const(100)},
    {"id": "pcc-hubspoke00000000001", "vpc_id": "vpc-hub0000000000000001",
     "accepting_vpc_id": "vpc-spk0000000000000001", "accepting_region_id": "ap-southeast-1",
     "accepting_ali_uid": int(SPOKE_UID), "bandwidth": 100, "region_id": "cn-hangzhou",
     "status": "Activated", "peer_connection_name": "", "link_type": "Gold"},
    ["id", "vpc_id", "accepting_vpc_id", "region_id", "status", "link_type"])
res("", "alicloud_route_entry", "hub_to_spoke", "default",
    {"route_table_id": ref("alicloud_vpc.hub.route_table_id", "alicloud_vpc.hub"),
     "destination_cidrblock": const("10.1.0.0/16"), "nexthop_type": const("VpcPeer"),
     "nexthop_id": ref("alicloud_vpc_peer_connection.hub_spoke.id", "alicloud_vpc_peer_connection.hub_spoke")},
    {"id": "vtb-hub0000000000000001:vrt-hub0000000000000001:10.1.0.0/16:VpcPeer:pcc-hubspoke00000000001",
     "route_table_id": "vtb-hub0000000000000001", "destination_cidrblock": "10.1.0.0/16",
     "nexthop_type": "VpcPeer", "nexthop_id": "pcc-hubspoke00000000001", "router_id": "vrt-hub0000000000000001"},
    ["id", "route_table_id", "nexthop_id", "router_id"])
res("", "alicloud_vpc", "sh", "sh",
    {"cidr_block": const("10.2.0.0/16"), "vpc_name": const("shanghai")},
    {"id": "vpc-sha0000000000000001", "cidr_block": "10.2.0.0/16", "vpc_name": "shanghai",
     "region_id": "cn-shanghai", "router_id": "vrt-sha0000000000000001",
     "route_table_id": "vtb-sha0000000000000001", "status": "Available",
     "create_time": "2026-11-02T08:00:00Z", "description": "", "tags": None}, VPC_UNKNOWN)
for key, cidr in [("b", "10.2.1.0/24"), ("g", "10.2.2.0/24")]:
    res("", "alicloud_vswitch", "sh", "sh",
        {"vpc_id": ref("alicloud_vpc.sh.id", "alicloud_vpc.sh"), "zone_id": ref("each.key"),
         "cidr_block": ref("each.value")},
        {"id": "vsw-sha00000000000000" + key, "vpc_id": "vpc-sha0000000000000001",
         "zone_id": "cn-shanghai-" + key, "cidr_block": cidr, "vswitch_name": "", "status": "Available"},
        ["id", "vpc_id", "status"], index=key)
res("", "alicloud_router_interface", "hz", "default",
    {"opposite_region": const("cn-shanghai"), "router_type": const("VRouter"),
     "router_id": ref("alicloud_vpc.hub.router_id", "alicloud_vpc.hub"), "role": const("InitiatingSide"),
     "specification": const("Large.2"), "instance_charge_type": const("PostPaid")},
    {"id": "ri-hz00000000000000001", "opposite_region": "cn-shanghai", "router_type": "VRouter",
     "router_id": "vrt-hub0000000000000001", "role": "InitiatingSide", "specification": "Large.2",
     "instance_charge_type": "PostPaid", "opposite_interface_id": "ri-sh00000000000000001",
     "opposite_interface_owner_id": HUB_UID, "opposite_router_id": "vrt-sha0000000000000001",
     "opposite_router_type": "VRouter", "access_point_id": "", "opposite_access_point_id": ""},
    ["id", "router_id", "opposite_interface_id", "opposite_interface_owner_id", "opposite_router_id",
     "opposite_router_type", "access_point_id", "opposite_access_point_id"])
res("", "alicloud_router_interface", "sh", "sh",
    {"opposite_region": const("cn-hangzhou"), "router_type": const("VRouter"),
     "router_id": ref("alicloud_vpc.sh.router_id", "alicloud_vpc.sh"), "role": const("AcceptingSide"),
     "specification": const("Negative")},
    {"id": "ri-sh00000000000000001", "opposite_region": "cn-hangzhou", "router_type": "VRouter",
     "router_id": "vrt-sha0000000000000001", "role": "AcceptingSide", "specification": "Negative",
     "instance_charge_type": "PostPaid", "opposite_interface_id": "ri-hz00000000000000001",
     "opposite_interface_owner_id": HUB_UID, "opposite_router_id": "vrt-hub0000000000000001",
     "opposite_router_type": "VRouter", "access_point_id": "", "opposite_access_point_id": ""},
    ["id", "router_id", "instance_charge_type", "opposite_interface_id", "opposite_interface_owner_id",
     "opposite_router_id", "opposite_router_type", "access_point_id", "opposite_access_point_id"])
res("", "alicloud_router_interface_connection", "sh", "sh",
    {"interface_id": ref("alicloud_router_interface.sh.id", "alicloud_router_interface.sh"),
     "opposite_interface_id": ref("alicloud_router_interface.hz.id", "alicloud_router_interface.hz")},
    {"id": "ri-sh00000000000000001", "interface_id": "ri-sh00000000000000001",
     "opposite_interface_id": "ri-hz00000000000000001", "opposite_interface_owner_id": HUB_UID,
     "opposite_router_id": "vrt-hub0000000000000001", "opposite_router_type": "VRouter"},
    ["id", "interface_id", "opposite_interface_id", "opposite_interface_owner_id", "opposite_router_id"])
res("", "alicloud_router_interface_connection", "hz", "default",
    {"interface_id": ref("alicloud_router_interface.hz.id", "alicloud_router_interface.hz"),
     "opposite_interface_id": ref("alicloud_router_interface.sh.id", "alicloud_router_interface.sh")},
    {"id": "ri-hz00000000000000001", "interface_id": "ri-hz00000000000000001",
     "opposite_interface_id": "ri-sh00000000000000001", "opposite_interface_owner_id": HUB_UID,
     "opposite_router_id": "vrt-sha0000000000000001", "opposite_router_type": "VRouter"},
    ["id", "interface_id", "opposite_interface_id", "opposite_interface_owner_id", "opposite_router_id"])
res("", "alicloud_route_entry", "to_sh", "default",
    {"route_table_id": ref("alicloud_vpc.hub.route_table_id", "alicloud_vpc.hub"),
     "destination_cidrblock": const("10.2.0.0/16"), "nexthop_type": const("RouterInterface"),
     "nexthop_id": ref("alicloud_router_interface.hz.id", "alicloud_router_interface.hz")},
    {"id": "vtb-hub0000000000000001:vrt-hub0000000000000001:10.2.0.0/16:RouterInterface:ri-hz00000000000000001",
     "route_table_id": "vtb-hub0000000000000001", "destination_cidrblock": "10.2.0.0/16",
     "nexthop_type": "RouterInterface", "nexthop_id": "ri-hz00000000000000001",
     "router_id": "vrt-hub0000000000000001"},
    ["id", "route_table_id", "nexthop_id", "router_id"], index=0)
res("", "alicloud_route_entry", "to_hz", "sh",
    {"route_table_id": ref("alicloud_vpc.sh.route_table_id", "alicloud_vpc.sh"),
     "destination_cidrblock": const("10.0.0.0/16"), "nexthop_type": const("RouterInterface"),
     "nexthop_id": ref("alicloud_router_interface.sh.id", "alicloud_router_interface.sh")},
    {"id": "vtb-sha0000000000000001:vrt-sha0000000000000001:10.0.0.0/16:RouterInterface:ri-sh00000000000000001",
     "route_table_id": "vtb-sha0000000000000001", "destination_cidrblock": "10.0.0.0/16",
     "nexthop_type": "RouterInterface", "nexthop_id": "ri-sh00000000000000001",
     "router_id": "vrt-sha0000000000000001"},
    ["id", "route_table_id", "nexthop_id", "router_id"])

M = "module.spoke"
res(M, "alicloud_vpc", "this", "spoke",
    {"cidr_block": const("10.1.0.0/16"), "vpc_name": const("spoke")},
    {"id": "vpc-spk0000000000000001", "cidr_block": "10.1.0.0/16", "vpc_name": "spoke",
     "region_id": "ap-southeast-1", "router_id": "vrt-spk0000000000000001",
     "route_table_id": "vtb-spk0000000000000001", "status": "Available",
     "create_time": "2026-11-02T08:00:00Z", "description": "", "tags": None}, VPC_UNKNOWN)
for i, (zone, cidr) in enumerate([("ap-southeast-1a", "10.1.0.0/24"), ("ap-southeast-1b", "10.1.1.0/24")]):
    res(M, "alicloud_vswitch", "this", "spoke",
        {"vpc_id": ref("alicloud_vpc.this.id", "alicloud_vpc.this"), "zone_id": ref("count.index"),
         "cidr_block": ref("count.index")},
        {"id": "vsw-spk000000000000000%d" % i, "vpc_id": "vpc-spk0000000000000001", "zone_id": zone,
         "cidr_block": cidr, "vswitch_name": "", "status": "Available"}, ["id", "vpc_id", "status"], index=i)
res(M, "alicloud_vpc_peer_connection_accepter", "this", "spoke",
    {"instance_id": ref("var.peer_id")},
    {"id": "pcc-hubspoke00000000001", "instance_id": "pcc-hubspoke00000000001",
     "accepting_owner_uid": int(SPOKE_UID), "accepting_region_id": "ap-southeast-1",
     "accepting_vpc_id": "vpc-spk0000000000000001", "vpc_id": "vpc-hub0000000000000001",
     "region_id": "cn-hangzhou", "status": "Activated"},
    ["id", "instance_id", "accepting_owner_uid", "accepting_region_id", "accepting_vpc_id", "vpc_id",
     "region_id", "status"])
res(M, "alicloud_route_entry", "back", "spoke",
    {"route_table_id": ref("alicloud_vpc.this.route_table_id", "alicloud_vpc.this"),
     "destination_cidrblock": ref("var.hub_cidr"), "nexthop_type": const("VpcPeer"),
     "nexthop_id": ref("var.peer_id")},
    {"id": "vtb-spk0000000000000001:vrt-spk0000000000000001:10.0.0.0/16:VpcPeer:pcc-hubspoke00000000001",
     "route_table_id": "vtb-spk0000000000000001", "destination_cidrblock": "10.0.0.0/16",
     "nexthop_type": "VpcPeer", "nexthop_id": "pcc-hubspoke00000000001",
     "router_id": "vrt-spk0000000000000001"},
    ["id", "route_table_id", "nexthop_id", "router_id"])

PROVIDERS = {
    "default": {"region": "cn-hangzhou"},
    "sh": {"region": "cn-shanghai", "role": "acs:ram::%s:role/network" % HUB_UID},
    "spoke": {"region": "ap-southeast-1", "role": "acs:ram::%s:role/network" % SPOKE_UID},
}


def key(alias):
    return "alicloud" if alias == "default" else "alicloud." + alias


def base(r):
    o = {"address": r["address"], "mode": r["mode"], "type": r["type"], "name": r["name"]}
    if r["index"] is not None:
        o["index"] = r["index"]
    o["provider_name"] = PROVIDER
    return o


def values_module(rows, with_sensitive=True):
    root = {"resources": []}
    kids = {}
    for r in rows:
        o = base(r)
        o["schema_version"] = 0
        o["values"] = r["values"]
        o["sensitive_values"] = {}
        if r["module"]:
            kids.setdefault(r["module"], {"resources": [], "address": r["module"]})["resources"].append(o)
        else:
            root["resources"].append(o)
    if kids:
        root["child_modules"] = list(kids.values())
    return root


def plan():
    changes = []
    planned = []
    for r in R:
        if r["mode"] == "data":
            continue
        after = {k: v for k, v in r["values"].items() if k not in r["unknown"]}
        unknown = {k: True for k in r["unknown"]}
        c = base(r)
        if r["module"]:
            c["module_address"] = r["module"]
        c["change"] = {"actions": ["create"], "before": None, "after": after, "after_unknown": unknown,
                       "before_sensitive": False, "after_sensitive": {}}
        changes.append(c)
        planned.append(dict(r, values=after))
    pcfg = {}
    for alias, p in PROVIDERS.items():
        e = {"region": const(p["region"])}
        if "role" in p:
            e["assume_role"] = [{"role_arn": const(p["role"])}]
        c = {"name": "alicloud", "full_name": PROVIDER, "expressions": e}
        if alias != "default":
            c["alias"] = alias
        pcfg[key(alias)] = c

    def cres(r):
        o = {"address": ("data." if r["mode"] == "data" else "") + r["type"] + "." + r["name"],
             "mode": r["mode"], "type": r["type"], "name": r["name"],
             "provider_config_key": key(r["alias"]), "expressions": r["expr"], "schema_version": 0}
        if isinstance(r["index"], int):
            o["count_expression"] = const(2 if r["type"] == "alicloud_vswitch" else 1)
        elif isinstance(r["index"], str):
            o["for_each_expression"] = ref("local.sh_vswitches")
        return o

    seen = set()
    root_res, mod_res = [], []
    for r in R:
        k = (r["module"], r["mode"], r["type"], r["name"])
        if k in seen:
            continue
        seen.add(k)
        (mod_res if r["module"] else root_res).append(cres(r))
    root_res.sort(key=lambda o: o["address"])
    mod_res.sort(key=lambda o: o["address"])
    configuration = {
        "provider_config": pcfg,
        "root_module": {
            "resources": root_res,
            "module_calls": {"spoke": {
                "source": "./modules/spoke",
                "expressions": {
                    "peer_id": ref("alicloud_vpc_peer_connection.hub_spoke.id",
                                   "alicloud_vpc_peer_connection.hub_spoke"),
                    "hub_cidr": ref("alicloud_vpc.hub.cidr_block", "alicloud_vpc.hub")},
                "module": {
                    "outputs": {"vpc_id": {"expression": ref("alicloud_vpc.this.id", "alicloud_vpc.this")}},
                    "resources": mod_res,
                    "variables": {"peer_id": {}, "hub_cidr": {}}}}},
            "variables": {"spoke_uid": {}}}}
    data = [r for r in R if r["mode"] == "data"]
    return {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "variables": {"spoke_uid": {"value": SPOKE_UID}},
        "planned_values": {"root_module": values_module(planned)},
        "resource_changes": changes,
        "prior_state": {"format_version": "1.0", "terraform_version": "1.9.8",
                        "values": {"root_module": values_module(data)}},
        "configuration": configuration,
        "timestamp": "2026-12-04T12:00:00Z",
        "applyable": True,
        "complete": True,
        "errored": False,
    }


def state():
    return {"format_version": "1.0", "terraform_version": "1.9.8",
            "values": {"root_module": values_module(R)}}


def tfstate():
    groups = {}
    for r in R:
        k = (r["module"], r["mode"], r["type"], r["name"])
        g = groups.get(k)
        if g is None:
            g = {"mode": r["mode"], "type": r["type"], "name": r["name"],
                 "provider": 'provider["%s"]%s' % (PROVIDER, "" if r["alias"] == "default" else "." + r["alias"]),
                 "instances": []}
            if r["module"]:
                g = dict({"module": r["module"]}, **g)
            if isinstance(r["index"], int):
                g["each"] = "list"
            elif isinstance(r["index"], str):
                g["each"] = "map"
            groups[k] = g
        inst = {"schema_version": 0, "attributes": r["values"], "sensitive_attributes": []}
        if r["index"] is not None:
            inst = dict({"index_key": r["index"]}, **inst)
        g["instances"].append(inst)
    return {"version": 4, "terraform_version": "1.9.8", "serial": 7,
            "lineage": "5f0c3a52-8c41-4b8e-9a7e-2d1f0b6c9e11", "outputs": {},
            "resources": list(groups.values()), "check_results": None}


outdir = sys.argv[1] if len(sys.argv) > 1 else "."
for name, doc in [("estate-plan.json", plan()), ("estate-state.json", state()), ("estate.tfstate", tfstate())]:
    with open(outdir + "/" + name, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
