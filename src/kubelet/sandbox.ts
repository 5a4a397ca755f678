// The pod sandbox: its create request from the pod (ports, hostname, domain, DNS), and the
// kubelet-managed /etc/resolv.conf and /etc/hosts written around it (pod-files.ts).
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../api/types.js';
import { isEngineUnreachable } from '../runtime/client.js';
import type { MountSpec } from '../runtime/types.js';
import type { KubeletDeps } from './deps.js';
import { computePodFiles, podFileMounts, podFilesDir, writePodFiles } from './pod-files.js';
import { seccompChoice, seccompForRuntime } from './seccomp.js';
import { sandboxMounts } from './volumes.js';

/**
 * Writes the pod's files (its /etc/hosts without the pod's own line until `podIP` is known), then
 * creates and starts the sandbox; undefined, with a FailedCreatePodSandBox event, when that fails.
 */
export async function createSandbox(
  pod: Pod,
  deps: KubeletDeps,
  onCreated: (id: string) => void,
): Promise<string | undefined> {
  const meta = pod.metadata!;
  const namespace = meta.namespace ?? 'default';
  const ports = (pod.spec?.containers ?? []).flatMap((c) =>
    (c.ports ?? []).map((p) => ({
      containerPort: p.containerPort,
      hostPort: p.hostPort,
      hostIP: p.hostIP,
      protocol: (p.protocol ?? 'TCP') as 'TCP' | 'UDP' | 'SCTP',
    })),
  );
  const net = deps.podNetwork;
  const files = net ? computePodFiles(pod, undefined, net) : undefined;
  const clusterDomain = net?.clusterDomain ?? 'cluster.local';
  try {
    // The pod-level profile, as the kubelet gives the sandbox (a Localhost one that cannot be read
    // fails the sandbox, as it fails containerd's).
    const seccomp = seccompForRuntime(seccompChoice(pod), deps.seccompProfileRoot);
    if (!seccomp.ok) throw new Error(seccomp.message);
    if (net && files) {
      writePodFiles(podFilesDir(net, meta.uid!), files);
      for (const w of files.warnings) await podEvent(pod, deps, 'Warning', w.reason, w.message);
    }
    await deps.runtime.ensureSandboxImage();
    return await deps.runtime.createSandbox(
      {
        podUid: meta.uid!,
        namespace,
        podName: meta.name!,
        hostname: pod.spec?.hostname ?? meta.name!,
        aliases: [],
        ports,
        ...(pod.spec?.subdomain
          ? { domainname: `${pod.spec.subdomain}.${namespace}.svc.${clusterDomain}` }
          : {}),
        ...(pod.spec?.hostNetwork ? { hostNetwork: true } : {}),
        ...(pod.spec?.shareProcessNamespace ? { sharePid: true } : {}),
        // What Docker records for the sandbox; the containers read the mounted files.
        ...(files?.dns ? { dns: files.dns.nameservers, dnsOptions: files.dns.options } : {}),
        dnsSearch: files?.dns
          ? files.dns.searches
          : [`${namespace}.svc.${clusterDomain}`, `svc.${clusterDomain}`, clusterDomain],
        mounts: sandboxMounts(pod),
        ...(seccomp.seccomp !== undefined ? { seccomp: seccomp.seccomp } : {}),
      },
      onCreated,
    );
  } catch (err) {
    // The engine going away is not the pod's failure: the kubelet waits for it (engine-gate.ts).
    if (isEngineUnreachable(err)) throw err;
    deps.log(`sandbox for pod ${namespace}/${meta.name} failed: ${(err as Error).message}`);
    await podEvent(
      pod,
      deps,
      'Warning',
      'FailedCreatePodSandBox',
      `Failed to create pod sandbox: ${(err as Error).message}`,
    );
    return undefined;
  }
}

/** Once the sandbox has its address: the pod's /etc/hosts gets its own line. */
export function sandboxStarted(pod: Pod, podIP: string | undefined, deps: KubeletDeps): void {
  const net = deps.podNetwork;
  if (!net || !podIP) return;
  writePodFiles(podFilesDir(net, pod.metadata!.uid!), computePodFiles(pod, podIP, net));
}

/**
 * The mounts of the pod's files into one container; writes files that are missing (a pod whose
 * sandbox an older agent made, or whose directory was removed).
 */
export function podFilesFor(
  pod: Pod,
  container: Container,
  podIP: string | undefined,
  deps: KubeletDeps,
): MountSpec[] {
  const net = deps.podNetwork;
  if (!net) return [];
  const dir = podFilesDir(net, pod.metadata!.uid!);
  writePodFiles(dir, computePodFiles(pod, podIP, net), true);
  return podFileMounts(container, dir);
}

function podEvent(pod: Pod, deps: KubeletDeps, type: 'Normal' | 'Warning', reason: string, message: string) {
  return deps.events.record({
    object: pod as unknown as KObject,
    type,
    reason,
    message,
    component: 'kubelet',
    host: deps.nodeName,
  });
}
