// The executor's decisions against a recording fake of iptables/ip: the order of the steps, what it
// skips when the kernel already holds it, and the reasons it gives instead of throwing.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CommandResult, cleanup, computeJumps, syncRules } from '../../../../src/network/proxy/index.js';
import { endpoint, ID, input, service, slice } from './fixtures.js';

interface FakeKernel {
  localRoutes: string;
  mainRoutes: string;
  saved: Record<string, string>;
  jumps: Set<string>;
  missing?: string;
  restoreFails?: boolean;
}

function recorder(kernel: FakeKernel) {
  const calls: string[] = [];
  const inputs: string[] = [];
  const ok = (stdout = ''): CommandResult => ({ code: 0, stdout, stderr: '' });
  const run = async (cmd: string, args: string[], stdin?: string): Promise<CommandResult> => {
    const line = [cmd, ...args].join(' ');
    if (cmd === kernel.missing) return { code: 127, stdout: '', stderr: `${cmd}: spawn ${cmd} ENOENT` };
    if (args.includes('--version') || args[0] === '-V') return ok('v1');
    calls.push(line);
    if (stdin) inputs.push(stdin);
    if (line === 'ip route show table local') return ok(kernel.localRoutes);
    if (line === 'ip route show table main') return ok(kernel.mainRoutes);
    if (cmd === 'iptables-save') return ok(kernel.saved[args[1]!] ?? '');
    if (cmd === 'iptables-restore' && kernel.restoreFails) {
      return { code: 2, stdout: '', stderr: 'iptables-restore: line 5 failed' };
    }
    if (cmd === 'iptables') {
      // Key a jump by its table, chain and rule text, whatever the verb.
      const verb = args.findIndex((a) => ['-C', '-D', '-I'].includes(a));
      const key = [args[verb - 1], args[verb + 1], ...args.slice(verb + (args[verb] === '-I' ? 3 : 2))].join(
        ' ',
      );
      if (args[verb] === '-C') {
        return kernel.jumps.has(key)
          ? ok()
          : { code: 1, stdout: '', stderr: 'Bad rule (does a matching rule exist in that chain?).' };
      }
      if (args[verb] === '-D') kernel.jumps.delete(key);
      if (args[verb] === '-I') kernel.jumps.add(key);
    }
    return ok();
  };
  return { run, calls, inputs };
}

const sysDirs: string[] = [];
afterAll(() => {
  for (const dir of sysDirs) rmSync(dir, { recursive: true, force: true });
});

function procSys(routeLocalnet: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mkube-proxy-sys-'));
  sysDirs.push(dir);
  mkdirSync(join(dir, 'net/ipv4/conf/all'), { recursive: true });
  writeFileSync(join(dir, 'net/ipv4/conf/all/route_localnet'), routeLocalnet);
  return dir;
}

const fresh = (): FakeKernel => ({
  localRoutes: 'local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1\n',
  mainRoutes:
    'default via 192.0.2.1 dev eth0\n172.18.0.0/16 dev br-1 proto kernel scope link src 172.18.0.1\n',
  saved: {
    nat: `*nat\n:PREROUTING ACCEPT [0:0]\n:MKUBE-${ID}-SVC-OLDOLDOLD - [0:0]\n:MKUBE-0000ffff-SERVICES - [0:0]\nCOMMIT\n`,
  },
  jumps: new Set(),
});
const allJumps = () => new Set(computeJumps(ID).map((j) => [j.table, j.chain, ...j.args].join(' ')));

const nodePort = service({
  type: 'NodePort',
  ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 30080 }],
});
const WAIT = 'iptables -w 5';

