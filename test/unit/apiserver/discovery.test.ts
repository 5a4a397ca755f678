// Discovery documents as whole objects, for a few kinds of every shape (core with subresources and
// categories, a named group with scale, a cluster-scoped kind with a verb subset, the metrics API).
import { describe, expect, it } from 'vitest';
import { KINDS, type KindInfo, lookupKind } from '../../../src/api/kinds.js';
import { METRICS_KINDS } from '../../../src/api/metrics.js';
import {
  apiGroupDiscoveryList,
  apiGroupDocument,
  apiGroupList,
  apiResourceList,
  apiVersions,
  wantsAggregated,
} from '../../../src/apiserver/discovery.js';
import { nonResourceDocument, versionDocument } from '../../../src/apiserver/non-resource.js';
import { apiVersions as sortedApiVersions } from '../../../src/commands/api-versions.js';

const kind = (word: string) => lookupKind(word)!;
const KINDS_UNDER_TEST: KindInfo[] = [
  kind('namespaces'),
  kind('pods'),
  kind('deployments'),
  kind('bindings'),
  METRICS_KINDS[0]!,
];
const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const STATUS_VERBS = ['get', 'patch', 'update'];

describe('legacy discovery', () => {
  it('lists the core versions and where the server is', () => {
    expect(apiVersions('127.0.0.1:6443')).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
    });
  });

  it('lists the named groups with their preferred versions', () => {
    expect(apiGroupList(KINDS_UNDER_TEST)).toEqual({
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [
        {
          name: 'apps',
          versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
          preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
        },
        {
          name: 'metrics.k8s.io',
          versions: [{ groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' }],
          preferredVersion: { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' },
        },
      ],
    });
    expect(apiGroupDocument(KINDS_UNDER_TEST, 'apps')).toEqual({
      kind: 'APIGroup',
      apiVersion: 'v1',
      name: 'apps',
      versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
    });
    expect(apiGroupDocument(KINDS_UNDER_TEST, 'batch')).toBeUndefined();
    expect(apiGroupDocument(KINDS_UNDER_TEST, '')).toBeUndefined();
  });

  it('lists the core resources in name order, each followed by its subresources', () => {
    expect(apiResourceList(KINDS_UNDER_TEST, '', 'v1')).toEqual({
      kind: 'APIResourceList',
      groupVersion: 'v1',
      resources: [
        { name: 'bindings', singularName: 'binding', namespaced: true, kind: 'Binding', verbs: ['create'] },
        {
          name: 'namespaces',
          singularName: 'namespace',
          namespaced: false,
          kind: 'Namespace',
          verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
          shortNames: ['ns'],
        },
        {
          name: 'namespaces/status',
          singularName: '',
          namespaced: false,
          kind: 'Namespace',
          verbs: STATUS_VERBS,
        },
        {
          name: 'pods',
          singularName: 'pod',
          namespaced: true,
          kind: 'Pod',
          verbs: ALL,
          shortNames: ['po'],
          categories: ['all'],
        },
        {
          name: 'pods/attach',
          singularName: '',
          namespaced: true,
          kind: 'PodAttachOptions',
          verbs: ['create', 'get'],
        },
        {
          name: 'pods/eviction',
          singularName: '',
          namespaced: true,
          group: 'policy',
          version: 'v1',
          kind: 'Eviction',
          verbs: ['create'],
        },
        {
          name: 'pods/exec',
          singularName: '',
          namespaced: true,
          kind: 'PodExecOptions',
          verbs: ['create', 'get'],
        },
        { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] },
        {
          name: 'pods/portforward',
          singularName: '',
          namespaced: true,
          kind: 'PodPortForwardOptions',
          verbs: ['create', 'get'],
        },
        { name: 'pods/status', singularName: '', namespaced: true, kind: 'Pod', verbs: STATUS_VERBS },
      ],
    });
  });

  it('names a group list apiVersion and the scale subresource its own kind', () => {
    expect(apiResourceList(KINDS_UNDER_TEST, 'apps', 'v1')).toEqual({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: 'apps/v1',
      resources: [
        {
          name: 'deployments',
          singularName: 'deployment',
          namespaced: true,
          kind: 'Deployment',
          verbs: ALL,
          shortNames: ['deploy'],
          categories: ['all'],
        },
        {
          name: 'deployments/scale',
          singularName: '',
          namespaced: true,
          group: 'autoscaling',
          version: 'v1',
          kind: 'Scale',
          verbs: STATUS_VERBS,
        },
        {
          name: 'deployments/status',
          singularName: '',
          namespaced: true,
          kind: 'Deployment',
          verbs: STATUS_VERBS,
        },
      ],
    });
    expect(apiResourceList(KINDS_UNDER_TEST, 'apps', 'v2')).toBeUndefined();
    expect(apiResourceList(KINDS_UNDER_TEST, '', 'v2')).toBeUndefined();
  });
});

