// syncPod: carry out computePodActions' plan against the runtime, in the kubelet's order, then
// report status. Each step records its own failure instead of aborting the whole sync.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Container, Pod, Service } from 'kubernetes-types/core/v1.js';
import { lookupKind, POD } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import { isEngineUnreachable } from '../runtime/client.js';
import type { ImagePullPolicy } from '../runtime/types.js';
import { trace, tracing } from '../util/trace.js';
import { computePodActions, type KillAction, type PodActions, type StartAction } from './actions.js';
import { BACKOFF_REASONS, recordBackOff } from './backoff-events.js';
import { projectedVolumeDir, removeConfigVolumes } from './config-volumes.js';
import { toCreateSpec } from './container-spec.js';
import type { KubeletDeps } from './deps.js';
import { resolveEnv } from './env.js';
import { runHandler } from './handlers.js';
import { canonicalJson } from './hash.js';
import { hostFs } from './host-fs.js';
import { fieldPath, killContainer } from './kill.js';
import { observePod } from './observed.js';
import { podFilesDir, removePodFiles } from './pod-files.js';
import type { PodState } from './pod-state.js';
import { probeKills, probeView } from './probe-view.js';
import { createSandbox, podFilesFor, sandboxStarted } from './sandbox.js';
import { seccompChoice, seccompForRuntime } from './seccomp.js';
import { computePodStatus } from './status.js';
import { mustWaitForVolumes, VOLUME_RETRY_MS } from './volume-setup.js';
import { containerMounts } from './volumes.js';

export type { KubeletDeps } from './deps.js';

