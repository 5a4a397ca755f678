// Machine-wide claims on service ranges, so state directories on one machine (a user's ~/.mkube
// next to test suites' temporary homes) never share one: a small JSON file under a lock, claims of
// deleted homes reclaimed, a home's claim released by `mkube reset`. Reads routes, sends nothing.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Cidr } from '../api/ipv4.js';
import { parseCidr } from '../api/ipv4.js';
import { readJsonSync, writeFileAtomicSync } from '../state/fsio.js';
import { withFileLockSync } from '../state/lock.js';
import { parseIpRoute, parseProcNetRoute } from './allocators/service-range.js';

/** home -> range. */
export type Claims = Record<string, string>;

/**
 * Where the claims live: $MKUBE_RANGE_CLAIMS_DIR, else /var/lib/mkube for root, else
 * $XDG_STATE_HOME/mkube (~/.local/state/mkube). Persistent: homes outlive reboots.
 */
export function claimsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MKUBE_RANGE_CLAIMS_DIR) return env.MKUBE_RANGE_CLAIMS_DIR;
  if (process.getuid?.() === 0) return '/var/lib/mkube';
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'mkube');
}

/** The claims still held: those of homes that no longer exist are dropped. */
export function liveClaims(claims: Claims, homeExists: (home: string) => boolean): Claims {
  return Object.fromEntries(Object.entries(claims).filter(([home]) => homeExists(home)));
}

function withClaims<T>(fn: (claims: Claims) => { claims: Claims; result: T }): T {
  const dir = claimsDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'service-ranges.json');
  return withFileLockSync(join(dir, 'service-ranges.lock'), () => {
    const before = liveClaims(readJsonSync<Claims>(file) ?? {}, existsSync);
    const { claims, result } = fn(before);
    writeFileAtomicSync(file, `${JSON.stringify(claims, null, 2)}\n`, 0o644);
    return result;
  });
}

/**
 * Record `home`'s range: the one it already claims, else `choose(ranges other homes hold)`.
 */
export function claimServiceRange(home: string, choose: (claimed: Cidr[]) => string): string {
  return withClaims((claims) => {
    const own = claims[home];
    if (own) return { claims, result: own };
    const held = Object.values(claims)
      .map(parseCidr)
      .filter((c): c is Cidr => !!c);
    const range = choose(held);
    return { claims: { ...claims, [home]: range }, result: range };
  });
}

/**
 * The range recorded for `home`, even when its directory is already gone (so `mkube reset` can
 * still remove the route of a home deleted by hand); undefined when none is recorded.
 */
export function recordedServiceRange(home: string): string | undefined {
  try {
    return readJsonSync<Claims>(join(claimsDir(), 'service-ranges.json'))?.[home];
  } catch {
    return undefined;
  }
}

/** `mkube reset`: give the range back. Never fails the reset. */
export function releaseServiceRange(home: string): void {
  try {
    withClaims((claims) => {
      const { [home]: _gone, ...rest } = claims;
      return { claims: rest, result: undefined };
    });
  } catch {
    // A claim left behind is reclaimed once its home is gone.
  }
}

/** The host's routes: /proc/net/route on Linux, else `ip route` where it exists, else none. */
export function readHostRoutes(): Cidr[] {
  try {
    return parseProcNetRoute(readFileSync('/proc/net/route', 'utf8'));
  } catch {
    try {
      // Loaded only here: child_process costs every command ~4 ms to load, and this is a fallback.
      const { execFileSync } = process.getBuiltinModule('node:child_process');
      return parseIpRoute(
        execFileSync('ip', ['route'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
      );
    } catch {
      return [];
    }
  }
}
