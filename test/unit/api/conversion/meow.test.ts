// The seed's meow manifest (extensions/v1beta1 Deployment + v1 Service + extensions/v1beta1
// Ingress, test/e2e/fixtures/meow.yaml) goes through decode -> convert -> default -> validate.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  convertToStorageVersion,
  legacyDecodeSchema,
  storageKindFor,
} from '../../../../src/api/conversion/index.js';
import { applyDefaults } from '../../../../src/api/defaults.js';
import { parseManifest } from '../../../../src/api/manifest.js';
import { checkSchema } from '../../../../src/api/schema/check.js';
import type { KObject } from '../../../../src/api/types.js';
import { validateObject } from '../../../../src/api/validation.js';

const FIXTURE = 'test/e2e/fixtures/meow.yaml';
const docs = parseManifest(readFileSync(FIXTURE, 'utf8'), FIXTURE).map((d) => d.object as KObject);
const [deployment, service, ingress] = docs as [KObject, KObject, KObject];

describe('the meow seed manifest', () => {
  it('holds an extensions/v1beta1 Deployment, a v1 Service and an extensions/v1beta1 Ingress', () =>
    expect(docs.map((d) => `${d.apiVersion} ${d.kind} ${d.metadata.name}`)).toEqual([
      'extensions/v1beta1 Deployment meow',
      'v1 Service meow-svc',
      'extensions/v1beta1 Ingress meow-ingress',
    ]));

  it('decodes strictly in the old versions: no unknown fields, no type errors', () => {
    for (const d of [deployment, ingress]) {
      expect(checkSchema(d, d.kind, legacyDecodeSchema(d.apiVersion, d.kind))).toEqual({
        unknown: [],
        required: [],
      });
    }
  });

  it('converts the Deployment to apps/v1 with the extensions/v1beta1 defaults', () =>
    expect(convertToStorageVersion(deployment)).toEqual({
      obj: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'meow', labels: { app: 'meow' } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'meow' } },
          template: {
            metadata: { labels: { app: 'meow' } },
            spec: {
              containers: [
                { name: 'meow', image: 'kennship/http-echo:latest', ports: [{ containerPort: 3000 }] },
              ],
            },
          },
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } },
          progressDeadlineSeconds: 2147483647,
          revisionHistoryLimit: 2147483647,
        },
      },
      warnings: [
        'extensions/v1beta1 Deployment is deprecated in v1.8+, unavailable in v1.16+; use apps/v1 Deployment',
      ],
    }));

  it('leaves the v1 Service alone', () => expect(convertToStorageVersion(service)).toBeUndefined());

  it('converts the Ingress to networking.k8s.io/v1: service backend, ImplementationSpecific paths', () =>
    expect(convertToStorageVersion(ingress)).toEqual({
      obj: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        // The seed writes the value with backslashes: a plain YAML scalar keeps them.
        metadata: {
          name: 'meow-ingress',
          annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': '\\"false\\"' },
        },
        spec: {
          rules: [
            {
              http: {
                paths: [
                  {
                    path: '/meow',
                    pathType: 'ImplementationSpecific',
                    backend: { service: { name: 'meow-svc', port: { number: 80 } } },
                  },
                ],
              },
            },
          ],
        },
      },
      warnings: [
        'extensions/v1beta1 Ingress is deprecated in v1.14+, unavailable in v1.22+; use networking.k8s.io/v1 Ingress',
      ],
    }));

  it('resolves each document to the kind it is stored as', () =>
    expect(docs.map((d) => storageKindFor(d.apiVersion, d.kind)?.plural)).toEqual([
      'deployments',
      'services',
      'ingresses',
    ]));

  it('passes the current schema and validation once converted and defaulted', () => {
    for (const d of docs) {
      const stored = applyDefaults(convertToStorageVersion(d)?.obj ?? d);
      const namespaced = storageKindFor(d.apiVersion, d.kind)!.namespaced;
      expect({
        name: d.metadata.name,
        schema: checkSchema(stored, stored.kind),
        errors: validateObject(stored, namespaced),
      }).toEqual({ name: d.metadata.name, schema: { unknown: [], required: [] }, errors: [] });
    }
  });

  it('leaves the parsed documents unchanged', () => {
    const before = structuredClone(docs);
    for (const d of docs) convertToStorageVersion(d);
    expect(docs).toEqual(before);
  });
});
