// First open of a state directory: create it (0700), the namespaces every cluster starts with and
// whatever the opener's seed adds (the bootstrap Services). Synchronous (openStore is) and safe
// when several processes open a new home at once: the work happens under the store lock, and the
// journal (and the seed's marker file) appearing marks it done.

import { appendFileSync, chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type KindInfo, kindFor } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import { type Change, commitSync } from './commit.js';
import { planCreate } from './create-plan.js';
import { writeFileAtomicSync } from './fsio.js';
import { type Layout, objectPath } from './layout.js';
import { withFileLockSync } from './lock.js';
import { rfc3339 } from './meta.js';
import { randomUUID } from './random.js';

export const INITIAL_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/**
 * What an opener adds to a home once, beyond the namespaces: objects that must exist from the
 * start and a small marker file recording the choices made (e.g. the service range).
 */
export interface HomeSeed {
  /** A file name in the home; its presence says the seed has run. */
  marker: string;
  /** Runs once per home, under the store lock: objects to create (when absent) and the marker's JSON. */
  plant(home: string): { objects: KObject[]; marker: unknown };
}

export function isBootstrapped(layout: Layout, seed?: HomeSeed): boolean {
  return existsSync(layout.journal) && (!seed || existsSync(join(layout.home, seed.marker)));
}

export function bootstrapSync(layout: Layout, journalMaxBytes: number, seed?: HomeSeed): void {
  if (mkdirSync(layout.home, { recursive: true, mode: 0o700 }) === undefined) {
    // It existed (made by hand or by another tool): it holds secrets, so close it anyway.
    try {
      chmodSync(layout.home, 0o700);
    } catch {
      // not ours to change; leave it
    }
  }
  withFileLockSync(layout.lock, () => {
    if (isBootstrapped(layout, seed)) return;
    const now = rfc3339(new Date());
    const namespaces = INITIAL_NAMESPACES.map(
      (name): KObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }),
    );
    const planted = seed?.plant(layout.home);
    const changes: Change[] = [];
    for (const input of [...namespaces, ...(planted?.objects ?? [])]) {
      const kind = kindFor(input.apiVersion, input.kind) as KindInfo;
      const { name, namespace } = input.metadata;
      if (existsSync(objectPath(layout, kind, namespace, name!))) continue;
      const obj = planCreate(input, kind, { name: name!, uid: randomUUID(), now });
      changes.push({ kind, plan: { op: 'put', type: 'ADDED', obj } });
    }
    commitSync(layout, changes, { journalMaxBytes, dirs: new Set() });
    if (seed)
      writeFileAtomicSync(
        join(layout.home, seed.marker),
        `${JSON.stringify(planted!.marker, null, 2)}\n`,
        0o600,
      );
    // Even with nothing to add, the journal's existence is what marks the home as ready.
    appendFileSync(layout.journal, '', { mode: 0o600 });
  });
}
