// The TLS contexts of the Secrets Ingresses name, built once per Secret version: `tls.crt` and
// `tls.key` from the Secret's data (ingress-nginx reads those two keys whatever the Secret's type).
// A Secret that is missing or does not hold a usable pair falls back to the default certificate,
// and the agent says so once per Secret and problem.
import { X509Certificate } from 'node:crypto';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { Secret } from 'kubernetes-types/core/v1.js';

/** The PEM pair of a Secret, or why there is none. */
export function keyPairOf(secret: Secret | undefined): { keyPem: string; certPem: string } | string {
  if (!secret) return 'not found';
  const crt = secret.data?.['tls.crt'];
  const key = secret.data?.['tls.key'];
  if (!crt || !key) return 'has no tls.crt and tls.key';
  return {
    certPem: Buffer.from(crt, 'base64').toString('utf8'),
    keyPem: Buffer.from(key, 'base64').toString('utf8'),
  };
}

/** A TLS context for a Secret, or why it cannot serve. */
export function secretContext(secret: Secret | undefined): SecureContext | string {
  const pair = keyPairOf(secret);
  if (typeof pair === 'string') return pair;
  try {
    const cert = new X509Certificate(pair.certPem);
    if (Date.parse(cert.validTo) < Date.now()) return `its certificate expired on ${cert.validTo}`;
    return createSecureContext({ key: pair.keyPem, cert: pair.certPem });
  } catch (e) {
    return `holds no usable certificate and key (${(e as Error).message})`;
  }
}

export class SecretContexts {
  private readonly built = new Map<string, { version: string; context: SecureContext | string }>();
  private readonly reported = new Map<string, string>();
  private defaultContext: SecureContext | undefined;

  constructor(private readonly log: (message: string) => void) {}

  setDefault(pair: { keyPem: string; certPem: string }): void {
    this.defaultContext = createSecureContext({ key: pair.keyPem, cert: pair.certPem });
  }

  /** Forget the Secrets no Ingress names any more. */
  retain(keys: ReadonlySet<string>): void {
    for (const key of this.built.keys()) if (!keys.has(key)) this.built.delete(key);
    for (const key of this.reported.keys()) if (!keys.has(key)) this.reported.delete(key);
  }

  /** The context for a Secret (`namespace/name`), else the default one (undefined before setDefault). */
  contextFor(
    key: string | undefined,
    secretOf: (key: string) => Secret | undefined,
  ): SecureContext | undefined {
    if (key === undefined) return this.defaultContext;
    const secret = secretOf(key);
    const version = secret ? `${secret.metadata?.uid}/${secret.metadata?.resourceVersion}` : '';
    let entry = this.built.get(key);
    if (!entry || entry.version !== version) {
      entry = { version, context: secretContext(secret) };
      this.built.set(key, entry);
    }
    if (typeof entry.context !== 'string') {
      this.reported.delete(key);
      return entry.context;
    }
    if (this.reported.get(key) !== entry.context) {
      this.reported.set(key, entry.context);
      this.log(`ingress: TLS secret ${key} ${entry.context}; using the default certificate`);
    }
    return this.defaultContext;
  }
}
