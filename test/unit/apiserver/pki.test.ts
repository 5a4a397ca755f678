// The home's PKI: made once with the right names, modes and chain, reused as is, and completed
// (only the serving certificate) when the `kubernetes` Service's address is not in it.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  computePkiPlan,
  ensurePki,
  parseSubjectAltName,
  pkiPaths,
  servingNames,
} from '../../../src/apiserver/pki.js';

const home = mkdtempSync(join(tmpdir(), 'mkube-pki-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('ensurePki', () => {
  it('makes a CA, a serving and a client certificate and a token, 0600 in a 0700 directory', async () => {
    const pki = await ensurePki(home, ['10.96.0.1']);
    const paths = pkiPaths(home);
    expect(readdirSync(paths.dir).sort()).toEqual([
      'admin.crt',
      'admin.key',
      'apiserver.crt',
      'apiserver.key',
      'ca.crt',
      'ca.key',
      'token',
    ]);
    expect(statSync(paths.dir).mode & 0o777).toBe(0o700);
    for (const f of readdirSync(paths.dir))
      expect([f, statSync(join(paths.dir, f)).mode & 0o777]).toEqual([f, 0o600]);
    expect(readFileSync(paths.token, 'utf8')).toBe(`${pki.token}\n`);
    expect(pki.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const ca = new X509Certificate(pki.caCert);
    const server = new X509Certificate(pki.serverCert);
    const client = new X509Certificate(pki.clientCert);
    expect({ ca: ca.ca, subject: ca.subject, selfSigned: ca.verify(ca.publicKey) }).toEqual({
      ca: true,
      subject: 'CN=mkube-ca',
      selfSigned: true,
    });
    expect({
      subject: server.subject,
      signed: server.verify(ca.publicKey),
      ca: server.ca,
      sans: server.subjectAltName,
      usage: server.keyUsage,
    }).toEqual({
      subject: 'CN=kube-apiserver',
      signed: true,
      ca: false,
      sans:
        'DNS:localhost, DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, ' +
        'DNS:kubernetes.default.svc.cluster.local, IP Address:127.0.0.1, IP Address:10.96.0.1',
      usage: ['1.3.6.1.5.5.7.3.1'],
    });
    expect({ subject: client.subject, signed: client.verify(ca.publicKey), usage: client.keyUsage }).toEqual({
      subject: 'O=system:masters\nCN=mkube-admin',
      signed: true,
      usage: ['1.3.6.1.5.5.7.3.2'],
    });
  });

  it('reuses everything on the next start', async () => {
    const before = await ensurePki(home, ['10.96.0.1']);
    expect(await ensurePki(home, ['10.96.0.1'])).toEqual(before);
  });

  it('makes only the serving certificate again when a Service address is missing from it', async () => {
    const before = await ensurePki(home, ['10.96.0.1']);
    const after = await ensurePki(home, ['10.100.0.1']);
    expect({ ...after, serverCert: '', serverKey: '' }).toEqual({ ...before, serverCert: '', serverKey: '' });
    expect(after.serverCert).not.toBe(before.serverCert);
    expect(parseSubjectAltName(new X509Certificate(after.serverCert).subjectAltName).ips).toEqual([
      '127.0.0.1',
      '10.100.0.1',
    ]);
  });
});

describe('computePkiPlan', () => {
  it('renews what is missing, expiring or signed by another CA', async () => {
    const other = mkdtempSync(join(tmpdir(), 'mkube-pki-other-'));
    try {
      const mine = await ensurePki(home, ['10.96.0.1']);
      const theirs = await ensurePki(other, ['10.96.0.1']);
      const cert = (pem: string) => new X509Certificate(pem);
      const names = servingNames(['10.96.0.1']);
      const now = Date.now();
      const base = {
        ca: cert(mine.caCert),
        server: cert(mine.serverCert),
        client: cert(mine.clientCert),
        token: 't',
        names,
        now,
      };
      const none = { ca: false, server: false, client: false, token: false };
      expect(computePkiPlan(base)).toEqual(none);
      expect(computePkiPlan({ ...base, token: undefined })).toEqual({ ...none, token: true });
      expect(computePkiPlan({ ...base, ca: undefined })).toEqual({
        ca: true,
        server: true,
        client: true,
        token: false,
      });
      expect(computePkiPlan({ ...base, client: cert(theirs.clientCert) })).toEqual({ ...none, client: true });
      expect(computePkiPlan({ ...base, server: undefined })).toEqual({ ...none, server: true });
      // 340 days on, the one-year serving certificate is within its renewal month; the others are not.
      expect(computePkiPlan({ ...base, now: now + 340 * 24 * 3600_000 })).toEqual({ ...none, server: true });
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
