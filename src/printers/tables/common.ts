// Shared pieces of the per-kind tables: the NAME and AGE columns, container cells, selectors.
import type { KObject } from '../../api/types.js';
import type { CellValue, Column } from '../table.js';

/** One kind's table as the API server defines it: columns and the cells of one object. */
export interface KindTable {
  columns: Column[];
  cells(obj: KObject, now: number): CellValue[];
}

export const NAME: Column = { name: 'Name', isName: true };
export const AGE: Column = { name: 'Age' };
export const wide = (name: string): Column => ({ name, priority: 1 });

/** `layoutContainerCells`: container names and images, each joined with `,`. */
export function containerCells(containers: any[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

const sortedValues = (values: string[] | undefined) => [...(values ?? [])].sort().join(',');

function requirementString(req: any): string {
  switch (req.operator) {
    case 'In':
      return `${req.key} in (${sortedValues(req.values)})`;
    case 'NotIn':
      return `${req.key} notin (${sortedValues(req.values)})`;
    case 'Exists':
      return req.key;
    case 'DoesNotExist':
      return `!${req.key}`;
    default:
      return `${req.key} ${String(req.operator).toLowerCase()} (${sortedValues(req.values)})`;
  }
}

/** `metav1.LabelSelectorAsSelector(sel).String()`: requirements sorted by key; '' for nil or empty. */
export function labelSelectorString(sel: any): string {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries<string>(sel.matchLabels ?? {})) {
    reqs.push({ key, text: `${key}=${value}` });
  }
  for (const req of sel.matchExpressions ?? []) reqs.push({ key: req.key, text: requirementString(req) });
  // Go's sort.Sort over requirements by key; stable enough for distinct keys.
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}

/** `metav1.FormatLabelSelector`: as above, `<none>` when it selects everything or nothing. */
export function formatLabelSelector(sel: any): string {
  return labelSelectorString(sel) || '<none>';
}

/** The one controller ownerReference, if any. */
export function controllerOf(obj: KObject): any | undefined {
  return (obj.metadata.ownerReferences ?? []).find((r: any) => r.controller === true);
}

/** `GetAccessModesAsString`: RWO, ROX, RWX, RWOP in that order, joined with `,`. */
export function accessModesString(modes: string[] | undefined): string {
  const have = new Set(modes ?? []);
  const out: string[] = [];
  if (have.has('ReadWriteOnce')) out.push('RWO');
  if (have.has('ReadOnlyMany')) out.push('ROX');
  if (have.has('ReadWriteMany')) out.push('RWX');
  if (have.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

export const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
