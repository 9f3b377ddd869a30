#!/usr/bin/env node
// article-pop-core.js: the article's workflow from two accounts through
// @alicloud/pop-core (signature v1, apiVersion 2016-04-28), GET and POST,
// then the exported state through `peerplan check`.
'use strict';
const h = require('./lib/harness');
const article = require('./lib/article');
const { checkExport } = require('./lib/export');

h.main(async () => {
  const server = await h.startServer();
  try {
    const clients = { A: h.popClient(server, 'A'), B: h.popClient(server, 'B') };
    let n = 0;
    // Alternate GET and POST: pop-core signs both the same way.
    const call = (account, action, params) =>
      clients[account].request(action, params, { method: (n++ % 2) ? 'POST' : 'GET' });
    const ids = await article.run(call);
    await checkExport(server, ids);
    console.log(`ok: article workflow through @alicloud/pop-core (${n} calls)`);
  } finally {
    const { code } = await server.stop();
    h.check(code === 0, `peerplan serve exited ${code} on SIGTERM`);
  }
});
