#!/usr/bin/env node
// bench.js: load on loopback.  P client processes with C concurrent calls
// each (half through @alicloud/pop-core, half through
// @alicloud/vpc20160428) issue N signed DescribeVpcs calls in total against
// one `peerplan serve`, in memory and with --state; every call must
// succeed.  Prints throughput and latency percentiles and the server's CPU
// time (a benchmark for docs/performance.md, never a timed assertion).
// With --state every call is journaled and synced before its answer (the
// engine is deterministic and counts reads too), so reads measure the
// durable path as well as writes would.
// --raw signs with a dozen lines of node:crypto instead of the SDKs (the
// SDKs' own CPU cost hides the server's on a small machine).  After the
// --state run the server is restarted on the same state and the time to
// replay its journal is printed.
//   node bench.js [--requests N] [--clients C] [--procs P] [--raw]
'use strict';
const crypto = require('crypto');
const http = require('http');
const { fork, execSync } = require('child_process');
const fs = require('fs');
const h = require('./lib/harness');
const { A } = require('./lib/article');
const { typedCaller } = require('./lib/typed');

function arg (name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
}

function percentile (sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

// Signature v1 as pop-core computes it, without the SDK.
function rfc3986 (s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function rawCall (url, agent, account, action, params) {
  const all = Object.assign({
    Action: action, Version: '2016-04-28', Format: 'JSON', AccessKeyId: account.access_key_id,
    SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0',
    SignatureNonce: crypto.randomBytes(16).toString('hex'),
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
  }, params);
  const canon = Object.keys(all).sort().map((k) => `${rfc3986(k)}=${rfc3986(all[k])}`).join('&');
  const sig = crypto.createHmac('sha1', `${account.access_key_secret}&`)
    .update(`GET&%2F&${rfc3986(canon)}`).digest('base64');
  return new Promise((resolve, reject) => {
    http.get(`${url}/?${canon}&Signature=${rfc3986(sig)}`, { agent }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => res.statusCode === 200 ? resolve(body)
        : reject(new Error(`${res.statusCode} ${body}`)));
    }).on('error', reject);
  });
}

// A client process: runs its share and sends back latencies and errors.
async function child () {
  const { ready, requests, clients, raw } = JSON.parse(process.env.PP_BENCH);
  const server = { url: ready.url, host: new URL(ready.url).host, accounts: {} };
  for (const a of ready.accounts) server.accounts[a.id] = a;
  const pop = h.popClient(server, 'A');
  const typed = typedCaller({ A: h.vpcClient(server, 'A') });
  const params = { RegionId: A.region, VpcId: A.vpc };
  const latencies = [];
  const errors = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const a = server.accounts.A;
  let next = 0;
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    while (next++ < requests) {
      const t0 = process.hrtime.bigint();
      try {
        if (raw) await rawCall(server.url, agent, a, 'DescribeVpcs', params);
        else if (c % 2 === 1) await typed('A', 'DescribeVpcs', params);
        else await pop.request('DescribeVpcs', params);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      } catch (e) {
        errors.push(e.message);
      }
    }
  }));
  process.send({ latencies, errors });
}

async function run (label, opts, total, clients, procs, raw) {
  const server = await h.startServer(opts);
  try {
    const share = Math.ceil(total / procs);
    const t0 = process.hrtime.bigint();
    const results = await Promise.all(Array.from({ length: procs }, () => new Promise((resolve, reject) => {
      const env = Object.assign({}, process.env, {
        PP_BENCH: JSON.stringify({ ready: server.ready, requests: share, clients, raw })
      });
      const p = fork(__filename, ['--child'], { env });
      p.once('message', resolve);
      p.once('exit', (code) => { if (code !== 0) reject(new Error(`client exited ${code}`)); });
    })));
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = execSync(`ps -o cputime= -p ${server.proc.pid}`).toString().trim();
    const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const errors = results.flatMap((r) => r.errors);
    const n = latencies.length + errors.length;
    console.log(`| ${label} | ${n} | ${procs}x${clients} | ${errors.length} | ` +
      `${(n / seconds).toFixed(0)} | ${percentile(latencies, 0.5).toFixed(2)} | ` +
      `${percentile(latencies, 0.95).toFixed(2)} | ${percentile(latencies, 0.99).toFixed(2)} | ${cpu} |`);
    h.check(errors.length === 0, `${label}: ${errors.length} errors, first: ${errors[0]}`);
  } finally {
    await server.stop();
  }
}

if (process.argv.includes('--child')) {
  h.main(child);
} else {
  h.main(async () => {
    const total = Number(arg('requests', 2000));
    const clients = Number(arg('clients', 8));
    const procs = Number(arg('procs', 2));
    const raw = process.argv.includes('--raw');
    const how = raw ? 'node:crypto' : 'SDKs';
    console.log('| server | client | requests | procs x clients | errors | req/s | p50 ms | p95 ms | p99 ms | server CPU |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    await run(`in memory | ${how}`, {}, total, clients, procs, raw);
    const dir = h.tmpdir('peerplan-bench-');
    try {
      const state = `${dir}/state`;
      await run(`--state DIR | ${how}`, { state }, total, clients, procs, raw);
      const t0 = process.hrtime.bigint();
      const again = await h.startServer({ state });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      await again.stop();
      console.log(`\nrestart on that state: ${again.ready.replayed} journal records replayed, ` +
                  `ready in ${ms.toFixed(0)} ms`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
