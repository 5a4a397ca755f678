// Each kustomize transformer on its own, as table tests over plain objects.
import { describe, expect, it } from 'vitest';
import { applySpecs, splitPath } from '../../../src/kustomize/fieldspec.js';
import { KustomizeFiles } from '../../../src/kustomize/files.js';
import { parseEnvFile, parseLiteral } from '../../../src/kustomize/generators.js';
import { contentHash, encodeHash, goJson } from '../../../src/kustomize/hash.js';
import { setImages, splitImage, updateImage } from '../../../src/kustomize/images.js';
import { parseKustomization } from '../../../src/kustomize/kustomization.js';
import { addAnnotations, addCommonLabels, addLabels } from '../../../src/kustomize/labels.js';
import { fixNameReferences } from '../../../src/kustomize/name-reference.js';
import { setNamespace } from '../../../src/kustomize/namespace.js';
import { addPrefixSuffix } from '../../../src/kustomize/prefix-suffix.js';
import { applyReplacements, splitFieldPath } from '../../../src/kustomize/replacements.js';
import { setReplicas } from '../../../src/kustomize/replicas.js';
import { type JsonObject, newResource, type Resource, setName } from '../../../src/kustomize/resource.js';
import { legacySort } from '../../../src/kustomize/sort.js';
import { selects } from '../../../src/kustomize/target.js';

const deployment = (name = 'web'): JsonObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] },
    },
  },
});
const service = (name = 'web'): JsonObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: {},
});
const res = (obj: JsonObject): Resource => newResource(structuredClone(obj));

describe('field specs', () => {
  it('split on / but not on \\/', () => {
    expect(splitPath('metadata/annotations/a.io\\/b')).toEqual(['metadata', 'annotations', 'a.io/b']);
  });
  it('walk every list item and create maps only when asked', () => {
    const obj: JsonObject = { spec: { items: [{ a: 'x' }, { a: 'y' }, {}] } };
    const seen: string[] = [];
    applySpecs(obj, { group: '', version: 'v1', kind: 'K' }, [{ path: 'spec/items/a' }], (p, f) => {
      if (p[f] !== undefined) seen.push(String(p[f]));
    });
    expect(seen).toEqual(['x', 'y']);
    applySpecs(
      obj,
      { group: '', version: 'v1', kind: 'K' },
      [{ path: 'spec/new/x', create: true }],
      (p, f) => {
        p[f] = 1;
      },
    );
    expect(obj.spec).toEqual({ items: [{ a: 'x' }, { a: 'y' }, {}], new: { x: 1 } });
  });
});

describe('content hash (api/hasher)', () => {
  it('encodes the first 10 hex digits without 0, 1, 3, a, e', () => {
    expect(encodeHash('0123456789abcdef')).toBe('gh2k456789');
  });
  it('sorts keys and escapes as Go', () => {
    expect(goJson({ b: '<&>', a: [1, null] })).toBe('{"a":[1,null],"b":"\\u003c\\u0026\\u003e"}');
  });
  it('hashes a ConfigMap with an empty name, as kustomize does', () => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg' },
      data: { a: '1', b: 'hello world' },
    };
    expect(contentHash(cm)).toBe('4mc96h7k26');
    expect(contentHash({ ...cm, metadata: { name: 'other' } })).toBe('4mc96h7k26');
  });
});

describe('generator sources', () => {
  it.each([
    ['a=1', ['a', '1']],
    ['a="quoted"', ['a', 'quoted']],
    ["a='x'", ['a', 'x']],
    ['a=b=c', ['a', 'b=c']],
  ])('literal %s', (src, want) => {
    expect(parseLiteral(src)).toEqual(want);
  });
  it('refuses a literal without a key', () => {
    expect(() => parseLiteral('=x')).toThrow('invalid literal source =x, expected key=value');
  });
  it('reads env files as kustomize does', () => {
    expect(parseEnvFile('\uFEFF# c\nA=1\n\n  B=x=y\nC\n')).toEqual([
      ['A', '1'],
      ['B', 'x=y'],
      ['C', ''],
    ]);
  });
});

