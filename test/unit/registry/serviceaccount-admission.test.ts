// ServiceAccounts, the pure parts: the ServiceAccount admission plugin's refusal of a pod naming
// a missing ServiceAccount, the serviceaccounts controller's step, and the token authenticator's
// user for a valid token (nothing for one whose ServiceAccount or pod is gone or was replaced).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KindInfo } from '../../../src/api/kinds.js';
import type { ObjectReader } from '../../../src/api/reader.js';
import type { KObject } from '../../../src/api/types.js';
import { serviceAccountAuthenticator } from '../../../src/apiserver/sa-authn.js';
import { missingDefaultServiceAccount } from '../../../src/controllers/serviceaccount.js';
import { issueToken, signingKey } from '../../../src/registry/serviceaccount-token.js';
import { serviceAccountRefusal } from '../../../src/registry/strategies/pod.js';

const home = mkdtempSync(join(tmpdir(), 'mkube-sa-admission-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function reader(objects: KObject[]): ObjectReader {
  const find = (kind: KindInfo, ns: string | undefined, name: string) =>
    objects.find((o) => o.kind === kind.kind && o.metadata.namespace === ns && o.metadata.name === name);
  return { get: find, list: (kind) => objects.filter((o) => o.kind === kind.kind) };
}
const sa = (ns: string, name: string, uid = `${ns}-${name}`): KObject => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { namespace: ns, name, uid },
});
const pod = (ns: string, name: string, serviceAccountName?: string, uid = 'pod-uid'): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace: ns, name, uid },
  spec: { ...(serviceAccountName ? { serviceAccountName } : {}), containers: [] },
});

describe('serviceAccountRefusal', () => {
  const store = reader([sa('team', 'builder')]);
  it.each([
    ['an existing ServiceAccount', pod('team', 'p', 'builder'), undefined],
    ['default, even before the controller made it', pod('team', 'p', 'default'), undefined],
    ['no name (defaulting names default first)', pod('team', 'p'), undefined],
    [
      'a missing ServiceAccount',
      pod('team', 'p', 'ghost'),
      'pods "p" is forbidden: error looking up service account team/ghost: serviceaccount "ghost" not found',
    ],
    [
      "another namespace's ServiceAccount",
      pod('other', 'q', 'builder'),
      'pods "q" is forbidden: error looking up service account other/builder: serviceaccount "builder" not found',
    ],
  ])('%s', (_why, p, message) => {
    const refusal = serviceAccountRefusal(p, store);
    expect(refusal && { reason: refusal.reason, code: refusal.code, message: refusal.message }).toEqual(
      message && { reason: 'Forbidden', code: 403, message },
    );
  });
});

describe('missingDefaultServiceAccount', () => {
  const ns = (name: string, terminating = false): KObject => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, ...(terminating ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  });
  it.each([
    [
      'a namespace without one',
      ns('team'),
      undefined,
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'team' } },
    ],
    ['a namespace that has one', ns('team'), sa('team', 'default'), undefined],
    ['a namespace being deleted', ns('team', true), undefined, undefined],
    ['a namespace that is gone', undefined, undefined, undefined],
  ])('%s', (_why, namespace, existing, want) => {
    expect(missingDefaultServiceAccount(namespace, existing)).toEqual(want);
  });
});

describe('serviceAccountAuthenticator', () => {
  const key = signingKey(home);
  const builder = sa('team', 'builder', 'sa-1');
  const web = pod('team', 'web', 'builder', 'pod-1');
  const subject = { namespace: 'team', serviceAccount: { name: 'builder', uid: 'sa-1' } };
  const unbound = issueToken(key, subject).token;
  const bound = issueToken(key, { ...subject, pod: { name: 'web', uid: 'pod-1' } }).token;
  const jti = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).jti;
  const user = (token: string, extra: Record<string, string[]> = {}) => ({
    name: 'system:serviceaccount:team:builder',
    uid: 'sa-1',
    groups: ['system:serviceaccounts', 'system:serviceaccounts:team'],
    extra: { 'authentication.kubernetes.io/credential-id': [`JTI=${jti(token)}`], ...extra },
  });
  it.each([
    ['an unbound token of an existing ServiceAccount', unbound, [builder], user(unbound)],
    [
      'a pod-bound token while the pod lives',
      bound,
      [builder, web],
      user(bound, {
        'authentication.kubernetes.io/pod-name': ['web'],
        'authentication.kubernetes.io/pod-uid': ['pod-1'],
      }),
    ],
    ['a token whose ServiceAccount was deleted', unbound, [], undefined],
    [
      'a token whose ServiceAccount was made again (another uid)',
      unbound,
      [sa('team', 'builder', 'sa-2')],
      undefined,
    ],
    ['a pod-bound token after its pod is gone', bound, [builder], undefined],
    [
      'a pod-bound token after its pod was made again',
      bound,
      [builder, pod('team', 'web', 'builder', 'pod-2')],
      undefined,
    ],
    ['a random admin-like token', 'c2VjcmV0', [builder], undefined],
    [
      'an expired token',
      issueToken(key, subject, { seconds: 600, now: Date.now() - 601_000 }).token,
      [builder],
      undefined,
    ],
  ])('%s', (_why, token, objects, want) => {
    expect(serviceAccountAuthenticator(home, reader(objects))(token)).toEqual(want);
  });
});
