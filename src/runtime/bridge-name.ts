// Which Linux bridge a Docker bridge network uses: its `com.docker.network.bridge.name` option, else
// `br-` and the first 12 hex of the network id (Docker's own rule). The data plane puts that bridge's
// ports in hairpin mode.

export interface DockerNetworkInfo {
  Id: string;
  Options?: Record<string, string>;
}

export const dockerBridgeName = (network: DockerNetworkInfo): string =>
  network.Options?.['com.docker.network.bridge.name'] ?? `br-${network.Id.slice(0, 12)}`;
