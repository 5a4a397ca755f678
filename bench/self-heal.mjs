// Self-heal: `docker kill` of a pod's running app container -> its replacement running again
// (Docker's own die and start event times), and -> the pod Ready again in the state directory;
// vs `docker start` of a stopped container of the same image (from the CLI command to its start
// event, and by the Engine API alone). Each run uses a fresh pod, so every kill is a first crash
// (restarted at once; a second one would wait for the 10s back-off). Ratio in one run, medians
// over RUNS. The replacement is a new container joining the pod's network namespace, which Docker
// starts faster than a container on the default bridge.
// Run by hand: node bench/self-heal.mjs   (RUNS=9 by default)
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { BIN, fmt, median, scratchHome } from './lib.mjs';

const RUNS = Number(process.env.RUNS ?? 9);
const IMAGE = 'busybox:1.36';
const CMD = ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"];
const { home, env, mkube, cleanup } = scratchHome();

const podYaml = (name) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  terminationGracePeriodSeconds: 1\n  containers:\n  - name: c\n    image: ${IMAGE}\n    command: ${JSON.stringify(CMD)}\n`;

/** Docker's container events of this home, with their nanosecond times. */
function watchEvents() {
  const events = [];
  const child = spawn('docker', [
    'events',
    '--filter',
    `label=io.mkube.home=${home}`,
    '--filter',
    'type=container',
    '--format',
    '{{.TimeNano}} {{.Action}} {{.ID}} {{index .Actor.Attributes "io.mkube.pod.name"}}',
  ]);
  let buf = '';
  child.stdout.on('data', (d) => {
    buf += d;
    const lines = buf.split('\n');
    buf = lines.pop();
    for (const line of lines) {
      const [ns, action, id, pod] = line.split(' ');
      events.push({ ms: Number(BigInt(ns) / 1000n) / 1000, action, id, pod });
    }
  });
  return { events, stop: () => child.kill() };
}

async function until(check, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}

function podStatus(name) {
  try {
    return JSON.parse(readFileSync(join(home, 'objects/core/pods/default', `${name}.json`), 'utf8')).status;
  } catch {
    return undefined;
  }
}

const ready = (name, restarts) => {
  const s = podStatus(name);
  const c = s?.containerStatuses?.[0];
  return (
    c?.ready &&
    c.restartCount === restarts &&
    s.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')
  );
};

const appContainer = (name) =>
  spawnSync(
    'docker',
    [
      'ps',
      '-q',
      '--no-trunc',
      '--filter',
      `label=io.mkube.home=${home}`,
      '--filter',
      `label=io.mkube.pod.name=${name}`,
      '--filter',
      'label=io.mkube.container.type=app',
    ],
    { encoding: 'utf8' },
  ).stdout.trim();

/** Kill the pod's container; ms from its death to the replacement's start, and to Ready again. */
async function heal(name, watch) {
  const apply = spawnSync(process.execPath, [BIN, 'apply', '-f', '-'], {
    env,
    input: podYaml(name),
    encoding: 'utf8',
  });
  if (apply.status !== 0) throw new Error(apply.stderr);
  await until(() => ready(name, 0));
  const id = appContainer(name);
  spawnSync('docker', ['kill', id]);
  const died = await until(() => watch.events.find((e) => e.id === id && e.action === 'die'));
  const started = await until(() =>
    watch.events.find((e) => e.pod === name && e.action === 'start' && e.id !== id && e.ms > died.ms),
  );
  await until(() => ready(name, 1));
  const readyAt = Date.now();
  return { start: started.ms - died.ms, ready: readyAt - died.ms };
}

const SOCKET = process.env.DOCKER_HOST?.startsWith('unix://')
  ? process.env.DOCKER_HOST.slice(7)
  : '/var/run/docker.sock';

/** POST /containers/<id>/start on the Engine API, resolving when it answers (container running). */
function apiStart(id) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { socketPath: SOCKET, path: `/containers/${id}/start`, method: 'POST' },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * `docker start` of a stopped container of the same image: by the CLI (from the command to its
 * start event), and by the Engine API alone (request to answer), the floor without the CLI.
 */
async function dockerStart(watch) {
  const create = () =>
    spawnSync('docker', ['create', '--label', `io.mkube.home=${home}`, IMAGE, ...CMD], {
      encoding: 'utf8',
    }).stdout.trim();
  const id = create();
  const t0 = Date.now();
  spawnSync('docker', ['start', id]);
  const started = await until(() => watch.events.find((e) => e.id === id && e.action === 'start'));
  const other = create();
  const t1 = process.hrtime.bigint();
  await apiStart(other);
  const api = Number(process.hrtime.bigint() - t1) / 1e6;
  spawnSync('docker', ['rm', '-f', id, other]);
  return { cli: started.ms - t0, api };
}

const watch = watchEvents();
try {
  if (mkube('agent', 'start').status !== 0) throw new Error('agent did not start');
  await heal('warmup', watch); // the first pod pays for network and sandbox image creation
  const starts = [];
  const readies = [];
  const cli = [];
  const api = [];
  for (let i = 0; i < RUNS; i++) {
    const h = await heal(`heal-${i}`, watch);
    starts.push(h.start);
    readies.push(h.ready);
    const d = await dockerStart(watch);
    cli.push(d.cli);
    api.push(d.api);
    mkube('delete', 'pod', `heal-${i}`, '--wait=false');
  }
  const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
  console.log(`runs: ${RUNS}`);
  console.log(
    `first run: kill -> replacement started ${fmt(starts[0])}; docker start ${fmt(cli[0])} (CLI), ${fmt(api[0])} (API); ratio ${ratio(starts[0], cli[0])} / ${ratio(starts[0], api[0])}`,
  );
  console.log(
    `median kill -> replacement started: ${fmt(median(starts))}  (min ${fmt(Math.min(...starts))}, max ${fmt(Math.max(...starts))})`,
  );
  console.log(`median kill -> pod Ready again:     ${fmt(median(readies))}`);
  console.log(`median docker start, CLI -> start:  ${fmt(median(cli))}`);
  console.log(`median docker start, Engine API:    ${fmt(median(api))}`);
  console.log(
    `ratio of medians: ${ratio(median(starts), median(cli))} the CLI's docker start, ${ratio(median(starts), median(api))} the API's`,
  );
} finally {
  watch.stop();
  cleanup();
}
