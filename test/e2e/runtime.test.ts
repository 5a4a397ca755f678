// The Docker runtime against the real engine: network, sandbox, containers sharing localhost,
// exec, logs, images, events. Each test file has its own home; cleanup is by its label.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerRuntime } from '../../src/runtime/docker.js';
import { networkName } from '../../src/runtime/names.js';
import { hostInterfaceName } from '../../src/runtime/pod-plumbing.js';
import { PAUSE_IMAGE } from '../../src/runtime/sandbox-image.js';
import type { ObservedContainer, Runtime, RuntimeEvent } from '../../src/runtime/types.js';
import { eventually, requireDocker, TestHome } from './harness.js';
import {
  BUSYBOX,
  collector,
  containerSpec,
  execCapture,
  freePort,
  run,
  startPod,
  type TestPod,
} from './runtime-fixtures.js';

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const HTTPD = 'mkdir -p /www && echo hello-from-httpd > /www/index.html && exec httpd -f -p 9876 -h /www';

let home: TestHome;
let runtime: Runtime;

beforeAll(async () => {
  requireDocker();
  execFileSync('bash', ['scripts/build-images.sh'], { stdio: 'ignore' });
  home = new TestHome('mkube-runtime-');
  runtime = await createDockerRuntime(home.home);
});
afterAll(() => home?.cleanup());

const find = async (id: string): Promise<ObservedContainer | undefined> =>
  (await runtime.listContainers()).find((c) => c.id === id);

