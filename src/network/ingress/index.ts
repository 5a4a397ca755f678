// mkube's Ingress controller, in the shape of ingress-nginx for the common cases but as ONE
// in-process routing table rather than a rendered configuration:
//   buildRoutes(input)             pure: Ingresses + Services + EndpointSlices + IngressClasses -> table
//   route(table, host, path)       pure: where one request goes (proxy / 503 / 404)
//   IngressController              the agent's part: IngressClass `mkube`, the HTTP proxy on
//                                  127.0.0.1:80 (or a free port), rebuild + swap on events, status
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
  IngressController,
  type IngressControllerOptions,
  listenWithFallback,
} from './controller.js';
export { errorPage } from './pages.js';
export { closeProxyServer, createProxyServer, forwardedHeaders, splitTarget } from './proxy.js';
export { buildRoutes, hostOf, type RouteResult, type RoutesInput, type RouteTable, route } from './routes.js';
export { computeStatusUpdates, loadBalancerStatus } from './status.js';
