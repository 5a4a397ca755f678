// ConfigMap, Secret, downwardAPI and projected volumes end to end: the files a pod reads (modes,
// groups, nested paths, binary data, tmpfs for secrets), a live update within 2 s that a subPath
// mount does not see, a pod that waits in ContainerCreating for its ConfigMap and starts once it
// exists, immutable refusals and secret values kept out of describe/events/the agent log.
import { lstatSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf, FOREVER, LifecycleHome, waitFor } from './fixtures/lifecycle.js';
import { requireDocker } from './harness.js';

const PASSWORD = 'S3cr3t-Value-42';

const SOURCES = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  game.properties: "lives=3\\n"
  ui: color=red
binaryData:
  logo: iVBORwD/
---
apiVersion: v1
kind: Secret
metadata:
  name: app-secret
stringData:
  password: ${PASSWORD}
  username: admin
`;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: reader
  labels: {app: reader}
spec:
  terminationGracePeriodSeconds: 0
  securityContext: {fsGroup: 2000}
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "${FOREVER}"]
    resources: {limits: {memory: 64Mi}}
    volumeMounts:
    - {name: cm, mountPath: /etc/cm}
    - {name: cm, mountPath: /etc/ui, subPath: ui}
    - {name: sec, mountPath: /etc/sec}
    - {name: info, mountPath: /etc/info}
    - {name: all, mountPath: /etc/all}
  volumes:
  - name: cm
    configMap: {name: app-config}
  - name: sec
    secret:
      secretName: app-secret
      defaultMode: 0400
      items: [{key: password, path: db/password}]
  - name: info
    downwardAPI:
      items:
      - {path: labels, fieldRef: {fieldPath: metadata.labels}}
      - {path: mem, resourceFieldRef: {containerName: main, resource: limits.memory, divisor: 1Mi}}
  - name: all
    projected:
      sources:
      - configMap: {name: app-config, items: [{key: ui, path: ui.conf, mode: 0600}]}
      - secret: {name: app-secret, items: [{key: username, path: user}]}
      - downwardAPI: {items: [{path: name, fieldRef: {fieldPath: metadata.name}}]}
      - configMap: {name: not-there, optional: true}
`;

const WAITING_POD = `apiVersion: v1
kind: Pod
metadata:
  name: waiter
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "${FOREVER}"]
    volumeMounts: [{name: late, mountPath: /etc/late}]
  volumes:
  - name: late
    configMap: {name: late-config}
`;

