// Update rules (ValidatePodUpdate, ValidateDeploymentUpdate, ...): what may not change once an
// object exists. Pure; upstream wording.
import { deepEqual } from './apply-merge.js';
import type { FieldError } from './field-errors.js';
import type { KObject } from './types.js';
import { validateConfigUpdate } from './validation-config.js';

const POD_UPDATE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

const STS_UPDATE =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

/** A pod spec with the mutable fields blanked, to compare the rest. */
function podSpecShape(spec: any): unknown {
  const s = structuredClone(spec ?? {});
  for (const c of [...(s.containers ?? []), ...(s.initContainers ?? [])]) delete c.image;
  delete s.activeDeadlineSeconds;
  delete s.tolerations;
  delete s.terminationGracePeriodSeconds;
  return s;
}

function immutable(errs: FieldError[], path: string[], next: unknown, prev: unknown): void {
  if (!deepEqual(next, prev))
    errs.push({ type: 'Invalid', path, value: next ?? null, detail: 'field is immutable' });
}

export function validateUpdate(next: KObject, live: KObject): FieldError[] {
  const errs: FieldError[] = [];
  switch (next.kind) {
    case 'Pod':
      if (!deepEqual(podSpecShape(next.spec), podSpecShape(live.spec))) {
        errs.push({ type: 'Forbidden', path: ['spec'], detail: POD_UPDATE });
      }
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
      immutable(errs, ['spec', 'selector'], next.spec?.selector, live.spec?.selector);
      break;
    case 'StatefulSet': {
      const shape = (s: any) => {
        const {
          replicas,
          ordinals,
          template,
          updateStrategy,
          persistentVolumeClaimRetentionPolicy,
          minReadySeconds,
          ...rest
        } = s ?? {};
        return rest;
      };
      if (!deepEqual(shape(next.spec), shape(live.spec)))
        errs.push({ type: 'Forbidden', path: ['spec'], detail: STS_UPDATE });
      break;
    }
    case 'Job':
      immutable(errs, ['spec', 'selector'], next.spec?.selector, live.spec?.selector);
      immutable(errs, ['spec', 'template'], next.spec?.template, live.spec?.template);
      break;
    case 'Service':
      // Immutable while both need one: a type change to ExternalName releases it.
      if (
        live.spec?.clusterIP &&
        next.spec?.type !== 'ExternalName' &&
        next.spec?.clusterIP !== live.spec.clusterIP
      ) {
        immutable(errs, ['spec', 'clusterIP'], next.spec?.clusterIP ?? '', live.spec.clusterIP);
      }
      break;
    case 'ConfigMap':
    case 'Secret':
      errs.push(...validateConfigUpdate(next, live));
      break;
    case 'PersistentVolumeClaim': {
      const { resources: _a, volumeAttributesClassName: _va, ...a } = next.spec ?? {};
      const { resources: _b, volumeAttributesClassName: _vb, ...b } = live.spec ?? {};
      // Binding sets volumeName once (ValidatePersistentVolumeClaimUpdate).
      if (!b.volumeName) delete a.volumeName;
      if (!deepEqual(a, b)) {
        errs.push({
          type: 'Forbidden',
          path: ['spec'],
          detail:
            'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
        });
      }
      break;
    }
  }
  return errs;
}
