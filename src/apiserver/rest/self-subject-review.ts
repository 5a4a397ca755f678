// POST /apis/authentication.k8s.io/v1/selfsubjectreviews: who the API thinks the caller is
// (`kubectl auth whoami`), answered 201 with the authenticated user's name, uid, groups and extra
// attributes. The request's body says nothing the answer needs, so it is read and not decoded
// (kubectl sends it as protobuf).
import type { ApiHandler, ApiUser } from '../types.js';
import { sendJson, sendStatus } from './respond.js';
import { methodNotAllowed, statusOf } from './status.js';

const PATH = /^\/apis\/authentication\.k8s\.io\/v1\/selfsubjectreviews\/?$/;

/** The review the API server answers for `user`; pure. */
export function selfSubjectReview(user: ApiUser): object {
  return {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: null },
    status: {
      userInfo: {
        username: user.name,
        ...(user.uid ? { uid: user.uid } : {}),
        groups: user.groups,
        ...(user.extra && Object.keys(user.extra).length ? { extra: user.extra } : {}),
      },
    },
  };
}

export const handleSelfSubjectReview: ApiHandler = async (req, res, url, ctx) => {
  if (!PATH.test(url.pathname)) return false;
  try {
    if (req.method !== 'POST') throw methodNotAllowed();
    for await (const _ of req); // the body is not needed
    sendJson(res, 201, JSON.stringify(selfSubjectReview(ctx.user)));
  } catch (err) {
    sendStatus(res, statusOf(err));
  }
  return true;
};
