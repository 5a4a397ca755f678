// The seccomp profile a container runs with, chosen as the kubelet's getSeccompProfile does: the
// container's securityContext.seccompProfile, else the pod's, else Unconfined — the kubelet's
// default while its `seccompDefault` setting is off, which it is unless a node sets it. Privileged
// containers always run Unconfined. The sandbox takes the pod's profile (no container).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Container, Pod, SeccompProfile } from 'kubernetes-types/core/v1.js';

export type SeccompChoice =
  | { type: 'Unconfined' }
  | { type: 'RuntimeDefault' }
  | { type: 'Localhost'; localhostProfile: string };

export function seccompChoice(pod: Pod, container?: Container): SeccompChoice {
  if (container?.securityContext?.privileged) return { type: 'Unconfined' };
  const profile: SeccompProfile | undefined =
    container?.securityContext?.seccompProfile ?? pod.spec?.securityContext?.seccompProfile;
  if (profile?.type === 'RuntimeDefault') return { type: 'RuntimeDefault' };
  if (profile?.type === 'Localhost' && profile.localhostProfile) {
    return { type: 'Localhost', localhostProfile: profile.localhostProfile };
  }
  return { type: 'Unconfined' };
}

/**
 * What the runtime is told (Docker's `seccomp=` value): undefined for the runtime's default
 * profile, 'unconfined', or a Localhost profile's JSON read from `profileRoot` (the kubelet's
 * `<root-dir>/seccomp`). A profile that cannot be read fails the create, worded as containerd
 * words it, which the kubelet reports as CreateContainerError.
 */
export function seccompForRuntime(
  choice: SeccompChoice,
  profileRoot: string | undefined,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): { ok: true; seccomp: string | undefined } | { ok: false; message: string } {
  if (choice.type === 'RuntimeDefault') return { ok: true, seccomp: undefined };
  if (choice.type === 'Unconfined') return { ok: true, seccomp: 'unconfined' };
  if (profileRoot === undefined) {
    return {
      ok: false,
      message: `cannot load seccomp profile "${choice.localhostProfile}": no profile directory`,
    };
  }
  const path = join(profileRoot, choice.localhostProfile);
  try {
    return { ok: true, seccomp: readFile(path) };
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message;
    return { ok: false, message: `cannot load seccomp profile "${path}": open ${path}: ${reason}` };
  }
}
