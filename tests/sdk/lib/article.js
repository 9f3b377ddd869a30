// article.js: the article's workflow (../shared/seed/WORKFLOW.md) as two
// accounts run it through the API, written once against a small call
// interface so that each SDK drives the same steps:
//   call(account, action, params) -> the parsed response body.
'use strict';
const h = require('./harness');

const A = { account: 'A', region: 'ap-northeast-1', vpc: 'vpc-tokyo', uid: '1111111111111111',
            cidr: '172.16.0.0/24' };
const B = { account: 'B', region: 'us-west-1', vpc: 'vpc-sv', uid: '2222222222222222',
            cidr: '192.168.0.0/24' };

async function describeVpc (call, side) {
  const r = await call(side.account, 'DescribeVpcs', { RegionId: side.region, VpcId: side.vpc });
  h.check(r.TotalCount === 1, `${side.account}: DescribeVpcs found ${r.TotalCount} VPCs`);
  const vpc = r.Vpcs.Vpc[0];
  h.check(typeof vpc.VRouterId === 'string' && vpc.VRouterId.startsWith('vrt-'),
          `${side.account}: no VRouterId`);
  return vpc;
}

async function riStatus (call, side, id) {
  const r = await call(side.account, 'DescribeRouterInterfaces', {
    RegionId: side.region, 'Filter.1.Key': 'RouterInterfaceId', 'Filter.1.Value.1': id
  });
  h.check(r.RouterInterfaceSet.RouterInterfaceType.length === 1,
          `${side.account}: DescribeRouterInterfaces ${id} gave ${r.TotalCount}`);
  return r.RouterInterfaceSet.RouterInterfaceType[0];
}

// Runs the five steps; returns the ids it created.
async function run (call) {
  const vpcA = await describeVpc(call, A);
  const vpcB = await describeVpc(call, B);
  const tableA = vpcA.RouterTableIds.RouterTableIds[0];
  const tableB = vpcB.RouterTableIds.RouterTableIds[0];

  // 1. Each side creates its router interface; A initiates and buys.
  const riA = (await call('A', 'CreateRouterInterface', {
    RegionId: A.region, Role: 'InitiatingSide', RouterType: 'VRouter',
    RouterId: vpcA.VRouterId, Spec: 'Large.1', OppositeRegionId: B.region,
    InstanceChargeType: 'PrePaid', PricingCycle: 'Month', Period: '1', AutoPay: 'true',
    Name: 'tokyo-to-sv'
  })).RouterInterfaceId;
  const riB = (await call('B', 'CreateRouterInterface', {
    RegionId: B.region, Role: 'AcceptingSide', RouterType: 'VRouter',
    RouterId: vpcB.VRouterId, Spec: 'Negative', OppositeRegionId: A.region,
    Name: 'sv-from-tokyo'
  })).RouterInterfaceId;
  h.check(/^ri-/.test(riA) && /^ri-/.test(riB), `bad interface ids ${riA} ${riB}`);
  h.check((await riStatus(call, A, riA)).Status === 'Idle', 'A: new interface not Idle');

  // 2. Each side names the other: interface, router, type, owner.
  await call('A', 'ModifyRouterInterfaceAttribute', {
    RegionId: A.region, RouterInterfaceId: riA, OppositeInterfaceId: riB,
    OppositeRouterId: vpcB.VRouterId, OppositeRouterType: 'VRouter',
    OppositeInterfaceOwnerId: B.uid
  });
  await call('B', 'ModifyRouterInterfaceAttribute', {
    RegionId: B.region, RouterInterfaceId: riB, OppositeInterfaceId: riA,
    OppositeRouterId: vpcA.VRouterId, OppositeRouterType: 'VRouter',
    OppositeInterfaceOwnerId: A.uid
  });

  // 3. Only A connects; both ends turn Active.
  await call('A', 'ConnectRouterInterface', { RegionId: A.region, RouterInterfaceId: riA });
  await h.poll('A active', () => riStatus(call, A, riA), (ri) => ri.Status === 'Active');
  await h.poll('B active', () => riStatus(call, B, riB), (ri) => ri.Status === 'Active');

  // 4. Routes both ways, next hop = the side's own interface.
  const rteA = await call('A', 'CreateRouteEntry', {
    RegionId: A.region, RouteTableId: tableA, DestinationCidrBlock: B.cidr,
    NextHopType: 'RouterInterface', NextHopId: riA
  });
  const rteB = await call('B', 'CreateRouteEntry', {
    RegionId: B.region, RouteTableId: tableB, DestinationCidrBlock: A.cidr,
    NextHopType: 'RouterInterface', NextHopId: riB
  });
  for (const [side, table, rte] of [[A, tableA, rteA], [B, tableB, rteB]]) {
    await h.poll(`${side.account} route`, () => call(side.account, 'DescribeRouteEntryList', {
      RegionId: side.region, RouteTableId: table, RouteEntryId: rte.RouteEntryId
    }), (r) => r.RouteEntrys.RouteEntry.length === 1 &&
               r.RouteEntrys.RouteEntry[0].Status === 'Available');
  }
  return { riA, riB, tableA, tableB, vpcA, vpcB };
}

module.exports = { A, B, run, riStatus, describeVpc };
