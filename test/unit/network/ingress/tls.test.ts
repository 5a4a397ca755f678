// TLS decisions as pure functions: the TLS table from served Ingresses, the Secret an SNI name
// gets, the ssl-redirect decision and the default certificate's names.
import type { Ingress } from 'kubernetes-types/networking/v1.js';
import { describe, expect, it } from 'vitest';
import {
  buildTlsTable,
  certificateFor,
  defaultCertificateNames,
  sslRedirectLocation,
} from '../../../../src/network/ingress/tls.js';

const ing = (
  name: string,
  spec: Ingress['spec'],
  annotations?: Record<string, string>,
  namespace = 'default',
): Ingress => ({ metadata: { name, namespace, ...(annotations ? { annotations } : {}) }, spec });

/** In precedence order (oldest first), as buildRoutes hands them over. */
const served = [
  ing('shop', {
    tls: [{ hosts: ['Shop.Example.com', '*.apps.example.com'], secretName: 'shop-tls' }],
    rules: [{ host: 'shop.example.com' }, { host: '*.apps.example.com' }],
  }),
  ing(
    'late',
    { tls: [{ hosts: ['shop.example.com', 'late.example.com'], secretName: 'late-tls' }] },
    {},
    'other',
  ),
  ing(
    'plain',
    { tls: [{ hosts: ['plain.localhost'], secretName: 'plain-tls' }], rules: [{ host: 'plain.localhost' }] },
    { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' },
  ),
  ing('nosecret', { tls: [{ hosts: ['nosecret.localhost'] }], rules: [{ host: '*.localhost' }, {}] }),
];

describe('buildTlsTable', () => {
  it('maps every TLS host to the Secret of the first Ingress naming it, and notes ssl-redirect "false"', () => {
    const table = buildTlsTable(served);
    expect({ hosts: Object.fromEntries(table.hosts), noRedirect: [...table.noRedirect] }).toEqual({
      hosts: {
        'shop.example.com': { secret: 'default/shop-tls', ingress: 'default/shop' },
        '*.apps.example.com': { secret: 'default/shop-tls', ingress: 'default/shop' },
        'late.example.com': { secret: 'other/late-tls', ingress: 'other/late' },
        'plain.localhost': { secret: 'default/plain-tls', ingress: 'default/plain' },
      },
      noRedirect: ['default/plain'],
    });
  });
});

describe('certificateFor (SNI)', () => {
  it('picks the exact host, then a one-label wildcard, else the default certificate', () => {
    const table = buildTlsTable(served);
    const names = [
      'shop.example.com',
      'SHOP.example.com.',
      'late.example.com',
      'a.apps.example.com',
      'a.b.apps.example.com',
      'apps.example.com',
      'nosecret.localhost',
      'localhost',
      '',
      undefined,
    ];
    expect(names.map((n) => [n, certificateFor(table, n)])).toEqual([
      ['shop.example.com', 'default/shop-tls'],
      ['SHOP.example.com.', 'default/shop-tls'],
      ['late.example.com', 'other/late-tls'],
      ['a.apps.example.com', 'default/shop-tls'],
      ['a.b.apps.example.com', undefined],
      ['apps.example.com', undefined],
      ['nosecret.localhost', undefined],
      ['localhost', undefined],
      ['', undefined],
      [undefined, undefined],
    ]);
  });
});

describe('sslRedirectLocation', () => {
  const table = buildTlsTable(served);
  it('redirects plain requests for TLS hosts to https, keeping the request target, unless turned off', () =>
    expect([
      sslRedirectLocation(table, 'shop.example.com', '/cart?id=1', 'default/shop', 443),
      sslRedirectLocation(table, 'shop.example.com', '/', 'default/shop', 8443),
      sslRedirectLocation(table, 'x.apps.example.com', '/a', undefined, 443),
      // The matched path's Ingress decides: here one that turned it off.
      sslRedirectLocation(table, 'shop.example.com', '/', 'default/plain', 443),
      // No path matched: the Ingress that asked for the host's TLS decides.
      sslRedirectLocation(table, 'plain.localhost', '/', undefined, 443),
      sslRedirectLocation(table, 'localhost', '/meow', 'default/shop', 443),
      // No TLS listener: nowhere to redirect to.
      sslRedirectLocation(table, 'shop.example.com', '/', 'default/shop', undefined),
    ]).toEqual([
      'https://shop.example.com/cart?id=1',
      'https://shop.example.com:8443/',
      'https://x.apps.example.com/a',
      undefined,
      undefined,
      undefined,
      undefined,
    ]));
});

describe('defaultCertificateNames', () => {
  it('is localhost plus every rule and TLS host, sorted, without one-label wildcards', () =>
    expect(defaultCertificateNames(served)).toEqual([
      '*.apps.example.com',
      'late.example.com',
      'localhost',
      'nosecret.localhost',
      'plain.localhost',
      'shop.example.com',
    ]));
});
