// The pod's network, plumbed by mkube as the kubelet's CNI bridge plugin does: a veth pair, one end
// on the home network's Linux bridge, the other as eth0 in the sandbox's network namespace with the
// pod's address and a default route through the bridge. Docker then starts the sandbox with no
// network of its own to set up (no endpoint, no embedded DNS: pods use the cluster DNS), which is
// most of a sandbox's start time on a user-defined network.
import { spawn } from 'node:child_process';

export interface PodPlumbing {
  /** The sandbox's PID on the host: its network namespace is /proc/<pid>/ns/net. */
  pid: number;
  /** The host end of the pair (at most 15 characters). */
  hostInterface: string;
  bridge: string;
  ip: string;
  prefixLength: number;
  gateway: string;
  /** The bridge's MTU, given to both ends (else the kernel's default, 1500). */
  mtu?: number;
}

/** The host end's name: `mk` and the first 13 hex of the sandbox id (unique while it lives). */
export const hostInterfaceName = (sandboxId: string): string => `mk${sandboxId.slice(0, 13)}`;

/**
 * `ip -batch` for the host side: the pair (its pod end created inside the namespace), the host end
 * on the bridge and up, in hairpin mode so the pod reaches itself through its Services.
 */
export const hostCommands = (p: PodPlumbing): string =>
  lines(
    `link add ${p.hostInterface}${mtu(p)} type veth peer name eth0${mtu(p)} netns ${p.pid}`,
    `link set ${p.hostInterface} master ${p.bridge} up`,
    `link set ${p.hostInterface} type bridge_slave hairpin on`,
  );

/** `ip -batch` inside the pod's namespace: its address, eth0 up, the default route. */
export const podCommands = (p: PodPlumbing): string =>
  lines(
    `addr add ${p.ip}/${p.prefixLength} dev eth0`,
    'link set eth0 up',
    `route add default via ${p.gateway} dev eth0`,
  );

const mtu = (p: PodPlumbing): string => (p.mtu ? ` mtu ${p.mtu}` : '');

const lines = (...commands: string[]): string => commands.map((c) => `${c}\n`).join('');

/** Two processes: `ip -batch -` on the host, then the same in the pod's network namespace. */
export async function plumbPodNetwork(p: PodPlumbing): Promise<void> {
  await run('ip', ['-batch', '-'], hostCommands(p));
  await run('nsenter', [`--net=/proc/${p.pid}/ns/net`, 'ip', '-batch', '-'], podCommands(p));
}

function run(command: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')}: ${stderr.trim() || `exit code ${code}`}`)),
    );
    child.stdin.end(input);
  });
}