describe('images', () => {
  it.each([
    ['nginx', { name: 'nginx', tag: '', digest: '' }],
    ['nginx:1.25', { name: 'nginx', tag: '1.25', digest: '' }],
    ['host:5000/a/b:v1', { name: 'host:5000/a/b', tag: 'v1', digest: '' }],
    ['a@sha256:00', { name: 'a', tag: '', digest: 'sha256:00' }],
    ['a:t@sha256:00', { name: 'a', tag: 't', digest: 'sha256:00' }],
  ])('split %s', (image, want) => {
    expect(splitImage(image)).toEqual(want);
  });
  it.each([
    ['nginx:1.25', { name: 'nginx', newTag: '1.27' }, 'nginx:1.27'],
    ['nginx:1.25', { name: 'nginx', newName: 'r/nginx' }, 'r/nginx:1.25'],
    ['nginx:1.25', { name: 'nginx', digest: 'sha256:1' }, 'nginx@sha256:1'],
    ['nginx@sha256:0', { name: 'nginx', newTag: 'x', digest: 'sha256:1' }, 'nginx:x@sha256:1'],
    ['nginxx:1', { name: 'nginx', newTag: '2' }, 'nginxx:1'],
  ])('update %s with %j', (image, entry, want) => {
    expect(updateImage(image, entry)).toBe(want);
  });
  it('reach containers and init containers anywhere', () => {
    const r = res({ kind: 'X', spec: { a: { initContainers: [{ image: 'nginx' }] } } });
    setImages([r], [{ name: 'nginx', newTag: '2' }]);
    expect(r.obj).toEqual({ kind: 'X', spec: { a: { initContainers: [{ image: 'nginx:2' }] } } });
  });
});

describe('namespace, prefix and suffix', () => {
  it('moves namespaced objects, renames Namespace objects, follows default subjects', () => {
    const rs = [
      res(service()),
      res({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } }),
      res({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' } }),
      res({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'b' },
        subjects: [
          { kind: 'ServiceAccount', name: 'default' },
          { kind: 'ServiceAccount', name: 'other' },
        ],
      }),
    ];
    setNamespace(rs, 'prod');
    expect(rs.map((r) => r.obj.metadata)).toEqual([
      { name: 'web', namespace: 'prod' },
      { name: 'prod' },
      { name: 'r' },
      { name: 'b' },
    ]);
    expect(rs[3]!.obj.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'default', namespace: 'prod' },
      { kind: 'ServiceAccount', name: 'other' },
    ]);
  });
  it('prefixes and suffixes all names but a Namespace, CRD or APIService, remembering the old name', () => {
    const rs = [res(service()), res({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } })];
    addPrefixSuffix(rs, 'p-', '-s');
    expect(rs.map((r) => [r.obj.metadata, r.prevNames, r.prefixes, r.suffixes])).toEqual([
      [{ name: 'p-web-s' }, ['web'], ['p-'], ['-s']],
      [{ name: 'n' }, [], [], []],
    ]);
  });
});

describe('labels and annotations', () => {
  it('commonLabels reach selectors and templates, and create a Service selector', () => {
    const d = res(deployment());
    const s = res(service());
    addCommonLabels([d, s], { env: 'prod' });
    expect(d.obj.metadata).toEqual({ name: 'web', labels: { env: 'prod' } });
    expect((d.obj.spec as JsonObject).selector).toEqual({ matchLabels: { app: 'web', env: 'prod' } });
    expect(((d.obj.spec as JsonObject).template as JsonObject).metadata).toEqual({
      labels: { app: 'web', env: 'prod' },
    });
    expect(s.obj.spec).toEqual({ selector: { env: 'prod' } });
  });
  it('labels without includeSelectors stay on metadata; includeTemplates adds templates', () => {
    const d = res(deployment());
    addLabels([d], [{ pairs: { a: '1' } }, { pairs: { b: '2' }, includeTemplates: true }]);
    expect(d.obj.metadata).toEqual({ name: 'web', labels: { a: '1', b: '2' } });
    expect((d.obj.spec as JsonObject).selector).toEqual({ matchLabels: { app: 'web' } });
    expect(((d.obj.spec as JsonObject).template as JsonObject).metadata).toEqual({
      labels: { app: 'web', b: '2' },
    });
  });
  it('commonAnnotations reach pod templates', () => {
    const d = res(deployment());
    addAnnotations([d], { team: 'x' });
    expect(d.obj.metadata).toEqual({ name: 'web', annotations: { team: 'x' } });
    expect(((d.obj.spec as JsonObject).template as JsonObject).metadata).toEqual({
      labels: { app: 'web' },
      annotations: { team: 'x' },
    });
  });
});

