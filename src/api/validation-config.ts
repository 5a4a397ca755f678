// ConfigMap and Secret rules of the API server (ValidateSecret, ValidateSecretUpdate,
// ValidateConfigMapUpdate): what each Secret type needs in `data`, and `immutable: true`
// freezing the data. Pure; upstream wording. A Secret's value never appears in a message.

import type { FieldError, Path } from './field-errors.js';
import { minTokenSeconds } from './token-lifetime.js';
import type { KObject } from './types.js';

const IMMUTABLE = 'field is immutable when `immutable` is set';
const REDACTED = '<secret contents redacted>';

const required = (key: string): FieldError => ({ type: 'Required', path: ['data', { key }] });

function jsonError(data: Record<string, string>, key: string): FieldError | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(data[key] ?? '', 'base64').toString('utf8'));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return undefined;
    return {
      type: 'Invalid',
      path: ['data', { key }],
      value: REDACTED,
      detail: 'json: cannot unmarshal into Go value of type map[string]interface {}',
    };
  } catch (err) {
    return { type: 'Invalid', path: ['data', { key }], value: REDACTED, detail: (err as Error).message };
  }
}

/** ValidateSecret's type rules (stringData is already merged into data). */
export function validateSecretType(secret: KObject): FieldError[] {
  const data: Record<string, string> = secret.data ?? {};
  const errs: FieldError[] = [];
  const has = (k: string) => k in data;
  switch (secret.type ?? 'Opaque') {
    case 'kubernetes.io/service-account-token':
      if (!secret.metadata?.annotations?.['kubernetes.io/service-account.name'])
        errs.push({
          type: 'Required',
          path: ['metadata', 'annotations', { key: 'kubernetes.io/service-account.name' }],
        });
      break;
    case 'kubernetes.io/dockercfg':
      if (!has('.dockercfg')) errs.push(required('.dockercfg'));
      else errs.push(...[jsonError(data, '.dockercfg')].filter((e): e is FieldError => !!e));
      break;
    case 'kubernetes.io/dockerconfigjson':
      if (!has('.dockerconfigjson')) errs.push(required('.dockerconfigjson'));
      else errs.push(...[jsonError(data, '.dockerconfigjson')].filter((e): e is FieldError => !!e));
      break;
    case 'kubernetes.io/basic-auth':
      // Either may be empty, but one must be there.
      if (!has('username') && !has('password')) errs.push(required('username'), required('password'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data['ssh-privatekey']) errs.push(required('ssh-privatekey'));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(required('tls.crt'));
      if (!has('tls.key')) errs.push(required('tls.key'));
      break;
  }
  return errs;
}

const same = (a: unknown, b: unknown) => JSON.stringify(sorted(a ?? {})) === JSON.stringify(sorted(b ?? {}));
const sorted = (m: any) => Object.fromEntries(Object.entries(m).sort(([a], [b]) => a.localeCompare(b)));

/** ValidateConfigMapUpdate / ValidateSecretUpdate: the type never changes; immutable freezes the data. */
export function validateConfigUpdate(next: KObject, live: KObject): FieldError[] {
  const errs: FieldError[] = [];
  if (next.kind === 'Secret' && (next.type ?? 'Opaque') !== (live.type ?? 'Opaque'))
    errs.push({
      type: 'Invalid',
      path: ['type'],
      value: next.type ?? 'Opaque',
      detail: 'field is immutable',
    });
  if (live.immutable !== true) return errs;
  if (next.immutable !== true) errs.push({ type: 'Forbidden', path: ['immutable'], detail: IMMUTABLE });
  if (!same(next.data, live.data)) errs.push({ type: 'Forbidden', path: ['data'], detail: IMMUTABLE });
  if (next.kind === 'ConfigMap' && !same(next.binaryData, live.binaryData))
    errs.push({ type: 'Forbidden', path: ['binaryData'], detail: IMMUTABLE });
  return errs;
}

const MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

/** validateProjectionSources' serviceAccountToken checks: a lifetime of 10 min to 2^32 s, a path. */
function tokenProjectionErrors(t: any, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const seconds = t.expirationSeconds;
  if (typeof seconds === 'number' && seconds < minTokenSeconds())
    errs.push({
      type: 'Invalid',
      path: [...path, 'expirationSeconds'],
      value: seconds,
      detail: 'may not specify a duration less than 10 minutes',
    });
  if (typeof seconds === 'number' && seconds > 2 ** 32)
    errs.push({
      type: 'Invalid',
      path: [...path, 'expirationSeconds'],
      value: seconds,
      detail: 'may not specify a duration larger than 2^32 seconds',
    });
  if (!t.path) errs.push({ type: 'Required', path: [...path, 'path'] });
  else errs.push(...itemPathErrors(t.path, [...path, 'path']));
  return errs;
}

/** validateLocalDescendingPath: relative, without `..` steps. */
export function localDescendingPathErrors(p: string, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (p.startsWith('/')) errs.push({ type: 'Invalid', path, value: p, detail: 'must be a relative path' });
  if (p.split('/').includes('..'))
    errs.push({ type: 'Invalid', path, value: p, detail: "must not contain '..'" });
  return errs;
}

/** validateLocalDescendingPath + ValidateLocalNonReservedPath for an item's `path`. */
function itemPathErrors(p: unknown, path: Path): FieldError[] {
  if (typeof p !== 'string' || p === '') return [{ type: 'Required', path }];
  const errs = localDescendingPathErrors(p, path);
  if (p.startsWith('..') && !p.startsWith('../'))
    errs.push({ type: 'Invalid', path, value: p, detail: "must not start with '..'" });
  return errs;
}

function modeErrors(mode: unknown, path: Path): FieldError[] {
  if (mode === undefined) return [];
  return typeof mode === 'number' && mode >= 0 && mode <= 0o777
    ? []
    : [{ type: 'Invalid', path, value: mode, detail: MODE_ERROR }];
}

const DOWNWARD_FIELDS = [
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
];
const SUBSCRIPTED = /^metadata\.(labels|annotations)\['.+'\]$/;

/** A downward API file: the fields a volume may carry, and the container a resource is read from. */
function downwardItemErrors(item: any, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (item.fieldRef && item.resourceFieldRef)
    errs.push({
      type: 'Invalid',
      path,
      value: 'resource',
      detail: 'fieldRef and resourceFieldRef can not be specified simultaneously',
    });
  const fp = item.fieldRef?.fieldPath;
  if (item.fieldRef && !DOWNWARD_FIELDS.includes(fp) && !SUBSCRIPTED.test(fp ?? ''))
    errs.push({
      type: 'Unsupported',
      path: [...path, 'fieldRef', 'fieldPath'],
      value: fp ?? '',
      supported: DOWNWARD_FIELDS,
    });
  if (item.resourceFieldRef && !item.resourceFieldRef.containerName)
    errs.push({ type: 'Required', path: [...path, 'resourceFieldRef', 'containerName'] });
  return errs;
}

function itemsErrors(items: any[] | undefined, path: Path, keyed: boolean): FieldError[] {
  return (items ?? []).flatMap((item: any, i: number) => [
    ...(keyed && !item.key ? [{ type: 'Required' as const, path: [...path, i, 'key'] }] : []),
    ...itemPathErrors(item.path, [...path, i, 'path']),
    ...modeErrors(item.mode, [...path, i, 'mode']),
    ...(keyed ? [] : downwardItemErrors(item, [...path, i])),
  ]);
}

/**
 * The item paths and modes of configMap, secret, downwardAPI and projected volumes, and the
 * serviceAccountToken projections' path and lifetime.
 */
export function configVolumeErrors(v: any, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (v.configMap) {
    errs.push(...modeErrors(v.configMap.defaultMode, [...path, 'configMap', 'defaultMode']));
    errs.push(...itemsErrors(v.configMap.items, [...path, 'configMap', 'items'], true));
  }
  if (v.secret) {
    errs.push(...modeErrors(v.secret.defaultMode, [...path, 'secret', 'defaultMode']));
    errs.push(...itemsErrors(v.secret.items, [...path, 'secret', 'items'], true));
  }
  if (v.downwardAPI) {
    errs.push(...modeErrors(v.downwardAPI.defaultMode, [...path, 'downwardAPI', 'defaultMode']));
    errs.push(...itemsErrors(v.downwardAPI.items, [...path, 'downwardAPI', 'items'], false));
  }
  if (v.projected) {
    errs.push(...modeErrors(v.projected.defaultMode, [...path, 'projected', 'defaultMode']));
    (v.projected.sources ?? []).forEach((s: any, j: number) => {
      const sp: Path = [...path, 'projected', 'sources', j];
      if (s.configMap) errs.push(...itemsErrors(s.configMap.items, [...sp, 'configMap', 'items'], true));
      if (s.secret) errs.push(...itemsErrors(s.secret.items, [...sp, 'secret', 'items'], true));
      if (s.downwardAPI)
        errs.push(...itemsErrors(s.downwardAPI.items, [...sp, 'downwardAPI', 'items'], false));
      if (s.serviceAccountToken)
        errs.push(...tokenProjectionErrors(s.serviceAccountToken, [...sp, 'serviceAccountToken']));
    });
  }
  return errs;
}
