// Reading the files a kustomization names, as kustomize's loader does: relative to the
// kustomization's directory and, under the default load restrictor (LoadRestrictionsRootOnly),
// only in or below it; kustomize's words when a file is missing or outside.
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { UserError } from '../api/errors.js';

export class KustomizeFiles {
  constructor(
    /** The kustomization's directory (absolute). */
    readonly root: string,
    /** LoadRestrictionsRootOnly. */
    readonly restrict: boolean,
  ) {}

  /** The absolute path of `path`, or kustomize's error (message only, callers add context). */
  check(path: string): { abs: string; error?: string } {
    const abs = resolve(this.root, path);
    if (!existsSync(abs))
      return { abs, error: `evalsymlink failure on '${abs}' : lstat ${abs}: no such file or directory` };
    const rel = relative(this.root, abs);
    if (this.restrict && (rel.startsWith('..') || resolve(this.root, rel) !== abs)) {
      return { abs, error: `security; file '${abs}' is not in or below '${this.root}'` };
    }
    return { abs };
  }

  /** The file's bytes; a missing or outside file throws `wrap(kustomize's message)`. */
  read(path: string, wrap: (message: string) => string = (m) => m): Buffer {
    const { abs, error } = this.check(path);
    if (error) throw new UserError(wrap(error));
    return readFileSync(abs);
  }
}

export const LOAD_RESTRICTORS = ['LoadRestrictionsRootOnly', 'LoadRestrictionsNone'];

/** The --load-restrictor value: whether files must stay under their kustomization. */
export function restrictsToRoot(value = 'LoadRestrictionsRootOnly'): boolean {
  if (!LOAD_RESTRICTORS.includes(value)) {
    throw new UserError(
      `illegal flag value --load-restrictor ${value}; legal values: [${LOAD_RESTRICTORS.join(' ')}]`,
    );
  }
  return value === 'LoadRestrictionsRootOnly';
}
