// The configMap, secret, downwardAPI and projected volumes of a pod on the host: one directory
// per volume, filled by the atomic writer and bind-mounted read-only into the containers (a
// bind of the directory, so a `..data` swap reaches running containers; a subPath mount binds
// the resolved file instead, which never changes, as in Kubernetes). Secret and projected
// volumes live on tmpfs (/dev/shm), never on a disk, as the kubelet keeps them in a Memory
// emptyDir; the others under the pod's directory in the state directory.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Pod, Volume } from 'kubernetes-types/core/v1.js';
import { DATA_DIR, writeAtomic } from './atomic-writer.js';
import {
  isProjectedKind,
  onTmpfs,
  type PayloadContext,
  type PayloadSources,
  volumePayload,
} from './volume-payload.js';

export interface VolumeDirs {
  /** Per pod uid: `<disk>/<uid>/volumes/<name>` (the kubelet's pods directory). */
  disk: string;
  /** The same layout on tmpfs, for secret and projected volumes. */
  memory: string;
}

const SHM = '/dev/shm';

/** Where this home's secret volumes live: a directory of its own on the machine's tmpfs. */
export function memoryVolumesRoot(home: string, shm = SHM): string {
  const id = createHash('sha256').update(home).digest('hex').slice(0, 12);
  return existsSync(shm) ? join(shm, `mkube-${id}`) : join(home, 'kubelet', 'memory-volumes');
}

export function projectedVolumeDir(dirs: VolumeDirs, podUid: string, v: Volume): string {
  return join(onTmpfs(v) ? dirs.memory : dirs.disk, podUid, 'volumes', v.name);
}

export type SetUpResult = { ok: true; changed: string[] } | { ok: false; volume: string; message: string };

/**
 * Writes every projected-kind volume of the pod (first time or update); the first one whose
 * source is missing fails with the kubelet's FailedMount text. Unchanged volumes are left alone.
 */
export function setUpConfigVolumes(
  pod: Pod,
  dirs: VolumeDirs,
  sources: PayloadSources,
  ctx: PayloadContext,
): SetUpResult {
  const uid = pod.metadata!.uid!;
  const changed: string[] = [];
  const fsGroup = pod.spec?.securityContext?.fsGroup;
  for (const v of pod.spec?.volumes ?? []) {
    if (!isProjectedKind(v)) continue;
    const dir = projectedVolumeDir(dirs, uid, v);
    const result = volumePayload(pod, v, sources, ctx);
    // A volume set up before keeps its files when its source goes away, as a mounted volume
    // does on a node: containers that restart find what they had.
    if (!result.ok && existsSync(join(dir, DATA_DIR))) continue;
    if (!result.ok) {
      return {
        ok: false,
        volume: v.name,
        message: `MountVolume.SetUp failed for volume "${v.name}" : ${result.message}`,
      };
    }
    if (onTmpfs(v)) mkdirSync(dirs.memory, { recursive: true, mode: 0o700 });
    try {
      if (writeAtomic(dir, result.payload, { ...(fsGroup !== undefined ? { fsGroup } : {}) }))
        changed.push(v.name);
    } catch (err) {
      return {
        ok: false,
        volume: v.name,
        message: `MountVolume.SetUp failed for volume "${v.name}" : ${(err as Error).message}`,
      };
    }
  }
  return { ok: true, changed };
}

/** The pod's tmpfs volume directories go with it (the disk ones go with its pod directory). */
export function removeConfigVolumes(dirs: VolumeDirs, podUid: string): void {
  rmSync(join(dirs.memory, podUid), { recursive: true, force: true });
  rmSync(join(dirs.disk, podUid, 'volumes'), { recursive: true, force: true });
}

/** A directory this young may belong to a pod created since the caller listed the live ones. */
const ORPHAN_MIN_AGE_MS = 60_000;

/** Remove the tmpfs directories of pods that no longer exist (deleted while the agent was away). */
export function removeOrphanConfigVolumes(dirs: VolumeDirs, liveUids: Set<string>, now = Date.now()): void {
  let uids: string[];
  try {
    uids = readdirSync(dirs.memory);
  } catch {
    return;
  }
  for (const uid of uids) {
    if (liveUids.has(uid)) continue;
    const path = join(dirs.memory, uid);
    try {
      if (now - statSync(path).mtimeMs < ORPHAN_MIN_AGE_MS) continue;
    } catch {
      continue;
    }
    rmSync(path, { recursive: true, force: true });
  }
}
