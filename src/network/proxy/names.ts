// Chain names of one state directory's data plane. Every chain starts with `MKUBE-<8 hex of the home>-`,
// so several homes share one kernel without touching each other's chains, and a service port's
// chains come from a hash of what identifies it, so a restart rebuilds exactly the same names.
// iptables allows at most 28 characters: `MKUBE-` (6) + 8 hex + `-` + `SVC-` (4) leaves 9 for the hash.
import { createHash } from 'node:crypto';
import { homeHash } from '../../runtime/names.js';

export const MAX_CHAIN_LENGTH = 28;
const HASH_LENGTH = 9;

/** The 8-hex identity of a state directory (same hash as its Docker network name). */
export const proxyIdentity = (home: string): string => homeHash(home, 8);

/** `MKUBE-<id>-`: every chain and jump comment of this home carries it. */
export const chainPrefix = (id: string): string => `MKUBE-${id}-`;

/** The fixed chains of one home. The nat and filter tables each have their own SERVICES chain. */
export function topChains(id: string) {
  const p = chainPrefix(id);
  return {
    services: `${p}SERVICES`,
    nodePorts: `${p}NODEPORTS`,
    postrouting: `${p}POSTROUTING`,
    markMasq: `${p}MARK-MASQ`,
    forward: `${p}FORWARD`,
    firewall: `${p}FIREWALL`,
  };
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 of the first bytes of sha256(text): upper-case letters and digits, iptables-safe. */
function hashText(text: string): string {
  const bytes = createHash('sha256').update(text).digest();
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < HASH_LENGTH) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === HASH_LENGTH) break;
    value &= (1 << bits) - 1;
  }
  return out;
}

/** `ns/name:port` as kube-proxy names a service port (`ns/name` when the port has no name). */
export const servicePortName = (namespace: string, name: string, portName: string | undefined): string =>
  portName ? `${namespace}/${name}:${portName}` : `${namespace}/${name}`;

/** The chain that load-balances one service port: `MKUBE-<id>-SVC-<hash>`. */
export const serviceChain = (id: string, portName: string, protocol: string): string =>
  `${chainPrefix(id)}SVC-${hashText(portName + protocol)}`;

/** The chain for traffic from outside (NodePort, LoadBalancer): `MKUBE-<id>-EXT-<hash>`. */
export const externalChain = (id: string, portName: string, protocol: string): string =>
  `${chainPrefix(id)}EXT-${hashText(portName + protocol)}`;

/** The chain that DNATs to one endpoint of one service port: `MKUBE-<id>-SEP-<hash>`. */
export const endpointChain = (id: string, portName: string, protocol: string, endpoint: string): string =>
  `${chainPrefix(id)}SEP-${hashText(portName + protocol + endpoint)}`;
