// PersistentVolumes end to end: a claim binds to a static hostPath volume and its pod writes
// there; the pvc-protection finalizer holds a claim while a pod uses it, and Retain keeps the
// data once it goes; the default class provisions at the first consumer, the data outlives the
// pod, and Delete removes it; a generic ephemeral volume's claim goes with its pod.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxPod, eventsOf, FOREVER, LifecycleHome, waitFor } from './fixtures/lifecycle.js';
import { requireDocker } from './harness.js';

const claimPod = (name: string, claim: string, script: string) =>
  busyboxPod(name, `${script}; ${FOREVER}`, {
    grace: 0,
    spec: `  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: ${claim}`,
    container: `    volumeMounts:
    - name: data
      mountPath: /data`,
  });

const DYN_POD = claimPod('dyn-pod', 'dyn', 'echo run >> /data/log');

const MANIFESTS = (path: string) => `apiVersion: v1
kind: PersistentVolume
metadata:
  name: task-pv-volume
  labels:
    type: local
spec:
  storageClassName: manual
  capacity:
    storage: 10Gi
  accessModes: [ReadWriteOnce]
  hostPath:
    path: ${path}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: task-pv-claim
spec:
  storageClassName: manual
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 3Gi
---
${claimPod('writer', 'task-pv-claim', 'echo static > /data/f')}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: idle
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: dyn
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
${DYN_POD}
---
${busyboxPod('eph', FOREVER, {
  grace: 0,
  spec: `  volumes:
  - name: scratch
    ephemeral:
      volumeClaimTemplate:
        spec:
          accessModes: [ReadWriteOnce]
          resources:
            requests:
              storage: 1Gi`,
  container: `    volumeMounts:
    - name: scratch
      mountPath: /scratch`,
})}
`;

/** Ages vary from run to run: the last column of each line becomes `<age>`. */
const ages = (out: string) => out.replace(/(\d+[smhd])+$/gm, '<age>');

describe('persistent volumes', () => {
  let t: LifecycleHome;
  let hostDir: string;
  const get = (...args: string[]) => {
    const r = t.run(['get', ...args]);
    if (r.code !== 0) throw new Error(r.stderr);
    return r.stdout;
  };
  const running = (pod: string) => waitFor(() => t.row(pod)?.status === 'Running', 60_000);
  const gone = (...args: string[]) => waitFor(() => t.run(['get', ...args]).code === 1, 30_000);

  beforeAll(() => {
    requireDocker();
    t = new LifecycleHome();
    hostDir = t.dir('task-pv');
    t.apply(MANIFESTS(hostDir));
  });
  afterAll(() => t?.cleanup());

  it('binds a claim to the static hostPath volume that fits, and its pod writes there', async () => {
    await running('writer');
    expect(ages(get('pv', 'task-pv-volume'))).toBe(
      [
        'NAME             CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM                   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE',
        'task-pv-volume   10Gi       RWO            Retain           Bound    default/task-pv-claim   manual         <unset>                          <age>',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(hostDir, 'f'), 'utf8')).toBe('static\n');
  });

  it('holds a claim in use Terminating (pvc-protection); Retain then keeps the volume Released with its data', async () => {
    expect(t.run(['delete', 'pvc', 'task-pv-claim', '--wait=false']).code).toBe(0);
    expect(ages(get('pvc', 'task-pv-claim', '--no-headers'))).toBe(
      'task-pv-claim   Terminating   task-pv-volume   10Gi   RWO   manual   <unset>   <age>\n',
    );
    expect(t.run(['delete', 'pod', 'writer']).code).toBe(0);
    await gone('pvc', 'task-pv-claim');
    await waitFor(() => get('pv', 'task-pv-volume', '--no-headers').includes('Released'));
    expect(ages(get('pv', 'task-pv-volume', '--no-headers'))).toBe(
      'task-pv-volume   10Gi   RWO   Retain   Released   default/task-pv-claim   manual   <unset>         <age>\n',
    );
    expect(readFileSync(join(hostDir, 'f'), 'utf8')).toBe('static\n');
  });

  it('provisions the default class at the first consumer; data outlives the pod; Delete removes it', async () => {
    // A claim no pod uses waits; one with a pod is provisioned and bound.
    expect(ages(get('pvc', 'idle'))).toBe(
      [
        'NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE',
        'idle   Pending                                      standard       <unset>                 <age>',
        '',
      ].join('\n'),
    );
    expect(eventsOf(t.events('idle'), 'WaitForFirstConsumer')[0]?.message).toBe(
      'waiting for first consumer to be created before binding',
    );
    await running('dyn-pod');
    const uid = JSON.parse(get('pvc', 'dyn', '-o', 'json')).metadata.uid as string;
    const volume = `pvc-${uid}`;
    expect(get('pvc', 'dyn', '-o', 'jsonpath={.status.phase} {.spec.volumeName}')).toBe(`Bound ${volume}`);
    const dir = join(t.home, 'volumes', `${volume}_default_dyn`);
    expect(readFileSync(join(dir, 'log'), 'utf8')).toBe('run\n');

    // A new pod on the same claim finds what the first one wrote.
    expect(t.run(['delete', 'pod', 'dyn-pod']).code).toBe(0);
    await gone('pod', 'dyn-pod');
    t.apply(DYN_POD);
    await running('dyn-pod');
    const r = t.run(['exec', 'dyn-pod', '--', 'cat', '/data/log']);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 0, stdout: 'run\nrun\n' });

    expect(t.run(['delete', 'pod', 'dyn-pod']).code).toBe(0);
    expect(t.run(['delete', 'pvc', 'dyn']).code).toBe(0);
    await gone('pv', volume);
    expect(existsSync(dir)).toBe(false);
  });

  it("removes a generic ephemeral volume's claim, volume and data with its pod", async () => {
    await running('eph');
    const claim = JSON.parse(get('pvc', 'eph-scratch', '-o', 'json'));
    const pod = JSON.parse(get('pod', 'eph', '-o', 'json'));
    expect({ phase: claim.status.phase, owners: claim.metadata.ownerReferences }).toEqual({
      phase: 'Bound',
      owners: [
        {
          apiVersion: 'v1',
          kind: 'Pod',
          name: 'eph',
          uid: pod.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    });
    expect(t.run(['delete', 'pod', 'eph']).code).toBe(0);
    await gone('pvc', 'eph-scratch');
    await gone('pv', claim.spec.volumeName);
    expect(readdirSync(join(t.home, 'volumes'))).toEqual([]);
  });
});
