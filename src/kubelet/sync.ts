// syncPod: carry out computePodActions' plan against the runtime, in the kubelet's order, then
// report status. Each step records its own failure instead of aborting the whole sync.
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import type { EventRecorder } from '../api/events.js';
import { POD } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import type { ImagePullPolicy, ObservedContainer, Runtime } from '../runtime/types.js';
import type { Store } from '../state/types.js';
import {
  computePodActions,
  type KillAction,
  type PodActions,
  type StartAction,
  type WaitingInfo,
} from './actions.js';
import { toCreateSpec } from './container-spec.js';
import { canonicalJson } from './hash.js';
import { observePod } from './observed.js';
import type { PodState } from './pod-state.js';
import { computePodStatus } from './status.js';

export interface KubeletDeps {
  runtime: Runtime;
  store: Store;
  events: EventRecorder;
  nodeName: string;
  hostIP: string;
  /** Containers of one pod, from a snapshot shared by all pod workers. */
  observe(podUid: string): Promise<ObservedContainer[]>;
  /** Forget the snapshot after a change to Docker. */
  invalidate(): void;
  backoffInitialMs: number;
  log(message: string): void;
}

export interface SyncResult {
  requeueAfterMs?: number;
}

export async function syncPod(podObj: KObject, state: PodState, deps: KubeletDeps): Promise<SyncResult> {
  const pod = podObj as unknown as Pod;
  const now = Date.now();
  const observed = observePod(await deps.observe(pod.metadata!.uid!));
  const actions = computePodActions({
    pod,
    observed,
    now,
    startBlockedUntil: state.blockedUntil(),
    backoffInitialMs: deps.backoffInitialMs,
  });
  const changed =
    actions.kill.length + actions.remove.length + actions.start.length > 0 ||
    actions.createSandbox ||
    actions.stopSandbox;

  // 1. Stop what must stop (deleted pod, changed spec), each within its grace period.
  await Promise.all(actions.kill.map((k) => killContainer(podObj, k, deps)));
  // 2. Remove garbage: older attempts, dead sandboxes, and everything once a deleted pod has stopped.
  await Promise.all(actions.remove.map((id) => deps.runtime.removeContainer(id)));
  if (changed) deps.invalidate();

  if (actions.finalize) {
    await deps.store
      .delete(POD, pod.metadata!.namespace, pod.metadata!.name!, {
        gracePeriodSeconds: 0,
        uid: pod.metadata!.uid,
      })
      .catch(() => undefined);
    return {};
  }

  // 3. A fresh sandbox, when needed.
  let sandboxId = observed.sandbox?.state === 'running' ? observed.sandbox.id : undefined;
  if (actions.createSandbox) sandboxId = await createSandbox(pod, deps);

  // 4. Start containers in order; a failed start is remembered with its back-off.
  if (sandboxId) {
    for (const start of actions.start) {
      const ok = await startContainer(podObj, start, sandboxId, state, deps);
      deps.invalidate();
      if (!ok && start.type === 'init') break;
    }
  }
  for (const [name] of actions.waiting) await recordBackOff(podObj, name, actions.waiting.get(name)!, deps);

  // 5. A finished pod gives its sandbox back.
  if (actions.stopSandbox && observed.sandbox) {
    await deps.runtime.stopContainer(observed.sandbox.id, 0);
    deps.invalidate();
  }

  await reportStatus(podObj, state, actions, deps);
  return { requeueAfterMs: minDefined(actions.requeueAfterMs, state.nextReasonChangeMs(Date.now())) };
}

async function createSandbox(pod: Pod, deps: KubeletDeps): Promise<string | undefined> {
  const meta = pod.metadata!;
  const ports = (pod.spec?.containers ?? []).flatMap((c) =>
    (c.ports ?? []).map((p) => ({
      containerPort: p.containerPort,
      hostPort: p.hostPort,
      hostIP: p.hostIP,
      protocol: (p.protocol ?? 'TCP') as 'TCP' | 'UDP' | 'SCTP',
    })),
  );
  try {
    await deps.runtime.ensureSandboxImage();
    return await deps.runtime.createSandbox({
      podUid: meta.uid!,
      namespace: meta.namespace ?? 'default',
      podName: meta.name!,
      hostname: pod.spec?.hostname ?? meta.name!,
      aliases: [],
      ports,
    });
  } catch (err) {
    deps.log(`sandbox for pod ${meta.namespace}/${meta.name} failed: ${(err as Error).message}`);
    await deps.events.record({
      object: pod as unknown as KObject,
      type: 'Warning',
      reason: 'FailedCreatePodSandBox',
      message: `Failed to create pod sandbox: ${(err as Error).message}`,
      component: 'kubelet',
      host: deps.nodeName,
    });
    return undefined;
  }
}

const fieldPath = (start: { type: 'init' | 'app'; name: string }) =>
  `spec.${start.type === 'init' ? 'initContainers' : 'containers'}{${start.name}}`;

