// What `get` fetches, resolved as kubectl's resource builder does (ResourceTypeOrNameArgs):
// `TYPE[,TYPE...] [NAME...]`, `TYPE/NAME...`, `all`; then the objects from the store, in
// argument order, with NotFound errors kept for the end (ContinueOnError).
import { ApiError, UserError } from '../../api/errors.js';
import { ALL_CATEGORY, type KindInfo, lookupKind, qualifiedResource } from '../../api/kinds.js';
import type { ObjectSource } from '../../api/reader.js';
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

/** One result of the builder: a whole list of one type, or one named object. */
export interface Info {
  kind: KindInfo;
  objects: KObject[];
  isList: boolean;
  /** The list's resourceVersion, where a watch starts. */
  resourceVersion: number;
}

export interface GetRequest {
  args: string[];
  namespace: string;
  allNamespaces: boolean;
  selector?: string;
  fieldSelector?: string;
}

export interface Resolved {
  infos: Info[];
  errors: Error[];
  /** One type and one name: printed as the object itself, errors returned at once. */
  singleItemImplied: boolean;
  /** Every type requested (even those that found nothing). */
  kinds: KindInfo[];
}

function kindOf(word: string): KindInfo {
  const info = lookupKind(word);
  if (!info) throw new UserError(`the server doesn't have a resource type "${word.split('.')[0]}"`);
  return info;
}

function typesOf(arg: string): KindInfo[] {
  const words = arg.split(',').filter(Boolean);
  return words.flatMap((w) =>
    w.toLowerCase() === 'all' ? ALL_CATEGORY.map((p) => lookupKind(p)!) : [kindOf(w)],
  );
}

interface Plan {
  lists: KindInfo[];
  refs: Array<{ kind: KindInfo; name: string }>;
}

/** Splits the arguments; pure. */
export function planGet(args: string[]): Plan {
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length > 0) {
    if (!args[0]!.includes('/')) {
      throw new UserError(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'mkube get resource/<resource_name>' instead of 'mkube get resource resource/<resource_name>'",
      );
    }
    return {
      lists: [],
      refs: args.map((a) => {
        const parts = a.split('/');
        if (parts.length > 2)
          throw new UserError('arguments in resource/name form may not have more than one slash');
        const [type, name] = parts as [string, string | undefined];
        if (!type || !name || type.includes(',')) {
          throw new UserError('arguments in resource/name form must have a single resource and name');
        }
        return { kind: kindOf(type), name };
      }),
    };
  }
  const kinds = typesOf(args[0] ?? '');
  if (args.length === 1) return { lists: kinds, refs: [] };
  return { lists: [], refs: kinds.flatMap((kind) => args.slice(1).map((name) => ({ kind, name }))) };
}

interface Selectors {
  labels?: ParsedLabelSelector;
  fields?: ParsedFieldSelector;
}

function listKind(store: ObjectSource, kind: KindInfo, req: GetRequest, sel: Selectors): KObject[] {
  if (sel.fields) {
    const bad = unsupportedField(sel.fields, kind.kind);
    if (bad) throw new ApiError('BadRequest', bad);
  }
  const namespace = kind.namespaced && !req.allNamespaces ? req.namespace : undefined;
  return store
    .list(kind, { namespace })
    .filter((o) => !sel.labels || matchesLabels(sel.labels, o.metadata.labels))
    .filter((o) => !sel.fields || matchesFields(sel.fields, o));
}

/** Resolves the request and reads the objects from the store. */
export function resolveGet(store: ObjectSource, req: GetRequest): Resolved {
  const plan = planGet(req.args);
  const sel: Selectors = {
    labels: req.selector ? parseLabelSelector(req.selector) : undefined,
    fields: req.fieldSelector ? parseFieldSelector(req.fieldSelector) : undefined,
  };
  const rv = store.resourceVersion();
  if (plan.refs.length > 0) {
    if (req.selector) throw new UserError('name cannot be provided when a selector is specified');
    if (req.allNamespaces && plan.refs.some((r) => r.kind.namespaced)) {
      throw new UserError('a resource cannot be retrieved by name across all namespaces');
    }
  }
  const infos: Info[] = plan.lists.map((kind) => ({
    kind,
    objects: listKind(store, kind, req, sel),
    isList: true,
    resourceVersion: rv,
  }));
  const errors: Error[] = [];
  for (const { kind, name } of plan.refs) {
    const obj = store.get(kind, kind.namespaced ? req.namespace : undefined, name);
    if (obj && (!sel.fields || matchesFields(sel.fields, obj))) {
      infos.push({ kind, objects: [obj], isList: false, resourceVersion: rv });
    } else errors.push(ApiError.notFound(qualifiedResource(kind), name));
  }
  const kinds = [...plan.lists, ...plan.refs.map((r) => r.kind)];
  return { infos, errors, singleItemImplied: plan.refs.length === 1 && plan.lists.length === 0, kinds };
}
