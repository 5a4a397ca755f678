// `mkube config` against kubectl's own outputs: each expected text below is what kubectl v1.32
// printed for the same file and command (`KUBECONFIG=<file> kubectl config ...`).
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pod, TempStore } from './harness.js';

let t: TempStore;
beforeEach(() => {
  t = new TempStore();
});
afterEach(() => t.cleanup());

const MKUBE_INITIAL = `apiVersion: v1
clusters:
- cluster:
    server: ""
  name: mkube
contexts:
- context:
    cluster: mkube
    user: mkube
  name: mkube
current-context: mkube
kind: Config
preferences: {}
users:
- name: mkube
  user: {}
`;

describe("mkube's own kubeconfig", () => {
  it('reads as its mkube context before it exists, and is not written by reads', async () => {
    expect(await t.run(['config', 'view'])).toEqual({ code: 0, out: MKUBE_INITIAL, err: '' });
    expect(await t.run(['config', 'current-context'])).toEqual({ code: 0, out: 'mkube\n', err: '' });
    expect(await t.run(['config', 'get-contexts'])).toEqual({
      code: 0,
      out: 'CURRENT   NAME    CLUSTER   AUTHINFO   NAMESPACE\n*         mkube   mkube     mkube      \n',
      err: '',
    });
    expect(() => statSync(join(t.home, 'kubeconfig'))).toThrow('ENOENT');
  });

  it('set-context --current --namespace writes it (0600) and becomes the default namespace', async () => {
    await t.create(pod('web'));
    expect(await t.run(['config', 'set-context', '--current', '--namespace=dev'])).toEqual({
      code: 0,
      out: 'Context "mkube" modified.\n',
      err: '',
    });
    const path = join(t.home, 'kubeconfig');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe(
      MKUBE_INITIAL.replace('    cluster: mkube\n', '    cluster: mkube\n    namespace: dev\n'),
    );
    expect(await t.run(['get', 'pods'])).toEqual({
      code: 0,
      out: '',
      err: 'No resources found in dev namespace.\n',
    });
    // -n, before or after the verb, still wins.
    const listed = {
      code: 0,
      out: expect.stringMatching(/^NAME +READY +STATUS +RESTARTS +AGE\nweb /),
      err: '',
    };
    expect(await t.run(['get', 'pods', '-n', 'default'])).toEqual(listed);
    expect(await t.run(['-n', 'default', 'get', 'pods'])).toEqual(listed);
    expect(await t.run(['--namespace=default', 'get', 'pods'])).toEqual(listed);
  });

  it('switches contexts with use-context and --context', async () => {
    expect(await t.run(['config', 'set-context', 'other', '--namespace=o'])).toEqual({
      code: 0,
      out: 'Context "other" created.\n',
      err: '',
    });
    expect((await t.run(['get', 'pods'])).err).toBe('No resources found in default namespace.\n');
    expect((await t.run(['get', 'pods', '--context', 'other'])).err).toBe(
      'No resources found in o namespace.\n',
    );
    expect((await t.run(['--context=other', 'get', 'pods'])).err).toBe(
      'No resources found in o namespace.\n',
    );
    expect(await t.run(['config', 'use-context', 'other'])).toEqual({
      code: 0,
      out: 'Switched to context "other".\n',
      err: '',
    });
    expect((await t.run(['get', 'pods'])).err).toBe('No resources found in o namespace.\n');
    expect(await t.run(['get', 'pods', '--context', 'nope'])).toEqual({
      code: 1,
      out: '',
      err: 'Error in configuration: context was not found for specified context: nope\n',
    });
    expect(await t.run(['config', 'use', 'nope'])).toEqual({
      code: 1,
      out: '',
      err: 'error: no context exists with the name: "nope"\n',
    });
  });
});

