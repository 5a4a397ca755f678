import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editHeader, editorCommand, editorFromEnv } from '../../../src/commands/workload/editor.js';
import { deployment, TempStore } from './harness.js';

let t: TempStore;
let dir: string;
const saved = { EDITOR: process.env.EDITOR, KUBE_EDITOR: process.env.KUBE_EDITOR };

/** An editor that runs a shell snippet on the file ($1); each call is logged. */
function editor(body: string): void {
  const path = join(dir, `editor-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(path, `#!/bin/sh\necho "$1" >> ${dir}/calls\n${body}\n`);
  chmodSync(path, 0o755);
  process.env.EDITOR = path;
}
const calls = () =>
  existsSync(join(dir, 'calls')) ? readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n') : [];

beforeEach(async () => {
  t = new TempStore();
  dir = mkdtempSync(join(tmpdir(), 'mkube-edit-test-'));
  delete process.env.KUBE_EDITOR;
  await t.create(deployment('web', { replicas: 1, image: 'nginx:1' }));
});
afterEach(() => {
  for (const f of calls()) rmSync(f, { force: true });
  rmSync(dir, { recursive: true, force: true });
  t.cleanup();
  process.env.EDITOR = saved.EDITOR;
  process.env.KUBE_EDITOR = saved.KUBE_EDITOR;
});

describe('choosing the editor', () => {
  it('prefers KUBE_EDITOR, then EDITOR, then vi', () => {
    expect(editorFromEnv({ KUBE_EDITOR: 'nano', EDITOR: 'emacs' })).toEqual({ args: ['nano'], shell: false });
    expect(editorFromEnv({ EDITOR: 'code --wait' })).toEqual({ args: ['code', '--wait'], shell: false });
    expect(editorFromEnv({})).toEqual({ args: ['vi'], shell: false });
    const quoted = editorFromEnv({ EDITOR: 'my "editor"', SHELL: '/bin/sh' });
    expect(editorCommand(quoted, '/tmp/x.yaml')).toEqual(['/bin/sh', '-c', 'my "editor" "/tmp/x.yaml"']);
  });

  it('writes the failure reasons into the header', () => {
    expect(
      editHeader([
        {
          head: 'deployments.apps "web" was not valid',
          other: ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
        },
      ]),
    ).toBe(
      [
        "# Please edit the object below. Lines beginning with a '#' will be ignored,",
        '# and an empty file will abort the edit. If an error occurs while saving this file will be',
        '# reopened with the relevant failures.',
        '#',
        '# deployments.apps "web" was not valid:',
        '# * spec.replicas: Invalid value: -1: must be greater than or equal to 0',
        '#',
        '',
      ].join('\n'),
    );
  });
});

describe('edit', () => {
  it('applies a saved change', async () => {
    editor(`sed -i 's/replicas: 1$/replicas: 3/' "$1"`);
    const r = await t.run(['edit', 'deployment/web']);
    expect(r).toEqual({ code: 0, out: 'deployment.apps/web edited\n', err: '' });
    expect(t.get('deploy', 'web')!.spec.replicas).toBe(3);
    expect(calls()[0]).toMatch(/mkube-edit-\d+\.yaml$/);
    expect(existsSync(calls()[0]!)).toBe(false);
  });

  it('opens the object as YAML under the header', async () => {
    editor(`cp "$1" ${dir}/seen.yaml`);
    await t.run(['edit', 'deploy', 'web']);
    const seen = readFileSync(join(dir, 'seen.yaml'), 'utf8');
    expect(
      seen.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n"),
    ).toBe(true);
    expect(seen).toContain('\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n');
    expect(seen).toContain('\n  replicas: 1\n');
  });

  it('cancels when nothing changed', async () => {
    editor('true');
    expect(await t.run(['edit', 'deploy/web'])).toEqual({
      code: 0,
      out: '',
      err: 'Edit cancelled, no changes made.\n',
    });
    expect(t.get('deploy', 'web')!.metadata.generation).toBe(1);
  });

  it('rejects an invalid edit, reopens it with the reason, and stops when it comes back unchanged', async () => {
    editor(`sed -i 's/replicas: 1$/replicas: -1/' "$1"; cp "$1" ${dir}/last.yaml`);
    const r = await t.run(['edit', 'deploy/web']);
    const [first, second] = calls();
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      [
        'error: deployments.apps "web" is invalid',
        `A copy of your changes has been stored to "${second}"`,
        'error: Edit cancelled, no valid changes were saved.',
        '',
      ].join('\n'),
    );
    // kubectl keeps both files here: it returns before removing the previous one.
    expect(existsSync(first!)).toBe(true);
    expect(existsSync(second!)).toBe(true);
    expect(readFileSync(join(dir, 'last.yaml'), 'utf8')).toContain(
      '# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n',
    );
    expect(t.get('deploy', 'web')!.spec.replicas).toBe(1);
  });

  it('accepts a fix made on the reopened file', async () => {
    editor(
      `if [ -e ${dir}/once ]; then sed -i 's/replicas: -1$/replicas: 2/' "$1"; else touch ${dir}/once; sed -i 's/replicas: 1$/replicas: -1/' "$1"; fi`,
    );
    const r = await t.run(['edit', 'deploy/web']);
    expect(r).toEqual({
      code: 0,
      out: 'deployment.apps/web edited\n',
      err: 'error: deployments.apps "web" is invalid\n',
    });
    expect(t.get('deploy', 'web')!.spec.replicas).toBe(2);
  });

  it('reopens on a syntax error', async () => {
    editor(
      `if [ -e ${dir}/once ]; then :; else touch ${dir}/once; echo 'a: [' >> "$1"; fi; cp "$1" ${dir}/last.yaml`,
    );
    const r = await t.run(['edit', 'deploy/web']);
    expect(r.err).toContain('error: Edit cancelled, no valid changes were saved.');
    expect(readFileSync(join(dir, 'last.yaml'), 'utf8')).toMatch(
      /^# The edited file had a syntax error: error parsing edited-file: /m,
    );
  });

  it('refuses to change the name', async () => {
    editor(`sed -i 's/^  name: web$/  name: other/' "$1"`);
    const r = await t.run(['edit', 'deploy/web']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^A copy of your changes has been stored to ".*"\nerror: At least one of apiVersion, kind and name was changed\n$/,
    );
  });

  it('reports an editor that cannot be started, leaving no temp file behind', async () => {
    process.env.EDITOR = join(dir, 'missing-editor');
    const before = readdirSync(tmpdir()).filter((f) => f.startsWith('mkube-edit-'));
    const r = await t.run(['edit', 'deploy/web']);
    expect(r.err).toBe(`error: unable to launch the editor "${join(dir, 'missing-editor')}"\n`);
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('mkube-edit-'))).toEqual(before);
  });

  it('reports a missing object', async () => {
    editor('true');
    expect((await t.run(['edit', 'deploy/nope'])).err).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
  });
});
