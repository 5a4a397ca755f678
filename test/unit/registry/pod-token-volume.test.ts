// In-pod API access, the pure parts: the ServiceAccount admission plugin's token volume (who
// gets it, where it is mounted), the root-ca-cert-publisher's step, and the kubelet's token
// refresh at 80 % of a token's lifetime.
import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { rootCaStep } from '../../../src/controllers/root-ca-publisher.js';
import { needsRefresh, TokenManager } from '../../../src/kubelet/token-manager.js';
import {
  randomSuffix,
  tokenVolume,
  withTokenVolume,
} from '../../../src/registry/strategies/pod-token-volume.js';

const MOUNT = {
  mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
  name: 'kube-api-access-abcde',
  readOnly: true,
};
const pod = (spec: Record<string, unknown>): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'team' },
  spec: { containers: [{ name: 'app', image: 'busybox' }], ...spec },
});
const sa = (automount?: boolean): KObject => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name: 'default', namespace: 'team' },
  ...(automount === undefined ? {} : { automountServiceAccountToken: automount }),
});

describe('withTokenVolume', () => {
  it('adds the projected volume Kubernetes adds and mounts it read-only in every container', () => {
    const p = pod({
      initContainers: [{ name: 'init', image: 'busybox' }],
      volumes: [{ name: 'data', emptyDir: {} }],
    });
    expect(withTokenVolume(p, sa(), 'abcde').spec).toEqual({
      initContainers: [{ name: 'init', image: 'busybox', volumeMounts: [MOUNT] }],
      containers: [{ name: 'app', image: 'busybox', volumeMounts: [MOUNT] }],
      volumes: [
        { name: 'data', emptyDir: {} },
        {
          name: 'kube-api-access-abcde',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
              {
                downwardAPI: {
                  items: [
                    { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' },
                  ],
                },
              },
            ],
          },
        },
      ],
    });
  });
  it.each([
    ['the pod opts out', pod({ automountServiceAccountToken: false }), sa()],
    ['its ServiceAccount opts out', pod({}), sa(false)],
  ])('leaves the pod alone when %s', (_why, p, account) => {
    expect(withTokenVolume(p, account, 'abcde')).toBe(p);
  });
  it("lets the pod's own choice win over its ServiceAccount's", () => {
    expect(
      withTokenVolume(pod({ automountServiceAccountToken: true }), sa(false), 'abcde').spec.volumes,
    ).toEqual([tokenVolume('kube-api-access-abcde')]);
  });
  it('skips containers that mount something at the path already', () => {
    const own = { name: 'mine', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };
    const p = pod({
      containers: [
        { name: 'a', image: 'x', volumeMounts: [own] },
        { name: 'b', image: 'x' },
      ],
    });
    expect(withTokenVolume(p, undefined, 'abcde').spec.containers).toEqual([
      { name: 'a', image: 'x', volumeMounts: [own] },
      { name: 'b', image: 'x', volumeMounts: [MOUNT] },
    ]);
    const all = pod({ containers: [{ name: 'a', image: 'x', volumeMounts: [own] }] });
    expect(withTokenVolume(all, undefined, 'abcde')).toBe(all);
  });
  it('draws the suffix from the alphabet without vowels', () => {
    expect(randomSuffix(() => 0)).toBe('bbbbb');
    expect(randomSuffix(() => 0.999)).toBe('99999');
  });
});

describe('rootCaStep', () => {
  const ns = (deleting = false): KObject => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'team', ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  });
  const cm = (data: Record<string, string>): KObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kube-root-ca.crt', namespace: 'team' },
    data,
  });
  it('creates the ConfigMap with the CA and its description', () => {
    expect(rootCaStep(ns(), undefined, 'PEM')).toEqual({
      create: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'kube-root-ca.crt',
          namespace: 'team',
          annotations: {
            'kubernetes.io/description':
              'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
          },
        },
        data: { 'ca.crt': 'PEM' },
      },
    });
  });
  it.each([
    ['puts back an edited CA', cm({ 'ca.crt': 'OLD' }), { update: cm({ 'ca.crt': 'PEM' }) }],
    ['drops keys someone added', cm({ 'ca.crt': 'PEM', x: '1' }), { update: cm({ 'ca.crt': 'PEM' }) }],
    ['leaves a right one alone', cm({ 'ca.crt': 'PEM' }), undefined],
  ])('%s', (_why, existing, want) => {
    expect(rootCaStep(ns(), existing, 'PEM')).toEqual(want);
  });
  it('does nothing in a namespace being deleted or gone', () => {
    expect(rootCaStep(ns(true), undefined, 'PEM')).toBeUndefined();
    expect(rootCaStep(undefined, undefined, 'PEM')).toBeUndefined();
  });
});

describe('the token manager', () => {
  it.each([
    [1000, false],
    [1000 + 2879, false],
    [1000 + 2880, true],
    [1000 + 3600, true],
  ])('refreshes a 3600 s token issued at 1000 at %i: %s', (now, want) => {
    expect(needsRefresh({ iat: 1000, exp: 4600 }, now)).toBe(want);
  });
  it('keeps a token per pod, audience and lifetime until 80 % of it has passed', () => {
    let now = 1_000_000;
    const issued: string[] = [];
    const manager = new TokenManager(
      (p, audience, seconds) => {
        const token = `${p.metadata?.uid}/${audience}/${seconds}#${issued.length}`;
        issued.push(token);
        const iat = Math.floor(now / 1000);
        return { token, iat, exp: iat + seconds };
      },
      () => now,
    );
    const web: Pod = { metadata: { uid: 'u1' } };
    expect(manager.token(web, { path: 'token', expirationSeconds: 3607 })).toBe('u1/undefined/3607#0');
    expect(manager.token(web, { path: 'token', expirationSeconds: 3607 })).toBe('u1/undefined/3607#0');
    expect(manager.token(web, { path: 'v', audience: 'vault' })).toBe('u1/vault/3600#1');
    now += 2885_000;
    expect(manager.token(web, { path: 'token', expirationSeconds: 3607 })).toBe('u1/undefined/3607#0');
    now += 1_000;
    expect(manager.token(web, { path: 'token', expirationSeconds: 3607 })).toBe('u1/undefined/3607#2');
  });
  it("tells the kubelet when a pod's next token is due, so the volume gets it then", () => {
    let now = 1_000_000;
    const manager = new TokenManager(
      (_p, _audience, seconds) => ({ token: 't', iat: now / 1000, exp: now / 1000 + seconds }),
      () => now,
    );
    const web: Pod = { metadata: { uid: 'u1' } };
    expect(manager.refreshInMs('u1')).toBeUndefined();
    manager.token(web, { path: 'a', expirationSeconds: 3600 });
    manager.token(web, { path: 'b', expirationSeconds: 10 });
    manager.token({ metadata: { uid: 'u2' } }, { path: 'c', expirationSeconds: 5 });
    // 80 % of 10 s; the other pod's token is not this pod's business.
    expect(manager.refreshInMs('u1')).toBe(8_000);
    now += 8_000;
    // Due now and not yet replaced: the next one ahead (80 % of 3600 s), no busy loop.
    expect(manager.refreshInMs('u1')).toBe(2_880_000 - 8_000);
    expect(manager.refreshInMs('nobody')).toBeUndefined();
  });
});
