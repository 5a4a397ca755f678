// Seccomp as the kubelet applies it: no profile means Unconfined (the kubelet's default while its
// seccompDefault is off), RuntimeDefault is Docker's default profile, a container's setting wins
// over the pod's, the sandbox takes the pod's profile, and a Localhost profile is read from
// $MKUBE_HOME/kubelet/seccomp (a missing one: CreateContainerError). Privileged containers (always
// Unconfined, a unit test) cannot run on this machine at all: runc may not apply their capabilities.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxPod, FOREVER, LifecycleHome, waitFor } from './fixtures/lifecycle.js';
import { requireDocker } from './harness.js';

// The kernel's seccomp mode of the container's shell (0 none, 2 a filter), then whether mkdir may run;
// one stream, as Docker does not keep the order of lines between stdout and stderr.
const SHOW = `grep Seccomp: /proc/self/status; mkdir /made 2>&1 && echo made || echo not made; ${FOREVER}`;
const profile = (sc: string) => `    securityContext:\n      seccompProfile:\n${sc}`;
const podProfile = (sc: string) => `  securityContext:\n    seccompProfile:\n${sc}`;

describe('seccomp profiles', () => {
  let t: LifecycleHome;
  beforeAll(() => {
    requireDocker();
    t = new LifecycleHome();
    const dir = join(t.home, 'kubelet', 'seccomp', 'profiles');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'no-mkdir.json'),
      JSON.stringify({
        defaultAction: 'SCMP_ACT_ALLOW',
        syscalls: [{ names: ['mkdir', 'mkdirat'], action: 'SCMP_ACT_ERRNO' }],
      }),
    );
    t.apply(
      [
        busyboxPod('unset', SHOW),
        busyboxPod('runtime-default', SHOW, { spec: podProfile('      type: RuntimeDefault') }),
        busyboxPod('container-wins', SHOW, {
          spec: podProfile('      type: RuntimeDefault'),
          container: profile('        type: Unconfined'),
        }),
        busyboxPod('localhost', SHOW, {
          container: profile('        type: Localhost\n        localhostProfile: profiles/no-mkdir.json'),
        }),
        busyboxPod('missing', SHOW, {
          container: profile('        type: Localhost\n        localhostProfile: profiles/gone.json'),
        }),
      ].join('---\n'),
    );
  });
  afterAll(() => t?.cleanup());

  const logsOf = (name: string) =>
    waitFor(() => {
      const out = t.run(['logs', name]).stdout;
      return out.includes('made') ? out : undefined;
    }, 30_000);

  /** The Seccomp line of the pod's pause process, read from the host. */
  const sandboxSeccomp = (uid: string) => {
    const [id] = t.containers(false, { 'io.mkube.pod.uid': uid, 'io.mkube.container.type': 'sandbox' });
    const pid = execFileSync('docker', ['inspect', '-f', '{{.State.Pid}}', id!], { encoding: 'utf8' }).trim();
    return readFileSync(`/proc/${pid}/status`, 'utf8').match(/^Seccomp:.*$/m)?.[0];
  };

  it('runs each container with the profile the kubelet picks, and the sandbox with the pod profile', async () => {
    const names = ['unset', 'runtime-default', 'container-wins', 'localhost'];
    const seen: Record<string, unknown> = {};
    for (const name of names) {
      seen[name] = {
        logs: await logsOf(name),
        sandbox: sandboxSeccomp(t.pod(name).metadata!.uid!),
      };
    }
    expect(seen).toEqual({
      unset: { logs: 'Seccomp:\t0\nmade\n', sandbox: 'Seccomp:\t0' },
      'runtime-default': { logs: 'Seccomp:\t2\nmade\n', sandbox: 'Seccomp:\t2' },
      'container-wins': { logs: 'Seccomp:\t0\nmade\n', sandbox: 'Seccomp:\t2' },
      localhost: {
        logs: "Seccomp:\t2\nmkdir: can't create directory '/made': Operation not permitted\nnot made\n",
        sandbox: 'Seccomp:\t0',
      },
    });
  });

  it('leaves a container whose Localhost profile is missing in CreateContainerError', async () => {
    const path = join(t.home, 'kubelet', 'seccomp', 'profiles', 'gone.json');
    const waiting = await waitFor(
      () => t.pod('missing').status?.containerStatuses?.[0]?.state?.waiting,
      30_000,
    );
    expect(waiting).toEqual({
      reason: 'CreateContainerError',
      message: `cannot load seccomp profile "${path}": open ${path}: no such file or directory`,
    });
    expect(t.row('missing')).toEqual({ ready: '0/1', status: 'CreateContainerError', restarts: '0' });
  });
});
