// The agent's idle cost with 50 probed pods: RSS and CPU of the agent process over 30 s in which
// nothing changes, vs a bare `node -e "setInterval(()=>{},1000)"` as the RSS floor, in one run.
// Targets: <= 80 MB RSS, <= 1 % of a core. Each pod runs busybox httpd on 8080 with an httpGet
// readiness probe and a tcpSocket liveness probe (10 s period each).
// Run by hand: node bench/agent-idle.mjs   (needs `npm run build` and busybox:1.36 locally)
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN, scratchHome } from './lib.mjs';

const N = Number(process.env.REPLICAS ?? 50);
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 10_000);
const MEASURE_MS = Number(process.env.MEASURE_MS ?? 30_000);
const { home, env, mkube, cleanup } = scratchHome();

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: idle
spec:
  replicas: ${N}
  selector: {matchLabels: {app: idle}}
  template:
    metadata: {labels: {app: idle}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: web
        image: busybox:1.36
        # busybox httpd answers 404 for a directory without index.html: give it one.
        command: [sh, -c, "echo ok > /tmp/index.html && exec httpd -f -p 8080 -h /tmp"]
        readinessProbe:
          httpGet: {path: /, port: 8080}
        livenessProbe:
          tcpSocket: {port: 8080}
`;

const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

/** utime + stime in clock ticks (fields 14 and 15; the command name may hold spaces). */
function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;

let floor;
try {
  const applied = spawnSync(process.execPath, [BIN, 'apply', '-f', '-'], { env, input: deployment });
  if (applied.status !== 0) throw new Error(`apply failed: ${applied.stderr}`);
  if (mkube('agent', 'start').status !== 0) throw new Error('agent did not start');
  const ready = mkube(
    'wait',
    `--for=jsonpath={.status.readyReplicas}=${N}`,
    'deployment/idle',
    '--timeout=300s',
  );
  if (ready.status !== 0) throw new Error(`not ready: ${ready.stderr}`);
  await sleep(SETTLE_MS);

  const pid = Number(readFileSync(join(home, 'agent.pid'), 'utf8').trim());
  floor = spawn(process.execPath, ['-e', 'setInterval(()=>{},1000)'], { stdio: 'ignore' });
  const ticks0 = cpuTicks(pid);
  const t0 = performance.now();
  const samples = [];
  while (performance.now() - t0 < MEASURE_MS) {
    await sleep(1000);
    samples.push(rssKb(pid));
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = ((cpuTicks(pid) - ticks0) / ticksPerSecond / seconds) * 100;
  const rss = Math.max(...samples);
  const floorRss = rssKb(floor.pid);
  const stillReady = mkube('get', 'deployment/idle', '-o', 'jsonpath={.status.readyReplicas}').stdout;
  console.log(`bare node process (floor):      RSS ${mb(floorRss)}`);
  console.log(
    `agent idle with ${N} probed pods: RSS ${mb(rss)} (max of ${samples.length} samples), CPU ${cpu.toFixed(1)} % of a core over ${seconds.toFixed(0)} s`,
  );
  console.log(
    `RSS ratio: ${(rss / floorRss).toFixed(2)} (targets: <= 80 MB, <= 1 % CPU); ready at the end: ${stillReady}`,
  );
} finally {
  floor?.kill();
  cleanup();
}
