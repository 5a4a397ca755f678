import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import {
  controllerRevisionHistory,
  deploymentHistory,
  equalIgnoreHash,
  historyTable,
  rolledBackDeployment,
  selectControllerRevision,
  selectDeploymentRevision,
} from '../../../src/commands/workload/history.js';

function rs(name: string, revision: string | undefined, image: string, cause?: string): KObject {
  const annotations: Record<string, string> = {};
  if (revision !== undefined) annotations['deployment.kubernetes.io/revision'] = revision;
  if (cause) annotations['kubernetes.io/change-cause'] = cause;
  annotations['deployment.kubernetes.io/desired-replicas'] = '3';
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, annotations },
    spec: {
      template: {
        metadata: { labels: { app: 'web', 'pod-template-hash': name.split('-')[1]! } },
        spec: { containers: [{ name: 'app', image }] },
      },
    },
  };
}

describe('deployment history', () => {
  const entries = deploymentHistory([
    rs('web-b', '3', 'nginx:3', 'set image 3'),
    rs('web-a', '1', 'nginx:1'),
    rs('web-c', '2', 'nginx:2'),
  ]);

  it('orders revisions and keeps change causes', () => {
    expect(entries.map((e) => [e.revision, e.changeCause])).toEqual([
      [1, ''],
      [2, ''],
      [3, 'set image 3'],
    ]);
  });

  it('shows the change cause on the revision template, as kubectl does', () => {
    expect(entries[2]!.template.metadata.annotations).toEqual({
      'kubernetes.io/change-cause': 'set image 3',
    });
  });

  it('prints the table with tabwriter padding 2 and <none> for no cause', () => {
    expect(historyTable(entries)).toBe(
      'REVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n3         set image 3\n',
    );
  });

  it('says so when there is no history', () => {
    expect(historyTable([])).toBe('No rollout history found.');
  });

  it('counts a ReplicaSet without a revision annotation as revision 0', () => {
    expect(deploymentHistory([rs('web-z', undefined, 'x')]).map((e) => e.revision)).toEqual([0]);
  });
});

describe('undo selection', () => {
  const entries = deploymentHistory([
    rs('web-a', '1', 'nginx:1'),
    rs('web-b', '2', 'nginx:2'),
    rs('web-c', '3', 'nginx:3'),
  ]);
  const cases: Array<{ name: string; to: number; entries?: typeof entries; want: string }> = [
    { name: 'goes back to the revision before the newest by default', to: 0, want: 'web-b' },
    { name: 'goes to the revision asked for', to: 1, want: 'web-a' },
    {
      name: 'fails for a revision that does not exist',
      to: 7,
      want: 'unable to find specified revision 7 in history',
    },
    {
      name: 'fails for a negative revision',
      to: -1,
      want: 'unable to find specified revision -1 in history',
    },
    {
      name: 'fails when there is only one revision',
      to: 0,
      entries: entries.slice(0, 1),
      want: 'no rollout history found for deployment "web"',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = selectDeploymentRevision(c.entries ?? entries, c.to, 'web');
      expect('entry' in got ? got.entry.source.metadata.name : got.error).toBe(c.want);
    });
  }

  it('needs two controller revisions to go back to the last one', () => {
    const crs = controllerRevisionHistory([
      {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: { name: 'db-1' },
        revision: 1,
        data: {
          spec: { template: { $patch: 'replace', spec: { containers: [{ name: 'a', image: 'x:1' }] } } },
        },
      },
    ]);
    expect(crs[0]!.template).toEqual({ spec: { containers: [{ name: 'a', image: 'x:1' }] } });
    expect(selectControllerRevision(crs, 0)).toEqual({ error: 'no last revision to roll back to' });
  });
});

describe('rollback', () => {
  it('compares templates ignoring pod-template-hash and empty fields', () => {
    const a = {
      metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } },
      spec: { containers: [{ name: 'a', image: 'x', resources: {} }] },
    };
    const b = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'x' }] } };
    expect(equalIgnoreHash(a, b)).toBe(true);
    expect(equalIgnoreHash(a, { ...b, spec: { containers: [{ name: 'a', image: 'y' }] } })).toBe(false);
  });

  it('copies the template without the hash label and the annotations kubectl copies', () => {
    const deploy: KObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'web',
        annotations: {
          'deployment.kubernetes.io/revision': '3',
          'kubernetes.io/change-cause': 'three',
          team: 'a',
        },
      },
      spec: {
        replicas: 3,
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'app', image: 'nginx:3' }] },
        },
      },
    };
    const next = rolledBackDeployment(deploy, rs('web-a', '1', 'nginx:1', 'one'));
    expect(next.spec.template).toEqual({
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'app', image: 'nginx:1' }] },
    });
    expect(next.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '3',
      'kubernetes.io/change-cause': 'one',
    });
    expect(next.spec.replicas).toBe(3);
  });
});
