// Several processes on one state directory: first open, concurrent writers, readers during
// writes, and a writer killed mid-write.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupKind, NAMESPACE } from '../../../src/api/kinds.js';
import { openStore } from '../../../src/state/store.js';
import { configMap, tempHome } from './helpers.js';

const CM = lookupKind('configmaps')!;
let writer = '';

let writerDir = '';

beforeAll(async () => {
  writerDir = mkdtempSync(join(tmpdir(), 'mkube-writer-'));
  writer = join(writerDir, 'writer.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'writer-process.ts')],
    outfile: writer,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
});

afterAll(() => rmSync(writerDir, { recursive: true, force: true }));

function start(...args: string[]): ChildProcess {
  return spawn(process.execPath, [writer, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

function finished(child: ChildProcess): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve, reject) =>
    child.on('exit', (code, signal) =>
      code === 0 || signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code}: ${stderr}`)),
    ),
  );
}

const run = (...args: string[]) => finished(start(...args));

function journal(home: string) {
  return readFileSync(join(home, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('several processes', () => {
  it('bootstrap the namespaces exactly once when they open a new home together', async () => {
    const home = join(tempHome(), 'new');
    await Promise.all(Array.from({ length: 6 }, () => run(home, 'open', '0', '')));
    const lines = journal(home);
    expect(lines.map((l) => l.object.metadata.name)).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
    ]);
    expect(lines.map((l) => l.object.metadata.resourceVersion)).toEqual(['1', '2', '3', '4']);
    expect(openStore(home).list(NAMESPACE)).toHaveLength(4);
  });

  it('writing at once get distinct consecutive resourceVersions and a journal in order', async () => {
    const home = tempHome();
    openStore(home);
    const procs = 5;
    const each = 20;
    await Promise.all(Array.from({ length: procs }, (_, p) => run(home, 'create', String(each), `p${p}`)));
    const lines = journal(home).slice(4);
    expect(lines).toHaveLength(procs * each);
    expect(lines.map((l) => Number(l.object.metadata.resourceVersion))).toEqual(
      Array.from({ length: procs * each }, (_, i) => i + 5),
    );
    const store = openStore(home);
    expect(store.list(CM)).toHaveLength(procs * each);
    expect(store.resourceVersion()).toBe(4 + procs * each);
  });

  it('let readers read without a lock and never see a half-written object', async () => {
    const home = tempHome();
    const store = openStore(home);
    await store.create(configMap('hot', { i: '0' }));
    const child = start(home, 'update', '0', 'hot');
    const done = finished(child);
    const seen = new Set<string>();
    // Read for 400 ms once the writer has started (it may take a while to start on a busy machine).
    const deadline = Date.now() + 15_000;
    let until = Infinity;
    while (Date.now() < Math.min(until, deadline)) {
      if (seen.size > 1 && until === Infinity) until = Date.now() + 400;
      const obj = store.get(CM, 'default', 'hot');
      expect(obj?.metadata.name).toBe('hot');
      seen.add(obj!.metadata.resourceVersion!);
      store.list(CM);
      await new Promise((r) => setImmediate(r));
    }
    child.kill('SIGKILL');
    await done;
    expect(seen.size).toBeGreaterThan(1);
  });

  it('leave parseable files after a writer is killed mid-write, and writing goes on', async () => {
    const home = tempHome();
    const store = openStore(home);
    await store.create(configMap('hot', { i: '0' }));
    const child = start(home, 'update', '0', 'hot');
    const done = finished(child);
    await new Promise((r) => setTimeout(r, 250));
    child.kill('SIGKILL');
    await done;
    const files = allFiles(join(home, 'objects'));
    // A kill between open and rename may leave a stray `.tmp`; readers never look at those.
    for (const f of files.filter((f) => f.endsWith('.json'))) {
      expect(() => JSON.parse(readFileSync(f, 'utf8'))).not.toThrow();
    }
    expect(files.filter((f) => !f.endsWith('.json') && !f.endsWith('.tmp'))).toEqual([]);
    // The lock the killed writer may have held is released on exit or goes stale; the next write works.
    const before = store.resourceVersion();
    const after = await store.patch(CM, 'default', 'hot', (cur) => ({ ...cur, data: { i: 'after' } }));
    expect(Number(after!.metadata.resourceVersion)).toBeGreaterThan(before);
    const rvs = journal(home).map((l) => Number(l.object.metadata.resourceVersion));
    expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
    expect(new Set(rvs).size).toBe(rvs.length);
  });
});
