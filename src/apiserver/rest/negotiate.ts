// Content negotiation of a response (the Accept header): plain JSON, a meta.k8s.io Table
// (server-side printing, what `kubectl get` asks for), or PartialObjectMetadata[List].
import { HttpError } from './status.js';

export type Rendering =
  | { as: 'json' }
  | { as: 'Table'; version: 'v1' | 'v1beta1' }
  | { as: 'PartialObjectMetadata' | 'PartialObjectMetadataList'; version: 'v1' | 'v1beta1' };

const notAcceptable = () =>
  new HttpError(
    406,
    'NotAcceptable',
    'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf',
  );

/** The first media type of `accept` this server can produce, in the client's order. */
export function negotiate(accept: string | undefined): Rendering {
  if (!accept) return { as: 'json' };
  for (const entry of accept.split(',')) {
    const [type, ...paramParts] = entry.split(';').map((s) => s.trim());
    const params = new Map(
      paramParts.map((p) => {
        const eq = p.indexOf('=');
        return [p.slice(0, eq).trim(), p.slice(eq + 1).trim()] as [string, string];
      }),
    );
    if (!['application/json', 'application/*', '*/*'].includes(type ?? '')) continue;
    const as = params.get('as');
    if (!as) return { as: 'json' };
    const version = params.get('v');
    if (params.get('g') !== 'meta.k8s.io' || (version !== 'v1' && version !== 'v1beta1')) continue;
    if (as === 'Table') return { as, version };
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return { as, version };
  }
  throw notAcceptable();
}
