// Pod volumes -> runtime mounts. The containers of a pod share storage as they share the
// network: an emptyDir is one Docker volume per pod (tmpfs-backed for medium: Memory), removed
// with the pod and kept across container restarts; hostPath is a bind mount after the kubelet's
// type checks; a persistentVolumeClaim (or a generic ephemeral volume's claim) mounts its bound
// PersistentVolume's directory (hostPath after the same checks, or local), which outlives the pod.
import { posix } from 'node:path';
import type { Container, Pod, Volume } from 'kubernetes-types/core/v1.js';
import { quantityAsNumber } from '../api/quantity.js';
import type { MountSpec } from '../runtime/types.js';
import { isProjectedKind } from './volume-payload.js';

/** Where a bound claim's volume lives on the host, or an error message when it cannot be mounted. */
export type ClaimLookup = (
  namespace: string,
  claimName: string,
  /** Set for an ephemeral volume's claim: the claim must be owned by this pod. */
  ownerUid?: string,
) => { hostPath: { path: string; type: string } } | { local: { path: string } } | { error: string };

export interface HostFs {
  kind(path: string): 'directory' | 'file' | 'socket' | 'char' | 'block' | 'other' | undefined;
  mkdirp(path: string): void;
  touch(path: string): void;
  /** The path with its symlinks resolved, or undefined when it does not exist. */
  realpath?(path: string): string | undefined;
}

/** The host directory of a configMap, secret, downwardAPI or projected volume (config-volumes.ts). */
export type ConfigVolumeDir = (volume: Volume) => string | undefined;

interface MountDeps {
  claims: ClaimLookup;
  fs: HostFs;
  configDir?: ConfigVolumeDir;
}

export type VolumeResult = { ok: true; mounts: MountSpec[] } | { ok: false; volume: string; message: string };

export const emptyDirVolumeName = (podUid: string, volume: string) =>
  `mkube-emptydir-${podUid}-${volume}`.slice(0, 200);

/** The mounts of one container; the first volume that cannot be set up fails the lot. */
export function containerMounts(pod: Pod, container: Container, deps: MountDeps): VolumeResult {
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  const mounts: MountSpec[] = [];
  for (const vm of container.volumeMounts ?? []) {
    const volume = volumes.get(vm.name);
    if (!volume) return { ok: false, volume: vm.name, message: `volume "${vm.name}" not found in pod spec` };
    if (isProjectedKind(volume)) {
      const mount = configVolumeMount(volume, vm, deps);
      if ('error' in mount) return { ok: false, volume: vm.name, message: mount.error };
      mounts.push(mount);
      continue;
    }
    const source = volumeSource(pod, volume, deps);
    if ('error' in source) return { ok: false, volume: vm.name, message: source.error };
    mounts.push({
      ...source.mount,
      target: vm.mountPath,
      readOnly: (vm.readOnly ?? false) || (source.readOnly ?? false),
      ...(vm.subPath ? { subPath: vm.subPath } : {}),
      ...(vm.mountPropagation ? { propagation: vm.mountPropagation } : {}),
    });
  }
  return { ok: true, mounts };
}

/**
 * A configMap/secret/downwardAPI/projected volume: always read-only (as since Kubernetes 1.10). A
 * subPath binds the file it resolves to in the current timestamped directory, so it keeps that
 * content when the volume is updated, as the kubelet's subPath bind does.
 */
function configVolumeMount(
  volume: Volume,
  vm: NonNullable<Container['volumeMounts']>[number],
  deps: MountDeps,
): MountSpec | { error: string } {
  const dir = deps.configDir?.(volume);
  if (!dir) return { error: `MountVolume.SetUp failed for volume "${volume.name}" : volume is not set up` };
  let source = dir;
  if (vm.subPath) {
    const clean = posix.normalize(vm.subPath);
    if (posix.isAbsolute(vm.subPath) || clean === '..' || clean.startsWith('../'))
      return { error: `subPath "${vm.subPath}" must be a relative path that stays inside the volume` };
    const joined = posix.join(dir, clean);
    source = deps.fs.realpath?.(joined) ?? joined;
  }
  return { type: 'bind', source, target: vm.mountPath, readOnly: true };
}

/**
 * What the sandbox mounts so a tmpfs-backed emptyDir lives as long as the pod: Docker unmounts
 * such a volume, losing its data, whenever no running container holds it.
 */
