// typed.js: drives @alicloud/vpc20160428's typed methods from wire-style
// (action, {PascalCase: value}) calls, so the shared workflow runs through
// the generated request models, the ACS3 signer, and the response models'
// casts (a JSON type the model cannot cast throws there).
'use strict';
const h = require('./harness');

function lcfirst (s) {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

// Converts {"Filter.1.Key": k, "Filter.1.Value.1": v, Period: "1", ...}
// into the request model's camelCase, typed fields.
function toRequest (action, params) {
  const Request = h.Vpc[`${action}Request`];
  h.check(Request, `@alicloud/vpc20160428 has no ${action}Request`);
  const types = Request.types();
  const map = {};
  const filters = {};
  for (const [k, v] of Object.entries(params)) {
    const m = /^Filter\.(\d+)\.(Key|Value\.(\d+))$/.exec(k);
    if (m) {
      const f = filters[m[1]] = filters[m[1]] || { key: undefined, value: [] };
      if (m[2] === 'Key') f.key = v; else f.value[Number(m[3]) - 1] = v;
      continue;
    }
    const name = lcfirst(k);
    h.check(name in types, `${action}Request has no field ${name}`);
    const t = types[name];
    map[name] = t === 'number' ? Number(v) : t === 'boolean' ? (v === true || v === 'true') : v;
  }
  if (Object.keys(filters).length > 0) {
    const Filter = types.filter.itemType;
    map.filter = Object.keys(filters).sort((a, b) => a - b).map((i) => new Filter(filters[i]));
  }
  return new Request(map);
}

function typedCaller (clients) {
  return async (account, action, params) => {
    const client = clients[account];
    const res = await client[lcfirst(action)](toRequest(action, params));
    h.check(res.statusCode === 200, `${action}: HTTP ${res.statusCode}`);
    // Back to wire names, through the response model.
    return res.body.toMap();
  };
}

module.exports = { typedCaller, toRequest };
