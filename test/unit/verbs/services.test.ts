// Service verbs end to end in-process against a seeded temp home (range 10.96.0.0/12): `create
// service` (kubectl's own --dry-run=client output, captured from kubectl 1.32), `expose`, `get svc`
// and `describe svc` as whole outputs, and the API server's allocation errors as kubectl prints them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHome } from '../../../src/registry/service-network.js';
import type { Store } from '../../../src/state/types.js';
import { type Run, TempState } from '../validation/cli-ctx.js';

class SeededState extends TempState {
  private seeded?: Store;
  readonly claims = mkdtempSync(join(tmpdir(), 'mkube-unit-claims-'));
  override getStore(): Store {
    if (!this.seeded) {
      process.env.MKUBE_RANGE_CLAIMS_DIR = this.claims;
      mkdirSync(this.home, { recursive: true });
      writeFileSync(join(this.home, 'config.json'), '{"serviceClusterIPRange":"10.96.0.0/12"}');
      this.seeded = openHome(this.home);
    }
    return this.seeded;
  }
  override cleanup(): void {
    delete process.env.MKUBE_RANGE_CLAIMS_DIR;
    rmSync(this.claims, { recursive: true, force: true });
    super.cleanup();
  }
}

let s: SeededState;
beforeEach(() => {
  s = new SeededState();
});
afterEach(() => s.cleanup());

/** Ages change while a test runs: mask the AGE column's value. */
const maskAge = (r: Run) => ({
  ...r,
  stdout: r.stdout.replace(
    / (\d+)s( |$)/gm,
    (_m, d: string, end: string) => ` ${'N'.repeat(d.length)}s${end}`,
  ),
});

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web, tier: front}}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: c
        image: nginx
        ports: [{containerPort: 80}, {containerPort: 53, protocol: UDP}]
