// Services through the built CLI against the real engine: a new home's bootstrap Services at the
// first and tenth address of its own range, a Deployment + Service applied with a requested
// ClusterIP, `expose deploy`, and a NodePort conflict refused with the API server's message.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cidrContains, parseCidr, parseIPv4 } from '../../src/api/ipv4.js';
import { requireDocker, TestHome } from './harness.js';

/** Ages change while a test runs: digits of the AGE column become N, widths kept. */
const maskAge = (text: string) =>
  text.replace(/ (\d+)s( |$)/gm, (_m, d: string, end: string) => ` ${'N'.repeat(d.length)}s${end}`);

describe('Services through the CLI', () => {
  const t = new TestHome('mkube-svc-');
  let base = '';

  beforeAll(() => {
    requireDocker();
  });
  afterAll(() => t.cleanup());

  it('lists kubernetes and kube-dns at the first and tenth address of the home’s range', () => {
    const r = t.run(['get', 'svc', '-A']);
    const range: string = JSON.parse(readFileSync(join(t.home, 'config.json'), 'utf8')).serviceClusterIPRange;
    expect(range).toMatch(/^10\.\d+\.0\.0\/(12|16)$/);
    base = range.replace(/\.0\.0\/\d+$/, '');
    const one = `${base}.0.1`;
    const ten = `${base}.0.10`;
    const w = Math.max('CLUSTER-IP'.length, ten.length) + 3;
    expect({ ...r, stdout: maskAge(r.stdout) }).toEqual({
      code: 0,
      stdout: [
        `NAMESPACE     NAME         TYPE        ${'CLUSTER-IP'.padEnd(w)}EXTERNAL-IP   PORT(S)                  AGE`,
        `default       kubernetes   ClusterIP   ${one.padEnd(w)}<none>        443/TCP                  Ns`,
        `kube-system   kube-dns     ClusterIP   ${ten.padEnd(w)}<none>        53/UDP,53/TCP,9153/TCP   Ns`,
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('stores an applied Service with its requested ClusterIP and NodePort', () => {
    const manifest = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: busybox:1.36, command: [sleep, '3600'], ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: NodePort, clusterIP: ${base}.0.50, selector: {app: web}, ports: [{port: 80, targetPort: 8080, nodePort: 30180}]}
`;
    const applied = t.run(['apply', '-f', '-'], { input: manifest });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toBe('deployment.apps/web created\nservice/web created\n');
    const r = t.run(['get', 'svc', 'web']);
    const ip = `${base}.0.50`;
    const w = Math.max('CLUSTER-IP'.length, ip.length) + 3;
    expect({ ...r, stdout: maskAge(r.stdout) }).toEqual({
      code: 0,
      stdout: [
        `NAME   TYPE       ${'CLUSTER-IP'.padEnd(w)}EXTERNAL-IP   PORT(S)        AGE`,
        `web    NodePort   ${ip.padEnd(w)}<none>        80:30180/TCP   Ns`,
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('exposes the deployment on an allocated ClusterIP of the range', () => {
    const exposed = t.run([
      'expose',
      'deploy',
      'web',
      '--name=web-exposed',
      '--port=80',
      '--target-port=8080',
    ]);
    expect(exposed.stdout).toBe('service/web-exposed exposed\n');
    const r = t.run(['get', 'svc', 'web-exposed', '-o', 'wide', '--no-headers']);
    const ip = r.stdout.split(/\s+/)[2]!;
    const range: string = JSON.parse(readFileSync(join(t.home, 'config.json'), 'utf8')).serviceClusterIPRange;
    expect(cidrContains(parseCidr(range)!, parseIPv4(ip) ?? -1)).toBe(true);
    expect(maskAge(r.stdout).replace(ip, 'IP').replace(/ +/g, ' ')).toBe(
      'web-exposed ClusterIP IP <none> 80/TCP Ns app=web\n',
    );
  });

  it('refuses a NodePort another Service holds, and a ClusterIP outside the range', () => {
    const taken = t.run(['create', 'service', 'nodeport', 'clash', '--tcp=80', '--node-port=30180']);
    expect(taken).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: failed to create NodePort service: Service "clash" is invalid: spec.ports[0].nodePort: Invalid value: 30180: provided port is already allocated\n',
    });
    const range: string = JSON.parse(readFileSync(join(t.home, 'config.json'), 'utf8')).serviceClusterIPRange;
    const outside = t.run(['apply', '-f', '-'], {
      input:
        'apiVersion: v1\nkind: Service\nmetadata: {name: out}\nspec: {clusterIP: 192.0.2.200, ports: [{port: 80}]}\n',
    });
    expect(outside).toEqual({
      code: 1,
      stdout: '',
      stderr: `The Service "out" is invalid: spec.clusterIPs: Invalid value: []string{"192.0.2.200"}: failed to allocate IP 192.0.2.200: the provided IP (192.0.2.200) is not in the valid range. The range of valid IPs is ${range}\n`,
    });
  });
});
