// Bound service-account tokens, as the API server's TokenRequest issues them: RS256 JWTs signed
// with the agent's key (<home>/pki/sa.key, 0600, made on first need as kubeadm's sa.key), with the
// API server's claims (iss, aud, exp, iat, nbf, jti, sub and the `kubernetes.io` claim naming the
// namespace, the ServiceAccount and the pod it is bound to). Verification is the authenticator's
// half: signature, issuer, audience, time window, then the caller checks the objects still exist.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  generateKeyPairSync,
  type KeyObject,
  randomUUID,
  sign,
  verify,
} from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isMissing, writeFileAtomicSync } from '../state/fsio.js';

/** The API server's --service-account-issuer, also its default --api-audiences. */
export const API_ISSUER = 'https://kubernetes.default.svc.cluster.local';
export const API_AUDIENCES: readonly string[] = [API_ISSUER];
/** TokenRequest's default expirationSeconds (its minimum: api/token-lifetime.ts). */
export const DEFAULT_TOKEN_SECONDS = 3600;
export const MAX_TOKEN_SECONDS = 2 ** 32;

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The `kid` header: base64url SHA-256 of the public key's DER, as the API server derives it. */
  keyId: string;
}

export interface TokenClaims {
  aud: string[];
  exp: number;
  iat: number;
  iss: string;
  jti: string;
  'kubernetes.io': {
    namespace: string;
    pod?: { name: string; uid: string };
    serviceaccount: { name: string; uid: string };
  };
  nbf: number;
  sub: string;
}

export interface TokenSubject {
  namespace: string;
  serviceAccount: { name: string; uid: string };
  pod?: { name: string; uid: string };
}

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

function keyIdOf(publicKey: KeyObject): string {
  return b64(
    createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest(),
  );
}

const cache = new Map<string, SigningKey>();

/** The home's signing key, made on first need (RSA 2048, PKCS#8 PEM, 0600 in the 0700 pki dir). */
export function signingKey(home: string): SigningKey {
  const path = join(home, 'pki', 'sa.key');
  const cached = cache.get(path);
  if (cached) return cached;
  const pem = readKeyPem(path) ?? saveKeyPair(home, generateKeyPairSync('rsa', { modulusLength: 2048 }));
  return cacheKey(path, pem);
}

/**
 * Makes a new home's key off the event loop (an RSA key pair is ~200 ms of CPU), so the agent's
 * start does not wait for it and its first pod does not either. A key the synchronous path made
 * meanwhile wins: it may have signed tokens already.
 */
export async function prepareSigningKey(home: string): Promise<void> {
  const path = join(home, 'pki', 'sa.key');
  if (cache.has(path) || readKeyPem(path)) return;
  const pair = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  if (cache.has(path) || readKeyPem(path)) return;
  cacheKey(path, saveKeyPair(home, pair));
}

function readKeyPem(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (!isMissing(e)) throw e;
    return undefined;
  }
}

/** Writes the pair (sa.key and sa.pub, 0600 in the 0700 pki dir); returns the private key's PEM. */
function saveKeyPair(home: string, pair: { privateKey: KeyObject; publicKey: KeyObject }): string {
  const dir = join(home, 'pki');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  writeFileAtomicSync(join(dir, 'sa.key'), pem, 0o600);
  writeFileAtomicSync(
    join(dir, 'sa.pub'),
    pair.publicKey.export({ type: 'spki', format: 'pem' }) as string,
    0o600,
  );
  return pem;
}

function cacheKey(path: string, pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const key = { privateKey, publicKey, keyId: keyIdOf(publicKey) };
  cache.set(path, key);
  return key;
}

/** The claims of a token for `subject`, issued at `nowSeconds` for `seconds`. Pure. */
export function tokenClaims(
  subject: TokenSubject,
  audiences: readonly string[],
  seconds: number,
  nowSeconds: number,
  jti: string,
): TokenClaims {
  return {
    aud: [...audiences],
    exp: nowSeconds + seconds,
    iat: nowSeconds,
    iss: API_ISSUER,
    jti,
    'kubernetes.io': {
      namespace: subject.namespace,
      ...(subject.pod ? { pod: subject.pod } : {}),
      serviceaccount: subject.serviceAccount,
    },
    nbf: nowSeconds,
    sub: serviceAccountUsername(subject.namespace, subject.serviceAccount.name),
  };
}

export const serviceAccountUsername = (namespace: string, name: string) =>
  `system:serviceaccount:${namespace}:${name}`;

/** The groups a service account's token authenticates with (system:authenticated added by authn). */
export const serviceAccountGroups = (namespace: string) => [
  'system:serviceaccounts',
  `system:serviceaccounts:${namespace}`,
];

export function signToken(key: SigningKey, claims: TokenClaims): string {
  const header = b64(JSON.stringify({ alg: 'RS256', kid: key.keyId }));
  const payload = b64(JSON.stringify(claims));
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), key.privateKey);
  return `${header}.${payload}.${b64(signature)}`;
}

/** Issue a token: claims for now, signed. */
export function issueToken(
  key: SigningKey,
  subject: TokenSubject,
  opts: { audiences?: readonly string[]; seconds?: number; now?: number } = {},
): { token: string; claims: TokenClaims } {
  const nowSeconds = Math.floor((opts.now ?? Date.now()) / 1000);
  const audiences = opts.audiences?.length ? opts.audiences : API_AUDIENCES;
  const claims = tokenClaims(
    subject,
    audiences,
    opts.seconds ?? DEFAULT_TOKEN_SECONDS,
    nowSeconds,
    randomUUID(),
  );
  return { token: signToken(key, claims), claims };
}

/**
 * The claims of `token` when it is one of ours and valid at `now` for one of `audiences`, else
 * undefined. Signature, issuer, audience and time window only: the caller checks that the
 * ServiceAccount (and pod) still exist with the same uid.
 */
export function verifyToken(
  publicKey: KeyObject,
  token: string,
  now: number,
  audiences: readonly string[] = API_AUDIENCES,
): TokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
    if (header?.alg !== 'RS256') return undefined;
    const ok = verify(
      'sha256',
      Buffer.from(`${parts[0]}.${parts[1]}`),
      publicKey,
      Buffer.from(parts[2]!, 'base64url'),
    );
    if (!ok) return undefined;
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as TokenClaims;
    const nowSeconds = Math.floor(now / 1000);
    if (claims.iss !== API_ISSUER) return undefined;
    if (!Array.isArray(claims.aud) || !claims.aud.some((a) => audiences.includes(a))) return undefined;
    if (typeof claims.exp !== 'number' || nowSeconds >= claims.exp) return undefined;
    if (typeof claims.nbf === 'number' && nowSeconds < claims.nbf) return undefined;
    const k8s = claims['kubernetes.io'];
    if (!k8s?.namespace || !k8s.serviceaccount?.name) return undefined;
    if (claims.sub !== serviceAccountUsername(k8s.namespace, k8s.serviceaccount.name)) return undefined;
    return claims;
  } catch {
    return undefined;
  }
}
