// export.js: GET /_peerplan/scenario after a workflow, and `peerplan check`
// on it: the connection is there, active, with a route each way, and the
// check (reach rules included) passes.
'use strict';
const fs = require('fs');
const path = require('path');
const h = require('./harness');

async function checkExport (server, ids, opts = {}) {
  const res = await h.httpGet(`${server.url}/_peerplan/scenario`);
  h.check(res.status === 200, `GET /_peerplan/scenario: ${res.status}`);
  const xml = res.text;
  const connId = opts.connection || ids.riA;
  h.check(xml.includes(`<connection id="${connId}"`),
          `export lacks connection ${connId}:\n${xml}`);
  h.check(/<connection [^>]*status="(Active|Activated)"/.test(xml),
          `export: the connection is not active:\n${xml}`);
  h.check((xml.match(/<route /g) || []).length >= 2, `export: fewer than 2 routes:\n${xml}`);
  h.check((xml.match(/<expect-reach /g) || []).length === 2,
          `export: the scenario's two expect-reach elements are missing:\n${xml}`);
  const text = h.peerplanCheck(xml);
  h.check(text.status === 0, `peerplan check exited ${text.status}:\n${text.stdout}${text.stderr}`);
  const json = h.peerplanCheck(xml, ['--format', 'json']);
  h.check(json.status === 0, `peerplan check --format json exited ${json.status}`);
  const report = JSON.parse(json.stdout);
  const findings = JSON.stringify(report);
  h.check(!/"(reach|route)-[a-z-]+"[^}]*"severity" *: *"error"/.test(findings),
          `reach/route errors in the export:\n${json.stdout}`);
  // Without the routes the pings fail: once the reach rules are in the
  // program (docs/rules.md lists route-missing), the check must say so
  // (route-missing; it explains the failed pings, so no reach-failed).
  const rules = fs.readFileSync(path.join(h.TOP_SRCDIR, 'docs', 'rules.md'), 'utf8');
  if (rules.includes('route-missing')) {
    const broken = h.peerplanCheck(xml.replace(/^ *<route .*\n/mg, ''));
    h.check(broken.status === 1 && broken.stdout.includes('route-missing'),
            `check of the export without routes: exit ${broken.status}, expected route-missing`);
  }
  return xml;
}

module.exports = { checkExport };
