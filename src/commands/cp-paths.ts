// `cp`'s file specs and path rules, as kubectl's (pkg/cmd/cp filespec.go): `[[namespace/]pod:]path`,
// trailing slashes dropped, remote paths always `/`-separated, and the check that keeps a tar
// from the pod from writing outside the local target ("../" stripped, anything else skipped).
import { posix } from 'node:path';
import { UserError } from '../api/errors.js';

export interface FileSpec {
  pod?: string;
  namespace?: string;
  file: string;
}

export const FILESPEC_FORMAT = 'filespec must match the canonical format: [[namespace/]pod:]file/path';

export function stripTrailingSlash(file: string): string {
  return file.length > 1 && file.endsWith('/') ? file.slice(0, -1) : file;
}

export function stripLeadingSlash(file: string): string {
  return file.replace(/^[/\\]+/, '');
}

/** Leading `../`s and a leading `/` removed; `.` and `..` become empty. */
export function stripPathShortcuts(p: string): string {
  let path = p;
  while (path.startsWith('../')) path = path.slice(3);
  if (path === '.' || path === '..') return '';
  return path.startsWith('/') ? path.slice(1) : path;
}

const remote = (file: string) => stripTrailingSlash(file).replaceAll('\\', '/');

export function extractFileSpec(arg: string): FileSpec {
  const i = arg.indexOf(':');
  if (i === 0) throw new UserError(FILESPEC_FORMAT);
  if (i === -1) return { file: stripTrailingSlash(arg) };
  const pieces = arg.slice(0, i).split('/');
  const file = remote(arg.slice(i + 1));
  if (pieces.length === 1) return { pod: pieces[0]!, file };
  if (pieces.length === 2) return { namespace: pieces[0]!, pod: pieces[1]!, file };
  throw new UserError(FILESPEC_FORMAT);
}

/** filepath.Join as Go does it: cleaned, and '' when every part is empty. */
function goJoin(...parts: string[]): string {
  const nonEmpty = parts.filter((p) => p !== '');
  return nonEmpty.length ? posix.normalize(nonEmpty.join('/')).replace(/(.)\/$/, '$1') : '';
}

/** filepath.Rel(base, target) is "." or has no leading "../": the target stays inside base. */
export function isRelative(base: string, target: string): boolean {
  if (posix.isAbsolute(base) !== posix.isAbsolute(target)) return false;
  const relative = posix.relative(base, target) || '.';
  return relative === '.' || relative === stripPathShortcuts(relative);
}

/** The prefix every entry of `tar cf - <remote>` starts with. */
export function tarPrefix(remoteFile: string): string {
  return stripPathShortcuts(stripLeadingSlash(posix.normalize(remoteFile)).replace(/(.)\/$/, '$1'));
}

export type UntarTarget =
  | { kind: 'corrupted' }
  | { kind: 'outside'; path: string }
  | { kind: 'inside'; path: string };

/** Where an entry of the pod's tar lands under the local `dest`, or why it does not. */
export function untarTarget(prefix: string, dest: string, entryName: string): UntarTarget {
  if (!entryName.startsWith(prefix)) return { kind: 'corrupted' };
  const path = goJoin(dest, remote(entryName.slice(prefix.length)));
  return isRelative(dest, path) ? { kind: 'inside', path } : { kind: 'outside', path };
}

/**
 * Copying to the pod: the remote name of the copied tree and the directory tar extracts in
 * (`-C`), after the destination turned out to be a directory or not.
 */
export function copyToPodTarget(localFile: string, remoteFile: string, destIsDir: boolean) {
  const dest = destIsDir ? posix.join(remoteFile, posix.basename(localFile)) : remoteFile;
  const clean = posix.normalize(dest);
  return { entryBase: posix.basename(clean), extractDir: posix.dirname(dest) };
}
