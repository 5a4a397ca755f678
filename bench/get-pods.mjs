// `mkube get pods` with 50 pods in the state directory vs `node -e 0`, as a ratio in one run.
// Commands that only read state must not load dockerode: this measures that they don't.
// Run by hand: node bench/get-pods.mjs   (needs `npm run build` first; no Docker needed)
import { spawnSync } from 'node:child_process';
import { BIN, fmt, median, scratchHome, timeCommand } from './lib.mjs';

const RUNS = Number(process.env.RUNS ?? 30);
const { env, cleanup } = scratchHome();
try {
  const docs = Array.from(
    { length: 50 },
    (_, i) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\n  labels: {app: bench}\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n`,
  ).join('---\n');
  // State only: the agent must not start containers for these pods.
  const benchEnv = { ...env, MKUBE_NO_AUTOSTART: '1' };
  const created = spawnSync(process.execPath, [BIN, 'create', '-f', '-'], {
    env: benchEnv,
    input: docs,
    encoding: 'utf8',
  });
  if (created.status !== 0) throw new Error(created.stderr);

  const node = [];
  const get = [];
  for (let i = 0; i < RUNS; i++) {
    node.push(timeCommand(process.execPath, ['-e', '0']));
    get.push(timeCommand(process.execPath, [BIN, 'get', 'pods'], benchEnv));
  }
  const floor = median(node);
  const ours = median(get);
  console.log(`node -e 0 (floor):          ${fmt(floor)} (median of ${RUNS})`);
  console.log(`mkube get pods (50 pods):   ${fmt(ours)} (median of ${RUNS})`);
  console.log(`ratio: ${(ours / floor).toFixed(2)} (target <= 1.3)`);
} finally {
  cleanup();
}
