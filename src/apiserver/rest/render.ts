// The body of a read: the object, its list, or the Table / PartialObjectMetadata the client
// asked for in Accept.
import { apiVersionOf, type KindInfo } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { encodeOrdered, RawJson, typed } from './json.js';
import type { Page } from './list.js';
import type { Rendering } from './negotiate.js';
import { badRequest } from './status.js';
import { includeObjectOf, partialMetadata, tableOf } from './table.js';

/** A list item as the API server encodes it: a typed list's items carry no kind/apiVersion. */
function listItem(obj: KObject): RawJson {
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = obj;
  return new RawJson(typed({ kind: obj.kind, ...rest }).text.replace(/^\{"kind":"[^"]*",?/, '{'));
}

export function renderObject(
  rendering: Rendering,
  kind: KindInfo,
  obj: KObject,
  query: URLSearchParams,
  now = Date.now(),
): string {
  switch (rendering.as) {
    case 'json':
      return typed(obj).text;
    case 'Table':
      return encodeOrdered(
        tableOf({
          kind,
          objects: [obj],
          resourceVersion: obj.metadata.resourceVersion,
          include: includeObjectOf(query),
          version: rendering.version,
          now,
        }),
      );
    case 'PartialObjectMetadata':
      return partialMetadata(obj, rendering.version).text;
    default:
      throw badRequest('a single object cannot be served as PartialObjectMetadataList');
  }
}

export function renderList(
  rendering: Rendering,
  kind: KindInfo,
  page: Page,
  resourceVersion: number,
  query: URLSearchParams,
  now = Date.now(),
): string {
  const metadata = {
    resourceVersion: String(resourceVersion),
    continue: page.continue,
    remainingItemCount: page.remainingItemCount,
  };
  switch (rendering.as) {
    case 'json':
      return encodeOrdered({
        kind: `${kind.kind}List`,
        apiVersion: apiVersionOf(kind),
        metadata,
        items: page.items.map(listItem),
      });
    case 'Table':
      return encodeOrdered(
        tableOf({
          kind,
          objects: page.items,
          resourceVersion: String(resourceVersion),
          continue: page.continue,
          remainingItemCount: page.remainingItemCount,
          include: includeObjectOf(query),
          version: rendering.version,
          now,
        }),
      );
    default:
      return encodeOrdered({
        kind: 'PartialObjectMetadataList',
        apiVersion: `meta.k8s.io/${rendering.version}`,
        metadata,
        items: page.items.map((o) => partialMetadata(o, rendering.version)),
      });
  }
}
