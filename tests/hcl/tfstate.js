// tfstate.js: the state Terraform would record after applying a
// configuration `peerplan plan --format terraform` wrote, for the round
// trip (configuration -> state -> `peerplan import` -> scenario ->
// configuration).  Usage:
//   node tfstate.js FILE.tf raw|show > STATE.json
// raw: a terraform.tfstate (version 4), which keeps each resource's
// provider alias; show: `terraform show -json` of that state (format 1.0),
// which does not (the JSON output format drops the alias).
//   node tfstate.js FILE.tf first-uid
// prints the account UID of the first requester or initiator, which an
// import of the show form needs (--account default=UID).
//
// How the values are made (documented, deterministic, no cloud):
//  - variables take their defaults; assume_role_name, which has none, is
//    "peerplan";
//  - ids are assigned in file order per kind, in the service's shapes:
//    vrt-/vtb- for each VPC's router and system route table, ri-, pcc-;
//    router_interface_connection and the accepter take the id of what they
//    connect or accept (the provider's d.SetId); a route entry the
//    provider's five-part id route_table_id:router_id:cidr:type:hop
//    (buildRouteEntryResourceId);
//  - each resource records its arguments as configured, plus what its Read
//    sets from the API once the plan has run (status Active / Activated,
//    vpc_instance_id and opposite_vpc_instance_id, opposite_interface_id,
//    region_id, accepting_owner_uid, ...), per the provider's
//    resource_alicloud_*.go Read functions (docs/terraform.md);
//  - data.alicloud_vpcs records one VPC: the id asked for, the provider's
//    region, the CIDR filter, its router and route table;
//    data.alicloud_vswitches one vSwitch as filtered (id, VPC, zone, CIDR);
//    data.alicloud_account the UID of the role's account.
'use strict';
const fs = require('fs');
const path = require('path');
const { parse } = require('@cdktf/hcl2json');

const PROVIDER = 'registry.terraform.io/aliyun/alicloud';

function blocks(section) {
  const out = [];
  for (const [type, byName] of Object.entries(section || {})) {
    for (const [name, list] of Object.entries(byName)) out.push({ type, name, body: list[0] });
  }
  return out;
}

function pad(n, width) {
  return String(n).padStart(width, '0');
}