describe('a kubeconfig kubectl wrote (--kubeconfig)', () => {
  // Written by: kubectl config set-context dev --namespace=dev; set-context dev --cluster=c1
  // --user=u1; set-context b-ctx --namespace=web; use-context dev
  const FILE = `apiVersion: v1
clusters: null
contexts:
- context:
    cluster: ""
    namespace: web
    user: ""
  name: b-ctx
- context:
    cluster: c1
    namespace: dev
    user: u1
  name: dev
current-context: dev
kind: Config
preferences: {}
users: null
`;
  let file: string;
  beforeEach(() => {
    file = join(t.home, 'other-config');
    writeFileSync(file, FILE);
  });
  const run = (...args: string[]) => t.run(['config', ...args, `--kubeconfig=${file}`]);

  it('lists contexts as kubectl', async () => {
    expect(await run('get-contexts')).toEqual({
      code: 0,
      out:
        'CURRENT   NAME    CLUSTER   AUTHINFO   NAMESPACE\n' +
        '          b-ctx                        web\n' +
        '*         dev     c1        u1         dev\n',
      err: '',
    });
    expect(await run('get-contexts', '--no-headers', 'b-ctx')).toEqual({
      code: 0,
      out: '      b-ctx               web\n',
      err: '',
    });
    expect(await run('get-contexts', '-o', 'name')).toEqual({ code: 0, out: 'b-ctx\ndev\n', err: '' });
    expect(await run('get-contexts', 'nope')).toEqual({
      code: 1,
      out: 'CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n',
      err: 'error: context nope not found\n',
    });
  });

  it('views it as kubectl, with jsonpath and --minify', async () => {
    expect(await run('view')).toEqual({ code: 0, out: FILE, err: '' });
    expect(
      await run(
        'view',
        '-o',
        'jsonpath={.current-context}{"\\n"}{range .contexts[*]}{.name}={.context.namespace}{"\\n"}{end}',
      ),
    ).toEqual({
      code: 0,
      out: 'dev\nb-ctx=web\ndev=dev\n',
      err: '',
    });
    expect(await run('view', '--minify')).toEqual({
      code: 1,
      out: '',
      err: 'error: cannot locate cluster c1\n',
    });
    expect(await run('current-context')).toEqual({ code: 0, out: 'dev\n', err: '' });
  });

  it('edits it as kubectl', async () => {
    expect(await run('set-context', '--current', '--namespace=')).toEqual({
      code: 0,
      out: 'Context "dev" modified.\n',
      err: '',
    });
    expect(readFileSync(file, 'utf8')).toBe(FILE.replace('    namespace: dev\n', ''));
    expect(await run('set-context', 'a', '--current')).toEqual({
      code: 1,
      out: '',
      err: 'error: you cannot specify both a context name and --current\n',
    });
  });

  it('prints -o json in client-go field order', async () => {
    writeFileSync(
      file,
      'apiVersion: v1\nclusters:\n- cluster:\n    server: ""\n  name: x\ncontexts:\n- context:\n    cluster: x\n    user: ""\n  name: "y"\ncurrent-context: "y"\nkind: Config\npreferences: {}\nusers: null\n',
    );
    expect(await run('view', '-o', 'json', '--minify')).toEqual({
      code: 0,
      out: `{
    "kind": "Config",
    "apiVersion": "v1",
    "preferences": {},
    "clusters": [
        {
            "name": "x",
            "cluster": {
                "server": ""
            }
        }
    ],
    "users": null,
    "contexts": [
        {
            "name": "y",
            "context": {
                "cluster": "x",
                "user": ""
            }
        }
    ],
    "current-context": "y"
}
`,
      err: '',
    });
  });

  it('redacts credentials unless --raw, as kubectl', async () => {
    const raw = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: QUJD
    server: https://127.0.0.1:6443
  name: mkube
contexts:
- context:
    cluster: mkube
    user: mkube
  name: mkube
current-context: mkube
kind: Config
preferences: {}
users:
- name: mkube
  user:
    client-certificate-data: QUJD
    client-key-data: QUJD
    token: secret
`;
    writeFileSync(file, raw);
    expect(await run('view', '--raw')).toEqual({ code: 0, out: raw, err: '' });
    expect(await run('view')).toEqual({
      code: 0,
      out: raw
        .replace('certificate-authority-data: QUJD', 'certificate-authority-data: DATA+OMITTED')
        .replace('client-certificate-data: QUJD', 'client-certificate-data: DATA+OMITTED')
        .replace('client-key-data: QUJD', 'client-key-data: DATA+OMITTED')
        .replace('token: secret', 'token: REDACTED'),
      err: '',
    });
  });

  it('starts an empty file as kubectl does', async () => {
    const fresh = join(t.home, 'fresh');
    expect(await t.run(['config', 'set-context', 'dev', '--namespace=dev', '--kubeconfig', fresh])).toEqual({
      code: 0,
      out: 'Context "dev" created.\n',
      err: '',
    });
    expect(readFileSync(fresh, 'utf8')).toBe(`apiVersion: v1
clusters: null
contexts:
- context:
    cluster: ""
    namespace: dev
    user: ""
  name: dev
current-context: ""
kind: Config
preferences: {}
users: null
`);
  });
});
