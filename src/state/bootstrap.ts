// First open of a state directory: create it (0700) and the namespaces every cluster starts
// with. Synchronous (openStore is) and safe when several processes open a new home at once:
// the work happens under the store lock, and the journal appearing marks it done.

import { appendFileSync, chmodSync, existsSync, mkdirSync } from 'node:fs';
import { NAMESPACE } from '../api/kinds.js';
import { type Change, commitSync } from './commit.js';
import { planCreate } from './create-plan.js';
import { type Layout, objectPath } from './layout.js';
import { withFileLockSync } from './lock.js';
import { rfc3339 } from './meta.js';
import { randomUUID } from './random.js';

export const INITIAL_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export function isBootstrapped(layout: Layout): boolean {
  return existsSync(layout.journal);
}

export function bootstrapSync(layout: Layout, journalMaxBytes: number): void {
  if (mkdirSync(layout.home, { recursive: true, mode: 0o700 }) === undefined) {
    // It existed (made by hand or by another tool): it holds secrets, so close it anyway.
    try {
      chmodSync(layout.home, 0o700);
    } catch {
      // not ours to change; leave it
    }
  }
  withFileLockSync(layout.lock, () => {
    if (isBootstrapped(layout)) return;
    const now = rfc3339(new Date());
    const changes: Change[] = INITIAL_NAMESPACES.filter(
      (name) => !existsSync(objectPath(layout, NAMESPACE, undefined, name)),
    ).map((name) => ({
      kind: NAMESPACE,
      plan: {
        op: 'put',
        type: 'ADDED',
        obj: planCreate({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, NAMESPACE, {
          name,
          uid: randomUUID(),
          now,
        }),
      },
    }));
    commitSync(layout, changes, { journalMaxBytes, dirs: new Set() });
    // Even with nothing to add, the journal's existence is what marks the home as ready.
    appendFileSync(layout.journal, '', { mode: 0o600 });
  });
}
