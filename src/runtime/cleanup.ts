// Removing every Docker object of one state directory, found by its `io.mkube.home` label, as
// `kind delete cluster` finds its nodes: containers first (they hold the network and the
// volumes), then networks, then volumes. Nothing found is success.
import type Docker from 'dockerode';
import { isNotFound, RuntimeError } from './client.js';
import { LABELS } from './types.js';

export interface Removed {
  containers: number;
  networks: number;
  volumes: number;
}

export async function removeHomeObjects(docker: Docker, home: string): Promise<Removed> {
  const filters = { label: [`${LABELS.home}=${home}`] };
  const removed: Removed = { containers: 0, networks: 0, volumes: 0 };

  const containers = await docker.listContainers({ all: true, filters });
  // A few at a time: dozens of concurrent forced removals can leave stale endpoints in Docker's
  // network store, and then the network cannot be removed ("has active endpoints").
  const queue = [...containers];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const id = c.Id;
      if (
        await tolerateGone(docker.getContainer(id).remove({ force: true, v: true }), 'remove container', id)
      )
        removed.containers++;
    }
  };
  await Promise.all(Array.from({ length: REMOVE_CONCURRENCY }, worker));

  const names = containers.flatMap((c) => c.Names.map((n) => n.replace(/^\//, '')));
  // With the home's network, a probe network left by an agent that died making it (network.ts).
  const probes = { label: [`${LABELS.networkProbe}=${home}`] };
  const networks = [
    ...(await docker.listNetworks({ filters })),
    ...(await docker.listNetworks({ filters: probes })),
  ];
  for (const n of networks) {
    if (await removeNetwork(docker, n.Id, n.Name, names)) removed.networks++;
  }

  const { Volumes } = await docker.listVolumes({ filters });
  for (const v of Volumes ?? []) {
    if (await tolerateGone(docker.getVolume(v.Name).remove({ force: true }), 'remove volume', v.Name))
      removed.volumes++;
  }
  return removed;
}

const REMOVE_CONCURRENCY = 4;

/**
 * Remove a network; when Docker still counts endpoints of containers that are gone, disconnect
 * them by name with force (Docker's own way out of that state) and try again.
 */
async function removeNetwork(
  docker: Docker,
  id: string,
  name: string,
  containerNames: string[],
): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await tolerateGone(docker.getNetwork(id).remove(), 'remove network', name);
    } catch (err) {
      if (attempt >= 3 || !/active endpoints/.test(String((err as Error).message))) throw err;
      for (const container of containerNames) {
        await docker
          .getNetwork(id)
          .disconnect({ Container: container, Force: true })
          .catch(() => undefined);
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

/** True when this call removed it; false when it was already gone (removed by someone else). */
async function tolerateGone(op: Promise<unknown>, what: string, target: string): Promise<boolean> {
  try {
    await op;
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw new RuntimeError(what, target, err);
  }
}
