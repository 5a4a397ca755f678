// `api-resources` output (kubectl apiresources.go): the kinds registry as a table sorted by
// group (stable, then by name), or one `plural[.group]` per line with -o name.
import { ALL_CATEGORY, type KindInfo, lookupKind } from '../api/kinds.js';
import { TabWriter } from './tabwriter.js';

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const VERBS: Record<string, string[]> = {
  bindings: ['create'],
  componentstatuses: ['get', 'list'],
  namespaces: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
};
// The kinds themselves, not their plurals: the metrics API's `pods` is not in `all`.
const IN_ALL = new Set(ALL_CATEGORY.map((word) => lookupKind(word)));

export interface ApiResourcesOptions {
  output?: '' | 'wide' | 'name';
  noHeaders?: boolean;
  /** Only this group ('' = core) when set. */
  apiGroup?: string;
  /** Only namespaced (true) or cluster-scoped (false) kinds when set. */
  namespaced?: boolean;
  sortBy?: '' | 'name' | 'kind';
  verbs?: string[];
}

/** The verbs a resource supports, as discovery lists them. */
export const verbsOf = (k: KindInfo): string[] => k.verbs ?? VERBS[k.plural] ?? ALL_VERBS;

/** The categories a resource belongs to (`all` for what `get all` lists), as discovery lists them. */
export const categoriesOf = (k: KindInfo): string[] => (IN_ALL.has(k) ? ['all'] : []);

function compare(a: KindInfo, b: KindInfo, sortBy: string): number {
  const key = (k: KindInfo) => (sortBy === 'name' ? k.plural : sortBy === 'kind' ? k.kind : k.group);
  const c = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  return c !== 0 ? c : a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0;
}

/** The api-resources text for `kinds`. */
export function formatApiResources(kinds: readonly KindInfo[], opts: ApiResourcesOptions = {}): string {
  const selected = kinds
    .filter((k) => opts.apiGroup === undefined || k.group === opts.apiGroup)
    .filter((k) => opts.namespaced === undefined || k.namespaced === opts.namespaced)
    .filter((k) => (opts.verbs ?? []).every((v) => verbsOf(k).includes(v)))
    .sort((a, b) => compare(a, b, opts.sortBy ?? ''));
  let out = '';
  const w = TabWriter.forTables((s) => {
    out += s;
  });
  if (!opts.noHeaders && opts.output !== 'name') {
    const headers = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'];
    if (opts.output === 'wide') headers.push('VERBS', 'CATEGORIES');
    w.write(`${headers.join('\t')}\n`);
  }
  for (const k of selected) {
    const gv = k.group ? `${k.group}/${k.version}` : k.version;
    if (opts.output === 'name') w.write(`${k.group ? `${k.plural}.${k.group}` : k.plural}\n`);
    else {
      const cells = [k.plural, k.shortNames.join(','), gv, String(k.namespaced), k.kind];
      if (opts.output === 'wide') cells.push(verbsOf(k).join(','), categoriesOf(k).join(','));
      w.write(`${cells.join('\t')}\n`);
    }
  }
  w.flush();
  return out;
}