const SERVICE = lookupKind('services')!;

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
    probeKills: probeKills(observed, deps.probes),
  });
  if (tracing())
    trace('kubelet', `plan ${pod.metadata!.namespace}/${pod.metadata!.name} ${describeActions(actions)}`);
  if (actions.deadlineExceeded && pod.status?.reason !== 'DeadlineExceeded') {
    await deps.events.record({
      object: podObj,
      type: 'Normal',
      reason: 'DeadlineExceeded',
      message: 'Pod was active on the node longer than the specified deadline',
      component: 'kubelet',
      host: deps.nodeName,
    });
  }

  // 0. A pod past its deadline is reported Failed before its containers are killed (as the
  // kubelet's terminating sync does), so it shows DeadlineExceeded during their grace period.
  if (actions.deadlineExceeded && actions.kill.length) await reportStatus(podObj, state, actions, deps);

  // 1. Stop what must stop (deleted pod, changed spec), each within its grace period. A deleted
  // pod first leaves the data plane and the Ingress; that wait counts against its grace period.
  let drainedMs = 0;
  if (deps.drained && actions.kill.some((k) => k.reason === 'PodDeleted')) {
    const started = Date.now();
    await deps.drained(podObj);
    drainedMs = Date.now() - started;
  }
  await Promise.all(actions.kill.map((k) => killContainer(podObj, k, deps, drainedMs)));
  // 2. Remove garbage: older attempts, dead sandboxes, and everything once a deleted pod has stopped.
  await Promise.all(actions.remove.map((id) => deps.runtime.removeContainer(id)));
  // What was killed or removed is seen afresh; starts and a new sandbox refresh it where they happen.
  if (actions.kill.length + actions.remove.length > 0) deps.invalidate();

  if (actions.finalize) {
    await deps.runtime.removeVolumes?.({ 'io.mkube.pod.uid': pod.metadata!.uid! }).catch(() => undefined);
    if (deps.volumeDirs) removeConfigVolumes(deps.volumeDirs, pod.metadata!.uid!);
    if (deps.podNetwork) removePodFiles(podFilesDir(deps.podNetwork, pod.metadata!.uid!));
    await deps.registry
      .delete(POD, pod.metadata!.namespace, pod.metadata!.name!, {
        gracePeriodSeconds: 0,
        uid: pod.metadata!.uid,
      })
      .catch(() => undefined);
    return {};
  }

  // 3. Volumes written from the API (configMap, secret, downwardAPI, projected): set up before
  // anything starts, and brought up to date on every sync of a live pod (the live update). A
  // missing source holds the pod in ContainerCreating, as WaitForAttachAndMount does.
  if (await mustWaitForVolumes(podObj, observed.sandbox?.ip, actions, state, deps)) {
    await reportStatus(podObj, state, actions, deps);
    return { requeueAfterMs: VOLUME_RETRY_MS };
  }

  // 4. A fresh sandbox, when needed. The kubelet writes the pod's status at the top of each sync,
  // so a new pod shows its containers waiting in ContainerCreating before anything runs (written
  // while Docker creates the sandbox, once the create request is out: a store commit blocks the
  // event loop; awaited before any later status).
  const creating = actions.createSandbox
    ? nextTurn().then(() => reportStatus(podObj, state, actions, deps))
    : undefined;
  creating?.catch(() => undefined);
  let sandboxId = observed.sandbox?.state === 'running' ? observed.sandbox.id : undefined;
  let sandboxIP = observed.sandbox?.state === 'running' ? observed.sandbox.ip : undefined;
  // Containers are created while the new sandbox's network comes up (only their start needs it),
  // except those whose environment needs the pod IP.
  const early = new Map<StartAction, Promise<string | undefined>>();
  if (actions.createSandbox) {
    sandboxId = await createSandbox(pod, deps, (id) => {
      for (const start of actions.start) {
        if (needsPodIP(specOf(pod, start)!)) continue;
        const created = createOne(podObj, start, id, undefined, state, deps);
        // Awaited below, unless the sandbox fails first: never an unhandled rejection.
        created.catch(() => undefined);
        early.set(start, created);
      }
    });
    const started = sandboxId ? await deps.refresh(sandboxId) : undefined;
    // A sandbox that failed (or vanished) may leave containers created early: list afresh.
    if (!started) deps.invalidate();
    sandboxIP =
      started?.ip ??
      (sandboxId ? (await deps.observe(pod.metadata!.uid!)).find((c) => c.id === sandboxId)?.ip : undefined);
    sandboxStarted(pod, sandboxIP, deps);
  }
  await creating;

  // 5. Start containers in order; a failed start is remembered with its back-off. A postStart
  // hook holds the sync (the container is not Running until it is done): report first, as the
  // kubelet does at the top of each sync, so the pod does not look unstarted meanwhile.
  if (sandboxId && actions.start.some((s) => specOf(pod, s)?.lifecycle?.postStart)) {
    deps.invalidate();
    await reportStatus(podObj, state, actions, deps);
  }
  if (sandboxId) {
    for (const start of actions.start) {
      const id = await (early.get(start) ?? createOne(podObj, start, sandboxId, sandboxIP, state, deps));
      const ok = id !== undefined && (await startCreated(podObj, start, id, sandboxIP, state, deps));
      if (id === undefined || !(await deps.refresh(id))) deps.invalidate();
      if (!ok && start.type === 'init') break;
    }
  }
  // Containers held in back-off (a crash loop, a failed image pull) get the kubelet's events.
  for (const [name, info] of new Map([...state.waiting(Date.now()), ...actions.waiting])) {
    if (!BACKOFF_REASONS.has(info.reason)) continue;
    if (state.backOffEventDue(name, Date.now())) await recordBackOff(podObj, name, info, deps);
  }

  // 6. A finished pod gives its sandbox back.
  if (actions.stopSandbox && observed.sandbox) {
    await deps.runtime.stopContainer(observed.sandbox.id, 0);
    deps.invalidate();
  }

  await reportStatus(podObj, state, actions, deps);
  return { requeueAfterMs: minDefined(actions.requeueAfterMs, state.nextReasonChangeMs(Date.now())) };
}

const needsPodIP = (c: Container) =>
  (c.env ?? []).some((e) => e.valueFrom?.fieldRef?.fieldPath?.startsWith('status.podIP'));

function specOf(pod: Pod, start: StartAction): Container | undefined {
  const list = start.type === 'init' ? pod.spec?.initContainers : pod.spec?.containers;
  return list?.find((c) => c.name === start.name);
}

