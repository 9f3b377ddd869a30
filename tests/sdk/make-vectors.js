#!/usr/bin/env node
// make-vectors.js: records what the real npm clients send, as test vectors
// for the signature checks in sim/serve/pp-sign.c (tests/test-serve-sign.c).
//
// A throw-away HTTP server on 127.0.0.1 captures each request exactly as it
// arrives (method, target, headers, body) and answers an empty success.  The
// signature in each captured request was computed by the SDK itself, so the
// C code must reproduce it byte for byte.  Run from tests/sdk:
//   node make-vectors.js > vectors.json
// The output is reviewed and committed, never regenerated blindly.
'use strict';
const http = require('http');
const RPCClient = require('@alicloud/pop-core');
const Vpc = require('@alicloud/vpc20160428');
const OpenApi = require('@alicloud/openapi-client');
const OpenApiCore = require('@alicloud/openapi-core');

const AK = 'LTAI5tPeerplanTestKeyA';
const SECRET = 'peerplan/Test+Secret=A';
// Values meant to hit every branch of the percent-encoding rules.
const AWKWARD = "a b+c/d*e~f!g'h(i)j&k=l%m\u00e9\u6771\u4eac\ud83d\ude00";

async function main () {
  const captured = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      captured.push({
        method: req.method,
        target: req.url,
        headers: req.rawHeaders.reduce((acc, v, i, a) => {
          if (i % 2 === 0) acc.push([a[i].toLowerCase(), a[i + 1]]);
          return acc;
        }, []),
        body: Buffer.concat(chunks).toString('utf8')
      });
      res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
      res.end('{"RequestId":"00000000-0000-0000-0000-000000000000"}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  const host = `127.0.0.1:${port}`;
  const vectors = [];
  async function record (name, scheme, fn) {
    const before = captured.length;
    await fn();
    if (captured.length !== before + 1) throw new Error(`${name}: expected one request`);
    vectors.push(Object.assign({ name, scheme, access_key_id: AK, secret: SECRET }, captured[before]));
  }

  const pop = new RPCClient({
    accessKeyId: AK, accessKeySecret: SECRET,
    endpoint: `http://${host}`, apiVersion: '2016-04-28'
  });
  await record('pop-core GET DescribeRegions', 'v1', () =>
    pop.request('DescribeRegions', { RegionId: 'ap-northeast-1' }));
  await record('pop-core GET awkward values and arrays', 'v1', () =>
    pop.request('DescribeRouterInterfaces', {
      RegionId: 'us-west-1',
      Filter: [{ Key: 'Name', Value: [AWKWARD, 'x y'] }]
    }));
  await record('pop-core POST CreateRouterInterface', 'v1', () =>
    pop.request('CreateRouterInterface', {
      RegionId: 'ap-northeast-1', Role: 'InitiatingSide', RouterType: 'VRouter',
      RouterId: 'vrt-abc', Spec: 'Large.1', OppositeRegionId: 'us-west-1',
      Description: AWKWARD
    }, { method: 'POST' }));

  const vpc = new Vpc.default(new OpenApiCore.$OpenApiUtil.Config({
    accessKeyId: AK, accessKeySecret: SECRET, endpoint: host, protocol: 'http'
  }));
  await record('vpc20160428 DescribeRegions (ACS3)', 'acs3', () =>
    vpc.describeRegions(new Vpc.DescribeRegionsRequest({ regionId: 'ap-northeast-1' })));
  await record('vpc20160428 CreateRouterInterface awkward (ACS3)', 'acs3', () =>
    vpc.createRouterInterface(new Vpc.CreateRouterInterfaceRequest({
      regionId: 'ap-northeast-1', role: 'InitiatingSide', routerType: 'VRouter',
      routerId: 'vrt-abc', spec: 'Large.1', oppositeRegionId: 'us-west-1',
      description: AWKWARD, autoPay: true, period: 1
    })));

  const generic = new OpenApi.default(new OpenApi.Config({
    accessKeyId: AK, accessKeySecret: SECRET, endpoint: host, protocol: 'http'
  }));
  const params = new OpenApi.Params({
    action: 'CreateVpcPeerConnection', version: '2022-01-01', protocol: 'HTTP',
    pathname: '/', method: 'POST', authType: 'AK', style: 'RPC',
    reqBodyType: 'formData', bodyType: 'json'
  });
  await record('openapi-client VpcPeer form body (ACS3)', 'acs3', () =>
    generic.callApi(params, new OpenApi.OpenApiRequest({
      query: { ResourceGroupId: 'rg-1' },
      body: { RegionId: 'ap-northeast-1', VpcId: 'vpc-1', AcceptingAliUid: 2222222222222222,
              AcceptingRegionId: 'us-west-1', AcceptingVpcId: 'vpc-2', Name: AWKWARD }
    }), {}));

  const v2 = new OpenApi.default(new OpenApi.Config({
    accessKeyId: AK, accessKeySecret: SECRET, endpoint: host, protocol: 'http',
    signatureAlgorithm: 'v2'
  }));
  await record('openapi-client signatureAlgorithm v2 (v1 signing)', 'v1', () =>
    v2.callApi(params, new OpenApi.OpenApiRequest({
      query: { ResourceGroupId: 'rg-1' },
      body: { RegionId: 'ap-northeast-1', VpcId: 'vpc-1', Name: AWKWARD }
    }), {}));

  server.close();
  process.stdout.write(JSON.stringify({ version: 1, vectors }, null, 2) + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
