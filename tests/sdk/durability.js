#!/usr/bin/env node
// durability.js: `peerplan serve --state DIR` is killed with SIGKILL at
// seeded random points while four clients make changes (vSwitches and route
// entries in both accounts, through @alicloud/pop-core); after each restart
// every acknowledged change must be there, and nothing that was never
// asked for.  Bounded: PP_DURABILITY_ITERATIONS rounds (default 12) of at
// most 24 changes each.  Each round's kill point is a number of
// acknowledged changes drawn from PP_DURABILITY_SEED (default 1, printed):
// the same seed gives the same kill points.
'use strict';
const fs = require('fs');
const h = require('./lib/harness');
const { A, B, describeVpc } = require('./lib/article');

const ITERATIONS = Number(process.env.PP_DURABILITY_ITERATIONS || 12);
const PER_ROUND = 24;
const SEED_TEXT = process.env.PP_DURABILITY_SEED || '1';
if (!/^[0-9]{1,9}$/.test(SEED_TEXT)) {
  throw new Error(`PP_DURABILITY_SEED must be a number below 10^9, not '${SEED_TEXT}'`);
}
let seed = Number(SEED_TEXT);
const SEED = seed;

function random () {
  // A small LCG, so a failing run can be repeated with PP_DURABILITY_SEED.
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}

// Everything ever sent and everything acknowledged, by kind and key.
const sent = { vsw: new Set(), rte: new Set() };
const acked = { vsw: new Map(), rte: new Map() };
let counter = 0;

async function listVSwitches (call, side) {
  const found = new Map();
  for (let page = 1; ; page++) {
    const r = await call(side.account, 'DescribeVSwitches', {
      RegionId: side.region, VpcId: side.vpc, PageSize: 50, PageNumber: page
    });
    for (const v of r.VSwitches.VSwitch) found.set(v.CidrBlock, v.VSwitchId);
    if (page * 50 >= r.TotalCount) return found;
  }
}

async function listRoutes (call, side, table) {
  const found = new Map();
  let token;
  for (;;) {
    const params = { RegionId: side.region, RouteTableId: table, MaxResult: 100 };
    if (token) params.NextToken = token;
    const r = await call(side.account, 'DescribeRouteEntryList', params);
    for (const e of r.RouteEntrys.RouteEntry) {
      if (e.Type === 'Custom') found.set(e.DestinationCidrBlock, e.RouteEntryId);
    }
    if (!r.NextToken) return found;
    token = r.NextToken;
  }
}

async function verify (server, tables, round) {
  const pop = { A: h.popClient(server, 'A'), B: h.popClient(server, 'B') };
  const call = (account, action, params) => pop[account].request(action, params);
  const vsw = new Map([...await listVSwitches(call, A), ...await listVSwitches(call, B)]);
  const rte = new Map([...await listRoutes(call, A, tables.A), ...await listRoutes(call, B, tables.B)]);
  for (const [key, id] of acked.vsw) {
    h.check(vsw.get(key) === id, `round ${round}: acknowledged vSwitch ${key} (${id}) lost`);
  }
  for (const [key, id] of acked.rte) {
    h.check(rte.get(key) === id, `round ${round}: acknowledged route ${key} (${id}) lost`);
  }
  for (const key of vsw.keys()) {
    h.check(sent.vsw.has(key) || key === '172.16.0.0/24' || key === '192.168.0.0/24',
            `round ${round}: vSwitch ${key} was never asked for`);
  }
  for (const key of rte.keys()) {
    h.check(sent.rte.has(key), `round ${round}: route ${key} was never asked for`);
  }
  // An unacknowledged change may have landed (its record was on disk, its
  // answer was lost): count it as done from now on.
  for (const [key, id] of vsw) if (sent.vsw.has(key)) acked.vsw.set(key, id);
  for (const [key, id] of rte) acked.rte.set(key, id);
}

