// Which objects a verb acts on, resolved as kubectl's resource builder does (cli-runtime
// `pkg/resource/builder.go`): FilenameParam (-f/-R), LabelSelectorParam (-l),
// FieldSelectorParam (--field-selector), SelectAllParam (delete's --all), AllNamespaces (-A),
// ResourceTypeOrNameArgs, SingleResourceType. `planResources` decides (pure, kubectl's error
// texts and order); `resolveResources` reads the store. A missing object is a NotFound error
// kept for the end (ContinueOnError), so the other objects are still handled; objects come in
// kubectl's order (argument order; a list per type).
import { ApiError, UserError } from '../api/errors.js';
import { type KindInfo, lookupKind, qualifiedResource } from '../api/kinds.js';
import type { ManifestDoc } from '../api/manifest.js';
import {
  matchesFields,
  matchesLabels,
  type ParsedFieldSelector,
  type ParsedLabelSelector,
  parseFieldSelector,
  parseLabelSelector,
  unsupportedField,
} from '../api/selectors.js';
import type { KObject } from '../api/types.js';
import type { StoreReader } from '../state/types.js';
import { namespaceOf } from './flags.js';
import { MISSING_RESOURCES, parseResourceArgs } from './resource-args.js';

export interface ResourceRequest {
  /** ResourceTypeOrNameArgs. */
  args: string[];
  /** NamespaceParam (already defaulted). */
  namespace: string;
  /** -n was given: an object from a file in another namespace is an error (RequireNamespace). */
  enforceNamespace?: boolean;
  allNamespaces?: boolean;
  filenames?: string[];
  recursive?: boolean;
  /** -k: the kustomization directory whose build names the objects (a path, like -f). */
  kustomize?: string;
  /** Where -k's deprecation warnings go (stderr). */
  warn?: (line: string) => void;
  /** Where `-f -` reads from. */
  stdin?: NodeJS.ReadableStream;
  selector?: string;
  fieldSelector?: string;
  /** SelectAllParam (delete --all). */
  selectAll?: boolean;
  /** ResourceTypeOrNameArgs(allowEmptySelector): a bare TYPE selects every object of it. */
  allowEmptySelector?: boolean;
  /** SingleResourceType: more than one type is an error. */
  singleResourceType?: boolean;
  /** RequireObject(false): file objects are taken as written, not read from the store (delete). */
  fromFilesAsWritten?: boolean;
}

/** The flags every resource-taking verb shares. */
export interface ResourceFlags {
  namespace?: string;
  allNamespaces?: boolean;
  selector?: string;
  fieldSelector?: string;
  all?: boolean;
  filename?: string[];
  recursive?: boolean;
  kustomize?: string;
}

/** The request those flags make; `--all` lets a bare TYPE select every object of it. */
export function requestFromFlags(args: string[], f: ResourceFlags): ResourceRequest {
  const { namespace, explicit } = namespaceOf(f);
  return {
    args,
    namespace,
    enforceNamespace: explicit,
    allNamespaces: f.allNamespaces,
    selector: f.selector,
    fieldSelector: f.fieldSelector,
    filenames: f.filename,
    recursive: f.recursive,
    kustomize: f.kustomize,
    allowEmptySelector: !!f.all,
  };
}

/** What the builder visits, decided from the request alone. */
export type Plan =
  | { visit: 'paths'; filenames: string[]; kustomize?: string; selector?: string }
  | { visit: 'selector'; kinds: KindInfo[]; selector: string; fieldSelector: string }
  | { visit: 'tuples'; refs: Array<{ kind: KindInfo; name: string }> }
  | { visit: 'names'; kind: KindInfo; names: string[] };

/** The kind a resource word names, or kubectl's error for an unknown type. */
export function kindOrThrow(word: string): KindInfo {
  const info = lookupKind(word);
  if (!info) throw new UserError(`the server doesn't have a resource type "${word.split('.')[0]}"`);
  return info;
}

const MULTIPLE_TYPES = 'you may only specify a single resource type';

/** Kinds of the type words, duplicates (`po,pods`) dropped, as resourceMappings does. */
function kindsOf(words: string[], single: boolean): KindInfo[] {
  if (words.length > 1 && single) throw new UserError(MULTIPLE_TYPES);
  return [...new Set(words.map(kindOrThrow))];
}

