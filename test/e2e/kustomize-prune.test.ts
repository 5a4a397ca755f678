// `apply -k` of an overlay on the real engine (generated ConfigMap name, references rewritten,
// replicas and labels from the overlay, then get/diff/delete -k), and `apply --prune` deleting
// what left the applied set, its pods going with it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, requireDocker, TestHome } from './harness.js';

const OVERLAY = join(import.meta.dirname, 'fixtures/kustomize/overlay');
const CONFIG = 'prod-app-config-h48kcdfcmc';

const SET = (withWorker: boolean) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: keep
  labels: {set: e2e}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: gone
  labels: {set: e2e}
${
  withWorker
    ? `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  labels: {set: e2e}
spec:
  selector: {matchLabels: {app: worker}}
  template:
    metadata: {labels: {app: worker}}
    spec:
      terminationGracePeriodSeconds: 0
      containers: [{name: w, image: busybox:1.36, command: [sleep, "3600"]}]
`
    : ''
}`;

let home: TestHome;

beforeAll(() => {
  requireDocker();
  home = new TestHome();
  expect(
    home.run(['apply', '-f', '-'], { input: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kz\n' })
      .code,
  ).toBe(0);
});
afterAll(() => home?.cleanup());

describe('apply -k', () => {
  it('runs the overlay with its generated config, then get, diff and delete -k see the same objects', async () => {
    expect(home.run(['apply', '-k', OVERLAY])).toEqual({
      code: 0,
      stdout: `configmap/${CONFIG} created\nservice/prod-app created\ndeployment.apps/prod-app created\n`,
      stderr: '',
    });
    // One replica (the overlay's count) runs and reads the overlay's value through the renamed ConfigMap.
    const pods = await eventually(
      () => home.run(['get', 'pods', '-n', 'kz', '-l', 'app=app,env=prod', '-o', 'name']).stdout,
      10_000,
    );
    expect(pods.split('\n').filter(Boolean).length).toBe(1);
    await eventually(() => home.run(['logs', '-n', 'kz', pods.trim()]).stdout === 'bonjour\n', 20_000, 500);
    expect(home.run(['apply', '-k', OVERLAY]).stdout).toBe(
      `configmap/${CONFIG} unchanged\nservice/prod-app unchanged\ndeployment.apps/prod-app unchanged\n`,
    );
    expect(home.run(['diff', '-k', OVERLAY])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(home.run(['get', '-k', OVERLAY, '-o', 'name']).stdout).toBe(
      `configmap/${CONFIG}\nservice/prod-app\ndeployment.apps/prod-app\n`,
    );
    expect(home.run(['delete', '-k', OVERLAY])).toEqual({
      code: 0,
      stdout: `configmap "${CONFIG}" deleted\nservice "prod-app" deleted\ndeployment.apps "prod-app" deleted\n`,
      stderr: '',
    });
  }, 40_000);
});

describe('apply --prune', () => {
  it('deletes the objects of the set that are no longer applied, and the pods of a pruned Deployment go', async () => {
    expect(home.run(['apply', '-f', '-', '--prune', '-l', 'set=e2e'], { input: SET(true) }).stdout).toBe(
      'configmap/keep created\nconfigmap/gone created\ndeployment.apps/worker created\n',
    );
    await eventually(() => home.run(['get', 'pods', '-l', 'app=worker', '-o', 'name']).stdout !== '', 15_000);
    const keepOnly = SET(false).replace(
      /---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n {2}name: gone\n.*\n/,
      '',
    );
    expect(home.run(['apply', '-f', '-', '--prune', '-l', 'set=e2e', '--wait'], { input: keepOnly })).toEqual(
      {
        code: 0,
        stdout: 'configmap/keep unchanged\nconfigmap/gone pruned\ndeployment.apps/worker pruned\n',
        stderr: '',
      },
    );
    await eventually(() => home.run(['get', 'pods', '-l', 'app=worker', '-o', 'name']).stdout === '', 15_000);
    expect(home.run(['get', 'cm', '-l', 'set=e2e', '-o', 'name']).stdout).toBe('configmap/keep\n');
  }, 40_000);
});
