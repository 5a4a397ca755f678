// Connecting to a port of a pod as the kubelet does for port-forward, for `mkube port-forward`
// and the API endpoint's pods/portforward alike: the pod IP first, then the pod's own localhost
// through its network namespace (netns-dial.ts) for servers bound to 127.0.0.1 only.
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { canEnterNetns, containerPid, dialInNetns } from './netns-dial.js';
import type { Runtime } from './types.js';

/**
 * A connection to the pod's port: to the pod IP, which reaches servers listening on the pod's
 * address; when that is refused, to the pod's own localhost through its network namespace, as
 * the kubelet connects (servers bound to 127.0.0.1 only). Fails with the kubelet's words.
 */
export async function dialPodPort(
  runtime: () => Promise<Runtime>,
  pod: Pod,
  ip: string,
  port: number,
): Promise<Duplex> {
  try {
    return await dialIP(ip, port, pod.metadata?.uid ?? '');
  } catch (err) {
    if ((err as { refused?: boolean }).refused && !pod.spec?.hostNetwork && canEnterNetns()) {
      const pid = await sandboxPid(runtime, pod);
      if (pid !== undefined) {
        try {
          return await dialInNetns(pid, port);
        } catch {
          // Refused there too: the pod IP's error says it.
        }
      }
    }
    throw err;
  }
}

/** The host pid of the pod's sandbox (its network namespace), looked up once per pod. */
const sandboxPids = new Map<string, Promise<number | undefined>>();
function sandboxPid(runtime: () => Promise<Runtime>, pod: Pod): Promise<number | undefined> {
  const uid = pod.metadata?.uid ?? '';
  let pid = sandboxPids.get(uid);
  if (!pid) {
    pid = runtime()
      .then((rt) => rt.listContainers({ podUid: uid }))
      .then((all) => {
        const sandbox = all.find((c) => c.type === 'sandbox' && c.state === 'running');
        return sandbox ? containerPid(sandbox.id) : undefined;
      })
      .catch(() => undefined);
    sandboxPids.set(uid, pid);
  }
  return pid;
}

function dialIP(ip: string, port: number, uid: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    // No IP yet: never let an empty host mean this machine's localhost.
    if (!ip) {
      reject(new Error(`error forwarding port ${port} to pod ${uid}, uid : pod has no IP address`));
      return;
    }
    const socket = net.connect({ host: ip, port, allowHalfOpen: true });
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      socket.destroy();
      const refused = err.code === 'ECONNREFUSED';
      const reason = refused ? 'connect: connection refused' : err.message;
      const family = net.isIPv6(ip) ? 'tcp6' : 'tcp4';
      const addr = net.isIPv6(ip) ? `[${ip}]:${port}` : `${ip}:${port}`;
      const error = new Error(
        `error forwarding port ${port} to pod ${uid}, uid : dial ${family} ${addr}: ${reason}`,
      );
      reject(Object.assign(error, { refused }));
    });
  });
}
