// controller.PodControl's delete, shared by the controllers that own pods: delete the pod (by uid,
// so a pod made again under the same name is left alone) and record SuccessfulDelete on its owner.
import { POD } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import type { ControllerContext } from '../controller.js';
import { isNotFound } from './errors.js';

/** Deletes `pod` for `owner`; false when it was already gone, other errors are thrown. */
export async function deleteOwnedPod(ctx: ControllerContext, owner: KObject, pod: KObject): Promise<boolean> {
  try {
    await ctx.registry.delete(POD, pod.metadata.namespace, pod.metadata.name!, { uid: pod.metadata.uid });
  } catch (e) {
    if (isNotFound(e)) return false;
    throw e;
  }
  await ctx.recordEvent({
    object: owner,
    type: 'Normal',
    reason: 'SuccessfulDelete',
    message: `Deleted pod: ${pod.metadata.name}`,
  });
  return true;
}
