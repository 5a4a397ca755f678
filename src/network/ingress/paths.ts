// Path matching as the Ingress API defines it: `Exact` is the whole path, case-sensitive;
// `Prefix` matches element by element on `/` (`/foo` matches `/foo`, `/foo/` and `/foo/bar`, not
// `/foobar`; a trailing `/` in the rule is ignored); `ImplementationSpecific` is treated as Prefix.
// Regex paths (ingress-nginx's `use-regex`, implied by `rewrite-target`) match case-insensitively
// from the start of the path, as nginx's `location ~* "^path"`.

export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

export interface PathMatcher {
  /** The rule's path as written, for ordering and for rewrites. */
  path: string;
  exact: boolean;
  /** Set for regex paths; undefined for literal ones. */
  regex?: RegExp;
}

/** A matcher for one rule path, or an error text when its regex does not compile. */
export function compilePath(
  path: string,
  pathType: string | undefined,
  useRegex: boolean,
): PathMatcher | string {
  const exact = pathType === 'Exact';
  if (!useRegex || exact) return { path, exact };
  try {
    return { path, exact, regex: new RegExp(`^${path}`, 'i') };
  } catch (e) {
    return `invalid regex path ${JSON.stringify(path)}: ${(e as Error).message}`;
  }
}

/** Kubernetes' element-wise prefix match. */
export function prefixMatches(rulePath: string, requestPath: string): boolean {
  const prefix = rulePath.replace(/\/+$/, '');
  if (prefix === '') return true; // `/` matches every path
  return requestPath === prefix || requestPath.startsWith(`${prefix}/`);
}

/** The regex match (for capture groups), a literal match as a one-element array, or null. */
export function matchPath(m: PathMatcher, requestPath: string): RegExpExecArray | string[] | null {
  if (m.exact) return requestPath === m.path ? [requestPath] : null;
  if (m.regex) return m.regex.exec(requestPath);
  return prefixMatches(m.path, requestPath) ? [requestPath] : null;
}

/**
 * Precedence among the paths of one host: the longest rule path first, then Exact before Prefix
 * at equal length (the Ingress API's rule); the caller keeps Ingress order for the rest.
 */
export function comparePaths(a: PathMatcher, b: PathMatcher): number {
  const length = (m: PathMatcher) => (m.exact || m.regex ? m.path : m.path.replace(/\/+$/, '') || '/').length;
  return length(b) - length(a) || Number(b.exact) - Number(a.exact);
}

/**
 * nginx's `rewrite (?i)path target break`: the whole path becomes `target`, with `$1`..`$9`
 * replaced by the regex's groups (an unmatched group is empty).
 */
export function rewritePath(target: string, match: RegExpExecArray | string[]): string {
  return target.replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? '');
}
