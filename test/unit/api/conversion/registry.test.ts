// The table of old versions as a whole: warnings, kind resolution, decode schemas, and that
// every converted kind passes mkube's current schema and validation after defaulting.
import { describe, expect, it } from 'vitest';
import {
  convertToStorageVersion,
  deprecationWarningFor,
  isDeprecatedVersion,
  LEGACY_KINDS,
  legacyDecodeSchema,
  legacyDefaults,
  storageKindFor,
} from '../../../../src/api/conversion/index.js';
import { applyDefaults } from '../../../../src/api/defaults.js';
import { pathString } from '../../../../src/api/field-errors.js';
import { apiVersionOf } from '../../../../src/api/kinds.js';
import { checkSchema } from '../../../../src/api/schema/check.js';
import { STRUCTS } from '../../../../src/api/schema/fields.gen.js';
import type { KObject } from '../../../../src/api/types.js';
import { validateObject } from '../../../../src/api/validation.js';
import { TEMPLATE, workload } from './fixtures.js';

describe('the deprecated versions mkube converts', () => {
  it('warn in the API server words, from its prerelease-lifecycle data', () =>
    expect(LEGACY_KINDS.map((k) => deprecationWarningFor(k.apiVersion, k.kind))).toEqual([
      'extensions/v1beta1 Deployment is deprecated in v1.8+, unavailable in v1.16+; use apps/v1 Deployment',
      'extensions/v1beta1 DaemonSet is deprecated in v1.8+, unavailable in v1.16+; use apps/v1 DaemonSet',
      'extensions/v1beta1 ReplicaSet is deprecated in v1.8+, unavailable in v1.16+; use apps/v1 ReplicaSet',
      'extensions/v1beta1 Ingress is deprecated in v1.14+, unavailable in v1.22+; use networking.k8s.io/v1 Ingress',
      'extensions/v1beta1 NetworkPolicy is deprecated in v1.9+, unavailable in v1.16+; use networking.k8s.io/v1 NetworkPolicy',
      'apps/v1beta1 Deployment is deprecated in v1.8+, unavailable in v1.16+; use apps/v1 Deployment',
      'apps/v1beta1 StatefulSet is deprecated in v1.8+, unavailable in v1.16+; use apps/v1 StatefulSet',
      'apps/v1beta1 ControllerRevision is deprecated in v1.8+, unavailable in v1.16+; use apps/v1 ControllerRevision',
      'apps/v1beta2 Deployment is deprecated in v1.9+, unavailable in v1.16+; use apps/v1 Deployment',
      'apps/v1beta2 DaemonSet is deprecated in v1.9+, unavailable in v1.16+; use apps/v1 DaemonSet',
      'apps/v1beta2 ReplicaSet is deprecated in v1.9+, unavailable in v1.16+; use apps/v1 ReplicaSet',
      'apps/v1beta2 StatefulSet is deprecated in v1.9+, unavailable in v1.16+; use apps/v1 StatefulSet',
      'apps/v1beta2 ControllerRevision is deprecated in v1.9+, unavailable in v1.16+; use apps/v1 ControllerRevision',
      'networking.k8s.io/v1beta1 Ingress is deprecated in v1.19+, unavailable in v1.22+; use networking.k8s.io/v1 Ingress',
      'batch/v1beta1 CronJob is deprecated in v1.21+, unavailable in v1.25+; use batch/v1 CronJob',
    ]));

  it('each resolve to a kind mkube stores, in the version it stores', () =>
    expect(
      LEGACY_KINDS.map((k) => {
        const info = storageKindFor(k.apiVersion, k.kind);
        return info && `${apiVersionOf(info)} ${info.kind}`;
      }),
    ).toEqual(LEGACY_KINDS.map((k) => `${k.storage} ${k.kind}`)));

  const lookups: Array<[string, string, boolean, string | undefined]> = [
    ['extensions/v1beta1', 'Deployment', true, 'apps/v1 Deployment'],
    ['apps/v1', 'Deployment', false, 'apps/v1 Deployment'],
    ['v1', 'Service', false, 'v1 Service'],
    ['extensions/v1beta1', 'PodSecurityPolicy', false, undefined],
    ['networking.k8s.io/v1beta1', 'IngressClass', false, undefined],
    ['policy/v1beta1', 'PodDisruptionBudget', false, undefined],
    ['apps/v1beta1', 'DaemonSet', false, undefined],
  ];
  for (const [apiVersion, kind, deprecated, stored] of lookups) {
    it(`${apiVersion} ${kind}: ${deprecated ? 'deprecated' : 'not converted'}, stored as ${stored ?? 'nothing'}`, () => {
      const info = storageKindFor(apiVersion, kind);
      expect({
        deprecated: isDeprecatedVersion(apiVersion, kind),
        stored: info && `${apiVersionOf(info)} ${info.kind}`,
        converted: convertToStorageVersion({ apiVersion, kind, metadata: { name: 'x' } }) !== undefined,
      }).toEqual({ deprecated, stored, converted: deprecated });
    });
  }
});

/** A manifest each old version accepts as valid, as little as it needs. */
function minimal(apiVersion: string, kind: string): KObject {
  switch (kind) {
    case 'Ingress':
      return {
        apiVersion,
        kind,
        metadata: { name: 'ing' },
        spec: {
          rules: [{ http: { paths: [{ path: '/', backend: { serviceName: 's', servicePort: 80 } }] } }],
        },
      };
    case 'NetworkPolicy':
      return { apiVersion, kind, metadata: { name: 'np' }, spec: { podSelector: {} } };
    case 'ControllerRevision':
      return { apiVersion, kind, metadata: { name: 'r' }, revision: 1 };
    case 'CronJob':
      return {
        apiVersion,
        kind,
        metadata: { name: 'c' },
        spec: {
          schedule: '*/5 * * * *',
          jobTemplate: {
            spec: { template: { ...TEMPLATE, spec: { ...TEMPLATE.spec, restartPolicy: 'Never' } } },
          },
        },
      };
    default: {
      const spec: Record<string, unknown> = { serviceName: kind === 'StatefulSet' ? 'web' : undefined };
      if (kind !== 'StatefulSet') delete spec.serviceName;
      // apps/v1beta2 already requires the selector.
      if (apiVersion === 'apps/v1beta2') spec.selector = { matchLabels: { app: 'web' } };
      return workload(apiVersion, kind, spec);
    }
  }
}

