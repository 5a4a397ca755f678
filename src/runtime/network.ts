// One user-defined bridge per state dir: Docker's embedded DNS resolves pods and services by
// network alias there (the default bridge has no DNS).
import type Docker from 'dockerode';
import { isConflict, isNotFound, RuntimeError } from './client.js';
import { homeLabels } from './labels.js';
import type { NetworkInfo } from './types.js';

export async function ensureNetwork(docker: Docker, home: string, name: string): Promise<string> {
  try {
    await docker.getNetwork(name).inspect();
    return name;
  } catch (err) {
    if (!isNotFound(err)) throw new RuntimeError('inspect network', name, err);
  }
  try {
    await docker.createNetwork({
      Name: name,
      Driver: 'bridge',
      CheckDuplicate: true,
      Labels: homeLabels(home),
    });
  } catch (err) {
    // Another process made it between our inspect and create: fine.
    if (!isConflict(err)) throw new RuntimeError('create network', name, err);
  }
  return name;
}

/** What the data plane needs of the home's network: its id and options (the bridge) and its subnets. */
export async function inspectNetwork(docker: Docker, name: string): Promise<NetworkInfo> {
  let info: Docker.NetworkInspectInfo;
  try {
    info = await docker.getNetwork(name).inspect();
  } catch (err) {
    throw new RuntimeError('inspect network', name, err);
  }
  return {
    name,
    id: info.Id,
    options: info.Options ?? {},
    subnets: (info.IPAM?.Config ?? []).map((c) => c.Subnet).filter((s): s is string => !!s),
  };
}
