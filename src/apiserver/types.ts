// The seams of the local Kubernetes API endpoint (issue 12), so its parts can be built apart:
// server.ts (TLS, authentication, health, discovery) hands every request to the handlers in
// order; the REST handler (rest/) serves the resources, the OpenAPI handler (openapi/) the
// schema documents. Every write goes through the registry, as every other writer's does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from '../registry/registry.js';
import type { Runtime } from '../runtime/types.js';

/** Who made the request, as authentication decided (one user with every right, or a service account). */
export interface ApiUser {
  name: string;
  groups: string[];
  /** A service account's uid, as the API server's token authenticator gives it. */
  uid?: string;
  /** Extra attributes (the token's credential id, the pod it is bound to). */
  extra?: Record<string, string[]>;
}

export interface ApiContext {
  registry: Registry;
  home: string;
  user: ApiUser;
  /** The container runtime, for pods/log (and later exec/attach/portforward). */
  runtime: () => Promise<Runtime>;
  log(message: string): void;
}

/** Answers the request and resolves true, or resolves false to leave it to the next handler. */
export type ApiHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: ApiContext,
) => Promise<boolean>;
