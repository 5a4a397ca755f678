// The routing table as a pure function: (Ingresses, Services, EndpointSlices, IngressClasses) ->
// table, then (host, path) -> the whole routing result.
import type { Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { HTTPIngressPath, Ingress } from 'kubernetes-types/networking/v1.js';
import { describe, expect, it } from 'vitest';
import { defaultIngressClass } from '../../../../src/network/ingress/class.js';
import { buildRoutes, hostOf, type RoutesInput, route } from '../../../../src/network/ingress/routes.js';

const svc = (name: string, ports: NonNullable<Service['spec']>['ports']): Service => ({
  metadata: { name, namespace: 'default' },
  spec: { ports },
});

const slice = (
  service: string,
  port: { name?: string; port: number },
  ready: Record<string, boolean | undefined>,
): EndpointSlice => ({
  addressType: 'IPv4',
  metadata: {
    name: `${service}-abc`,
    namespace: 'default',
    labels: { 'kubernetes.io/service-name': service },
  },
  ports: [{ name: port.name ?? '', port: port.port, protocol: 'TCP' }],
  endpoints: Object.entries(ready).map(([ip, r]) => ({
    addresses: [ip],
    conditions: r === undefined ? {} : { ready: r },
  })),
});

const path = (
  p: string,
  service: string,
  pathType = 'Prefix',
  port: { number?: number; name?: string } = { number: service === 'api' ? 8000 : 80 },
): HTTPIngressPath => ({
  path: p,
  pathType,
  backend: { service: { name: service, port } },
});

const ing = (name: string, spec: Ingress['spec'], extra: Partial<Ingress['metadata']> = {}): Ingress => ({
  metadata: { name, namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z', ...extra },
  spec,
});

/** Two Services: `web` (80 -> 8080, 2 ready pods, 1 unready) and `api` (named port http -> 9000). */
const base = (ingresses: Ingress[], mutate?: (i: RoutesInput) => void): RoutesInput => {
  const input: RoutesInput = {
    ingresses,
    services: [
      svc('web', [{ name: 'http', port: 80, targetPort: 8080 }]),
      svc('api', [{ name: 'http', port: 8000, targetPort: 'web' }]),
      svc('empty', [{ port: 80 }]),
    ],
    endpointSlices: [
      slice(
        'web',
        { name: 'http', port: 8080 },
        { '10.1.0.3': true, '10.1.0.2': undefined, '10.1.0.9': false },
      ),
      slice('api', { name: 'http', port: 9000 }, { '10.1.0.5': true }),
      slice('empty', { port: 80 }, {}),
    ],
    ingressClasses: [defaultIngressClass()],
  };
  mutate?.(input);
  return input;
};

const WEB = [
  { ip: '10.1.0.2', port: 8080 },
  { ip: '10.1.0.3', port: 8080 },
];
const API = [{ ip: '10.1.0.5', port: 9000 }];
const toWeb = (p: string, ingress = 'default/i') => ({
  status: 'proxy',
  ingress,
  backend: 'default/web:80',
  targets: WEB,
  path: p,
});
const toApi = (p: string, ingress = 'default/i') => ({
  status: 'proxy',
  ingress,
  backend: 'default/api:8000',
  targets: API,
  path: p,
});
const NOT_FOUND = { status: 'not-found' };

type Case = [string, RoutesInput, Array<[host: string, path: string, expected: object]>];

const cases: Case[] = [
  [
    'Prefix matches element by element, never in the middle of a segment',
    base([ing('i', { rules: [{ http: { paths: [path('/foo', 'web')] } }] })]),
    [
      ['localhost', '/foo', toWeb('/foo')],
      ['localhost', '/foo/', toWeb('/foo/')],
      ['localhost', '/foo/bar', toWeb('/foo/bar')],
      ['localhost', '/foobar', NOT_FOUND],
      ['localhost', '/', NOT_FOUND],
    ],
  ],
  [
    'a trailing slash in a Prefix rule is ignored, and / matches everything',
    base([ing('i', { rules: [{ http: { paths: [path('/foo/', 'web'), path('/', 'api')] } }] })]),
    [
      ['localhost', '/foo', toWeb('/foo')],
      ['localhost', '/foo/x', toWeb('/foo/x')],
      ['localhost', '/foox', toApi('/foox')],
      ['localhost', '/', toApi('/')],
    ],
  ],
  [
    'Exact matches only the whole path',
    base([ing('i', { rules: [{ http: { paths: [path('/foo', 'web', 'Exact')] } }] })]),
    [
      ['localhost', '/foo', toWeb('/foo')],
      ['localhost', '/foo/', NOT_FOUND],
      ['localhost', '/FOO', NOT_FOUND],
    ],
  ],
  [
    'the longest path wins, and Exact beats Prefix at the same length',
    base([
      ing('i', {
        rules: [
          {
            http: {
              paths: [
                path('/', 'web'),
                path('/api', 'api'),
                path('/api/v1', 'web'),
                path('/api', 'web', 'Exact'),
              ],
            },
          },
        ],
      }),
    ]),
    [
      ['localhost', '/api', toWeb('/api')],
      ['localhost', '/api/', toApi('/api/')],
      ['localhost', '/api/v1/x', toWeb('/api/v1/x')],
      ['localhost', '/other', toWeb('/other')],
    ],
  ],
  [
    'ImplementationSpecific is treated as Prefix',
    base([ing('i', { rules: [{ http: { paths: [path('/meow', 'web', 'ImplementationSpecific')] } }] })]),
    [
      ['localhost', '/meow', toWeb('/meow')],
      ['localhost', '/meow/1', toWeb('/meow/1')],
      ['localhost', '/meowx', NOT_FOUND],
    ],
  ],
  [
    'hosts: exact first, then a wildcard covering one label, then the rules without a host',
    base([
      ing('i', {
        rules: [
          { host: 'a.example.com', http: { paths: [path('/', 'web')] } },
          { host: '*.example.com', http: { paths: [path('/', 'api')] } },
          { http: { paths: [path('/x', 'web')] } },
        ],
      }),
    ]),
    [
      ['a.example.com', '/', toWeb('/')],
      ['A.Example.com:8080', '/', toWeb('/')],
      ['b.example.com', '/', toApi('/')],
      ['c.b.example.com', '/x', toWeb('/x')],
      ['example.com', '/x', toWeb('/x')],
      ['example.com', '/', NOT_FOUND],
      // A host with a server of its own never falls back to the rules without a host.
      ['a.example.com:80', '/x', toWeb('/x')],
      ['b.example.com', '/x', toApi('/x')],
    ],
  ],
  [
    'a matched host without a matching path gets 404, not the catch-all rules',
    base([
      ing('i', {
        rules: [
          { host: 'meow.localhost', http: { paths: [path('/meow', 'web')] } },
          { http: { paths: [path('/', 'api')] } },
        ],
      }),
    ]),
    [
      ['meow.localhost', '/meow', toWeb('/meow')],
      ['meow.localhost', '/other', NOT_FOUND],
      ['localhost', '/other', toApi('/other')],
    ],
  ],
  [
    'defaultBackend takes what no rule matches, for its hosts and for hosts without a server',
    base([
      ing('i', {
        defaultBackend: { service: { name: 'api', port: { name: 'http' } } },
        rules: [{ host: 'a.localhost', http: { paths: [path('/a', 'web')] } }],
      }),
    ]),
    [
      ['a.localhost', '/a', toWeb('/a')],
      ['a.localhost', '/b', { ...toApi('/b'), backend: 'default/api:http' }],
      ['elsewhere', '/', { ...toApi('/'), backend: 'default/api:http' }],
    ],
  ],
  [
    'a named Service port resolves to the slice port of the same name',
    base([ing('i', { rules: [{ http: { paths: [path('/', 'api', 'Prefix', { name: 'http' })] } }] })]),
    [['localhost', '/', { ...toApi('/'), backend: 'default/api:http' }]],
  ],
  [
    'no ready endpoint, an unknown Service or an unknown port answer 503',
    base([
      ing('i', {
        rules: [
          {
            http: {
              paths: [
                path('/empty', 'empty'),
                path('/missing', 'nope'),
                path('/badport', 'web', 'Prefix', { number: 81 }),
              ],
            },
          },
        ],
      }),
    ]),
    [
      ['localhost', '/empty', { status: 'no-endpoints', ingress: 'default/i', backend: 'default/empty:80' }],
      ['localhost', '/missing', { status: 'no-endpoints', ingress: 'default/i', backend: 'default/nope:80' }],
      ['localhost', '/badport', { status: 'no-endpoints', ingress: 'default/i', backend: 'default/web:81' }],
    ],
  ],
  [
    'rewrite-target: / sends every matched path to /',
    base([
      ing(
        'i',
        { rules: [{ http: { paths: [path('/meow', 'web')] } }] },
        {
          annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' },
        },
      ),
    ]),
    [
      ['localhost', '/meow', toWeb('/')],
      ['localhost', '/meow/x', toWeb('/')],
      ['localhost', '/MEOW/x', toWeb('/')],
    ],
  ],
  [
    'rewrite-target with capture groups of a regex path',
    base([
      ing(
        'i',
        { rules: [{ http: { paths: [path('/app(/|$)(.*)', 'web', 'ImplementationSpecific')] } }] },
        {
          annotations: {
            'nginx.ingress.kubernetes.io/use-regex': 'true',
            'nginx.ingress.kubernetes.io/rewrite-target': '/$2',
          },
        },
      ),
    ]),
    [
      ['localhost', '/app', toWeb('/')],
      ['localhost', '/app/a/b', toWeb('/a/b')],
      ['localhost', '/apple', NOT_FOUND],
    ],
  ],
  [
    'the older Ingress wins a path both define; the other routes still merge into the host',
    base([
      ing(
        'young',
        { rules: [{ host: 'h', http: { paths: [path('/', 'api'), path('/y', 'api')] } }] },
        {
          creationTimestamp: '2026-01-02T00:00:00Z',
        },
      ),
      ing('old', { rules: [{ host: 'h', http: { paths: [path('/', 'web')] } }] }),
    ]),
    [
      ['h', '/', toWeb('/', 'default/old')],
      ['h', '/y', toApi('/y', 'default/young')],
    ],
  ],
  [
    'only Ingresses of mkube classes, or without a class while mkube is the default',
    base([
      ing('other', { ingressClassName: 'nginx', rules: [{ http: { paths: [path('/other', 'web')] } }] }),
      ing(
        'legacy',
        { rules: [{ http: { paths: [path('/legacy', 'web')] } }] },
        {
          annotations: { 'kubernetes.io/ingress.class': 'mkube' },
        },
      ),
      ing('mine', { ingressClassName: 'mkube', rules: [{ http: { paths: [path('/mine', 'web')] } }] }),
      ing('none', { rules: [{ http: { paths: [path('/none', 'web')] } }] }),
    ]),
    [
      ['localhost', '/other', NOT_FOUND],
      ['localhost', '/legacy', toWeb('/legacy', 'default/legacy')],
      ['localhost', '/mine', toWeb('/mine', 'default/mine')],
      ['localhost', '/none', toWeb('/none', 'default/none')],
    ],
  ],
  [
    'without a default class of mkube, Ingresses without a class are not served',
    base([ing('none', { rules: [{ http: { paths: [path('/none', 'web')] } }] })], (i) => {
      i.ingressClasses = [{ ...defaultIngressClass(), metadata: { name: 'mkube' } }];
    }),
    [['localhost', '/none', NOT_FOUND]],
  ],
];

describe('route', () => {
  for (const [name, input, requests] of cases) {
    it(name, () => {
      const table = buildRoutes(input);
      expect(requests.map(([host, p]) => [host, p, route(table, host, p)])).toEqual(
        requests.map(([host, p, expected]) => [host, p, expected]),
      );
    });
  }
});

describe('buildRoutes', () => {
  it('lists the Ingresses it serves, oldest first, and skips paths whose regex does not compile', () => {
    const table = buildRoutes(
      base([
        ing(
          'b',
          { rules: [{ http: { paths: [path('/(', 'web')] } }] },
          {
            annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' },
          },
        ),
        ing('a', { ingressClassName: 'nginx' }),
        ing('c', { rules: [] }, { creationTimestamp: '2025-01-01T00:00:00Z' }),
      ]),
    );
    expect({ served: table.served, problems: table.problems }).toEqual({
      served: ['default/c', 'default/b'],
      problems: [
        'default/b: invalid regex path "/(": Invalid regular expression: /^/(/i: Unterminated group',
      ],
    });
  });
});

describe('hostOf', () => {
  it('drops the port and lower-cases, keeping IPv6 brackets', () =>
    expect(['Meow.Localhost:8080', 'localhost', '[::1]:80', '', undefined].map(hostOf)).toEqual([
      'meow.localhost',
      'localhost',
      '[::1]',
      '',
      '',
    ]));
});