async function build(file) {
  const json = await parse(path.basename(file), fs.readFileSync(file, 'utf8'));
  const vars = {};
  for (const [name, list] of Object.entries(json.variable || {})) {
    vars[name] = list[0].default !== undefined ? list[0].default : 'peerplan';
  }
  const aliases = {};
  for (const p of json.provider.alicloud) aliases[p.alias] = p;

  const data = blocks(json.data).map((b) => ({ ...b, mode: 'data', address: `data.${b.type}.${b.name}` }));
  const resources = blocks(json.resource).map((b) => ({ ...b, mode: 'managed', address: `${b.type}.${b.name}` }));
  const all = new Map([...data, ...resources].map((b) => [b.address, b]));
  const aliasOf = (b) => b.body.provider.match(/^\$\{alicloud\.(\w+)\}$/)[1];
  const regionOf = (b) => aliases[aliasOf(b)].region;

  // Evaluates a configured value: references, templates, lists.
  const values = new Map();
  function ref(expr) {
    const p = expr.split('.');
    if (p[0] === 'var') return vars[p[1]];
    if (p[0] === 'data') {
      const v = values.get(`data.${p[1]}.${p[2]}`);
      const m = p.slice(3).join('.').match(/^vpcs\[0\]\.(\w+)$/);
      if (m) return v.vpcs[0][m[1]];
      if (p[3] === 'id') return v.id;
      throw new Error(`cannot evaluate \${${expr}}`);
    }
    const v = values.get(`${p[0]}.${p[1]}`);
    if (!v || p.slice(2).join('.') !== 'id') throw new Error(`cannot evaluate \${${expr}}`);
    return v.id;
  }
  function evaluate(value) {
    if (Array.isArray(value)) return value.map(evaluate);
    if (typeof value !== 'string') return value;
    const whole = value.match(/^\$\{([^}]*)\}$/);
    if (whole) return ref(whole[1]);
    return value.replace(/\$\{([^}]*)\}/g, (_, e) => String(ref(e)));
  }
  // Integer arguments (TypeInt in the provider's schema) are numbers in a state.
  const INT = ['accepting_ali_uid', 'bandwidth', 'period'];
  const configured = (b) => {
    const out = {};
    for (const [k, v] of Object.entries(b.body)) {
      if (k === 'provider' || k === 'depends_on') continue;
      out[k] = evaluate(v);
      if (INT.includes(k) && /^\d+$/.test(String(out[k])) && Number.isSafeInteger(Number(out[k]))) {
        out[k] = Number(out[k]);
      }
    }
    return out;
  };
  const uidOf = (alias) => {
    const arn = evaluate(aliases[alias].assume_role[0].role_arn);
    return arn.match(/^acs:ram::(\d+):role\//)[1];
  };

  // Data sources first: VPCs (router, route table) and accounts.
  let n = 0;
  for (const b of data) {
    n++;
    if (b.type === 'alicloud_vpcs') {
      const args = configured(b);
      const id = args.ids[0];
      values.set(b.address, {
        id: `${n}`, ids: [id], cidr_block: args.cidr_block,
        vpcs: [{ id, region_id: regionOf(b), cidr_block: args.cidr_block, status: 'Available',
                 router_id: `vrt-${pad(n, 20)}`, vrouter_id: `vrt-${pad(n, 20)}`,
                 route_table_id: `vtb-${pad(n, 20)}`, vpc_name: '', vswitch_ids: [] }],
      });
    } else if (b.type === 'alicloud_vswitches') {
      const args = configured(b);
      values.set(b.address, {
        id: `${n}`, ids: args.ids, vpc_id: args.vpc_id, zone_id: args.zone_id, cidr_block: args.cidr_block,
        vswitches: [{ id: args.ids[0], vpc_id: args.vpc_id, zone_id: args.zone_id,
                      cidr_block: args.cidr_block, name: '', instance_ids: [] }],
      });
    } else if (b.type === 'alicloud_account') {
      values.set(b.address, { id: uidOf(aliasOf(b)) });
    } else {
      throw new Error(`data ${b.type} is not one peerplan writes`);
    }
  }
  const vpcByRouter = {};
  for (const [, v] of values) if (v.vpcs) vpcByRouter[v.vpcs[0].router_id] = v.vpcs[0];

  // Resources in file order: ids first (references may point forward), then values.
  n = 0;
  for (const b of resources) {
    n++;
    if (b.type === 'alicloud_express_connect_router_interface') values.set(b.address, { id: `ri-${pad(n, 20)}` });
    if (b.type === 'alicloud_vpc_peer_connection') values.set(b.address, { id: `pcc-${pad(n, 20)}` });
  }
  const pending = resources.filter((b) => !values.has(b.address));
  for (const b of resources.filter((r) => values.has(r.address))) {
    const id = values.get(b.address).id;
    const v = { id, ...configured(b) };
    if (b.type === 'alicloud_express_connect_router_interface') {
      v.router_interface_id = id;
      v.vpc_instance_id = vpcByRouter[v.router_id].id;
      v.opposite_vpc_instance_id = v.opposite_router_id ? vpcByRouter[v.opposite_router_id].id : '';
      v.status = 'Active';
      v.opposite_interface_status = 'Active';
    } else {
      v.region_id = regionOf(b);
      v.status = 'Activated';
    }
    values.set(b.address, v);
  }
  for (const b of pending) {
    const v = configured(b);
    if (b.type === 'alicloud_router_interface_connection') {
      v.id = v.interface_id;
      // The interface's Read now sees its opposite.
      const iface = [...values.values()].find((x) => x.id === v.interface_id);
      iface.opposite_interface_id = v.opposite_interface_id;
    } else if (b.type === 'alicloud_vpc_peer_connection_accepter') {
      const peer = [...values.values()].find((x) => x.id === v.instance_id);
      Object.assign(v, { id: v.instance_id, vpc_id: peer.vpc_id, accepting_vpc_id: peer.accepting_vpc_id,
                         accepting_region_id: peer.accepting_region_id, region_id: peer.region_id,
                         accepting_owner_uid: peer.accepting_ali_uid, status: 'Activated' });
    } else if (b.type === 'alicloud_route_entry') {
      const table = [...values.values()].find((x) => x.vpcs && x.vpcs[0].route_table_id === v.route_table_id);
      v.router_id = table.vpcs[0].router_id;
      v.id = [v.route_table_id, v.router_id, v.destination_cidrblock, v.nexthop_type, v.nexthop_id].join(':');
    } else {
      throw new Error(`resource ${b.type} is not one peerplan writes`);
    }
    values.set(b.address, v);
  }
  return { data, resources, values, aliasOf };
}

function dependencies(b) {
  return (b.body.depends_on || []).map((d) => d.replace(/^\$\{|\}$/g, '')).sort();
}

async function main() {
  const [file, form] = process.argv.slice(2);
  if (!file || !['raw', 'show', 'first-uid'].includes(form)) {
    console.error('usage: node tfstate.js FILE.tf raw|show|first-uid');
    process.exit(2);
  }
  const { data, resources, values, aliasOf } = await build(file);
  if (form === 'first-uid') {
    // The account of the first requester or initiator: the one `terraform
    // show -json` cannot name (no alias), for `import --account default=UID`.
    const first = resources.find((b) => b.type === 'alicloud_vpc_peer_connection'
                                        || b.body.role === 'InitiatingSide') || resources[0];
    const account = data.find((b) => b.type === 'alicloud_account' && b.name === aliasOf(first));
    process.stdout.write(`${values.get(`data.alicloud_account.${account.name}`).id}\n`);
    return;
  }
  const list = [...data, ...resources];
  let out;
  if (form === 'raw') {
    out = {
      version: 4, terraform_version: '1.9.0', serial: 1, lineage: 'peerplan-round-trip', outputs: {},
      resources: list.map((b) => ({
        mode: b.mode, type: b.type, name: b.name,
        provider: `provider["${PROVIDER}"].${aliasOf(b)}`,
        instances: [{ schema_version: 0, attributes: values.get(b.address),
                      sensitive_attributes: [], dependencies: dependencies(b) }],
      })),
      check_results: null,
    };
  } else {
    out = {
      format_version: '1.0', terraform_version: '1.9.0',
      values: { root_module: { resources: list.map((b) => ({
        address: b.mode === 'data' ? `data.${b.type}.${b.name}` : `${b.type}.${b.name}`,
        mode: b.mode, type: b.type, name: b.name, provider_name: PROVIDER, schema_version: 0,
        values: values.get(b.address), sensitive_values: {}, depends_on: dependencies(b),
      })) } },
    };
  }
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

module.exports = { build };
if (require.main === module) main().catch((e) => { console.error(String(e.stack || e)); process.exit(1); });
