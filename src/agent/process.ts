// Is the agent of a state directory running? The pid file names it; the process must be alive
// and be an mkube agent (a recycled pid of another program does not count).
import { readdirSync, readFileSync } from 'node:fs';
import { agentPaths } from './paths.js';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // On Linux, make sure the pid is still ours; elsewhere kill(0) is all we have.
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('agent');
  } catch {
    return true;
  }
}

/** The running agent's pid, or undefined. */
export function runningAgentPid(home: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(agentPaths(home).pid, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(text, 10);
  return Number.isFinite(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

/**
 * Every live agent of `home`: the one its pid file names and, on Linux, any `mkube agent run`
 * whose MKUBE_HOME is `home` (the launcher always sets it), so an agent whose pid file was
 * deleted with the state directory is still found.
 */
export function agentPidsOf(home: string): number[] {
  const pids = new Set<number>();
  const fromFile = runningAgentPid(home);
  if (fromFile) pids.add(fromFile);
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [...pids];
  }
  const found: Array<{ pid: number; ppid: number }> = [];
  for (const entry of entries) {
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const i = args.indexOf('agent');
      if (i < 1 || args[i + 1] !== 'run' || !/mkube(\.cjs)?$/.test(args[i - 1] ?? '')) continue;
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (env.includes(`MKUBE_HOME=${home}`)) found.push({ pid, ppid: parentPid(pid) });
    } catch {
      // Gone since readdir, or another user's: not ours to stop.
    }
  }
  for (const pid of withoutForkedChildren(found, pids)) pids.add(pid);
  return [...pids];
}

/**
 * An agent spawning a tool (iptables, ip, nsenter) has a child that, between fork and exec, shows
 * the agent's own command line and environment: not an agent. Pure.
 */
export function withoutForkedChildren(
  found: Array<{ pid: number; ppid: number }>,
  known: ReadonlySet<number> = new Set(),
): number[] {
  const agents = new Set([...known, ...found.map((f) => f.pid)]);
  return found.filter((f) => !agents.has(f.ppid)).map((f) => f.pid);
}

/** The parent's pid from /proc/<pid>/stat (after the command name, which may hold spaces). */
function parentPid(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopProcess(pid: number, graceMs = 15_000): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {
      // Already gone.
    }
  };
  // isAlive, not kill(0): an exited agent nobody reaps is a zombie with an empty cmdline.
  const waitGone = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return !isAlive(pid);
  };
  signal('SIGTERM');
  if (await waitGone(graceMs)) return;
  signal('SIGKILL');
  await waitGone(5_000);
}
