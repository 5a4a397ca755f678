// mkube's Ingress controller, in the shape of ingress-nginx for the common cases but as ONE
// in-process routing table rather than a rendered configuration:
//   buildRoutes(input)             pure: Ingresses + Services + EndpointSlices + IngressClasses -> table
//   route(table, host, path)       pure: where one request goes (proxy / 503 / 404)
//   buildTlsTable / certificateFor pure: the Secret for an SNI name; sslRedirectLocation: 308 or not
//   IngressController              the agent's part: IngressClass `mkube`, the HTTP proxy on
//                                  127.0.0.1:80 and the TLS one on :443 (or free ports), rebuild +
//                                  swap on events, status; the home's default certificate
export { type ResolvedBackend, resolveBackend, type Target } from './backends.js';
export {
  classOf,
  DEFAULT_INGRESS_CLASS,
  defaultIngressClass,
  INGRESS_CONTROLLER,
  IS_DEFAULT_CLASS,
  servedBy,
} from './class.js';
export {
  DEFAULT_HTTP_PORT,
  DEFAULT_HTTPS_PORT,
  IngressController,
  type IngressControllerOptions,
  listenWithFallback,
} from './controller.js';
export { defaultCertPaths, ensureDefaultCertificate } from './default-cert.js';
export { errorPage } from './pages.js';
export {
  closeProxyServer,
  createProxyServer,
  createTlsProxyServer,
  forwardedHeaders,
  splitTarget,
} from './proxy.js';
export { buildRoutes, hostOf, type RouteResult, type RoutesInput, type RouteTable, route } from './routes.js';
export { computeStatusUpdates, loadBalancerStatus } from './status.js';
export {
  buildTlsTable,
  certificateFor,
  defaultCertificateNames,
  SSL_REDIRECT,
  sslRedirectLocation,
  type TlsTable,
} from './tls.js';
