// HPA reaction time at the default periods (metrics every 15 s, HPA sync every 15 s): a one-replica
// Deployment starts burning CPU (a file appears in its pod) -> the second replica is Ready. Printed
// against its floor from the same run: one metrics period + one HPA period + a measured pod start
// (apply -> Ready of one pod), which is what a cluster with metrics-server can at best do.
// Run by hand: node bench/hpa-reaction.mjs   (needs `npm run build` and busybox:1.36 locally)
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN, scratchHome } from './lib.mjs';

const PERIOD_MS = 15_000;
const { env, mkube, cleanup } = scratchHome();
const apply = (yaml) => {
  const r = spawnSync(process.execPath, [BIN, 'apply', '-f', '-'], { env, input: yaml, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`apply failed: ${r.stderr}`);
};

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 0
      containers:
      - name: app
        image: busybox:1.36
        command: [sh, -c, 'while [ ! -f /tmp/go ]; do sleep 0.2; done; while :; do :; done']
        resources: {requests: {cpu: 100m}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 2
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
`;

try {
  if (mkube('agent', 'start').status !== 0) throw new Error('agent did not start');
  // The floor's pod start, measured here.
  const t0 = performance.now();
  mkube('run', 'probe', '--image=busybox:1.36', '--', 'sleep', '3600');
  if (mkube('wait', '--for=condition=Ready', 'pod/probe', '--timeout=120s').status !== 0)
    throw new Error('probe not ready');
  const podStart = performance.now() - t0;
  mkube('delete', 'pod', 'probe', '--now');

  apply(APP);
  if (
    mkube('wait', '--for=jsonpath={.status.readyReplicas}=1', 'deployment/web', '--timeout=120s').status !== 0
  )
    throw new Error('web not ready');
  // Let the HPA settle on one replica with idle metrics first.
  await sleep(2 * PERIOD_MS);
  const pod = mkube('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}').stdout;
  const start = performance.now();
  if (mkube('exec', pod, '--', 'touch', '/tmp/go').status !== 0) throw new Error('exec failed');
  for (;;) {
    const ready = Number(
      mkube('get', 'deployment/web', '-o', 'jsonpath={.status.readyReplicas}').stdout || 0,
    );
    if (ready >= 2) break;
    if (performance.now() - start > 180_000) throw new Error('no second replica within 180 s');
    await sleep(250);
  }
  const reaction = performance.now() - start;
  const floor = 2 * PERIOD_MS + podStart;
  const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`pod start (apply -> Ready): ${s(podStart)}`);
  console.log(`load starts -> second replica Ready: ${s(reaction)}`);
  console.log(
    `floor (15 s metrics + 15 s HPA sync + pod start): ${s(floor)}; ratio ${(reaction / floor).toFixed(2)}`,
  );
} finally {
  cleanup();
}
