// The Services kubectl's generators build: `create service` (cmd/create/create_service.go) and
// `expose` (cmd/expose/expose.go with polymorphichelpers' selector/port/protocol introspection).
// Pure: flags and the exposed object in, the Service (or kubectl's error text) out.
import type { KObject } from '../../api/types.js';

const TCP = 'TCP';

/** utilsnet.ParsePort(s, true) as its strconv error texts. */
function parsePort(text: string): number {
  if (!/^\d+$/.test(text))
    throw new Error(`strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`);
  const n = Number(text);
  if (n > 65535) throw new Error(`strconv.ParseUint: parsing ${JSON.stringify(text)}: value out of range`);
  return n;
}

/** validation.IsValidPortName's messages, joined by ',' as kubectl does. */
export function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name))
    errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (/^-|-$/.test(name)) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** create_service.go's parsePorts: `port[:targetPort]`, the target a number or a port name. */
export function parseServicePort(spec: string): { port: number; targetPort: number | string } {
  const [first, target] = spec.split(':');
  const port = parsePort(first ?? '');
  if (target === undefined) return { port, targetPort: port };
  if (/^[+-]?\d+$/.test(target)) {
    const n = Number(target);
    if (n < 1 || n > 65535) throw new Error('must be between 1 and 65535, inclusive');
    return { port, targetPort: n };
  }
  const errs = portNameErrors(target);
  if (errs.length) throw new Error(errs.join(','));
  return { port, targetPort: target };
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface CreateServiceOptions {
  name: string;
  type: ServiceType;
  tcp: string[];
  clusterIP?: string;
  nodePort?: number;
  externalName?: string;
  /** Set only with an explicit -n (EnforceNamespace). */
  namespace?: string;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** ServiceOptions.Validate + createService: the object `--dry-run=client -o yaml` prints. */
export function createServiceObject(o: CreateServiceOptions): KObject {
  if (o.clusterIP === 'None' && o.type !== 'ClusterIP') {
    throw new Error('ClusterIP=None can only be used with ClusterIP service type');
  }
  if (o.clusterIP !== 'None' && o.tcp.length === 0 && o.type !== 'ExternalName') {
    throw new Error('at least one tcp port specifier must be provided');
  }
  if (o.type === 'ExternalName') {
    const n = o.externalName ?? '';
    if (!n || n.length > 253 || !DNS1123_SUBDOMAIN.test(n))
      throw new Error(`invalid service external name ${n}`);
  }
  const ports = o.tcp.map((spec) => {
    const { port, targetPort } = parseServicePort(spec);
    return {
      name: spec.replaceAll(':', '-'),
      ...(o.nodePort ? { nodePort: o.nodePort } : {}),
      port,
      protocol: TCP,
      targetPort,
    };
  });
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      creationTimestamp: null as unknown as string,
      labels: { app: o.name },
      name: o.name,
      ...(o.namespace ? { namespace: o.namespace } : {}),
    },
    spec: {
      ...(o.clusterIP ? { clusterIP: o.clusterIP } : {}),
      ...(o.externalName ? { externalName: o.externalName } : {}),
      ...(ports.length ? { ports } : {}),
      selector: { app: o.name },
      type: o.type,
    },
    status: { loadBalancer: {} },
  };
}

// ---- expose -----------------------------------------------------------------------------------

/** The kinds expose accepts (polymorphichelpers.canBeExposed), by `group/Kind`. */
const EXPOSABLE = new Set([
  '/Pod',
  '/Service',
  '/ReplicationController',
  'apps/Deployment',
  'apps/ReplicaSet',
]);

export function checkExposable(group: string, kind: string): void {
  if (!EXPOSABLE.has(`${group}/${kind}`))
    throw new Error(`cannot expose a ${group ? `${kind}.${group}` : kind}`);
}

