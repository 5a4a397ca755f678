// The generated certificate as node's X.509 parser and TLS stack read it.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../../../../src/network/ingress/self-signed.js';

describe('selfSignedCertificate', () => {
  it('is a self-signed v3 server certificate for the names asked, valid from notBefore for `days`', () => {
    const { keyPem, certPem } = selfSignedCertificate({
      commonName: 'mkube ingress default',
      dnsNames: ['localhost', '*.localhost'],
      notBefore: new Date('2026-01-02T03:04:05Z'),
      days: 365,
    });
    const cert = new X509Certificate(certPem);
    expect({
      subject: cert.subject,
      issuer: cert.issuer,
      subjectAltName: cert.subjectAltName,
      validFrom: cert.validFrom,
      validTo: cert.validTo,
      ca: cert.ca,
      keyUsage: cert.keyUsage,
      selfSigned: cert.verify(cert.publicKey),
      keyMatches: cert.checkPrivateKey(createPrivateKey(keyPem)),
      serverName: cert.checkHost('localhost'),
      usableByTls: Boolean(createSecureContext({ key: keyPem, cert: certPem })),
    }).toEqual({
      subject: 'CN=mkube ingress default',
      issuer: 'CN=mkube ingress default',
      subjectAltName: 'DNS:localhost, DNS:*.localhost',
      validFrom: 'Jan  2 03:04:05 2026 GMT',
      validTo: 'Jan  2 03:04:05 2027 GMT',
      ca: false,
      keyUsage: ['1.3.6.1.5.5.7.3.1'],
      selfSigned: true,
      keyMatches: true,
      serverName: 'localhost',
      usableByTls: true,
    });
  });

  it('gives every certificate its own key', () => {
    const a = selfSignedCertificate({ commonName: 'x', dnsNames: ['localhost'] });
    const b = selfSignedCertificate({ commonName: 'x', dnsNames: ['localhost'] });
    expect(a.keyPem === b.keyPem || a.certPem === b.certPem).toBe(false);
  });
});
