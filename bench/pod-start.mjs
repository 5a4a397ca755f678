// apply -> Ready of a one-container pod vs `docker run -d` of the same image and command,
// ratios in one run. The agent is started first (warm), as it is on a laptop in use.
// - apply -> Ready (state file polled in-process) vs `docker run -d` alone (earlier target 1.3).
// - As a script sees it (issue 14): `mkube apply -f` then `mkube wait --for=condition=Ready pod/x`,
//   two processes, vs `docker run -d` then `docker inspect` polled until Running.
//   Target <= 1.6 (stretch 1.3).
// Run by hand: node bench/pod-start.mjs   (needs `npm run setup` or prepare.sh first)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, median, scratchHome, timeCommand } from './lib.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const IMAGE = 'busybox:1.36';
const CMD = ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"];
const { home, env, mkube, cleanup } = scratchHome();

function podYaml(name) {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  terminationGracePeriodSeconds: 1\n  containers:\n  - name: c\n    image: ${IMAGE}\n    command: ${JSON.stringify(CMD)}\n`;
}

function readyNow(name) {
  try {
    const pod = JSON.parse(readFileSync(join(home, 'objects/core/pods/default', `${name}.json`), 'utf8'));
    return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
  } catch {
    return false;
  }
}

async function applyToReady(name) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(import.meta.dirname, '../bin/mkube.cjs'), 'apply', '-f', '-'], {
    env,
    input: podYaml(name),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  while (!readyNow(name)) await new Promise((res) => setTimeout(res, 2));
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** `docker run -d` then `docker inspect` until the container is running, as a script would. */
function dockerRunAndPoll(i) {
  const t0 = process.hrtime.bigint();
  const id = spawnSync(
    'docker',
    [
      'run',
      '-d',
      '--rm',
      '--name',
      `mkube-bench-poll-${i}`,
      '--label',
      `io.mkube.home=${home}`,
      IMAGE,
      ...CMD,
    ],
    { encoding: 'utf8' },
  ).stdout.trim();
  for (;;) {
    const r = spawnSync('docker', ['inspect', '-f', '{{.State.Running}}', id], { encoding: 'utf8' });
    if (r.stdout.trim() === 'true') break;
  }
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** `mkube apply -f -` then `mkube wait --for=condition=Ready`: two processes, as a script. */
function applyThenWait(name) {
  const t0 = process.hrtime.bigint();
  const apply = spawnSync(
    process.execPath,
    [join(import.meta.dirname, '../bin/mkube.cjs'), 'apply', '-f', '-'],
    {
      env,
      input: podYaml(name),
      encoding: 'utf8',
    },
  );
  if (apply.status !== 0) throw new Error(apply.stderr);
  const wait = mkube('wait', '--for=condition=Ready', `pod/${name}`, '--timeout=60s');
  if (wait.status !== 0) throw new Error(wait.stderr);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

try {
  if (mkube('agent', 'start').status !== 0) throw new Error('agent did not start');
  await applyToReady('warmup'); // first pod pays for network and sandbox image creation
  const docker = [];
  const ours = [];
  for (let i = 0; i < RUNS; i++) {
    docker.push(
      timeCommand('docker', [
        'run',
        '-d',
        '--rm',
        '--name',
        `mkube-bench-floor-${i}`,
        '--label',
        `io.mkube.home=${home}`,
        IMAGE,
        ...CMD,
      ]),
    );
    ours.push(await applyToReady(`bench-${i}`));
  }
  const polled = [];
  const scripted = [];
  for (let i = 0; i < RUNS; i++) {
    polled.push(dockerRunAndPoll(i));
    scripted.push(applyThenWait(`script-${i}`));
  }
  // For reference: the same docker run on mkube's own user-defined network (what every sandbox pays).
  const net = spawnSync('docker', ['network', 'ls', '-q', '--filter', `label=io.mkube.home=${home}`], {
    encoding: 'utf8',
  }).stdout.trim();
  const onNet = [];
  for (let i = 0; i < RUNS; i++) {
    onNet.push(
      timeCommand('docker', [
        'run',
        '-d',
        '--rm',
        '--network',
        net,
        '--label',
        `io.mkube.home=${home}`,
        IMAGE,
        ...CMD,
      ]),
    );
  }
  const floor = median(docker);
  console.log(`docker run -d on mkube's network (reference): ${fmt(median(onNet))}`);
  const t = median(ours);
  console.log(`docker run -d (floor):     ${fmt(floor)} (median of ${RUNS})`);
  console.log(`mkube apply -> Ready:      ${fmt(t)} (median of ${RUNS})`);
  console.log(`ratio: ${(t / floor).toFixed(2)} (target <= 1.3)`);
  const scriptFloor = median(polled);
  const script = median(scripted);
  console.log(`docker run -d + inspect until running: ${fmt(scriptFloor)} (median of ${RUNS})`);
  console.log(`mkube apply + mkube wait Ready:        ${fmt(script)} (median of ${RUNS})`);
  console.log(`script-view ratio: ${(script / scriptFloor).toFixed(2)} (target <= 1.6, stretch 1.3)`);
} finally {
  cleanup();
}
