// The line `rollout status` prints for one observed state of a workload, and whether the
// rollout is done: kubectl's polymorphichelpers/rollout_status.go, line for line. Pure.
import type { KObject } from '../../api/types.js';
import { DEPLOYMENT_REVISION } from '../../api/well-known.js';

export type RolloutStatus = { done: boolean; line: string } | { error: string; done: boolean };

const REVISION = DEPLOYMENT_REVISION;

const n = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** `deployment.kubernetes.io/revision` as a number; 0 when absent, NaN when unparsable. */
export function revisionOf(obj: KObject): number {
  const v = obj.metadata.annotations?.[REVISION];
  if (v === undefined) return 0;
  return /^[-+]?\d+$/.test(v) ? Number(v) : Number.NaN;
}

function deploymentStatus(d: KObject, revision: number): RolloutStatus {
  const name = d.metadata.name;
  if (revision > 0) {
    const current = revisionOf(d);
    if (Number.isNaN(current)) {
      return { error: `cannot get the revision of deployment "${name}": invalid revision`, done: false };
    }
    if (current !== revision) {
      return {
        error: `desired revision (${revision}) is different from the running revision (${current})`,
        done: false,
      };
    }
  }
  const status = d.status ?? {};
  if (n(d.metadata.generation) > n(status.observedGeneration)) {
    return { done: false, line: 'Waiting for deployment spec update to be observed...' };
  }
  const progressing = (status.conditions ?? []).find((c: any) => c?.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { error: `deployment "${name}" exceeded its progress deadline`, done: false };
  }
  const replicas = d.spec?.replicas;
  const updated = n(status.updatedReplicas);
  if (typeof replicas === 'number' && updated < replicas) {
    return {
      done: false,
      line: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`,
    };
  }
  if (n(status.replicas) > updated) {
    return {
      done: false,
      line: `Waiting for deployment "${name}" rollout to finish: ${n(status.replicas) - updated} old replicas are pending termination...`,
    };
  }
  if (n(status.availableReplicas) < updated) {
    return {
      done: false,
      line: `Waiting for deployment "${name}" rollout to finish: ${n(status.availableReplicas)} of ${updated} updated replicas are available...`,
    };
  }
  return { done: true, line: `deployment "${name}" successfully rolled out` };
}

// The API server defaults updateStrategy to RollingUpdate (with partition 0 for a StatefulSet);
// read a stored object as if it had been defaulted.
function updateStrategy(obj: KObject, withPartition: boolean): { type: string; rollingUpdate?: any } {
  const s = obj.spec?.updateStrategy ?? {};
  const type = s.type ?? 'RollingUpdate';
  if (type !== 'RollingUpdate') return { type };
  const rollingUpdate = s.rollingUpdate ?? (withPartition ? { partition: 0 } : {});
  if (withPartition && rollingUpdate.partition === undefined)
    return { type, rollingUpdate: { ...rollingUpdate, partition: 0 } };
  return { type, rollingUpdate };
}

function statefulSetStatus(sts: KObject): RolloutStatus {
  const strategy = updateStrategy(sts, true);
  if (strategy.type !== 'RollingUpdate') {
    return { error: 'rollout status is only available for RollingUpdate strategy type', done: true };
  }
  const status = sts.status ?? {};
  if (n(status.observedGeneration) === 0 || n(sts.metadata.generation) > n(status.observedGeneration)) {
    return { done: false, line: 'Waiting for statefulset spec update to be observed...' };
  }
  const replicas = sts.spec?.replicas;
  if (typeof replicas === 'number' && n(status.readyReplicas) < replicas) {
    return { done: false, line: `Waiting for ${replicas - n(status.readyReplicas)} pods to be ready...` };
  }
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (typeof replicas === 'number' && typeof partition === 'number') {
      if (n(status.updatedReplicas) < replicas - partition) {
        return {
          done: false,
          line: `Waiting for partitioned roll out to finish: ${n(status.updatedReplicas)} out of ${replicas - partition} new pods have been updated...`,
        };
      }
    }
    return {
      done: true,
      line: `partitioned roll out complete: ${n(status.updatedReplicas)} new pods have been updated...`,
    };
  }
  if (status.updateRevision !== status.currentRevision) {
    return {
      done: false,
      line: `waiting for statefulset rolling update to complete ${n(status.updatedReplicas)} pods at revision ${status.updateRevision}...`,
    };
  }
  return {
    done: true,
    line: `statefulset rolling update complete ${n(status.currentReplicas)} pods at revision ${status.currentRevision}...`,
  };
}

function daemonSetStatus(ds: KObject): RolloutStatus {
  if (updateStrategy(ds, false).type !== 'RollingUpdate') {
    return { error: 'rollout status is only available for RollingUpdate strategy type', done: true };
  }
  const name = ds.metadata.name;
  const status = ds.status ?? {};
  if (n(ds.metadata.generation) > n(status.observedGeneration)) {
    return { done: false, line: 'Waiting for daemon set spec update to be observed...' };
  }
  const desired = n(status.desiredNumberScheduled);
  if (n(status.updatedNumberScheduled) < desired) {
    return {
      done: false,
      line: `Waiting for daemon set "${name}" rollout to finish: ${n(status.updatedNumberScheduled)} out of ${desired} new pods have been updated...`,
    };
  }
  if (n(status.numberAvailable) < desired) {
    return {
      done: false,
      line: `Waiting for daemon set "${name}" rollout to finish: ${n(status.numberAvailable)} of ${desired} updated pods are available...`,
    };
  }
  return { done: true, line: `daemon set "${name}" successfully rolled out` };
}

/** The kinds `rollout status` knows. */
export const STATUS_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** One rollout status step for a Deployment, StatefulSet or DaemonSet (`revision` 0 = any). */
export function rolloutStatusLine(obj: KObject, revision = 0): RolloutStatus {
  switch (obj.kind) {
    case 'Deployment':
      return deploymentStatus(obj, revision);
    case 'StatefulSet':
      return statefulSetStatus(obj);
    case 'DaemonSet':
      return daemonSetStatus(obj);
    default:
      return { error: `no status viewer has been implemented for ${groupKind(obj)}`, done: false };
  }
}

/** Go's schema.GroupKind String(): `ReplicaSet.apps`, `Pod`. */
export function groupKind(obj: KObject): string {
  const group = obj.apiVersion?.includes('/') ? obj.apiVersion.split('/')[0] : '';
  return group ? `${obj.kind}.${group}` : obj.kind;
}