describe('syncRules', () => {
  it('routes the range locally first, restores each table once, removes only its own stale chains, inserts each jump once', async () => {
    const kernel = fresh();
    const { run, calls, inputs } = recorder(kernel);
    const sys = procSys('0\n');
    const result = await syncRules(input([nodePort], [slice([endpoint('172.18.0.2')])]), {
      run,
      procSys: sys,
    });
    expect(result.ok && { routeAdded: result.routeAdded, jumpsAdded: result.jumpsAdded }).toEqual({
      routeAdded: true,
      jumpsAdded: 8,
    });
    const jumps = computeJumps(ID);
    const quoted = (args: string[]) => args.join(' ');
    expect(calls).toEqual([
      'ip route show table local',
      'ip route show table main',
      'ip route add local 10.96.0.0/12 dev lo table local',
      'iptables-save -t nat',
      'iptables-restore -w 5 --noflush',
      'iptables-save -t filter',
      'iptables-restore -w 5 --noflush',
      ...jumps.flatMap((j) => [
        `${WAIT} -t ${j.table} -C ${j.chain} ${quoted(j.args)}`,
        `${WAIT} -t ${j.table} -I ${j.chain} 1 ${quoted(j.args)}`,
      ]),
    ]);
    const natText = inputs[0]!.split('\n');
    expect(natText[0]).toBe('*nat');
    expect(natText.filter((l) => l.includes('OLDOLDOLD'))).toEqual([
      `:MKUBE-${ID}-SVC-OLDOLDOLD - [0:0]`,
      `-X MKUBE-${ID}-SVC-OLDOLDOLD`,
    ]);
    expect(natText.filter((l) => l.includes('0000ffff'))).toEqual([]);
    expect(natText.slice(-3)).toEqual([`-X MKUBE-${ID}-SVC-OLDOLDOLD`, 'COMMIT', '']);
    expect(readFileSync(join(sys, 'net/ipv4/conf/all/route_localnet'), 'utf8')).toBe('1');
  });

  it('adds no route and no jump when the kernel already has them', async () => {
    const kernel = { ...fresh(), localRoutes: 'local 10.96.0.0/12 dev lo scope host\n', jumps: allJumps() };
    const { run, calls } = recorder(kernel);
    const result = await syncRules(input([service()], []), { run, procSys: procSys('1\n') });
    expect(result.ok && { routeAdded: result.routeAdded, jumpsAdded: result.jumpsAdded }).toEqual({
      routeAdded: false,
      jumpsAdded: 0,
    });
    expect(calls.filter((c) => / -I |route add/.test(c))).toEqual([]);
  });

  it('refuses to route a range that overlaps a network the machine uses, before touching any rule', async () => {
    const kernel = { ...fresh(), mainRoutes: '10.100.0.0/16 dev tun0 scope link\n' };
    const { run, calls } = recorder(kernel);
    expect(await syncRules(input([service()], []), { run })).toEqual({
      ok: false,
      reason:
        'service range 10.96.0.0/12 overlaps a route this machine uses (10.100.0.0/16 dev tun0 scope link); not routing it locally',
    });
    expect(calls).toEqual(['ip route show table local', 'ip route show table main']);
  });

  it('says why when iptables is missing or a restore fails', async () => {
    const missing = recorder({ ...fresh(), missing: 'iptables' });
    expect(await syncRules(input([], []), { run: missing.run })).toEqual({
      ok: false,
      reason: '`iptables` is not installed (Debian: apt-get install iptables)',
    });
    const failing = recorder({ ...fresh(), restoreFails: true });
    expect(await syncRules(input([], []), { run: failing.run, procSys: procSys('1') })).toEqual({
      ok: false,
      reason: '`iptables-restore -w 5 --noflush` failed (exit 2): iptables-restore: line 5 failed',
    });
  });
});

/** The jumps of home ID as this machine's `iptables-save` (1.8.9, nf_tables) prints them. */
const SAVED_JUMPS = {
  nat: [
    `-A PREROUTING -m comment --comment "MKUBE-${ID} service portals" -j MKUBE-${ID}-SERVICES`,
    `-A OUTPUT -m comment --comment "MKUBE-${ID} service portals" -j MKUBE-${ID}-SERVICES`,
    `-A POSTROUTING -m comment --comment "MKUBE-${ID} postrouting rules" -j MKUBE-${ID}-POSTROUTING`,
  ],
  filter: [
    `-A INPUT -m comment --comment "MKUBE-${ID} firewall" -j MKUBE-${ID}-FIREWALL`,
    `-A INPUT -m conntrack --ctstate NEW -m comment --comment "MKUBE-${ID} service portals" -j MKUBE-${ID}-SERVICES`,
    `-A FORWARD -m comment --comment "MKUBE-${ID} forwarding rules" -j MKUBE-${ID}-FORWARD`,
    `-A FORWARD -m conntrack --ctstate NEW -m comment --comment "MKUBE-${ID} service portals" -j MKUBE-${ID}-SERVICES`,
    `-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "MKUBE-${ID} service portals" -j MKUBE-${ID}-SERVICES`,
  ],
};

