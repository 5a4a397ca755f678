// Lists as the API server serves them: label and field selectors, then limit/continue paging
// over the namespace/name order the store keeps (etcd's key order). The continue token is the
// API server's own shape: base64 of {"v":"meta.k8s.io/v1","rv":N,"start":"<key>\u0000"}.
import type { KindInfo } from '../../api/kinds.js';
import {
  matchesFields,
  matchesLabels,
  type ParsedFieldSelector,
  type ParsedLabelSelector,
  parseFieldSelector,
  parseLabelSelector,
  unsupportedField,
} from '../../api/selectors.js';
import type { KObject } from '../../api/types.js';
import { badRequest, expired } from './status.js';

export interface Selectors {
  labels?: ParsedLabelSelector;
  fields?: ParsedFieldSelector;
}

/** labelSelector and fieldSelector of a query, with the API server's 400s for bad ones. */
export function selectorsOf(query: URLSearchParams, kind: KindInfo): Selectors {
  const out: Selectors = {};
  const labels = query.get('labelSelector');
  const fields = query.get('fieldSelector');
  try {
    if (labels) out.labels = parseLabelSelector(labels);
    if (fields) out.fields = parseFieldSelector(fields);
  } catch (e) {
    throw badRequest((e as Error).message);
  }
  const unsupported = out.fields && unsupportedField(out.fields, kind.kind);
  if (unsupported) throw badRequest(unsupported);
  return out;
}

export function selects(sel: Selectors, obj: KObject): boolean {
  if (sel.labels && !matchesLabels(sel.labels, obj.metadata.labels)) return false;
  return !sel.fields || matchesFields(sel.fields, obj);
}

/** The etcd-like key of an object inside one resource: `namespace/name`. */
export const keyOf = (obj: KObject): string => `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

export function encodeContinue(rv: number, lastKey: string): string {
  const token: ContinueToken = { v: 'meta.k8s.io/v1', rv, start: `${lastKey}\u0000` };
  return Buffer.from(JSON.stringify(token)).toString('base64');
}

function decodeContinue(text: string): ContinueToken {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as ContinueToken;
    if (token.v !== 'meta.k8s.io/v1' || typeof token.start !== 'string' || typeof token.rv !== 'number')
      throw 0;
    return token;
  } catch {
    throw badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
}

export interface Page {
  items: KObject[];
  continue?: string;
  remainingItemCount?: number;
}

/**
 * One page of `objects` (already filtered, in key order). The store keeps no snapshots: a page
 * after the first shows the objects as they are now, after the token's key.
 */
export function paginate(objects: KObject[], query: URLSearchParams, rv: number, filtered: boolean): Page {
  const cont = query.get('continue');
  const limit = Number(query.get('limit') ?? 0);
  let items = objects;
  if (cont) {
    // The token names the key after the last one sent: resume past it in the store's order
    // (namespace, then name, by code point), which a list of every namespace follows.
    const start = decodeContinue(cont).start.replace(/\u0000$/, '');
    const slash = start.indexOf('/');
    const [ns, name] = [start.slice(0, slash), start.slice(slash + 1)];
    items = items.filter((o) => {
      const ons = o.metadata.namespace ?? '';
      return ons > ns || (ons === ns && o.metadata.name! > name);
    });
  }
  if (!(limit > 0) || items.length <= limit) return { items };
  const page = items.slice(0, limit);
  return {
    items: page,
    continue: encodeContinue(rv, keyOf(page[page.length - 1]!)),
    // Only known without selectors, as on the API server.
    remainingItemCount: filtered ? undefined : items.length - limit,
  };
}

/**
 * resourceVersion/resourceVersionMatch of a list: the store serves only its newest state, which
 * satisfies unset, "0" and NotOlderThan; Exact on anything older is gone.
 */
export function checkListVersion(query: URLSearchParams, current: number): void {
  const rv = query.get('resourceVersion');
  const match = query.get('resourceVersionMatch');
  if (match && !['Exact', 'NotOlderThan'].includes(match)) {
    throw badRequest(
      `resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`,
    );
  }
  if (match && !rv) throw badRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
  if (rv && !/^\d+$/.test(rv)) throw badRequest(`Invalid value: "${rv}": invalid resource version`);
  if (match === 'Exact' && Number(rv) !== current) {
    throw expired(`too old resource version: ${rv} (${current})`);
  }
}
