// kustomize's `replacements` (filters/replacement): a value read from one resource (a field
// path, by default metadata.name, optionally one part of it split on a delimiter) copied into
// fields of the resources a target selects (regular expressions on group, version, kind, name,
// namespace; label and annotation selectors; rejects). A scalar target keeps its own type, as
// kyaml replaces only the value of the node. Fields inside embedded YAML/JSON strings are not
// reached (kustomize's structured-data paths).
import { UserError } from '../api/errors.js';
import { matchesLabels, parseLabelSelector } from '../api/selectors.js';
import type { KustomizeFiles } from './files.js';
import {
  gvkOf,
  isObject,
  type JsonObject,
  nameOf,
  namespaceOf,
  type Resource,
  resIdString,
} from './resource.js';
import { parseYamlStream } from './yaml.js';

interface Options {
  delimiter?: string;
  index?: number;
  create?: boolean;
}

interface Id {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
}

/** kustomize's SmarterPathSplitter: `.` separates fields, except inside `[...]`. */
export function splitFieldPath(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const c of path) {
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (c === '.' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Every id a resource had: its current one and the names before prefixes, suffixes and hashes. */
function idsOf(res: Resource): Id[] {
  const { group, version, kind } = gvkOf(res.obj);
  const ids = [{ group, version, kind, name: nameOf(res.obj), namespace: namespaceOf(res.obj) }];
  for (const [i, name] of res.prevNames.entries())
    ids.push({ group, version, kind, name, namespace: res.prevNamespaces[i] ?? '' });
  return ids;
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const nsEqual = (a: string, b: string) => (a || 'default') === (b || 'default');

/** ResId.IsSelectedBy: every field the selector sets is equal. */
function sourceSelects(sel: JsonObject, id: Id): boolean {
  return (
    (!sel.group || sel.group === id.group) &&
    (!sel.version || sel.version === id.version) &&
    (!sel.kind || sel.kind === id.kind) &&
    (!sel.name || sel.name === id.name) &&
    (!sel.namespace || nsEqual(str(sel.namespace), id.namespace))
  );
}

const anchored = (s: unknown) => new RegExp(`^(?:${str(s)})$`);
/** SelectorRegex: the id fields a selector sets, as anchored regular expressions. */
function regexSelects(sel: JsonObject, id: Id): boolean {
  return (['group', 'version', 'kind', 'name', 'namespace'] as const).every(
    (f) => !sel[f] || anchored(sel[f]).test(id[f]),
  );
}
const hasResId = (sel: JsonObject) => ['group', 'version', 'kind', 'name', 'namespace'].some((f) => !!sel[f]);

const stringMap = (v: unknown): Record<string, string> =>
  isObject(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, str(x)])) : {};

function labelsAndAnnotationsMatch(sel: JsonObject, res: Resource): boolean {
  const meta = isObject(res.obj.metadata) ? res.obj.metadata : {};
  if (sel.labelSelector && !matchesLabels(parseLabelSelector(str(sel.labelSelector)), stringMap(meta.labels)))
    return false;
  if (
    sel.annotationSelector &&
    !matchesLabels(parseLabelSelector(str(sel.annotationSelector)), stringMap(meta.annotations))
  )
    return false;
  return true;
}

/** The one value a path names (kyaml Lookup), or undefined. */
function lookup(node: unknown, segments: string[]): unknown {
  let cur = node;
  for (const seg of segments) {
    if (Array.isArray(cur)) {
      const m = seg.match(/^\[(.*?)=(.*)\]$/);
      if (m) cur = cur.find((item) => isObject(item) && str(item[m[1]!]) === m[2]);
      else if (/^\d+$/.test(seg)) cur = cur[Number(seg)];
      else return undefined;
    } else if (isObject(cur)) cur = cur[seg];
    else return undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

type Slot = { parent: JsonObject | unknown[]; key: string | number };

/** Every place a path reaches (kyaml PathMatcher), creating what is missing when asked. */
function slots(node: unknown, segments: string[], create: boolean): Slot[] {
  const [seg, ...rest] = segments as [string, ...string[]];
  const next = (parent: JsonObject | unknown[], key: string | number): Slot[] => {
    if (rest.length === 0) return [{ parent, key }];
    let child = (parent as Record<string | number, unknown>)[key];
    if ((child === undefined || child === null) && create) {
      child = rest[0]!.startsWith('[') ? [] : {};
      (parent as Record<string | number, unknown>)[key] = child;
    }
    return child === undefined || child === null ? [] : slots(child, rest, create);
  };
  if (Array.isArray(node)) {
    const m = seg.match(/^\[(.*?)=(.*)\]$/);
    if (m) {
      const found = node.flatMap((item, i) => (isObject(item) && str(item[m[1]!]) === m[2] ? [i] : []));
      if (found.length === 0 && create) {
        node.push({ [m[1]!]: m[2] });
        found.push(node.length - 1);
      }
      return found.flatMap((i) => next(node, i));
    }
    if (seg === '*') return node.flatMap((_, i) => next(node, i));
    if (/^\d+$/.test(seg) && Number(seg) < node.length) return next(node, Number(seg));
    return [];
  }
  if (!isObject(node)) return [];
  if (seg === '*') return Object.keys(node).flatMap((k) => next(node, k));
  if (!(seg in node) && !create) return [];
  return next(node, seg);
}

function refine(value: unknown, options: Options | undefined): unknown {
  if (!options?.delimiter) return value;
  if (isObject(value) || Array.isArray(value))
    throw new UserError('delimiter option can only be used with scalar nodes');
  const parts = str(value).split(options.delimiter);
  const index = options.index ?? 0;
  if (index >= parts.length || index < 0)
    throw new UserError(`options.index ${index} is out of bounds for value ${str(value)}`);
  return parts[index];
}

/** The value a target field takes: a scalar keeps its own type (kyaml sets only the node's value). */
function newValue(current: unknown, value: unknown, options: Options | undefined): unknown {
  let v = value;
  if (options?.delimiter) {
    if (isObject(current) || Array.isArray(current))
      throw new UserError('delimiter option can only be used with scalar nodes');
    const parts = str(current).split(options.delimiter);
    const index = options.index ?? 0;
    if (index < 0) parts.unshift(str(v));
    else if (index >= parts.length) parts.push(str(v));
    else parts[index] = str(v);
    v = parts.join(options.delimiter);
  }
  if (isObject(v) || Array.isArray(v)) return structuredClone(v);
  if (typeof current === 'number' && str(v) !== '' && !Number.isNaN(Number(v))) return Number(v);
  if (typeof current === 'boolean' && (str(v) === 'true' || str(v) === 'false')) return str(v) === 'true';
  if (typeof current === 'string') return str(v);
  return v;
}

function replacementsOf(files: KustomizeFiles, entries: unknown[]): JsonObject[] {
  return entries.filter(isObject).flatMap((e) => {
    if (e.path === undefined) return [e];
    const docs = parseYamlStream(files.read(str(e.path)).toString('utf8'), str(e.path));
    return docs.flatMap((d) => (Array.isArray(d) ? d : [d])).filter(isObject);
  });
}

export function applyReplacements(files: KustomizeFiles, resources: Resource[], entries: unknown[]): void {
  for (const r of replacementsOf(files, entries)) {
    const source = isObject(r.source) ? r.source : undefined;
    if ((!source && r.sourceValue === undefined) || !Array.isArray(r.targets)) {
      throw new UserError('replacements must specify a source and at least one target');
    }
    let value: unknown;
    if (source) {
      const matches = resources.filter((res) => idsOf(res).some((id) => sourceSelects(source, id)));
      if (matches.length === 0) throw new UserError(`nothing selected by ${resIdString(source)}`);
      if (matches.length > 1) throw new UserError(`multiple matches for selector ${JSON.stringify(source)}`);
      const fieldPath = str(source.fieldPath) || 'metadata.name';
      const found = lookup(matches[0]!.obj, splitFieldPath(fieldPath));
      if (found === undefined || found === null || found === '')
        throw new UserError(
          `fieldPath \`${fieldPath}\` is missing for replacement source ${resIdString(source)}`,
        );
      value = refine(found, source.options as Options | undefined);
    } else value = str(r.sourceValue);
    for (const target of r.targets.filter(isObject)) copyToTargets(resources, value, target);
  }
}

function copyToTargets(resources: Resource[], value: unknown, target: JsonObject): void {
  const select = isObject(target.select) ? target.select : undefined;
  if (!select) throw new UserError('target must specify resources to select');
  const rejects = (Array.isArray(target.reject) ? target.reject : []).filter(isObject);
  const paths = Array.isArray(target.fieldPaths) ? target.fieldPaths.map(str) : ['metadata.name'];
  const options = (isObject(target.options) ? target.options : undefined) as Options | undefined;
  for (const res of resources) {
    if (!labelsAndAnnotationsMatch(select, res)) continue;
    const ids = idsOf(res);
    const rejected = rejects.some(
      (rej) =>
        ((rej.labelSelector || rej.annotationSelector) && labelsAndAnnotationsMatch(rej, res)) ||
        (hasResId(rej) && ids.some((id) => regexSelects(rej, id))),
    );
    if (rejected || !ids.some((id) => regexSelects(select, id))) continue;
    for (const path of paths) {
      const found = slots(res.obj, splitFieldPath(path), !!options?.create);
      if (found.length === 0) {
        throw new UserError(
          options?.create
            ? `unable to find or create field "${path}" in replacement target`
            : `unable to find field "${path}" in replacement target`,
        );
      }
      for (const { parent, key } of found) {
        const p = parent as Record<string | number, unknown>;
        p[key] = newValue(p[key], value, options);
      }
    }
  }
}
