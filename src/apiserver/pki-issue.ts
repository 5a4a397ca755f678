// Issuing certificates with @peculiar/x509 over Node's WebCrypto: ECDSA P-256 keys (fast to make,
// accepted by Go's TLS and client-go), PKCS#8 PEM keys, SHA-256 signatures. Loaded only when
// pki.ts has something to make.
import { createPrivateKey, KeyObject, webcrypto } from 'node:crypto';
// Before x509: its dependency injection needs the Reflect metadata API at load.
import './reflect-metadata.js';
import * as x509 from '@peculiar/x509';

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY_MS = 24 * 3600_000;

// Node's WebCrypto; its types are Node's (mkube compiles without the DOM library).
x509.cryptoProvider.set(webcrypto as never);

export interface Issued {
  cert: string;
  key: string;
}

const newKeys = () =>
  webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']) as Promise<webcrypto.CryptoKeyPair>;
const keyPem = (key: webcrypto.CryptoKey) =>
  KeyObject.from(key).export({ type: 'pkcs8', format: 'pem' }) as string;
// Backdated a little, as kubeadm does, so a clock a bit behind still accepts the new certificate.
const validity = (now: number, days: number) => ({
  notBefore: new Date(now - 5 * 60_000),
  notAfter: new Date(now + days * DAY_MS),
});

export async function issueCa(opts: { commonName: string; now: number; days: number }): Promise<Issued> {
  const keys = await newKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: [{ CN: [opts.commonName] }],
    keys,
    signingAlgorithm: ALG,
    ...validity(opts.now, opts.days),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), key: keyPem(keys.privateKey) };
}

export async function issueLeaf(
  issuer: Issued,
  opts: {
    subject: x509.JsonName;
    names?: { dns: string[]; ips: string[] };
    usage: 'server' | 'client';
    now: number;
    days: number;
  },
): Promise<Issued> {
  const caCert = new x509.X509Certificate(issuer.cert);
  const der = createPrivateKey(issuer.key).export({ type: 'pkcs8', format: 'der' });
  const signingKey = await webcrypto.subtle.importKey('pkcs8', der, ALG, false, ['sign']);
  const keys = await newKeys();
  const names = opts.names
    ? [
        ...opts.names.dns.map((value) => ({ type: 'dns' as const, value })),
        ...opts.names.ips.map((value) => ({ type: 'ip' as const, value })),
      ]
    : [];
  const cert = await x509.X509CertificateGenerator.create({
    subject: opts.subject,
    issuer: caCert.subjectName,
    publicKey: keys.publicKey,
    signingKey,
    signingAlgorithm: ALG,
    ...validity(opts.now, opts.days),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension(
        [opts.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth],
        false,
      ),
      await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey),
      ...(names.length ? [new x509.SubjectAlternativeNameExtension(names, false)] : []),
    ],
  });
  return { cert: cert.toString('pem'), key: keyPem(keys.privateKey) };
}
