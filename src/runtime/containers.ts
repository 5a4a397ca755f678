// App and init containers: created inside the pod sandbox's namespaces, then started, stopped,
// removed. Every call is idempotent: a gone container is fine, a retried create collides by name.
import type Docker from 'dockerode';
import { isConflict, isNotFound, isNotModified, RuntimeError } from './client.js';
import { type ContainerIdentity, containerLabels, decodeLabels, sameIdentity } from './labels.js';
import { type DockerMounts, dockerMounts, prepareMounts } from './mounts.js';
import { containerName } from './names.js';
import { type ContainerCreateSpec, LABELS } from './types.js';

/**
 * The create request (pure). Kubernetes semantics: `command` replaces ENTRYPOINT (and drops the
 * image's CMD), `args` replaces CMD; `args` alone keeps the image's ENTRYPOINT.
 */
export function containerCreateOptions(
  home: string,
  spec: ContainerCreateSpec,
  mounts: DockerMounts = dockerMounts(home, spec.mounts, new Map()),
): Docker.ContainerCreateOptions {
  const hasCommand = (spec.command?.length ?? 0) > 0;
  const hasArgs = (spec.args?.length ?? 0) > 0;
  const opts: Docker.ContainerCreateOptions = {
    name: containerName(home, spec, spec.name, spec.attempt),
    Image: spec.image,
    Labels: containerLabels(home, spec),
    Env: spec.env,
    Tty: spec.tty,
    OpenStdin: spec.stdin,
    StdinOnce: spec.stdinOnce,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    HostConfig: {
      NetworkMode: `container:${spec.sandboxId}`,
      IpcMode: `container:${spec.sandboxId}`,
      Mounts: mounts.mounts,
      ...(mounts.binds.length ? { Binds: mounts.binds } : {}),
      RestartPolicy: { Name: 'no' },
      ...securityOptions(spec),
    },
  };
  if (spec.user) opts.User = spec.user;
  if (hasCommand) {
    opts.Entrypoint = spec.command;
    opts.Cmd = hasArgs ? spec.args : [];
  } else if (hasArgs) opts.Cmd = spec.args;
  if (spec.workingDir) opts.WorkingDir = spec.workingDir;
  if (spec.memoryBytes !== undefined && spec.memoryBytes > 0) {
    opts.HostConfig!.Memory = Math.round(spec.memoryBytes);
    // No swap, as on a node: exceeding the limit is an OOM kill.
    opts.HostConfig!.MemorySwap = Math.round(spec.memoryBytes);
  }
  if (spec.nanoCpus !== undefined && spec.nanoCpus > 0) opts.HostConfig!.NanoCpus = Math.round(spec.nanoCpus);
  return opts;
}

/** securityContext and shareProcessNamespace as HostConfig fields. */
function securityOptions(spec: ContainerCreateSpec): Docker.HostConfig {
  const hc: Docker.HostConfig = {};
  if (spec.readOnlyRootFilesystem) hc.ReadonlyRootfs = true;
  if (spec.privileged) hc.Privileged = true;
  if (spec.capAdd?.length) hc.CapAdd = spec.capAdd;
  if (spec.capDrop?.length) hc.CapDrop = spec.capDrop;
  const securityOpt = [
    ...(spec.noNewPrivileges ? ['no-new-privileges'] : []),
    ...(spec.seccomp !== undefined ? [`seccomp=${spec.seccomp}`] : []),
  ];
  if (securityOpt.length) hc.SecurityOpt = securityOpt;
  if (spec.sharePid) hc.PidMode = `container:${spec.sandboxId}`;
  return hc;
}

export async function createContainer(
  docker: Docker,
  home: string,
  spec: ContainerCreateSpec,
): Promise<string> {
  const opts = containerCreateOptions(home, spec, await prepareMounts(docker, home, spec.mounts));
  const name = opts.name!;
  try {
    return (await docker.createContainer(opts)).id;
  } catch (err) {
    if (!isConflict(err)) throw new RuntimeError('create container', name, err);
  }
  const wanted = decodeLabels(opts.Labels)!;
  const existing = await claimName(docker, home, name, (id) => sameIdentity(id, wanted));
  if (existing) return existing;
  try {
    return (await docker.createContainer(opts)).id;
  } catch (err) {
    throw new RuntimeError('create container', name, err);
  }
}

/**
 * A create collided on `name`. When the holder is ours and `reuse` accepts it, return its id;
 * when it is ours but stale (a deleted pod of the same name), remove it so the create can retry.
 * A container not of this state dir is never touched.
 */
export async function claimName(
  docker: Docker,
  home: string,
  name: string,
  reuse: (identity: ContainerIdentity, running: boolean) => boolean,
): Promise<string | undefined> {
  let info: Docker.ContainerInspectInfo;
  try {
    info = await docker.getContainer(name).inspect();
  } catch (err) {
    if (isNotFound(err)) return undefined; // removed meanwhile: just create again
    throw new RuntimeError('inspect container', name, err);
  }
  const labels = info.Config?.Labels ?? {};
  const identity = decodeLabels(labels);
  if (labels[LABELS.home] !== home || !identity) {
    throw new RuntimeError(
      'create container',
      name,
      new Error('the name is in use by a container mkube did not create'),
    );
  }
  if (reuse(identity, info.State?.Running ?? false)) return info.Id;
  await removeQuietly(docker, info.Id);
  return undefined;
}

export async function startContainer(docker: Docker, id: string): Promise<void> {
  try {
    await docker.getContainer(id).start();
  } catch (err) {
    if (!isNotModified(err)) throw new RuntimeError('start container', id, err);
  }
}

/** Signal (the image's STOPSIGNAL or TERM by default), then KILL after graceSeconds. */
export async function stopContainer(
  docker: Docker,
  id: string,
  graceSeconds: number,
  signal?: string,
): Promise<void> {
  const c = docker.getContainer(id);
  const grace = Math.max(0, Math.ceil(graceSeconds));
  try {
    if (!signal) {
      await c.stop({ t: grace });
      return;
    }
    await c.kill({ signal });
    const exited = c.wait({ condition: 'not-running' }).then(() => true);
    const timedOut = new Promise<boolean>((r) => setTimeout(() => r(false), grace * 1000).unref());
    if (!(await Promise.race([exited, timedOut]))) await c.kill({ signal: 'SIGKILL' });
  } catch (err) {
    if (isNotFound(err) || isNotModified(err) || isNotRunning(err)) return;
    throw new RuntimeError('stop container', id, err);
  }
}

const isNotRunning = (err: unknown): boolean =>
  isConflict(err) && /is not running/i.test(String((err as Error).message));

/** Force-remove with its anonymous volumes; a gone container (or one already being removed) is fine. */
export async function removeContainer(docker: Docker, id: string): Promise<void> {
  try {
    await docker.getContainer(id).remove({ force: true, v: true });
  } catch (err) {
    if (isNotFound(err) || isConflict(err)) return;
    throw new RuntimeError('remove container', id, err);
  }
}

export async function removeQuietly(docker: Docker, id: string): Promise<void> {
  await removeContainer(docker, id).catch(() => undefined);
}