/** Volumes and environment, resolved before the create; failures keep the container waiting. */
function prepareContainer(pod: Pod, container: Container, podIP: string | undefined, deps: KubeletDeps) {
  const dirs = deps.volumeDirs;
  const mounts = containerMounts(pod, container, {
    claims: deps.claims,
    fs: hostFs,
    configDir: (v) => (dirs ? projectedVolumeDir(dirs, pod.metadata!.uid!, v) : undefined),
  });
  if (mounts.ok) mounts.mounts.push(...podFilesFor(pod, container, podIP, deps));
  if (!mounts.ok) {
    return {
      ok: false as const,
      reason: 'ContainerCreating',
      message: '',
      event: 'FailedMount',
      eventMessage: mounts.message,
    };
  }
  const env = resolveEnv(pod, container, {
    podIP,
    hostIP: deps.hostIP,
    configMap: deps.configMap,
    secret: deps.secret,
    services: () => deps.registry.list(SERVICE) as unknown as Service[],
  });
  if (!env.ok) return createFailed('CreateContainerConfigError', env.message);
  // The runtime's failure to load a Localhost profile, found before the create.
  const seccomp = seccompForRuntime(seccompChoice(pod, container), deps.seccompProfileRoot);
  if (!seccomp.ok) return createFailed('CreateContainerError', seccomp.message);
  return { ok: true as const, mounts: mounts.mounts, env: env.env, seccomp: seccomp.seccomp };
}

/** A container left waiting with `reason`, and the kubelet's `Failed` event for it. */
const createFailed = (reason: string, message: string) => ({
  ok: false as const,
  reason,
  message,
  event: 'Failed',
  eventMessage: `Error: ${message}`,
});

function containerEvents(podObj: KObject, start: StartAction, deps: KubeletDeps) {
  return (type: 'Normal' | 'Warning', reason: string, message: string) =>
    deps.events.record({
      object: podObj,
      type,
      reason,
      message,
      fieldPath: fieldPath(start),
      component: 'kubelet',
      host: deps.nodeName,
    });
}

/** Image, volumes, environment, then the Docker create; undefined (and a back-off) on failure. */
async function createOne(
  podObj: KObject,
  start: StartAction,
  sandboxId: string,
  sandboxIP: string | undefined,
  state: PodState,
  deps: KubeletDeps,
): Promise<string | undefined> {
  const pod = podObj as unknown as Pod;
  const container = specOf(pod, start)!;
  const event = containerEvents(podObj, start, deps);

  const image = container.image!;
  const pulled = await deps.runtime.ensureImage(
    image,
    (container.imagePullPolicy ?? 'IfNotPresent') as ImagePullPolicy,
    undefined,
    () => void event('Normal', 'Pulling', `Pulling image "${image}"`),
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
    return undefined;
  }
  if (pulled.warning) await event('Warning', 'Pulled', pulled.warning);
  else if (!pulled.pulled)
    await event('Normal', 'Pulled', `Container image "${image}" already present on machine`);
  else await event('Normal', 'Pulled', `Successfully pulled image "${image}"`);

  const prepared = prepareContainer(pod, container, sandboxIP, deps);
  if (!prepared.ok) {
    state.recordStartFailure(start.name, Date.now(), {
      reason: prepared.reason,
      backoffReason: prepared.reason,
      message: prepared.message,
      backoffMessage: prepared.message,
    });
    await event('Warning', prepared.event, prepared.eventMessage);
    return undefined;
  }
  try {
    const spec = toCreateSpec({
      pod,
      container,
      type: start.type,
      attempt: start.attempt,
      sandboxId,
      resolvedEnv: prepared.env,
      mounts: prepared.mounts,
      seccomp: prepared.seccomp,
    });
    const id = await deps.runtime.createContainer(spec);
    await event('Normal', 'Created', `Created container ${start.name}`);
    return id;
  } catch (err) {
    return startFailed(start, 'CreateContainerError', err, state, event);
  }
}

