// Request latency through a ClusterIP (iptables DNAT of mkube's data plane) vs straight to the pod IP,
// in the same run: one busybox httpd backend on a Docker network this bench creates, N small HTTP
// requests from the host, each on a new connection (as a client without keep-alive), interleaved so
// both paths see the same machine load. Prints medians and the ratio (target <= 1.1).
// Also prints how long a full sync and a refused connection take. Needs root and iptables.
// Run by hand: node bench/clusterip-latency.mjs   (after scripts/setup.sh)
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { fmt, median, ROOT } from './lib.mjs';

const N = Number(process.env.REQUESTS ?? 1000);
const SERVICE_CIDR = '10.111.0.0/16'; // test-only range; the executor refuses it if anything routes there
const CLUSTER_IP = '10.111.0.20';
const LABEL = 'io.mkube.bench=clusterip-latency';

// The data plane is TypeScript: bundle it once for this script.
const bundle = join(tmpdir(), `mkube-proxy-bench-${process.pid}.mjs`);
await build({
  entryPoints: [join(ROOT, 'src/network/proxy/index.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: bundle,
  logLevel: 'error',
});
const { cleanup, proxyIdentity, proxyUnsupportedReason, syncRules } = await import(bundle);

const unsupported = await proxyUnsupportedReason();
if (unsupported) {
  console.error(`clusterip-latency: ${unsupported}`);
  process.exit(1);
}

const docker = (...args) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const id = proxyIdentity(join(tmpdir(), `mkube-bench-${process.pid}`));
const net = `mkube-bench-${id}`;

function get(host, port) {
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: '/', agent: false, timeout: 3000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(Number(process.hrtime.bigint() - t0) / 1e6));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout to ${host}:${port}`)));
    req.on('error', reject);
    req.end();
  });
}

function refusedMs(host, port) {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const s = connect({ host, port });
    s.on('connect', () => {
      s.destroy();
      resolve(Number.NaN);
    });
    s.on('error', () => resolve(performance.now() - t0));
  });
}

const removeDocker = () => {
  const ids = docker('ps', '-aq', '--filter', `label=${LABEL}`).split('\n').filter(Boolean);
  if (ids.length) docker('rm', '-f', ...ids);
  const nets = docker('network', 'ls', '-q', '--filter', `label=${LABEL}`).split('\n').filter(Boolean);
  if (nets.length) docker('network', 'rm', ...nets);
};

try {
  removeDocker();
  docker('network', 'create', '--label', LABEL, net);
  const cid = docker(
    'run',
    '-d',
    '--label',
    LABEL,
    '--network',
    net,
    'busybox:1.36',
    'sh',
    '-c',
    'mkdir /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www',
  );
  const podIP = docker('inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', cid);
  const input = {
    id,
    serviceCIDR: SERVICE_CIDR,
    services: [
      {
        metadata: { namespace: 'default', name: 'bench' },
        spec: { clusterIP: CLUSTER_IP, ports: [{ port: 80, targetPort: 8080 }] },
      },
      {
        metadata: { namespace: 'default', name: 'empty' },
        spec: { clusterIP: '10.111.0.21', ports: [{ port: 80 }] },
      },
    ],
    endpointSlices: [
      {
        metadata: {
          namespace: 'default',
          name: 'bench-1',
          labels: { 'kubernetes.io/service-name': 'bench' },
        },
        addressType: 'IPv4',
        ports: [{ port: 8080, protocol: 'TCP' }],
        endpoints: [{ addresses: [podIP], conditions: { ready: true } }],
      },
    ],
  };
  const syncs = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = await syncRules(input);
    syncs.push(performance.now() - t0);
    if (!r.ok) throw new Error(r.reason);
  }

  // Warm up both paths (ARP, conntrack, httpd), then interleave.
  for (let i = 0; i < 50; i++) {
    await get(podIP, 8080);
    await get(CLUSTER_IP, 80);
  }
  const direct = [];
  const viaService = [];
  for (let i = 0; i < N; i++) {
    direct.push(await get(podIP, 8080));
    viaService.push(await get(CLUSTER_IP, 80));
  }
  const refused = [];
  for (let i = 0; i < 20; i++) refused.push(await refusedMs('10.111.0.21', 80));

  const d = median(direct);
  const s = median(viaService);
  console.log(`requests per path:         ${N} (new connection each)`);
  console.log(`pod IP median:             ${fmt(d)}`);
  console.log(`ClusterIP median:          ${fmt(s)}`);
  console.log(`ratio ClusterIP / pod IP:  ${(s / d).toFixed(3)} (target <= 1.1)`);
  console.log(`no endpoints -> refused:   ${fmt(median(refused))} median`);
  console.log(
    `syncRules (whole set):     ${fmt(syncs[0])} first, ${fmt(median(syncs.slice(1)))} median after`,
  );
} finally {
  const r = await cleanup({ id, serviceCIDR: SERVICE_CIDR });
  if (!r.ok) console.error(`cleanup: ${r.reason}`);
  removeDocker();
}
