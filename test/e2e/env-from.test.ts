// envFrom end to end: a ConfigMap (with a prefix) and a Secret become the container's variables,
// an `env` entry overrides one of them, and a missing ConfigMap holds the container in
// CreateContainerConfigError until it is created.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf, FOREVER, LifecycleHome, waitFor } from './fixtures/lifecycle.js';
import { requireDocker } from './harness.js';

const SOURCES = `apiVersion: v1
kind: ConfigMap
metadata:
  name: special-config
data:
  SPECIAL_LEVEL: very
  SPECIAL_TYPE: charm
---
apiVersion: v1
kind: Secret
metadata:
  name: db-creds
stringData:
  DB_USER: admin
  DB_PASSWORD: s3cret
`;

const ENV_FROM_POD = `apiVersion: v1
kind: Pod
metadata:
  name: envfrom-demo
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "trap 'exit 0' TERM; ${FOREVER}"]
    envFrom:
    - configMapRef:
        name: special-config
      prefix: CFG_
    - secretRef:
        name: db-creds
    env:
    - name: CFG_SPECIAL_TYPE
      value: override-$(CFG_SPECIAL_LEVEL)
`;

const MISSING_POD = `apiVersion: v1
kind: Pod
metadata:
  name: needs-config
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "trap 'exit 0' TERM; ${FOREVER}"]
    envFrom:
    - configMapRef:
        name: late-config
`;

describe('envFrom', () => {
  let t: LifecycleHome;
  beforeAll(() => {
    requireDocker();
    t = new LifecycleHome();
    t.apply(SOURCES);
    t.apply(ENV_FROM_POD);
    t.apply(MISSING_POD);
  });
  afterAll(() => t?.cleanup());

  it('gives the container the ConfigMap (prefixed) and Secret keys, with env overriding', async () => {
    await waitFor(() => t.row('envfrom-demo')?.status === 'Running', 60_000);
    const r = t.run(['exec', 'envfrom-demo', '--', 'env']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const ours = r.stdout
      .split('\n')
      .filter((line) => /^(CFG_|DB_|SPECIAL_)/.test(line))
      .sort();
    expect(ours).toEqual([
      'CFG_SPECIAL_LEVEL=very',
      'CFG_SPECIAL_TYPE=override-very',
      'DB_PASSWORD=s3cret',
      'DB_USER=admin',
    ]);
  });

  it('holds a container whose ConfigMap is missing in CreateContainerConfigError, then starts it', async () => {
    const waiting = await waitFor(() => {
      const w = t.pod('needs-config').status?.containerStatuses?.[0]?.state?.waiting;
      return w?.reason === 'CreateContainerConfigError' ? w : undefined;
    }, 60_000);
    expect(waiting).toEqual({
      reason: 'CreateContainerConfigError',
      message: 'configmap "late-config" not found',
    });
    expect(t.row('needs-config')).toEqual({
      ready: '0/1',
      status: 'CreateContainerConfigError',
      restarts: '0',
    });
    expect(eventsOf(t.events('needs-config'), 'Failed').map((e) => e.message)).toEqual([
      'Error: configmap "late-config" not found',
    ]);

    t.apply(`apiVersion: v1
kind: ConfigMap
metadata:
  name: late-config
data:
  LATE: arrived
`);
    await waitFor(() => t.row('needs-config')?.status === 'Running', 60_000);
    const r = t.run(['exec', 'needs-config', '--', 'sh', '-c', 'echo $LATE']);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 0,
      stdout: 'arrived\n',
      stderr: '',
    });
    expect(t.row('needs-config')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
  });
});
