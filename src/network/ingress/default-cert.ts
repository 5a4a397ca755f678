// The default certificate of the Ingress controller's TLS listener, kept in the state directory
// (<home>/ingress/default.key and default.crt, 0600): the key is generated once per home, and the
// self-signed certificate is issued again with that key when an Ingress brings a name it lacks,
// so a client that trusts it keeps trusting it.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type KeyAndCertificate, selfSignedCertificate } from './self-signed.js';

export const DEFAULT_CERT_COMMON_NAME = 'mkube Ingress default certificate';

export function defaultCertPaths(home: string): { key: string; cert: string } {
  const dir = join(home, 'ingress');
  return { key: join(dir, 'default.key'), cert: join(dir, 'default.crt') };
}

const read = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** The DNS names of a certificate's subjectAltName. */
export function certificateNames(certPem: string): string[] {
  return (new X509Certificate(certPem).subjectAltName ?? '')
    .split(', ')
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4));
}

/** Whether a PEM is the ECDSA P-256 key the certificate builder signs with. */
function usableKey(keyPem: string | undefined): keyPem is string {
  if (!keyPem) return false;
  try {
    const key = createPrivateKey(keyPem);
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  } catch {
    return false;
  }
}

/** The names of a certificate that parses and belongs to the key, else undefined. */
function coveredNames(keyPem: string, certPem: string): string[] | undefined {
  try {
    const cert = new X509Certificate(certPem);
    return cert.checkPrivateKey(createPrivateKey(keyPem)) ? certificateNames(certPem) : undefined;
  } catch {
    return undefined;
  }
}

function writePrivate(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

/**
 * The default key and certificate covering at least `names`; `issued` says whether the
 * certificate was (re)written. A key or certificate that does not parse is replaced.
 */
export function ensureDefaultCertificate(
  home: string,
  names: readonly string[],
): KeyAndCertificate & { issued: boolean } {
  const paths = defaultCertPaths(home);
  mkdirSync(join(home, 'ingress'), { recursive: true, mode: 0o700 });
  const keyPem = read(paths.key);
  const certPem = read(paths.cert);
  const reuse = usableKey(keyPem) ? keyPem : undefined;
  if (reuse && certPem) {
    const have = coveredNames(reuse, certPem);
    if (have && names.every((n) => have.includes(n))) return { keyPem: reuse, certPem, issued: false };
  }
  const made = selfSignedCertificate({
    commonName: DEFAULT_CERT_COMMON_NAME,
    dnsNames: [...names],
    keyPem: reuse,
  });
  if (!reuse) writePrivate(paths.key, made.keyPem);
  writePrivate(paths.cert, made.certPem);
  return { ...made, issued: true };
}
