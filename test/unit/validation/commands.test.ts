// apply / create / delete through the command layer against a real state directory.
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIGMAP_KIND, TempState } from './cli-ctx.js';

const cm = (name: string, data = 'a: "1"') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  labels: {app: web}\ndata:\n  ${data}\n`;

describe('several documents', () => {
  let state: TempState;
  afterEach(() => state.cleanup());

  it('applies the valid ones in order, reports the invalid ones at the end and exits 1', async () => {
    state = new TempState();
    const path = state.file(
      'all.yaml',
      `${cm('one')}---\napiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n---\n${cm('two')}`,
    );
    const r = await state.run(['apply', '-f', path]);
    expect(r.stdout).toBe('configmap/one created\nconfigmap/two created\n');
    expect(r.stderr).toContain('no matches for kind "Foo" in version "v1"');
    expect(r.code).toBe(1);
    expect(state.getStore().get(CONFIGMAP_KIND, 'default', 'two')).toBeDefined();
  });
});

describe('apply', () => {
  let state: TempState;
  afterEach(() => state.cleanup());

  it('says created, unchanged, then configured, and removes a key dropped from the manifest', async () => {
    state = new TempState();
    const path = state.file('cm.yaml', cm('c', 'a: "1"\n  b: "2"'));
    expect((await state.run(['apply', '-f', path])).stdout).toBe('configmap/c created\n');
    expect((await state.run(['apply', '-f', path])).stdout).toBe('configmap/c unchanged\n');
    state.file('cm.yaml', cm('c', 'a: "1"'));
    expect((await state.run(['apply', '-f', path])).stdout).toBe('configmap/c configured\n');
    expect(state.getStore().get(CONFIGMAP_KIND, 'default', 'c')?.data).toEqual({ a: '1' });
  });

  it('keeps fields someone else set', async () => {
    state = new TempState();
    const path = state.file('cm.yaml', cm('c'));
    await state.run(['apply', '-f', path]);
    await state
      .getStore()
      .patch(CONFIGMAP_KIND, 'default', 'c', (o) => ({ ...o, data: { ...o.data, other: 'x' } }));
    expect((await state.run(['apply', '-f', path])).stdout).toBe('configmap/c unchanged\n');
    expect(state.getStore().get(CONFIGMAP_KIND, 'default', 'c')?.data).toEqual({ a: '1', other: 'x' });
  });

  it('writes nothing for a dry run and says so', async () => {
    state = new TempState();
    const path = state.file('cm.yaml', cm('c'));
    expect((await state.run(['apply', '-f', path, '--dry-run=client'])).stdout).toBe(
      'configmap/c created (dry run)\n',
    );
    expect((await state.run(['apply', '-f', path, '--dry-run=server'])).stdout).toBe(
      'configmap/c created (server dry run)\n',
    );
    expect(state.getStore().get(CONFIGMAP_KIND, 'default', 'c')).toBeUndefined();
  });

  it('prints -o name and -o json', async () => {
    state = new TempState();
    const path = state.file('cm.yaml', cm('c'));
    expect((await state.run(['apply', '-f', path, '-o', 'name'])).stdout).toBe('configmap/c\n');
    const json = JSON.parse((await state.run(['apply', '-f', path, '-o', 'json'])).stdout);
    expect(json.metadata.name).toBe('c');
  });

  it('reads stdin and puts objects in the -n namespace', async () => {
    state = new TempState();
    await state.run(['create', 'namespace', 'dev']);
    const r = await state.run(['apply', '-f', '-', '-n', 'dev'], cm('c'));
    expect(r.stdout).toBe('configmap/c created\n');
    expect(state.getStore().get(CONFIGMAP_KIND, 'dev', 'c')).toBeDefined();
  });

  it('warns and drops unknown fields with --validate=warn', async () => {
    state = new TempState();
    const path = state.file('cm.yaml', `${cm('c')}extra: 1\n`);
    const r = await state.run(['apply', '-f', path, '--validate=warn']);
    expect(r.stderr).toBe('Warning: unknown field "extra"\n');
    expect(r.stdout).toBe('configmap/c created\n');
  });

  it('says there is nothing to apply for an empty file', async () => {
    state = new TempState();
    const r = await state.run(['apply', '-f', state.file('empty.yaml', '---\n')]);
    expect([r.code, r.stderr]).toEqual([1, 'error: no objects passed to apply\n']);
  });
});

describe('create', () => {
  let state: TempState;
  afterEach(() => state.cleanup());

  it('refuses an object that exists, naming the file', async () => {
    state = new TempState();
    const path = state.file('cm.yaml', cm('c'));
    expect((await state.run(['create', '-f', path])).stdout).toBe('configmap/c created\n');
    const r = await state.run(['create', '-f', path]);
    expect(r.stderr).toBe(
      `Error from server (AlreadyExists): error when creating "${path}": configmaps "c" already exists\n`,
    );
    expect(r.code).toBe(1);
  });

  it('creates a namespace by name', async () => {
    state = new TempState();
    expect((await state.run(['create', 'namespace', 'dev'])).stdout).toBe('namespace/dev created\n');
    const again = await state.run(['create', 'ns', 'dev']);
    expect(again.stderr).toBe('Error from server (AlreadyExists): namespaces "dev" already exists\n');
  });
});

describe('delete', () => {
  let state: TempState;
  afterEach(() => state.cleanup());

  it('deletes by name, TYPE/NAME, -f and -l', async () => {
    state = new TempState();
    const path = state.file('cm.yaml', `${cm('a')}---\n${cm('b')}---\n${cm('c')}---\n${cm('d')}`);
    await state.run(['apply', '-f', path]);
    expect((await state.run(['delete', 'configmap', 'a'])).stdout).toBe('configmap "a" deleted\n');
    expect((await state.run(['delete', 'cm/b', '-o', 'name'])).stdout).toBe('configmap/b\n');
    expect((await state.run(['delete', 'cm', '-l', 'app=web'])).stdout).toBe(
      'configmap "c" deleted\nconfigmap "d" deleted\n',
    );
    expect((await state.run(['delete', 'cm', '-l', 'app=web'])).stdout).toBe('No resources found\n');
    const r = await state.run(['delete', '-f', path]);
    expect(r.stderr).toContain(
      `Error from server (NotFound): error when deleting "${path}": configmaps "a" not found\n`,
    );
    expect(r.code).toBe(1);
    expect((await state.run(['delete', '-f', path, '--ignore-not-found'])).code).toBe(0);
  });

  it('says not found, and force-deletes with the warning', async () => {
    state = new TempState();
    const missing = await state.run(['delete', 'pod', 'nope']);
    expect([missing.code, missing.stderr]).toEqual([
      1,
      'Error from server (NotFound): pods "nope" not found\n',
    ]);
    await state.run(['apply', '-f', state.file('cm.yaml', cm('c'))]);
    const r = await state.run(['delete', 'cm', 'c', '--force', '--grace-period=0']);
    expect(r.stdout).toBe('configmap "c" force deleted\n');
    expect(r.stderr).toMatch(/^Warning: Immediate deletion does not wait for confirmation/);
  });

  it('explains what is missing from the arguments', async () => {
    state = new TempState();
    expect((await state.run(['delete'])).stderr).toMatch(/^error: You must provide one or more resources/);
    expect((await state.run(['delete', 'pods'])).stderr).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    );
    expect((await state.run(['delete', 'foos', 'x'])).stderr).toBe(
      'error: the server doesn\'t have a resource type "foos"\n',
    );
  });
});
