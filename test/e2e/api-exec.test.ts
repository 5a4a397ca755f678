// exec, attach and cp with the real kubectl (1.32) through the agent's API endpoint: the
// RemoteCommand WebSocket protocol (v5.channel.k8s.io) end to end — stdout/stderr apart, the exit
// code, piped stdin with its EOF, a pseudo-terminal with its size, attach to a waiting process,
// tar both ways for `kubectl cp`, and the clear refusal a SPDY-only client gets.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, eventually, requireDocker, TestHome } from './harness.js';

let t: TestHome;
let work: string;

function kubectl(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: work, ...opts.env };
  delete env.KUBECONFIG;
  const r = spawnSync('kubectl', ['--kubeconfig', join(t.home, 'kubeconfig'), ...args], {
    env,
    input: opts.input ?? '',
    encoding: 'utf8',
    cwd: work,
    timeout: 30_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const PODS = `apiVersion: v1
kind: Pod
metadata: {name: box}
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - {name: main, image: busybox, command: [sleep, '3600']}
---
apiVersion: v1
kind: Pod
metadata: {name: reader}
spec:
  restartPolicy: Never
  terminationGracePeriodSeconds: 0
  containers:
  - name: r
    image: busybox
    stdin: true
    stdinOnce: true
    command: [sh, -c, 'read x; echo got $x; echo bye >&2']
`;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  requireDocker();
  if (spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status !== 0)
    throw new Error('kubectl is not installed: these tests drive the real kubectl (v1.32).');
  t = new TestHome('mkube-e2e-apiexec-');
  work = mkdtempSync(join(tmpdir(), 'mkube-e2e-apiexec-work-'));
  expect(t.run(['agent', 'start']).code).toBe(0);
  await t.apiServerUrl();
  expect(t.run(['apply', '-f', '-'], { input: PODS }).code).toBe(0);
  await eventually(
    () => /box\s+1\/1\s+Running[\s\S]*reader\s+1\/1\s+Running/.test(t.run(['get', 'pods']).stdout),
    30_000,
    100,
  );
});
afterAll(() => {
  t?.cleanup();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('kubectl exec through the endpoint', () => {
  it('keeps stdout and stderr apart and ends with the exit code as kubectl reports it', () => {
    expect(kubectl(['exec', 'box', '--', 'sh', '-c', 'echo out; echo err >&2; exit 7'])).toEqual({
      code: 7,
      stdout: 'out\n',
      stderr: 'err\ncommand terminated with exit code 7\n',
    });
  });

  it('pipes stdin to the command and closes it at EOF', () => {
    expect(kubectl(['exec', '-i', 'box', '--', 'cat'], { input: 'line 1\nline 2\n' })).toEqual({
      code: 0,
      stdout: 'line 1\nline 2\n',
      stderr: '',
    });
  });

  it('gives -it a terminal of the client size (under script)', () => {
    const cmd = `stty cols 100 rows 30; kubectl --kubeconfig ${t.home}/kubeconfig exec -it box -- sh -c 'sleep 0.3; stty size; tty; exit 3'`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], {
      env: { ...process.env, HOME: work },
      input: '',
      encoding: 'utf8',
      timeout: 30_000,
    });
    // script echoes the EOF of its empty stdin as ^@ somewhere in the stream: not ours.
    expect({ code: r.status, out: r.stdout.replaceAll('^@', '') }).toEqual({
      code: 3,
      out: '30 100\r\n/dev/pts/0\r\ncommand terminated with exit code 3\r\n',
    });
  });

  it('refuses a SPDY-only client with a Status that says why', () => {
    expect(
      kubectl(['exec', 'box', '--', 'true'], { env: { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' } }),
    ).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Error from server (BadRequest): mkube serves exec and attach over WebSocket only (v5.channel.k8s.io); upgrade kubectl to 1.30+\n',
    });
  });
});

describe('kubectl attach through the endpoint', () => {
  it("feeds the container's waiting process and streams its output", () => {
    expect(kubectl(['attach', '-i', 'reader'], { input: 'hello\n' })).toEqual({
      code: 0,
      stdout: 'got hello\n',
      stderr: "If you don't see a command prompt, try pressing enter.\nbye\n",
    });
  });
});

describe('kubectl cp through the endpoint', () => {
  it('copies a directory in and a 10 MB file out, byte for byte', () => {
    const big = randomBytes(10 * 1024 * 1024);
    mkdirSync(join(work, 'src/sub'), { recursive: true });
    writeFileSync(join(work, 'src/a.txt'), 'alpha\n');
    writeFileSync(join(work, 'src/sub/big.bin'), big);

    expect(kubectl(['cp', 'src', 'box:/tmp/in'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(
      kubectl([
        'exec',
        'box',
        '--',
        'sh',
        '-c',
        'cd /tmp/in && find . -type f | sort && cat a.txt && sha256sum sub/big.bin',
      ]),
    ).toEqual({
      code: 0,
      stdout: `./a.txt\n./sub/big.bin\nalpha\n${sha256(big)}  sub/big.bin\n`,
      stderr: '',
    });

    // busybox tar says it strips the leading '/', as against a cluster; kubectl cp prints the
    // remote stderr on its stdout.
    expect(kubectl(['cp', 'box:/tmp/in/sub/big.bin', 'out.bin'])).toEqual({
      code: 0,
      stdout: "tar: removing leading '/' from member names\n",
      stderr: '',
    });
    expect(sha256(readFileSync(join(work, 'out.bin')))).toBe(sha256(big));
  });
});

describe('mkube cp (over its own exec path)', () => {
  const mkube = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      env: t.env,
      cwd: work,
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };

  it('copies a tree with an empty directory and a symlink in, and back out without the symlink', () => {
    mkdirSync(join(work, 'tree/empty'), { recursive: true });
    mkdirSync(join(work, 'tree/sub'), { recursive: true });
    writeFileSync(join(work, 'tree/sub/f.txt'), 'file\n');
    symlinkSync('sub/f.txt', join(work, 'tree/link'));
    // /tmp is a directory: the tree lands as /tmp/tree, as kubectl cp puts it.
    expect(mkube(['cp', 'tree', 'box:/tmp'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(
      mkube([
        'exec',
        'box',
        '--',
        'sh',
        '-c',
        'cd /tmp/tree && find . | sort && readlink link && cat sub/f.txt',
      ]),
    ).toEqual({ code: 0, stdout: '.\n./empty\n./link\n./sub\n./sub/f.txt\nsub/f.txt\nfile\n', stderr: '' });

    expect(mkube(['cp', 'default/box:/tmp/tree', 'back'])).toEqual({
      code: 0,
      stdout: "tar: removing leading '/' from member names\n",
      stderr:
        'warning: skipping symlink: "back/link" -> "sub/f.txt" (consider using "mkube exec -n "default" "box" -- tar cf - "/tmp/tree" | tar xf -")\n',
    });
    expect(readdirSync(join(work, 'back'), { recursive: true }).sort()).toEqual([
      'empty',
      'sub',
      'sub/f.txt',
    ]);
    expect(readFileSync(join(work, 'back/sub/f.txt'), 'utf8')).toBe('file\n');
  });

  it("answers kubectl's errors", () => {
    expect(mkube(['cp', 'missing.txt', 'box:/tmp'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "error: missing.txt doesn't exist in local filesystem\n",
    });
    expect(mkube(['cp', 'box:/a', 'box:/b'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: one of src or dest must be a local file specification\n',
    });
    expect(mkube(['cp', 'box:/tmp/none', 'x'])).toEqual({
      code: 1,
      stdout: 'tar: /tmp/none: No such file or directory\ntar: error exit delayed from previous errors\n',
      stderr: 'command terminated with exit code 1\n',
    });
  });
});
