// kubectl's resource builder, the argument half (cli-runtime `pkg/resource/builder.go`): how
// `TYPE`, `TYPE NAME...`, `TYPE1,TYPE2 NAME`, `TYPE/NAME...` and the `all` category become
// resource types, names and TYPE/NAME tuples, with kubectl's exact error texts. Pure.
import { UserError } from '../api/errors.js';
import { ALL_CATEGORY } from '../api/kinds.js';

export interface Tuple {
  resource: string;
  name: string;
}

/** What ResourceTypeOrNameArgs leaves in the builder. */
export interface ParsedArgs {
  /** Resource types (`pods`, `deploy`), the `all` category already expanded. */
  resources: string[];
  /** Names that go with the single type of `TYPE NAME...`. */
  names: string[];
  /** `TYPE/NAME` pairs (also what `a,b NAME` becomes). */
  tuples: Tuple[];
  /** A bare `TYPE` with allowEmptySelector: select every object of it. */
  selectAll: boolean;
}

export const MISSING_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export const COMBINED_TYPE_ARGS =
  "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'mkube get resource/<resource_name>' instead of 'mkube get resource resource/<resource_name>'";

/** SplitResourceArgument: comma-split, duplicates dropped, order kept (empty words stay). */
export function splitResourceArgument(arg: string): string[] {
  return [...new Set(arg.split(','))];
}

/** splitResourceTypeName: a tuple for `TYPE/NAME`, undefined without a slash. */
export function splitResourceTypeName(s: string): Tuple | undefined {
  if (!s.includes('/')) return undefined;
  const seg = s.split('/');
  if (seg.length !== 2)
    throw new UserError('arguments in resource/name form may not have more than one slash');
  const [resource, name] = seg as [string, string];
  if (!resource || !name || splitResourceArgument(resource).length !== 1) {
    throw new UserError('arguments in resource/name form must have a single resource and name');
  }
  return { resource, name };
}

/** ReplaceAliases: the `all` category becomes its resource types. */
function replaceAliases(arg: string): string {
  return arg
    .split(',')
    .map((word) => (word === 'all' ? ALL_CATEGORY.join(',') : word))
    .join(',');
}

// `a,b x y` is a/x a/y b/x b/y.
function normalizeMultipleResourcesArgs(args: string[]): string[] {
  if (args.length < 2) return args;
  const resources = splitResourceArgument(args[0]!);
  if (resources.length <= 1) return args;
  return resources.flatMap((r) => args.slice(1).map((n) => `${r}/${n}`));
}

/** ResourceTypeOrNameArgs(allowEmptySelector, args...). */
export function parseResourceArgs(args: string[], allowEmptySelector: boolean): ParsedArgs {
  const parsed: ParsedArgs = { resources: [], names: [], tuples: [], selectAll: false };
  const normalized = normalizeMultipleResourcesArgs(args);
  const slashed = normalized.filter((a) => a.includes('/')).length;
  if (slashed > 0) {
    if (slashed !== normalized.length) throw new UserError(COMBINED_TYPE_ARGS);
    parsed.tuples = normalized.map((a) => splitResourceTypeName(a)!);
    return parsed;
  }
  if (normalized.length === 0) return parsed;
  parsed.resources = splitResourceArgument(replaceAliases(normalized[0]!));
  parsed.names = normalized.slice(1);
  parsed.selectAll = normalized.length === 1 && allowEmptySelector;
  return parsed;
}

/** ResourceNames(defaultType, names...): `NAME` is a `defaultType`, `TYPE/NAME` itself (logs, exec). */
export function resourceNames(defaultType: string, names: string[]): Tuple[] {
  return names.map((name) => splitResourceTypeName(name) ?? { resource: defaultType, name });
}
