// `mkube diff -f` against a real state directory: the unified diff of live vs apply's server dry
// run, new objects against nothing, Secret masking, KUBECTL_EXTERNAL_DIFF and kubectl's exit codes.
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cli, DEPLOYMENT, stable } from './write-verbs.js';

let t: Cli;
let manifest: string;
beforeEach(async () => {
  t = new Cli();
  manifest = t.file('deploy.yaml', DEPLOYMENT);
  const r = await t.run(['apply', '-f', manifest]);
  if (r.code !== 0) throw new Error(r.stderr);
});
afterEach(() => {
  delete process.env.KUBECTL_EXTERNAL_DIFF;
  t.cleanup();
});

const FILE = 'apps.v1.Deployment.default.web';
const TMP = tmpdir();

describe('diff', () => {
  it('exits 0 and prints nothing when applying would change nothing', async () => {
    expect(await t.run(['diff', '-f', manifest])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('takes -f as a comma-separated list, as every -f', async () => {
    const again = t.file('again.yaml', DEPLOYMENT);
    expect(await t.run(['diff', '-f', `${manifest},${again}`])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('shows what apply would change and exits 1, leaving the state as it was', async () => {
    const before = t.snapshot();
    t.file(
      'deploy.yaml',
      DEPLOYMENT.replace('image: nginx:1.25', 'image: nginx:1.26').replace('replicas: 1', 'replicas: 3'),
    );
    const r = await t.run(['diff', '-f', manifest]);
    expect({ ...r, stdout: stable(r.stdout) }).toEqual({
      code: 1,
      stdout: `diff -u -N ${TMP}/LIVE-XXXX/${FILE} ${TMP}/MERGED-XXXX/${FILE}
--- ${TMP}/LIVE-XXXX/${FILE}\tMTIME
+++ ${TMP}/MERGED-XXXX/${FILE}\tMTIME
@@ -5,7 +5,7 @@
     kubectl.kubernetes.io/last-applied-configuration: |
       {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"image":"nginx:1.25","name":"app","ports":[{"containerPort":80},{"containerPort":443}]},{"command":["sleep","3600"],"image":"busybox:1.36","name":"sidecar"}]}}}}
   creationTimestamp: "TIME"
-  generation: 1
+  generation: 2
   labels:
     app: web
   name: web
@@ -14,7 +14,7 @@
   uid: UID
 spec:
   progressDeadlineSeconds: 600
-  replicas: 1
+  replicas: 3
   revisionHistoryLimit: 10
   selector:
     matchLabels:
@@ -35,7 +35,7 @@
           value: "1"
         - name: B
           value: "2"
-        image: nginx:1.25
+        image: nginx:1.26
         imagePullPolicy: IfNotPresent
         name: app
         ports:
`,
      stderr: '',
    });
    expect(t.snapshot()).toEqual(before);
  });

  it('diffs a new object against nothing, as a dry-run create returns it', async () => {
    const path = t.file(
      'cm.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\n',
    );
    const before = t.snapshot();
    const r = await t.run(['diff', '-f', path]);
    expect({ ...r, stdout: stable(r.stdout) }).toEqual({
      code: 1,
      stdout: `diff -u -N ${TMP}/LIVE-XXXX/v1.ConfigMap.default.c ${TMP}/MERGED-XXXX/v1.ConfigMap.default.c
--- ${TMP}/LIVE-XXXX/v1.ConfigMap.default.c\tMTIME
+++ ${TMP}/MERGED-XXXX/v1.ConfigMap.default.c\tMTIME
@@ -0,0 +1,10 @@
+apiVersion: v1
+data:
+  a: "1"
+kind: ConfigMap
+metadata:
+  creationTimestamp: "TIME"
+  generation: 1
+  name: c
+  namespace: default
+  uid: UID
`,
      stderr: '',
    });
    expect(t.snapshot()).toEqual(before);
  });

  it('diffs every object of the files, in file-name order', async () => {
    const both = t.file(
      'both.yaml',
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\n${DEPLOYMENT.replace('replicas: 1', 'replicas: 2')}`,
    );
    const r = await t.run(['diff', '-f', both]);
    const headers = stable(r.stdout)
      .split('\n')
      .filter((l) => l.startsWith('diff '));
    expect([r.code, headers]).toEqual([
      1,
      [
        `diff -u -N ${TMP}/LIVE-XXXX/${FILE} ${TMP}/MERGED-XXXX/${FILE}`,
        `diff -u -N ${TMP}/LIVE-XXXX/v1.ConfigMap.default.c ${TMP}/MERGED-XXXX/v1.ConfigMap.default.c`,
      ],
    ]);
  });

  it('masks Secret data, marking the values that change', async () => {
    const secret = (data: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n${data}`;
    const path = t.file('s.yaml', secret('  same: YQ==\n  changed: YQ==\n  dropped: YQ==\n'));
    await t.run(['apply', '-f', path]);
    t.file('s.yaml', secret('  same: YQ==\n  changed: Yg==\n  added: Yw==\n'));
    const r = await t.run(['diff', '-f', path]);
    const body = stable(r.stdout).split('\n').slice(3, 13);
    expect([r.code, body]).toEqual([
      1,
      [
        '@@ -1,7 +1,7 @@',
        ' apiVersion: v1',
        ' data:',
        "-  changed: '*** (before)'",
        "-  dropped: '***'",
        "+  added: '***'",
        "+  changed: '*** (after)'",
        "   same: '***'",
        ' kind: Secret',
        ' metadata:',
      ],
    ]);
  });
});

describe('diff and the last-applied annotation', () => {
  it('does not warn about a missing annotation, which apply does', async () => {
    const path = await t.create(
      'cm.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\n',
    );
    t.file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "2"\n');
    const diff = await t.run(['diff', '-f', path]);
    expect([
      diff.code,
      diff.stderr,
      stable(diff.stdout)
        .split('\n')
        .filter((l) => /^[-+] {2}a:/.test(l)),
    ]).toEqual([1, '', ['-  a: "1"', '+  a: "2"']]);
    expect(await t.run(['apply', '-f', path])).toEqual({
      code: 0,
      stdout: 'configmap/c configured\n',
      stderr:
        'Warning: resource configmaps/c is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
    });
  });
});

describe('diff programs and exit codes', () => {
  beforeEach(() => {
    t.file('deploy.yaml', DEPLOYMENT.replace('replicas: 1', 'replicas: 2'));
  });

  it('runs KUBECTL_EXTERNAL_DIFF with its arguments after the two directories', async () => {
    process.env.KUBECTL_EXTERNAL_DIFF = 'diff -q';
    const r = await t.run(['diff', '-f', manifest]);
    expect({ ...r, stdout: stable(r.stdout) }).toEqual({
      code: 1,
      stdout: `Files ${TMP}/LIVE-XXXX/${FILE} and ${TMP}/MERGED-XXXX/${FILE} differ\n`,
      stderr: '',
    });
  });

  it('drops external arguments with other characters than letters, digits, - and =', async () => {
    process.env.KUBECTL_EXTERNAL_DIFF = 'diff -q /etc/passwd --brief';
    const r = await t.run(['diff', '-f', manifest]);
    expect([r.code, stable(r.stdout)]).toEqual([
      1,
      `Files ${TMP}/LIVE-XXXX/${FILE} and ${TMP}/MERGED-XXXX/${FILE} differ\n`,
    ]);
  });

  it('exits 2 when the diff program fails', async () => {
    process.env.KUBECTL_EXTERNAL_DIFF = 'diff --no-such-flag';
    const r = await t.run(['diff', '-f', manifest]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "diff: unrecognized option '--no-such-flag'\ndiff: Try 'diff --help' for more information.\nerror: failed to run \"diff\": exit status 2\n",
    });
  });

  it('exits 2 when the diff program is missing', async () => {
    process.env.KUBECTL_EXTERNAL_DIFF = 'no-such-differ -u';
    const r = await t.run(['diff', '-f', manifest]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: failed to run "no-such-differ": exec: "no-such-differ": executable file not found in $PATH\n',
    });
  });

  it.each([
    [['diff'], 'error: must specify one of -f and -k\n'],
    [['diff', '-f', 'no-such.yaml'], 'error: the path "no-such.yaml" does not exist\n'],
    [
      ['diff', 'deploy/web'],
      "error: Unexpected args: [deploy/web]\nSee 'mkube diff -h' for help and examples\n",
    ],
    [
      ['diff', '-f', 'x.yaml', '--bogus'],
      "error: unknown flag: --bogus\nSee 'mkube diff -h' for help and examples\n",
    ],
    // kubectl 1.32's texts: diff's own flag error func, exit 2.
    [
      ['diff', '-f', 'x.yaml', '--concurrency=x'],
      `error: invalid argument "x" for "--concurrency" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee 'mkube diff -h' for help and examples\n`,
    ],
    [
      ['diff', '-f', 'x.yaml', '--server-side=maybe'],
      `error: invalid argument "maybe" for "--server-side" flag: strconv.ParseBool: parsing "maybe": invalid syntax\nSee 'mkube diff -h' for help and examples\n`,
    ],
  ])('exits 2 for %j', async (args, stderr) => {
    expect(await t.run(args)).toEqual({ code: 2, stdout: '', stderr });
  });

  it('exits 2 with the 422 when apply would be refused', async () => {
    const bad = t.file('bad.yaml', DEPLOYMENT.replaceAll('{app: web}', '{app: other}'));
    const r = await t.run(['diff', '-f', bad]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n`,
    });
  });
});
