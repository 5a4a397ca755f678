// The agent process: kube-controller-manager + kubelet for one state directory.
// Level-triggered: woken by the store's journal and Docker's events, with a slow resync.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import lockfile from 'proper-lockfile';
import { lookupKind, NAMESPACE } from '../api/kinds.js';
import type { WatchEvent } from '../api/types.js';
import { serviceAccountAuthenticator } from '../apiserver/sa-authn.js';
import { ApiServer, apiPortsToTry } from '../apiserver/server.js';
import { rootCaPublisher } from '../controllers/root-ca-publisher.js';
import { serviceAccountController } from '../controllers/serviceaccount.js';
import { memoryVolumesRoot } from '../kubelet/config-volumes.js';
import { Kubelet } from '../kubelet/kubelet.js';
import { IngressController } from '../network/ingress/index.js';
import { EventRecorder } from '../registry/event-recorder.js';
import { InformerCache } from '../registry/informer-cache.js';
import { Registry } from '../registry/registry.js';
import { openHome } from '../registry/service-network.js';
import { prepareSigningKey } from '../registry/serviceaccount-token.js';
import type { Runtime } from '../runtime/types.js';
import { readMetrics } from '../state/metrics-file.js';
import type { Watcher } from '../state/types.js';
import { startTrace, trace, tracing } from '../util/trace.js';
import { ClusterDns, networkGateway } from './cluster-dns.js';
import { ControllerManager } from './controller-manager.js';
import { ensureDefaultStorageClass } from './default-storage-class.js';
import { Drain } from './drain.js';
import { KubernetesEndpoints } from './kubernetes-endpoints.js';
import { lastApiServerPort, writeListeners } from './listeners.js';
import { MetricsSampler } from './metrics-sampler.js';
import { HEARTBEAT_MS, heartbeat, registerNode } from './node.js';
import { agentPaths } from './paths.js';
import { runningAgentPid } from './process.js';
import { ServiceProxy } from './service-proxy.js';

export const RESYNC_MS = 2_000;
const SERVICE = lookupKind('services')!;
const SERVICE_ACCOUNT = lookupKind('serviceaccounts')!;
const CONFIGMAP = lookupKind('configmaps')!;
const ENDPOINT_SLICE = lookupKind('endpointslices.discovery.k8s.io')!;

const log = (message: string) => process.stdout.write(`${new Date().toISOString()} ${message}\n`);

/** Claim the pid file; false when another agent already runs for this home. */
async function claimPidFile(home: string): Promise<boolean> {
  const paths = agentPaths(home);
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const release = await lockfile.lock(paths.startLock, {
    realpath: false,
    stale: 5_000,
    retries: { retries: 50, minTimeout: 20, maxTimeout: 100 },
  });
  try {
    const other = runningAgentPid(home);
    if (other && other !== process.pid) {
      log(`agent already running (pid ${other}); exiting`);
      return false;
    }
    writeFileSync(paths.pid, String(process.pid));
    return true;
  } finally {
    await release();
  }
}

