// The PV controller (kube-controller-manager's persistentvolume-binder, with mkube's provisioner
// and the pvc/pv-protection controllers folded in): each key is one claim or one volume; the
// pure steps in claim-sync.ts and volume-sync.ts decide, this file carries the actions out.
import { join } from 'node:path';
import { lookupKind, NODE, POD } from '../../api/kinds.js';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_STORAGE_PROVISIONER,
  PV_PROTECTION,
  PVC_PROTECTION,
  podClaimNames,
  podHoldsVolumes,
} from '../../api/storage.js';
import type { KObject } from '../../api/types.js';
import { isPreBoundTo } from '../../api/volume-match.js';
import type { Controller, ControllerContext, ReconcileResult } from '../controller.js';
import { type BinderEvent, type ClaimAction, computeClaimSync } from './claim-sync.js';
import { hostVolumeData, type VolumeData } from './volume-data.js';
import { computeVolumeSync, type VolumeAction } from './volume-sync.js';

export const PVC = lookupKind('persistentvolumeclaims')!;
export const PV = lookupKind('persistentvolumes')!;
export const STORAGE_CLASS = lookupKind('storageclasses')!;

/** The PV controller's resync period: a repeated event (still waiting, ...) is recorded at most this often. */
const EVENT_REPEAT_MS = 15_000;

const claimKey = (ns: string | undefined, name: string) => `claim/${ns}/${name}`;
const volumeKey = (name: string) => `volume/${name}`;