describe('replicas', () => {
  it('sets the count on workloads of that first or current name only', () => {
    const a = res(deployment('a'));
    const b = res(deployment('b'));
    setName(a, 'p-a');
    const s = res(service('a'));
    setReplicas([a, b, s], [{ name: 'a', count: 3 }]);
    expect([(a.obj.spec as JsonObject).replicas, (b.obj.spec as JsonObject).replicas, s.obj.spec]).toEqual([
      3,
      undefined,
      {},
    ]);
  });
});

describe('name references', () => {
  it('rewrite references to any earlier name, preferring the same prefixes', () => {
    const cm = res({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } });
    const other = res({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } });
    const d = res(deployment());
    (((d.obj.spec as JsonObject).template as JsonObject).spec as JsonObject).volumes = [
      { name: 'v', configMap: { name: 'cfg' } },
    ];
    addPrefixSuffix([cm, d], 'a-', '');
    addPrefixSuffix([other], 'b-', '');
    setName(cm, 'a-cfg-hash');
    fixNameReferences([other, cm, d]);
    expect((((d.obj.spec as JsonObject).template as JsonObject).spec as JsonObject).volumes).toEqual([
      { name: 'v', configMap: { name: 'a-cfg-hash' } },
    ]);
  });
  it('leave references to objects outside the build alone', () => {
    const d = res(deployment());
    (((d.obj.spec as JsonObject).template as JsonObject).spec as JsonObject).serviceAccountName = 'external';
    fixNameReferences([d]);
    expect((((d.obj.spec as JsonObject).template as JsonObject).spec as JsonObject).serviceAccountName).toBe(
      'external',
    );
  });
});

describe('legacy sort', () => {
  it('orders kinds by kustomize list, then gvk, then namespace and name', () => {
    const kinds = [
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingWebhookConfiguration',
        metadata: { name: 'h' },
      },
      deployment('b'),
      deployment('a'),
      service(),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' } },
    ];
    expect(
      legacySort(kinds.map(res)).map((r) => `${r.obj.kind}/${(r.obj.metadata as JsonObject).name}`),
    ).toEqual([
      'Namespace/n',
      'Service/web',
      'Deployment/a',
      'Deployment/b',
      'Job/j',
      'Widget/w',
      'ValidatingWebhookConfiguration/h',
    ]);
  });
});

describe('patch targets', () => {
  const r = res({
    ...deployment(),
    metadata: { name: 'web', labels: { app: 'web' }, annotations: { a: 'b' } },
  });
  setName(r, 'p-web');
  it.each([
    [{ kind: 'Deployment' }, true],
    [{ kind: 'Deploy' }, false],
    [{ name: 'web' }, true],
    [{ name: 'p-web' }, true],
    [{ name: 'we' }, false],
    [{ name: 'web|db' }, true],
    [{ group: 'apps', version: 'v1' }, true],
    [{ group: '' }, true],
    [{ namespace: 'default' }, true],
    [{ labelSelector: 'app=web' }, true],
    [{ labelSelector: 'app!=web' }, false],
    [{ annotationSelector: 'a=b' }, true],
  ])('%j selects: %s', (target, want) => {
    expect(selects(target, r)).toBe(want);
  });
});