/** Builder.Do up to the visitor: kubectl's checks, in its order. Pure. */
export function planResources(req: ResourceRequest): Plan {
  const filenames = req.filenames?.filter((f) => f !== '') ?? [];
  const kustomize = req.kustomize || undefined;
  if (kustomize && filenames.length) throw new UserError('only one of -f or -k can be specified');
  if (kustomize && req.recursive) throw new UserError("the -k flag can't be used with -f or -R");
  // The builder's own errors come first (argument parsing, then the selector params).
  const parsed = parseResourceArgs(req.args, !!req.allowEmptySelector);
  let selector = req.selector?.trim() || undefined;
  const fieldSelector = req.fieldSelector?.trim() || undefined;
  if (parsed.selectAll && selector === undefined) selector = '';
  if (req.selectAll) {
    if (selector || fieldSelector)
      throw new UserError("setting 'all' parameter but found a non empty selector. ");
    selector = '';
  }
  const tuples = parsed.tuples;
  const { resources, names } = parsed;
  if (filenames.length > 0 || kustomize) {
    if (resources.length > 0) {
      throw new UserError(
        'when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well',
      );
    }
    if (names.length > 0) throw new UserError('name cannot be provided when a path is specified');
    if (tuples.length > 0)
      throw new UserError('resource/name arguments cannot be provided when a path is specified');
    return { visit: 'paths', filenames, kustomize, selector: req.selector?.trim() || undefined };
  }
  if (selector !== undefined || fieldSelector !== undefined) {
    if (names.length > 0) throw new UserError('name cannot be provided when a selector is specified');
    if (tuples.length > 0) {
      throw new UserError('selectors and the all flag cannot be used when passing resource/name arguments');
    }
    if (resources.length === 0)
      throw new UserError('at least one resource must be specified to use a selector');
    return {
      visit: 'selector',
      kinds: kindsOf(resources, !!req.singleResourceType),
      selector: selector ?? '',
      fieldSelector: fieldSelector ?? '',
    };
  }
  if (tuples.length > 0) {
    if (resources.length > 0) {
      throw new UserError('you may not specify individual resources and bulk resources in the same call');
    }
    const refs = tuples.map((t) => ({ kind: kindOrThrow(t.resource), name: t.name }));
    if (req.singleResourceType && new Set(refs.map((r) => r.kind)).size > 1)
      throw new UserError(MULTIPLE_TYPES);
    checkByName(req, refs);
    return { visit: 'tuples', refs };
  }
  if (names.length > 0) {
    if (resources.length > 1) throw new UserError('you must specify only one resource');
    const kind = kindOrThrow(resources[0]!);
    checkByName(req, [{ kind }]);
    return { visit: 'names', kind, names };
  }
  if (resources.length > 0) {
    resources.forEach(kindOrThrow);
    throw new UserError('resource(s) were provided, but no name was specified');
  }
  throw new UserError(MISSING_RESOURCES);
}

function checkByName(req: ResourceRequest, refs: Array<{ kind: KindInfo }>): void {
  if (req.allNamespaces && refs.some((r) => r.kind.namespaced)) {
    throw new UserError('a resource cannot be retrieved by name across all namespaces');
  }
}

/** One visit: a whole list of one type, or one object named (by argument or by file). */
export interface Info {
  kind: KindInfo;
  objects: KObject[];
  isList: boolean;
  /** The list's resourceVersion, where a watch starts. */
  resourceVersion: number;
  /** The file the object came from (-f), named in errors. */
  source?: string;
}

export interface Found {
  kind: KindInfo;
  obj: KObject;
  source?: string;
}

export interface Resolved {
  infos: Info[];
  /** Every object, in order. */
  found: Found[];
  /** NotFound (and per-document) errors, in argument order. */
  errors: Error[];
  /** One object named explicitly (`pod x`, `pod/x`, one file of one object). */
  singleItemImplied: boolean;
  /** Every type requested (even those that found nothing). */
  kinds: KindInfo[];
}

