// The default StorageClass for homes made before mkube had storage: new homes get it with the
// bootstrap Services (registry/service-network.ts), older ones at their agent's next start —
// once, so a class the user deleted stays deleted.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lookupKind } from '../api/kinds.js';
import { DEFAULT_STORAGE_CLASS } from '../api/storage.js';
import { defaultStorageClass } from '../registry/default-storage-class.js';
import type { Registry } from '../registry/registry.js';
import { writeFileAtomicSync } from '../state/fsio.js';

/** Written once the home has had its default class. */
export const STORAGE_MARKER = 'storage.json';

export async function ensureDefaultStorageClass(registry: Registry): Promise<void> {
  const marker = join(registry.home, STORAGE_MARKER);
  if (existsSync(marker)) return;
  if (registry.list(lookupKind('storageclasses')!).length === 0) {
    await registry.create(defaultStorageClass()).catch((e) => {
      if ((e as { reason?: string }).reason !== 'AlreadyExists') throw e;
    });
  }
  writeFileAtomicSync(marker, `${JSON.stringify({ defaultStorageClass: DEFAULT_STORAGE_CLASS })}\n`, 0o600);
}
