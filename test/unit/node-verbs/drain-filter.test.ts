import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { drainPlan } from '../../../src/commands/node/drain-filter.js';

const pod = (name: string, mut: (p: Pod) => void = () => {}): Pod => {
  const p: Pod = {
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'c' }] },
    status: { phase: 'Running' },
  };
  mut(p);
  return p;
};
const owned = (kind: string, name: string) => (p: Pod) => {
  p.metadata!.ownerReferences = [{ apiVersion: 'apps/v1', kind, name, uid: 'u', controller: true }];
};
const flags = { force: false, ignoreDaemonsets: false, deleteEmptydirData: false };
const names = (pods: Pod[]) => pods.map((p) => p.metadata!.name);

describe('drainPlan (kubectl drain filters)', () => {
  const rs = pod('web', owned('ReplicaSet', 'web-1'));
  const bare = pod('bare');
  const ds = pod('agent', owned('DaemonSet', 'agent'));
  const scratch = pod('scratch', (p) => {
    owned('ReplicaSet', 'x')(p);
    p.spec!.volumes = [{ name: 'tmp', emptyDir: {} }];
  });
  const done = pod('job', (p) => (p.status!.phase = 'Succeeded'));
  const exists = () => true;

  it('refuses unmanaged, DaemonSet and emptyDir pods without the flags, grouped by message', () => {
    expect(drainPlan([rs, bare, ds, scratch, done], flags, exists)).toEqual({
      evict: [rs, done],
      warnings: '',
      errors: [
        'cannot delete Pods that declare no controller (use --force to override): default/bare',
        'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent',
        'cannot delete Pods with local storage (use --delete-emptydir-data to override): default/scratch',
      ],
    });
  });
  it('with --force --ignore-daemonsets --delete-emptydir-data: evicts all but DaemonSet pods, with warnings', () => {
    const plan = drainPlan(
      [rs, bare, ds, scratch],
      { force: true, ignoreDaemonsets: true, deleteEmptydirData: true },
      exists,
    );
    expect(names(plan.evict)).toEqual(['web', 'bare', 'scratch']);
    expect(plan.warnings).toBe(
      'deleting Pods that declare no controller: default/bare; ignoring DaemonSet-managed Pods: default/agent; deleting Pods with local storage: default/scratch',
    );
    expect(plan.errors).toEqual([]);
  });
  it('a pod of a DaemonSet that is gone needs --force', () => {
    expect(drainPlan([ds], flags, () => false).errors).toEqual([
      'cannot delete daemonsets.apps "agent" not found: default/agent',
    ]);
    expect(names(drainPlan([ds], { ...flags, force: true }, () => false).evict)).toEqual(['agent']);
  });
});