describe('aggregated discovery (apidiscovery.k8s.io/v2)', () => {
  it('answers /api with the core group', () => {
    const list = apiGroupDiscoveryList([kind('namespaces'), kind('pods')], true);
    expect(list).toEqual({
      kind: 'APIGroupDiscoveryList',
      apiVersion: 'apidiscovery.k8s.io/v2',
      metadata: {},
      items: [
        {
          metadata: { creationTimestamp: null },
          versions: [
            {
              version: 'v1',
              resources: [
                {
                  resource: 'namespaces',
                  responseKind: { group: '', version: 'v1', kind: 'Namespace' },
                  scope: 'Cluster',
                  singularResource: 'namespace',
                  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
                  shortNames: ['ns'],
                  subresources: [
                    {
                      subresource: 'status',
                      responseKind: { group: '', version: 'v1', kind: 'Namespace' },
                      verbs: STATUS_VERBS,
                    },
                  ],
                },
                {
                  resource: 'pods',
                  responseKind: { group: '', version: 'v1', kind: 'Pod' },
                  scope: 'Namespaced',
                  singularResource: 'pod',
                  verbs: ALL,
                  shortNames: ['po'],
                  categories: ['all'],
                  subresources: [
                    {
                      subresource: 'attach',
                      responseKind: { group: '', version: 'v1', kind: 'PodAttachOptions' },
                      verbs: ['create', 'get'],
                    },
                    {
                      subresource: 'eviction',
                      responseKind: { group: 'policy', version: 'v1', kind: 'Eviction' },
                      verbs: ['create'],
                    },
                    {
                      subresource: 'exec',
                      responseKind: { group: '', version: 'v1', kind: 'PodExecOptions' },
                      verbs: ['create', 'get'],
                    },
                    {
                      subresource: 'log',
                      responseKind: { group: '', version: 'v1', kind: 'Pod' },
                      verbs: ['get'],
                    },
                    {
                      subresource: 'portforward',
                      responseKind: { group: '', version: 'v1', kind: 'PodPortForwardOptions' },
                      verbs: ['create', 'get'],
                    },
                    {
                      subresource: 'status',
                      responseKind: { group: '', version: 'v1', kind: 'Pod' },
                      verbs: STATUS_VERBS,
                    },
                  ],
                },
              ],
              freshness: 'Current',
            },
          ],
        },
      ],
    });
  });

  it('answers /apis with every named group, the metrics API read-only', () => {
    expect(apiGroupDiscoveryList([kind('pods'), METRICS_KINDS[1]!], false)).toEqual({
      kind: 'APIGroupDiscoveryList',
      apiVersion: 'apidiscovery.k8s.io/v2',
      metadata: {},
      items: [
        {
          metadata: { name: 'metrics.k8s.io', creationTimestamp: null },
          versions: [
            {
              version: 'v1beta1',
              resources: [
                {
                  resource: 'pods',
                  responseKind: { group: 'metrics.k8s.io', version: 'v1beta1', kind: 'PodMetrics' },
                  scope: 'Namespaced',
                  singularResource: '',
                  verbs: ['get', 'list'],
                },
              ],
              freshness: 'Current',
            },
          ],
        },
      ],
    });
  });

  it.each([
    [
      "kubectl 1.32's Accept",
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json',
      true,
    ],
    [
      'spaces around parameters',
      'application/json; g=apidiscovery.k8s.io; v=v2; as=APIGroupDiscoveryList',
      true,
    ],
    ['only v2beta1', 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList', false],
    [
      'only protobuf',
      'application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
      false,
    ],
    ['plain JSON', 'application/json, */*', false],
    ['no Accept', undefined, false],
  ])('wants the aggregated form: %s', (_name, accept, expected) => {
    expect(wantsAggregated(accept)).toBe(expected);
  });
});

describe('the documents each path answers', () => {
  const opts = { kinds: KINDS_UNDER_TEST, serverAddress: '127.0.0.1:6443' };
  const aggregated = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

  it('serves /version as the Go version.Info struct', () => {
    expect(nonResourceDocument('/version', undefined, opts)).toEqual({ body: versionDocument() });
    expect(Object.keys(versionDocument())).toEqual([
      'major',
      'minor',
      'gitVersion',
      'gitCommit',
      'gitTreeState',
      'buildDate',
      'goVersion',
      'compiler',
      'platform',
    ]);
    expect(versionDocument().gitVersion).toBe('v1.32.0+mkube.0.1.0');
  });

  it('chooses the aggregated form by Accept and leaves resource paths alone', () => {
    expect(nonResourceDocument('/api', aggregated, opts)).toEqual({
      body: apiGroupDiscoveryList(KINDS_UNDER_TEST, true),
      contentType: aggregated,
    });
    expect(nonResourceDocument('/apis', aggregated, opts)).toEqual({
      body: apiGroupDiscoveryList(KINDS_UNDER_TEST, false),
      contentType: aggregated,
    });
    expect(nonResourceDocument('/api', 'application/json', opts)).toEqual({
      body: apiVersions('127.0.0.1:6443'),
    });
    expect(nonResourceDocument('/apis/apps/v1', undefined, opts)).toEqual({
      body: apiResourceList(KINDS_UNDER_TEST, 'apps', 'v1'),
    });
    expect(nonResourceDocument('/api/v1/pods', undefined, opts)).toBeUndefined();
    expect(nonResourceDocument('/apis/apps/v1/deployments', undefined, opts)).toBeUndefined();
    expect(nonResourceDocument('/openapi/v2', undefined, opts)).toBeUndefined();
    expect(nonResourceDocument('/apis/nothing/v1', undefined, opts)).toBeUndefined();
  });

  it('names every group/version `mkube api-versions` prints, and only those', () => {
    const kinds = [...KINDS, ...METRICS_KINDS];
    const listed = apiGroupList(kinds).groups.flatMap((g) => g.versions.map((v) => v.groupVersion));
    expect(sortedApiVersions(['v1', ...listed])).toEqual(
      sortedApiVersions(kinds.map((k) => (k.group ? `${k.group}/${k.version}` : k.version))),
    );
  });
});
