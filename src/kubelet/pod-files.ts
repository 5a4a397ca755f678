// The files the kubelet manages for a pod: /etc/resolv.conf (dnsPolicy + dnsConfig, as
// GetPodDNS composes it) and /etc/hosts (managedHostsFileContent, hostAliases included). They live
// under the state directory and are bind-mounted into every init and app container, as the kubelet
// mounts etc-hosts and containerd mounts the sandbox's resolv.conf. Docker's own files cannot stand
// in: on a user-defined network Docker writes `nameserver 127.0.0.11` (its embedded DNS) whatever
// `--dns` says, and its /etc/hosts has another layout.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { podEtcHosts } from '../api/pod-etc-hosts.js';
import { formatResolvConf, type PodDns, podDnsConfig } from '../api/pod-resolv-conf.js';
import type { MountSpec } from '../runtime/types.js';

export const ETC_HOSTS = '/etc/hosts';
export const RESOLV_CONF = '/etc/resolv.conf';

/** What the agent tells the kubelet about the node's DNS (the kubelet's --cluster-dns and friends). */
export interface PodNetworkDeps {
  /** Directory holding one directory per pod uid. */
  podsDir: string;
  clusterDomain: string;
  /** The nameservers of ClusterFirst pods at this moment (kube-dns's ClusterIP, or the DNS server itself). */
  clusterDns(): string[];
  /** The resolv.conf containers get on this host (the kubelet's --resolv-conf). */
  hostResolvConf: string;
  /** The host's /etc/hosts, for hostNetwork pods. */
  hostEtcHosts: string;
}

export interface PodFiles {
  resolvConf: string;
  etcHosts: string;
  dns: PodDns['conf'];
  warnings: PodDns['warnings'];
}

/** Both files' text (pure). Without an IP yet, /etc/hosts has no line for the pod itself. */
export function computePodFiles(pod: Pod, podIP: string | undefined, net: PodNetworkDeps): PodFiles {
  const dns = podDnsConfig({
    pod,
    clusterDns: net.clusterDns(),
    clusterDomain: net.clusterDomain,
    hostResolvConf: net.hostResolvConf,
  });
  const etcHosts = podEtcHosts({
    pod,
    podIP: podIP ? [podIP] : [],
    clusterDomain: net.clusterDomain,
    hostEtcHosts: net.hostEtcHosts,
  });
  return { resolvConf: formatResolvConf(dns.conf), etcHosts, dns: dns.conf, warnings: dns.warnings };
}

export const podFilesDir = (net: PodNetworkDeps, podUid: string) => join(net.podsDir, podUid);

/**
 * The bind mounts of the pod's files into one container. A container that mounts a volume at one
 * of these paths keeps its own, as the kubelet does for /etc/hosts.
 */
export function podFileMounts(container: Container, dir: string): MountSpec[] {
  const taken = new Set((container.volumeMounts ?? []).map((m) => m.mountPath.replace(/\/+$/, '')));
  const out: MountSpec[] = [];
  for (const [file, target] of [
    ['etc-hosts', ETC_HOSTS],
    ['resolv.conf', RESOLV_CONF],
  ] as const) {
    if (!taken.has(target)) out.push({ type: 'bind', source: join(dir, file), target, readOnly: false });
  }
  return out;
}

/**
 * Writes the files (tmp + rename: a container mounts the file present when it starts, so one that
 * runs keeps what it had). `onlyMissing` writes only absent files: what a container create does,
 * so a create racing the sandbox's first write never puts back an address-less /etc/hosts.
 */
export function writePodFiles(dir: string, files: PodFiles, onlyMissing = false): void {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  for (const [name, text] of [
    ['etc-hosts', files.etcHosts],
    ['resolv.conf', files.resolvConf],
  ] as const) {
    const path = join(dir, name);
    if (onlyMissing && existsSync(path)) continue;
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, text, { mode: 0o644 });
    renameSync(tmp, path);
  }
}

export function removePodFiles(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
