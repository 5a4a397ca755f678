// The Docker implementation of the Runtime seam: wiring only; each concern has its own file.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type Docker from 'dockerode';
import { attachTo } from './attach.js';
import { dockerClient } from './client.js';
import { createContainer, removeContainer, startContainer, stopContainer } from './containers.js';
import { subscribeEvents } from './events.js';
import { execIn } from './exec.js';
import { ensureImage } from './images.js';
import { ContainerLister } from './list.js';
import { containerLogs } from './logs.js';
import { removeVolumes } from './mounts.js';
import { networkName } from './names.js';
import { ensureNetwork, inspectNetwork } from './network.js';
import { ownPodNetwork, unplumbedSandboxes } from './own-pod-network.js';
import { canPlumbOwnNetwork, createSandbox } from './sandbox.js';
import { ensureSandboxImage } from './sandbox-image.js';
import { containerStats } from './stats.js';
import type { Runtime } from './types.js';

export async function createDockerRuntime(
  home: string,
  docker: Docker = dockerClient(),
  log: (message: string) => void = () => undefined,
): Promise<Runtime> {
  home = resolve(home);
  const network = networkName(home);
  const lister = new ContainerLister(docker, home, network);
  // Made once per process; a failure is retried on the next call.
  const ensureNet = retryingOnce(() => ensureNetwork(docker, home, network));
  const ensureImg = retryingOnce(() => ensureSandboxImage(docker));
  const ownNetwork = retryingOnce(async () => {
    await ensureNet();
    return ownPodNetwork(await inspectNetwork(docker, network), () => lister.shallow(), log);
  });

  return {
    async ensureNetwork() {
      const name = await ensureNet();
      // Ready before the first pod, not during its start (each answer is kept; a failure retried).
      void ensureImg().catch(() => undefined);
      void ownNetwork().catch(() => undefined);
      return name;
    },
    async removeUnplumbedSandboxes() {
      const ids = unplumbedSandboxes(await lister.shallow(), (name) => existsSync(`/sys/class/net/${name}`));
      await Promise.all(ids.map((id) => removeContainer(docker, id)));
      return ids;
    },
    async networkInfo() {
      await ensureNet();
      return inspectNetwork(docker, network);
    },
    ensureSandboxImage: ensureImg,
    listContainers: (filter) => lister.list(filter?.podUid),
    listShallow: () => lister.shallow(),
    detail: (listed) => lister.detail(listed),
    ensureImage: (image, policy, onProgress, onPullStart) =>
      ensureImage(docker, image, policy, onProgress, onPullStart),
    async createSandbox(spec, onCreated) {
      await ensureNet();
      await ensureImg();
      const own = canPlumbOwnNetwork(spec) ? await ownNetwork() : undefined;
      const plumbing = await own?.next();
      // The plumbing's inspect (for the PID) answers the kubelet's look at the new sandbox too.
      const pidOf = async (id: string) => (await lister.inspectOne(id, true))?.pid;
      return createSandbox(docker, home, network, spec, onCreated, plumbing && { ...plumbing, pidOf });
    },
    inspectContainer: (id) => lister.inspectOne(id),
    createContainer: (spec) => createContainer(docker, home, spec),
    async startContainer(id) {
      lister.invalidate(id);
      await startContainer(docker, id);
    },
    async stopContainer(id, graceSeconds, signal) {
      lister.invalidate(id);
      await stopContainer(docker, id, graceSeconds, signal);
    },
    async removeContainer(id) {
      lister.invalidate(id);
      await removeContainer(docker, id);
    },
    exec: (id, opts) => execIn(docker, id, opts),
    logs: (id, opts) => containerLogs(docker, id, opts),
    attach: (id, opts) => attachTo(docker, id, opts),
    async ping() {
      await docker.ping();
    },
    events: (onEvent) =>
      subscribeEvents(docker, home, (ev) => {
        if (ev.action === 'oom') lister.recordOom(ev.containerId);
        onEvent(ev);
      }),
    removeVolumes: (labels) => removeVolumes(docker, home, labels),
    containerStats: (id) => containerStats(docker, id),
  };
}

/** The first call's promise is shared; a rejected one is forgotten so the next call retries. */
function retryingOnce<T>(make: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= make().catch((err) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}
