// Bound service-account tokens: the claims as the API server writes them, RS256 signatures that
// verify with the agent's key only, and every reason a token is not accepted (expired, not yet
// valid, another audience, another issuer, tampered, another key, not a JWT); the TokenRequest's
// validation; kubectl's protobuf TokenRequest body decoded.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  API_ISSUER,
  prepareSigningKey,
  type SigningKey,
  signingKey,
  signToken,
  type TokenClaims,
  tokenClaims,
  verifyToken,
} from '../../../src/registry/serviceaccount-token.js';
import { validateTokenRequest } from '../../../src/registry/token-request.js';

const home = mkdtempSync(join(tmpdir(), 'mkube-sa-token-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const NOW = 1_800_000_000;
const subject = {
  namespace: 'team',
  serviceAccount: { name: 'builder', uid: 'sa-uid' },
  pod: { name: 'web-0', uid: 'pod-uid' },
};

describe('tokenClaims', () => {
  it('writes the API server claims: iss, aud, window, sub and the kubernetes.io claim', () => {
    expect(tokenClaims(subject, [API_ISSUER], 3607, NOW, 'jti-1')).toEqual({
      aud: ['https://kubernetes.default.svc.cluster.local'],
      exp: NOW + 3607,
      iat: NOW,
      iss: 'https://kubernetes.default.svc.cluster.local',
      jti: 'jti-1',
      'kubernetes.io': {
        namespace: 'team',
        pod: { name: 'web-0', uid: 'pod-uid' },
        serviceaccount: { name: 'builder', uid: 'sa-uid' },
      },
      nbf: NOW,
      sub: 'system:serviceaccount:team:builder',
    });
  });
  it('leaves the pod out of a token bound to no pod', () => {
    const claims = tokenClaims({ ...subject, pod: undefined }, ['x'], 600, NOW, 'j');
    expect(claims['kubernetes.io']).toEqual({
      namespace: 'team',
      serviceaccount: { name: 'builder', uid: 'sa-uid' },
    });
  });
});

describe('signingKey', () => {
  it('is made once, 0600, and the same key afterwards', () => {
    const key = signingKey(home);
    expect(statSync(join(home, 'pki', 'sa.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, 'pki')).mode & 0o777).toBe(0o700);
    expect(signingKey(home).keyId).toBe(key.keyId);
    expect(key.keyId).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('prepareSigningKey', () => {
  it('makes a new home’s key off the event loop, the one signingKey then gives', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'mkube-sa-prepare-'));
    try {
      await prepareSigningKey(fresh);
      const pem = readFileSync(join(fresh, 'pki', 'sa.key'), 'utf8');
      expect([
        statSync(join(fresh, 'pki', 'sa.key')).mode & 0o777,
        existsSync(join(fresh, 'pki', 'sa.pub')),
      ]).toEqual([0o600, true]);
      const key = signingKey(fresh);
      expect(key.privateKey.export({ type: 'pkcs8', format: 'pem' })).toBe(pem);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('keeps a key made meanwhile by the synchronous path (it may have signed tokens)', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'mkube-sa-prepare-'));
    try {
      const preparing = prepareSigningKey(fresh);
      const first = signingKey(fresh);
      await preparing;
      expect([signingKey(fresh).keyId, readFileSync(join(fresh, 'pki', 'sa.key'), 'utf8')]).toEqual([
        first.keyId,
        first.privateKey.export({ type: 'pkcs8', format: 'pem' }),
      ]);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});

describe('verifyToken', () => {
  const key = signingKey(home);
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const otherKey: SigningKey = { privateKey: other.privateKey, publicKey: other.publicKey, keyId: 'k' };
  const claims = tokenClaims(subject, [API_ISSUER], 3600, NOW, 'j');
  const token = signToken(key, claims);
  const at = (s: number) => s * 1000;
  const withClaims = (patch: Partial<TokenClaims>) => signToken(key, { ...claims, ...patch });
  const [h, p, s] = token.split('.');

  it('accepts its own token inside the window, for the API audience', () => {
    expect(JSON.parse(Buffer.from(h!, 'base64url').toString())).toEqual({ alg: 'RS256', kid: key.keyId });
    expect(verifyToken(key.publicKey, token, at(NOW + 10))).toEqual(claims);
  });
  it.each([
    ['expired', token, NOW + 3600],
    ['not valid before nbf', withClaims({ nbf: NOW + 100 }), NOW + 50],
    ['for another audience', withClaims({ aud: ['https://vault.example'] }), NOW],
    ['from another issuer', withClaims({ iss: 'https://elsewhere' }), NOW],
    [
      'whose sub disagrees with the kubernetes.io claim',
      withClaims({ sub: 'system:serviceaccount:team:admin' }),
      NOW,
    ],
    [
      'tampered',
      `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'x' })).toString('base64url')}.${s}`,
      NOW,
    ],
    ['signed with another key', signToken(otherKey, claims), NOW],
    ['not a JWT', 'garbage', NOW],
    ['three garbage parts', 'abc.def.ghi', NOW],
    ['with alg none', `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`, NOW],
  ])('refuses a token %s', (_why, t, now) => {
    expect(verifyToken(key.publicKey, t, at(now))).toBeUndefined();
  });
});

describe('validateTokenRequest', () => {
  it.each([
    [{}, []],
    [{ expirationSeconds: 600 }, []],
    [
      { expirationSeconds: 599 },
      [
        {
          type: 'Invalid',
          path: ['spec', 'expirationSeconds'],
          value: 599,
          detail: 'may not specify a duration less than 10 minutes',
        },
      ],
    ],
    [
      { expirationSeconds: 2 ** 32 + 1 },
      [
        {
          type: 'Invalid',
          path: ['spec', 'expirationSeconds'],
          value: 2 ** 32 + 1,
          detail: 'may not specify a duration larger than 2^32 seconds',
        },
      ],
    ],
    [
      { boundObjectRef: { kind: 'Secret', name: 's' } },
      [
        {
          type: 'Unsupported',
          path: ['spec', 'boundObjectRef', 'kind'],
          value: 'Secret',
          supported: ['Pod'],
        },
      ],
    ],
  ])('%j -> %j', (spec, errs) => {
    expect(validateTokenRequest(spec)).toEqual(errs);
  });
});
