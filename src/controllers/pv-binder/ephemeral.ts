// The ephemeral volume controller: a pod's `ephemeral.volumeClaimTemplate` becomes a claim
// `<pod>-<volume>` owned by the pod, so the garbage collector removes it with the pod.
import { POD } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { isAlreadyExists } from '../common/errors.js';
import { type Controller, type ControllerContext, keyOf, splitKey } from '../controller.js';

const hasEphemeral = (pod: KObject) => (pod.spec?.volumes ?? []).some((v: any) => v.ephemeral);

/** The claims a pod's ephemeral volumes need (Kubernetes' ephemeral.VolumeClaimName and template). */
export function ephemeralClaims(pod: KObject): KObject[] {
  return (pod.spec?.volumes ?? [])
    .filter((v: any) => v.ephemeral?.volumeClaimTemplate)
    .map((v: any) => {
      const template = v.ephemeral.volumeClaimTemplate;
      return {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name: `${pod.metadata.name}-${v.name}`,
          namespace: pod.metadata.namespace,
          ...(template.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
          ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
          ownerReferences: [
            {
              apiVersion: 'v1',
              kind: 'Pod',
              name: pod.metadata.name,
              uid: pod.metadata.uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: structuredClone(template.spec ?? {}),
      };
    });
}

export function ephemeralVolumeController(ctx: ControllerContext): Controller {
  const { registry } = ctx;
  return {
    name: 'ephemeral-volume-controller',
    watches: [
      {
        kind: POD,
        keys: (pod) => (hasEphemeral(pod) && !pod.metadata.deletionTimestamp ? [keyOf(pod)] : []),
      },
    ],
    resyncKeys: () => registry.list(POD).filter(hasEphemeral).map(keyOf),
    async reconcile(key) {
      const [ns, name] = splitKey(key);
      const pod = registry.get(POD, ns, name);
      if (!pod || pod.metadata.deletionTimestamp) return {};
      for (const claim of ephemeralClaims(pod)) {
        try {
          await registry.create(claim);
        } catch (e) {
          if (!isAlreadyExists(e)) {
            await ctx.recordEvent({
              object: pod,
              type: 'Warning',
              reason: 'FailedBinding',
              message: `create PVC ${claim.metadata.name}: ${(e as Error).message}`,
            });
          }
        }
      }
      return {};
    },
  };
}
