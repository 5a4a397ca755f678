// The TokenRequest subresource (POST .../serviceaccounts/{name}/token, authentication.k8s.io/v1):
// validate the request as the API server does, look the ServiceAccount (and the bound pod) up,
// issue a bound token and answer the TokenRequest with its status. Shared by the REST endpoint
// and `mkube create token`.

import { ApiError } from '../api/errors.js';
import { type FieldError, InvalidError, invalid } from '../api/field-errors.js';
import { lookupKind } from '../api/kinds.js';
import type { ObjectReader } from '../api/reader.js';
import { minTokenSeconds } from '../api/token-lifetime.js';
import type { KObject } from '../api/types.js';
import {
  DEFAULT_TOKEN_SECONDS,
  issueToken,
  MAX_TOKEN_SECONDS,
  signingKey,
  type TokenClaims,
  type TokenSubject,
} from './serviceaccount-token.js';

const SERVICE_ACCOUNT = lookupKind('serviceaccounts')!;
const POD = lookupKind('pods')!;

export const TOKEN_REQUEST_KIND = 'TokenRequest.authentication.k8s.io';

export interface TokenRequestSpec {
  audiences?: string[] | null;
  expirationSeconds?: number | null;
  boundObjectRef?: { kind?: string; apiVersion?: string; name?: string; uid?: string } | null;
}

/** The field errors of a TokenRequest's spec (ValidateTokenRequest). Pure. */
export function validateTokenRequest(spec: TokenRequestSpec): FieldError[] {
  const errs: FieldError[] = [];
  const seconds = spec.expirationSeconds;
  // null as Go writes a nil pointer (a protobuf body without it, a JSON client).
  if (seconds !== undefined && seconds !== null) {
    if (seconds < minTokenSeconds())
      errs.push(
        invalid(['spec', 'expirationSeconds'], seconds, 'may not specify a duration less than 10 minutes'),
      );
    if (seconds > MAX_TOKEN_SECONDS)
      errs.push(
        invalid(
          ['spec', 'expirationSeconds'],
          seconds,
          'may not specify a duration larger than 2^32 seconds',
        ),
      );
  }
  const ref = spec.boundObjectRef;
  if (ref && ref.kind !== 'Pod' && ref.kind !== undefined)
    errs.push({
      type: 'Unsupported',
      path: ['spec', 'boundObjectRef', 'kind'],
      value: ref.kind,
      supported: ['Pod'],
    });
  return errs;
}

/**
 * Issue a token for ServiceAccount `namespace/name` (bound to the pod the spec names): the token
 * and its claims. Throws NotFound for a missing ServiceAccount or bound pod, Invalid for a bad spec.
 */
export function issueBoundToken(
  reader: ObjectReader,
  home: string,
  namespace: string,
  name: string,
  spec: TokenRequestSpec = {},
  now = Date.now(),
): { token: string; claims: TokenClaims } {
  const errs = validateTokenRequest(spec);
  if (errs.length) throw new InvalidError(TOKEN_REQUEST_KIND, name, errs);
  const sa = reader.get(SERVICE_ACCOUNT, namespace, name);
  if (!sa) throw ApiError.notFound('serviceaccounts', name);
  const subject: TokenSubject = {
    namespace,
    serviceAccount: { name, uid: sa.metadata.uid! },
  };
  const ref = spec.boundObjectRef;
  if (ref?.name) {
    const pod = reader.get(POD, namespace, ref.name);
    if (!pod || (ref.uid && ref.uid !== pod.metadata.uid)) throw ApiError.notFound('pods', ref.name);
    subject.pod = { name: ref.name, uid: pod.metadata.uid! };
  }
  return issueToken(signingKey(home), subject, {
    audiences: spec.audiences ?? undefined,
    seconds: spec.expirationSeconds ?? DEFAULT_TOKEN_SECONDS,
    now,
  });
}

/** The TokenRequest to answer a request for a token of ServiceAccount `namespace/name` with. */
export function requestToken(
  reader: ObjectReader,
  home: string,
  namespace: string,
  name: string,
  spec: TokenRequestSpec = {},
  now = Date.now(),
): KObject {
  const { token, claims } = issueBoundToken(reader, home, namespace, name, spec, now);
  const seconds = claims.exp - claims.iat;
  return {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace, creationTimestamp: null as unknown as string },
    spec: {
      audiences: claims.aud,
      expirationSeconds: seconds,
      ...(spec.boundObjectRef ? { boundObjectRef: spec.boundObjectRef } : {}),
    },
    status: { token, expirationTimestamp: new Date(claims.exp * 1000).toISOString().replace(/\.\d+Z$/, 'Z') },
  } as unknown as KObject;
}
