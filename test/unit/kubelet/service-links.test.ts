// Service variables in the container's environment (makeEnvironmentVariables): added last, under
// names the container's own env and envFrom leave free; `$(VAR)` may name them; enableServiceLinks
// false keeps only the master service's. One table, each case the complete list handed to Docker.
import type { Container, EnvFromSource, EnvVar, Service } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { buildEnv } from '../../../src/kubelet/container-spec.js';
import { resolveEnv } from '../../../src/kubelet/env.js';
import { basePod } from './fixtures.js';

const svc = (
  namespace: string,
  name: string,
  clusterIP: string,
  port: number,
  portName?: string,
): Service => ({
  metadata: { name, namespace },
  spec: { clusterIP, ports: [{ port, protocol: 'TCP', ...(portName ? { name: portName } : {}) }] },
});
const SERVICES = [
  svc('default', 'kubernetes', '10.96.0.1', 443, 'https'),
  svc('default', 'web', '10.96.0.20', 80),
  svc('other', 'db', '10.96.0.30', 5432),
];
const KUBERNETES = [
  'KUBERNETES_SERVICE_HOST=10.96.0.1',
  'KUBERNETES_SERVICE_PORT=443',
  'KUBERNETES_SERVICE_PORT_HTTPS=443',
  'KUBERNETES_PORT=tcp://10.96.0.1:443',
  'KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443',
  'KUBERNETES_PORT_443_TCP_PROTO=tcp',
  'KUBERNETES_PORT_443_TCP_PORT=443',
  'KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1',
];
const WEB = [
  'WEB_SERVICE_HOST=10.96.0.20',
  'WEB_SERVICE_PORT=80',
  'WEB_PORT=tcp://10.96.0.20:80',
  'WEB_PORT_80_TCP=tcp://10.96.0.20:80',
  'WEB_PORT_80_TCP_PROTO=tcp',
  'WEB_PORT_80_TCP_PORT=80',
  'WEB_PORT_80_TCP_ADDR=10.96.0.20',
];

function containerEnv(env: EnvVar[], envFrom: EnvFromSource[] = [], enableServiceLinks?: boolean): string[] {
  const pod = basePod((p) => {
    if (enableServiceLinks !== undefined) p.spec!.enableServiceLinks = enableServiceLinks;
  });
  const container: Container = { ...pod.spec!.containers[0]!, env, envFrom };
  const resolved = resolveEnv(pod, container, {
    hostIP: '127.0.0.1',
    configMap: () => ({ WEB_SERVICE_PORT: 'from-config' }),
    secret: () => undefined,
    services: () => SERVICES,
  });
  if (!resolved.ok) throw new Error(resolved.message);
  return [...buildEnv(container, resolved.env)].map(([k, v]) => `${k}=${v}`);
}

const cases: [string, () => string[], string[]][] = [
  [
    "the namespace's services and the master service come after the container's own variables",
    () => containerEnv([{ name: 'A', value: '1' }]),
    ['A=1', ...KUBERNETES, ...WEB],
  ],
  [
    'an env entry of the same name wins over a service variable, in its own place',
    () => containerEnv([{ name: 'WEB_SERVICE_HOST', value: 'mine' }]),
    ['WEB_SERVICE_HOST=mine', ...KUBERNETES, ...WEB.filter((e) => !e.startsWith('WEB_SERVICE_HOST='))],
  ],
  [
    'an envFrom key of the same name wins too',
    () => containerEnv([], [{ configMapRef: { name: 'cm' } }]),
    ['WEB_SERVICE_PORT=from-config', ...KUBERNETES, ...WEB.filter((e) => !e.startsWith('WEB_SERVICE_PORT='))],
  ],
  [
    'a value may reference a service variable',
    () => containerEnv([{ name: 'URL', value: 'http://$(WEB_SERVICE_HOST):$(WEB_SERVICE_PORT)/' }]),
    ['URL=http://10.96.0.20:80/', ...KUBERNETES, ...WEB],
  ],
  ['enableServiceLinks: false keeps only the master service', () => containerEnv([], [], false), KUBERNETES],
];

describe('service links in the container environment', () => {
  for (const [name, run, expected] of cases) it(name, () => expect(run()).toEqual(expected));
});
