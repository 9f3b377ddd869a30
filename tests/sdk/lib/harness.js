// harness.js: starts `peerplan serve` on 127.0.0.1 (port 0) and builds the
// official SDK clients for its accounts.  Used by every script in tests/sdk.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const readline = require('readline');

const RPCClient = require('@alicloud/pop-core');
const Vpc = require('@alicloud/vpc20160428');
const OpenApi = require('@alicloud/openapi-client');
const OpenApiCore = require('@alicloud/openapi-core');

const TOP_SRCDIR = process.env.PP_TOP_SRCDIR || path.resolve(__dirname, '..', '..', '..');
const PEERPLAN = process.env.PEERPLAN || path.join(TOP_SRCDIR, 'peerplan');

function fail (msg) {
  throw new Error(msg);
}

function check (cond, msg) {
  if (!cond) fail(msg);
}

function tmpdir (prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix || 'peerplan-sdk-'));
}

// Starts the server; resolves with {url, host, accounts, proc, stop()} once
// its ready line is out.
function startServer (opts = {}) {
  const args = ['serve', '--format', 'json', '--listen', '127.0.0.1:0'];
  if (opts.state) args.push('--state', opts.state);
  if (opts.scenario) args.push(opts.scenario);
  const proc = spawn(PEERPLAN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: proc.stdout });
    let done = false;
    rl.once('line', (line) => {
      done = true;
      let ready;
      try {
        ready = JSON.parse(line);
      } catch (e) {
        reject(new Error(`bad ready line: ${line}`));
        return;
      }
      const url = new URL(ready.url);
      const accounts = {};
      for (const a of ready.accounts) accounts[a.id] = a;
      resolve({
        url: ready.url,
        host: url.host,
        ready,
        accounts,
        proc,
        stderr: () => stderr,
        stop (signal = 'SIGTERM') {
          return new Promise((res) => {
            if (proc.exitCode !== null || proc.signalCode !== null) {
              res({ code: proc.exitCode, signal: proc.signalCode });
              return;
            }
            proc.once('exit', (code, sig) => res({ code, signal: sig }));
            proc.kill(signal);
          });
        }
      });
    });
    proc.once('exit', (code) => {
      if (!done) reject(new Error(`peerplan serve exited ${code} before it was ready: ${stderr}`));
    });
  });
}

// Secrets: from the scenario, or printed when generated.
function secretOf (server, account, scenarioSecrets) {
  const a = server.accounts[account];
  return a.access_key_secret || (scenarioSecrets && scenarioSecrets[account]);
}

function popClient (server, account, opts = {}) {
  const a = server.accounts[account];
  return new RPCClient({
    accessKeyId: a.access_key_id,
    accessKeySecret: opts.secret || a.access_key_secret,
    endpoint: server.url,
    apiVersion: opts.apiVersion || '2016-04-28'
  });
}

function vpcClient (server, account, opts = {}) {
  const a = server.accounts[account];
  return new Vpc.default(new OpenApiCore.$OpenApiUtil.Config({
    accessKeyId: a.access_key_id,
    accessKeySecret: opts.secret || a.access_key_secret,
    endpoint: server.host,
    protocol: 'http'
  }));
}

function openapiClient (server, account, opts = {}) {
  const a = server.accounts[account];
  return new OpenApi.default(new OpenApi.Config({
    accessKeyId: a.access_key_id,
    accessKeySecret: opts.secret || a.access_key_secret,
    endpoint: server.host,
    protocol: 'http'
  }));
}

// A generic RPC call through @alicloud/openapi-client (POST, form body).
async function callGeneric (client, version, action, body, query) {
  const params = new OpenApi.Params({
    action, version, protocol: 'HTTP', pathname: '/', method: 'POST',
    authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json'
  });
  const res = await client.callApi(params, new OpenApi.OpenApiRequest({
    query: query || {}, body: body || {}
  }), {});
  return res.body;
}

async function poll (what, fn, pred, tries = 60) {
  let last;
  for (let i = 0; i < tries; i++) {
    last = await fn();
    if (pred(last)) return last;
  }
  fail(`${what}: still ${JSON.stringify(last).slice(0, 300)} after ${tries} polls`);
}

async function httpGet (url) {
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}

async function httpPost (url) {
  const res = await fetch(url, { method: 'POST' });
  return { status: res.status, text: await res.text() };
}

// Runs `peerplan check` on @xml; returns {status, stdout, stderr}.
function peerplanCheck (xml, extraArgs = []) {
  const dir = tmpdir('peerplan-check-');
  const file = path.join(dir, 'exported.xml');
  fs.writeFileSync(file, xml);
  const r = spawnSync(PEERPLAN, ['check', ...extraArgs, file], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Expects @promise to reject with an SDK error carrying @code.
async function expectError (what, promise, code) {
  let err = null;
  try {
    await promise;
  } catch (e) {
    err = e;
  }
  check(err !== null, `${what}: succeeded, expected ${code}`);
  const got = err.code || (err.data && err.data.Code);
  check(got === code, `${what}: expected ${code}, got ${got} (${err.message})`);
  return err;
}

function main (fn) {
  fn().then(() => process.exit(0)).catch((e) => {
    console.error(`FAIL: ${e.stack || e}`);
    process.exit(1);
  });
}

module.exports = {
  TOP_SRCDIR,
  PEERPLAN,
  Vpc,
  OpenApi,
  callGeneric,
  check,
  expectError,
  fail,
  httpGet,
  httpPost,
  main,
  openapiClient,
  peerplanCheck,
  poll,
  popClient,
  secretOf,
  startServer,
  tmpdir,
  vpcClient
};
