// Starting the agent from the CLI: in the background, detached, logging to agent.log.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentPaths } from './paths.js';
import { runningAgentPid } from './process.js';

/** bin/mkube.cjs, found from wherever this module was loaded (bundle or source). */
function launcher(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'bin', 'mkube.cjs');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('cannot find bin/mkube.cjs to start the agent');
}

/** Start the agent unless it runs; returns its pid once it is up when `wait` is set. */
export async function ensureAgentRunning(home: string, wait = false): Promise<number | undefined> {
  const pid = runningAgentPid(home);
  if (pid) return pid;
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const log = openSync(agentPaths(home).log, 'a');
  // A small young generation: the agent allocates short-lived objects at a steady trickle, and
  // V8's default (16 MB semi-spaces) keeps ~30 MB of garbage resident for no gain; scavenges of
  // 2 MB are as cheap. Measured with bench/agent-idle.mjs: 116-136 MB -> under 90 MB RSS.
  const child = spawn(process.execPath, ['--max-semi-space-size=2', launcher(), 'agent', 'run'], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, MKUBE_HOME: home },
  });
  child.unref();
  if (!wait) return undefined;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const started = runningAgentPid(home);
    if (started) return started;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return runningAgentPid(home);
}
