// Re-applying an old-version manifest: kubectl keeps the manifest as written (old version) in the
// last-applied annotation, and the three-way merge runs on both sides converted with their fields
// mapped but NOT defaulted, against the stored (apps/v1, networking.k8s.io/v1) live object; then
// the old version's defaults fill what the merge left absent, as the API server's decode does.
import { describe, expect, it } from 'vitest';
import {
  type ConvertOptions,
  convertToStorageVersion,
  legacyDefaults,
} from '../../../../src/api/conversion/index.js';
import { applyDefaults } from '../../../../src/api/defaults.js';
import { createThreeWayMergePatch, strategicMergePatch } from '../../../../src/api/patch/index.js';
import type { KObject } from '../../../../src/api/types.js';
import { withChange, workload } from './fixtures.js';

const convert = (o: KObject, opts?: ConvertOptions) => convertToStorageVersion(o, opts)!.obj;
/** What a create stores: converted with the old defaults, then the stored version's. */
const created = (o: KObject) => applyDefaults(convert(o));
const reapply = (original: KObject, modified: KObject, live: KObject, opts: ConvertOptions) =>
  legacyDefaults(merge3(convert(original, opts), convert(modified, opts), live), modified.apiVersion);

/** The strategic three-way merge client-side apply computes. */
function merge3(original: KObject, modified: KObject, live: KObject): KObject {
  const patch = createThreeWayMergePatch(original as never, modified as never, live as never, live.kind);
  return strategicMergePatch(live as never, patch, live.kind) as KObject;
}

describe('re-applying an old manifest', () => {
  const deployment = workload('extensions/v1beta1', 'Deployment');
  const scaled = withChange(created(deployment), (o) => {
    o.spec.replicas = 5;
  });

  it('keeps a scale the manifest never mentioned when the fields are only mapped', () =>
    expect(reapply(deployment, deployment, scaled, { defaults: false })).toEqual(scaled));

  it('would undo that scale if the old defaults were merged too (why defaults: false exists)', () =>
    expect(reapply(deployment, deployment, scaled, {})).toEqual(
      withChange(scaled, (o) => {
        o.spec.replicas = 1;
      }),
    ));

  const ingress: KObject = {
    apiVersion: 'extensions/v1beta1',
    kind: 'Ingress',
    metadata: { name: 'ing' },
    spec: { rules: [{ http: { paths: [{ path: '/', backend: { serviceName: 's', servicePort: 80 } }] } }] },
  };
  const moved = withChange(ingress, (o) => {
    o.spec.rules[0].http.paths[0].backend.servicePort = 'http';
  });

  it('moves a changed servicePort into service.port; the replaced paths list gets its pathType again', () =>
    expect(reapply(ingress, moved, created(ingress), { defaults: false })).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'ing' },
      spec: {
        rules: [
          {
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'ImplementationSpecific',
                  backend: { service: { name: 's', port: { name: 'http' } } },
                },
              ],
            },
          },
        ],
      },
    }));
});