function specOf(pod: Pod, start: StartAction): Container | undefined {
  const list = start.type === 'init' ? pod.spec?.initContainers : pod.spec?.containers;
  return list?.find((c) => c.name === start.name);
}

async function startContainer(
  podObj: KObject,
  start: StartAction,
  sandboxId: string,
  state: PodState,
  deps: KubeletDeps,
): Promise<boolean> {
  const pod = podObj as unknown as Pod;
  const container = specOf(pod, start)!;
  const event = (type: 'Normal' | 'Warning', reason: string, message: string) =>
    deps.events.record({
      object: podObj,
      type,
      reason,
      message,
      fieldPath: fieldPath(start),
      component: 'kubelet',
      host: deps.nodeName,
    });

  const image = container.image!;
  const pulled = await deps.runtime.ensureImage(
    image,
    (container.imagePullPolicy ?? 'IfNotPresent') as ImagePullPolicy,
  );
  if (!pulled.ok) {
    state.recordStartFailure(start.name, Date.now(), {
      reason: pulled.reason,
      backoffReason: pulled.reason === 'ErrImagePull' ? 'ImagePullBackOff' : pulled.reason,
      message: pulled.message,
      backoffMessage: pulled.reason === 'ErrImagePull' ? `Back-off pulling image "${image}"` : pulled.message,
    });
    await event('Warning', pulled.reason === 'ErrImagePull' ? 'Failed' : 'ErrImageNeverPull', pulled.message);
    if (pulled.reason === 'ErrImagePull') await event('Warning', 'Failed', `Error: ${pulled.reason}`);
    return false;
  }
  if (pulled.warning) await event('Warning', 'Pulled', pulled.warning);
  else if (!pulled.pulled)
    await event('Normal', 'Pulled', `Container image "${image}" already present on machine`);
  else await event('Normal', 'Pulled', `Successfully pulled image "${image}"`);

  try {
    const id = await deps.runtime.createContainer(
      toCreateSpec({ pod, container, type: start.type, attempt: start.attempt, sandboxId }),
    );
    await event('Normal', 'Created', `Created container ${start.name}`);
    await deps.runtime.startContainer(id);
    await event('Normal', 'Started', `Started container ${start.name}`);
    state.clearStartFailure(start.name);
    return true;
  } catch (err) {
    const message = (err as Error).message;
    state.recordStartFailure(start.name, Date.now(), {
      reason: 'CreateContainerError',
      backoffReason: 'CreateContainerError',
      message,
      backoffMessage: message,
    });
    await event('Warning', 'Failed', `Error: ${message}`);
    return false;
  }
}

async function killContainer(podObj: KObject, kill: KillAction, deps: KubeletDeps): Promise<void> {
  const pod = podObj as unknown as Pod;
  const grace = pod.metadata?.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  const isInit = (pod.spec?.initContainers ?? []).some((c) => c.name === kill.name);
  await deps.events.record({
    object: podObj,
    type: 'Normal',
    reason: 'Killing',
    message: kill.message,
    fieldPath: fieldPath({ type: isInit ? 'init' : 'app', name: kill.name }),
    component: 'kubelet',
    host: deps.nodeName,
  });
  await deps.runtime.stopContainer(kill.id, grace);
}

async function recordBackOff(
  podObj: KObject,
  name: string,
  info: WaitingInfo,
  deps: KubeletDeps,
): Promise<void> {
  if (info.reason !== 'CrashLoopBackOff') return;
  const m = podObj.metadata;
  const isInit = (podObj.spec?.initContainers ?? []).some((c: Container) => c.name === name);
  await deps.events.record({
    object: podObj,
    type: 'Warning',
    reason: 'BackOff',
    message: `Back-off restarting failed container ${name} in pod ${m.name}_${m.namespace}(${m.uid})`,
    fieldPath: fieldPath({ type: isInit ? 'init' : 'app', name }),
    component: 'kubelet',
    host: deps.nodeName,
  });
}

async function reportStatus(
  podObj: KObject,
  state: PodState,
  actions: PodActions,
  deps: KubeletDeps,
): Promise<void> {
  const pod = podObj as unknown as Pod;
  const observed = observePod(await deps.observe(pod.metadata!.uid!));
  const waiting = new Map([...state.waiting(Date.now()), ...actions.waiting]);
  const status = computePodStatus({ pod, observed, waiting, hostIP: deps.hostIP, now: new Date() });
  const nodeName = pod.spec?.nodeName;
  if (canonicalJson(status) === canonicalJson(pod.status ?? {}) && nodeName) return;
  await deps.store
    .patch(
      POD,
      pod.metadata!.namespace,
      pod.metadata!.name!,
      (cur) => {
        if (cur.metadata.uid !== pod.metadata!.uid) return undefined;
        return { ...cur, status };
      },
      'status',
    )
    .catch((err) =>
      deps.log(`status of ${pod.metadata!.namespace}/${pod.metadata!.name}: ${(err as Error).message}`),
    );
}

function minDefined(...values: (number | undefined)[]): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length ? Math.min(...defined) : undefined;
}
