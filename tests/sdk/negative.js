#!/usr/bin/env node
// negative.js: what the official SDKs surface when the endpoint refuses:
// a wrong secret, an unknown AccessKey, B reading or changing A's router
// interface, B connecting, and a replayed nonce; through @alicloud/pop-core
// (error by body Code) and @alicloud/vpc20160428 (error by HTTP status).
'use strict';
const path = require('path');
const h = require('./lib/harness');
const { A, B, describeVpc } = require('./lib/article');
const { typedCaller } = require('./lib/typed');

// The nonce generators the two SDKs use, so a test can repeat one.
const kitx = require(require.resolve('kitx', {
  paths: [path.dirname(require.resolve('@alicloud/pop-core'))]
}));
const oaUtils = require(require.resolve('@alicloud/openapi-core/dist/utils')).default;

async function withFixedNonce (fn) {
  const saved = [kitx.makeNonce, oaUtils.getNonce];
  const nonce = `peerplan-replay-${process.pid}-${Date.now()}`;
  kitx.makeNonce = () => nonce;
  oaUtils.getNonce = () => nonce;
  try {
    return await fn();
  } finally {
    [kitx.makeNonce, oaUtils.getNonce] = saved;
  }
}

h.main(async () => {
  const server = await h.startServer();
  try {
    const pop = { A: h.popClient(server, 'A'), B: h.popClient(server, 'B') };
    const typed = typedCaller({ A: h.vpcClient(server, 'A'), B: h.vpcClient(server, 'B') });
    const popCall = (account, action, params) => pop[account].request(action, params);
    const regions = { RegionId: A.region };
    const english = { AcceptLanguage: 'en-US' };   /* the typed model has no RegionId */

    // Wrong secret.
    const badPop = h.popClient(server, 'A', { secret: 'not-the-secret' });
    let e = await h.expectError('pop-core, wrong secret', badPop.request('DescribeRegions', regions),
                                'SignatureDoesNotMatch');
    h.check(e.name === 'SignatureDoesNotMatchError', `pop-core error name ${e.name}`);
    const badVpc = typedCaller({ A: h.vpcClient(server, 'A', { secret: 'not-the-secret' }) });
    e = await h.expectError('vpc20160428, wrong secret', badVpc('A', 'DescribeRegions', english),
                            'SignatureDoesNotMatch');
    h.check(e.statusCode === 400, `vpc20160428 wrong secret: status ${e.statusCode}`);
    h.check(typeof e.data.RequestId === 'string' && typeof e.data.Recommend === 'string',
            'error body lacks RequestId or Recommend');

    // Unknown AccessKey.
    const ghost = { url: server.url, host: server.host,
                    accounts: { X: { access_key_id: 'LTAI0000000000000000none', access_key_secret: 'x' } } };
    await h.expectError('pop-core, unknown key', h.popClient(ghost, 'X').request('DescribeRegions', regions),
                        'InvalidAccessKeyId.NotFound');
    e = await h.expectError('vpc20160428, unknown key',
                            typedCaller({ X: h.vpcClient(ghost, 'X') })('X', 'DescribeRegions', english),
                            'InvalidAccessKeyId.NotFound');
    h.check(e.statusCode === 404, `unknown key: status ${e.statusCode}`);

    // A's interface, as B sees it: not at all.
    const vpcA = await describeVpc(popCall, A);
    const vpcB = await describeVpc(popCall, B);
    const riA = (await popCall('A', 'CreateRouterInterface', {
      RegionId: A.region, Role: 'InitiatingSide', RouterType: 'VRouter', RouterId: vpcA.VRouterId,
      Spec: 'Large.1', OppositeRegionId: B.region
    })).RouterInterfaceId;
    const riB = (await popCall('B', 'CreateRouterInterface', {
      RegionId: B.region, Role: 'AcceptingSide', RouterType: 'VRouter', RouterId: vpcB.VRouterId,
      Spec: 'Negative', OppositeRegionId: A.region
    })).RouterInterfaceId;
    for (const call of [popCall, typed]) {
      const seen = await call('B', 'DescribeRouterInterfaces', {
        RegionId: A.region, 'Filter.1.Key': 'RouterInterfaceId', 'Filter.1.Value.1': riA
      });
      h.check(seen.TotalCount === 0, `B lists A's interface: ${JSON.stringify(seen)}`);
      await h.expectError('B reads A\'s interface', call('B', 'DescribeRouterInterfaceAttribute', {
        RegionId: A.region, InstanceId: riA
      }), 'InvalidRouterInterfaceId.NotFound');
      await h.expectError('B changes A\'s interface', call('B', 'ModifyRouterInterfaceAttribute', {
        RegionId: A.region, RouterInterfaceId: riA, Name: 'stolen'
      }), 'InvalidRouterInterfaceId.NotFound');
      await h.expectError('B deletes A\'s interface', call('B', 'DeleteRouterInterface', {
        RegionId: A.region, RouterInterfaceId: riA
      }), 'InvalidRouterInterfaceId.NotFound');
      // B connecting: its own interface is the accepting side; A's is not B's.
      await h.expectError('B connects its acceptor', call('B', 'ConnectRouterInterface', {
        RegionId: B.region, RouterInterfaceId: riB
      }), 'IncorrectRole.NotInitiatingSide');
      await h.expectError('B connects A\'s initiator', call('B', 'ConnectRouterInterface', {
        RegionId: A.region, RouterInterfaceId: riA
      }), 'InvalidRouterInterfaceId.NotFound');
    }
    const still = await popCall('A', 'DescribeRouterInterfaceAttribute', { RegionId: A.region, InstanceId: riA });
    h.check(still.Name !== 'stolen' && still.Status === 'Idle', 'A\'s interface was changed');

    // A replayed nonce: the second identical nonce is refused.
    await withFixedNonce(async () => {
      await popCall('A', 'DescribeRegions', regions);
      e = await h.expectError('pop-core, replayed nonce', popCall('A', 'DescribeRegions', regions),
                              'SignatureNonceUsed');
    });
    await withFixedNonce(async () => {
      await typed('B', 'DescribeRegions', english);
      e = await h.expectError('vpc20160428, replayed nonce', typed('B', 'DescribeRegions', english),
                              'SignatureNonceUsed');
      h.check(e.statusCode === 400, `replayed nonce: status ${e.statusCode}`);
    });
    console.log('ok: negative cases through @alicloud/pop-core and @alicloud/vpc20160428');
  } finally {
    const { code } = await server.stop();
    h.check(code === 0, `peerplan serve exited ${code} on SIGTERM`);
  }
});
