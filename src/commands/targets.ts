// kubectl's resource builder for verbs that act on existing objects: `TYPE NAME...`,
// `TYPE[,TYPE] NAME`, `TYPE/NAME...`, or types with -l / --field-selector / --all.
import { UserError } from '../api/errors.js';
import { type KindInfo, lookupKind } from '../api/kinds.js';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  unsupportedField,
} from '../api/selectors.js';
import type { StoreReader } from '../state/types.js';

export interface Target {
  info: KindInfo;
  /** undefined for cluster-scoped kinds. */
  namespace: string | undefined;
  name: string;
  /** The file it came from (-f), named in errors. */
  source?: string;
}

export interface TypeArgs {
  /** `TYPE NAME...` or `TYPE` alone: the types and the names. */
  types: KindInfo[];
  names: string[];
  /** `TYPE/NAME` pairs. */
  pairs: Array<{ info: KindInfo; name: string }>;
}

export const NO_RESOURCES =
  "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

function kindOf(word: string): KindInfo {
  const info = lookupKind(word);
  if (!info) throw new UserError(`the server doesn't have a resource type "${word}"`);
  return info;
}

/** Split positional args as ResourceTypeOrNameArgs does. */
export function parseTypeArgs(args: string[]): TypeArgs {
  if (!args.length) return { types: [], names: [], pairs: [] };
  if (args.some((a) => a.includes('/'))) {
    if (!args.every((a) => a.includes('/'))) {
      throw new UserError(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'mkube get resource/<resource_name>' instead of 'mkube get resource resource/<resource_name>'",
      );
    }
    const pairs = args.map((a) => {
      const i = a.indexOf('/');
      const name = a.slice(i + 1);
      if (!name) throw new UserError(`arguments in resource/name form must have a single resource and name`);
      return { info: kindOf(a.slice(0, i)), name };
    });
    return { types: [], names: [], pairs };
  }
  const types = args[0]!.split(',').filter(Boolean).map(kindOf);
  return { types, names: args.slice(1), pairs: [] };
}

export interface SelectOptions {
  namespace: string;
  allNamespaces?: boolean;
  selector?: string;
  fieldSelector?: string;
  all?: boolean;
}

/** Every object of the given types that the selectors (or --all) pick, in list order. */
export function selectTargets(store: StoreReader, types: KindInfo[], o: SelectOptions): Target[] {
  const labels = o.selector ? parseLabelSelector(o.selector) : [];
  const fields = o.fieldSelector ? parseFieldSelector(o.fieldSelector) : [];
  const out: Target[] = [];
  for (const info of types) {
    const bad = unsupportedField(fields, info.kind);
    if (bad) throw new UserError(bad);
    const ns = !info.namespaced || o.allNamespaces ? undefined : o.namespace;
    for (const obj of store.list(info, { namespace: ns })) {
      if (!matchesLabels(labels, obj.metadata.labels) || !matchesFields(fields, obj)) continue;
      out.push({
        info,
        namespace: info.namespaced ? obj.metadata.namespace : undefined,
        name: obj.metadata.name!,
      });
    }
  }
  return out;
}

/** Named targets: each type with each name, or the TYPE/NAME pairs. */
export function namedTargets(args: TypeArgs, namespace: string): Target[] {
  const pairs = args.pairs.length
    ? args.pairs
    : args.types.flatMap((info) => args.names.map((name) => ({ info, name })));
  return pairs.map(({ info, name }) => ({ info, namespace: info.namespaced ? namespace : undefined, name }));
}
