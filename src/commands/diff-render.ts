// What `kubectl diff` writes into its LIVE and MERGED directories and which program it runs over
// them (kubectl cmd/diff/diff.go). Pure: no files, no processes.
import type { KindInfo } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import { toYaml } from '../printers/yaml.js';

/** `<group>.<version>.<Kind>.<namespace>.<name>` (no group part for the core group). */
export function diffFileName(info: KindInfo, namespace: string | undefined, name: string): string {
  const group = info.group ? `${info.group}.` : '';
  return `${group}${info.version}.${info.kind}.${namespace ?? ''}.${name}`;
}

const MASK = '***';
const MASK_BEFORE = '*** (before)';
const MASK_AFTER = '*** (after)';

type Data = Record<string, unknown>;

/**
 * diff.go's Masker: every value of a Secret's `data` becomes `***`; a key whose value changes
 * becomes `*** (before)` / `*** (after)`, so the diff still shows that it changed.
 */
export function maskSecretData(
  from: KObject | undefined,
  to: KObject | undefined,
): [KObject | undefined, KObject | undefined] {
  const f: Data | undefined = from?.data ? { ...from.data } : undefined;
  const t: Data | undefined = to?.data ? { ...to.data } : undefined;
  for (const k of Object.keys(f ?? {})) {
    if (t && k in t) {
      if (f![k] !== t[k]) {
        f![k] = MASK_BEFORE;
        t[k] = MASK_AFTER;
        continue;
      }
      t[k] = MASK;
    }
    f![k] = MASK;
  }
  for (const k of Object.keys(t ?? {})) if (!f || !(k in f)) t![k] = MASK;
  return [from && f ? { ...from, data: f } : from, to && t ? { ...to, data: t } : to];
}

function withoutManagedFields(obj: KObject | undefined): KObject | undefined {
  if (!obj?.metadata || !('managedFields' in obj.metadata)) return obj;
  const { managedFields: _omitted, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** The two files' contents for one object: YAML as kubectl prints it, `` for a missing side. */
export function renderPair(
  live: KObject | undefined,
  merged: KObject | undefined,
  showManagedFields = false,
): { live: string; merged: string } {
  let from = showManagedFields ? live : withoutManagedFields(live);
  let to = showManagedFields ? merged : withoutManagedFields(merged);
  if (to?.apiVersion === 'v1' && to.kind === 'Secret') [from, to] = maskSecretData(from, to);
  return { live: from ? toYaml(from) : '', merged: to ? toYaml(to) : '' };
}

/**
 * The diff program and its arguments: `diff -u -N LIVE MERGED`, or KUBECTL_EXTERNAL_DIFF split on
 * spaces, its arguments after the two directories and only those made of letters, digits, `-`, `=`.
 */
export function diffCommand(
  env: Record<string, string | undefined>,
  from: string,
  to: string,
): { command: string; args: string[] } {
  const external = env.KUBECTL_EXTERNAL_DIFF;
  if (!external) return { command: 'diff', args: ['-u', '-N', from, to] };
  const [command, ...rest] = external.split(' ');
  return { command: command!, args: [from, to, ...rest.filter((a) => /^[a-zA-Z0-9-=]+$/.test(a))] };
}
