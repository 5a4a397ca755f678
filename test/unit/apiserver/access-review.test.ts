// `kubectl auth can-i` against an endpoint that authorizes nothing: every review is allowed, and
// the rules review lists `*` on everything, as a cluster answers its admin.
import { describe, expect, it } from 'vitest';
import { answerReview } from '../../../src/apiserver/rest/access-review.js';

describe('answerReview', () => {
  it('allows an access review, keeping its spec', () => {
    const spec = { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'pods' } };
    expect(
      answerReview('selfsubjectaccessreviews', {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        metadata: {},
        spec,
      }),
    ).toEqual({
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec,
      status: { allowed: true },
    });
  });

  it('lists every verb on every resource and URL for a rules review', () => {
    expect(
      answerReview('selfsubjectrulesreviews', {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectRulesReview',
        metadata: {},
        spec: { namespace: 'dev' },
      }),
    ).toEqual({
      kind: 'SelfSubjectRulesReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { namespace: 'dev' },
      status: {
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
        incomplete: false,
      },
    });
  });
});
