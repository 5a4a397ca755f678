// A GET of the API from inside a pod, as in-cluster clients make it: busybox wget with the mounted
// token at https://kubernetes.default.svc (cluster DNS + the Service's ClusterIP through the data
// plane) against the same request to the endpoint's own address on the network gateway (the
// floor: no name lookup, no NAT), in one run. Each request is a new TLS connection, as wget does.
// Target: the Service path <= 1.2x the floor.
// Run by hand: node bench/in-pod-api.mjs   (needs `npm run build` and busybox:1.36 locally)
import { spawnSync } from 'node:child_process';
import { BIN, fmt, median, scratchHome } from './lib.mjs';

const REQUESTS = Number(process.env.REQUESTS ?? 20);
const RUNS = Number(process.env.RUNS ?? 5);
const { env, mkube, cleanup } = scratchHome();

const pod = `apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - {name: c, image: busybox:1.36, command: [sleep, '3600']}
`;

/** ms per request for REQUESTS sequential wgets of `url` inside the pod (timed by the pod's shell). */
function perRequest(url) {
  const script = `T=$(cat /var/run/secrets/kubernetes.io/serviceaccount/token)
s=$(cut -d' ' -f1 /proc/uptime)
for i in $(seq ${REQUESTS}); do wget -q -O /dev/null --no-check-certificate --header "Authorization: Bearer $T" ${url}; done
e=$(cut -d' ' -f1 /proc/uptime)
echo "$s $e"`;
  const r = mkube('exec', 'client', '--', 'sh', '-c', script);
  if (r.status !== 0) throw new Error(`exec failed: ${r.stderr}`);
  const [s, e] = r.stdout.trim().split(' ').map(Number);
  return ((e - s) * 1000) / REQUESTS;
}

try {
  if (spawnSync(process.execPath, [BIN, 'apply', '-f', '-'], { env, input: pod }).status !== 0)
    throw new Error('apply failed');
  const ready = mkube('wait', '--for=condition=Ready', 'pod/client', '--timeout=60s');
  if (ready.status !== 0) throw new Error(`not ready: ${ready.stderr}`);
  const ep = mkube(
    'get',
    'ep',
    'kubernetes',
    '-o',
    'jsonpath={.subsets[0].addresses[0].ip}:{.subsets[0].ports[0].port}',
  );
  const direct = `https://${ep.stdout}/api/v1/namespaces/default/pods`;
  const viaService = 'https://kubernetes.default.svc/api/v1/namespaces/default/pods';
  perRequest(direct); // warm up
  const floor = [];
  const service = [];
  for (let i = 0; i < RUNS; i++) {
    floor.push(perRequest(direct));
    service.push(perRequest(viaService));
  }
  const f = median(floor);
  const s = median(service);
  console.log(`gateway address directly (floor): ${fmt(f)} per request (median of ${RUNS} x ${REQUESTS})`);
  console.log(`https://kubernetes.default.svc:     ${fmt(s)} per request`);
  console.log(`ratio: ${(s / f).toFixed(2)} (target <= 1.2)`);
} finally {
  cleanup();
}
