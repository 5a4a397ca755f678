// A separate writer process for the concurrency tests (bundled by esbuild, run by node).
// Usage: writer-process <home> <mode> <count> <prefix> [journalMaxBytes]
//   create: create <count> configmaps named <prefix>-<i>
//   update: update configmap <prefix> <count> times (forever when count is 0)
//   open:   just open the store (first-open race)
import { lookupKind } from '../../../src/api/kinds.js';
import { openStore } from '../../../src/state/store.js';

const CM = lookupKind('configmaps')!;
const [home, mode, countArg, prefix, journalMaxBytes] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string?,
];
const count = Number(countArg);
const store = openStore(home, { journalMaxBytes: journalMaxBytes ? Number(journalMaxBytes) : undefined });

if (mode === 'create') {
  for (let i = 0; i < count; i++) {
    await store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${prefix}-${i}` },
      data: { i: String(i) },
    });
  }
} else if (mode === 'update') {
  for (let i = 0; count === 0 || i < count; i++) {
    await store.patch(CM, 'default', prefix, (cur) => ({
      ...cur,
      data: { i: String(i), blob: 'y'.repeat(i % 5000) },
    }));
  }
}
