// The `mkube` cluster, user and context that reach the API endpoint: written into mkube's own
// kubeconfig when the endpoint starts, and merged into ~/.kube/config by `mkube kubeconfig --merge`.
// Pure: a kubeconfig in, a kubeconfig out, with only the `mkube` entries changed.
import {
  type Kubeconfig,
  MKUBE_CONTEXT,
  type NamedCluster,
  type NamedContext,
  type NamedUser,
} from './kubeconfig.js';

/** Where the endpoint is and how to trust it and log in: PEM texts, as the PKI keeps them. */
export interface EndpointCredentials {
  server: string;
  caCert: string;
  clientCert: string;
  clientKey: string;
}

const b64 = (pem: string) => Buffer.from(pem).toString('base64');

/** The three entries, with the data inline (a kubeconfig that works when copied elsewhere). */
export function mkubeEntries(creds: EndpointCredentials): {
  cluster: NamedCluster;
  user: NamedUser;
  context: NamedContext;
} {
  return {
    cluster: {
      cluster: { 'certificate-authority-data': b64(creds.caCert), server: creds.server },
      name: MKUBE_CONTEXT,
    },
    context: { context: { cluster: MKUBE_CONTEXT, user: MKUBE_CONTEXT }, name: MKUBE_CONTEXT },
    user: {
      name: MKUBE_CONTEXT,
      user: { 'client-certificate-data': b64(creds.clientCert), 'client-key-data': b64(creds.clientKey) },
    },
  };
}

/** `list` with the entry named `entry.name` replaced in place, or appended. */
function upsert<T extends { name: string }>(list: T[] | null | undefined, entry: T): T[] {
  const out = [...(list ?? [])];
  const at = out.findIndex((e) => e.name === entry.name);
  if (at >= 0) out[at] = entry;
  else out.push(entry);
  return out;
}

/**
 * `config` with the `mkube` cluster and user set to reach the endpoint and the `mkube` context
 * pointing at them (its namespace kept); every other entry, and current-context unless
 * `setCurrent`, as they were.
 */
export function withMkubeEntries(
  config: Kubeconfig,
  creds: EndpointCredentials,
  opts: { setCurrent?: boolean } = {},
): Kubeconfig {
  const entries = mkubeEntries(creds);
  const previous = (config.contexts ?? []).find((c) => c.name === MKUBE_CONTEXT)?.context;
  const context: NamedContext = {
    context: { ...previous, cluster: MKUBE_CONTEXT, user: MKUBE_CONTEXT },
    name: MKUBE_CONTEXT,
  };
  return {
    ...config,
    apiVersion: config.apiVersion ?? 'v1',
    kind: config.kind ?? 'Config',
    clusters: upsert(config.clusters, entries.cluster),
    contexts: upsert(config.contexts, context),
    users: upsert(config.users, entries.user),
    ...(opts.setCurrent ? { 'current-context': MKUBE_CONTEXT } : {}),
  };
}

/** Whether `config` already has exactly these `mkube` cluster and user entries (no write needed). */
export function hasMkubeEntries(config: Kubeconfig, creds: EndpointCredentials): boolean {
  const entries = mkubeEntries(creds);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const context = (config.contexts ?? []).find((c) => c.name === MKUBE_CONTEXT)?.context;
  return (
    same(
      (config.clusters ?? []).find((c) => c.name === MKUBE_CONTEXT),
      entries.cluster,
    ) &&
    same(
      (config.users ?? []).find((u) => u.name === MKUBE_CONTEXT),
      entries.user,
    ) &&
    context?.cluster === MKUBE_CONTEXT &&
    context.user === MKUBE_CONTEXT
  );
}
