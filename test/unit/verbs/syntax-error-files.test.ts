// A YAML syntax error in one file of `-f dir/` (kubectl's builder with ContinueOnError): every
// valid document of the other files, and those of the broken file before its error, is still
// applied/created/deleted; the broken file is reported in kubectl's words and the verb exits 1.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempStore } from './harness.js';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

let t: TempStore;
let dir: string;
beforeEach(() => {
  t = new TempStore();
  dir = mkdtempSync(join(tmpdir(), 'mkube-syntax-'));
  mkdirSync(join(dir, 'm'));
  writeFileSync(join(dir, 'm/a.yaml'), `${cm('a1')}---\n${cm('a2')}`);
  // Line 5 of the document is the broken flow sequence (go-yaml: a parser error, counted from 0).
  writeFileSync(join(dir, 'm/b.yaml'), `${cm('b1')}---\n${cm('b2')}  labels: [x\n`);
  writeFileSync(join(dir, 'm/c.yaml'), cm('c'));
});
afterEach(() => {
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const parseError = (d: string) =>
  `error: error parsing ${d}/m/b.yaml: error converting YAML to JSON: yaml: line 5: did not find expected ',' or ']'\n`;

describe('a syntax error in one file of a directory', () => {
  it('apply applies every valid document, reports the broken file and exits 1', async () => {
    const r = await t.run(['apply', '-f', join(dir, 'm')]);
    expect(r).toEqual({
      code: 1,
      out: 'configmap/a1 created\nconfigmap/a2 created\nconfigmap/b1 created\nconfigmap/c created\n',
      err: parseError(dir),
    });
    expect(['a1', 'a2', 'b1', 'b2', 'c'].map((n) => !!t.get('cm', n))).toEqual([
      true,
      true,
      true,
      false,
      true,
    ]);
  });

  it('create creates every valid document, reports the broken file and exits 1', async () => {
    const r = await t.run(['create', '-f', join(dir, 'm')]);
    expect(r).toEqual({
      code: 1,
      out: 'configmap/a1 created\nconfigmap/a2 created\nconfigmap/b1 created\nconfigmap/c created\n',
      err: parseError(dir),
    });
  });

  it('delete deletes what the valid documents name, reports the broken file and exits 1', async () => {
    expect((await t.run(['apply', '-f', join(dir, 'm')])).code).toBe(1);
    const r = await t.run(['delete', '-f', join(dir, 'm'), '--wait=false']);
    expect(r).toEqual({
      code: 1,
      out: 'configmap "a1" deleted\nconfigmap "a2" deleted\nconfigmap "b1" deleted\nconfigmap "c" deleted\n',
      err: parseError(dir),
    });
    expect(['a1', 'a2', 'b1', 'c'].map((n) => !!t.get('cm', n))).toEqual([false, false, false, false]);
  });

  it('apply of only a broken file reports it and exits 1 without "no objects passed"', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n');
    const r = await t.run(['apply', '-f', join(dir, 'bad.yaml')]);
    expect(r).toEqual({
      code: 1,
      out: '',
      err: `error: error parsing ${dir}/bad.yaml: error converting YAML to JSON: yaml: line 3: did not find expected ',' or '}'\n`,
    });
  });
});
