// Which objects a verb acts on, resolved as kubectl's resource builder does
// (cli-runtime `pkg/resource/builder.go`): `TYPE NAME...`, `TYPE/NAME...`, `TYPE -l sel`,
// `TYPE --all`, `-f FILE`. Builder mistakes throw at once; a missing object is a NotFound
// error collected for the end (ContinueOnError), so the other objects are still handled.
import { ApiError, UserError } from '../../api/errors.js';
import { type KindInfo, kindFor, lookupKind, qualifiedResource } from '../../api/kinds.js';
import { matchesLabels, parseLabelSelector } from '../../api/selectors.js';
import type { KObject } from '../../api/types.js';
import type { StoreReader } from '../../state/types.js';
import { readManifestRefs } from './files.js';
import { namespaceOf } from './flags.js';

export interface ResourceQuery {
  args: string[];
  namespace: string;
  /** True when -n was given: a file's object in another namespace is then an error. */
  enforceNamespace?: boolean;
  allNamespaces?: boolean;
  selector?: string;
  all?: boolean;
  filenames?: string[];
  recursive?: boolean;
  /** ResourceTypeOrNameArgs(allowEmptySelector): a bare TYPE selects every object of it. */
  typeAloneSelectsAll?: boolean;
}

/** The flags every resource-taking verb shares (kubectl's resource builder options). */
export interface TargetFlags {
  namespace?: string;
  allNamespaces?: boolean;
  selector?: string;
  all?: boolean;
  filename?: string[];
  recursive?: boolean;
}

/** The query those flags make, `--all` also letting a bare TYPE select every object of it. */
export function queryFromFlags(args: string[], o: TargetFlags): ResourceQuery {
  const { namespace, enforce } = namespaceOf(o);
  return {
    args,
    namespace,
    enforceNamespace: enforce,
    allNamespaces: o.allNamespaces,
    selector: o.selector,
    all: o.all,
    filenames: o.filename,
    recursive: o.recursive,
    typeAloneSelectsAll: !!o.all,
  };
}

export interface Found {
  kind: KindInfo;
  obj: KObject;
}

export interface Resolved {
  found: Found[];
  /** NotFound errors for named objects that do not exist, in argument order. */
  errors: Error[];
  /** One object named explicitly (`pod x`, `pod/x`, one file object). */
  singleItemImplied: boolean;
}

const MISSING = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

interface Plan {
  types: string[];
  names: string[];
  tuples: Array<{ type: string; name: string }>;
  selector?: string;
}

/** Split args as ResourceTypeOrNameArgs does; pure. */
export function planArgs(args: string[], typeAloneSelectsAll: boolean, selector?: string): Plan {
  const plan: Plan = { types: [], names: [], tuples: [], selector: selector?.trim() || undefined };
  args = normalizeMultipleResourcesArgs(args);
  const slashed = args.filter((a) => a.includes('/')).length;
  if (slashed > 0 && slashed !== args.length) {
    throw new UserError(
      "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'mkube get resource/<resource_name>' instead of 'mkube get resource resource/<resource_name>'",
    );
  }
  if (slashed > 0) {
    for (const a of args) {
      const seg = a.split('/');
      if (seg.length !== 2)
        throw new UserError('arguments in resource/name form may not have more than one slash');
      const [type, name] = seg as [string, string];
      if (!type || !name || type.split(',').filter(Boolean).length !== 1) {
        throw new UserError('arguments in resource/name form must have a single resource and name');
      }
      plan.tuples.push({ type, name });
    }
    return plan;
  }
  if (args.length >= 2) {
    plan.types = splitTypes(args[0]!);
    plan.names = args.slice(1);
  } else if (args.length === 1) {
    plan.types = splitTypes(args[0]!);
    if (plan.selector === undefined && typeAloneSelectsAll) plan.selector = '';
  }
  return plan;
}

function splitTypes(arg: string): string[] {
  return arg.split(',').filter(Boolean);
}

// `a,b x y` means a/x a/y b/x b/y.
function normalizeMultipleResourcesArgs(args: string[]): string[] {
  if (args.length < 2) return args;
  const types = splitTypes(args[0]!);
  if (types.length <= 1) return args;
  return types.flatMap((t) => args.slice(1).map((n) => `${t}/${n}`));
}

/** The kind a user word names, or kubectl's error for an unknown type. */
export function kindOrThrow(word: string): KindInfo {
  const info = lookupKind(word);
  if (!info) throw new UserError(`the server doesn't have a resource type "${word.split('.')[0]}"`);
  return info;
}

