// The service-account token authenticator (the API server's JWT authenticator for its own
// issuer): a token the agent's key signed, for the API's audience, not expired, whose
// ServiceAccount (and bound pod) still exists with the uid the token names, is
// system:serviceaccount:<ns>:<name> in system:serviceaccounts and system:serviceaccounts:<ns>,
// with the ServiceAccount's uid and the token's id and pod as extra attributes.
import { lookupKind } from '../api/kinds.js';
import type { ObjectReader } from '../api/reader.js';
import {
  serviceAccountGroups,
  serviceAccountUsername,
  signingKey,
  verifyToken,
} from '../registry/serviceaccount-token.js';
import type { TokenAuthenticator } from './authn.js';

const SERVICE_ACCOUNT = lookupKind('serviceaccounts')!;
const POD = lookupKind('pods')!;

export function serviceAccountAuthenticator(
  home: string,
  reader: ObjectReader,
  now: () => number = Date.now,
): TokenAuthenticator {
  return (token) => {
    // Not a JWT: not ours (the admin's token is random base64url without dots).
    if (token.split('.').length !== 3) return undefined;
    const claims = verifyToken(signingKey(home).publicKey, token, now());
    if (!claims) return undefined;
    const { namespace, serviceaccount, pod } = claims['kubernetes.io'];
    const sa = reader.get(SERVICE_ACCOUNT, namespace, serviceaccount.name);
    if (!sa || sa.metadata.uid !== serviceaccount.uid) return undefined;
    if (pod) {
      const live = reader.get(POD, namespace, pod.name);
      if (!live || live.metadata.uid !== pod.uid || live.metadata.deletionTimestamp) return undefined;
    }
    // The extra attributes the API server's authenticator adds (credential id, bound pod).
    const extra: Record<string, string[]> = {
      'authentication.kubernetes.io/credential-id': [`JTI=${claims.jti}`],
    };
    if (pod) {
      extra['authentication.kubernetes.io/pod-name'] = [pod.name];
      extra['authentication.kubernetes.io/pod-uid'] = [pod.uid];
    }
    return {
      name: serviceAccountUsername(namespace, serviceaccount.name),
      uid: serviceaccount.uid,
      groups: serviceAccountGroups(namespace),
      extra,
    };
  };
}
