// patch, diff and replace through the built CLI against the real agent and engine: a strategic
// patch rolls a Deployment out to a new ReplicaSet, diff shows what apply would change (exit 1),
// replace puts a manifest in place, and server dry runs of patch and replace leave every byte of
// the state directory as it was.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, requireDocker, TestHome } from './harness.js';

// busybox's sleep as PID 1 ignores SIGTERM: a short grace period keeps rollouts quick.
const manifest = (image: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      terminationGracePeriodSeconds: 5
      containers:
      - name: app
        image: ${image}
        command: [sleep, "3600"]
`;

/** Every regular file under `dir` with its bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (st.isFile()) out[relative(dir, path)] = readFileSync(path).toString('base64');
    }
  };
  walk(dir);
  return out;
}

/** diff output with the temp directories, file times and uid masked. */
const stable = (text: string) =>
  text
    .replaceAll(tmpdir(), 'TMP')
    .replace(/\/(LIVE|MERGED)-[A-Za-z0-9]+\//g, '/$1-XXXX/')
    .replace(/\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ [+-]\d{4}/g, '\tMTIME')
    .replace(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/g, '"TIME"');

describe('patch, diff and replace through the CLI', () => {
  let home: TestHome;
  let file: string;
  const run = (args: string[], timeoutMs?: number) => home.run(args, { timeoutMs });
  const rolledOut = () => {
    const r = run(['rollout', 'status', 'deployment/web', '--timeout=150s'], 170_000);
    expect([r.code, r.stderr, r.stdout.trimEnd().split('\n').pop()]).toEqual([
      0,
      '',
      'deployment "web" successfully rolled out',
    ]);
  };
  const replicaSets = () =>
    run([
      'get',
      'rs',
      '-l',
      'app=web',
      '-o',
      'jsonpath={range .items[*]}{.spec.template.spec.containers[0].image}={.spec.replicas} {end}',
    ])
      .stdout.trim()
      .split(' ')
      .sort();

  beforeAll(() => {
    requireDocker();
    home = new TestHome('mkube-e2e-prd-');
    file = join(home.home, '..', `${relative(tmpdir(), home.home)}-web.yaml`);
    writeFileSync(file, manifest('busybox:1.36', 1));
  });
  afterAll(() => {
    if (file) rmSync(file, { force: true });
    home?.cleanup();
  });

  it('patches the image with a strategic patch and rolls out a new ReplicaSet', {
    timeout: 400_000,
  }, async () => {
    expect(run(['apply', '-f', file])).toEqual({
      code: 0,
      stdout: 'deployment.apps/web created\n',
      stderr: '',
    });
    rolledOut();
    expect(
      run([
        'patch',
        'deployment',
        'web',
        '-p',
        '{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"busybox:1.31"}]}}}}',
      ]),
    ).toEqual({ code: 0, stdout: 'deployment.apps/web patched\n', stderr: '' });
    rolledOut();
    expect(replicaSets()).toEqual(['busybox:1.31=1', 'busybox:1.36=0']);
    // The old pod is gone once its grace period is over.
    const images = () =>
      run(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].spec.containers[0].image}']).stdout;
    await eventually(() => images() === 'busybox:1.31', 60_000);
  });

  it('diffs a changed manifest against the live object and exits 1', () => {
    writeFileSync(file, manifest('busybox:1.36', 2));
    const r = run(['diff', '-f', file]);
    const name = 'apps.v1.Deployment.default.web';
    const applied = `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"command":["sleep","3600"],"image":"busybox:1.36","name":"app"}],"terminationGracePeriodSeconds":5}}}}`;
    expect({ ...r, stdout: stable(r.stdout) }).toEqual({
      code: 1,
      stdout: `diff -u -N TMP/LIVE-XXXX/${name} TMP/MERGED-XXXX/${name}
--- TMP/LIVE-XXXX/${name}\tMTIME
+++ TMP/MERGED-XXXX/${name}\tMTIME
@@ -6,7 +6,7 @@
     kubectl.kubernetes.io/last-applied-configuration: |
       ${applied}
   creationTimestamp: "TIME"
-  generation: 2
+  generation: 3
   labels:
     app: web
   name: web
@@ -15,7 +15,7 @@
   uid: ${JSON.parse(run(['get', 'deploy', 'web', '-o', 'json']).stdout).metadata.uid}
 spec:
   progressDeadlineSeconds: 600
-  replicas: 1
+  replicas: 2
   revisionHistoryLimit: 10
   selector:
     matchLabels:
@@ -34,7 +34,7 @@
       - command:
         - sleep
         - "3600"
-        image: busybox:1.31
+        image: busybox:1.36
         imagePullPolicy: IfNotPresent
         name: app
         resources: {}
`,
      stderr: '',
    });
  });

  it('replaces the Deployment with the manifest and rolls out again', { timeout: 400_000 }, () => {
    expect(run(['replace', '-f', file])).toEqual({
      code: 0,
      stdout: 'deployment.apps/web replaced\n',
      stderr: '',
    });
    rolledOut();
    expect(replicaSets()).toEqual(['busybox:1.31=0', 'busybox:1.36=2']);
    // The live object is now the manifest: apply would change nothing.
    expect(run(['diff', '-f', file])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('leaves the state directory byte-identical for server dry runs of patch and replace', () => {
    expect(run(['agent', 'stop']).stdout).toBe('mkube agent stopped\n');
    const before = snapshot(home.home);
    expect(
      run([
        'patch',
        'deploy/web',
        '--dry-run=server',
        '-p',
        '{"spec":{"replicas":5}}',
        '-o',
        'jsonpath={.spec.replicas}',
      ]),
    ).toEqual({ code: 0, stdout: '5', stderr: '' });
    expect(
      run([
        'patch',
        'deploy/web',
        '--dry-run=server',
        '--type=json',
        '-p',
        '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"busybox:1.31"}]',
      ]),
    ).toEqual({
      code: 0,
      stdout: 'deployment.apps/web patched\n',
      stderr: '',
    });
    writeFileSync(file, manifest('busybox:1.31', 3));
    expect(run(['replace', '-f', file, '--dry-run=server'])).toEqual({
      code: 0,
      stdout: 'deployment.apps/web replaced (server dry run)\n',
      stderr: '',
    });
    expect(run(['diff', '-f', file]).code).toBe(1);
    expect(snapshot(home.home)).toEqual(before);
  });
});
