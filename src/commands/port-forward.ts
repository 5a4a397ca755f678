// `mkube port-forward`: kubectl's verb. The pod is chosen as kubectl chooses it (a pod, or the
// most active pod of a workload or Service), ports resolved as kubectl resolves them (named
// ports, Service ports to targetPorts), then local listeners pipe each connection to the pod's
// IP — on Linux the host reaches pod IPs on the Docker bridge — or, when the pod IP refuses, to
// the pod's own localhost through its network namespace (runtime/netns-dial.ts). It runs until
// SIGINT/SIGTERM (exit 0, quietly) or until the pod is deleted or stops running, or a connection
// is refused (`lost connection to pod`, exit 1).
import { type Command, Option } from 'commander';
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import { ApiError, UserError } from '../api/errors.js';
import { POD, qualifiedResource } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import { dialPodPort } from '../runtime/pod-dial.js';
import type { StoreReader } from '../state/types.js';
import { kindOrThrow } from './builder.js';
import type { Ctx } from './context.js';
import { commaList, durationFlag, klogWarning, namespaceFlags, namespaceOf } from './flags.js';
import { resolvePod } from './pod-target.js';
import { Forwarder } from './port-forward-listen.js';
import {
  checkUdpPortsInPod,
  checkUdpPortsInService,
  convertPodNamedPorts,
  type ForwardedPort,
  parseAddresses,
  parsePorts,
  translateServicePorts,
} from './port-forward-ports.js';
import { resourceNames, type Tuple } from './resource-args.js';

interface PortForwardFlags {
  namespace?: string;
  address?: string[];
  podRunningTimeout: number;
}

const HELP = "See 'mkube port-forward -h' for help and examples";

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('port-forward')
    .description('Forward one or more local ports to a pod')
    .usage('TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]')
    .argument('[args...]', 'TYPE/NAME then the ports')
    .option(
      '--address <addresses>',
      'Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, mkube will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind.',
      commaList,
    )
    .addOption(
      new Option(
        '--pod-running-timeout <duration>',
        'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
      )
        .argParser(durationFlag('--pod-running-timeout'))
        .default(60_000, '1m0s'),
    );
  namespaceFlags(cmd);
  cmd.action(async (args: string[], flags: PortForwardFlags) => {
    await runPortForward(ctx, args, flags);
  });
}

/** SIGINT or SIGTERM: the user is done. */
function untilInterrupted(): { done: Promise<void>; stop(): void } {
  let stop = () => {};
  const done = new Promise<void>((resolve) => {
    const onSignal = () => resolve();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    stop = () => {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    };
  });
  return { done, stop };
}

export async function runPortForward(ctx: Ctx, args: string[], flags: PortForwardFlags): Promise<void> {
  if (args.length < 2)
    throw new UserError(`TYPE/NAME and list of ports are required for port-forward\n${HELP}`);
  if (flags.podRunningTimeout <= 0)
    throw new UserError(`--pod-running-timeout must be higher than zero\n${HELP}`);
  const [target, ...specs] = args as [string, ...string[]];
  const { namespace } = namespaceOf(flags);
  const store = ctx.store();

  const chosen = (await resolvePod({
    store,
    namespace,
    target,
    verb: 'exec',
    timeoutMs: flags.podRunningTimeout,
  })) as unknown as Pod;
  const service = serviceOf(store, namespace, target);
  let remoteSpecs: string[];
  if (service) {
    checkUdpPortsInService(specs, service);
    remoteSpecs = translateServicePorts(specs, service, chosen);
  } else {
    checkUdpPortsInPod(specs, chosen);
    remoteSpecs = convertPodNamedPorts(specs, chosen);
  }

  // RunPortForward reads the pod again: it must be running now.
  const podName = chosen.metadata?.name ?? '';
  const fromVersion = store.resourceVersion();
  const pod = store.get(POD, namespace, podName) as Pod | undefined;
  if (!pod) throw ApiError.notFound(qualifiedResource(POD), podName);
  if (pod.status?.phase !== 'Running') {
    throw new UserError(
      `unable to forward port because pod is not running. Current status=${pod.status?.phase ?? ''}`,
    );
  }
  const addresses = parseAddresses(flags.address?.length ? flags.address : ['localhost']);
  const ports = parsePorts(remoteSpecs);
  await forwardUntilDone(ctx, { store, pod, fromVersion, addresses, ports });
}

/** The Service `svc/NAME` names, whose ports are translated to the pod's. */
function serviceOf(store: StoreReader, namespace: string, target: string): Service | undefined {
  const [{ resource, name }] = resourceNames('pods', [target]) as [Tuple];
  const kind = kindOrThrow(resource);
  if (kind.kind !== 'Service') return undefined;
  return store.get(kind, namespace, name) as unknown as Service | undefined;
}

interface ForwardPlan {
  store: StoreReader;
  pod: Pod;
  fromVersion: number;
  addresses: ReturnType<typeof parseAddresses>;
  ports: ForwardedPort[];
}

async function forwardUntilDone(ctx: Ctx, plan: ForwardPlan): Promise<void> {
  const { pod } = plan;
  // A hostNetwork pod's localhost is the host's.
  const podIP = pod.spec?.hostNetwork ? '127.0.0.1' : (pod.status?.podIP ?? '');
  let lose: (err: Error) => void = () => {};
  const lost = new Promise<never>((_, reject) => {
    lose = reject;
  });
  lost.catch(() => {});
  const forwarder = new Forwarder({
    addresses: plan.addresses,
    ports: plan.ports,
    out: ctx.out,
    err: ctx.err,
    dial: (remote) => dialPodPort(() => ctx.runtime(), pod, podIP, remote),
    onLost: (reason, port) => {
      // client-go logs the kubelet's reason, then closes the stream: the forward is over.
      const text = `"Unhandled Error" err="an error occurred forwarding ${port.local} -> ${port.remote}: ${reason}"`;
      ctx.err.write(`E${klogWarning(text, new Date(), 'portforward.go:413').slice(1)}`);
      lose(new UserError('lost connection to pod'));
    },
  });
  const watcher = watchPodGone(plan, () => lose(new UserError('lost connection to pod')));
  const interrupted = untilInterrupted();
  try {
    await Promise.race([forwarder.listen(), lost]);
    await Promise.race([interrupted.done, lost]);
  } finally {
    interrupted.stop();
    watcher.stop();
    forwarder.close();
  }
}

/** Calls `gone` once the pod is deleted or no longer running (kubectl's stream closes then). */
function watchPodGone(plan: ForwardPlan, gone: () => void): { stop(): void } {
  const { store, pod } = plan;
  const namespace = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  const uid = pod.metadata?.uid;
  const isGone = (current: KObject | undefined) =>
    !current || current.metadata.uid !== uid || current.status?.phase !== 'Running';
  const check = (current: KObject | undefined) => {
    if (isGone(current)) gone();
  };
  const watcher = store.watch(
    plan.fromVersion,
    (ev) => {
      if (ev.object.metadata.name !== name || ev.object.metadata.uid !== uid) return;
      check(ev.type === 'DELETED' ? undefined : ev.object);
    },
    // Fell behind a compaction: read the pod as it is now.
    { kind: POD, namespace, onExpired: () => check(store.get(POD, namespace, name)) },
  );
  return watcher;
}
