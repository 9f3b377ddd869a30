// canon.js: compares two Terraform configurations `peerplan plan --format
// terraform` wrote, up to the names peerplan chose: each resource and data
// source becomes its type and arguments, with every reference replaced by
// what it refers to (a variable by its default, a provider by its account
// UID and region, a resource by its own canonical form), descriptions left
// out; a value that is a variable counts as the variable's default, so a
// UID written literally equals the same UID as a variable.  Two
// configurations are the same when they hold the same multiset.
// Usage: node canon.js A.tf B.tf  (exit 1 and the differences if not).
'use strict';
const fs = require('fs');
const path = require('path');
const { parse } = require('@cdktf/hcl2json');

const IGNORED = ['description'];

async function canon(file) {
  const json = await parse(path.basename(file), fs.readFileSync(file, 'utf8'));
  const vars = {};
  for (const [name, list] of Object.entries(json.variable || {})) vars[name] = list[0].default;
  const providers = {};
  for (const p of json.provider.alicloud) {
    const uid = p.assume_role[0].role_arn.match(/\$\{var\.(\w+)\}/)[1];
    providers[p.alias] = `provider(${vars[uid]},${p.region})`;
  }
  const blocks = new Map();
  for (const [kind, section] of [['data', json.data], ['resource', json.resource]]) {
    for (const [type, byName] of Object.entries(section || {})) {
      for (const [name, list] of Object.entries(byName)) {
        blocks.set(kind === 'data' ? `data.${type}.${name}` : `${type}.${name}`, { type, body: list[0] });
      }
    }
  }
  const memo = new Map();
  function ref(expr) {
    const p = expr.split('.');
    if (p[0] === 'var') return String(vars[p[1]]);
    if (p[0] === 'alicloud') return providers[p[1]];
    const address = p[0] === 'data' ? p.slice(0, 3).join('.') : p.slice(0, 2).join('.');
    const rest = p.slice(p[0] === 'data' ? 3 : 2).join('.');
    return `${of(address)}${rest ? '.' + rest : ''}`;
  }
  function value(v) {
    if (Array.isArray(v)) return `[${v.map(value).join(',')}]`;
    if (typeof v !== 'string') return JSON.stringify(v);
    const whole = v.match(/^\$\{(var\.[^}]*)\}$/);
    if (whole) return `"${ref(whole[1])}"`;
    return `"${v.replace(/\$\{([^}]*)\}/g, (_, e) => `<${ref(e)}>`)}"`;
  }
  function of(address) {
    if (!memo.has(address)) {
      const b = blocks.get(address);
      if (!b) throw new Error(`${file}: ${address} is not declared`);
      const attrs = Object.keys(b.body).filter((k) => !IGNORED.includes(k)).sort()
        .map((k) => `${k}=${k === 'depends_on' ? `[${b.body[k].map((d) => value(d)).sort().join(',')}]` : value(b.body[k])}`);
      memo.set(address, `${b.type}{${attrs.join(';')}}`);
    }
    return memo.get(address);
  }
  return [...blocks.keys()].map(of).sort();
}

async function main() {
  const [a, b] = process.argv.slice(2);
  const [x, y] = [await canon(a), await canon(b)];
  const only = (p, q) => p.filter((s) => !q.includes(s));
  const missing = only(x, y);
  const extra = only(y, x);
  if (missing.length || extra.length || x.length !== y.length) {
    const cut = (s) => (s.length > 400 ? `${s.slice(0, 400)}...` : s);
    missing.forEach((s) => console.log(`- ${cut(s)}`));
    extra.forEach((s) => console.log(`+ ${cut(s)}`));
    console.log(`not ok - ${path.basename(b)} differs from ${path.basename(a)}`);
    process.exit(1);
  }
  console.log(`ok - ${path.basename(b)} builds what ${path.basename(a)} builds (${x.length} blocks)`);
}

module.exports = { canon };
if (require.main === module) main().catch((e) => { console.error(String(e.stack || e)); process.exit(1); });
