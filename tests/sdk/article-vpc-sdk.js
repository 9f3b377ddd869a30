#!/usr/bin/env node
// article-vpc-sdk.js: the article's workflow from two accounts through
// @alicloud/vpc20160428 (typed client, ACS3-HMAC-SHA256, protocol 'http'),
// then the exported state through `peerplan check`.
'use strict';
const h = require('./lib/harness');
const article = require('./lib/article');
const { checkExport } = require('./lib/export');
const { typedCaller } = require('./lib/typed');

h.main(async () => {
  const server = await h.startServer();
  try {
    const call = typedCaller({ A: h.vpcClient(server, 'A'), B: h.vpcClient(server, 'B') });
    const ids = await article.run(call);
    await checkExport(server, ids);
    console.log('ok: article workflow through @alicloud/vpc20160428');
  } finally {
    const { code } = await server.stop();
    h.check(code === 0, `peerplan serve exited ${code} on SIGTERM`);
  }
});
