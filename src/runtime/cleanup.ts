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
  await Promise.all(
    containers.map((c) =>
      tolerateGone(docker.getContainer(c.Id).remove({ force: true, v: true }), 'remove container', c.Id).then(
        (gone) => {
          if (gone) removed.containers++;
        },
      ),
    ),
  );

  for (const n of await docker.listNetworks({ filters })) {
    if (await tolerateGone(docker.getNetwork(n.Id).remove(), 'remove network', n.Name)) removed.networks++;
  }

  const { Volumes } = await docker.listVolumes({ filters });
  for (const v of Volumes ?? []) {
    if (await tolerateGone(docker.getVolume(v.Name).remove({ force: true }), 'remove volume', v.Name))
      removed.volumes++;
  }
  return removed;
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