describe('every converted kind, once defaulted', () => {
  for (const k of LEGACY_KINDS) {
    it(`${k.apiVersion} ${k.kind} passes the current schema and validation`, () => {
      const stored = applyDefaults(convertToStorageVersion(minimal(k.apiVersion, k.kind))!.obj);
      expect({
        schema: checkSchema(stored, stored.kind),
        errors: validateObject(stored, storageKindFor(k.apiVersion, k.kind)!.namespaced),
      }).toEqual({ schema: { unknown: [], required: [] }, errors: [] });
    });
  }
});

describe('the old versions own defaults', () => {
  // Converting what a conversion wrote, labelled with the old version again, changes nothing:
  // every default is "if absent" and every field written is one the old version has.
  for (const k of LEGACY_KINDS.filter((k) => k.kind !== 'Ingress')) {
    it(`are stable for ${k.apiVersion} ${k.kind}`, () => {
      const once = convertToStorageVersion(minimal(k.apiVersion, k.kind))!.obj;
      const { annotations: _, ...meta } = once.metadata;
      const again = convertToStorageVersion({ ...once, apiVersion: k.apiVersion, metadata: meta })!.obj;
      expect(again).toEqual(once);
    });
  }
});

describe('decoding an old version strictly', () => {
  const unknownIn = (obj: KObject) =>
    checkSchema(obj, obj.kind, legacyDecodeSchema(obj.apiVersion, obj.kind)).unknown.map(pathString);
  const cases: Array<[string, KObject, string[]]> = [
    [
      'knows serviceName/servicePort and spec.backend, and names a typo where it was written',
      {
        apiVersion: 'extensions/v1beta1',
        kind: 'Ingress',
        metadata: { name: 'i' },
        spec: {
          backend: { serviceName: 'a', servicePort: 80 },
          rules: [{ http: { paths: [{ path: '/', backend: { serviceNmae: 'a', servicePort: 80 } }] } }],
        },
      },
      ['spec.rules[0].http.paths[0].backend.serviceNmae'],
    ],
    [
      'reports the v1 names in a v1beta1 Ingress',
      {
        apiVersion: 'networking.k8s.io/v1beta1',
        kind: 'Ingress',
        metadata: { name: 'i' },
        spec: { defaultBackend: { service: { name: 'a' } } },
      },
      ['spec.defaultBackend'],
    ],
    [
      'knows rollbackTo in extensions/v1beta1',
      workload('extensions/v1beta1', 'Deployment', { rollbackTo: { revision: 1 } }),
      [],
    ],
    [
      'knows rollbackTo in apps/v1beta1',
      workload('apps/v1beta1', 'Deployment', { rollbackTo: { revision: 1 } }),
      [],
    ],
    [
      'does not know rollbackTo in apps/v1beta2',
      workload('apps/v1beta2', 'Deployment', { rollbackTo: { revision: 1 } }),
      ['spec.rollbackTo'],
    ],
    [
      'knows templateGeneration in an extensions/v1beta1 DaemonSet',
      workload('extensions/v1beta1', 'DaemonSet', { templateGeneration: 2 }),
      [],
    ],
  ];
  for (const [name, obj, want] of cases) it(name, () => expect(unknownIn(obj)).toEqual(want));

  it('fails on a wrong type in an old-only field, as Go decoding does', () =>
    expect(
      checkSchema(
        workload('extensions/v1beta1', 'DaemonSet', { templateGeneration: 'two' }),
        'DaemonSet',
        legacyDecodeSchema('extensions/v1beta1', 'DaemonSet'),
      ).typeError?.message,
    ).toBe(
      'json: cannot unmarshal string into Go struct field DaemonSetSpec.spec.templateGeneration of type int64',
    ));

  it('has a schema for every converted version and none for current ones', () => {
    expect(LEGACY_KINDS.filter((k) => !legacyDecodeSchema(k.apiVersion, k.kind))).toEqual([]);
    expect(legacyDecodeSchema('apps/v1', 'Deployment')).toBeUndefined();
    expect(legacyDecodeSchema('batch/v1beta1', 'CronJob')).toBe(STRUCTS);
  });
});

describe('the old defaults applied after conversion', () => {
  // legacyDefaults runs them on a stored-version object: that must equal defaulting first.
  const variants = (k: (typeof LEGACY_KINDS)[number]): KObject[] => {
    const base = minimal(k.apiVersion, k.kind);
    if (k.kind === 'Deployment')
      return [base, { ...base, spec: { ...base.spec, rollbackTo: { revision: 2 } } }];
    if (k.kind === 'Ingress')
      return [{ ...base, spec: { ...base.spec, backend: { serviceName: 'd', servicePort: 'x' } } }];
    return [base];
  };
  for (const k of LEGACY_KINDS) {
    it(`give the same object as defaulting first for ${k.apiVersion} ${k.kind}`, () => {
      for (const v of variants(k)) {
        const mappedOnly = convertToStorageVersion(v, { defaults: false })!.obj;
        expect(legacyDefaults(mappedOnly, k.apiVersion)).toEqual(convertToStorageVersion(v)!.obj);
      }
    });
  }
});