// One worker: up to @n changes of one kind in one account, one at a time.
async function worker (server, side, kind, table, n, state) {
  const client = h.popClient(server, side.account);
  for (let i = 0; i < n && !state.killed; i++) {
    const k = counter++;
    let key, params, action;
    if (kind === 'vsw') {
      const base = side === A ? '172.16' : '192.168';
      key = `${base}.${1 + (k >> 4)}.${(k & 15) * 16}/28`;
      action = 'CreateVSwitch';
      params = { RegionId: side.region, VpcId: side.vpc, ZoneId: `${side.region}a`, CidrBlock: key };
    } else {
      key = `10.${k >> 8}.${k & 255}.0/24`;
      action = 'CreateRouteEntry';
      params = { RegionId: side.region, RouteTableId: table, DestinationCidrBlock: key,
                 NextHopType: 'Instance', NextHopId: side === A ? 'ecs-a' : 'ecs-b' };
    }
    sent[kind].add(key);
    try {
      const r = await client.request(action, params, { method: 'POST', timeout: 10000 });
      acked[kind].set(key, kind === 'vsw' ? r.VSwitchId : r.RouteEntryId);
      state.onAck();
    } catch (e) {
      if (state.killed) return;     // the connection died with the server
      if (/^QuotaExceeded/.test(e.code || '')) {
        sent[kind].delete(key);     // refused, so never created: quota reached
        return;
      }
      throw new Error(`${action} ${key}: ${e.message}`);
    }
  }
}

h.main(async () => {
  console.log(`durability: PP_DURABILITY_SEED=${SEED} (set it to repeat the kill points), ` +
              `${ITERATIONS} rounds`);
  const dir = h.tmpdir('peerplan-durability-');
  const state = `${dir}/state`;
  let tables;
  let total = 0;
  try {
    for (let round = 1; round <= ITERATIONS; round++) {
      const server = await h.startServer({ state });
      if (round === 1) {
        const pop = { A: h.popClient(server, 'A'), B: h.popClient(server, 'B') };
        const call = (account, action, params) => pop[account].request(action, params);
        tables = {
          A: (await describeVpc(call, A)).RouterTableIds.RouterTableIds[0],
          B: (await describeVpc(call, B)).RouterTableIds.RouterTableIds[0]
        };
      } else {
        h.check(server.ready.replayed > 0, `round ${round}: nothing replayed`);
        await verify(server, tables, round);
      }
      // Kill once the seeded number of changes has been acknowledged in
      // this round, while the other clients' changes are in flight.
      const killAfter = 1 + Math.floor(random() * (PER_ROUND - 1));
      let acks = 0;
      let stopped;
      const flags = { killed: false };
      flags.onAck = () => {
        if (++acks === killAfter && !flags.killed) {
          flags.killed = true;
          stopped = server.stop('SIGKILL');
        }
      };
      const each = PER_ROUND / 4;
      const work = await Promise.allSettled([
        worker(server, A, 'vsw', tables.A, each, flags),
        worker(server, B, 'vsw', tables.B, each, flags),
        worker(server, A, 'rte', tables.A, each, flags),
        worker(server, B, 'rte', tables.B, each, flags)
      ]);
      if (!flags.killed) {
        // Fewer acknowledgements than the kill point (quota reached): kill now.
        flags.killed = true;
        stopped = server.stop('SIGKILL');
      }
      const { signal } = await stopped;
      h.check(signal === 'SIGKILL', `round ${round}: server ended by ${signal} ` +
              `(PP_DURABILITY_SEED=${SEED})`);
      for (const r of work) {
        if (r.status === 'rejected') throw r.reason;
      }
      total = acked.vsw.size + acked.rte.size;
    }
    const server = await h.startServer({ state });
    await verify(server, tables, 'final');
    await server.stop();
    const torn = fs.readdirSync(state).filter((f) => f.startsWith('journal.torn-')).length;
    console.log(`ok: ${ITERATIONS} SIGKILLs, ${total} acknowledged changes all present ` +
                `(${torn} torn tails cut; PP_DURABILITY_SEED=${SEED})`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
