// The endpoint's certificates and token, under <home>/pki (0600 files in a 0700 directory): a CA,
// the serving certificate for the names clients use (127.0.0.1, localhost, the `kubernetes`
// Service's names and ClusterIP), the admin's client certificate (CN mkube-admin, O system:masters,
// as kubeadm's admin.conf) and a random bearer token. Made at the first start with @peculiar/x509
// over WebCrypto (no openssl binary) and reused afterwards; only what is missing, expiring, not
// signed by the CA, or (for the serving certificate) missing a name is made again.
import { X509Certificate as NodeCert, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMissing, writeFileAtomicSync } from '../state/fsio.js';

export interface Pki {
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  token: string;
}

export const ADMIN_USER = 'mkube-admin';
export const ADMIN_GROUP = 'system:masters';

export const pkiPaths = (home: string) => {
  const dir = join(home, 'pki');
  return {
    dir,
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    serverCert: join(dir, 'apiserver.crt'),
    serverKey: join(dir, 'apiserver.key'),
    clientCert: join(dir, 'admin.crt'),
    clientKey: join(dir, 'admin.key'),
    token: join(dir, 'token'),
  };
};

/** The names the serving certificate covers, as the API server's: loopback and the Service's. */
export function servingNames(serviceIPs: readonly string[]): { dns: string[]; ips: string[] } {
  return {
    dns: [
      'localhost',
      'kubernetes',
      'kubernetes.default',
      'kubernetes.default.svc',
      'kubernetes.default.svc.cluster.local',
    ],
    ips: ['127.0.0.1', ...serviceIPs],
  };
}

/** `DNS:localhost, IP Address:127.0.0.1` (Node's subjectAltName) as name lists. */
export function parseSubjectAltName(text: string | undefined): { dns: string[]; ips: string[] } {
  const dns: string[] = [];
  const ips: string[] = [];
  for (const part of (text ?? '').split(',').map((s) => s.trim())) {
    if (part.startsWith('DNS:')) dns.push(part.slice(4));
    else if (part.startsWith('IP Address:')) ips.push(part.slice(11));
  }
  return { dns, ips };
}

/** Renew a leaf this long before it expires. */
const RENEW_BEFORE_MS = 30 * 24 * 3600_000;
const CA_DAYS = 3650;
const SERVING_DAYS = 365;
// The admin's certificate goes into kubeconfigs users merge elsewhere: as long-lived as the CA.
const CLIENT_DAYS = 3650;

/** What must be made again, given the certificates found (undefined when missing). */
export function computePkiPlan(input: {
  ca?: NodeCert;
  server?: NodeCert;
  client?: NodeCert;
  token?: string;
  names: { dns: string[]; ips: string[] };
  now: number;
}): { ca: boolean; server: boolean; client: boolean; token: boolean } {
  const fresh = (c: NodeCert) => Date.parse(c.validTo) - input.now > RENEW_BEFORE_MS;
  const ca = !input.ca || !fresh(input.ca);
  const signed = (c: NodeCert | undefined) =>
    !!c && !ca && c.checkIssued(input.ca!) && c.verify(input.ca!.publicKey) && fresh(c);
  const has = parseSubjectAltName(input.server?.subjectAltName);
  const covers =
    input.names.dns.every((n) => has.dns.includes(n)) && input.names.ips.every((n) => has.ips.includes(n));
  return {
    ca,
    server: !signed(input.server) || !covers,
    client: !signed(input.client),
    token: !input.token,
  };
}

const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw e;
  }
};
const parseCert = (pem: string | undefined): NodeCert | undefined => {
  if (!pem) return undefined;
  try {
    return new NodeCert(pem);
  } catch {
    return undefined;
  }
};

/** The home's PKI, made (or completed) on first need; `serviceIPs`: the `kubernetes` Service's ClusterIPs. */
export async function ensurePki(home: string, serviceIPs: readonly string[], now = Date.now()): Promise<Pki> {
  const paths = pkiPaths(home);
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  chmodSync(paths.dir, 0o700);
  const names = servingNames(serviceIPs);
  const found = {
    caCert: readText(paths.caCert),
    caKey: readText(paths.caKey),
    serverCert: readText(paths.serverCert),
    serverKey: readText(paths.serverKey),
    clientCert: readText(paths.clientCert),
    clientKey: readText(paths.clientKey),
    token: readText(paths.token)?.trim(),
  };
  const plan = computePkiPlan({
    ca: found.caKey ? parseCert(found.caCert) : undefined,
    server: found.serverKey ? parseCert(found.serverCert) : undefined,
    client: found.clientKey ? parseCert(found.clientCert) : undefined,
    token: found.token,
    names,
    now,
  });
  const write = (path: string, text: string) => writeFileAtomicSync(path, text, 0o600);
  if (plan.ca || plan.server || plan.client) {
    const { issueCa, issueLeaf } = await import('./pki-issue.js');
    if (plan.ca) {
      const ca = await issueCa({ commonName: 'mkube-ca', now, days: CA_DAYS });
      write(paths.caKey, ca.key);
      write(paths.caCert, ca.cert);
      Object.assign(found, { caCert: ca.cert, caKey: ca.key });
    }
    const issuer = { cert: found.caCert!, key: found.caKey! };
    if (plan.server) {
      const leaf = await issueLeaf(issuer, {
        subject: [{ CN: ['kube-apiserver'] }],
        names,
        usage: 'server',
        now,
        days: SERVING_DAYS,
      });
      write(paths.serverKey, leaf.key);
      write(paths.serverCert, leaf.cert);
      Object.assign(found, { serverCert: leaf.cert, serverKey: leaf.key });
    }
    if (plan.client) {
      const leaf = await issueLeaf(issuer, {
        subject: [{ O: [ADMIN_GROUP] }, { CN: [ADMIN_USER] }],
        usage: 'client',
        now,
        days: CLIENT_DAYS,
      });
      write(paths.clientKey, leaf.key);
      write(paths.clientCert, leaf.cert);
      Object.assign(found, { clientCert: leaf.cert, clientKey: leaf.key });
    }
  }
  if (plan.token) {
    found.token = randomBytes(32).toString('base64url');
    write(paths.token, `${found.token}\n`);
  }
  return {
    caCert: found.caCert!,
    serverCert: found.serverCert!,
    serverKey: found.serverKey!,
    clientCert: found.clientCert!,
    clientKey: found.clientKey!,
    token: found.token!,
  };
}