export async function runAgent(home: string): Promise<number> {
  if (!(await claimPidFile(home))) return 0;
  startTrace(home, 'agent');
  // Every write of the agent (kubelet, controllers, heartbeat, events) goes through the registry;
  // every read (and the watch below) is served by one informer cache fed by one journal reader.
  // openHome also makes sure the home has its service range and bootstrap Services.
  const store = openHome(home);
  const cache = new InformerCache(store);
  cache.start();
  // Writes name their manager as the components they stand for do (kubelet: see below).
  const registry = new Registry(store, cache, 'kube-controller-manager');
  // The service-account signing key of a new home, made off the event loop now rather than in the
  // first pod's sync (an RSA key pair is ~200 ms of the event loop).
  void prepareSigningKey(home).catch((e) => log(`service-account key: ${(e as Error).message}`));
  const { createDockerRuntime } = await import('../runtime/docker.js');
  const runtime: Runtime = await createDockerRuntime(home, undefined, log);
  await runtime.ensureNetwork();
  for (const id of (await runtime.removeUnplumbedSandboxes?.()) ?? [])
    log(`removed sandbox ${id.slice(0, 12)}: its network was never plumbed (the agent stopped midway)`);
  // kube-proxy first: its first sync routes the service range locally before any pod could send to it.
  const proxyEvents = new EventRecorder(registry);
  const proxy = new ServiceProxy({
    registry,
    networkInfo: () => runtime.networkInfo(),
    log,
    recordEvent: (e) => void proxyEvents.record(e),
  });
  await proxy.start();
  const node = await registerNode(registry);
  await ensureDefaultStorageClass(registry);
  const name = node.metadata.name!;
  log(`agent started: pid ${process.pid}, node ${name}, state ${home}`);
  const clusterDns = new ClusterDns({
    home,
    registry,
    nodeName: name,
    log,
    dataPlaneActive: () => proxy.active,
  });
  await clusterDns.start().catch((e) => log(`dns: not serving: ${(e as Error).message}`));

  // MKUBE_INGRESS_HTTP_PORT and MKUBE_INGRESS_HTTPS_PORT pick other ports than 80 and 443 (0: any free port).
  const portFromEnv = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  const ingress = new IngressController({
    registry,
    log,
    httpPort: portFromEnv('MKUBE_INGRESS_HTTP_PORT'),
    httpsPort: portFromEnv('MKUBE_INGRESS_HTTPS_PORT'),
  });
  // A deleted pod leaves the data plane and the Ingress before the kubelet stops it.
  const drain = new Drain({
    services: () => registry.list(SERVICE) as Service[],
    endpointSlices: () => registry.list(ENDPOINT_SLICE) as EndpointSlice[],
    followers: [proxy, ingress],
    log,
  });

  const kubelet = new Kubelet({
    drained: (pod) => drain.drained(pod),
    registry: registry.withFieldManager('kubelet'),
    runtime,
    nodeName: name,
    hostIP: '127.0.0.1',
    podNetwork: clusterDns.podNetwork(),
    volumeDirs: { disk: clusterDns.podNetwork().podsDir, memory: memoryVolumesRoot(home) },
    seccompProfileRoot: join(home, 'kubelet', 'seccomp'),
    log,
    backoffInitialMs: process.env.MKUBE_BACKOFF_INITIAL_MS
      ? Number(process.env.MKUBE_BACKOFF_INITIAL_MS)
      : undefined,
  });
  const metrics = new MetricsSampler({
    home,
    registry,
    runtime,
    nodeName: name,
    log,
    resolutionMs: process.env.MKUBE_METRICS_RESOLUTION_MS
      ? Number(process.env.MKUBE_METRICS_RESOLUTION_MS)
      : undefined,
  });
  const controllers = new ControllerManager(registry, log, { metrics: () => readMetrics(home) });

  let apiEndpoints: KubernetesEndpoints | undefined;
  const onEvent = (ev: WatchEvent) => {
    const { kind, metadata } = ev.object;
    if (tracing())
      trace(
        'watch',
        `${ev.type} ${kind} ${metadata.namespace ? `${metadata.namespace}/` : ''}${metadata.name} rv=${metadata.resourceVersion}`,
      );
    if (kind === 'Pod') kubelet.enqueue(metadata.namespace!, metadata.name!);
    if (kind === 'Node') kubelet.nodeChanged(ev.object);
    if (kind === 'ConfigMap' || kind === 'Secret' || kind === 'ServiceAccount')
      kubelet.sourceChanged(kind, metadata.namespace!, metadata.name!);
    controllers.onEvent(ev);
    proxy.onEvent(ev);
    drain.onEvent(ev);
    clusterDns.onEvent(ev);
    ingress.onEvent(ev);
    apiEndpoints?.onEvent(ev);
  };
  let watcher: Watcher | undefined;
  const startWatch = () => {
    watcher?.stop();
    watcher = registry.watch(registry.resourceVersion(), onEvent, {
      onExpired: () => {
        proxy.resync();
        void resyncAll().then(startWatch);
      },
    });
  };
  const resyncAll = async () => {
    controllers.resync();
    ingress.resync();
    await kubelet.resync();
  };
  startWatch();
  // A proxy that cannot start must not take the kubelet and the controllers down with it.
  await ingress.start().catch((e) => log(`ingress: not started: ${e}`));
  // The last agent's endpoint port, read before this agent's first write of the file replaces it.
  const previousApiPort = lastApiServerPort(home);
  const listeners = { pid: process.pid, ingressHttp: ingress.httpPort, ingressHttps: ingress.httpsPort };
  writeListeners(home, listeners);
  // The Kubernetes API endpoint for kubectl and client libraries (MKUBE_API_PORT chooses its port),
  // started beside the kubelet's first sync rather than before it: a first start makes the PKI.
  let apiServer: ApiServer | undefined;
  // Pods reach the endpoint on the network's gateway, through the `kubernetes` Service.
  const inClusterHost = await networkGateway(home).catch((e: Error) => {
    log(`api server: no gateway address for pods: ${e.message}`);
    return undefined;
  });
  const apiServerStarting = ApiServer.start({
    home,
    registry,
    runtime: async () => runtime,
    log,
    ports: apiPortsToTry(process.env.MKUBE_API_PORT, previousApiPort),
    tokenAuthenticators: [serviceAccountAuthenticator(home, registry)],
    inClusterHost,
  }).then(
    async (server) => {
      apiServer = server;
      log(
        `api server: serving at ${server.url}${server.inCluster ? ` and, for pods, https://${server.inCluster.ip}:${server.inCluster.port}` : ''}`,
      );
      if (server.inCluster) {
        apiEndpoints = new KubernetesEndpoints(registry, server.inCluster, log);
        await apiEndpoints.ensure();
      }
      writeListeners(home, { ...listeners, apiServer: server.url });
    },
    (e: Error) => {
      log(`api server: not serving: ${e.message}`);
      writeListeners(home, { ...listeners, apiServerError: e.message });
    },
  );
  const unsubscribe = await runtime.events((ev) => kubelet.containerChanged(ev.podUid, ev.action));
  // Every pod's service account volume needs its namespace's `default` ServiceAccount (for the
  // token) and kube-root-ca.crt (from the CA the server's start makes): have both before the
  // kubelet's first sync, so a pod created with the agent's start does not meet them missing (a
  // FailedMount no cluster shows, where these controllers run long before any pod).
  await apiServerStarting;
  const quiet = { registry, recordEvent: async () => undefined, log };
  for (const controller of [serviceAccountController(quiet), rootCaPublisher(quiet)])
    for (const ns of registry.list(NAMESPACE))
      await controller.reconcile(ns.metadata.name!).catch((e) => log(`${controller.name}: ${e}`));
  // The kubelet reads through the informer cache: let it catch up with those writes (briefly).
  const published = () =>
    registry
      .list(NAMESPACE)
      .every(
        (ns) =>
          registry.get(SERVICE_ACCOUNT, ns.metadata.name, 'default') &&
          registry.get(CONFIGMAP, ns.metadata.name, 'kube-root-ca.crt'),
      );
  for (let waited = 0; !published() && waited < 2_000; waited += 20)
    await new Promise((r) => setTimeout(r, 20));
  await resyncAll();
  metrics.start();

  const resyncTimer = setInterval(() => void resyncAll().catch((e) => log(`resync: ${e}`)), RESYNC_MS);
  const heartbeatTimer = setInterval(
    () => void heartbeat(registry, name, true).catch((e) => log(`heartbeat: ${e}`)),
    HEARTBEAT_MS,
  );

  return new Promise((resolve) => {
    const shutdown = async (signal: string) => {
      log(`agent stopping (${signal})`);
      // Clients first: their watches end as at an API server's shutdown.
      await apiServerStarting;
      await apiServer?.stop();
      clearInterval(resyncTimer);
      clearInterval(heartbeatTimer);
      watcher?.stop();
      unsubscribe();
      await metrics.stop();
      await kubelet.stop();
      controllers.stop();
      // The rules stay, as kube-proxy leaves them: Services keep working while the agent restarts.
      await proxy.stop();
      await clusterDns.stop();
      await ingress.stop();
      await heartbeat(registry, name, false).catch(() => undefined);
      cache.stop();
      releasePidFile(home);
      resolve(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
  });
}

function releasePidFile(home: string): void {
  const { pid } = agentPaths(home);
  try {
    if (readFileSync(pid, 'utf8').trim() === String(process.pid)) rmSync(pid);
  } catch {
    // already gone
  }
}
