// Applies one home's data plane to the kernel and removes it again. Each sync:
//   1. checks the kernel can be programmed here (Linux, root, iptables and ip present);
//   2. routes the service range locally (`local <cidr> dev lo`) before any rule can send to it;
//   3. sets net.ipv4.conf.all.route_localnet when 127.0.0.1 is DNATed (NodePort on localhost, LoadBalancer);
//   4. loads the whole rule set of each table in one `iptables-restore --noflush` (its own chains only);
//   5. makes sure each jump from a built-in chain exists exactly once (`-C` before `-I`);
//   6. puts the pods' bridge ports in hairpin mode, so a pod can reach itself through its Service.
// Failures come back as a reason, never as a throw: the agent reports them once and keeps going.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { type CommandResult, describeFailure, type RunCommand, runCommand } from './command.js';
import { computeJumps, type JumpRule } from './jumps.js';
import { ownChains, removalText, restoreText, serviceCIDRInRules } from './restore.js';
import { conflictingRoutes, formatCidr, hasLocalRoute, parseCidr } from './route.js';
import { computeRules, type ProxyInput, type ProxyRules } from './rules.js';

export type SyncResult =
  | { ok: true; rules: ProxyRules; routeAdded: boolean; jumpsAdded: number; hairpinPorts: number }
  | { ok: false; reason: string };

export type CleanupResult =
  | { ok: true; chainsRemoved: number; jumpsRemoved: number; routeRemoved: boolean }
  | { ok: false; reason: string };

export interface ExecutorOptions {
  run?: RunCommand;
  /** Where sysctls live; a test points it elsewhere. */
  procSys?: string;
  /** Where network devices live (hairpin mode); a test points it elsewhere. */
  sysClassNet?: string;
}

export interface SyncOptions extends ExecutorOptions {
  /**
   * Linux bridges the pods sit on (Docker: `br-<12 hex of the network id>`). With br_netfilter a pod's
   * packet DNATed back to itself is bridged out of the port it came in by, which a bridge refuses
   * unless the port is in hairpin mode (the kubelet's hairpin-veth); each sync turns it on for new ports.
   */
  hairpinBridges?: string[];
  /**
   * The caller (the agent, at its start) already ran proxyUnsupportedReason: skip the three version
   * commands on every sync.
   */
  supportChecked?: boolean;
}

const WAIT = ['-w', '5'];
const TABLES = ['nat', 'filter'] as const;
const ROUTE_LOCALNET = 'net/ipv4/conf/all/route_localnet';

class ProxyError extends Error {}

/** Why this machine's kernel cannot be programmed, or undefined when it can. */
export async function proxyUnsupportedReason(run: RunCommand = runCommand): Promise<string | undefined> {
  if (process.platform !== 'linux') {
    return `the Service data plane needs Linux iptables; this is ${process.platform}`;
  }
  if (process.getuid?.() !== 0)
    return 'the Service data plane needs root to program iptables (run the agent as root)';
  for (const [cmd, args] of [
    ['iptables', ['--version']],
    ['iptables-restore', ['--version']],
    ['ip', ['-V']],
  ] as const) {
    const r = await run(cmd, [...args]);
    if (r.code === 127)
      return `\`${cmd}\` is not installed (Debian: apt-get install ${cmd === 'ip' ? 'iproute2' : 'iptables'})`;
    if (r.code !== 0) return describeFailure(cmd, [...args], r);
  }
  return undefined;
}

export async function syncRules(input: ProxyInput, options: SyncOptions = {}): Promise<SyncResult> {
  const run = options.run ?? runCommand;
  try {
    const unsupported = options.supportChecked ? undefined : await proxyUnsupportedReason(run);
    if (unsupported) return { ok: false, reason: unsupported };
    const cidr = parseCidr(input.serviceCIDR);
    if (!cidr) return { ok: false, reason: `service range ${input.serviceCIDR} is not an IPv4 CIDR` };
    const serviceCIDR = formatCidr(cidr);

    const routeAdded = await ensureLocalRoute(run, serviceCIDR);
    const rules = computeRules({ ...input, serviceCIDR });
    if (rules.needsRouteLocalnet) await ensureSysctl(options.procSys ?? '/proc/sys', ROUTE_LOCALNET, '1');
    const saved: Record<string, string> = {};
    for (const table of TABLES) {
      saved[table] = await must(run, 'iptables-save', ['-t', table]);
      const existing = ownChains(saved[table], input.id);
      await must(run, 'iptables-restore', [...WAIT, '--noflush'], restoreText(table, rules[table], existing));
    }
    let jumpsAdded = 0;
    for (const jump of computeJumps(input.id)) {
      // The built-in chains were just saved (a restore of our own chains leaves them be): a jump seen
      // there once needs no `iptables -C`, so a steady-state sync runs five commands.
      if (jumpSaved(saved[jump.table]!, jump)) continue;
      if (!(await jumpExists(run, jump))) {
        await must(run, 'iptables', [...WAIT, '-t', jump.table, '-I', jump.chain, '1', ...jump.args]);
        jumpsAdded++;
      }
    }
    const sysClassNet = options.sysClassNet ?? '/sys/class/net';
    let hairpinPorts = 0;
    for (const bridge of options.hairpinBridges ?? [])
      hairpinPorts += await ensureHairpin(sysClassNet, bridge);
    return { ok: true, rules, routeAdded, jumpsAdded, hairpinPorts };
  } catch (err) {
    if (err instanceof ProxyError) return { ok: false, reason: err.message };
    throw err;
  }
}

