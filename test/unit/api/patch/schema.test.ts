import { describe, expect, it } from 'vitest';
import { type PatchMeta, type PatchSchema, schemaForKind } from '../../../../src/api/patch/schema.js';
import { PATCH_STRATEGIES } from '../../../../src/api/patch/strategies.js';
import { STRUCTS } from '../../../../src/api/schema/fields.gen.js';

/** The patch metadata at a path of field names (list items are stepped into implicitly). */
function metaAt(kind: string, path: string): PatchMeta {
  let schema: PatchSchema = schemaForKind(kind);
  let meta: PatchMeta = { retainKeys: false };
  for (const field of path.split('.')) ({ meta, schema } = schema.lookup(field));
  return meta;
}

describe('patch strategies from the schema', () => {
  it('names only fields the generated schema has', () => {
    const unknown = Object.entries(PATCH_STRATEGIES).flatMap(([type, fields]) =>
      Object.keys(fields)
        .filter((f) => !STRUCTS[type]?.f[f])
        .map((f) => `${type}.${f}`),
    );
    expect(unknown).toEqual([]);
  });

  const cases: Array<[string, string, PatchMeta]> = [
    [
      'Deployment',
      'spec.template.spec.containers',
      { strategy: 'merge', retainKeys: false, mergeKey: 'name' },
    ],
    [
      'Deployment',
      'spec.template.spec.containers.ports',
      { strategy: 'merge', retainKeys: false, mergeKey: 'containerPort' },
    ],
    ['Deployment', 'spec.template.spec.volumes', { strategy: 'merge', retainKeys: true, mergeKey: 'name' }],
    ['Deployment', 'spec.strategy', { strategy: undefined, retainKeys: true, mergeKey: undefined }],
    ['Service', 'spec.ports', { strategy: 'merge', retainKeys: false, mergeKey: 'port' }],
    ['Pod', 'spec.ephemeralContainers.env', { strategy: 'merge', retainKeys: false, mergeKey: 'name' }],
    [
      'Pod',
      'spec.initContainers.volumeMounts',
      { strategy: 'merge', retainKeys: false, mergeKey: 'mountPath' },
    ],
    [
      'Pod',
      'spec.topologySpreadConstraints',
      { strategy: 'merge', retainKeys: false, mergeKey: 'topologyKey' },
    ],
    ['Pod', 'spec.tolerations', { retainKeys: false }],
    ['Pod', 'status.conditions', { strategy: 'merge', retainKeys: false, mergeKey: 'type' }],
    [
      'CronJob',
      'spec.jobTemplate.spec.template.spec.hostAliases',
      { strategy: 'merge', retainKeys: false, mergeKey: 'ip' },
    ],
    ['ConfigMap', 'metadata.finalizers', { strategy: 'merge', retainKeys: false, mergeKey: undefined }],
    ['Secret', 'metadata.ownerReferences', { strategy: 'merge', retainKeys: false, mergeKey: 'uid' }],
    ['ServiceAccount', 'imagePullSecrets', { retainKeys: false }],
    ['ServiceAccount', 'secrets', { strategy: 'merge', retainKeys: false, mergeKey: 'name' }],
    ['Widget', 'spec.items', { retainKeys: false }],
  ];
  for (const [kind, path, meta] of cases) {
    it(`${kind} ${path}`, () => {
      expect(metaAt(kind, path)).toEqual(meta);
    });
  }
});
