// apply / create / delete through the built CLI: created, configured, unchanged; the create
// conflict; delete by name, -f and -l (a pod's delete waits until the agent has removed it);
// exit codes and which stream each line goes to.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireDocker, TestHome } from './harness.js';

const pod = (name: string, sleep = '3600') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: e2e
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: main
    image: busybox:1.36
    command: ["sleep", "${sleep}"]
`;

const configMap = (name: string, value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  labels:\n    app: e2e\ndata:\n  key: "${value}"\n`;

describe('apply, create and delete through the CLI', () => {
  let home: TestHome;
  const file = (name: string, text: string) => {
    const path = join(home.home, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(() => {
    requireDocker();
    home = new TestHome();
  });
  afterAll(() => home?.cleanup());

  it('applies: created, then unchanged, then configured', () => {
    const path = file('cm.yaml', configMap('settings', 'one'));
    const first = home.run(['apply', '-f', path]);
    expect(first).toEqual({ code: 0, stdout: 'configmap/settings created\n', stderr: '' });
    expect(home.run(['apply', '-f', path])).toEqual({
      code: 0,
      stdout: 'configmap/settings unchanged\n',
      stderr: '',
    });
    file('cm.yaml', configMap('settings', 'two'));
    expect(home.run(['apply', '-f', path])).toEqual({
      code: 0,
      stdout: 'configmap/settings configured\n',
      stderr: '',
    });
    const live = JSON.parse(home.run(['get', 'configmap', 'settings', '-o', 'json']).stdout);
    expect(live.data).toEqual({ key: 'two' });
    expect(live.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toContain(
      '"key":"two"',
    );
  });

  it('refuses to create what exists, on stderr with exit 1', () => {
    const path = file('cm.yaml', configMap('settings', 'two'));
    const r = home.run(['create', '-f', path]);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error from server (AlreadyExists): error when creating "${path}": configmaps "settings" already exists\n`,
    });
  });

  it('reports an invalid object as kubectl does and exits 1', () => {
    const path = file(
      'bad.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n  - name: a\n',
    );
    expect(home.run(['apply', '-f', path])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'The Pod "bad" is invalid: spec.containers[0].image: Required value\n',
    });
  });

  it('deletes a pod by name and waits until it is gone', () => {
    const path = file('pod.yaml', pod('sleeper'));
    expect(home.run(['apply', '-f', path]).stdout).toBe('pod/sleeper created\n');
    const r = home.run(['delete', 'pod', 'sleeper'], { timeoutMs: 90_000 });
    expect(r).toEqual({ code: 0, stdout: 'pod "sleeper" deleted\n', stderr: '' });
    const after = home.run(['get', 'pod', 'sleeper']);
    expect(after.code).toBe(1);
    expect(after.stderr).toBe('Error from server (NotFound): pods "sleeper" not found\n');
  });

  it('deletes what a file names, and what a label selects', () => {
    const path = file('two.yaml', `${configMap('a', '1')}---\n${configMap('b', '2')}`);
    home.run(['apply', '-f', path]);
    expect(home.run(['delete', '-f', path])).toEqual({
      code: 0,
      stdout: 'configmap "a" deleted\nconfigmap "b" deleted\n',
      stderr: '',
    });
    home.run(['apply', '-f', path]);
    expect(home.run(['delete', 'configmaps', '-l', 'app=e2e'])).toEqual({
      code: 0,
      stdout: 'configmap "a" deleted\nconfigmap "b" deleted\nconfigmap "settings" deleted\n',
      stderr: '',
    });
    expect(home.run(['delete', 'configmaps', '-l', 'app=e2e'])).toEqual({
      code: 0,
      stdout: 'No resources found\n',
      stderr: '',
    });
    expect(home.run(['delete', 'configmap', 'a'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error from server (NotFound): configmaps "a" not found\n',
    });
    expect(home.run(['delete', 'configmap', 'a', '--ignore-not-found'])).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
  });
});
