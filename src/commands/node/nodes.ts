// The nodes a node verb names: NODE..., node/NAME, or -l SELECTOR (all nodes with --all).
import { ApiError, UserError } from '../../api/errors.js';
import { NODE } from '../../api/kinds.js';
import { matchesLabels, parseLabelSelector } from '../../api/selectors.js';
import type { KObject } from '../../api/types.js';
import type { StoreReader } from '../../state/types.js';

const NODE_WORDS = new Set(['node', 'nodes', 'no']);

/** Strips a `node/`, `nodes/` or `no/` prefix; refuses other kinds as kubectl does. */
export function nodeNameOf(arg: string): string {
  const slash = arg.indexOf('/');
  if (slash < 0) return arg;
  const kind = arg.slice(0, slash);
  if (!NODE_WORDS.has(kind.toLowerCase()))
    throw new UserError(`error: expected resource of type node, got "${kind}"`);
  return arg.slice(slash + 1);
}

export function resolveNodes(store: StoreReader, names: string[], selector?: string, all = false): KObject[] {
  if (selector !== undefined || all) {
    const parsed = selector ? parseLabelSelector(selector) : undefined;
    return store.list(NODE).filter((n) => !parsed || matchesLabels(parsed, n.metadata.labels));
  }
  return names.map((arg) => {
    const name = nodeNameOf(arg);
    const node = store.get(NODE, undefined, name);
    if (!node) throw ApiError.notFound('nodes', name);
    return node;
  });
}
