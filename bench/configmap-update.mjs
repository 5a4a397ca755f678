// ConfigMap change -> the new content in a running pod's volume, against the kubelet's default
// sync period (60 s, plus its ConfigMap cache TTL) that bounds the same on a node. Timed from the
// start of `mkube patch` (a user's view, the CLI's own start-up included) to when the file the
// container reads through its bind mount holds the new value; the pod's own view is checked with
// exec at the end. `mkube get configmap` alone is timed too: the CLI's floor in the same number.
// Run by hand: node bench/configmap-update.mjs   (RUNS=15 by default)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, fmt, median, scratchHome } from './lib.mjs';

const RUNS = Number(process.env.RUNS ?? 15);
const KUBELET_SYNC_MS = 60_000;
const { home, env, mkube, cleanup } = scratchHome();

const MANIFEST = `apiVersion: v1
kind: ConfigMap
metadata: {name: bench}
data: {value: "0"}
---
apiVersion: v1
kind: Pod
metadata: {name: reader}
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - name: c
    image: busybox:1.36
    command: [sh, -c, "while true; do sleep 1; done"]
    volumeMounts: [{name: cfg, mountPath: /etc/cfg}]
  volumes: [{name: cfg, configMap: {name: bench}}]
`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => Number(process.hrtime.bigint()) / 1e6;

function podJson() {
  const r = mkube('get', 'pod', 'reader', '-o', 'json');
  return r.status === 0 ? JSON.parse(r.stdout) : undefined;
}

try {
  const applied = spawnSync(process.execPath, [BIN, 'apply', '-f', '-'], {
    env,
    input: MANIFEST,
    encoding: 'utf8',
  });
  if (applied.status !== 0) throw new Error(applied.stderr);
  let pod;
  for (let i = 0; i < 600; i++) {
    pod = podJson();
    if (pod?.status?.phase === 'Running') break;
    await sleep(100);
  }
  if (pod?.status?.phase !== 'Running') throw new Error('the pod did not start');
  const file = join(home, 'kubelet', 'pods', pod.metadata.uid, 'volumes', 'cfg', 'value');
  const fromStart = [];
  const cliFloor = [];
  for (let i = 1; i <= RUNS; i++) {
    const t0 = now();
    const r = mkube('patch', 'configmap', 'bench', '-p', JSON.stringify({ data: { value: String(i) } }));
    if (r.status !== 0) throw new Error(r.stderr);
    while (readFileSync(file, 'utf8') !== String(i)) {
      if (now() - t0 > 30_000) throw new Error(`update ${i} not seen in 30 s`);
      await sleep(2);
    }
    const t2 = now();
    fromStart.push(t2 - t0);
    const g0 = now();
    if (mkube('get', 'configmap', 'bench').status !== 0) throw new Error('get failed');
    cliFloor.push(now() - g0);
  }
  const seen = spawnSync(process.execPath, [BIN, 'exec', 'reader', '--', 'cat', '/etc/cfg/value'], {
    env,
    encoding: 'utf8',
  });
  if (seen.stdout !== String(RUNS))
    throw new Error(`the pod reads ${JSON.stringify(seen.stdout)}, not ${RUNS}`);
  const m1 = median(fromStart);
  const m2 = median(cliFloor);
  console.log(`ConfigMap change -> visible in the pod, ${RUNS} runs`);
  console.log(
    `  from \`mkube patch\` start: median ${fmt(m1)} (min ${fmt(Math.min(...fromStart))}, max ${fmt(Math.max(...fromStart))})`,
  );
  console.log(`  of which the CLI's own start (median \`mkube get configmap\`): ${fmt(m2)}`);
  console.log(
    `  kubelet default sync period: ${fmt(KUBELET_SYNC_MS)} -> ${(KUBELET_SYNC_MS / m1).toFixed(0)}x sooner (goal: median <= 2 s)`,
  );
} finally {
  cleanup();
}