describe('a steady-state sync (the agent checked the machine at its start)', () => {
  const steady = (saved: Record<string, string>): FakeKernel => ({
    ...fresh(),
    localRoutes: 'local 10.96.0.0/12 dev lo scope host\n',
    saved,
    jumps: allJumps(),
  });

  it('runs five commands when iptables-save already lists every jump once', async () => {
    const kernel = steady({
      nat: `*nat\n${SAVED_JUMPS.nat.join('\n')}\nCOMMIT\n`,
      filter: `*filter\n${SAVED_JUMPS.filter.join('\n')}\nCOMMIT\n`,
    });
    const { run, calls } = recorder(kernel);
    const result = await syncRules(input([service()], []), { run, supportChecked: true });
    expect(result.ok && result.jumpsAdded).toBe(0);
    expect(calls).toEqual([
      'ip route show table local',
      'iptables-save -t nat',
      'iptables-restore -w 5 --noflush',
      'iptables-save -t filter',
      'iptables-restore -w 5 --noflush',
    ]);
  });

  it('asks iptables -C about a jump the saved table lacks or lists twice', async () => {
    const kernel = steady({
      nat: `*nat\n${[SAVED_JUMPS.nat[0], ...SAVED_JUMPS.nat].join('\n')}\nCOMMIT\n`,
      filter: `*filter\n${SAVED_JUMPS.filter.slice(1).join('\n')}\nCOMMIT\n`,
    });
    const { run, calls } = recorder(kernel);
    await syncRules(input([service()], []), { run, supportChecked: true });
    expect(calls.filter((c) => c.startsWith('iptables -w'))).toEqual([
      `${WAIT} -t nat -C PREROUTING -m comment --comment MKUBE-${ID} service portals -j MKUBE-${ID}-SERVICES`,
      `${WAIT} -t filter -C INPUT -m comment --comment MKUBE-${ID} firewall -j MKUBE-${ID}-FIREWALL`,
    ]);
  });
});

describe('cleanup', () => {
  it('deletes its jumps, then its chains, then the route', async () => {
    const kernel = { ...fresh(), localRoutes: 'local 10.96.0.0/12 dev lo scope host\n', jumps: allJumps() };
    const { run, calls, inputs } = recorder(kernel);
    expect(await cleanup({ id: ID, serviceCIDR: '10.96.0.0/12' }, { run })).toEqual({
      ok: true,
      chainsRemoved: 1,
      jumpsRemoved: 8,
      routeRemoved: true,
    });
    expect(calls).toEqual([
      ...computeJumps(ID).flatMap((j) => [
        `${WAIT} -t ${j.table} -C ${j.chain} ${j.args.join(' ')}`,
        `${WAIT} -t ${j.table} -D ${j.chain} ${j.args.join(' ')}`,
        `${WAIT} -t ${j.table} -C ${j.chain} ${j.args.join(' ')}`,
      ]),
      'iptables-save -t nat',
      'iptables-restore -w 5 --noflush',
      'iptables-save -t filter',
      'ip route show table local',
      'ip route del local 10.96.0.0/12 dev lo table local',
    ]);
    expect(inputs).toEqual([
      `*nat\n:MKUBE-${ID}-SVC-OLDOLDOLD - [0:0]\n-X MKUBE-${ID}-SVC-OLDOLDOLD\nCOMMIT\n`,
    ]);
  });
});

describe('cleanup of a home whose directory is gone', () => {
  it('finds the range to unroute in its own rules', async () => {
    const kernel = {
      ...fresh(),
      localRoutes: 'local 10.112.0.0/16 dev lo scope host\n',
      saved: {
        nat: [
          '*nat',
          `:MKUBE-${ID}-SERVICES - [0:0]`,
          `:MKUBE-0000ffff-SERVICES - [0:0]`,
          '-A MKUBE-0000ffff-SERVICES -d 10.113.0.0/16 -j RETURN',
          `-A MKUBE-${ID}-SERVICES -d 127.0.0.0/8 -j RETURN`,
          `-A MKUBE-${ID}-SERVICES -d 10.112.0.0/16 -j RETURN`,
          'COMMIT',
          '',
        ].join('\n'),
      },
    };
    const { run, calls } = recorder(kernel);
    expect(await cleanup({ id: ID }, { run })).toEqual({
      ok: true,
      chainsRemoved: 1,
      jumpsRemoved: 0,
      routeRemoved: true,
    });
    expect(calls.slice(-2)).toEqual([
      'ip route show table local',
      'ip route del local 10.112.0.0/16 dev lo table local',
    ]);
  });
});
