// Pure pieces of the REST handler: which resource a path names, what Accept asks for, and the
// Status an error becomes.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/api/errors.js';
import { InvalidError } from '../../../src/api/field-errors.js';
import { lookupKind } from '../../../src/api/kinds.js';
import { negotiate } from '../../../src/apiserver/rest/negotiate.js';
import { parseRoute } from '../../../src/apiserver/rest/route.js';
import { encodeStatus, statusOf } from '../../../src/apiserver/rest/status.js';
import { filterEvent } from '../../../src/apiserver/rest/watch.js';

const summary = (path: string) => {
  const r = parseRoute(path);
  return r && [r.kind.plural, r.namespace, r.name, r.subresource, r.legacyWatch];
};

describe('parseRoute', () => {
  it.each([
    ['/api/v1/pods', ['pods', undefined, undefined, undefined, false]],
    ['/api/v1/namespaces/ns/pods', ['pods', 'ns', undefined, undefined, false]],
    ['/api/v1/namespaces/ns/pods/web/log', ['pods', 'ns', 'web', 'log', false]],
    ['/api/v1/namespaces/ns/pods/web/status', ['pods', 'ns', 'web', 'status', false]],
    ['/api/v1/namespaces', ['namespaces', undefined, undefined, undefined, false]],
    ['/api/v1/namespaces/ns', ['namespaces', undefined, 'ns', undefined, false]],
    ['/api/v1/namespaces/ns/status', ['namespaces', undefined, 'ns', 'status', false]],
    ['/api/v1/nodes/n1', ['nodes', undefined, 'n1', undefined, false]],
    ['/apis/apps/v1/namespaces/ns/deployments/web/scale', ['deployments', 'ns', 'web', 'scale', false]],
    ['/apis/apps/v1/watch/namespaces/ns/deployments', ['deployments', 'ns', undefined, undefined, true]],
    ['/api/v1/watch/pods', ['pods', undefined, undefined, undefined, true]],
    [
      '/apis/autoscaling/v2/namespaces/ns/horizontalpodautoscalers',
      ['horizontalpodautoscalers', 'ns', undefined, undefined, false],
    ],
    // Not served: a wrong version, a namespaced name without a namespace, a cluster kind in a
    // namespace, an unknown subresource, scale of a kind without one, too deep.
    ['/apis/autoscaling/v1/namespaces/ns/horizontalpodautoscalers', undefined],
    ['/api/v1/pods/web', undefined],
    ['/api/v1/namespaces/ns/nodes/n1', undefined],
    ['/api/v1/namespaces/ns/pods/web/exec2', undefined],
    ['/api/v1/namespaces/ns/configmaps/c/scale', undefined],
    ['/api/v1/namespaces/ns/pods/web/log/x', undefined],
    ['/api/v1', undefined],
  ])('%s', (path, expected) => {
    expect(summary(path)).toEqual(expected);
  });
});

describe('negotiate', () => {
  it.each([
    [undefined, { as: 'json' }],
    ['application/json', { as: 'json' }],
    ['*/*', { as: 'json' }],
    ['application/json;as=Table;v=v1;g=meta.k8s.io,application/json', { as: 'Table', version: 'v1' }],
    [
      'application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io, application/json;as=Table;v=v1beta1;g=meta.k8s.io',
      { as: 'Table', version: 'v1beta1' },
    ],
    [
      'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json',
      { as: 'PartialObjectMetadataList', version: 'v1' },
    ],
    ['application/json;as=Other;v=v1;g=x, application/json', { as: 'json' }],
  ])('%s', (accept, expected) => {
    expect(negotiate(accept)).toEqual(expected);
  });
});

describe('statusOf', () => {
  it('writes an InvalidError with its causes, each without its field prefix', () => {
    const err = new InvalidError('Deployment', 'web', [
      { type: 'Required', path: ['spec', 'template', 'spec', 'containers', 0, 'image'] },
      {
        type: 'Unsupported',
        path: ['spec', 'strategy', 'type'],
        value: 'Fast',
        supported: ['Recreate', 'RollingUpdate'],
      },
    ]);
    expect(encodeStatus(statusOf(err, lookupKind('deployments')))).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"The Deployment \\"web\\" is invalid: \\n* spec.template.spec.containers[0].image: Required value\\n* spec.strategy.type: Unsupported value: \\"Fast\\": supported values: \\"Recreate\\", \\"RollingUpdate\\"","reason":"Invalid","details":{"name":"web","group":"apps","kind":"Deployment","causes":[{"reason":"FieldValueRequired","message":"Required value","field":"spec.template.spec.containers[0].image"},{"reason":"FieldValueNotSupported","message":"Unsupported value: \\"Fast\\": supported values: \\"Recreate\\", \\"RollingUpdate\\"","field":"spec.strategy.type"}]},"code":422}',
    );
  });

  it('names the resource of NotFound, AlreadyExists and Conflict; a BadRequest has no details; a bug is a 500', () => {
    expect(statusOf(ApiError.notFound('deployments.apps', 'web')).details).toEqual({
      name: 'web',
      group: 'apps',
      kind: 'deployments',
    });
    expect(statusOf(ApiError.conflict('pods', 'p')).details).toEqual({ name: 'p', kind: 'pods' });
    expect(statusOf(new ApiError('BadRequest', 'no'))).toEqual({
      status: 'Failure',
      message: 'no',
      reason: 'BadRequest',
      details: undefined,
      code: 400,
    });
    expect(statusOf(new TypeError('x is undefined'))).toEqual({
      status: 'Failure',
      message: 'Internal error occurred: x is undefined',
      reason: 'InternalError',
      details: { causes: [{ message: 'x is undefined' }] },
      code: 500,
    });
  });
});

describe('filterEvent', () => {
  it.each([
    ['ADDED', true, false, 'ADDED'],
    ['ADDED', false, false, undefined],
    ['MODIFIED', true, true, 'MODIFIED'],
    ['MODIFIED', true, false, 'ADDED'],
    ['MODIFIED', false, true, 'DELETED'],
    ['MODIFIED', false, false, undefined],
    ['DELETED', false, true, 'DELETED'],
    ['DELETED', true, false, 'DELETED'],
    ['DELETED', false, false, undefined],
  ] as const)('%s matching=%s was=%s -> %s', (type, matches, was, expected) => {
    expect(filterEvent({ type, object: { apiVersion: 'v1', kind: 'Pod', metadata: {} } }, matches, was)).toBe(
      expected,
    );
  });
});
