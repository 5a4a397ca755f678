// Who a request is, from its client certificate and Authorization header: a table of decisions.
import { describe, expect, it } from 'vitest';
import { type AuthnInput, authenticate, bearerToken } from '../../../src/apiserver/authn.js';
import type { ApiUser } from '../../../src/apiserver/types.js';

const TOKEN = 's3cret-token';
const ADMIN: ApiUser = { name: 'mkube-admin', groups: ['system:masters', 'system:authenticated'] };
const adminCert = { authorized: true, subject: { O: 'system:masters', CN: 'mkube-admin' } };

describe('authenticate', () => {
  const cases: Array<[string, AuthnInput, ApiUser | undefined]> = [
    ['a certificate the CA signed: CN is the user, O the groups', { peer: adminCert }, ADMIN],
    [
      'a certificate with several organizations',
      { peer: { authorized: true, subject: { CN: 'dev', O: ['team-a', 'team-b'] } } },
      { name: 'dev', groups: ['team-a', 'team-b', 'system:authenticated'] },
    ],
    [
      'a certificate the CA did not sign, and no token',
      { peer: { ...adminCert, authorized: false } },
      undefined,
    ],
    [
      'a certificate the CA did not sign, with the token',
      { peer: { ...adminCert, authorized: false }, authorization: `Bearer ${TOKEN}` },
      ADMIN,
    ],
    ['a signed certificate without a CN', { peer: { authorized: true, subject: { O: 'x' } } }, undefined],
    ['the bearer token', { authorization: `Bearer ${TOKEN}` }, ADMIN],
    ['the bearer token, scheme in lower case', { authorization: `bearer ${TOKEN}` }, ADMIN],
    ['another token', { authorization: 'Bearer nope' }, undefined],
    ['a token of another length', { authorization: `Bearer ${TOKEN}x` }, undefined],
    ['basic credentials', { authorization: 'Basic YWRtaW46YWRtaW4=' }, undefined],
    ['an empty bearer', { authorization: 'Bearer ' }, undefined],
    ['nothing at all', {}, undefined],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(authenticate(input, { token: TOKEN })).toEqual(expected);
  });

  it('asks the token authenticators (service accounts) after the admin token, in order', () => {
    const seen: string[] = [];
    const sa = (token: string): ApiUser | undefined => {
      seen.push(token);
      return token === 'sa-token'
        ? { name: 'system:serviceaccount:default:app', groups: ['system:serviceaccounts'] }
        : undefined;
    };
    const config = { token: TOKEN, tokenAuthenticators: [sa] };
    expect(authenticate({ authorization: 'Bearer sa-token' }, config)).toEqual({
      name: 'system:serviceaccount:default:app',
      groups: ['system:serviceaccounts', 'system:authenticated'],
    });
    expect(authenticate({ authorization: `Bearer ${TOKEN}` }, config)).toEqual(ADMIN);
    expect(authenticate({ authorization: 'Bearer other' }, config)).toBeUndefined();
    expect(seen).toEqual(['sa-token', 'other']);
  });

  it('reads the bearer token of an Authorization header', () => {
    expect([
      bearerToken('Bearer abc'),
      bearerToken('BEARER  abc '),
      bearerToken('Bearer a b'),
      bearerToken(undefined),
    ]).toEqual(['abc', 'abc', undefined, undefined]);
  });
});