describe('configMap, secret, downwardAPI and projected volumes', () => {
  let t: LifecycleHome;
  const exec = (pod: string, script: string) => {
    const r = t.run(['exec', pod, '--', 'sh', '-c', script]);
    return { code: r.code, stdout: r.stdout, stderr: r.stderr };
  };
  beforeAll(() => {
    requireDocker();
    t = new LifecycleHome();
    t.apply(`${SOURCES}---\n${POD}`);
    t.apply(WAITING_POD);
  });
  afterAll(() => t?.cleanup());

  // First: the reader pod starts meanwhile.
  it('holds a pod whose ConfigMap is missing in ContainerCreating with FailedMount, then starts it', async () => {
    await waitFor(() => eventsOf(t.events('waiter'), 'FailedMount').length > 0, 30_000);
    expect(t.row('waiter')).toEqual({ ready: '0/1', status: 'ContainerCreating', restarts: '0' });
    expect(eventsOf(t.events('waiter'), 'FailedMount').map((e) => e.message)).toEqual([
      'MountVolume.SetUp failed for volume "late" : configmap "late-config" not found',
    ]);
    t.apply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: late-config\ndata:\n  hello: world\n');
    await waitFor(() => t.row('waiter')?.status === 'Running', 30_000);
    expect(exec('waiter', 'cat /etc/late/hello').stdout).toBe('world');
  });

  it('gives the pod its files with their modes, fsGroup, nested paths, binary data; secrets on tmpfs', async () => {
    await waitFor(() => t.row('reader')?.status === 'Running', 60_000);
    const files =
      '/etc/cm/game.properties /etc/cm/ui /etc/cm/logo /etc/ui /etc/sec/db/password /etc/info/labels /etc/info/mem /etc/all/ui.conf /etc/all/user /etc/all/name';
    expect(exec('reader', `stat -L -c '%a %g %n' ${files}`)).toEqual({
      code: 0,
      stdout: [
        '644 2000 /etc/cm/game.properties',
        '644 2000 /etc/cm/ui',
        '644 2000 /etc/cm/logo',
        '644 2000 /etc/ui',
        '440 2000 /etc/sec/db/password',
        '644 2000 /etc/info/labels',
        '644 2000 /etc/info/mem',
        '640 2000 /etc/all/ui.conf',
        '644 2000 /etc/all/user',
        '644 2000 /etc/all/name',
        '',
      ].join('\n'),
      stderr: '',
    });
    expect(
      exec(
        'reader',
        'cat /etc/cm/game.properties; od -An -tx1 /etc/cm/logo; cat /etc/sec/db/password; echo; cat /etc/info/labels; echo; cat /etc/info/mem; echo; cat /etc/all/user; echo; readlink /etc/cm/ui; ls -A /etc/all | grep -c "^\\.\\.2"',
      ).stdout,
    ).toBe(`lives=3\n 89 50 4e 47 00 ff\n${PASSWORD}\napp="reader"\n64\nadmin\n..data/ui\n1\n`);
    // Secret and projected volumes are tmpfs; the ConfigMap's is not; all are read-only.
    const mounts = exec(
      'reader',
      'grep -E " /etc/(cm|sec|all) " /proc/mounts | cut -d" " -f2,3,4 | cut -d, -f1',
    );
    expect(mounts.stdout.split('\n').filter(Boolean).sort()).toEqual([
      '/etc/all tmpfs ro',
      expect.stringMatching(/^\/etc\/cm (?!tmpfs)\S+ ro$/),
      '/etc/sec tmpfs ro',
    ]);
  });

  it('updates running pods within 2 s of a ConfigMap or label change; a subPath mount keeps its content', async () => {
    await waitFor(() => t.row('reader')?.status === 'Running', 60_000);
    // Timed by the filesystem: from the stored object's write to the new ..data link on the host
    // side of the bind mount the container reads (the CLI's own start-up, a second or more on a
    // busy machine, is not the kubelet's latency).
    const uid = t.pod('reader').metadata!.uid!;
    const volume = join(t.home, 'kubelet', 'pods', uid, 'volumes', 'cm');
    const patched = t.run(['patch', 'configmap', 'app-config', '-p', '{"data":{"ui":"color=blue"}}']);
    expect(patched.stdout).toBe('configmap/app-config patched\n');
    await waitFor(() => readFileSync(join(volume, 'ui'), 'utf8') === 'color=blue', 5_000, 20);
    const written = statSync(
      join(t.home, 'objects', 'core', 'configmaps', 'default', 'app-config.json'),
    ).mtimeMs;
    const swapped = lstatSync(join(volume, '..data')).mtimeMs;
    expect(swapped - written).toBeLessThan(2_000);
    // What the container reads: the new value, also through the projected volume; the subPath
    // mount keeps the old one.
    expect(exec('reader', 'cat /etc/cm/ui; echo; cat /etc/all/ui.conf; echo; cat /etc/ui').stdout).toBe(
      'color=blue\ncolor=blue\ncolor=red',
    );

    expect(t.run(['label', 'pod', 'reader', 'tier=web']).code).toBe(0);
    const labels = join(t.home, 'kubelet', 'pods', uid, 'volumes', 'info', 'labels');
    await waitFor(() => readFileSync(labels, 'utf8') === 'app="reader"\ntier="web"', 5_000, 20);
  });

  it('refuses changes to an immutable ConfigMap with the API server message', () => {
    t.apply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: frozen\nimmutable: true\ndata:\n  a: "1"\n');
    const r = t.run(['patch', 'configmap', 'frozen', '-p', '{"data":{"a":"2"}}']);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'The ConfigMap "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set\n',
    });
  });

  it('keeps secret values out of describe, events and the agent log', async () => {
    await waitFor(() => t.row('reader')?.status === 'Running', 60_000);
    const describe = t.run(['describe', 'secret', 'app-secret']).stdout;
    expect(describe.split('Data\n====\n')[1]).toBe('password:  15 bytes\nusername:  5 bytes\n');
    const seen = [
      describe,
      t.run(['describe', 'pod', 'reader']).stdout,
      t.run(['get', 'events', '-o', 'yaml']).stdout,
      readFileSync(join(t.home, 'agent.log'), 'utf8'),
    ].map((text) => text.includes(PASSWORD));
    expect(seen).toEqual([false, false, false, false]);
  });
});
