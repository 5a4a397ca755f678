// `kubectl auth whoami`'s answer: the authenticated user as the API server's SelfSubjectReview says it.
import { describe, expect, it } from 'vitest';
import { selfSubjectReview } from '../../../src/apiserver/rest/self-subject-review.js';

describe('selfSubjectReview', () => {
  it("gives a service account's name, uid, groups and extra attributes", () => {
    expect(
      selfSubjectReview({
        name: 'system:serviceaccount:ns:default',
        uid: 'sa-uid',
        groups: ['system:serviceaccounts', 'system:serviceaccounts:ns', 'system:authenticated'],
        extra: { 'authentication.kubernetes.io/credential-id': ['JTI=j'] },
      }),
    ).toEqual({
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      status: {
        userInfo: {
          username: 'system:serviceaccount:ns:default',
          uid: 'sa-uid',
          groups: ['system:serviceaccounts', 'system:serviceaccounts:ns', 'system:authenticated'],
          extra: { 'authentication.kubernetes.io/credential-id': ['JTI=j'] },
        },
      },
    });
  });

  it('leaves out the uid and extra of a user that has none (the admin)', () => {
    expect(
      selfSubjectReview({ name: 'mkube-admin', groups: ['system:masters', 'system:authenticated'] }),
    ).toEqual({
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      status: { userInfo: { username: 'mkube-admin', groups: ['system:masters', 'system:authenticated'] } },
    });
  });
});
