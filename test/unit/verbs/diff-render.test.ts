import { describe, expect, it } from 'vitest';
import { lookupKind } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { diffCommand, diffFileName, maskSecretData, renderPair } from '../../../src/commands/diff-render.js';

const secret = (data?: Record<string, string>): KObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 's' },
  ...(data ? { data } : {}),
});

describe('diffFileName', () => {
  it.each([
    ['deployments', 'default', 'web', 'apps.v1.Deployment.default.web'],
    ['pods', 'team-a', 'x', 'v1.Pod.team-a.x'],
    ['namespaces', undefined, 'team-a', 'v1.Namespace..team-a'],
    ['ingresses', 'default', 'i', 'networking.k8s.io.v1.Ingress.default.i'],
  ])('names %s %s/%s as kubectl does', (type, ns, name, file) => {
    expect(diffFileName(lookupKind(type)!, ns, name)).toBe(file);
  });
});

describe('maskSecretData', () => {
  it('masks equal values alike and changed ones as before/after', () => {
    const [from, to] = maskSecretData(
      secret({ a: 'x', b: 'x', gone: 'x' }),
      secret({ a: 'x', b: 'y', new: 'z' }),
    );
    expect([from!.data, to!.data]).toEqual([
      { a: '***', b: '*** (before)', gone: '***' },
      { a: '***', b: '*** (after)', new: '***' },
    ]);
  });

  it('masks a new Secret and leaves one without data alone', () => {
    expect(maskSecretData(undefined, secret({ a: 'x' }))).toEqual([undefined, secret({ a: '***' })]);
    expect(maskSecretData(secret(), secret())).toEqual([secret(), secret()]);
  });
});

describe('renderPair', () => {
  it('drops managedFields unless asked, and renders a missing side as nothing', () => {
    const obj: KObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', managedFields: [{ manager: 'm' }] },
    };
    expect(renderPair(undefined, obj)).toEqual({
      live: '',
      merged: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
    });
    expect(renderPair(obj, obj, true).live).toBe(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  managedFields:\n  - manager: m\n  name: c\n',
    );
  });
});

describe('diffCommand', () => {
  it.each([
    [undefined, { command: 'diff', args: ['-u', '-N', 'L', 'M'] }],
    ['colordiff -N -u', { command: 'colordiff', args: ['L', 'M', '-N', '-u'] }],
    ['meld', { command: 'meld', args: ['L', 'M'] }],
    ['diff -u --color=always $(rm) x;y', { command: 'diff', args: ['L', 'M', '-u', '--color=always'] }],
  ])('KUBECTL_EXTERNAL_DIFF=%j', (env, expected) => {
    expect(diffCommand({ KUBECTL_EXTERNAL_DIFF: env }, 'L', 'M')).toEqual(expected);
  });
});
