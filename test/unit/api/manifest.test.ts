import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/api/errors.js';
import { expandFilenames, loadManifests, parseManifest } from '../../../src/api/manifest.js';

const POD =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: b\n';

describe('parsing one file', () => {
  const cases: Array<[string, string, unknown[]]> = [
    [
      'a single YAML document',
      POD,
      [
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'x' },
          spec: { containers: [{ name: 'a', image: 'b' }] },
        },
      ],
    ],
    [
      'several documents, skipping empty ones',
      '---\n---\na: 1\n---\n\n---\nb: 2\n...\n',
      [{ a: 1 }, { b: 2 }],
    ],
    [
      'a List flattened into its items',
      'kind: List\napiVersion: v1\nitems:\n- a: 1\n- b: 2\n',
      [{ a: 1 }, { b: 2 }],
    ],
    ['a PodList flattened too', '{"kind":"PodList","items":[{"a":1}]}', [{ a: 1 }]],
    ['a JSON stream of several objects', '{"a": 1}\n{"b": 2}', [{ a: 1 }, { b: 2 }]],
    [
      'YAML 1.1 booleans as kubectl reads them',
      'a: yes\nb: on\nc: y\nd: "yes"\n',
      [{ a: true, b: true, c: true, d: 'yes' }],
    ],
    ['a leading-zero number as octal (file modes)', 'mode: 0644\n', [{ mode: 420 }]],
    ['dates and base-60 numbers as strings', 'a: 2024-01-01\nb: 1:20\n', [{ a: '2024-01-01', b: '1:20' }]],
    ['merge keys', 'base: &b {x: 1}\nc:\n  <<: *b\n  z: 2\n', [{ base: { x: 1 }, c: { x: 1, z: 2 } }]],
    ['a duplicate key, last one wins as in go-yaml', 'a: 1\na: 2\n', [{ a: 2 }]],
    ['an empty file as nothing', '', []],
    ['a comment-only file as nothing', '# nothing\n', []],
  ];
  for (const [name, text, want] of cases) {
    it(`reads ${name}`, () => expect(parseManifest(text, 'f.yaml').map((d) => d.object)).toEqual(want));
  }

  const errors: Array<[string, string, string]> = [
    [
      'a bad indent',
      'a: b\n  c: d\n',
      'error parsing f.yaml: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context',
    ],
    [
      'a tab as indentation',
      'a:\n\t- b\n',
      'error parsing f.yaml: error converting YAML to JSON: yaml: line 2: found character that cannot start any token',
    ],
    [
      'an unclosed flow map',
      'a: {b: c\n',
      "error parsing f.yaml: error converting YAML to JSON: yaml: line 1: did not find expected ',' or '}'",
    ],
    [
      'an unterminated string',
      'a: "x\n',
      'error parsing f.yaml: error converting YAML to JSON: yaml: line 2: found unexpected end of stream',
    ],
    [
      'an unknown anchor',
      'a: *nope\n',
      "error parsing f.yaml: error converting YAML to JSON: yaml: line 1: unknown anchor 'nope' referenced",
    ],
    ['truncated JSON', '{"a": 1', 'error parsing f.yaml: unexpected EOF'],
    [
      'a JSON value missing',
      '{"a":\n }',
      "error parsing f.yaml: json: offset 8: invalid character '}' looking for beginning of value",
    ],
    [
      'a JSON comma missing',
      '{"a": 1\n "b": 2}',
      "error parsing f.yaml: json: offset 10: invalid character '\"' after object key:value pair",
    ],
  ];
  for (const [name, text, message] of errors) {
    it(`reports ${name} as kubectl words it`, () =>
      expect(() => parseManifest(text, 'f.yaml')).toThrow(message));
  }

  it('reports a syntax error in a later document at its line in that document, as go-yaml counts', () => {
    expect(() => parseManifest(`${POD}---\na: b\n  c: d\n`, 'f.yaml')).toThrow(
      new UserError(
        'error parsing f.yaml: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context',
      ),
    );
  });

  it('knows the line of every field, and of the deepest existing part of a path', () => {
    const [doc] = parseManifest(`# c\n${POD}`, 'f.yaml');
    expect(doc!.line).toBe(2);
    expect(doc!.lineOf(['spec', 'containers', 0, 'image'])).toBe(9);
    expect(doc!.lineOf(['spec', 'containers', 0])).toBe(8);
    expect(doc!.lineOf(['spec', 'containers', 0, 'nope'])).toBe(8);
    expect(doc!.lineOf(['metadata', 'name'])).toBe(5);
  });

  it('knows lines in later documents, List items and JSON', () => {
    const docs = parseManifest(`${POD}---\nkind: List\nitems:\n- a: 1\n- b:\n    c: 2\n`, 'f.yaml');
    expect(docs[1]!.lineOf(['a'])).toBe(12);
    expect(docs[2]!.lineOf(['b', 'c'])).toBe(14);
    const [json] = parseManifest('{\n  "kind": "Pod",\n  "spec": {\n    "x": 1\n  }\n}', 'f.json');
    expect(json!.lineOf(['spec', 'x'])).toBe(4);
  });
});

describe('finding and reading files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mkube-manifest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'a.yaml'), 'a: 1\n');
  writeFileSync(join(dir, 'b.json'), '{"b": 2}');
  writeFileSync(join(dir, 'notes.txt'), 'not a manifest');
  writeFileSync(join(dir, 'sub', 'c.yml'), 'c: 3\n');

  it('takes the manifest files of a directory, in name order', () => {
    expect(expandFilenames([dir])).toEqual([join(dir, 'a.yaml'), join(dir, 'b.json')]);
  });

  it('descends into subdirectories with -R', () => {
    expect(expandFilenames([dir], true)).toEqual([
      join(dir, 'a.yaml'),
      join(dir, 'b.json'),
      join(dir, 'sub', 'c.yml'),
    ]);
  });

  it('expands a glob', () => {
    expect(expandFilenames([join(dir, '*.json')])).toEqual([join(dir, 'b.json')]);
  });

  it('says when a path does not exist', () => {
    expect(() => expandFilenames([join(dir, 'nope.yaml')])).toThrow(
      `the path "${join(dir, 'nope.yaml')}" does not exist`,
    );
  });

  it('reads several -f values and stdin, naming stdin STDIN', async () => {
    const docs = await loadManifests([join(dir, 'a.yaml'), '-'], { stdin: Readable.from(['d: 4\n']) });
    expect(docs.map((d) => [d.source, d.object])).toEqual([
      [join(dir, 'a.yaml'), { a: 1 }],
      ['STDIN', { d: 4 }],
    ]);
  });
});
