// Is the agent of a state directory running? The pid file names it; the process must be alive
// and be an mkube agent (a recycled pid of another program does not count).
import { readFileSync } from 'node:fs';
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