export function pvController(ctx: ControllerContext, data: VolumeData = hostVolumeData): Controller {
  const { registry } = ctx;
  const volumesDir = join(registry.home, 'volumes');
  const nodeName = () => registry.list(NODE)[0]?.metadata.name ?? 'mkube';
  const clock = () => ctx.now?.() ?? Date.now();
  const now = () => new Date(clock()).toISOString().replace(/\.\d+Z$/, 'Z');
  // Our reconciles run every resync (2 s); Kubernetes' every 15 s: repeat its events at its pace.
  const lastEvent = new Map<string, number>();
  const recordEvent = async (object: KObject, event: BinderEvent) => {
    const key = `${object.metadata.uid}/${event.reason}/${event.message}`;
    const last = lastEvent.get(key);
    if (last !== undefined && clock() - last < EVENT_REPEAT_MS) return;
    if (lastEvent.size > 10_000) lastEvent.clear();
    lastEvent.set(key, clock());
    await ctx.recordEvent({ object, ...event });
  };

  async function reconcileClaim(ns: string, name: string): Promise<ReconcileResult> {
    const claim = registry.get(PVC, ns, name);
    if (!claim) return {};
    if (claim.metadata.deletionTimestamp) return releaseProtectedClaim(claim);
    const actions = computeClaimSync({
      claim,
      volumes: registry.list(PV),
      classes: registry.list(STORAGE_CLASS),
      nodeName: nodeName(),
      volumesDir,
    });
    for (const action of actions) await runClaimAction(claim, action);
    return {};
  }

  /** kubernetes.io/pvc-protection: the finalizer goes once no running pod uses the claim. */
  async function releaseProtectedClaim(claim: KObject): Promise<ReconcileResult> {
    if (!claim.metadata.finalizers?.includes(PVC_PROTECTION)) return {};
    const name = claim.metadata.name!;
    const inUse = registry
      .list(POD, { namespace: claim.metadata.namespace })
      .some((pod) => podHoldsVolumes(pod) && podClaimNames(pod).includes(name));
    if (inUse) return {};
    await registry.mutate(PVC, claim.metadata.namespace, name, (cur) =>
      cur.metadata.uid !== claim.metadata.uid
        ? undefined
        : {
            ...cur,
            metadata: {
              ...cur.metadata,
              finalizers: cur.metadata.finalizers!.filter((f) => f !== PVC_PROTECTION),
            },
          },
    );
    return {};
  }

  async function runClaimAction(claim: KObject, action: ClaimAction): Promise<void> {
    const ns = claim.metadata.namespace!;
    const name = claim.metadata.name!;
    switch (action.type) {
      case 'event':
        return recordEvent(claim, action.event);
      case 'phase':
        await registry.mutate(
          PVC,
          ns,
          name,
          (cur) =>
            cur.metadata.uid !== claim.metadata.uid || cur.status?.phase === action.phase
              ? undefined
              : { ...cur, status: { ...cur.status, phase: action.phase } },
          { subresource: 'status' },
        );
        return;
      case 'annotate-provisioner':
        await registry.mutate(PVC, ns, name, (cur) =>
          cur.metadata.uid !== claim.metadata.uid
            ? undefined
            : {
                ...cur,
                metadata: {
                  ...cur.metadata,
                  annotations: {
                    ...cur.metadata.annotations,
                    [ANN_BETA_STORAGE_PROVISIONER]: action.provisioner,
                    [ANN_STORAGE_PROVISIONER]: action.provisioner,
                  },
                },
              },
        );
        return;
      case 'create-volume':
        await registry.create(action.volume).catch((e) => {
          if ((e as { reason?: string }).reason !== 'AlreadyExists') throw e;
        });
        return;
      case 'bind':
        return bind(claim, action.volume);
      case 'expand':
        await registry.mutate(PV, undefined, action.volume, (cur) => ({
          ...cur,
          spec: { ...cur.spec, capacity: { ...cur.spec?.capacity, storage: action.storage } },
        }));
        return;
    }
  }

  /** Both halves of a binding (bindVolumeToClaim, then bindClaimToVolume), each idempotent. */
  async function bind(claim: KObject, volumeName: string): Promise<void> {
    const uid = claim.metadata.uid;
    const pv =
      (await registry.mutate(PV, undefined, volumeName, (cur) => {
        const ref = cur.spec?.claimRef;
        if (ref?.uid === uid) return undefined;
        if (ref && !isPreBoundTo(cur, claim)) return undefined;
        return {
          ...cur,
          metadata: ref
            ? cur.metadata
            : {
                ...cur.metadata,
                annotations: { ...cur.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' },
              },
          spec: {
            ...cur.spec,
            claimRef: {
              apiVersion: 'v1',
              kind: 'PersistentVolumeClaim',
              name: claim.metadata.name,
              namespace: claim.metadata.namespace,
              resourceVersion: claim.metadata.resourceVersion,
              uid,
            },
          },
        };
      })) ?? registry.get(PV, undefined, volumeName);
    if (!pv || pv.spec?.claimRef?.uid !== uid) return;
    await setVolumePhase(pv, 'Bound');
    const ns = claim.metadata.namespace;
    const name = claim.metadata.name!;
    await registry.mutate(PVC, ns, name, (cur) => {
      if (cur.metadata.uid !== uid) return undefined;
      if (cur.spec?.volumeName === volumeName && cur.metadata.annotations?.[ANN_BIND_COMPLETED])
        return undefined;
      const annotations: Record<string, string> = {
        ...cur.metadata.annotations,
        [ANN_BIND_COMPLETED]: 'yes',
      };
      if (!cur.spec?.volumeName) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
      return { ...cur, metadata: { ...cur.metadata, annotations }, spec: { ...cur.spec, volumeName } };
    });
    await registry.mutate(
      PVC,
      ns,
      name,
      (cur) => {
        if (cur.metadata.uid !== uid) return undefined;
        const status = {
          ...cur.status,
          phase: 'Bound',
          accessModes: [...(pv.spec?.accessModes ?? [])],
          capacity: { ...pv.spec?.capacity },
        };
        return JSON.stringify(status) === JSON.stringify(cur.status) ? undefined : { ...cur, status };
      },
      { subresource: 'status' },
    );
  }

  async function setVolumePhase(pv: KObject, phase: string, message?: string): Promise<void> {
    await registry.mutate(
      PV,
      undefined,
      pv.metadata.name!,
      (cur) => {
        if (cur.metadata.uid !== pv.metadata.uid) return undefined;
        if (cur.status?.phase === phase && cur.status?.message === message) return undefined;
        const { message: _m, ...rest } = cur.status ?? {};
        return {
          ...cur,
          status: {
            ...rest,
            phase,
            ...(message ? { message } : {}),
            ...(cur.status?.phase !== phase ? { lastPhaseTransitionTime: now() } : {}),
          },
        };
      },
      { subresource: 'status' },
    );
  }

  async function reconcileVolume(name: string): Promise<ReconcileResult> {
    const pv = registry.get(PV, undefined, name);
    if (!pv) return {};
    if (pv.metadata.deletionTimestamp) {
      // kubernetes.io/pv-protection: a volume bound to a claim stays until it is not.
      if (pv.metadata.finalizers?.includes(PV_PROTECTION) && pv.status?.phase !== 'Bound') {
        await registry.mutate(PV, undefined, name, (cur) => ({
          ...cur,
          metadata: {
            ...cur.metadata,
            finalizers: cur.metadata.finalizers!.filter((f) => f !== PV_PROTECTION),
          },
        }));
      }
      return {};
    }
    const ref = pv.spec?.claimRef;
    const claim = ref ? registry.get(PVC, ref.namespace, ref.name) : undefined;
    for (const action of computeVolumeSync(pv, claim)) await runVolumeAction(pv, action);
    return {};
  }

  async function runVolumeAction(pv: KObject, action: VolumeAction): Promise<void> {
    const name = pv.metadata.name!;
    switch (action.type) {
      case 'event':
        return recordEvent(pv, action.event);
      case 'phase':
        return setVolumePhase(pv, action.phase, action.message);
      case 'unbind':
        await registry.mutate(PV, undefined, name, (cur) => {
          if (cur.metadata.uid !== pv.metadata.uid || !cur.spec?.claimRef) return undefined;
          const { [ANN_BOUND_BY_CONTROLLER]: _b, ...annotations } = cur.metadata.annotations ?? {};
          const { claimRef, ...spec } = cur.spec;
          const { uid: _u, resourceVersion: _r, ...kept } = claimRef;
          return {
            ...cur,
            metadata: { ...cur.metadata, annotations },
            spec: action.keepName ? { ...spec, claimRef: kept } : spec,
          };
        });
        return;
      case 'remove-data':
        return data.remove(action.path);
      case 'wipe-data':
        return data.wipe(action.path);
      case 'delete-volume':
        await registry.delete(PV, undefined, name).catch(() => undefined);
        return;
    }
  }

  return {
    name: 'persistentvolume-controller',
    watches: [
      {
        kind: PVC,
        keys: (c) => [
          claimKey(c.metadata.namespace, c.metadata.name!),
          ...(c.spec?.volumeName ? [volumeKey(c.spec.volumeName)] : []),
        ],
      },
      {
        kind: PV,
        keys: (v) => {
          const ref = v.spec?.claimRef;
          return [volumeKey(v.metadata.name!), ...(ref ? [claimKey(ref.namespace, ref.name)] : [])];
        },
      },
      // A pod that goes away may release a claim held by pvc-protection.
      { kind: POD, keys: (p) => podClaimNames(p).map((n) => claimKey(p.metadata.namespace, n)) },
      {
        kind: STORAGE_CLASS,
        keys: () =>
          registry
            .list(PVC)
            .filter((c) => !c.spec?.volumeName)
            .map((c) => claimKey(c.metadata.namespace, c.metadata.name!)),
      },
    ],
    resyncKeys: () => [
      ...registry.list(PVC).map((c) => claimKey(c.metadata.namespace, c.metadata.name!)),
      ...registry.list(PV).map((v) => volumeKey(v.metadata.name!)),
    ],
    async reconcile(key) {
      const [type, ...rest] = key.split('/');
      if (type === 'claim') return reconcileClaim(rest[0]!, rest[1]!);
      return reconcileVolume(rest.join('/'));
    },
  };
}
