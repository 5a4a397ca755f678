// A set of field paths, as structured-merge-diff keeps them for each field manager, in the
// FieldsV1 form the API server stores in metadata.managedFields: a tree whose keys are path
// elements (`f:name` a field, `k:{"name":"c"}` an item of an associative list, `v:"x"` an item
// of a set, `i:0` an item of an atomic-less list) and whose `.` marks a path that is itself a
// member when it also has children. Pure.

export interface FieldSet {
  /** The path leading here is itself in the set. */
  member: boolean;
  children: Map<string, FieldSet>;
}

export type FieldPath = readonly string[];

export const emptySet = (): FieldSet => ({ member: false, children: new Map() });

export function insert(set: FieldSet, path: FieldPath): void {
  let node = set;
  for (const pe of path) {
    let child = node.children.get(pe);
    if (!child) {
      child = emptySet();
      node.children.set(pe, child);
    }
    node = child;
  }
  node.member = true;
}

export function isEmpty(set: FieldSet): boolean {
  if (set.member) return false;
  for (const c of set.children.values()) if (!isEmpty(c)) return false;
  return true;
}

/** The node at `path` (not necessarily a member), or undefined. */
export function child(set: FieldSet, path: FieldPath): FieldSet | undefined {
  let node: FieldSet | undefined = set;
  for (const pe of path) node = node?.children.get(pe);
  return node;
}

export function has(set: FieldSet, path: FieldPath): boolean {
  return child(set, path)?.member ?? false;
}

function combine(a: FieldSet, b: FieldSet, op: (x: boolean, y: boolean) => boolean): FieldSet {
  const out: FieldSet = { member: op(a.member, b.member), children: new Map() };
  const none = emptySet();
  for (const key of new Set([...a.children.keys(), ...b.children.keys()])) {
    const c = combine(a.children.get(key) ?? none, b.children.get(key) ?? none, op);
    if (!isEmpty(c)) out.children.set(key, c);
  }
  return out;
}

export const union = (a: FieldSet, b: FieldSet) => combine(a, b, (x, y) => x || y);
export const intersection = (a: FieldSet, b: FieldSet) => combine(a, b, (x, y) => x && y);
export const difference = (a: FieldSet, b: FieldSet) => combine(a, b, (x, y) => x && !y);

/** Every member path, children in sorted order (structured-merge-diff iterates sorted sets). */
export function members(set: FieldSet, prefix: string[] = []): string[][] {
  const out: string[][] = set.member && prefix.length ? [prefix] : [];
  for (const key of [...set.children.keys()].sort(comparePathElements)) {
    out.push(...members(set.children.get(key)!, [...prefix, key]));
  }
  return out;
}

/** Fields before keys before values before indexes, each kind in order of its text. */
function comparePathElements(a: string, b: string): number {
  const rank = (s: string) => 'fkvi'.indexOf(s[0]!);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a[0] === 'i' && b[0] === 'i') return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- FieldsV1 ---------------------------------------------------------------------------------

export type FieldsV1 = { [key: string]: FieldsV1 };

export function toFieldsV1(set: FieldSet): FieldsV1 {
  const out: FieldsV1 = {};
  if (set.member && set.children.size) out['.'] = {};
  for (const key of [...set.children.keys()].sort()) out[key] = toFieldsV1(set.children.get(key)!);
  return out;
}

export function fromFieldsV1(v: FieldsV1 | undefined): FieldSet {
  const root = emptySet();
  const walk = (node: FieldSet, obj: FieldsV1) => {
    for (const [key, sub] of Object.entries(obj ?? {})) {
      if (key === '.') {
        node.member = true;
        continue;
      }
      const c = emptySet();
      const children = Object.keys(sub ?? {});
      // A leaf ({}) is a member; a node with children is one only when it says so with `.`.
      if (!children.length) c.member = true;
      walk(c, sub);
      node.children.set(key, c);
    }
  };
  walk(root, v ?? {});
  return root;
}

// ---- path text ----------------------------------------------------------------------------------

/** The Go text of a value in a key or set element (value.ToString: JSON). */
function elementText(pe: string): string {
  const body = pe.slice(2);
  if (pe.startsWith('f:')) return `.${body}`;
  if (pe.startsWith('i:')) return `[${body}]`;
  if (pe.startsWith('v:')) return `[=${body}]`;
  const key = JSON.parse(body) as Record<string, unknown>;
  return `[${Object.entries(key)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',')}]`;
}

/** fieldpath.Path's String(): `.spec.template.spec.containers[name="app"].image`. */
export function pathText(path: FieldPath): string {
  return path.map(elementText).join('');
}
