import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { parseCustomColumns, relaxedJsonPath } from '../../../src/printers/custom-columns.js';
import { goJson, goSprint } from '../../../src/printers/gofmt.js';
import {
  GenericPrinter,
  listOf,
  type OutputFormat,
  parseOutputFormat,
} from '../../../src/printers/output.js';
import { sortObjects } from '../../../src/printers/sort.js';
import { toYaml, yamlKeyLess } from '../../../src/printers/yaml.js';
import * as f from './fixtures.js';

function print(format: string, obj: unknown, times = 1): string {
  let out = '';
  const p = new GenericPrinter(parseOutputFormat(format) as Exclude<OutputFormat, { type: 'table' }>, (s) => {
    out += s;
  });
  for (let i = 0; i < times; i++) p.print(obj);
  return out;
}

const small: KObject = {
  kind: 'ConfigMap',
  apiVersion: 'v1',
  metadata: { name: 'c', namespace: 'default', managedFields: [{ manager: 'x' }] } as any,
  data: { html: '<b>&</b>', empty: '' },
};

describe('-o json prints as encoding/json MarshalIndent', () => {
  it('indents with four spaces, sorts keys, escapes HTML, drops managedFields', () => {
    expect(print('json', small)).toBe(
      `{
    "apiVersion": "v1",
    "data": {
        "empty": "",
        "html": "\\u003cb\\u003e\\u0026\\u003c/b\\u003e"
    },
    "kind": "ConfigMap",
    "metadata": {
        "name": "c",
        "namespace": "default"
    }
}
`,
    );
  });

  it('wraps several objects in a List with an empty resourceVersion', () => {
    expect(print('json', listOf([]))).toBe(
      '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
    );
  });

  it('writes empty objects and arrays compactly, null as null', () => {
    expect(goJson({ a: {}, b: [], c: null, d: 1.5 }, '    ')).toBe(
      '{\n    "a": {},\n    "b": [],\n    "c": null,\n    "d": 1.5\n}',
    );
  });
});

describe('-o yaml prints as sigs.k8s.io/yaml', () => {
  it('sorts keys, does not indent sequences, quotes timestamps and numeric strings', () => {
    const obj = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'nginx',
        creationTimestamp: '2024-01-01T00:00:00Z',
        resourceVersion: '42',
        labels: { run: 'nginx' },
      },
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }], resources: {}, args: [] },
        ],
      },
    };
    expect(toYaml(obj)).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: "2024-01-01T00:00:00Z"
  labels:
    run: nginx
  name: nginx
  resourceVersion: "42"
spec:
  containers:
  - args: []
    image: nginx
    name: nginx
    ports:
    - containerPort: 80
    resources: {}