`;

describe('create service', () => {
  it.each<[string, string[], string]>([
    [
      'clusterip with a port pair',
      ['clusterip', 'x', '--tcp=80:8080'],
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: x\n  name: x\nspec:\n  ports:\n  - name: 80-8080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: x\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n',
    ],
    [
      'headless clusterip',
      ['clusterip', 'x', '--clusterip=None'],
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: x\n  name: x\nspec:\n  clusterIP: None\n  selector:\n    app: x\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n',
    ],
    [
      'nodeport with a node port',
      ['nodeport', 'x', '--tcp=80:8080', '--node-port=30080'],
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: x\n  name: x\nspec:\n  ports:\n  - name: 80-8080\n    nodePort: 30080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: x\n  type: NodePort\nstatus:\n  loadBalancer: {}\n',
    ],
    [
      'loadbalancer with two ports',
      ['loadbalancer', 'x', '--tcp=80,443:8443'],
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: x\n  name: x\nspec:\n  ports:\n  - name: "80"\n    port: 80\n    protocol: TCP\n    targetPort: 80\n  - name: 443-8443\n    port: 443\n    protocol: TCP\n    targetPort: 8443\n  selector:\n    app: x\n  type: LoadBalancer\nstatus:\n  loadBalancer: {}\n',
    ],
    [
      'externalname',
      ['externalname', 'x', '--external-name=example.com', '--tcp=80'],
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: x\n  name: x\nspec:\n  externalName: example.com\n  ports:\n  - name: "80"\n    port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: x\n  type: ExternalName\nstatus:\n  loadBalancer: {}\n',
    ],
  ])('prints kubectl’s object for %s', async (_name, args, want) => {
    const r = await s.run(['create', 'service', ...args, '--dry-run=client', '-o', 'yaml']);
    expect(r).toEqual({ code: 0, stdout: want, stderr: '' });
  });

  it.each<[string, string[], string]>([
    ['no port', ['clusterip', 'x'], 'error: at least one tcp port specifier must be provided\n'],
    [
      'no name',
      ['clusterip', '--tcp=80'],
      "error: exactly one NAME is required, got 0\nSee 'mkube create service clusterip -h' for help and examples\n",
    ],
    [
      'a bad port',
      ['clusterip', 'x', '--tcp=abc'],
      'error: strconv.ParseUint: parsing "abc": invalid syntax\n',
    ],
    [
      'a bad target port name',
      ['clusterip', 'x', '--tcp=80:a--b'],
      'error: must not contain consecutive hyphens\n',
    ],
    ['no external name', ['externalname', 'x'], 'error: required flag(s) "external-name" not set\n'],
  ])('refuses %s as kubectl does', async (_name, args, want) => {
    expect(await s.run(['create', 'service', ...args, '--dry-run=client', '-o', 'yaml'])).toEqual({
      code: 1,
      stdout: '',
      stderr: want,
    });
  });

  it('refuses a node port another Service holds, as kubectl wraps the API error', async () => {
    expect((await s.run(['create', 'service', 'nodeport', 'a', '--tcp=80', '--node-port=30080'])).code).toBe(
      0,
    );
    expect(await s.run(['create', 'service', 'nodeport', 'b', '--tcp=80', '--node-port=30080'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: failed to create NodePort service: Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n',
    });
  });
});

describe('expose', () => {
  beforeEach(async () => {
    expect((await s.run(['apply', '-f', s.file('d.yaml', DEPLOYMENT)])).code).toBe(0);
  });

  it('infers the selector, ports and protocols of a deployment', async () => {
    expect(await s.run(['expose', 'deploy', 'web', '--dry-run=client', '-o', 'yaml'])).toEqual({
      code: 0,
      stdout:
        'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n    tier: front\n  name: web\nspec:\n  ports:\n  - name: port-1\n    port: 80\n    protocol: TCP\n    targetPort: 80\n  - name: port-2\n    port: 53\n    protocol: UDP\n    targetPort: 53\n  selector:\n    app: web\nstatus:\n  loadBalancer: {}\n',
      stderr: '',
    });
  });

  it('takes --port, --target-port, --type, --name and --selector', async () => {
    const r = await s.run([
      'expose',
      'deploy/web',
      '--port=8080',
      '--target-port=http',
      '--type=NodePort',
      '--name=front',
      '--selector=app=web,tier=front',
      '--dry-run=client',
      '-o',
      'yaml',
    ]);
    expect(r).toEqual({
      code: 0,
      stdout:
        'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n    tier: front\n  name: front\nspec:\n  ports:\n  - port: 8080\n    protocol: TCP\n    targetPort: http\n  selector:\n    app: web\n    tier: front\n  type: NodePort\nstatus:\n  loadBalancer: {}\n',
      stderr: '',
    });
  });

  it('creates the Service and says `exposed`', async () => {
    const r = await s.run(['expose', 'deployment', 'web', '--port=80', '--name=web']);
    expect(r).toEqual({
      code: 0,
      stdout: 'service/web exposed\n',
      stderr: '',
    });
  });

  it.each<[string, string[], string]>([
    [
      'an object without ports',
      ['create', 'deployment', 'nop', '--image=nginx'],
      "error: couldn't find port via --port flag or introspection\nSee 'mkube expose -h' for help and examples\n",
    ],
    ['a kind it cannot expose', ['create', 'namespace', 'nop'], 'error: cannot expose a Namespace\n'],
  ])('refuses %s', async (_name, setup, want) => {
    await s.run(setup);
    const kind = setup[1];
    expect(await s.run(['expose', kind, 'nop'])).toEqual({ code: 1, stdout: '', stderr: want });
  });
});

const SERVICES = `apiVersion: v1
kind: Service
metadata: {name: web}
spec: {clusterIP: 10.96.5.5, selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: np}
spec:
  type: NodePort
  clusterIP: 10.96.5.6
  selector: {app: web}
  ports: [{name: http, port: 80, nodePort: 30080}, {name: dns, port: 53, protocol: UDP, nodePort: 30053}]
