// One claim's step of the PV controller (syncUnboundClaim / syncBoundClaim in Kubernetes'
// pkg/controller/volume/persistentvolume): decide, from the claim, every volume and every
// class, what to do — bind, provision, wait or mark lost — and which events say so. Pure.
import {
  ANN_BIND_COMPLETED,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  bindingMode,
  claimClass,
  MKUBE_PROVISIONER,
} from '../../api/storage.js';
import type { KObject } from '../../api/types.js';
import { capacityOf, findBestMatch, isPreBoundTo, mismatch, requestedSize } from '../../api/volume-match.js';
import { provisionedVolume } from './provision.js';

export interface BinderEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** The event source; the controller's own name when unset. */
  component?: string;
}

export type ClaimAction =
  /** Bind claim and volume to each other (both sides, idempotent). */
  | { type: 'bind'; volume: string }
  | { type: 'phase'; phase: 'Pending' | 'Lost' }
  /** Record the provisioner on the claim (volume.kubernetes.io/storage-provisioner and beta). */
  | { type: 'annotate-provisioner'; provisioner: string }
  /** Create the volume mkube's provisioner made for the claim. */
  | { type: 'create-volume'; volume: KObject }
  /** Grow the bound volume to the claim's new request (allowVolumeExpansion). */
  | { type: 'expand'; volume: string; storage: string }
  | { type: 'event'; event: BinderEvent };

export interface ClaimSyncInput {
  claim: KObject;
  volumes: readonly KObject[];
  classes: readonly KObject[];
  /** The node an Immediate claim's volume is made on (the one node). */
  nodeName: string;
  /** Where provisioned volumes keep their data. */
  volumesDir: string;
}

const event = (
  type: BinderEvent['type'],
  reason: string,
  message: string,
  component?: string,
): ClaimAction => ({
  type: 'event',
  event: { type, reason, message, ...(component ? { component } : {}) },
});
const pending: ClaimAction = { type: 'phase', phase: 'Pending' };
const lost: ClaimAction = { type: 'phase', phase: 'Lost' };

/** The claim's actions, in order. */
export function computeClaimSync(input: ClaimSyncInput): ClaimAction[] {
  const { claim } = input;
  if (claim.metadata.annotations?.[ANN_BIND_COMPLETED]) return syncBound(input);
  if (claim.spec?.volumeName) return syncPreBound(input);
  return syncUnbound(input);
}

/** A claim that asks for no particular volume: find one, provision one, or wait. */
function syncUnbound({ claim, volumes, classes, nodeName, volumesDir }: ClaimSyncInput): ClaimAction[] {
  const cls = claimClass(claim);
  const sc = cls ? classes.find((c) => c.metadata.name === cls) : undefined;
  const selectedNode = claim.metadata.annotations?.[ANN_SELECTED_NODE];
  const waitForConsumer = bindingMode(sc) === 'WaitForFirstConsumer' && !selectedNode;
  const match = findBestMatch(claim, volumes, waitForConsumer);
  if (match) return [{ type: 'bind', volume: match.metadata.name! }];
  if (waitForConsumer) {
    return [
      event('Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding'),
      pending,
    ];
  }
  if (!cls) {
    return [
      event(
        'Normal',
        'FailedBinding',
        'no persistent volumes available for this claim and no storage class is set',
      ),
      pending,
    ];
  }
  if (!sc) {
    return [
      event('Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${cls}" not found`),
      pending,
    ];
  }
  const provisioner: string = sc.provisioner;
  const actions: ClaimAction[] = [];
  if (claim.metadata.annotations?.[ANN_STORAGE_PROVISIONER] !== provisioner)
    actions.push({ type: 'annotate-provisioner', provisioner });
  actions.push(
    event(
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    ),
  );
  if (provisioner === MKUBE_PROVISIONER) {
    const volume = provisionedVolume({ claim, sc, nodeName: selectedNode ?? nodeName, volumesDir });
    if (!volumes.some((v) => v.metadata.name === volume.metadata.name)) {
      const claimKey = `${claim.metadata.namespace}/${claim.metadata.name}`;
      actions.push(
        event(
          'Normal',
          'Provisioning',
          `External provisioner is provisioning volume for claim "${claimKey}"`,
          provisioner,
        ),
        { type: 'create-volume', volume },
        event(
          'Normal',
          'ProvisioningSucceeded',
          `Successfully provisioned volume ${volume.metadata.name}`,
          provisioner,
        ),
      );
    }
  }
  actions.push(pending);
  return actions;
}

/** A claim that names its volume (spec.volumeName) but is not bound yet. */
function syncPreBound({ claim, volumes }: ClaimSyncInput): ClaimAction[] {
  const name: string = claim.spec.volumeName;
  const pv = volumes.find((v) => v.metadata.name === name);
  if (!pv) return [pending];
  if (!pv.spec?.claimRef) {
    const why = mismatch(pv, claim);
    if (why)
      return [
        event('Warning', 'VolumeMismatch', `Cannot bind to requested volume "${name}": ${why}`),
        pending,
      ];
    return [{ type: 'bind', volume: name }];
  }
  if (isPreBoundTo(pv, claim)) return [{ type: 'bind', volume: name }];
  return [event('Warning', 'FailedBinding', `volume "${name}" already bound to a different claim.`), pending];
}

/** A claim bound once: keep it so, or say it lost its volume. */
function syncBound({ claim, volumes, classes }: ClaimSyncInput): ClaimAction[] {
  const name: string | undefined = claim.spec?.volumeName;
  const wasLost = claim.status?.phase === 'Lost';
  if (!name) {
    if (wasLost) return [];
    return [
      event(
        'Warning',
        'ClaimLost',
        'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!',
      ),
      lost,
    ];
  }
  const pv = volumes.find((v) => v.metadata.name === name);
  if (!pv) {
    if (wasLost) return [];
    return [
      event('Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!'),
      lost,
    ];
  }
  const ref = pv.spec?.claimRef;
  if (!ref || ref.uid === claim.metadata.uid)
    return [...expand(claim, pv, classes), { type: 'bind', volume: name }];
  if (wasLost) return [];
  return [
    event(
      'Warning',
      'ClaimMisbound',
      'Two claims are bound to the same volume, this one is bound incorrectly',
    ),
    lost,
  ];
}

/** A bound claim that asks for more than its volume holds grows it, when its class allows. */
function expand(claim: KObject, pv: KObject, classes: readonly KObject[]): ClaimAction[] {
  const storage = claim.spec?.resources?.requests?.storage;
  if (requestedSize(claim) <= capacityOf(pv)) return [];
  const sc = classes.find((c) => c.metadata.name === claimClass(claim));
  if (sc?.allowVolumeExpansion !== true) return [];
  const resizer = sc.provisioner as string;
  return [
    event(
      'Normal',
      'Resizing',
      `External resizer is resizing volume ${pv.metadata.name}`,
      `external-resizer ${resizer}`,
    ),
    { type: 'expand', volume: pv.metadata.name!, storage },
    event('Normal', 'VolumeResizeSuccessful', 'Resize volume succeeded', `external-resizer ${resizer}`),
  ];
}
