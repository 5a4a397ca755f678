import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { deployment, replicaSetFor, TempStore } from './harness.js';

let t: TempStore;
let web: KObject;
beforeEach(async () => {
  t = new TempStore();
  web = await t.create(deployment('web', { replicas: 3, image: 'nginx:1' }));
});
afterEach(() => t.cleanup());

/** Two revisions: nginx:1 (rev 1), then nginx:2 (rev 2, current). */
async function twoRevisions(): Promise<void> {
  await t.create(replicaSetFor(web, 1, 'aaaa1'));
  await t.run(['set', 'image', 'deploy/web', 'app=nginx:2']);
  web = t.get('deploy', 'web')!;
  await t.create(replicaSetFor(web, 2, 'bbbb2', 'kubectl set image deploy/web app=nginx:2'));
}

describe('rollout status', () => {
  it('prints each observed line until the rollout is done', async () => {
    await t.setStatus('deploy', 'web', {
      observedGeneration: 1,
      replicas: 1,
      updatedReplicas: 1,
      availableReplicas: 0,
    });
    // Each status write waits for the line of the previous one, so every state is observed.
    const steps = [
      () => t.setStatus('deploy', 'web', { replicas: 3, updatedReplicas: 3, availableReplicas: 2 }),
      () => t.setStatus('deploy', 'web', { availableReplicas: 3 }),
    ];
    let lines = 0;
    const p = t.run(['rollout', 'status', 'deployment/web'], {
      onOut: (text) => {
        const n = text.split('\n').length - 1;
        if (n > lines) {
          lines = n;
          steps.shift()?.();
        }
      },
    });
    const r = await p;
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
        'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...',
        'deployment "web" successfully rolled out',
        '',
      ].join('\n'),
    );
  });

  it('prints the current line and exits 0 with --watch=false', async () => {
    const r = await t.run(['rollout', 'status', 'deploy', 'web', '--watch=false']);
    expect(r).toEqual({ code: 0, out: 'Waiting for deployment spec update to be observed...\n', err: '' });
  });

  it('times out with kubectl wording', async () => {
    const r = await t.run(['rollout', 'status', 'deploy/web', '--timeout=150ms']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('error: timed out waiting for the condition\n');
  });

  it('fails when the progress deadline is exceeded', async () => {
    await t.setStatus('deploy', 'web', {
      observedGeneration: 1,
      conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
    });
    const r = await t.run(['rollout', 'status', 'deploy/web']);
    expect(r).toEqual({ code: 1, out: '', err: 'error: deployment "web" exceeded its progress deadline\n' });
  });

  it('stops when the object is deleted', async () => {
    const p = t.run(['rollout', 'status', 'deploy/web']);
    t.whenWatching(() => t.remove('deploy', 'web'));
    const r = await p;
    expect(r.err).toBe('error: object has been deleted\n');
  });

  it('says what is missing', async () => {
    expect((await t.run(['rollout', 'status'])).err).toBe('error: required resource not specified\n');
    expect((await t.run(['rollout', 'status', 'deploy/nope'])).err).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
    expect((await t.run(['rollout', 'status', 'deploy', '-l', 'x=y'])).err).toBe(
      'No resources found in default namespace.\n',
    );
  });

  it('reports the OnDelete strategy of a statefulset', async () => {
    await t.create({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        replicas: 1,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        updateStrategy: { type: 'OnDelete' },
        template: {
          metadata: { labels: { app: 'db' } },
          spec: { containers: [{ name: 'db', image: 'busybox' }] },
        },
      },
    });
    const r = await t.run(['rollout', 'status', 'sts/db']);
    expect(r.err).toBe('error: rollout status is only available for RollingUpdate strategy type\n');
  });
});

describe('rollout history', () => {
  it('lists revisions under the object name, with a trailing blank line', async () => {
    await twoRevisions();
    const r = await t.run(['rollout', 'history', 'deployment/web']);
    expect(r.out).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deploy/web app=nginx:2\n\n',
    );
  });

  it('describes one revision', async () => {
    await twoRevisions();
    const r = await t.run(['rollout', 'history', 'deploy/web', '--revision=1']);
    expect(r.out).toBe(
      [
        'deployment.apps/web with revision #1',
        'Pod Template:',
        '  Labels:\tapp=web',
        '\tpod-template-hash=aaaa1',
        '  Containers:',
        '   app:',
        '    Image:\tnginx:1',
        '    Port:\t<none>',
        '    Host Port:\t<none>',
        '    Environment:\t<none>',
        '    Mounts:\t<none>',
        '  Volumes:\t<none>',
        '  Node-Selectors:\t<none>',
        '  Tolerations:\t<none>',
        '',
        '',
      ].join('\n'),
    );
    expect((await t.run(['rollout', 'history', 'deploy/web', '--revision=9'])).err).toBe(
      'error: unable to find the specified revision\n',
    );
  });

  it('prints the ReplicaSets with -o name', async () => {
    await twoRevisions();
    const r = await t.run(['rollout', 'history', 'deploy/web', '-o', 'name']);
    expect(r.out).toBe('replicaset.apps/web-aaaa1\nreplicaset.apps/web-bbbb2\n');
  });

  it('has no history for a pod', async () => {
    await t.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'x' }] },
    });
    expect((await t.run(['rollout', 'history', 'pod/p'])).err).toBe(
      'error: no history viewer has been implemented for "Pod"\n',
    );
  });
});