/** Resolve the request and read the objects from the store. */
export async function resolveResources(store: StoreReader, req: ResourceRequest): Promise<Resolved> {
  const plan = planResources(req);
  const rv = store.resourceVersion();
  const infos: Info[] = [];
  const errors: Error[] = [];
  let single = false;
  let kinds: KindInfo[] = [];
  switch (plan.visit) {
    case 'selector': {
      const labels = parseLabelSelector(plan.selector);
      const fields = parseFieldSelector(plan.fieldSelector);
      for (const kind of plan.kinds) {
        const objects = listKind(store, kind, req, labels, fields);
        infos.push({ kind, objects, isList: true, resourceVersion: rv });
      }
      kinds = plan.kinds;
      break;
    }
    case 'tuples':
    case 'names': {
      const refs =
        plan.visit === 'tuples' ? plan.refs : plan.names.map((name) => ({ kind: plan.kind, name }));
      single = refs.length === 1;
      for (const { kind, name } of refs) {
        const obj = store.get(kind, kind.namespaced ? req.namespace : undefined, name);
        if (obj) infos.push({ kind, objects: [obj], isList: false, resourceVersion: rv });
        else errors.push(ApiError.notFound(qualifiedResource(kind), name));
      }
      kinds = refs.map((r) => r.kind);
      break;
    }
    case 'paths': {
      const r = await visitPaths(store, req, plan, rv);
      infos.push(...r.infos);
      errors.push(...r.errors);
      single = r.single;
      kinds = r.infos.map((i) => i.kind);
      break;
    }
  }
  const found = infos.flatMap((i) => i.objects.map((obj) => ({ kind: i.kind, obj, source: i.source })));
  return { infos, found, errors, singleItemImplied: single, kinds };
}

function listKind(
  store: StoreReader,
  kind: KindInfo,
  req: ResourceRequest,
  labels: ParsedLabelSelector,
  fields: ParsedFieldSelector,
): KObject[] {
  const bad = unsupportedField(fields, kind.kind);
  if (bad) throw new ApiError('BadRequest', bad);
  const namespace = kind.namespaced && !req.allNamespaces ? req.namespace : undefined;
  return store
    .list(kind, { namespace })
    .filter((o) => matchesLabels(labels, o.metadata.labels) && matchesFields(fields, o));
}

/** Objects named by files: each document mapped (errors per document), then read (Latest). */
async function visitPaths(
  store: StoreReader,
  req: ResourceRequest,
  plan: Extract<Plan, { visit: 'paths' }>,
  rv: number,
): Promise<{ infos: Info[]; errors: Error[]; single: boolean }> {
  const { filenames, selector } = plan;
  const { loadManifestsContinuing } = await import('../api/manifest.js');
  const { resolveDoc } = await import('../api/admission.js');
  const { kustomizeDocs } = await import('./kustomize-docs.js');
  const stdin = filenames.includes('-') ? (req.stdin ?? process.stdin) : undefined;
  const warn = req.warn ?? ((line: string) => process.stderr.write(line));
  const loaded = plan.kustomize
    ? { docs: await kustomizeDocs(plan.kustomize, warn), errors: [] }
    : await loadManifestsContinuing(filenames, { recursive: req.recursive, stdin });
  const docs: ManifestDoc[] = loaded.docs;
  const labels = selector ? parseLabelSelector(selector) : undefined;
  const infos: Info[] = [];
  const errors: Error[] = [...loaded.errors];
  for (const doc of docs) {
    try {
      const { info: kind, obj: written } = resolveDoc(doc, {
        namespace: req.namespace,
        explicit: !!req.enforceNamespace,
      });
      if (labels && !matchesLabels(labels, written.metadata.labels)) continue;
      const source = doc.source;
      if (req.fromFilesAsWritten) {
        infos.push({ kind, objects: [written], isList: false, resourceVersion: rv, source });
        continue;
      }
      const name = written.metadata.name ?? '';
      const obj = store.get(kind, written.metadata.namespace, name);
      if (obj) infos.push({ kind, objects: [obj], isList: false, resourceVersion: rv, source });
      else errors.push(ApiError.notFound(qualifiedResource(kind), name));
    } catch (err) {
      errors.push(err as Error);
    }
  }
  const oneFile = filenames.length === 1 && !req.recursive && filenames[0] !== '-';
  return { infos, errors, single: oneFile && docs.length === 1 };
}
