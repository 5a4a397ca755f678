// Pod volumes as Docker mounts. A volume Docker creates on first use carries the home label (and
// the kubelet's labels), so cleanup finds it; emptyDir medium Memory is a tmpfs-backed volume.
// subPath: Docker 20.10 cannot mount part of a volume, so it becomes a bind of that directory
// (of the volume's mountpoint, for a volume); the daemon creates a missing one, as the kubelet does.
import { posix } from 'node:path';
import type Docker from 'dockerode';
import { isConflict, isNotFound, RuntimeError } from './client.js';
import { homeLabels } from './labels.js';
import { LABELS, type MountSpec } from './types.js';

export interface DockerMounts {
  mounts: Docker.MountSettings[];
  /** `src:dst[:opts]` entries, for subPath mounts. */
  binds: string[];
}

const PROPAGATION: Record<string, string> = {
  None: 'rprivate',
  HostToContainer: 'rslave',
  Bidirectional: 'rshared',
};

function volumeOptions(home: string, m: MountSpec): Record<string, unknown> {
  const options: Record<string, unknown> = { Labels: { ...homeLabels(home), ...(m.volumeLabels ?? {}) } };
  if (m.tmpfs) {
    const o = m.sizeBytes ? `size=${Math.round(m.sizeBytes)}` : '';
    options.DriverConfig = {
      Name: 'local',
      Options: { type: 'tmpfs', device: 'tmpfs', ...(o ? { o } : {}) },
    };
  }
  return options;
}

function mountOf(home: string, m: MountSpec): Docker.MountSettings {
  if (m.type === 'tmpfs') {
    return {
      Type: 'tmpfs',
      Target: m.target,
      ReadOnly: m.readOnly,
      ...(m.sizeBytes ? { TmpfsOptions: { SizeBytes: Math.round(m.sizeBytes) } } : {}),
    } as Docker.MountSettings;
  }
  const mount = {
    Type: m.type,
    Source: m.source,
    Target: m.target,
    ReadOnly: m.readOnly,
  } as Docker.MountSettings;
  if (m.type === 'volume')
    mount.VolumeOptions = volumeOptions(home, m) as Docker.MountSettings['VolumeOptions'];
  if (m.type === 'bind' && m.propagation && PROPAGATION[m.propagation]) {
    mount.BindOptions = { Propagation: PROPAGATION[m.propagation] } as Docker.MountSettings['BindOptions'];
  }
  return mount;
}

/** A relative path inside the volume; `..` and absolute paths are refused, as the kubelet does. */
export function checkSubPath(subPath: string): string {
  const clean = posix.normalize(subPath);
  if (posix.isAbsolute(subPath) || clean === '..' || clean.startsWith('../')) {
    throw new Error(`subPath "${subPath}" must be a relative path that stays inside the volume`);
  }
  return clean;
}

function bindOf(m: MountSpec, base: string): string {
  const opts = [m.readOnly ? 'ro' : 'rw'];
  if (m.propagation && PROPAGATION[m.propagation]) opts.push(PROPAGATION[m.propagation]!);
  return `${posix.join(base, checkSubPath(m.subPath!))}:${m.target}:${opts.join(',')}`;
}

/** Pure: `volumePaths` holds the mountpoint of each volume that has a subPath mount. */
export function dockerMounts(
  home: string,
  specs: MountSpec[],
  volumePaths: Map<string, string>,
): DockerMounts {
  const out: DockerMounts = { mounts: [], binds: [] };
  for (const m of specs) {
    if (m.subPath && m.type !== 'tmpfs') {
      const base = m.type === 'volume' ? volumePaths.get(m.source) : m.source;
      if (!base) throw new Error(`volume ${m.source} has no mountpoint`);
      out.binds.push(bindOf(m, base));
    } else out.mounts.push(mountOf(home, m));
  }
  return out;
}

/** Creates the volumes that subPath mounts need now (Docker would only at first use) and finds their paths. */
export async function prepareMounts(docker: Docker, home: string, specs: MountSpec[]): Promise<DockerMounts> {
  const paths = new Map<string, string>();
  for (const m of specs) {
    if (!m.subPath || m.type !== 'volume' || paths.has(m.source)) continue;
    const options = volumeOptions(home, m) as {
      Labels: Record<string, string>;
      DriverConfig?: { Options: object };
    };
    try {
      // Creating an existing volume returns it unchanged.
      await docker.createVolume({
        Name: m.source,
        Driver: 'local',
        Labels: options.Labels,
        ...(options.DriverConfig
          ? { DriverOpts: options.DriverConfig.Options as Record<string, string> }
          : {}),
      });
      const info = (await docker.getVolume(m.source).inspect()) as { Mountpoint: string };
      paths.set(m.source, info.Mountpoint);
    } catch (err) {
      throw new RuntimeError('prepare volume', m.source, err);
    }
  }
  try {
    return dockerMounts(home, specs, paths);
  } catch (err) {
    throw new RuntimeError('mount', specs.find((m) => m.subPath)?.target ?? '', err);
  }
}

/** Removes this state dir's volumes carrying all `labels`; one still in use or gone is skipped. */
export async function removeVolumes(
  docker: Docker,
  home: string,
  labels: Record<string, string>,
): Promise<void> {
  const label = [`${LABELS.home}=${home}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)];
  const { Volumes } = await docker.listVolumes({ filters: { label } });
  await Promise.all(
    (Volumes ?? []).map(async (v) => {
      try {
        await docker.getVolume(v.Name).remove({ force: true });
      } catch (err) {
        if (!isNotFound(err) && !isConflict(err)) throw new RuntimeError('remove volume', v.Name, err);
      }
    }),
  );
}