/** Removes every jump, chain and the local route of one home (`mkube reset`, test teardown). */
export async function cleanup(
  target: { id: string; serviceCIDR?: string },
  options: ExecutorOptions = {},
): Promise<CleanupResult> {
  const run = options.run ?? runCommand;
  try {
    const unsupported = await proxyUnsupportedReason(run);
    if (unsupported) return { ok: false, reason: unsupported };
    let jumpsRemoved = 0;
    for (const jump of computeJumps(target.id)) {
      // Delete until absent: a copy left by an older bug or a race goes too.
      while (await jumpExists(run, jump)) {
        await must(run, 'iptables', [...WAIT, '-t', jump.table, '-D', jump.chain, ...jump.args]);
        jumpsRemoved++;
      }
    }
    let chainsRemoved = 0;
    let rangeInRules: string | undefined;
    for (const table of TABLES) {
      const saved = await must(run, 'iptables-save', ['-t', table]);
      if (table === 'nat') rangeInRules = serviceCIDRInRules(saved, target.id);
      const existing = ownChains(saved, target.id);
      if (existing.length === 0) continue;
      await must(run, 'iptables-restore', [...WAIT, '--noflush'], removalText(table, existing));
      chainsRemoved += existing.length;
    }
    let routeRemoved = false;
    // Without the home's config (a directory deleted by hand) its rules still name the range.
    const range = target.serviceCIDR ?? rangeInRules;
    const cidr = range ? parseCidr(range) : undefined;
    if (cidr) {
      const serviceCIDR = formatCidr(cidr);
      if (hasLocalRoute(await must(run, 'ip', ['route', 'show', 'table', 'local']), serviceCIDR)) {
        await must(run, 'ip', ['route', 'del', 'local', serviceCIDR, 'dev', 'lo', 'table', 'local']);
        routeRemoved = true;
      }
    }
    return { ok: true, chainsRemoved, jumpsRemoved, routeRemoved };
  } catch (err) {
    if (err instanceof ProxyError) return { ok: false, reason: err.message };
    throw err;
  }
}

async function ensureLocalRoute(run: RunCommand, serviceCIDR: string): Promise<boolean> {
  if (hasLocalRoute(await must(run, 'ip', ['route', 'show', 'table', 'local']), serviceCIDR)) return false;
  const conflicts = conflictingRoutes(await must(run, 'ip', ['route', 'show', 'table', 'main']), serviceCIDR);
  if (conflicts.length > 0) {
    throw new ProxyError(
      `service range ${serviceCIDR} overlaps a route this machine uses (${conflicts.join('; ')}); not routing it locally`,
    );
  }
  await must(run, 'ip', ['route', 'add', 'local', serviceCIDR, 'dev', 'lo', 'table', 'local']);
  return true;
}

async function ensureSysctl(procSys: string, key: string, value: string): Promise<void> {
  const path = `${procSys}/${key}`;
  try {
    if ((await readFile(path, 'utf8')).trim() === value) return;
    await writeFile(path, value);
  } catch (err) {
    throw new ProxyError(`cannot set ${key.replaceAll('/', '.')}=${value}: ${(err as Error).message}`);
  }
}

/** Turns hairpin mode on for every port of a bridge; returns how many ports it changed. */
async function ensureHairpin(sysClassNet: string, bridge: string): Promise<number> {
  let ports: string[];
  try {
    ports = await readdir(`${sysClassNet}/${bridge}/brif`);
  } catch (err) {
    throw new ProxyError(`cannot list the ports of bridge ${bridge}: ${(err as Error).message}`);
  }
  let changed = 0;
  for (const port of ports) {
    const path = `${sysClassNet}/${bridge}/brif/${port}/hairpin_mode`;
    try {
      if ((await readFile(path, 'utf8')).trim() === '1') continue;
      await writeFile(path, '1');
      changed++;
    } catch (err) {
      // A port can vanish between readdir and write (its container stopped): nothing to do for it.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new ProxyError(`cannot set hairpin mode on ${bridge}/${port}: ${(err as Error).message}`);
      }
    }
  }
  return changed;
}

/** Whether `iptables-save` output holds the jump exactly once, as iptables-save prints it. */
export function jumpSaved(saveOutput: string, jump: JumpRule): boolean {
  const args = jump.args.map((a, i) => (jump.args[i - 1] === '--comment' && /\s/.test(a) ? `"${a}"` : a));
  const line = ['-A', jump.chain, ...args].join(' ');
  return saveOutput.split('\n').filter((l) => l === line).length === 1;
}

async function jumpExists(run: RunCommand, jump: JumpRule): Promise<boolean> {
  const args = [...WAIT, '-t', jump.table, '-C', jump.chain, ...jump.args];
  const r = await run('iptables', args);
  if (r.code === 0) return true;
  // -C exits 1 when the rule is absent, 2 when its target chain does not exist (yet, or any more).
  if (
    r.code === 1 ||
    /does a matching rule exist|Chain '[^']*' does not exist|Couldn't load target/.test(r.stderr)
  ) {
    return false;
  }
  throw new ProxyError(describeFailure('iptables', args, r));
}

async function must(run: RunCommand, cmd: string, args: string[], input?: string): Promise<string> {
  const r: CommandResult = await run(cmd, args, input);
  if (r.code !== 0) throw new ProxyError(describeFailure(cmd, args, r));
  return r.stdout;
}
