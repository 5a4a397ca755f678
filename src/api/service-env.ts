// Service environment variables, as the kubelet gives every container (getServiceEnvVarMap in
// pkg/kubelet/kubelet_pods.go, FromServices in pkg/kubelet/envvars/envvars.go): for each service
// of the pod's namespace with a ClusterIP (only when enableServiceLinks), and always for the
// `kubernetes` service of `default`, the {SVC}_SERVICE_* variables and the Docker-link forms.
import type { Service } from 'kubernetes-types/core/v1.js';

export interface EnvPair {
  name: string;
  value: string;
}

const MASTER_SERVICES = new Set(['kubernetes']);

function hasClusterIP(svc: Service): boolean {
  const ip = svc.spec?.clusterIP;
  return !!ip && ip !== 'None';
}

/** `my-svc` -> `MY_SVC`, as makeEnvVariableName does. */
function envName(name: string): string {
  return name.replaceAll('-', '_').toUpperCase();
}

function hostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** The variables of one service, in the kubelet's order. */
export function serviceEnvFor(svc: Service): EnvPair[] {
  const ports = svc.spec?.ports ?? [];
  const ip = svc.spec?.clusterIP ?? '';
  if (!hasClusterIP(svc) || ports.length === 0) return [];
  const prefix = envName(svc.metadata?.name ?? '');
  const out: EnvPair[] = [
    { name: `${prefix}_SERVICE_HOST`, value: ip },
    { name: `${prefix}_SERVICE_PORT`, value: String(ports[0].port) },
  ];
  for (const p of ports) {
    if (p.name) out.push({ name: `${prefix}_SERVICE_PORT_${envName(p.name)}`, value: String(p.port) });
  }
  ports.forEach((p, i) => {
    const protocol = p.protocol || 'TCP';
    const url = `${protocol.toLowerCase()}://${hostPort(ip, p.port)}`;
    if (i === 0) out.push({ name: `${prefix}_PORT`, value: url });
    const portPrefix = `${prefix}_PORT_${p.port}_${protocol.toUpperCase()}`;
    out.push(
      { name: portPrefix, value: url },
      { name: `${portPrefix}_PROTO`, value: protocol.toLowerCase() },
      { name: `${portPrefix}_PORT`, value: String(p.port) },
      { name: `${portPrefix}_ADDR`, value: ip },
    );
  });
  return out;
}

/**
 * The service variables of a container in `namespace`. A service of the pod's own namespace wins
 * over a master service of the same name. The kubelet's result is a map (random order); here
 * services come sorted by name, each in FromServices order.
 */
export function serviceEnv(services: Service[], namespace: string, enableServiceLinks = true): EnvPair[] {
  const chosen = new Map<string, Service>();
  for (const svc of services) {
    if (!hasClusterIP(svc)) continue;
    const name = svc.metadata?.name ?? '';
    const ns = svc.metadata?.namespace ?? 'default';
    if (ns === 'default' && MASTER_SERVICES.has(name)) {
      if (!chosen.has(name)) chosen.set(name, svc);
    } else if (ns === namespace && enableServiceLinks) {
      chosen.set(name, svc);
    }
  }
  return [...chosen.keys()].sort().flatMap((name) => serviceEnvFor(chosen.get(name) as Service));
}
