// Shared harness for end-to-end tests: every test gets its own MKUBE_HOME, runs the built CLI
// as a user would, and removes every Docker object labelled with that home afterwards.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'bin/mkube.cjs');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Fails loudly (never skips) when no Docker engine answers. */
export function requireDocker(): void {
  const r = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(
      'No Docker engine answers: end-to-end tests need one. Run `bash scripts/ensure-docker.sh` (as root on Debian it installs and starts dockerd) or start Docker Desktop.',
    );
  }
}

export class TestHome {
  readonly home: string;
  /** `extraEnv`: settings for every mkube this home runs, the agent included (test knobs). */
  constructor(
    prefix = 'mkube-e2e-',
    private readonly extraEnv: NodeJS.ProcessEnv = {},
  ) {
    this.home = mkdtempSync(join(tmpdir(), prefix));
  }

  get env(): NodeJS.ProcessEnv {
    return { ...process.env, ...this.extraEnv, MKUBE_HOME: this.home, FORCE_COLOR: '0' };
  }

  /** Run `mkube args...` to completion. */
  run(args: string[], opts: { input?: string; timeoutMs?: number } = {}): RunResult {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      env: this.env,
      input: opts.input,
      encoding: 'utf8',
      timeout: opts.timeoutMs ?? 60_000,
    });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  }

  /** Start `mkube args...` in the background (for -w, -f); the caller kills it. */
  spawn(args: string[]) {
    return spawn(process.execPath, [BIN, ...args], { env: this.env, stdio: ['pipe', 'pipe', 'pipe'] });
  }

  /** The API endpoint's URL once the agent serves it (from the listeners file it writes). */
  apiServerUrl(): Promise<string> {
    return eventually(
      () =>
        JSON.parse(readFileSync(join(this.home, 'agent-listeners.json'), 'utf8')).apiServer as
          | string
          | undefined,
      20_000,
      50,
    );
  }

  /** The IPv4 gateway of this home's Docker network (where pods reach the agent). */
  networkGateway(): string {
    const network = execFileSync(
      'docker',
      ['network', 'ls', '-q', '--filter', `label=io.mkube.home=${this.home}`],
      {
        encoding: 'utf8',
      },
    ).trim();
    return execFileSync(
      'docker',
      ['network', 'inspect', '-f', '{{(index .IPAM.Config 0).Gateway}}', network],
      {
        encoding: 'utf8',
      },
    ).trim();
  }

  /**
   * The real kubectl with no kubeconfig, as a stranger holding only a bearer token: `server`, this
   * home's CA and `token`; `userHome` is its HOME (its discovery cache).
   */
  kubectlWithToken(server: string, token: string, userHome: string, args: string[]): RunResult {
    const env = { ...process.env, HOME: userHome };
    delete env.KUBECONFIG;
    const r = spawnSync(
      'kubectl',
      [
        '--server',
        server,
        '--certificate-authority',
        join(this.home, 'pki', 'ca.crt'),
        '--token',
        token,
        ...args,
      ],
      { env, encoding: 'utf8', timeout: 30_000 },
    );
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  }

  /** Docker containers (full ids) that belong to this home, and carry `labels` when given. */
  containers(all = true, labels: Record<string, string> = {}): string[] {
    const filters = Object.entries({ 'io.mkube.home': this.home, ...labels }).flatMap(([k, v]) => [
      '--filter',
      `label=${k}=${v}`,
    ]);
    const out = execFileSync('docker', ['ps', ...(all ? ['-a'] : []), '-q', '--no-trunc', ...filters], {
      encoding: 'utf8',
    });
    return out.split('\n').filter(Boolean);
  }

  /**
   * `mkube reset`: stop the agent, remove every Docker object of this home, delete the directory.
   * The product's own cleanup, so every suite exercises it; a failure is loud, never a leak.
   */
  cleanup(): void {
    for (let attempt = 1; ; attempt++) {
      const r = spawnSync(process.execPath, [BIN, 'reset'], {
        env: this.env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      if (r.status === 0) return;
      if (attempt === 2) throw new Error(`mkube reset failed (exit ${r.status}): ${r.stderr}`);
      // Another suite may be restarting dockerd: once more after a pause.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3_000);
    }
  }
}

/** Poll `check` until it returns a truthy value or the deadline passes. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 30_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs}ms; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`,
      );
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
