// What resource metrics cost: the agent's (and dockerd's) CPU with 50 running pods over 60 s,
// first with sampling effectively off (one scrape at start, then none), then at metrics-server's
// 15 s resolution — the difference is the sampling's cost, in one run. Target: <= 0.5 % of a core.
// Run by hand: node bench/metrics-cost.mjs   (needs `npm run build` and busybox:1.36 locally)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN, scratchHome } from './lib.mjs';

const N = Number(process.env.REPLICAS ?? 50);
const MEASURE_MS = Number(process.env.MEASURE_MS ?? 60_000);
const { home, env, mkube, cleanup } = scratchHome();

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: quiet}
spec:
  replicas: ${N}
  selector: {matchLabels: {app: quiet}}
  template:
    metadata: {labels: {app: quiet}}
    spec:
      terminationGracePeriodSeconds: 0
      containers:
      - {name: app, image: busybox:1.36, command: [sleep, '3600']}
`;

const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}
const dockerdPid = () =>
  Number(spawnSync('pidof', ['dockerd'], { encoding: 'utf8' }).stdout.trim().split(' ')[0]);

/** CPU % of a core of the agent and of dockerd over the window. */
async function measure() {
  const agent = Number(readFileSync(join(home, 'agent.pid'), 'utf8').trim());
  const dockerd = dockerdPid();
  const a0 = cpuTicks(agent);
  const d0 = dockerd ? cpuTicks(dockerd) : 0;
  const t0 = performance.now();
  await sleep(MEASURE_MS);
  const seconds = (performance.now() - t0) / 1000;
  const pct = (ticks) => (ticks / ticksPerSecond / seconds) * 100;
  return { agent: pct(cpuTicks(agent) - a0), dockerd: dockerd ? pct(cpuTicks(dockerd) - d0) : Number.NaN };
}

function startAgent(extraEnv) {
  const r = spawnSync(process.execPath, [BIN, 'agent', 'start'], {
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`agent start failed: ${r.stderr}`);
}

try {
  startAgent({ MKUBE_METRICS_RESOLUTION_MS: String(1e9) });
  const applied = spawnSync(process.execPath, [BIN, 'apply', '-f', '-'], { env, input: deployment });
  if (applied.status !== 0) throw new Error(`apply failed: ${applied.stderr}`);
  const ready = mkube(
    'wait',
    `--for=jsonpath={.status.readyReplicas}=${N}`,
    'deployment/quiet',
    '--timeout=600s',
  );
  if (ready.status !== 0) throw new Error(`not ready: ${ready.stderr}`);
  await sleep(10_000);
  const off = await measure();
  mkube('agent', 'stop');
  startAgent({});
  // Two scrapes so every container has a rate and the snapshot is full.
  await sleep(35_000);
  const pods = JSON.parse(readFileSync(join(home, 'metrics.json'), 'utf8')).pods.length;
  const on = await measure();
  const f = (x) => `${x.toFixed(2)} %`;
  console.log(`${N} pods, ${MEASURE_MS / 1000} s windows; pods with metrics: ${pods}`);
  console.log(`sampling off (floor): agent ${f(off.agent)}, dockerd ${f(off.dockerd)} of a core`);
  console.log(`sampling every 15 s:  agent ${f(on.agent)}, dockerd ${f(on.dockerd)} of a core`);
  console.log(
    `cost of sampling: agent +${f(on.agent - off.agent)}, dockerd +${f(on.dockerd - off.dockerd)}, together +${f(on.agent + on.dockerd - off.agent - off.dockerd)} (target <= 0.5 %)`,
  );
} finally {
  cleanup();
}