---
apiVersion: v1
kind: Service
metadata: {name: lb}
spec: {type: LoadBalancer, clusterIP: 10.96.5.7, selector: {app: web}, ports: [{port: 80, nodePort: 30081}]}
---
apiVersion: v1
kind: Service
metadata: {name: ext}
spec: {type: ExternalName, externalName: example.com}
---
apiVersion: v1
kind: Service
metadata: {name: headless}
spec: {clusterIP: None, selector: {app: web}, ports: [{port: 80}]}
`;

describe('get and describe svc', () => {
  it('lists the bootstrap Services of a new home', async () => {
    expect(maskAge(await s.run(['get', 'svc', '-A']))).toEqual({
      code: 0,
      stdout: [
        'NAMESPACE     NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE',
        'default       kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP                  Ns',
        'kube-system   kube-dns     ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   Ns',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('prints every type as kubectl does, -o wide with the selector', async () => {
    expect((await s.run(['apply', '-f', s.file('s.yaml', SERVICES)])).code).toBe(0);
    expect(maskAge(await s.run(['get', 'svc', '-o', 'wide']))).toEqual({
      code: 0,
      stdout: [
        'NAME         TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)                     AGE   SELECTOR',
        'ext          ExternalName   <none>       example.com   <none>                      Ns    <none>',
        'headless     ClusterIP      None         <none>        80/TCP                      Ns    app=web',
        'kubernetes   ClusterIP      10.96.0.1    <none>        443/TCP                     Ns    <none>',
        'lb           LoadBalancer   10.96.5.7    <pending>     80:30081/TCP                Ns    app=web',
        'np           NodePort       10.96.5.6    <none>        80:30080/TCP,53:30053/UDP   Ns    app=web',
        'web          ClusterIP      10.96.5.5    <none>        80/TCP                      Ns    app=web',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('shows a LoadBalancer served on localhost as EXTERNAL-IP localhost', async () => {
    expect((await s.run(['apply', '-f', s.file('s.yaml', SERVICES)])).code).toBe(0);
    const registry = await (await import('../../../src/registry/registry.js')).Registry;
    const r = new registry(s.getStore());
    const lb = r.get((await import('../../../src/api/kinds.js')).lookupKind('services')!, 'default', 'lb')!;
    await r.updateStatus({ ...lb, status: { loadBalancer: { ingress: [{ hostname: 'localhost' }] } } });
    expect(maskAge(await s.run(['get', 'svc', 'lb']))).toEqual({
      code: 0,
      stdout: [
        'NAME   TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE',
        'lb     LoadBalancer   10.96.5.7    localhost     80:30081/TCP   Ns',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('describes a NodePort Service as kubectl 1.32 does', async () => {
    expect((await s.run(['apply', '-f', s.file('s.yaml', SERVICES)])).code).toBe(0);
    expect(await s.run(['describe', 'svc', 'np'])).toEqual({
      code: 0,
      stdout: [
        'Name:                     np',
        'Namespace:                default',
        'Labels:                   <none>',
        'Annotations:              <none>',
        'Selector:                 app=web',
        'Type:                     NodePort',
        'IP Family Policy:         SingleStack',
        'IP Families:              IPv4',
        'IP:                       10.96.5.6',
        'IPs:                      10.96.5.6',
        'Port:                     http  80/TCP',
        'TargetPort:               80/TCP',
        'NodePort:                 http  30080/TCP',
        'Endpoints:                <none>',
        'Port:                     dns  53/UDP',
        'TargetPort:               53/UDP',
        'NodePort:                 dns  30053/UDP',
        'Endpoints:                <none>',
        'Session Affinity:         None',
        'External Traffic Policy:  Cluster',
        'Internal Traffic Policy:  Cluster',
        'Events:                   <none>',
        '',
      ].join('\n'),
      stderr: '',
    });
  });
});
