// Who is asking: a client certificate the CA signed (user = CN, groups = O, as the API server's
// x509 authenticator), or the bearer token of <home>/pki/token (the admin). Anything else is
// anonymous, which this endpoint refuses with 401: one user, every right, nothing for strangers.
// Pure, so every decision is a table test; server.ts gathers the inputs from the TLS socket.
import { timingSafeEqual } from 'node:crypto';
import { ADMIN_GROUP, ADMIN_USER } from './pki.js';
import type { ApiUser } from './types.js';

export const AUTHENTICATED = 'system:authenticated';

/** What the TLS layer says about the client's certificate. */
export interface PeerCertificate {
  /** The chain verified against the endpoint's CA. */
  authorized: boolean;
  /** The subject, as Node's getPeerCertificate() gives it (a repeated attribute is an array). */
  subject?: Record<string, string | string[] | undefined>;
}

/**
 * A bearer token other than the admin's: where issue 13's service-account tokens plug in. Answers
 * the user the token stands for, or undefined when the token is not one of its own.
 */
export type TokenAuthenticator = (token: string) => ApiUser | undefined;

export interface AuthnInput {
  authorization?: string;
  peer?: PeerCertificate;
}

export interface AuthnConfig {
  /** The admin's token. */
  token: string;
  /** Tried in order after the admin's token (service accounts, issue 13). */
  tokenAuthenticators?: readonly TokenAuthenticator[];
}

const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const withAuthenticated = (groups: string[]) =>
  groups.includes(AUTHENTICATED) ? groups : [...groups, AUTHENTICATED];

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The bearer token of an Authorization header, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const m = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return m?.[1];
}

/** The user a request authenticates as, or undefined (401). Certificates first, as the API server. */
export function authenticate(input: AuthnInput, config: AuthnConfig): ApiUser | undefined {
  const peer = input.peer;
  const cn = list(peer?.subject?.CN)[0];
  if (peer?.authorized && cn) return { name: cn, groups: withAuthenticated(list(peer.subject?.O)) };
  const token = bearerToken(input.authorization);
  if (!token) return undefined;
  if (config.token && sameSecret(token, config.token))
    return { name: ADMIN_USER, groups: [ADMIN_GROUP, AUTHENTICATED] };
  for (const other of config.tokenAuthenticators ?? []) {
    const user = other(token);
    if (user) return { ...user, groups: withAuthenticated(user.groups) };
  }
  return undefined;
}