`);
  });

  const scalars: Array<[string, unknown, string]> = [
    ['a plain string', 'hello world', 'v: hello world\n'],
    ['an empty string', '', 'v: ""\n'],
    ['a YAML 1.1 boolean word', 'yes', 'v: "yes"\n'],
    ['an integer-looking string', '0755', 'v: "0755"\n'],
    ['a float-looking string', '1e3', 'v: "1e3"\n'],
    ['a string with ": "', 'a: b', "v: 'a: b'\n"],
    ['a string starting with an indicator', '*x', "v: '*x'\n"],
    ['a single quote inside single quotes', "'q'", "v: '''q'''\n"],
    ['a tab, which needs double quotes', 'a\tb', 'v: "a\\tb"\n'],
    ['a multi-line string as a literal block', 'a\nb\n', 'v: |\n  a\n  b\n'],
    ['a multi-line string without final newline', 'a\nb', 'v: |-\n  a\n  b\n'],
    ['null', null, 'v: null\n'],
    ['a float', 0.5, 'v: 0.5\n'],
    ['a large float in exponent form', 1234567.5, 'v: 1.2345675e+06\n'],
  ];
  it.each(scalars)('writes %s', (_name, v, want) => {
    expect(toYaml({ v })).toBe(want);
  });

  it('quotes the key y, as YAML 1.1 reads it as a boolean', () => {
    expect(toYaml({ x: 1, y: 2 })).toBe('x: 1\n"y": 2\n');
  });

  it('folds long plain strings after column 80, indenting the continuation', () => {
    const message =
      'Back-off pulling image "nginxx": ErrImagePull: failed to pull and unpack image "docker.io/library/nginxx:latest"';
    expect(toYaml({ status: { message } })).toBe(
      `status:\n  message: 'Back-off pulling image "nginxx": ErrImagePull: failed to pull and unpack\n    image "docker.io/library/nginxx:latest"'\n`,
    );
  });

  it('orders keys as go-yaml does: digit runs numerically', () => {
    const keys = ['a10', 'a2', 'b', 'a1'].sort((a, b) =>
      yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0,
    );
    expect(keys).toEqual(['a1', 'a2', 'a10', 'b']);
  });

  it('separates documents with --- when printing several objects', () => {
    expect(print('yaml', { a: 1 }, 2)).toBe('a: 1\n---\na: 1\n');
  });
});

describe('-o name, jsonpath and custom-columns', () => {
  it('prints kind[.group]/name for each item of a List', () => {
    expect(print('name', listOf([f.pod('nginx'), f.deployment]))).toBe('pod/nginx\ndeployment.apps/web\n');
  });

  it('runs jsonpath over a List without a trailing newline', () => {
    expect(print('jsonpath={.items[*].metadata.name}', listOf([f.pod('a'), f.pod('b')]))).toBe('a b');
  });

  it('prints custom columns with headers as given and <none> for missing values', () => {
    expect(
      print(
        'custom-columns=NAME:.metadata.name,Node:spec.nodeName,LABELS:{.metadata.labels},NONE:.x',
        listOf([f.pod('nginx')]),
      ),
    ).toBe('NAME    Node    LABELS         NONE\nnginx   mkube   map[app:web]   <none>\n');
  });

  it('joins several matches with commas', () => {
    const p = { ...f.pod('x'), spec: { containers: [{ name: 'a' }, { name: 'b' }] } };
    expect(print('custom-columns=C:.spec.containers[*].name', p)).toBe('C\na,b\n');
  });

  it('accepts relaxed paths', () => {
    for (const p of ['metadata.name', '.metadata.name', '{metadata.name}', '{.metadata.name}']) {
      expect(relaxedJsonPath(p)).toBe('{.metadata.name}');
    }
  });

  it('rejects a column spec without a path', () => {
    expect(() => parseCustomColumns('NAME')).toThrow(
      'unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>',
    );
  });

  it('formats values as Go prints them', () => {
    expect(goSprint({ b: [1, 'x'], a: null })).toBe('map[a:<nil> b:[1 x]]');
  });
});

describe('parseOutputFormat reads -o as kubectl does', () => {
  it('knows the table, wide and document formats', () => {
    expect(parseOutputFormat(undefined)).toEqual({ type: 'table', wide: false });
    expect(parseOutputFormat('wide')).toEqual({ type: 'table', wide: true });
    expect(parseOutputFormat('yaml')).toEqual({ type: 'yaml' });
  });

  it('takes a jsonpath template after = or from --template', () => {
    expect(parseOutputFormat('jsonpath={.a}')).toMatchObject({ type: 'jsonpath', template: '{.a}' });
    expect(parseOutputFormat('jsonpath', { template: '{.b}' })).toMatchObject({ template: '{.b}' });
  });

  it('says which formats exist for an unknown one', () => {
    expect(() => parseOutputFormat('foo')).toThrow(
      'unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml',
    );
  });

  it('requires a template for jsonpath', () => {
    expect(() => parseOutputFormat('jsonpath')).toThrow('template format specified but no template given');
  });

  it('reports a jsonpath syntax error with the template', () => {
    expect(() => parseOutputFormat('jsonpath={.a[}')).toThrow(
      'error parsing jsonpath {.a[}, unterminated array',
    );
  });
});

describe('-o go-template prints as kubectl GoTemplatePrinter', () => {
  it('takes the template after = for go-template and template, or from --template', () => {
    expect(print('go-template={{.metadata.name}}{{"\\n"}}', small)).toBe('c\n');
    expect(print('template={{.kind}}', small)).toBe('ConfigMap');
    let out = '';
    const p = new GenericPrinter(
      parseOutputFormat('go-template', { template: '{{range .items}}{{.metadata.name}} {{end}}' }) as Exclude<
        OutputFormat,
        { type: 'table' }
      >,
      (s) => {
        out += s;
      },
    );
    p.print(listOf([small, { ...small, metadata: { name: 'd' } }]));
    expect(out).toBe('c d ');
  });

  it('sees managedFields, which only json and yaml drop', () => {
    expect(print('go-template={{len .metadata.managedFields}}', small)).toBe('1');
  });

  it('fails on a missing key with allowMissingKeys false, as --allow-missing-template-keys=false', () => {
    const f = parseOutputFormat('go-template={{.nope}}', { allowMissingKeys: false });
    const p = new GenericPrinter(f as Exclude<OutputFormat, { type: 'table' }>, () => {});
    expect(() => p.print(small)).toThrow(
      'error executing template "{{.nope}}": template: output:1:2: executing "output" at <.nope>: map has no entry for key "nope"',
    );
  });

  it('requires a template', () => {
    expect(() => parseOutputFormat('go-template')).toThrow('template format specified but no template given');
    expect(() => parseOutputFormat('go-template-file')).toThrow(
      'template format specified but no template given',
    );
  });

  it('reports a parse error with the template, as kubectl wraps it', () => {
    expect(() => parseOutputFormat('go-template={{.a }')).toThrow(
      'error parsing template {{.a }, template: output:1: unexpected "}" in operand',
    );
  });

  it('reads the template from a file with go-template-file and templatefile', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mkube-tmpl-')), 't.tmpl');
    writeFileSync(file, '{{.metadata.name}}\n');
    expect(print(`go-template-file=${file}`, small)).toBe('c\n');
    expect(print(`templatefile=${file}`, small)).toBe('c\n');
    rmSync(dirname(file), { recursive: true, force: true });
  });

  it('reports a missing template file as kubectl does', () => {
    expect(() => parseOutputFormat('go-template-file=/nonexistent/t.tmpl')).toThrow(
      "error reading --template /nonexistent/t.tmpl, ENOENT: no such file or directory, open '/nonexistent/t.tmpl'",
    );
  });

  it('on a run-time error, writes the output so far and a dump to stdout, then fails', () => {
    let out = '';
    const p = new GenericPrinter(
      parseOutputFormat('go-template=x{{.data.empty.x}}') as Exclude<OutputFormat, { type: 'table' }>,
      (s) => {
        out += s;
      },
    );
    const obj = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'c' }, data: { empty: '', n: 1.5 } };
    expect(() => p.print(obj)).toThrow(
      'error executing template "x{{.data.empty.x}}": template: output:1:3: executing "output" at <.data.empty.x>: can\'t evaluate field x in type interface {}',
    );
    expect(out).toBe(
      'xError executing template: template: output:1:3: executing "output" at <.data.empty.x>: can\'t evaluate field x in type interface {}. Printing more information for debugging the template:\n' +
        '\ttemplate was:\n\t\tx{{.data.empty.x}}\n' +
        '\traw data was:\n\t\t{"apiVersion":"v1","data":{"empty":"","n":1.5},"kind":"ConfigMap","metadata":{"name":"c"}}\n' +
        '\tobject given to template engine was:\n\t\tmap[apiVersion:v1 data:map[empty: n:1.5] kind:ConfigMap metadata:map[name:c]]\n\n',
    );
  });
});

describe('--sort-by orders objects as kubectl sorter.go does', () => {
  const withRestarts = (name: string, n: number) => ({ ...f.pod(name), status: { restarts: n } });

  it('compares numbers as numbers', () => {
    const sorted = sortObjects(
      [withRestarts('a', 10), withRestarts('b', 9), withRestarts('c', 100)],
      '.status.restarts',
    );
    expect(sorted.map((o) => o.metadata.name)).toEqual(['b', 'a', 'c']);
  });

  it('compares quantities as quantities', () => {
    const cm = (name: string, mem: string) => ({ ...f.configMap, metadata: { name }, data: { mem } });
    const sorted = sortObjects([cm('a', '1Gi'), cm('b', '512Mi'), cm('c', '2Gi')], '{.data.mem}');
    expect(sorted.map((o) => o.metadata.name)).toEqual(['b', 'a', 'c']);
  });

  it('puts objects without the field first', () => {
    const sorted = sortObjects([f.pod('z'), { ...f.pod('y'), status: {} }], '.status.phase');
    expect(sorted.map((o) => o.metadata.name)).toEqual(['y', 'z']);
  });

  it('fails when no object has the field', () => {
    expect(() => sortObjects([f.pod('a'), f.pod('b')], '.nope')).toThrow(
      'couldn\'t find any field with path "{.nope}" in the list of objects',
    );
  });
});
