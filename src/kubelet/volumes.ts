// Pod volumes -> runtime mounts. The containers of a pod share storage as they share the
// network: an emptyDir is one Docker volume per pod (tmpfs-backed for medium: Memory), removed
// with the pod and kept across container restarts; hostPath is a bind mount after the kubelet's
// type checks; a persistentVolumeClaim is a Docker volume named after its claim's volume, which
// outlives the pod.
import { posix } from 'node:path';
import type { Container, Pod, Volume } from 'kubernetes-types/core/v1.js';
import { quantityAsNumber } from '../api/quantity.js';
import type { MountSpec } from '../runtime/types.js';
import { isProjectedKind } from './volume-payload.js';

/** The Docker volume behind a bound claim, or an error message when it is not bound. */
export type ClaimLookup = (namespace: string, claimName: string) => { volume: string } | { error: string };

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
export const claimVolumeName = (claimUid: string) => `mkube-pvc-${claimUid}`;

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
      readOnly: vm.readOnly ?? false,
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

type Source = { mount: Omit<MountSpec, 'target' | 'readOnly'> } | { error: string };

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
    return { mount: { type: 'bind', source: volume.hostPath.path } };
  }
  if (volume.persistentVolumeClaim) {
    const claim = deps.claims(pod.metadata!.namespace ?? 'default', volume.persistentVolumeClaim.claimName);
    if ('error' in claim) return { error: claim.error };
    return { mount: { type: 'volume', source: claim.volume } };
  }
  const kind = Object.keys(volume).find((k) => k !== 'name') ?? 'unknown';
  return { error: `volume type "${kind}" of volume "${volume.name}" is not supported by mkube yet` };
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
