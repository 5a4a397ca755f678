// `kubectl auth can-i`: SelfSubjectAccessReview and SelfSubjectRulesReview
// (authorization.k8s.io/v1). mkube authorizes nothing — every authenticated user may do
// everything (README) — so the honest answers are "allowed" and the rules `*` on everything, which
// is what a cluster answers its admin (system:masters, cluster-admin).
import type { KObject } from '../../api/types.js';
import type { ApiHandler } from '../types.js';
import { parseObject, readBytes } from './request.js';
import { sendJson, sendStatus } from './respond.js';
import { methodNotAllowed, statusOf } from './status.js';

const PATH = /^\/apis\/authorization\.k8s\.io\/v1\/(selfsubjectaccessreviews|selfsubjectrulesreviews)\/?$/;
const EVERYTHING = ['*'];

/** The API server's answer to a review the caller sent (its spec kept); pure. */
export function answerReview(resource: string, review: KObject): KObject {
  const kind = resource === 'selfsubjectaccessreviews' ? 'SelfSubjectAccessReview' : 'SelfSubjectRulesReview';
  const status =
    kind === 'SelfSubjectAccessReview'
      ? { allowed: true }
      : {
          resourceRules: [{ verbs: EVERYTHING, apiGroups: EVERYTHING, resources: EVERYTHING }],
          nonResourceRules: [{ verbs: EVERYTHING, nonResourceURLs: EVERYTHING }],
          incomplete: false,
        };
  return {
    kind,
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null } as unknown as KObject['metadata'],
    spec: review.spec ?? {},
    status,
  };
}

export const handleAccessReview: ApiHandler = async (req, res, url) => {
  const m = PATH.exec(url.pathname);
  if (!m) return false;
  try {
    if (req.method !== 'POST') throw methodNotAllowed();
    const review = parseObject(req, await readBytes(req));
    sendJson(res, 201, JSON.stringify(answerReview(m[1]!, review)));
  } catch (err) {
    sendStatus(res, statusOf(err));
  }
  return true;
};
