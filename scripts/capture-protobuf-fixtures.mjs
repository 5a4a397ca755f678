// Captures the protobuf request bodies kubectl's typed clients send, with the JSON kubectl prints
// for the same command with --dry-run=client -o json, into test/unit/apiserver/fixtures/protobuf/
// (the goldens of test/unit/apiserver/protobuf-body.test.ts). client-go logs a binary request body
// as a hex dump at -v=10 (whole; -v=8 cuts it at 1 KiB) before sending it, so no server has to accept it: commands that need no
// server run against a closed port, the others (autoscale, create role: discovery) against the API
// endpoint of a running agent, whose kubeconfig is the first argument (kubectl expose creates
// through the dynamic client, in JSON, so it has no case here):
//   node scripts/capture-protobuf-fixtures.mjs $MKUBE_HOME/kubeconfig
//   npx biome check --write test/unit/apiserver/fixtures/protobuf
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../test/unit/apiserver/fixtures/protobuf');
const kubeconfig = process.argv[2];
const work = mkdtempSync(join(tmpdir(), 'mkube-protobuf-'));

// Inputs: a binary file for binaryData, a key pair for the TLS secret, a deployment for -f.
const blob = join(work, 'blob.bin');
writeFileSync(blob, Buffer.from([0, 1, 2, 0xfe, 0xff, 0x80, 0x0a]));
const text = join(work, 'app.properties');
writeFileSync(text, 'color=blue\nsize=3\n');
const key = join(work, 'tls.key');
const crt = join(work, 'tls.crt');
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-subj',
    '/CN=web.example',
    '-days',
    '1',
    '-keyout',
    key,
    '-out',
    crt,
  ],
  { stdio: 'ignore' },
);
const deployment = join(work, 'web.yaml');
writeFileSync(
  deployment,
  `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]
`,
);

/** name -> kubectl arguments; `server` ones need discovery from a running endpoint. */
const CASES = [
  ['configmap-literal', ['create', 'configmap', 'settings', '--from-literal=a=b', '--from-literal=empty=']],
  ['configmap-files', ['create', 'configmap', 'files', `--from-file=${text}`, `--from-file=${blob}`]],
  [
    'secret-generic',
    ['create', 'secret', 'generic', 'creds', '--from-literal=user=admin', `--from-file=${blob}`],
  ],
  ['secret-tls', ['create', 'secret', 'tls', 'web-tls', `--cert=${crt}`, `--key=${key}`]],
  ['namespace', ['create', 'namespace', 'team-a']],
  ['deployment-replicas-0', ['create', 'deployment', 'web', '--image=nginx', '--replicas=0']],
  [
    'deployment-replicas-3-port',
    ['create', 'deployment', 'api', '--image=nginx:1.27', '--replicas=3', '--port=8080'],
  ],
  ['service-clusterip', ['create', 'service', 'clusterip', 'web', '--tcp=80:8080', '--tcp=443']],
  ['service-nodeport', ['create', 'service', 'nodeport', 'web', '--tcp=80:8080', '--node-port=30080']],
  ['job', ['create', 'job', 'once', '--image=busybox', '--', 'echo', 'hi']],
  [
    'cronjob',
    [
      'create',
      'cronjob',
      'tick',
      '--image=busybox',
      '--schedule=*/5 * * * *',
      '--restart=OnFailure',
      '--',
      'date',
    ],
  ],
  ['quota', ['create', 'quota', 'small', '--hard=cpu=1,memory=1Gi,pods=10', '--scopes=NotTerminating']],
  ['pdb-min-available-0', ['create', 'pdb', 'web', '--selector=app=web', '--min-available=0']],
  ['pdb-max-unavailable-50', ['create', 'pdb', 'web', '--selector=app=web', '--max-unavailable=50%']],
  ['serviceaccount', ['create', 'serviceaccount', 'builder']],
  ['role', ['create', 'role', 'reader', '--verb=get,list', '--resource=pods,configmaps'], 'server'],
  ['ingress', ['create', 'ingress', 'web', '--rule=web.example/api*=web:80,tls=web-tls']],
  ['autoscale', ['autoscale', '-f', deployment, '--min=1', '--max=5', '--cpu-percent=70'], 'server'],
];

function kubectl(args, flags, server) {
  const where = server ? ['--kubeconfig', kubeconfig] : ['--server=http://127.0.0.1:1', '-n', 'default'];
  // Flags go before a `--` (the container command of create job/cronjob).
  const dash = args.includes('--') ? args.indexOf('--') : args.length;
  return spawnSync('kubectl', [...args.slice(0, dash), ...flags, ...where, ...args.slice(dash)], {
    encoding: 'utf8',
  });
}

/** The last binary request body of a -v=8 log (client-go's hex.Dump lines). */
function bodyOf(log) {
  const dumps = [...log.matchAll(/"Request Body" body=<\n((?:\t[0-9a-f]{8} .*\n)+) >/g)];
  if (!dumps.length) throw new Error(`no protobuf body in:\n${log}`);
  const lines = dumps.at(-1)[1].trimEnd().split('\n');
  return lines.map((l) => l.slice(11, 59).replace(/\s+/g, '')).join('');
}

for (const [name, args, server] of CASES) {
  if (server && !kubeconfig) {
    console.error(`${name}: needs the kubeconfig of a running endpoint`);
    continue;
  }
  const sent = kubectl(args, ['-v=10'], server);
  const dry = kubectl(args, ['--dry-run=client', '-o', 'json'], server);
  if (dry.status !== 0) throw new Error(`${name}: ${dry.stderr}`);
  const fixture = {
    command: `kubectl ${args.join(' ').replaceAll(work, '.')}`,
    body: bodyOf(sent.stderr),
    json: JSON.parse(dry.stdout),
  };
  writeFileSync(join(OUT, `${name}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
  console.log(name);
}
