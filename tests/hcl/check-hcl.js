// check-hcl.js: parses the Terraform configurations `peerplan plan --format
// terraform` writes with HashiCorp's HCL parser (@cdktf/hcl2json, the Go
// hcl/v2 library compiled to WebAssembly) and checks their structure on the
// parsed JSON: providers, resource types and arguments, references,
// depends_on.  Usage: node check-hcl.js FILE.tf...  (exit 1 on a failure).
//
// The argument names allowed per type are those of the provider's schema
// (aliyun/terraform-provider-alicloud, alicloud/resource_alicloud_*.go and
// data_source_alicloud_*.go; docs/terraform.md names the sources).
'use strict';
const fs = require('fs');
const path = require('path');
const { parse } = require('@cdktf/hcl2json');

const META = ['provider', 'depends_on'];
const RESOURCES = {
  alicloud_express_connect_router_interface: {
    required: ['role', 'router_type', 'router_id', 'opposite_region_id', 'spec'],
    optional: ['payment_type', 'pricing_cycle', 'period', 'description', 'opposite_router_id',
               'opposite_router_type', 'opposite_interface_owner_id'],
  },
  alicloud_router_interface_connection: {
    required: ['interface_id', 'opposite_interface_id'],
    optional: ['opposite_interface_owner_id', 'opposite_router_id', 'opposite_router_type'],
  },
  alicloud_vpc_peer_connection: {
    required: ['vpc_id', 'accepting_vpc_id', 'accepting_region_id'],
    optional: ['accepting_ali_uid', 'bandwidth', 'link_type', 'description'],
  },
  alicloud_vpc_peer_connection_accepter: { required: ['instance_id'], optional: [] },
  alicloud_route_entry: {
    required: ['route_table_id'],
    optional: ['destination_cidrblock', 'nexthop_type', 'nexthop_id', 'description'],
  },
};
const DATA = {
  alicloud_vpcs: { required: ['ids', 'cidr_block'], optional: [] },
  alicloud_account: { required: [], optional: [] },
  alicloud_vswitches: { required: ['ids', 'vpc_id', 'zone_id', 'cidr_block'], optional: [] },
};

// What each golden must hold: resources per type, providers, depends_on.
const EXPECT = {
  'article.tf': {
    providers: 2, vpcs: 2,
    types: { alicloud_express_connect_router_interface: 2, alicloud_router_interface_connection: 2,
             alicloud_route_entry: 2 },
  },
  'slip-self-opposite.tf': {
    providers: 2, vpcs: 2,
    types: { alicloud_express_connect_router_interface: 2, alicloud_router_interface_connection: 2,
             alicloud_route_entry: 2 },
  },
  'vpc-peer-tokyo-sv.tf': {
    providers: 2, vpcs: 2,
    types: { alicloud_vpc_peer_connection: 1, alicloud_vpc_peer_connection_accepter: 1,
             alicloud_route_entry: 2 },
  },
  'hub-and-spoke.tf': {
    providers: 3, vpcs: 4,
    types: { alicloud_vpc_peer_connection: 3, alicloud_vpc_peer_connection_accepter: 3,
             alicloud_route_entry: 6 },
  },
};

let failures = 0;
function check(cond, file, what) {
  if (!cond) {
    failures++;
    console.log(`not ok - ${file}: ${what}`);
  }
  return cond;
}

// Every ${...} in a value, as its parts (var.x, data.t.n.vpcs[0].router_id, ...).
function refs(value, out = []) {
  if (typeof value === 'string') {
    for (const m of value.matchAll(/\$\{([^}]*)\}/g)) out.push(m[1]);
  } else if (Array.isArray(value)) {
    value.forEach((v) => refs(v, out));
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach((v) => refs(v, out));
  }
  return out;
}

// The single reference a value is, e.g. "${a.b.id}" -> "a.b.id"; else null.
function only(value) {
  const m = typeof value === 'string' && value.match(/^\$\{([^}]*)\}$/);
  return m ? m[1] : null;
}

