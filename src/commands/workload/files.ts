// `-f FILE` for verbs that only need to know which objects a manifest names (scale, rollout,
// set image, label, wait): kind, name and namespace of each document. Parsing is src/api/manifest.
import { UserError } from '../../api/errors.js';

export interface ManifestRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  source: string;
}

/** Every object named by the files (directories: their .yaml/.yml/.json files; Lists flattened). */
export async function readManifestRefs(paths: string[], recursive: boolean): Promise<ManifestRef[]> {
  const { loadManifests } = await import('../../api/manifest.js');
  // Touch process.stdin only for `-f -`: creating it can hold the process open.
  const stdin = paths.includes('-') ? process.stdin : undefined;
  const docs = await loadManifests(paths, { recursive, stdin });
  return docs.map((doc) => {
    const o = (doc.object ?? {}) as any;
    if (!o.kind) throw new UserError(`error validating "${doc.source}": error validating data: kind not set`);
    return {
      apiVersion: String(o.apiVersion ?? ''),
      kind: String(o.kind),
      name: String(o.metadata?.name ?? ''),
      namespace: o.metadata?.namespace,
      source: doc.source,
    };
  });
}
