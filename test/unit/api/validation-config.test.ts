import { describe, expect, it } from 'vitest';
import { formatFieldError } from '../../../src/api/field-errors.js';
import type { KObject } from '../../../src/api/types.js';
import {
  configVolumeErrors,
  validateConfigUpdate,
  validateSecretType,
} from '../../../src/api/validation-config.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const secret = (
  type: string | undefined,
  data: Record<string, string>,
  annotations?: Record<string, string>,
): KObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 's', ...(annotations ? { annotations } : {}) },
  ...(type ? { type } : {}),
  data,
});
const lines = (errs: ReturnType<typeof validateSecretType>) => errs.map(formatFieldError);

describe('Secret types (ValidateSecret)', () => {
  const cases: [string, KObject, string[]][] = [
    ['Opaque takes anything', secret(undefined, {}), []],
    [
      'tls needs both keys',
      secret('kubernetes.io/tls', { a: b64('x') }),
      ['data[tls.crt]: Required value', 'data[tls.key]: Required value'],
    ],
    ['tls with both keys', secret('kubernetes.io/tls', { 'tls.crt': '', 'tls.key': '' }), []],
    [
      'dockerconfigjson needs its key',
      secret('kubernetes.io/dockerconfigjson', {}),
      ['data[.dockerconfigjson]: Required value'],
    ],
    [
      'dockerconfigjson must be a JSON object, and its value is never printed',
      secret('kubernetes.io/dockerconfigjson', { '.dockerconfigjson': b64('[1]') }),
      [
        'data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": json: cannot unmarshal into Go value of type map[string]interface {}',
      ],
    ],
    ['dockercfg needs its key', secret('kubernetes.io/dockercfg', {}), ['data[.dockercfg]: Required value']],
    [
      'basic-auth needs username or password',
      secret('kubernetes.io/basic-auth', {}),
      ['data[username]: Required value', 'data[password]: Required value'],
    ],
    ['basic-auth with a password only', secret('kubernetes.io/basic-auth', { password: '' }), []],
    [
      'ssh-auth needs a non-empty key',
      secret('kubernetes.io/ssh-auth', { 'ssh-privatekey': '' }),
      ['data[ssh-privatekey]: Required value'],
    ],
    [
      'service-account-token needs the account name',
      secret('kubernetes.io/service-account-token', {}),
      ['metadata.annotations[kubernetes.io/service-account.name]: Required value'],
    ],
    ['an unknown type is allowed', secret('example.com/mine', {}), []],
  ];
  for (const [name, obj, want] of cases) it(name, () => expect(lines(validateSecretType(obj))).toEqual(want));
});

describe('immutable ConfigMaps and Secrets (Validate*Update)', () => {
  const cm = (
    immutable: boolean | undefined,
    data: Record<string, string>,
    binaryData?: Record<string, string>,
  ): KObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c' },
    ...(immutable !== undefined ? { immutable } : {}),
    data,
    ...(binaryData ? { binaryData } : {}),
  });
  it('a mutable ConfigMap changes freely, and may become immutable', () => {
    expect(validateConfigUpdate(cm(true, { a: '2' }), cm(undefined, { a: '1' }))).toEqual([]);
  });
  it('an immutable one refuses data, binaryData and un-setting immutable', () => {
    expect(lines(validateConfigUpdate(cm(false, { a: '2' }, { b: 'AA==' }), cm(true, { a: '1' })))).toEqual([
      'immutable: Forbidden: field is immutable when `immutable` is set',
      'data: Forbidden: field is immutable when `immutable` is set',
      'binaryData: Forbidden: field is immutable when `immutable` is set',
    ]);
  });
  it('an immutable one still takes metadata changes', () => {
    const next = { ...cm(true, { a: '1' }), metadata: { name: 'c', labels: { x: 'y' } } };
    expect(validateConfigUpdate(next, cm(true, { a: '1' }))).toEqual([]);
  });
  it("a Secret's type never changes", () => {
    expect(lines(validateConfigUpdate(secret('kubernetes.io/tls', {}), secret(undefined, {})))).toEqual([
      'type: Invalid value: "kubernetes.io/tls": field is immutable',
    ]);
  });
});

describe('volume items and projections', () => {
  it('item paths stay inside the volume, modes are 0..0777, keys are required', () => {
    const v = {
      name: 'v',
      configMap: {
        name: 'c',
        defaultMode: 0o1777,
        items: [
          { key: '', path: '../x' },
          { key: 'a', path: '/abs', mode: -1 },
        ],
      },
    };
    expect(lines(configVolumeErrors(v, ['spec', 'volumes', 0]))).toEqual([
      'spec.volumes[0].configMap.defaultMode: Invalid value: 1023: must be a number between 0 and 0777 (octal), both inclusive',
      'spec.volumes[0].configMap.items[0].key: Required value',
      'spec.volumes[0].configMap.items[0].path: Invalid value: "../x": must not contain \'..\'',
      'spec.volumes[0].configMap.items[1].path: Invalid value: "/abs": must be a relative path',
      'spec.volumes[0].configMap.items[1].mode: Invalid value: -1: must be a number between 0 and 0777 (octal), both inclusive',
    ]);
  });
  it('checks serviceAccountToken projections: a path, a lifetime of at least 10 minutes', () => {
    const ok = {
      name: 'v',
      projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 600 } }] },
    };
    expect(lines(configVolumeErrors(ok, ['spec', 'volumes', 0]))).toEqual([]);
    const v = { name: 'v', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 599 } }] } };
    expect(lines(configVolumeErrors(v, ['spec', 'volumes', 0]))).toEqual([
      'spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes',
      'spec.volumes[0].projected.sources[0].serviceAccountToken.path: Required value',
    ]);
  });
});

describe('downward API volume files', () => {
  it('carry metadata fields only, and resources name their container', () => {
    const v = {
      name: 'v',
      downwardAPI: {
        items: [
          { path: 'ok', fieldRef: { fieldPath: "metadata.labels['app']" } },
          { path: 'ip', fieldRef: { fieldPath: 'status.podIP' } },
          { path: 'mem', resourceFieldRef: { resource: 'limits.memory' } },
        ],
      },
    };
    expect(lines(configVolumeErrors(v, ['spec', 'volumes', 0]))).toEqual([
      'spec.volumes[0].downwardAPI.items[1].fieldRef.fieldPath: Unsupported value: "status.podIP": supported values: "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"',
      'spec.volumes[0].downwardAPI.items[2].resourceFieldRef.containerName: Required value',
    ]);
  });
});
