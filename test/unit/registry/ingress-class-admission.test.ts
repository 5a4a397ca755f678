// The DefaultIngressClass admission step: the pure choice of the default class, then Ingresses
// written through the registry of a real temp home, each case as (classes, Ingress written) ->
// spec.ingressClassName stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IngressClass } from 'kubernetes-types/networking/v1.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookupKind } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { Registry } from '../../../src/registry/registry.js';
import { openHome } from '../../../src/registry/service-network.js';
import { defaultClassOf } from '../../../src/registry/strategies/ingress.js';

const INGRESS = lookupKind('ingresses')!;
const DEFAULT = { 'ingressclass.kubernetes.io/is-default-class': 'true' };

const klass = (
  name: string,
  annotations?: Record<string, string>,
  creationTimestamp?: string,
): IngressClass => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: {
    name,
    ...(annotations ? { annotations } : {}),
    ...(creationTimestamp ? { creationTimestamp } : {}),
  },
  spec: { controller: `example.com/${name}` },
});

describe('defaultClassOf', () => {
  it('is the one annotated "true"; among several the newest, then the first name', () =>
    expect([
      defaultClassOf([]),
      defaultClassOf([klass('a'), klass('b', { 'ingressclass.kubernetes.io/is-default-class': 'True' })]),
      defaultClassOf([klass('a'), klass('mkube', DEFAULT)]),
      defaultClassOf([
        klass('old', DEFAULT, '2026-01-01T00:00:00Z'),
        klass('new', DEFAULT, '2026-02-01T00:00:00Z'),
        klass('newest-but-not-default', {}, '2026-03-01T00:00:00Z'),
      ]),
      defaultClassOf([
        klass('zeta', DEFAULT, '2026-01-01T00:00:00Z'),
        klass('alpha', DEFAULT, '2026-01-01T00:00:00Z'),
      ]),
    ]).toEqual([undefined, undefined, 'mkube', 'new', 'alpha']));
});

let root: string;
let registry: Registry;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'mkube-unit-ingclass-'));
  process.env.MKUBE_RANGE_CLAIMS_DIR = join(root, 'claims');
  registry = new Registry(openHome(join(root, 'home')));
});
afterEach(() => {
  delete process.env.MKUBE_RANGE_CLAIMS_DIR;
  rmSync(root, { recursive: true, force: true });
});

const ingress = (
  name: string,
  extra: { className?: string; annotations?: Record<string, string> } = {},
): KObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
  spec: {
    ...(extra.className !== undefined ? { ingressClassName: extra.className } : {}),
    defaultBackend: { service: { name: 'web', port: { number: 80 } } },
  },
});

const classOf = (name: string) => registry.get(INGRESS, 'default', name)?.spec?.ingressClassName ?? '<none>';

describe('Ingress create through the registry', () => {
  it('fills in the default class only when the Ingress names none and a default exists', async () => {
    await registry.create(ingress('before-any-class'));
    await registry.create(klass('other') as KObject);
    await registry.create(ingress('no-default-yet'));
    await registry.create(klass('mkube', DEFAULT) as KObject);
    await registry.create(ingress('plain'));
    await registry.create(ingress('named', { className: 'other' }));
    await registry.create(ingress('legacy-empty', { annotations: { 'kubernetes.io/ingress.class': '' } }));
    await registry.create(ingress('legacy', { annotations: { 'kubernetes.io/ingress.class': 'nginx' } }));
    await registry.create({
      apiVersion: 'extensions/v1beta1',
      kind: 'Ingress',
      metadata: { name: 'seed-style' },
      spec: { backend: { serviceName: 'web', servicePort: 80 } },
    });
    const dry = await registry.create(ingress('dry'), { dryRun: true });
    const names = [
      'before-any-class',
      'no-default-yet',
      'plain',
      'named',
      'legacy-empty',
      'legacy',
      'seed-style',
    ];
    expect({
      stored: Object.fromEntries(names.map((n) => [n, classOf(n)])),
      dryRun: dry.spec?.ingressClassName,
    }).toEqual({
      stored: {
        'before-any-class': '<none>',
        'no-default-yet': '<none>',
        plain: 'mkube',
        named: 'other',
        'legacy-empty': '<none>',
        legacy: '<none>',
        'seed-style': 'mkube',
      },
      dryRun: 'mkube',
    });
  });

  it('leaves an update alone: a replace without a class keeps none (the plugin admits creates only)', async () => {
    await registry.create(klass('mkube', DEFAULT) as KObject);
    await registry.create(ingress('web'));
    const live = registry.get(INGRESS, 'default', 'web')!;
    const { ingressClassName: _, ...spec } = live.spec as Record<string, unknown>;
    await registry.update({ ...live, spec });
    await registry.patch(
      INGRESS,
      'default',
      'web',
      'merge',
      JSON.stringify({ metadata: { labels: { a: 'b' } } }),
    );
    expect(classOf('web')).toBe('<none>');
  });
});