describe('sandbox and network', () => {
  let pod: TestPod;
  it('builds the sandbox image locally and keeps the sandbox running', async () => {
    expect(await runtime.ensureSandboxImage()).toBe(PAUSE_IMAGE);
    expect(docker('image', 'inspect', '-f', '{{json .Config.Cmd}}', PAUSE_IMAGE)).toBe('["/pause"]');
    pod = await startPod(runtime, 'sb');
    await new Promise((r) => setTimeout(r, 1000));
    const sb = await find(pod.sandboxId);
    expect(sb).toMatchObject({ type: 'sandbox', name: '', podName: 'sb', state: 'running', attempt: 0 });
    expect(sb?.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(sb?.dockerName).toMatch(new RegExp(`^mkube-[0-9a-f]{6}_default_sb_POD_${pod.uid.slice(0, 8)}$`));
  });

  it('plumbs the sandbox onto the labelled per-home network itself: none for Docker, its address as a label', async () => {
    const net = networkName(home.home);
    expect(docker('network', 'inspect', '-f', '{{index .Labels "io.mkube.home"}}', net)).toBe(home.home);
    const sb = JSON.parse(docker('inspect', pod.sandboxId))[0];
    expect([
      sb.HostConfig.NetworkMode,
      sb.Config.Labels['io.mkube.pod.ip'],
      existsSync(`/sys/class/net/${hostInterfaceName(pod.sandboxId)}`),
    ]).toEqual(['none', (await find(pod.sandboxId))?.ip, true]);
  });

  it('returns the running sandbox when the same pod asks again', async () => {
    const again = await startPod(runtime, 'sb', {}, pod.uid);
    expect(again.sandboxId).toBe(pod.sandboxId);
  });

  it('stops the sandbox at once', async () => {
    const t0 = Date.now();
    await runtime.stopContainer(pod.sandboxId, 30);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect((await find(pod.sandboxId))?.state).toBe('exited');
  });
});

describe('containers of one pod', () => {
  let pod: TestPod;
  let hostPort: number;
  let shell: string;

  beforeAll(async () => {
    hostPort = await freePort();
    pod = await startPod(runtime, 'web', {
      ports: [{ containerPort: 9876, hostPort, protocol: 'TCP', hostIP: '127.0.0.1' }],
    });
    await run(runtime, containerSpec(pod, 'httpd', { command: ['sh', '-c', HTTPD] }));
    shell = await run(runtime, containerSpec(pod, 'shell', { command: ['sleep', '3600'] }));
  });

  it('share localhost: one container reaches the other on 127.0.0.1', async () => {
    const r = await eventually(async () => {
      const res = await execCapture(runtime, shell, ['wget', '-qO-', 'localhost:9876']);
      return res.code === 0 ? res : undefined;
    }, 15_000);
    expect(r.stdout).toBe('hello-from-httpd\n');
  });

  it('publishes hostPort on 127.0.0.1', async () => {
    const body = await eventually(async () => {
      const res = await fetch(`http://127.0.0.1:${hostPort}/`);
      return res.ok ? res.text() : undefined;
    }, 15_000);
    expect(body).toBe('hello-from-httpd\n');
  });

  it("leaves a pod with a host port on Docker's attach, the pod name as alias", () => {
    const aliases = docker(
      'inspect',
      '-f',
      `{{json (index .NetworkSettings.Networks "${networkName(home.home)}").Aliases}}`,
      pod.sandboxId,
    );
    expect(JSON.parse(aliases)).toContain('web');
  });

  it('gives containers the pod hostname', async () => {
    expect((await execCapture(runtime, shell, ['hostname'])).stdout).toBe('web\n');
  });

  it('lists the pod containers with their labels decoded', async () => {
    const mine = (await runtime.listContainers()).filter((c) => c.podUid === pod.uid);
    const byName = Object.fromEntries(mine.map((c) => [c.name, c]));
    expect(Object.keys(byName).sort()).toEqual(['', 'httpd', 'shell']);
    expect(byName.httpd).toMatchObject({
      type: 'app',
      attempt: 0,
      specHash: 'h1',
      state: 'running',
      image: BUSYBOX,
    });
    expect(byName.httpd!.startedAt).toMatch(/Z$/);
    expect(byName.httpd!.finishedAt).toBeUndefined();
    expect(byName.httpd!.imageId).toMatch(/^sha256:/);
  });

  it('returns the existing container when a create is retried', async () => {
    expect(await runtime.createContainer(containerSpec(pod, 'shell', { command: ['sleep', '3600'] }))).toBe(
      shell,
    );
  });

  it('propagates exec exit codes and keeps stdout and stderr apart', async () => {
    const r = await execCapture(runtime, shell, ['sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(r).toEqual({ code: 3, stdout: 'out\n', stderr: 'err\n' });
  });

  it('forwards stdin to exec and closes it at end of input', async () => {
    const r = await execCapture(runtime, shell, ['sh', '-c', 'tr a-z A-Z'], { input: 'piped text\n' });
    expect(r).toEqual({ code: 0, stdout: 'PIPED TEXT\n', stderr: '' });
  });

  it('runs exec in a TTY when asked', async () => {
    const r = await execCapture(runtime, shell, ['tty'], { tty: true });
    expect(r.stdout.trim()).toMatch(/^\/dev\/pts\/\d+$/);
  });

  it('times out a hanging exec', async () => {
    const out = collector();
    await expect(
      runtime.exec(shell, {
        command: ['sleep', '30'],
        tty: false,
        stdout: out.stream,
        stderr: out.stream,
        timeoutMs: 300,
      }),
    ).rejects.toMatchObject({ name: 'ExecTimeoutError' });
  });

  it('stops a container with a custom signal, then removes it; a gone container is fine', async () => {
    await runtime.stopContainer(shell, 5, 'SIGKILL');
    expect(await find(shell)).toMatchObject({ state: 'exited', exitCode: 137 });
    await runtime.removeContainer(shell);
    await runtime.removeContainer(shell);
    await runtime.stopContainer(shell, 1);
    expect(await find(shell)).toBeUndefined();
  });
});

describe('command and args', () => {
  let pod: TestPod;
  beforeAll(async () => {
    pod = await startPod(runtime, 'cmd');
  });

  const exited = async (id: string) =>
    eventually(async () => {
      const c = await find(id);
      return c?.state === 'exited' ? c : undefined;
    });

  it('records exit code and times of an exited container', async () => {
    const id = await run(runtime, containerSpec(pod, 'fail', { command: ['sh', '-c', 'echo bye; exit 7'] }));
    const c = await exited(id);
    expect(c.exitCode).toBe(7);
    expect(c.oomKilled).toBe(false);
    expect(Date.parse(c.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(c.startedAt!));
  });

  it('runs args alone with the image entrypoint, command alone without the image CMD', async () => {
    const image = `mkube-e2e/entry:${pod.uid.slice(0, 8)}`;
    execFileSync('docker', ['build', '-q', '-t', image, '-'], {
      input: `FROM ${BUSYBOX}\nENTRYPOINT ["echo", "entry"]\nCMD ["default-cmd"]\n`,
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    try {
      const output = async (name: string, over: { command?: string[]; args?: string[] }) => {
        const id = await run(runtime, containerSpec(pod, name, { image, ...over }));
        await exited(id);
        const out = collector();
        await runtime.logs(id, { follow: false, timestamps: false, stdout: out.stream, stderr: out.stream });
        return out.text();
      };
      expect(await output('plain', {})).toBe('entry default-cmd\n');
      expect(await output('args', { args: ['a1'] })).toBe('entry a1\n');
      expect(await output('command', { command: ['echo', 'c1'] })).toBe('c1\n');
      expect(await output('both', { command: ['echo', 'c2'], args: ['a2'] })).toBe('c2 a2\n');
    } finally {
      await runtime
        .removeContainer(
          (await runtime.listContainers())
            .filter((c) => c.podUid === pod.uid && c.name !== '')
            .map((c) => c.id)
            .join(' '),
        )
        .catch(() => {});
      for (const c of (await runtime.listContainers()).filter((c) => c.image === image))
        await runtime.removeContainer(c.id);
      docker('rmi', '-f', image);
    }
  });
});

describe('logs', () => {
  let id: string;
  beforeAll(async () => {
    const pod = await startPod(runtime, 'logs');
    id = await run(
      runtime,
      containerSpec(pod, 'talker', {
        command: ['sh', '-c', 'echo oops >&2; sleep 0.2; for i in 1 2 3 4 5; do echo line$i; done'],
      }),
    );
    await eventually(async () => (await find(id))?.state === 'exited');
  });

  it('demultiplexes stdout and stderr', async () => {
    const out = collector();
    const err = collector();
    await runtime.logs(id, { follow: false, timestamps: false, stdout: out.stream, stderr: err.stream });
    expect(out.text()).toBe('line1\nline2\nline3\nline4\nline5\n');
    expect(err.text()).toBe('oops\n');
  });

  it('keeps only the last lines with tail and prefixes timestamps', async () => {
    const out = collector();
    await runtime.logs(id, {
      follow: false,
      timestamps: true,
      tail: 2,
      stdout: out.stream,
      stderr: out.stream,
    });
    const lines = out.text().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z line[45]$/);
  });

  it('follows until the container exits', async () => {
    const pod = await startPod(runtime, 'follow');
    const fid = await run(
      runtime,
      containerSpec(pod, 'slow', { command: ['sh', '-c', 'echo first; sleep 1; echo second'] }),
    );
    const out = collector();
    await runtime.logs(fid, { follow: true, timestamps: false, stdout: out.stream, stderr: out.stream });
    expect(out.text()).toBe('first\nsecond\n');
  });
});

describe('images', () => {
  it('fails fast with ErrImagePull for an image that is absent and unpullable', async () => {
    const t0 = Date.now();
    const r = await runtime.ensureImage('mkube-e2e/does-not-exist:1', 'IfNotPresent');
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r).toMatchObject({ ok: false, reason: 'ErrImagePull' });
    if (!r.ok) expect(r.message).toMatch(/^Failed to pull image "mkube-e2e\/does-not-exist:1": /);
  });

  it('uses the local image with a warning when an Always pull fails', async () => {
    const r = await runtime.ensureImage('mkube-e2e/local-only:latest', 'Always');
    expect(r.ok).toBe(false);
    docker('tag', BUSYBOX, 'mkube-e2e/local-only:latest');
    try {
      const again = await runtime.ensureImage('mkube-e2e/local-only:latest', 'Always');
      expect(again).toMatchObject({ ok: true, pulled: false });
      if (again.ok)
        expect(again.warning).toMatch(
          /^Failed to pull image "mkube-e2e\/local-only:latest": .*; using the image present locally$/,
        );
    } finally {
      docker('rmi', 'mkube-e2e/local-only:latest');
    }
  });

  it('uses a present image without pulling under IfNotPresent and Never', async () => {
    for (const policy of ['IfNotPresent', 'Never'] as const) {
      const r = await runtime.ensureImage(BUSYBOX, policy);
      expect(r).toMatchObject({ ok: true, pulled: false });
      if (r.ok) expect(r.warning).toBeUndefined();
    }
  });

  it('refuses an absent image under Never', async () => {
    expect(await runtime.ensureImage('mkube-e2e/absent:1', 'Never')).toEqual({
      ok: false,
      reason: 'ErrImageNeverPull',
      message: 'Container image "mkube-e2e/absent:1" is not present with pull policy of Never',
    });
  });
});

describe('events', () => {
  it("reports start and die of this home's containers", async () => {
    const seen: RuntimeEvent[] = [];
    const stop = await runtime.events((ev) => seen.push(ev));
    try {
      const pod = await startPod(runtime, 'events');
      const id = await run(runtime, containerSpec(pod, 'quick', { command: ['true'] }));
      await eventually(() => seen.some((e) => e.containerId === id && e.action === 'die'), 15_000);
      expect(seen.find((e) => e.containerId === id && e.action === 'start')?.podUid).toBe(pod.uid);
    } finally {
      stop();
    }
  });
});

describe('volumes and security', () => {
  let pod: TestPod;
  beforeAll(async () => {
    pod = await startPod(runtime, 'vols', { sharePid: true });
  });
  const volumeLabels = () => ({ 'io.mkube.pod.uid': pod.uid });

  it('shares an emptyDir volume, a tmpfs-backed one and a subPath between containers', async () => {
    const shared = `mkube-e2e-${pod.uid.slice(0, 8)}`;
    const mem = `${shared}-mem`;
    const mounts = [
      {
        type: 'volume' as const,
        source: shared,
        target: '/shared',
        readOnly: false,
        volumeLabels: volumeLabels(),
      },
      {
        type: 'volume' as const,
        source: mem,
        target: '/mem',
        readOnly: false,
        volumeLabels: volumeLabels(),
        tmpfs: true,
        sizeBytes: 4 * 2 ** 20,
      },
    ];
    const writer = await run(
      runtime,
      containerSpec(pod, 'writer', {
        command: [
          'sh',
          '-c',
          'mkdir -p /shared/sub && echo deep > /shared/sub/f && echo m > /mem/f && exec sleep 3601',
        ],
        mounts,
        sharePid: true,
      }),
    );
    const reader = await run(
      runtime,
      containerSpec(pod, 'reader', {
        command: ['sleep', '3600'],
        mounts: [
          ...mounts,
          {
            type: 'volume',
            source: shared,
            target: '/only',
            readOnly: true,
            subPath: 'sub',
            volumeLabels: volumeLabels(),
          },
        ],
        sharePid: true,
        readOnlyRootFilesystem: true,
      }),
    );
    const r = await eventually(async () => {
      const res = await execCapture(runtime, reader, ['sh', '-c', 'cat /shared/sub/f /mem/f /only/f']);
      return res.code === 0 ? res : undefined;
    }, 10_000);
    expect(r.stdout).toBe('deep\nm\ndeep\n');
    expect((await execCapture(runtime, reader, ['sh', '-c', 'df /mem | tail -1'])).stdout).toMatch(
      /^tmpfs\s+4096\s/,
    );
    expect((await execCapture(runtime, reader, ['touch', '/rootfs-file'])).code).not.toBe(0);
    expect((await execCapture(runtime, reader, ['touch', '/only/x'])).code).not.toBe(0);
    // shareProcessNamespace: the reader sees the writer's process and the sandbox's pause.
    const ps = (await execCapture(runtime, reader, ['ps'])).stdout;
    expect(ps).toMatch(/\/pause/);
    expect(ps).toMatch(/sleep 3601/);

    for (const id of [writer, reader]) await runtime.removeContainer(id);
    await runtime.removeVolumes!(volumeLabels());
    expect(docker('volume', 'ls', '-q', '--filter', `label=io.mkube.pod.uid=${pod.uid}`)).toBe('');
  });

  it('runs as the securityContext user', async () => {
    const id = await run(
      runtime,
      containerSpec(pod, 'user', { command: ['sleep', '3600'], user: '1234:5678' }),
    );
    expect((await execCapture(runtime, id, ['id'])).stdout).toMatch(/^uid=1234 gid=5678/);
  });
});