export function sandboxMounts(pod: Pod): MountSpec[] {
  const noFs = { kind: () => undefined, mkdirp() {}, touch() {} };
  const noClaims = () => ({ error: '' });
  return (pod.spec?.volumes ?? [])
    .filter((v) => v.emptyDir?.medium === 'Memory')
    .flatMap((v) => {
      const source = volumeSource(pod, v, { claims: noClaims, fs: noFs });
      return 'mount' in source
        ? [{ ...source.mount, target: `/mkube/volumes/${v.name}`, readOnly: false }]
        : [];
    });
}

type Source = { mount: Omit<MountSpec, 'target' | 'readOnly'>; readOnly?: boolean } | { error: string };

function volumeSource(pod: Pod, volume: Volume, deps: MountDeps): Source {
  const uid = pod.metadata!.uid!;
  if (volume.emptyDir) {
    const memory = volume.emptyDir.medium === 'Memory';
    const size =
      volume.emptyDir.sizeLimit !== undefined
        ? quantityAsNumber(String(volume.emptyDir.sizeLimit))
        : undefined;
    return {
      mount: {
        type: 'volume',
        source: emptyDirVolumeName(uid, volume.name),
        volumeLabels: { 'io.mkube.pod.uid': uid },
        ...(memory ? { tmpfs: true, ...(size ? { sizeBytes: size } : {}) } : {}),
      },
    };
  }
  if (volume.hostPath) {
    const error = checkHostPath(volume.hostPath.path, volume.hostPath.type ?? '', deps.fs);
    if (error) return { error: `MountVolume.SetUp failed for volume "${volume.name}" : ${error}` };
    createMissingSource(volume.hostPath.path, deps.fs);
    return { mount: { type: 'bind', source: volume.hostPath.path } };
  }
  if (volume.persistentVolumeClaim || volume.ephemeral) {
    const ns = pod.metadata!.namespace ?? 'default';
    const claim = volume.persistentVolumeClaim
      ? deps.claims(ns, volume.persistentVolumeClaim.claimName)
      : deps.claims(ns, `${pod.metadata!.name}-${volume.name}`, uid);
    if ('error' in claim) return { error: claim.error };
    const readOnly = volume.persistentVolumeClaim?.readOnly ?? false;
    if ('local' in claim) return { mount: { type: 'bind', source: claim.local.path }, readOnly };
    const error = checkHostPath(claim.hostPath.path, claim.hostPath.type, deps.fs);
    if (error) return { error: `MountVolume.SetUp failed for volume "${volume.name}" : ${error}` };
    createMissingSource(claim.hostPath.path, deps.fs);
    return { mount: { type: 'bind', source: claim.hostPath.path }, readOnly };
  }
  const kind = Object.keys(volume).find((k) => k !== 'name') ?? 'unknown';
  return { error: `volume type "${kind}" of volume "${volume.name}" is not supported by mkube yet` };
}

/**
 * A hostPath without type that does not exist is created as a directory, as the container
 * runtime does for a missing bind source (containerd's CRI, `docker run -v`); Docker's mount API
 * would refuse it instead.
 */
function createMissingSource(path: string, fs: HostFs): void {
  if (fs.kind(path) === undefined) fs.mkdirp(path);
}

/** The kubelet's hostPath type checks; '' means no check. Returns an error message or undefined. */
export function checkHostPath(path: string, type: string, fs: HostFs): string | undefined {
  const kind = fs.kind(path);
  switch (type) {
    case '':
      return undefined;
    case 'DirectoryOrCreate':
      if (kind === undefined) fs.mkdirp(path);
      else if (kind !== 'directory') return `hostPath type check failed: ${path} is not a directory`;
      return undefined;
    case 'FileOrCreate':
      if (kind === undefined) fs.touch(path);
      else if (kind !== 'file') return `hostPath type check failed: ${path} is not a file`;
      return undefined;
    case 'Directory':
      return kind === 'directory' ? undefined : `hostPath type check failed: ${path} is not a directory`;
    case 'File':
      return kind === 'file' ? undefined : `hostPath type check failed: ${path} is not a file`;
    case 'Socket':
      return kind === 'socket' ? undefined : `hostPath type check failed: ${path} is not a socket file`;
    case 'CharDevice':
      return kind === 'char' ? undefined : `hostPath type check failed: ${path} is not a character device`;
    case 'BlockDevice':
      return kind === 'block' ? undefined : `hostPath type check failed: ${path} is not a block device`;
    default:
      return `invalid HostPathType ${type}`;
  }
}
