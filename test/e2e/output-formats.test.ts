// -o go-template and -o json key order end to end through the built CLI. Objects are put in the
// state directory through the store (no agent, no Docker), and the generated objects come from
// client dry runs, compared byte for byte with what kubectl v1.32 prints for the same command
// (fixtures/kubectl-golden, made with `kubectl <same args> --dry-run=client -o json|yaml`; the
// other goldens there are checked without the CLI in test/unit/printers/go-json-typed.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupKind } from '../../src/api/kinds.js';
import { openStore } from '../../src/state/store.js';
import { TestHome } from './harness.js';

const GOLDEN = join(import.meta.dirname, 'fixtures/kubectl-golden');
const CONFIGMAP = lookupKind('configmaps')!;
const golden = (name: string) => readFileSync(join(GOLDEN, `${name}.golden`), 'utf8');

describe('output formats through the CLI', () => {
  const t = new TestHome('mkube-output-');

  beforeAll(async () => {
    const store = openStore(t.home);
    await store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app-config', namespace: 'default', labels: { suite: 'out' } },
      data: { 'app.properties': 'color=blue\n', mode: 'fast' },
    });
    await store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'other', namespace: 'default', labels: { suite: 'out' } },
      data: { mode: 'slow' },
    });
    await store.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'default' },
      type: 'Opaque',
      data: { password: Buffer.from('s3cr3t').toString('base64') },
    });
  });
  afterAll(() => t.cleanup());

  it.each([
    [
      'deployment-multi.json',
      ['create', 'deployment', 'multi', '--image=nginx', '--image=busybox:1.36', '-n', 'dev', '-o', 'json'],
    ],
    [
      'service-nodeport.json',
      ['create', 'service', 'nodeport', 'np', '--tcp=80:8080', '--node-port=30080', '-o', 'json'],
    ],
    ['namespace-dev.json', ['create', 'namespace', 'dev', '-o', 'json']],
  ])('prints %s byte for byte as kubectl does', (name, args) => {
    expect(t.run([...args, '--dry-run=client'])).toEqual({ code: 0, stdout: golden(name), stderr: '' });
  });

  it('keeps get and apply -o json sorted, as kubectl prints the unstructured objects it reads', () => {
    const r = t.run(['get', 'secret', 'db', '-o', 'json']);
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(['apiVersion', 'data', 'kind', 'metadata', 'type']);
    const file = join(t.home, 'cm.yaml');
    writeFileSync(
      file,
      'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: zz\n  labels: {b: "1", a: "2"}\ndata:\n  k: v\n',
    );
    const applied = `{"apiVersion":"v1","data":{"k":"v"},"kind":"ConfigMap","metadata":{"annotations":{},"labels":{"a":"2","b":"1"},"name":"zz","namespace":"default"}}\n`;
    expect(t.run(['apply', '-f', file, '--dry-run=client', '-o', 'json'])).toEqual({
      code: 0,
      stdout: `{
    "apiVersion": "v1",
    "data": {
        "k": "v"
    },
    "kind": "ConfigMap",
    "metadata": {
        "annotations": {
            "kubectl.kubernetes.io/last-applied-configuration": ${JSON.stringify(applied)}
        },
        "labels": {
            "a": "2",
            "b": "1"
        },
        "name": "zz",
        "namespace": "default"
    }
}
`,
      stderr: '',
    });
  });

  it('runs a go-template on one object, and on a List with .items for several', () => {
    expect(
      t.run([
        'get',
        'cm',
        'app-config',
        '-o',
        'go-template={{.metadata.name}}: {{index .data "app.properties"}}',
      ]),
    ).toEqual({ code: 0, stdout: 'app-config: color=blue\n', stderr: '' });
    const list = t.run([
      'get',
      'configmaps',
      '-l',
      'suite=out',
      '-o',
      'go-template',
      '--template',
      '{{range .items}}{{.metadata.name}}{{"\\t"}}{{.data.mode}}{{"\\n"}}{{end}}{{len .items}} {{.kind}}',
    ]);
    expect(list).toEqual({ code: 0, stdout: 'app-config\tfast\nother\tslow\n2 List', stderr: '' });
  });

  it('decodes secrets with base64decode and reads templates from files', () => {
    const file = join(t.home, 'secret.tmpl');
    writeFileSync(file, '{{with .data}}{{.password | base64decode}}{{end}}{{"\\n"}}');
    expect(t.run(['get', 'secret', 'db', '-o', `go-template-file=${file}`])).toEqual({
      code: 0,
      stdout: 's3cr3t\n',
      stderr: '',
    });
    // As kubectl get: --template alone means -o go-template.
    expect(t.run(['get', 'secret', 'db', '--template', '{{.data.password | base64decode}}'])).toEqual({
      code: 0,
      stdout: 's3cr3t',
      stderr: '',
    });
  });

  it('reports a template that does not parse as kubectl does', () => {
    expect(t.run(['get', 'cm', 'app-config', '-o', 'go-template={{.metadata.name}'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "error: error parsing template {{.metadata.name}, template: output:1: bad character U+007D '}'\n",
    });
  });

  it('on a run-time error prints the output so far and the debugging dump, then the error', async () => {
    const r = t.run(['get', 'cm', 'other', '-o', 'go-template={{.data.mode}} {{.data.mode.x}}']);
    const error =
      'template: output:1:17: executing "output" at <.data.mode.x>: can\'t evaluate field x in type interface {}';
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: error executing template "{{.data.mode}} {{.data.mode.x}}": ${error}\n`);
    const obj = (await openStore(t.home).get(CONFIGMAP, 'default', 'other'))!;
    const meta = obj.metadata as Record<string, unknown>;
    expect(r.stdout).toBe(
      `slow Error executing template: ${error}. Printing more information for debugging the template:\n` +
        '\ttemplate was:\n\t\t{{.data.mode}} {{.data.mode.x}}\n' +
        `\traw data was:\n\t\t{"apiVersion":"v1","data":{"mode":"slow"},"kind":"ConfigMap","metadata":{"creationTimestamp":"${meta.creationTimestamp}",${meta.generation ? `"generation":${meta.generation},` : ''}"labels":{"suite":"out"},"name":"other","namespace":"default","resourceVersion":"${meta.resourceVersion}","uid":"${meta.uid}"}}\n` +
        `\tobject given to template engine was:\n\t\tmap[apiVersion:v1 data:map[mode:slow] kind:ConfigMap metadata:map[creationTimestamp:${meta.creationTimestamp} ${meta.generation ? `generation:${meta.generation} ` : ''}labels:map[suite:out] name:other namespace:default resourceVersion:${meta.resourceVersion} uid:${meta.uid}]]\n\n`,
    );
  });
});
