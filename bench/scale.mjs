// Scale a Deployment from 0 to 20 replicas until all are Ready, vs 20 `docker run -d` of the same
// image and command started in parallel, ratio in one run. (Issue 4's reference points on this
// machine: podman kube play 3.5 s for 20 replicas, 20 sequential `docker run -d` 4.2 s.)
// Run by hand: node bench/scale.mjs   (after scripts/setup.sh)
import { spawn, spawnSync } from 'node:child_process';
import { BIN, fmt, scratchHome } from './lib.mjs';

const N = Number(process.env.REPLICAS ?? 20);
const IMAGE = 'busybox:1.36';
const CMD = ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"];
const { home, env, mkube, cleanup } = scratchHome();

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: bench
spec:
  replicas: 0
  selector: {matchLabels: {app: bench}}
  template:
    metadata: {labels: {app: bench}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: c
        image: ${IMAGE}
        command: ${JSON.stringify(CMD)}
`;

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: 'ignore' });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}`))));
  });
}

try {
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: N }, (_, i) =>
      run('docker', [
        'run',
        '-d',
        '--rm',
        '--name',
        `mkube-bench-par-${i}`,
        '--label',
        `io.mkube.home=${home}`,
        IMAGE,
        ...CMD,
      ]),
    ),
  );
  const floor = performance.now() - t0;

  if (spawnSync(process.execPath, [BIN, 'apply', '-f', '-'], { env, input: deployment }).status !== 0)
    throw new Error('apply failed');
  if (mkube('agent', 'start').status !== 0) throw new Error('agent did not start');
  const t1 = performance.now();
  mkube('scale', 'deployment/bench', `--replicas=${N}`);
  const r = mkube(
    'wait',
    '--for=jsonpath={.status.readyReplicas}=' + N,
    'deployment/bench',
    '--timeout=120s',
  );
  if (r.status !== 0) throw new Error(r.stderr);
  const ours = performance.now() - t1;
  console.log(`${N} parallel docker run -d (floor): ${fmt(floor)}`);
  console.log(`mkube scale 0 -> ${N}, all Ready:   ${fmt(ours)}`);
  console.log(`ratio: ${(ours / floor).toFixed(2)}`);
} finally {
  cleanup();
}
