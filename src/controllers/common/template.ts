// A pod made from a controller's pod template (`controller.GetPodFromTemplate`): the template's
// labels, annotations and finalizers, `generateName: <owner>-` and a controller reference. The
// registry adds the defaults when the pod is created.
import type { KObject } from '../../api/types.js';
import { controllerRef } from './owners.js';

export function podFromTemplate(owner: KObject, template: KObject['spec']): KObject {
  const prefix = `${owner.metadata.name}-`;
  const meta = template?.metadata ?? {};
  const pod: KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: prefix,
      namespace: owner.metadata.namespace,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    spec: structuredClone(template?.spec ?? {}),
  };
  return pod;
}
