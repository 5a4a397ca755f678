// `kubectl get pods` through mkube's API endpoint against `mkube get pods` (which reads the state
// directory), with 50 pods, and the bare `kubectl version --client` as kubectl's own floor, in one
// run. Target: kubectl through the endpoint <= 1.5x mkube get pods.
// Run by hand: node bench/api-get.mjs   (needs `npm run build`, kubectl and busybox:1.36 locally)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, fmt, median, scratchHome, timeCommand } from './lib.mjs';

const N = Number(process.env.REPLICAS ?? 50);
const RUNS = Number(process.env.RUNS ?? 15);
const { home, env, mkube, cleanup } = scratchHome();
// kubectl with a HOME of its own: its discovery cache is warm after the first run, as a user's is.
const kenv = { ...env, HOME: mkdtempSync(join(tmpdir(), 'mkube-bench-kubectl-')) };
const kubectl = ['--kubeconfig', join(home, 'kubeconfig')];

try {
  const made = mkube(
    'create',
    'deployment',
    'many',
    '--image=busybox:1.36',
    `--replicas=${N}`,
    '--',
    'sleep',
    '3600',
  );
  if (made.status !== 0) throw new Error(made.stderr);
  const ready = mkube(
    'wait',
    `--for=jsonpath={.status.readyReplicas}=${N}`,
    'deployment/many',
    '--timeout=600s',
  );
  if (ready.status !== 0) throw new Error(`not ready: ${ready.stderr}`);
  timeCommand('kubectl', [...kubectl, 'get', 'pods'], kenv); // warm the discovery cache
  const floor = [];
  const mine = [];
  const theirs = [];
  for (let i = 0; i < RUNS; i++) {
    floor.push(timeCommand('kubectl', ['version', '--client'], kenv));
    mine.push(timeCommand(process.execPath, [BIN, 'get', 'pods'], env));
    theirs.push(timeCommand('kubectl', [...kubectl, 'get', 'pods'], kenv));
  }
  const [f, m, k] = [median(floor), median(mine), median(theirs)];
  console.log(`${N} pods, median of ${RUNS}`);
  console.log(`kubectl version --client (kubectl's floor): ${fmt(f)}`);
  console.log(`mkube get pods (state directory):           ${fmt(m)}`);
  console.log(`kubectl get pods (through the endpoint):    ${fmt(k)}`);
  console.log(
    `ratio kubectl/mkube: ${(k / m).toFixed(2)} (target <= 1.5); endpoint cost over kubectl's floor: ${fmt(k - f)}`,
  );
} finally {
  cleanup();
}