const mapLabels = (m: Record<string, string> | undefined) =>
  Object.entries(m ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

/** mapBasedSelectorForObject: the selector the Service gets when --selector is not given. */
export function selectorForObject(obj: KObject): string {
  switch (obj.kind) {
    case 'Pod':
      if (!Object.keys(obj.metadata.labels ?? {}).length)
        throw new Error('the pod has no labels and cannot be exposed');
      return mapLabels(obj.metadata.labels);
    case 'Service':
      if (!Object.keys(obj.spec?.selector ?? {}).length)
        throw new Error('the service has no pod selector set');
      return mapLabels(obj.spec.selector);
    case 'ReplicationController':
      return mapLabels(obj.spec?.selector);
    case 'Deployment':
    case 'ReplicaSet': {
      const sel = obj.spec?.selector;
      const what = obj.kind === 'Deployment' ? 'deployment' : 'replica set';
      if (!Object.keys(sel?.matchLabels ?? {}).length) {
        throw new Error(`the ${what} has no labels or selectors and cannot be exposed`);
      }
      if (sel.matchExpressions?.length) {
        throw new Error(
          `couldn't convert expressions - "${sel.matchExpressions.map(goExpr).join(' ')}" to map-based selector format`,
        );
      }
      return mapLabels(sel.matchLabels);
    }
  }
  throw new Error(`cannot extract pod selector from ${obj.kind}`);
}

const goExpr = (e: any) => `{Key:${e.key} Operator:${e.operator} Values:[${(e.values ?? []).join(' ')}]}`;

function podSpecOf(obj: KObject): any {
  return obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
}

/** portsForObject + protocolsForObject: `port` strings and `port/protocol` pairs, in order. */
export function portsForObject(obj: KObject): { ports: string[]; protocols: Map<string, string[]> } {
  const pairs: Array<[number, string]> = [];
  if (obj.kind === 'Service') {
    for (const p of obj.spec?.ports ?? []) pairs.push([p.port, p.protocol ?? TCP]);
  } else {
    for (const c of podSpecOf(obj)?.containers ?? []) {
      for (const p of c.ports ?? []) pairs.push([p.containerPort, p.protocol ?? TCP]);
    }
  }
  const protocols = new Map<string, string[]>();
  for (const [port, protocol] of pairs) {
    const list = protocols.get(String(port)) ?? [];
    if (!list.includes(protocol)) list.push(protocol);
    protocols.set(String(port), list);
  }
  return { ports: pairs.map(([p]) => String(p)), protocols };
}

export interface ExposeOptions {
  /** The exposed object, as read from the store. */
  object: KObject;
  name?: string;
  port?: string;
  targetPort?: string;
  protocol?: string;
  type?: string;
  selector?: string;
  labels?: string;
  externalIP?: string;
  clusterIP?: string;
  loadBalancerIP?: string;
  sessionAffinity?: string;
  namespace?: string;
}

/** A usage error: kubectl adds `See 'kubectl expose -h' for help and examples`. */
export class ExposeUsageError extends Error {}

function parseLabelPairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const [k, v, extra] = pair.split('=');
    if (!k || v === undefined || extra !== undefined) throw new Error(`invalid label spec: ${pair}`);
    out[k] = v;
  }
  return out;
}

/** RunExpose's introspection, then createService. */
export function exposeServiceObject(o: ExposeOptions): KObject {
  const obj = o.object;
  let selector = o.selector ?? '';
  if (!selector) {
    try {
      selector = selectorForObject(obj);
    } catch (e) {
      throw new ExposeUsageError(
        `couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`,
      );
    }
  }
  const headless = o.clusterIP === 'None';
  const found = portsForObject(obj);
  let port = o.port ?? '';
  let ports = '';
  if (!port) {
    if (found.ports.length === 0 && !headless) {
      throw new ExposeUsageError("couldn't find port via --port flag or introspection");
    }
    if (found.ports.length === 1) port = found.ports[0]!;
    else ports = found.ports.join(',');
  }
  const labels = o.labels ? parseLabelPairs(o.labels) : obj.metadata.labels;
  const name = o.name || obj.metadata.name;
  const portString = ports || port;
  const list = portString ? portString.split(',') : [];
  const servicePorts: any[] = [];
  list.forEach((p, i) => {
    const n = Number(p);
    if (!/^[+-]?\d+$/.test(p)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(p)}: invalid syntax`);
    const portName = list.length > 1 ? `port-${i + 1}` : undefined;
    let protocol = o.protocol || TCP;
    const known = found.protocols.get(p);
    if (!o.protocol && known) {
      if (known.length > 1) {
        for (const proto of known) {
          servicePorts.push({ name: `port-${i + 1}-${proto.toLowerCase()}`, port: n, protocol: proto });
        }
        return;
      }
      protocol = known[0]!;
    }
    servicePorts.push({ ...(portName ? { name: portName } : {}), port: n, protocol });
  });
  const target = o.targetPort;
  for (const p of servicePorts) {
    p.targetPort = target ? (/^\d+$/.test(target) ? Number(target) : target) : p.port;
  }
  const type = o.type;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      creationTimestamp: null as unknown as string,
      ...(labels && Object.keys(labels).length ? { labels } : {}),
      name,
      ...(o.namespace ? { namespace: o.namespace } : {}),
    },
    spec: {
      ...(o.clusterIP ? { clusterIP: o.clusterIP } : {}),
      ...(o.externalIP ? { externalIPs: [o.externalIP] } : {}),
      ...(type === 'LoadBalancer' && o.loadBalancerIP ? { loadBalancerIP: o.loadBalancerIP } : {}),
      ...(servicePorts.length ? { ports: servicePorts } : {}),
      selector: parseLabelPairs(selector),
      ...(o.sessionAffinity ? { sessionAffinity: o.sessionAffinity } : {}),
      ...(type ? { type } : {}),
    },
    status: { loadBalancer: {} },
  };
}
