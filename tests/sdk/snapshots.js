#!/usr/bin/env node
// snapshots.js: API snapshots for `peerplan import`, made by the official
// SDK (@alicloud/openapi-client, pinned by package-lock.json) against
// `peerplan serve`: the article's router-interface flow and a VPC peering,
// then each account's Describe*/List* answers, as pages (the aliyun CLI
// without --pager prints each answer; here they are concatenated in one
// file) and merged (what `aliyun --pager` prints: only the collection, under
// its last two path segments).  `peerplan import` of the answers must equal
// the served state (GET /_peerplan/scenario) in everything the answers
// carry.  With an output directory as argument, the answers and the served
// scenario are also written there (tests/data/import/api/ was made so).
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const h = require('./lib/harness');
const article = require('./lib/article');
const { A, B } = article;

const VPC = '2016-04-28';
const PEER = '2022-01-01';

h.main(async () => {
  const out = process.argv[2] || null;
  const dir = h.tmpdir('peerplan-snap-');
  const server = await h.startServer();
  try {
    const clients = { A: h.openapiClient(server, 'A'), B: h.openapiClient(server, 'B') };
    const call = (account, action, params) => h.callGeneric(clients[account], VPC, action, params);
    const peer = (account, action, params) => h.callGeneric(clients[account], PEER, action, params);

    await article.run(call);
    const created = await peer('A', 'CreateVpcPeerConnection', {
      RegionId: A.region, VpcId: A.vpc, AcceptingAliUid: Number(B.uid),
      AcceptingRegionId: B.region, AcceptingVpcId: B.vpc, Bandwidth: 100, Name: 'tokyo-sv-peer'
    });
    await h.poll('Accepting', () => peer('A', 'GetVpcPeerConnectionAttribute', { InstanceId: created.InstanceId }),
                 (r) => r.Status === 'Accepting');
    await peer('B', 'AcceptVpcPeerConnection', { InstanceId: created.InstanceId });
    await h.poll('Activated', () => peer('A', 'GetVpcPeerConnectionAttribute', { InstanceId: created.InstanceId }),
                 (r) => r.Status === 'Activated');

    // Every page of a PageNumber/PageSize answer.
    const pages = async (account, action, params, wrapper, list) => {
      const got = [];
      for (let n = 1; ; n++) {
        const r = await call(account, action, Object.assign({ PageNumber: n, PageSize: 1 }, params));
        got.push(r);
        const seen = got.reduce((k, p) => k + p[wrapper][list].length, 0);
        if (seen >= r.TotalCount || r[wrapper][list].length === 0) break;
      }
      return got;
    };
    const merged = (answers, wrapper, list) => {
      const items = [].concat(...answers.map((r) => list ? r[wrapper][list] : r[wrapper]));
      return list ? { [wrapper]: { [list]: items } } : { [wrapper]: items };
    };
    const files = [];
    const write = (name, answers) => {
      const text = answers.map((a) => JSON.stringify(a, null, 2) + '\n').join('');
      fs.writeFileSync(path.join(dir, name), text);
      if (out) fs.writeFileSync(path.join(out, name), text);
      files.push(path.join(dir, name));
    };
    for (const side of [A, B]) {
      const acct = side.account;
      const p = { RegionId: side.region };
      // without --pager: every page, concatenated
      write(`${acct}-vpcs.json`, await pages(acct, 'DescribeVpcs', p, 'Vpcs', 'Vpc'));
      write(`${acct}-vswitches.json`, await pages(acct, 'DescribeVSwitches', p, 'VSwitches', 'VSwitch'));
      // with --pager: the merged collection only
      const tables = await pages(acct, 'DescribeRouteTableList', p, 'RouterTableList', 'RouterTableListType');
      write(`${acct}-route-tables.json`, [merged(tables, 'RouterTableList', 'RouterTableListType')]);
      const entries = [];
      for (const t of merged(tables, 'RouterTableList', 'RouterTableListType').RouterTableList.RouterTableListType) {
        entries.push(await call(acct, 'DescribeRouteEntryList', { RegionId: side.region, RouteTableId: t.RouteTableId }));
      }
      write(`${acct}-route-entries.json`, entries);
      const ris = await pages(acct, 'DescribeRouterInterfaces', p, 'RouterInterfaceSet', 'RouterInterfaceType');
      write(`${acct}-router-interfaces.json`, [merged(ris, 'RouterInterfaceSet', 'RouterInterfaceType')]);
      const peers = await peer(acct, 'ListVpcPeerConnections', { RegionId: side.region });
      write(`${acct}-peer-connections.json`, acct === 'A' ? [peers] : [merged([peers], 'VpcPeerConnects', null)]);
    }
    const served = await h.httpGet(`${server.url}/_peerplan/scenario`);
    h.check(served.status === 200, `GET /_peerplan/scenario: ${served.status}`);
    if (out) fs.writeFileSync(path.join(out, 'served.xml'), served.text);

    const imp = spawnSync(h.PEERPLAN, ['import', '--account', `A=${A.uid}`, '--account', `B=${B.uid}`, ...files],
                          { encoding: 'utf8' });
    h.check(imp.status === 0, `peerplan import exited ${imp.status}: ${imp.stderr}`);
    const want = comparable(served.text);
    const got = comparable(imp.stdout);
    h.check(got === want, `import of the answers differs from the served state:\n--- served\n${want}\n--- imported\n${got}`);
    console.log(`ok: ${files.length} API snapshots import to the served state`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    const { code } = await server.stop();
    h.check(code === 0, `peerplan serve exited ${code} on SIGTERM`);
  }
});

// What API answers carry of a scenario: everything but the scenario's name,
// AccessKeys, instances (ECS is not served), usage, prices and expect-reach
// (planning data, not cloud state), a subscription's period (the answers
// give its end time, not its length) and VPC names (serve answers VpcName
// with the id where the scenario names none).  Connections compared as a
// set: the export lists them in creation order, the import peerings first.
function comparable (xml) {
  const lines = xml.split('\n')
    .filter((l) => !/<(instance|usage|price|expect-reach)\b|<\/?scenario\b|<\?xml|^ *<\/vswitch>$/.test(l))
    .map((l) => l.replace(/ (access-key-(id|secret)|name|period|cycle)="[^"]*"/g, '')
      .replace(/<vswitch ([^>]*[^/])>$/, '<vswitch $1/>'))
    .filter((l) => l.trim() !== '');
  const head = [];
  const conns = [];
  for (const l of lines) {
    if (/^ *<connection /.test(l)) conns.push([l]);
    else if (conns.length > 0) conns[conns.length - 1].push(l);
    else head.push(l);
  }
  return head.concat(conns.map((c) => c.join('\n')).sort()).join('\n');
}