function blocks(section) {
  const out = [];
  for (const [type, byName] of Object.entries(section || {})) {
    for (const [name, list] of Object.entries(byName)) {
      check(list.length === 1, type, `${name} is declared ${list.length} times`);
      out.push({ type, name, body: list[0], address: `${type}.${name}` });
    }
  }
  return out;
}

async function checkFile(file) {
  const base = path.basename(file);
  const json = await parse(base, fs.readFileSync(file, 'utf8'));

  // The provider, pinned to its registry source.
  const req = json.terraform && json.terraform[0].required_providers[0].alicloud;
  check(req && req.source === 'aliyun/alicloud', base, 'required_providers.alicloud.source');

  const variables = new Set(Object.keys(json.variable || {}));
  const aliases = new Map();
  for (const p of (json.provider && json.provider.alicloud) || []) {
    check(!aliases.has(p.alias), base, `provider alias ${p.alias} twice`);
    aliases.set(p.alias, p);
    check(typeof p.region === 'string' && /^[a-z]+-[a-z0-9-]+$/.test(p.region), base,
          `provider ${p.alias}: region ${p.region}`);
    const arn = p.assume_role && p.assume_role[0].role_arn;
    const m = arn && arn.match(/^acs:ram::\$\{var\.(\w+)\}:role\/\$\{var\.assume_role_name\}$/);
    check(m && variables.has(m[1]), base, `provider ${p.alias}: assume_role.role_arn ${arn}`);
  }

  const resources = blocks(json.resource);
  const data = blocks(json.data);
  const byAddress = new Map();
  resources.forEach((b) => byAddress.set(b.address, b));
  data.forEach((b) => byAddress.set(`data.${b.address}`, b));

  // Types, arguments and providers.
  for (const [list, schema, kind] of [[resources, RESOURCES, 'resource'], [data, DATA, 'data']]) {
    for (const b of list) {
      const s = schema[b.type];
      if (!check(s, base, `${kind} type ${b.type} is not one peerplan writes`)) continue;
      for (const a of s.required) check(a in b.body, base, `${b.address}: no ${a}`);
      for (const a of Object.keys(b.body)) {
        check(s.required.includes(a) || s.optional.includes(a) || META.includes(a), base,
              `${b.address}: argument ${a} is not in the provider's schema`);
      }
      const prov = only(b.body.provider);
      check(prov && prov.startsWith('alicloud.') && aliases.has(prov.slice(9)), base,
            `${b.address}: provider ${b.body.provider} is not a declared alias`);
    }
  }

  // Every reference names something declared.
  for (const r of refs({ resource: json.resource, data: json.data, provider: json.provider })) {
    const parts = r.split('.');
    let ok;
    if (parts[0] === 'var') ok = variables.has(parts[1]);
    else if (parts[0] === 'alicloud') ok = aliases.has(parts[1]);
    else if (parts[0] === 'data') ok = byAddress.has(`data.${parts[1]}.${parts[2]}`);
    else ok = byAddress.has(`${parts[0]}.${parts[1]}`) && ['', 'id'].includes(parts.slice(2).join('.'));
    check(ok, base, `reference \${${r}} names nothing declared`);
  }

  // depends_on: declared resources, no cycle.
  const deps = new Map();
  for (const b of resources) {
    const list = (b.body.depends_on || []).map((d) => only(d));
    list.forEach((d) => check(byAddress.has(d), base, `${b.address}: depends_on ${d} is not declared`));
    deps.set(b.address, list);
  }
  const state = new Map();
  const visit = (a) => {
    if (state.get(a) === 1) return check(false, base, `depends_on cycle through ${a}`);
    if (state.get(a) === 2) return true;
    state.set(a, 1);
    (deps.get(a) || []).forEach(visit);
    state.set(a, 2);
    return true;
  };
  resources.forEach((b) => visit(b.address));

  // The order the API needs.
  const ofType = (t) => resources.filter((b) => b.type === t);
  const connectionOf = new Map();
  for (const c of ofType('alicloud_router_interface_connection')) {
    connectionOf.set(only(c.body.interface_id), c);
  }
  for (const c of ofType('alicloud_router_interface_connection')) {
    const iface = byAddress.get(only(c.body.interface_id).replace(/\.id$/, ''));
    check(iface && iface.type === 'alicloud_express_connect_router_interface', base,
          `${c.address}: interface_id is not a router interface`);
    const other = connectionOf.get(only(c.body.opposite_interface_id));
    if (iface && iface.body.role === 'InitiatingSide' && other && other !== c) {
      check(deps.get(c.address).includes(other.address), base,
            `${c.address}: the initiating side connects before the accepting side named it ` +
            `(no depends_on ${other.address})`);
    }
    check(c.body.provider === iface.body.provider, base,
          `${c.address}: not under the provider of its interface`);
  }
  const accepterOf = new Map();
  for (const a of ofType('alicloud_vpc_peer_connection_accepter')) {
    const peer = byAddress.get(only(a.body.instance_id).replace(/\.id$/, ''));
    check(peer && peer.type === 'alicloud_vpc_peer_connection', base,
          `${a.address}: instance_id is not a peering`);
    check(peer && a.body.provider !== peer.body.provider, base,
          `${a.address}: accepts under the requester's provider`);
    accepterOf.set(only(a.body.instance_id), a);
  }
  for (const r of ofType('alicloud_route_entry')) {
    const hop = only(r.body.nexthop_id);
    const table = only(r.body.route_table_id);
    const vpc = table && byAddress.get(table.split('.').slice(0, 3).join('.'));
    check(vpc && r.body.provider === vpc.body.provider, base,
          `${r.address}: not added by the account and region of the VPC whose table it uses`);
    if (r.body.nexthop_type === 'VpcPeer') {
      const acc = accepterOf.get(hop);
      if (acc) check(deps.get(r.address).includes(acc.address), base,
                     `${r.address}: routes over the peering before it is accepted`);
    } else if (r.body.nexthop_type === 'RouterInterface') {
      const initiating = [...connectionOf.values()].find((c) => {
        const i = byAddress.get(only(c.body.interface_id).replace(/\.id$/, ''));
        return i && i.body.role === 'InitiatingSide'
          && (only(c.body.interface_id) === hop || only(c.body.opposite_interface_id) === hop);
      });
      check(initiating && deps.get(r.address).includes(initiating.address), base,
            `${r.address}: routes over the router interface before it is connected`);
    } else {
      check(false, base, `${r.address}: nexthop_type ${r.body.nexthop_type}`);
    }
  }

  // What the golden must hold.
  const want = EXPECT[base];
  if (want) {
    check(aliases.size === want.providers, base, `${aliases.size} providers, want ${want.providers}`);
    check(data.filter((b) => b.type === 'alicloud_vpcs').length === want.vpcs, base, 'VPC lookups');
    check(data.filter((b) => b.type === 'alicloud_vswitches').length === want.vpcs, base,
          'vSwitch lookups (one per VPC in these examples)');
    check(data.filter((b) => b.type === 'alicloud_account').length === want.providers, base,
          'one alicloud_account per provider alias');
    const counts = {};
    resources.forEach((b) => { counts[b.type] = (counts[b.type] || 0) + 1; });
    const sorted = (o) => JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]]));
    check(sorted(counts) === sorted(want.types), base,
          `resources ${JSON.stringify(counts)}, want ${JSON.stringify(want.types)}`);
  }
  return json;
}

async function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node check-hcl.js FILE.tf...');
    process.exit(2);
  }
  for (const f of files) {
    const before = failures;
    try {
      await checkFile(f);
    } catch (e) {
      check(false, path.basename(f), `does not parse: ${String(e.message || e).split('\n')[0]}`);
    }
    if (failures === before) console.log(`ok - ${path.basename(f)}`);
  }
  process.exit(failures ? 1 : 0);
}

module.exports = { checkFile, only, refs };
if (require.main === module) main();
