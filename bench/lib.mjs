// Shared helpers for the hand-run benchmarks: timing, medians, a scratch MKUBE_HOME.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(ROOT, 'bin/mkube.cjs');

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Wall time of a synchronous command, in ms. */
export function timeCommand(cmd, args, env = process.env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}

export function scratchHome() {
  const home = mkdtempSync(join(tmpdir(), 'mkube-bench-'));
  const env = { ...process.env, MKUBE_HOME: home };
  const mkube = (...args) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
  // `mkube reset` removes everything the home made: the agent, containers, network, volumes, the
  // data plane's rules and route, its service range claim, then the directory.
  // With MKUBE_TRACE=1 the run's timeline outlives the home: $TMPDIR/mkube-bench-trace.log.
  const cleanup = () => {
    const trace = join(home, 'trace.log');
    if (existsSync(trace)) {
      const kept = join(tmpdir(), 'mkube-bench-trace.log');
      copyFileSync(trace, kept);
      console.log(`trace kept in ${kept} (node scripts/trace-timeline.mjs ${kept})`);
    }
    const r = mkube('reset');
    if (r.status !== 0) console.error(`mkube reset failed: ${r.stderr}`);
    rmSync(home, { recursive: true, force: true });
  };
  return { home, env, mkube, cleanup };
}

export const fmt = (ms) => `${ms.toFixed(1)} ms`;
