// Where everything lives under $MKUBE_HOME. Only the store touches these paths.
import { join } from 'node:path';
import type { KindInfo } from '../api/kinds.js';

export interface Layout {
  home: string;
  objects: string;
  journal: string;
  /** The resourceVersion allocation counter. */
  rv: string;
  /** The write lock (a directory, as proper-lockfile makes it). */
  lock: string;
}

export function layoutOf(home: string): Layout {
  return {
    home,
    objects: join(home, 'objects'),
    journal: join(home, 'journal.jsonl'),
    rv: join(home, 'rv'),
    lock: join(home, 'store.lock'),
  };
}

export const CLUSTER_DIR = '_cluster';

/** `objects/<group-or-core>/<plural>`. */
export function kindDir(layout: Layout, kind: KindInfo): string {
  return join(layout.objects, kind.group || 'core', kind.plural);
}

/** `objects/<group-or-core>/<plural>/<namespace|_cluster>`. */
export function namespaceDir(layout: Layout, kind: KindInfo, namespace: string | undefined): string {
  return join(kindDir(layout, kind), kind.namespaced ? namespace || 'default' : CLUSTER_DIR);
}

export function objectPath(
  layout: Layout,
  kind: KindInfo,
  namespace: string | undefined,
  name: string,
): string {
  return join(namespaceDir(layout, kind, namespace), `${name}.json`);
}

/** A name that cannot escape its directory or collide with our temporary files. */
export function isStorableName(name: string | undefined): name is string {
  return !!name && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\0');
}
