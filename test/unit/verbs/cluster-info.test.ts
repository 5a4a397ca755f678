import { afterAll, describe, expect, it } from 'vitest';
import { apiVersions } from '../../../src/commands/api-versions.js';
import { clusterInfoLines, formatClusterInfo } from '../../../src/commands/cluster-info.js';
import { TempStore } from './harness.js';

const t = new TempStore();
afterAll(() => t.cleanup());

const svc = (name: string, labels: Record<string, string>, clusterIP: string, ports: number[]) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'kube-system', labels },
  spec: { clusterIP, ports: ports.map((port) => ({ port })) },
});

describe('cluster-info', () => {
  const kubeDns = svc(
    'kube-dns',
    { 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
    '10.96.0.10',
    [53, 53, 9153],
  );

  it('says where the agent, the cluster services and the ingress run', () => {
    const lines = clusterInfoLines({
      agentPid: 42,
      home: '/h',
      services: [kubeDns, svc('metrics', {}, '10.96.0.20', [443])],
      ingress: { http: 80, https: 8443 },
    });
    expect(formatClusterInfo(lines, { what: (s) => `<${s}>`, where: (s) => `[${s}]` })).toBe(
      '<Kubernetes control plane> is running at [mkube agent pid 42 (state directory /h)]\n' +
        '<CoreDNS> is running at [10.96.0.10:53, 10.96.0.10:9153]\n' +
        '<Ingress> is running at [http://localhost, https://localhost:8443]\n' +
        '\n' +
        "To further debug and diagnose cluster problems, use 'mkube agent status' and 'mkube agent logs'.\n",
    );
  });

  it('leaves out an ingress that could not listen and headless services', () => {
    const lines = clusterInfoLines({
      agentPid: 1,
      home: '/h',
      services: [svc('x', { 'kubernetes.io/cluster-service': 'true' }, 'None', [80])],
      ingress: { http: 0, https: 0 },
    });
    expect(lines).toEqual([['Kubernetes control plane', 'mkube agent pid 1 (state directory /h)']]);
  });

  it('needs the agent', async () => {
    expect(await t.run(['cluster-info'])).toEqual({
      code: 1,
      out: '',
      err: `error: the mkube agent is not running (state directory ${t.home}); 'mkube agent start' starts it\n`,
    });
  });
});

describe('api-versions', () => {
  it("sorts group/versions as Go's sort.Strings", () => {
    expect(apiVersions(['v1', 'apps/v1', 'v1', 'batch/v1', 'autoscaling/v2', 'autoscaling/v1'])).toEqual([
      'apps/v1',
      'autoscaling/v1',
      'autoscaling/v2',
      'batch/v1',
      'v1',
    ]);
  });

  it("lists mkube's kinds' versions, and refuses arguments as kubectl", async () => {
    const r = await t.run(['api-versions']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1)).toEqual(apiVersions(lines.slice(0, -1)));
    expect(lines).toContain('apps/v1');
    expect(lines.at(-2)).toBe('v1');
    expect(await t.run(['api-versions', 'foo'])).toEqual({
      code: 1,
      out: '',
      err: "error: unexpected arguments: [foo]\nSee 'mkube api-versions -h' for help and examples\n",
    });
  });
});
