// A way into a pod, for servers that listen only on 127.0.0.1 inside it: the kubelet
// connects to the pod's own localhost, so kubectl reaches them. mkube does the same where it can
// (Linux, root, nsenter): a tiny relay, this same Node binary, runs in the sandbox's network
// namespace (`nsenter -t <pid> -n`), connects to 127.0.0.1:<port> and carries the bytes over its
// stdin/stdout. Nothing is installed in the pod's image.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Duplex } from 'node:stream';

/** Run by the relay: connect to the pod's localhost, say `+` on stderr, then copy both ways. */
const RELAY = `
const net = require('node:net');
const s = net.connect({ host: '127.0.0.1', port: Number(process.argv[1]), allowHalfOpen: true });
s.on('connect', () => {
  process.stderr.write('+');
  process.stdin.pipe(s);
  s.pipe(process.stdout, { end: false });
});
s.on('end', () => process.stdout.write('', () => process.exit(0)));
s.on('error', (e) => {
  process.stderr.write(e.code === 'ECONNREFUSED' ? 'connect: connection refused' : e.message);
  process.exit(1);
});
`;

/** Whether this process may enter another network namespace at all. */
export function canEnterNetns(): boolean {
  return process.platform === 'linux' && process.getuid?.() === 0;
}

/**
 * The host pid of a container's first process, found by its id in /proc/<pid>/cgroup (Docker's
 * cgroup paths name the container: `/docker/<id>` or `docker-<id>.scope`).
 */
export function containerPid(containerId: string): number | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return undefined;
  }
  const found: number[] = [];
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/cgroup`, 'utf8').includes(containerId)) found.push(Number(pid));
    } catch {
      // Gone, or not ours to read.
    }
  }
  // The container's init is its lowest pid (the pause program, for a sandbox).
  return found.length ? Math.min(...found) : undefined;
}

/** A stream to 127.0.0.1:`port` inside the network namespace of `pid`; rejects with the reason. */
export function dialInNetns(pid: number, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const child = spawn('nsenter', ['-t', String(pid), '-n', process.execPath, '-e', RELAY, String(port)], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let said = '';
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      child.kill();
      reject(new Error(reason));
    };
    child.on('error', (err) => fail(err.message));
    child.on('exit', () => fail(said.trim() || 'the relay into the pod exited'));
    child.stderr.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (settled || !said.startsWith('+')) return;
      settled = true;
      const stream = Duplex.from({ readable: child.stdout, writable: child.stdin });
      stream.on('close', () => child.kill());
      resolve(stream);
    });
  });
}
