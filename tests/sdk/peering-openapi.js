#!/usr/bin/env node
// peering-openapi.js: the VPC peering flow across accounts through
// @alicloud/openapi-client's generic callApi (VpcPeer 2022-01-01, POST with a
// form body, ACS3): A requests, B sees and accepts, both add routes (Vpc
// 2016-04-28, same client), then the export passes `peerplan check`.
'use strict';
const h = require('./lib/harness');
const { A, B, describeVpc } = require('./lib/article');
const { checkExport } = require('./lib/export');

const PEER = '2022-01-01';
const VPC = '2016-04-28';

h.main(async () => {
  const server = await h.startServer();
  try {
    const clients = { A: h.openapiClient(server, 'A'), B: h.openapiClient(server, 'B') };
    const call = (account, version, action, body, query) =>
      h.callGeneric(clients[account], version, action, body, query);
    const vpcCall = (account, action, params) => call(account, VPC, action, params);

    const created = await call('A', PEER, 'CreateVpcPeerConnection', {
      RegionId: A.region, VpcId: A.vpc, AcceptingAliUid: Number(B.uid),
      AcceptingRegionId: B.region, AcceptingVpcId: B.vpc, Bandwidth: 100,
      Name: 'tokyo-sv-peer'
    });
    const pcc = created.InstanceId;
    h.check(/^pcc-/.test(pcc), `CreateVpcPeerConnection gave ${JSON.stringify(created)}`);
    const get = (account) => call(account, PEER, 'GetVpcPeerConnectionAttribute', { InstanceId: pcc });
    // Across accounts the request waits for the accepter.
    const waiting = await h.poll('A: Accepting', () => get('A'), (r) => r.Status === 'Accepting');
    h.check(waiting.AcceptingOwnerUid === Number(B.uid), 'AcceptingOwnerUid is not B');
    // The accepter sees it too (list and get), and accepts it.
    const listed = await call('B', PEER, 'ListVpcPeerConnections', { RegionId: B.region });
    h.check(listed.VpcPeerConnects.some((p) => p.InstanceId === pcc),
            `B's ListVpcPeerConnections lacks ${pcc}: ${JSON.stringify(listed)}`);
    await call('B', PEER, 'AcceptVpcPeerConnection', { InstanceId: pcc });
    await h.poll('Activated', () => get('B'), (r) => r.Status === 'Activated');

    const vpcA = await describeVpc(vpcCall, A);
    const vpcB = await describeVpc(vpcCall, B);
    for (const [side, vpc, dest] of [[A, vpcA, B.cidr], [B, vpcB, A.cidr]]) {
      const table = vpc.RouterTableIds.RouterTableIds[0];
      const rte = await vpcCall(side.account, 'CreateRouteEntry', {
        RegionId: side.region, RouteTableId: table, DestinationCidrBlock: dest,
        NextHopType: 'VpcPeer', NextHopId: pcc
      });
      await h.poll(`${side.account} route`, () => vpcCall(side.account, 'DescribeRouteEntryList', {
        RegionId: side.region, RouteTableId: table, RouteEntryId: rte.RouteEntryId
      }), (r) => r.RouteEntrys.RouteEntry.length === 1 &&
                 r.RouteEntrys.RouteEntry[0].Status === 'Available');
    }
    await checkExport(server, {}, { connection: pcc });
    console.log('ok: VPC peering flow through @alicloud/openapi-client');
  } finally {
    const { code } = await server.stop();
    h.check(code === 0, `peerplan serve exited ${code} on SIGTERM`);
  }
});
