// The import rule's checker on small graphs: what it reports, whole.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { checkGraph, importsOf, importsWriter } from '../../../scripts/check-layers.mjs';

const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

describe('check-layers', () => {
  it('finds static, dynamic, type-only and re-exported relative imports, not packages', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../api/b.js';",
      "export { c } from './c.js';",
      "const d = await import('../state/d.js');",
      "import 'node:fs';",
      "import { x } from 'yaml';",
    ].join('\n');
    expect(importsOf(text)).toEqual(['./a.js', '../api/b.js', './c.js', '../state/d.js']);
  });

  it('tells the store writer from its reader', () => {
    expect(importsWriter("import { openStore } from '../state/store.js';")).toBe(true);
    expect(importsWriter("import type { Store, StoreReader } from '../state/types.js';")).toBe(true);
    expect(importsWriter("import type { StoreReader } from '../state/types.js';")).toBe(false);
  });

  it('reports upward imports, unknown layers, writers outside the registry and cycles', () => {
    const problems = checkGraph(
      graph({
        'api/kinds.ts': ['state/store.ts'],
        'kubelet/sync.ts': ['kubelet/kill.ts', 'agent/work-queue.ts', 'registry/registry.ts'],
        'kubelet/kill.ts': ['kubelet/sync.ts'],
        'printers/get.ts': ['state/types.ts'],
        'commands/get.ts': ['printers/get.ts', 'agent/client.ts', 'gizmo/x.ts'],
      }),
      new Set(['controllers/rs.ts', 'registry/registry.ts', 'agent/daemon.ts']),
    );
    expect(problems).toEqual([
      'api/kinds.ts -> state/store.ts: api may not import state',
      'kubelet/sync.ts -> agent/work-queue.ts: kubelet may not import agent',
      'printers/get.ts -> state/types.ts: printers may not import state',
      'commands/get.ts -> gizmo/x.ts: layer not in the rule',
      'controllers/rs.ts: only the registry writes the store (import StoreReader, write through the registry)',
      'import cycle: kubelet/kill.ts -> kubelet/sync.ts',
    ]);
  });
});
