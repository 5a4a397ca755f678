// HTTP upgrades to the endpoint (the streaming subresources): the same authentication as every
// other request, then the first handler that knows the path; a 404 Status when none does.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { type AuthnConfig, authenticate } from '../authn.js';
import type { ApiContext } from '../types.js';
import { handlePortForwardUpgrade, refuseUpgrade } from './port-forward-ws.js';

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, ctx: ApiContext) => boolean;

const UPGRADE_HANDLERS: UpgradeHandler[] = [handlePortForwardUpgrade];

export function handleUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  authn: AuthnConfig,
  context: Omit<ApiContext, 'user'>,
): void {
  socket.on('error', () => socket.destroy());
  const tls = req.socket as TLSSocket;
  const cert = tls.getPeerCertificate();
  const user = authenticate(
    {
      authorization: req.headers.authorization,
      peer: { authorized: tls.authorized, subject: cert?.subject ? { ...cert.subject } : undefined },
    },
    authn,
  );
  if (!user) {
    refuseUpgrade(socket, 401, 'Unauthorized', 'Unauthorized');
    return;
  }
  const ctx: ApiContext = { ...context, user };
  try {
    for (const handler of UPGRADE_HANDLERS) if (handler(req, socket, head, ctx)) return;
  } catch (e) {
    context.log(`api: upgrade ${req.url}: ${(e as Error).stack ?? (e as Error).message}`);
    socket.destroy();
    return;
  }
  refuseUpgrade(socket, 404, 'NotFound', 'the server could not find the requested resource', {});
}
