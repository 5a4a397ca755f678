// The endpoint under watch load, in one run:
// 1. watch latency: a PATCH through the endpoint -> its MODIFIED event at a watching client, median
//    of 50 (target <= 50 ms), against the PATCH's own round trip as the floor;
// 2. 20 concurrent clients, each listing, watching and patching its own ConfigMap in a loop for
//    30 s: errors other than 409, lost updates (a counter that does not end at the number of
//    successful patches), and the agent's RSS at the end.
// Run by hand: node bench/api-watch.mjs   (needs `npm run build`)
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { parse } from 'yaml';
import { fmt, median, scratchHome } from './lib.mjs';

const CLIENTS = Number(process.env.CLIENTS ?? 20);
const SECONDS = Number(process.env.SECONDS ?? 30);
const { home, mkube, cleanup } = scratchHome();

function client() {
  const kc = parse(readFileSync(join(home, 'kubeconfig'), 'utf8'));
  const cluster = kc.clusters.find((c) => c.name === 'mkube').cluster;
  const user = kc.users.find((u) => u.name === 'mkube').user;
  const url = new URL(cluster.server);
  const agent = new https.Agent({
    keepAlive: true,
    ca: Buffer.from(cluster['certificate-authority-data'], 'base64'),
    cert: Buffer.from(user['client-certificate-data'], 'base64'),
    key: Buffer.from(user['client-key-data'], 'base64'),
  });
  const request = (method, path, body, type = 'application/json') =>
    new Promise((resolve, reject) => {
      const req = https.request(
        { host: url.hostname, port: url.port, path, method, agent, headers: { 'Content-Type': type } },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode, body: text }));
        },
      );
      req.on('error', reject);
      if (body) req.write(body);
      req.end();
    });
  const watch = (path, onEvent) => {
    const req = https.request({ host: url.hostname, port: url.port, path, agent }, (res) => {
      let buf = '';
      res.on('data', (d) => {
        buf += d;
        for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (line.trim()) onEvent(JSON.parse(line), performance.now());
        }
      });
    });
    req.end();
    return () => req.destroy();
  };
  return { request, watch };
}

const CMS = '/api/v1/namespaces/default/configmaps';
const cm = (name, v) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { v: String(v) } });

try {
  if (mkube('agent', 'start').status !== 0) throw new Error('agent did not start');
  // The server writes its entries into the kubeconfig once it listens.
  const written = () => {
    try {
      return readFileSync(join(home, 'kubeconfig'), 'utf8').includes('server: https');
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 200 && !written(); i++) await new Promise((r) => setTimeout(r, 100));
  const c = client();

  // 1. latency
  await c.request('POST', CMS, cm('lat', 0));
  const pending = new Map();
  const stop = c.watch(`${CMS}?watch=1&fieldSelector=metadata.name%3Dlat`, (ev, at) => {
    const v = ev.object?.data?.v;
    pending.get(v)?.(at);
  });
  await new Promise((r) => setTimeout(r, 300));
  const latencies = [];
  const roundTrips = [];
  for (let i = 1; i <= 50; i++) {
    const seen = new Promise((resolve) => pending.set(String(i), resolve));
    const t0 = performance.now();
    await c.request(
      'PATCH',
      `${CMS}/lat`,
      JSON.stringify({ data: { v: String(i) } }),
      'application/merge-patch+json',
    );
    roundTrips.push(performance.now() - t0);
    latencies.push((await seen) - t0);
  }
  stop();
  console.log(
    `write -> watch event: median ${fmt(median(latencies))} (target <= 50 ms); the PATCH round trip alone: ${fmt(median(roundTrips))}`,
  );

  // 2. load
  const errors = {};
  let patches = 0;
  let events = 0;
  const deadline = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, n) => {
      const me = client();
      const name = `load-${n}`;
      await me.request('POST', CMS, cm(name, 0));
      const stopWatch = me.watch(`${CMS}?watch=1&fieldSelector=metadata.name%3D${name}`, () => events++);
      let count = 0;
      while (performance.now() < deadline) {
        await me.request('GET', `${CMS}?labelSelector=none%3Dnone`);
        const live = JSON.parse((await me.request('GET', `${CMS}/${name}`)).body);
        live.data.v = String(Number(live.data.v) + 1);
        const r = await me.request('PUT', `${CMS}/${name}`, JSON.stringify(live));
        if (r.status === 200) {
          count++;
          patches++;
        } else errors[r.status] = (errors[r.status] ?? 0) + 1;
      }
      stopWatch();
      const final = JSON.parse((await me.request('GET', `${CMS}/${name}`)).body);
      if (Number(final.data.v) !== count) errors.lost = (errors.lost ?? 0) + 1;
    }),
  );
  const pid = Number(readFileSync(join(home, 'agent.pid'), 'utf8').trim());
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  console.log(
    `${CLIENTS} clients x ${SECONDS} s: ${patches} updates (${(patches / SECONDS).toFixed(0)}/s), ${events} watch events, errors ${JSON.stringify(errors)}, agent RSS ${rss.toFixed(0)} MB`,
  );
} finally {
  cleanup();
}
