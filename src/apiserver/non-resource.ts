// The endpoint's own paths: /version, the health checks and discovery. Everything else (the
// resources, the OpenAPI documents) is left to the next handler.
import type { KindInfo } from '../api/kinds.js';
import { versionInfo } from '../api/version.js';
import {
  AGGREGATED_DISCOVERY_TYPE,
  apiGroupDiscoveryList,
  apiGroupDocument,
  apiGroupList,
  apiResourceList,
  apiVersions,
  wantsAggregated,
} from './discovery.js';
import { sendJson, sendText } from './status.js';
import type { ApiHandler } from './types.js';

const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

/** The Go version.Info struct /version answers, with what mkube has of it. */
export function versionDocument() {
  const v = versionInfo();
  return {
    major: v.major,
    minor: v.minor,
    gitVersion: v.gitVersion,
    gitCommit: '',
    gitTreeState: '',
    buildDate: '',
    goVersion: '',
    compiler: '',
    platform: v.platform,
  };
}

/** The document a discovery or version path answers, or undefined when the path is not one. */
export function nonResourceDocument(
  path: string,
  accept: string | undefined,
  opts: { kinds: readonly KindInfo[]; serverAddress: string },
): { body: unknown; contentType?: string } | undefined {
  const parts = path.split('/').filter(Boolean);
  if (path === '/version' || path === '/version/') return { body: versionDocument() };
  if (parts[0] === 'api' && parts.length === 1) {
    return wantsAggregated(accept)
      ? { body: apiGroupDiscoveryList(opts.kinds, true), contentType: AGGREGATED_DISCOVERY_TYPE }
      : { body: apiVersions(opts.serverAddress) };
  }
  if (parts[0] === 'api' && parts.length === 2) {
    const body = apiResourceList(opts.kinds, '', parts[1]!);
    return body && { body };
  }
  if (parts[0] !== 'apis') return undefined;
  if (parts.length === 1) {
    return wantsAggregated(accept)
      ? { body: apiGroupDiscoveryList(opts.kinds, false), contentType: AGGREGATED_DISCOVERY_TYPE }
      : { body: apiGroupList(opts.kinds) };
  }
  if (parts.length === 2) {
    const body = apiGroupDocument(opts.kinds, parts[1]!);
    return body && { body };
  }
  if (parts.length === 3) {
    const body = apiResourceList(opts.kinds, parts[1]!, parts[2]!);
    return body && { body };
  }
  return undefined;
}

/** Serves /version, /healthz, /livez, /readyz and discovery for `kinds`. */
export function nonResourceHandler(opts: {
  kinds: readonly KindInfo[];
  serverAddress: () => string;
}): ApiHandler {
  return async (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (HEALTH.has(url.pathname.replace(/\/$/, ''))) {
      sendText(res, 200, 'ok');
      return true;
    }
    const doc = nonResourceDocument(url.pathname, req.headers.accept, {
      kinds: opts.kinds,
      serverAddress: opts.serverAddress(),
    });
    if (!doc) return false;
    sendJson(res, 200, doc.body, doc.contentType, { Vary: 'Accept' });
    return true;
  };
}