/**
 * The kubelet's CreateContainerError / RunContainerError, retried with back-off. An engine that
 * does not answer is rethrown instead: no fault of the container, nothing to back off.
 */
function startFailed(
  start: StartAction,
  reason: 'CreateContainerError' | 'RunContainerError',
  err: unknown,
  state: PodState,
  event: ReturnType<typeof containerEvents>,
): undefined {
  if (isEngineUnreachable(err)) throw err;
  const message = (err as Error).message;
  state.recordStartFailure(start.name, Date.now(), {
    reason,
    backoffReason: reason,
    message,
    backoffMessage: message,
  });
  void event('Warning', 'Failed', `Error: ${message}`);
  return undefined;
}

/** Start a created container, then its postStart hook; false when either fails. */
async function startCreated(
  podObj: KObject,
  start: StartAction,
  id: string,
  podIP: string | undefined,
  state: PodState,
  deps: KubeletDeps,
): Promise<boolean> {
  const pod = podObj as unknown as Pod;
  const container = specOf(pod, start)!;
  const event = containerEvents(podObj, start, deps);
  try {
    await deps.runtime.startContainer(id);
    await event('Normal', 'Started', `Started container ${start.name}`);
    state.clearStartFailure(start.name);
    const postStart = container.lifecycle?.postStart;
    if (postStart) {
      // The container does not count as Running until postStart is done; a failure kills it.
      const outcome = await runHandler(postStart, {
        runtime: deps.runtime,
        containerId: id,
        container,
        podIP,
        timeoutMs: (pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000 + 120_000,
      });
      if (!outcome.ok) {
        // As the kubelet: no handler message in the event (it may hold secrets), then the
        // ordinary kill path, preStop included.
        deps.log(`postStart of ${pod.metadata?.name}/${start.name} failed: ${outcome.message}`);
        await event('Warning', 'FailedPostStartHook', 'PostStartHook failed');
        const kill: KillAction = {
          id,
          name: start.name,
          reason: 'FailedPostStartHook',
          message: 'FailedPostStartHook',
        };
        await killContainer(podObj, kill, deps);
        return false;
      }
    }
    return true;
  } catch (err) {
    startFailed(start, 'RunContainerError', err, state, event);
    return false;
  }
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
  const { readiness, started, running } = probeView(pod, observed, deps.probes);
  const status = computePodStatus({
    pod,
    observed,
    waiting,
    readiness,
    started,
    deadlineExceeded: actions.deadlineExceeded,
    hostIP: deps.hostIP,
    now: new Date(),
  });
  deps.probes.sync(pod, running, status.podIP);
  const nodeName = pod.spec?.nodeName;
  if (canonicalJson(status) === canonicalJson(pod.status ?? {}) && nodeName) return;
  await deps.registry
    .mutate(
      POD,
      pod.metadata!.namespace,
      pod.metadata!.name!,
      (cur) => {
        if (cur.metadata.uid !== pod.metadata!.uid) return undefined;
        return { ...cur, status };
      },
      { subresource: 'status' },
    )
    .catch((err) =>
      deps.log(`status of ${pod.metadata!.namespace}/${pod.metadata!.name}: ${(err as Error).message}`),
    );
}

/** The plan in one line, for MKUBE_TRACE. */
export function describeActions(a: PodActions): string {
  const parts: string[] = [];
  if (a.createSandbox) parts.push('sandbox');
  if (a.start.length) parts.push(`start=${a.start.map((s) => `${s.name}#${s.attempt}`).join(',')}`);
  if (a.kill.length) parts.push(`kill=${a.kill.map((k) => `${k.name}(${k.reason})`).join(',')}`);
  if (a.remove.length) parts.push(`remove=${a.remove.length}`);
  if (a.stopSandbox) parts.push('stop-sandbox');
  if (a.finalize) parts.push('finalize');
  return parts.length ? parts.join(' ') : 'nothing to do';
}

function minDefined(...values: (number | undefined)[]): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length ? Math.min(...defined) : undefined;
}