describe('rollout undo', () => {
  it('puts the previous template back and copies the change cause', async () => {
    await twoRevisions();
    const r = await t.run(['rollout', 'undo', 'deploy/web']);
    expect(r).toEqual({ code: 0, out: 'deployment.apps/web rolled back\n', err: '' });
    const d = t.get('deploy', 'web')!;
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1');
    expect(d.spec.template.metadata.labels).toEqual({ app: 'web' });
    expect(d.metadata.annotations?.['kubernetes.io/change-cause']).toBeUndefined();
  });

  it('skips when the template already matches', async () => {
    await twoRevisions();
    const r = await t.run(['rollout', 'undo', 'deploy/web', '--to-revision=2']);
    expect(r.out).toBe(
      'deployment.apps/web skipped rollback (current template already matches revision 2)\n',
    );
  });

  it('fails without history and for unknown revisions', async () => {
    await t.create(replicaSetFor(web, 1, 'aaaa1'));
    expect((await t.run(['rollout', 'undo', 'deploy/web'])).err).toBe(
      'error: no rollout history found for deployment "web"\n',
    );
    expect((await t.run(['rollout', 'undo', 'deploy/web', '--to-revision=5'])).err).toBe(
      'error: unable to find specified revision 5 in history\n',
    );
  });

  it('refuses a paused deployment', async () => {
    await twoRevisions();
    await t.run(['rollout', 'pause', 'deploy/web']);
    expect((await t.run(['rollout', 'undo', 'deploy/web'])).err).toBe(
      "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n",
    );
  });
});

describe('rollout pause, resume, restart', () => {
  it('pauses once and then says it is already paused', async () => {
    expect((await t.run(['rollout', 'pause', 'deploy/web'])).out).toBe('deployment.apps/web paused\n');
    expect(t.get('deploy', 'web')!.spec.paused).toBe(true);
    expect(await t.run(['rollout', 'pause', 'deploy/web'])).toEqual({
      code: 1,
      out: '',
      err: 'error: deployments.apps "web" is already paused\n',
    });
  });

  it('resumes a paused deployment only', async () => {
    expect((await t.run(['rollout', 'resume', 'deploy/web'])).err).toBe(
      'error: deployments.apps "web" is not paused\n',
    );
    await t.run(['rollout', 'pause', 'deploy/web']);
    expect((await t.run(['rollout', 'resume', 'deploy/web'])).out).toBe('deployment.apps/web resumed\n');
    expect(t.get('deploy', 'web')!.spec.paused).toBe(false);
  });

  it('restarts by stamping the pod template', async () => {
    const r = await t.run(['rollout', 'restart', 'deploy/web']);
    expect(r.out).toBe('deployment.apps/web restarted\n');
    const d = t.get('deploy', 'web')!;
    expect(d.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/,
    );
    expect(d.metadata.generation).toBe(2);
  });

  it('refuses to restart a paused deployment and to pause a statefulset', async () => {
    await t.run(['rollout', 'pause', 'deploy/web']);
    expect((await t.run(['rollout', 'restart', 'deploy/web'])).err).toBe(
      `error: deployments.apps "web" can't restart paused deployment (run rollout resume first)\n`,
    );
    await t.create({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: {
          metadata: { labels: { app: 'db' } },
          spec: { containers: [{ name: 'db', image: 'busybox' }] },
        },
      },
    });
    expect((await t.run(['rollout', 'pause', 'sts/db'])).err).toBe(
      'error: statefulsets.apps "db" pausing is not supported\n',
    );
  });

  it('says when a selector matches nothing', async () => {
    const r = await t.run(['rollout', 'restart', 'deploy', '-l', 'none=here']);
    expect(r).toEqual({ code: 0, out: '', err: 'No resources found in default namespace.\n' });
  });
});

describe('statefulset history and undo', () => {
  const template = (image: string) => ({
    metadata: { labels: { app: 'db' } },
    spec: { containers: [{ name: 'db', image }] },
  });
  async function statefulSetWithRevisions(): Promise<KObject> {
    const sts = await t.create({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        replicas: 1,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: template('busybox:2'),
      },
    });
    const owner = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      name: 'db',
      uid: sts.metadata.uid!,
      controller: true,
    };
    for (const [revision, image] of [
      [1, 'busybox:1'],
      [2, 'busybox:2'],
    ] as const) {
      await t.store.create({
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name: `db-r${revision}`,
          namespace: 'default',
          labels: { app: 'db' },
          ownerReferences: [owner],
        },
        data: {
          spec: {
            template: {
              ...t.get('sts', 'db')!.spec.template,
              spec: {
                ...t.get('sts', 'db')!.spec.template.spec,
                containers: [{ ...t.get('sts', 'db')!.spec.template.spec.containers[0], image }],
              },
              $patch: 'replace',
            },
          },
        },
        revision,
      });
    }
    return sts;
  }

  it('lists ControllerRevisions', async () => {
    await statefulSetWithRevisions();
    expect((await t.run(['rollout', 'history', 'sts/db'])).out).toBe(
      'statefulset.apps/db \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
  });

  it('goes back to the previous revision, then skips when it already matches', async () => {
    await statefulSetWithRevisions();
    expect((await t.run(['rollout', 'undo', 'statefulset/db'])).out).toBe(
      'statefulset.apps/db rolled back\n',
    );
    expect(t.get('sts', 'db')!.spec.template.spec.containers[0].image).toBe('busybox:1');
    expect((await t.run(['rollout', 'undo', 'statefulset/db', '--to-revision=1'])).out).toBe(
      'statefulset.apps/db skipped rollback (current template already matches revision 1)\n',
    );
  });
});
