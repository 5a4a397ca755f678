// The container's whole environment, as the kubelet assembles it from envFrom, env and the
// sources they name: one table, each case asserting the complete list handed to Docker.
import type { Container, EnvFromSource, EnvVar } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { buildEnv } from '../../../src/kubelet/container-spec.js';
import { type EnvSources, resolveEnv } from '../../../src/kubelet/env.js';
import { basePod } from './fixtures.js';

const configMaps: Record<string, Record<string, string>> = {
  'special-config': { SPECIAL_LEVEL: 'very', SPECIAL_TYPE: 'charm' },
  other: { SPECIAL_TYPE: 'strange', COLOR: 'blue' },
  odd: { '1badkey': 'one', 'dotted.key': 'two', ok_key: 'three' },
};
const secrets: Record<string, Record<string, string>> = {
  creds: { USER: 'admin', PASSWORD: 's3cret' },
};
const sources: EnvSources = {
  podIP: '172.18.0.5',
  hostIP: '127.0.0.1',
  configMap: (_ns, name) => configMaps[name],
  secret: (_ns, name) => secrets[name],
};

/** The env list the container gets, or the CreateContainerConfigError message. */
function containerEnv(envFrom: EnvFromSource[], env: EnvVar[] = []): string[] | string {
  const pod = basePod();
  const container: Container = { ...pod.spec!.containers[0]!, envFrom, env };
  const resolved = resolveEnv(pod, container, sources);
  if (!resolved.ok) return resolved.message;
  return [...buildEnv(container, resolved.env)].map(([k, v]) => `${k}=${v}`);
}

const cases: [string, EnvFromSource[], EnvVar[], string[] | string][] = [
  [
    'a configMap gives every key as a variable',
    [{ configMapRef: { name: 'special-config' } }],
    [],
    ['SPECIAL_LEVEL=very', 'SPECIAL_TYPE=charm'],
  ],
  [
    'a prefix goes in front of every key',
    [{ configMapRef: { name: 'special-config' }, prefix: 'CFG_' }],
    [],
    ['CFG_SPECIAL_LEVEL=very', 'CFG_SPECIAL_TYPE=charm'],
  ],
  [
    'a secret gives its decoded values',
    [{ secretRef: { name: 'creds' } }],
    [],
    ['USER=admin', 'PASSWORD=s3cret'],
  ],
  [
    'a later source overrides an earlier one',
    [{ configMapRef: { name: 'special-config' } }, { configMapRef: { name: 'other' } }],
    [],
    ['SPECIAL_LEVEL=very', 'SPECIAL_TYPE=strange', 'COLOR=blue'],
  ],
  [
    'env overrides envFrom, and adds its own entries after',
    [{ configMapRef: { name: 'special-config' } }, { secretRef: { name: 'creds' } }],
    [
      { name: 'SPECIAL_TYPE', value: 'override' },
      { name: 'EXTRA', value: 'x' },
    ],
    ['SPECIAL_LEVEL=very', 'SPECIAL_TYPE=override', 'USER=admin', 'PASSWORD=s3cret', 'EXTRA=x'],
  ],
  [
    'an env value may reference envFrom variables',
    [{ configMapRef: { name: 'special-config' }, prefix: 'CFG_' }],
    [{ name: 'GREETING', value: '$(CFG_SPECIAL_LEVEL) $(CFG_SPECIAL_TYPE) $(UNKNOWN)' }],
    ['CFG_SPECIAL_LEVEL=very', 'CFG_SPECIAL_TYPE=charm', 'GREETING=very charm $(UNKNOWN)'],
  ],
  [
    'env valueFrom overrides envFrom too',
    [{ configMapRef: { name: 'special-config' } }],
    [{ name: 'SPECIAL_LEVEL', valueFrom: { secretKeyRef: { name: 'creds', key: 'USER' } } }],
    ['SPECIAL_LEVEL=admin', 'SPECIAL_TYPE=charm'],
  ],
  [
    'an env entry whose optional source is missing leaves the envFrom value',
    [{ configMapRef: { name: 'special-config' } }],
    [{ name: 'SPECIAL_LEVEL', valueFrom: { configMapKeyRef: { name: 'gone', key: 'k', optional: true } } }],
    ['SPECIAL_LEVEL=very', 'SPECIAL_TYPE=charm'],
  ],
  [
    'an env entry without a value is empty, even over envFrom',
    [{ configMapRef: { name: 'special-config' } }],
    [{ name: 'SPECIAL_TYPE' }],
    ['SPECIAL_LEVEL=very', 'SPECIAL_TYPE='],
  ],
  [
    'keys that are not C identifiers pass through as the kubelet has done since 1.30',
    [{ configMapRef: { name: 'odd' } }],
    [],
    ['1badkey=one', 'dotted.key=two', 'ok_key=three'],
  ],
  [
    'a missing optional configMap or secret is skipped',
    [
      { configMapRef: { name: 'gone', optional: true } },
      { secretRef: { name: 'gone', optional: true } },
      { configMapRef: { name: 'other' } },
    ],
    [],
    ['SPECIAL_TYPE=strange', 'COLOR=blue'],
  ],
  [
    'a missing configMap is the kubelet error',
    [{ configMapRef: { name: 'special-config' } }, { configMapRef: { name: 'gone' } }],
    [],
    'configmap "gone" not found',
  ],
  ['a missing secret is the kubelet error', [{ secretRef: { name: 'gone' } }], [], 'secret "gone" not found'],
];

describe('container environment assembly', () => {
  for (const [name, envFrom, env, expected] of cases) {
    it(name, () => expect(containerEnv(envFrom, env)).toEqual(expected));
  }
});