describe('kustomization files', () => {
  it('refuse unknown fields and empty files with kustomize words', () => {
    expect(() => parseKustomization('resources: []\nbogus: 1\n', 'k')).toThrow(
      'invalid Kustomization: json: unknown field "bogus"',
    );
    expect(() => parseKustomization('# empty\n', 'k')).toThrow('kustomization.yaml is empty');
    expect(() => parseKustomization('kind: Kustomization\n', 'k')).toThrow('kustomization.yaml is empty');
  });
  it('warn for each deprecated field, in kustomize order', () => {
    const { warnings } = parseKustomization('patchesStrategicMerge: []\ncommonLabels: {}\nbases: []\n', 'k');
    expect(warnings).toEqual([
      "# Warning: 'bases' is deprecated. Please use 'resources' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
      "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
      "# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
    ]);
  });
});

describe('replacements', () => {
  const files = new KustomizeFiles('/nonexistent', true);
  const settings = () =>
    res({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings' },
      data: { n: '3', host: 'a.b.c' },
    });

  it('split field paths on dots outside brackets', () => {
    expect(splitFieldPath('spec.containers.[name=a.b].image')).toEqual([
      'spec',
      'containers',
      '[name=a.b]',
      'image',
    ]);
  });

  it('copy a value into every selected field, a scalar target keeping its type', () => {
    const d = res(deployment());
    const cm = settings();
    applyReplacements(
      files,
      [cm, d],
      [
        {
          source: { kind: 'ConfigMap', name: 'settings', fieldPath: 'data.n' },
          targets: [
            { select: { kind: 'Deploy.*' }, fieldPaths: ['spec.template.spec.containers.[name=c].image'] },
            {
              select: { kind: 'Deployment' },
              fieldPaths: ['spec.replicas', 'metadata.labels.n'],
              options: { create: true },
            },
          ],
        },
      ],
    );
    expect(d.obj.metadata).toEqual({ name: 'web', labels: { n: '3' } });
    expect((d.obj.spec as JsonObject).replicas).toBe('3');
    expect((((d.obj.spec as JsonObject).template as JsonObject).spec as JsonObject).containers).toEqual([
      { name: 'c', image: '3' },
    ]);
    (d.obj.spec as JsonObject).replicas = 1;
    applyReplacements(
      files,
      [cm, d],
      [
        {
          source: { kind: 'ConfigMap', fieldPath: 'data.n' },
          targets: [{ select: { kind: 'Deployment' }, fieldPaths: ['spec.replicas'] }],
        },
      ],
    );
    expect((d.obj.spec as JsonObject).replicas).toBe(3);
  });

  it('take and put one part of a delimited value', () => {
    const d = res(deployment());
    applyReplacements(
      files,
      [settings(), d],
      [
        {
          source: { kind: 'ConfigMap', fieldPath: 'data.host', options: { delimiter: '.', index: 1 } },
          targets: [
            {
              select: { kind: 'Deployment' },
              fieldPaths: ['spec.template.spec.containers.0.image'],
              options: { delimiter: ':', index: 1 },
            },
          ],
        },
      ],
    );
    expect((((d.obj.spec as JsonObject).template as JsonObject).spec as JsonObject).containers).toEqual([
      { name: 'c', image: 'nginx:b' },
    ]);
  });

  it('refuse a missing source or target field with kustomize words', () => {
    const d = res(deployment());
    const target = [{ select: { kind: 'Deployment' }, fieldPaths: ['spec.nope.x'] }];
    expect(() =>
      applyReplacements(files, [d], [{ source: { kind: 'ConfigMap', name: 'x' }, targets: target }]),
    ).toThrow('nothing selected by ConfigMap.[noVer].[noGrp]/x.[noNs]');
    expect(() =>
      applyReplacements(files, [settings(), d], [{ source: { kind: 'ConfigMap' }, targets: target }]),
    ).toThrow('unable to find field "spec.nope.x" in replacement target');
  });
});
