// Namespaces by kubeconfig context end to end: after `config set-context --current
// --namespace=dev`, objects created without -n land in dev and `get` lists dev; -n and
// --context still choose. cluster-info then says where the running agent serves.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, requireDocker, TestHome } from './harness.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
`;

let t: TestHome;
beforeAll(() => {
  requireDocker();
  t = new TestHome('mkube-e2e-contexts-');
});
afterAll(() => t?.cleanup());

describe('the current context chooses the namespace', () => {
  it('creates and lists in the context namespace', () => {
    expect(t.run(['config', 'set-context', '--current', '--namespace=dev'])).toEqual({
      code: 0,
      stdout: 'Context "mkube" modified.\n',
      stderr: '',
    });
    expect(t.run(['create', 'namespace', 'dev']).stdout).toBe('namespace/dev created\n');
    expect(t.run(['apply', '-f', '-'], { input: POD })).toEqual({
      code: 0,
      stdout: 'pod/web created\n',
      stderr: '',
    });
    expect(t.run(['get', 'pods', '-o', 'name'])).toEqual({ code: 0, stdout: 'pod/web\n', stderr: '' });
    expect(t.run(['get', 'pods', '-n', 'default'])).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No resources found in default namespace.\n',
    });
  });

  it('follows use-context and --context', () => {
    expect(t.run(['config', 'set-context', 'other', '--namespace=default']).stdout).toBe(
      'Context "other" created.\n',
    );
    expect(t.run(['get', 'pods', '--context', 'other'])).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No resources found in default namespace.\n',
    });
    expect(t.run(['config', 'use-context', 'other']).stdout).toBe('Switched to context "other".\n');
    expect(t.run(['get', 'pods']).stderr).toBe('No resources found in default namespace.\n');
  });
});

describe('cluster-info', () => {
  it('says where the running agent, the cluster DNS and the ingress serve', async () => {
    const pid = Number(readFileSync(join(t.home, 'agent.pid'), 'utf8'));
    const dnsIP = t.run([
      'get',
      'svc',
      'kube-dns',
      '-n',
      'kube-system',
      '-o',
      'jsonpath={.spec.clusterIP}',
    ]).stdout;
    // The agent reports the ingress ports it bound (80/443, or free ones when taken): check them,
    // once it has (the commands above started it without waiting for it).
    const { ingressHttp, ingressHttps } = await eventually(
      () => JSON.parse(readFileSync(join(t.home, 'agent-listeners.json'), 'utf8')),
      20_000,
      50,
    );
    const answer = await fetch(`http://127.0.0.1:${ingressHttp}/`, { headers: { host: 'nothing.example' } });
    expect(answer.status).toBe(404);
    const port = (scheme: string, p: number, def: number) =>
      `${scheme}://localhost${p === def ? '' : `:${p}`}`;
    expect(t.run(['cluster-info'])).toEqual({
      code: 0,
      stdout:
        `Kubernetes control plane is running at mkube agent pid ${pid} (state directory ${t.home})\n` +
        `CoreDNS is running at ${dnsIP}:53, ${dnsIP}:9153\n` +
        `Ingress is running at ${port('http', ingressHttp, 80)}, ${port('https', ingressHttps, 443)}\n` +
        '\n' +
        "To further debug and diagnose cluster problems, use 'mkube agent status' and 'mkube agent logs'.\n",
      stderr: '',
    });
  });
});
