// Server-side printing: a meta.k8s.io Table built by the same table builders `mkube get` uses
// (src/printers/tables), so kubectl's own printer lays out the very cells mkube prints.
import type { KindInfo } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import type { Column } from '../../printers/table.js';
import { buildTable, kindTable } from '../../printers/tables/index.js';
import { type RawJson, typed } from './json.js';

export type IncludeObject = 'None' | 'Object' | 'Metadata';

/** The ObjectMeta field docs the API server gives the Name and Age columns. */
const NAME_DOC =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
const AGE_DOC =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

const definitionsByKind = new Map<string, ColumnDefinition[]>();

/**
 * The columnDefinitions of a kind. Cell types come from the builder's cells for an empty object
 * (a count is a number even when absent), so they never change between a list and its watch:
 * kubectl reprints the header whenever the definitions differ.
 */
export function columnDefinitions(kind: KindInfo): ColumnDefinition[] {
  const known = definitionsByKind.get(kind.kind);
  if (known) return known;
  const table = kindTable(kind);
  let sample: unknown[] = [];
  try {
    sample = table.cells({ apiVersion: '', kind: kind.kind, metadata: {}, spec: {}, status: {} }, 0);
  } catch {
    // A builder that needs more than an empty object: every column a string.
  }
  const defs = table.columns.map((c: Column, i) => ({
    name: c.name,
    type: typeof sample[i] === 'number' ? 'integer' : 'string',
    format: c.isName ? 'name' : '',
    description: c.isName ? NAME_DOC : c.name === 'Age' ? AGE_DOC : '',
    priority: c.priority ?? 0,
  }));
  definitionsByKind.set(kind.kind, defs);
  return defs;
}

/** metav1.PartialObjectMetadata of an object. */
export function partialMetadata(obj: KObject, version = 'v1'): RawJson {
  return typed({
    kind: 'PartialObjectMetadata',
    apiVersion: `meta.k8s.io/${version}`,
    metadata: obj.metadata,
  });
}

export interface TableRequest {
  kind: KindInfo;
  objects: KObject[];
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
  include: IncludeObject;
  version: string;
  /** Watch events after the first leave the definitions out, as the API server does to save bandwidth. */
  noHeaders?: boolean;
  now: number;
}

/** The Table, keys in metav1.Table order. */
export function tableOf(req: TableRequest): Record<string, unknown> {
  const built = buildTable(req.kind, req.objects, req.now);
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${req.version}`,
    metadata: {
      resourceVersion: req.resourceVersion,
      continue: req.continue,
      remainingItemCount: req.remainingItemCount,
    },
    columnDefinitions: req.noHeaders ? null : columnDefinitions(req.kind),
    rows: built.rows.map((row) => ({
      cells: row.cells.map((c) => c ?? null),
      object:
        req.include === 'None'
          ? undefined
          : req.include === 'Object'
            ? typed(row.object)
            : partialMetadata(row.object!, req.version),
    })),
  };
}

export function includeObjectOf(query: URLSearchParams): IncludeObject {
  const v = query.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}