/** Resolve and fetch the objects a command names. */
export async function resolveResources(store: StoreReader, q: ResourceQuery): Promise<Resolved> {
  const files = q.filenames?.filter(Boolean) ?? [];
  if (files.length > 0) {
    if (q.args.length > 0) {
      throw new UserError(
        'when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well',
      );
    }
    return resolveFiles(store, q, files);
  }
  if (q.all && q.selector?.trim()) {
    throw new UserError(
      `found non-empty label selector "${q.selector}" with previously set 'all' parameter. `,
    );
  }
  const plan = planArgs(q.args, q.typeAloneSelectsAll || !!q.all, q.selector);
  if (q.all && plan.selector === undefined && plan.types.length > 0) plan.selector = '';
  if (plan.selector !== undefined) return bySelector(store, q, plan);
  if (plan.tuples.length > 0) {
    const refs = plan.tuples.map((t) => ({ kind: kindOrThrow(t.type), name: t.name }));
    return byName(store, q, refs, plan.tuples.length === 1);
  }
  if (plan.names.length > 0) {
    if (plan.types.length > 1) throw new UserError('you must specify only one resource');
    const kind = kindOrThrow(plan.types[0]!);
    return byName(
      store,
      q,
      plan.names.map((name) => ({ kind, name })),
      plan.names.length === 1,
    );
  }
  if (plan.types.length > 0) {
    plan.types.forEach(kindOrThrow);
    throw new UserError('resource(s) were provided, but no name was specified');
  }
  throw new UserError(MISSING);
}

function bySelector(store: StoreReader, q: ResourceQuery, plan: Plan): Resolved {
  if (plan.names.length > 0) throw new UserError('name cannot be provided when a selector is specified');
  if (plan.tuples.length > 0) {
    throw new UserError('selectors and the all flag cannot be used when passing resource/name arguments');
  }
  if (plan.types.length === 0)
    throw new UserError('at least one resource must be specified to use a selector');
  const kinds = plan.types.map(kindOrThrow);
  const selector = parseLabelSelector(plan.selector ?? '');
  const found: Found[] = [];
  for (const kind of kinds) {
    const namespace = kind.namespaced && !q.allNamespaces ? q.namespace : undefined;
    for (const obj of store.list(kind, { namespace })) {
      if (matchesLabels(selector, obj.metadata.labels)) found.push({ kind, obj });
    }
  }
  return { found, errors: [], singleItemImplied: false };
}

function byName(
  store: StoreReader,
  q: ResourceQuery,
  refs: Array<{ kind: KindInfo; name: string; namespace?: string }>,
  single: boolean,
): Resolved {
  if (q.allNamespaces && refs.some((r) => r.kind.namespaced)) {
    throw new UserError('a resource cannot be retrieved by name across all namespaces');
  }
  const found: Found[] = [];
  const errors: Error[] = [];
  for (const ref of refs) {
    const namespace = ref.kind.namespaced ? (ref.namespace ?? q.namespace) : undefined;
    const obj = store.get(ref.kind, namespace, ref.name);
    if (obj) found.push({ kind: ref.kind, obj });
    else errors.push(ApiError.notFound(qualifiedResource(ref.kind), ref.name));
  }
  return { found, errors, singleItemImplied: single };
}

async function resolveFiles(store: StoreReader, q: ResourceQuery, files: string[]): Promise<Resolved> {
  const docs = await readManifestRefs(files, q.recursive ?? false);
  const refs: Array<{ kind: KindInfo; name: string; namespace?: string }> = [];
  for (const doc of docs) {
    const kind = kindFor(doc.apiVersion, doc.kind);
    if (!kind) {
      throw new UserError(
        `resource mapping not found for name: "${doc.name}" namespace: "${doc.namespace ?? ''}" from "${doc.source}": no matches for kind "${doc.kind}" in version "${doc.apiVersion}"`,
      );
    }
    if (kind.namespaced && doc.namespace && q.enforceNamespace && doc.namespace !== q.namespace) {
      throw new UserError(
        `the namespace from the provided object "${doc.namespace}" does not match the namespace "${q.namespace}". You must pass '--namespace=${doc.namespace}' to perform this operation.`,
      );
    }
    refs.push({ kind, name: doc.name, namespace: doc.namespace });
  }
  return byName(store, { ...q, allNamespaces: false }, refs, refs.length === 1);
}
