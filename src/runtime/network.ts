// One user-defined bridge per state dir. Its subnet is the one Docker would pick; the lower half is
// Docker's to hand out (IPRange), the upper half the pods' (pod-addresses.ts), which mkube plumbs
// itself (pod-plumbing.ts). The label names the pods' half, so a network made before that split
// (no label) keeps every sandbox on Docker's own attach.
import type Docker from 'dockerode';
import { isConflict, isNotFound, RuntimeError } from './client.js';
import { homeLabels } from './labels.js';
import { canEnterNetns } from './netns-dial.js';
import { splitSubnet } from './pod-addresses.js';
import { LABELS, type NetworkInfo } from './types.js';

export async function ensureNetwork(docker: Docker, home: string, name: string): Promise<string> {
  try {
    await docker.getNetwork(name).inspect();
    return name;
  } catch (err) {
    if (!isNotFound(err)) throw new RuntimeError('inspect network', name, err);
  }
  // Only root can plumb veths: otherwise every pod is Docker's to attach, on Docker's subnet.
  const split = canEnterNetns() ? await splitOfFreeSubnet(docker, home, name) : undefined;
  await createOnce(docker, name, {
    Labels: { ...homeLabels(home), ...(split ? { [LABELS.podAddresses]: split.podCidr } : {}) },
    ...(split
      ? {
          IPAM: {
            Driver: 'default',
            Config: [{ Subnet: split.subnet, IPRange: split.dockerRange, Gateway: split.gateway }],
          },
        }
      : {}),
  }).catch(async (err) => {
    // The subnet was taken between the probe and now: a network of Docker's choosing will do.
    if (!split) throw err;
    await createOnce(docker, name, { Labels: homeLabels(home) });
  });
  return name;
}

/** Docker's create; false when another process made the network between our inspect and create. */
async function createOnce(docker: Docker, name: string, extra: Partial<Docker.NetworkCreateOptions>) {
  try {
    await docker.createNetwork({ Name: name, Driver: 'bridge', CheckDuplicate: true, ...extra });
    return true;
  } catch (err) {
    if (!isConflict(err)) throw new RuntimeError('create network', name, err);
    return false;
  }
}

/**
 * Docker picks a free subnet only when it creates a network, so a probe network tells which one it
 * would pick now, and its gateway. Its label names the home for reset (in case we die before
 * removing it) but is not the home label: nobody may take it for the home's network.
 */
async function splitOfFreeSubnet(docker: Docker, home: string, name: string) {
  const probe = `${name}-probe`;
  await docker
    .getNetwork(probe)
    .remove()
    .catch(() => undefined);
  await createOnce(docker, probe, { Labels: { [LABELS.networkProbe]: home } });
  try {
    const config = (await docker.getNetwork(probe).inspect()).IPAM?.Config ?? [];
    const v4 = config.find((c) => c.Subnet && !c.Subnet.includes(':') && c.Gateway);
    const split = v4?.Subnet ? splitSubnet(v4.Subnet) : undefined;
    return split && { ...split, subnet: v4!.Subnet!, gateway: v4!.Gateway! };
  } finally {
    await docker
      .getNetwork(probe)
      .remove()
      .catch(() => undefined);
  }
}

/** What the data plane and the pods' plumbing need of the home's network. */
export async function inspectNetwork(docker: Docker, name: string): Promise<NetworkInfo> {
  let info: Docker.NetworkInspectInfo;
  try {
    info = await docker.getNetwork(name).inspect();
  } catch (err) {
    throw new RuntimeError('inspect network', name, err);
  }
  const config = info.IPAM?.Config ?? [];
  const gateway = config.map((c) => c.Gateway).find((g): g is string => !!g && !g.includes(':'));
  const podAddresses = info.Labels?.[LABELS.podAddresses];
  return {
    name,
    id: info.Id,
    options: info.Options ?? {},
    subnets: config.map((c) => c.Subnet).filter((s): s is string => !!s),
    ...(gateway ? { gateway } : {}),
    ...(podAddresses ? { podAddresses } : {}),
  };
}
