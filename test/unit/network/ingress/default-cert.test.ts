// The home's default certificate on disk: made once (0600), kept while it covers the names asked,
// issued again with the same key when a name is missing, replaced when the files are damaged.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  certificateNames,
  defaultCertPaths,
  ensureDefaultCertificate,
} from '../../../../src/network/ingress/default-cert.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'mkube-unit-defcert-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('ensureDefaultCertificate', () => {
  it('creates, keeps, re-issues with the same key, and repairs', () => {
    const paths = defaultCertPaths(home);
    const first = ensureDefaultCertificate(home, ['localhost', 'meow.localhost']);
    const kept = ensureDefaultCertificate(home, ['localhost']);
    const grown = ensureDefaultCertificate(home, ['localhost', 'shop.example.com']);
    writeFileSync(paths.key, 'garbage');
    const repaired = ensureDefaultCertificate(home, ['localhost']);
    const cert = new X509Certificate(first.certPem);
    expect({
      files: [paths.key, paths.cert].map((p) => p.slice(home.length)),
      modes: [mode(paths.key), mode(paths.cert)],
      onDisk:
        readFileSync(paths.cert, 'utf8') === repaired.certPem &&
        readFileSync(paths.key, 'utf8') === repaired.keyPem,
      first: [first.issued, cert.subject, certificateNames(first.certPem)],
      kept: [kept.issued, kept.certPem === first.certPem],
      grown: [grown.issued, grown.keyPem === first.keyPem, certificateNames(grown.certPem)],
      repaired: [repaired.issued, repaired.keyPem === first.keyPem, certificateNames(repaired.certPem)],
    }).toEqual({
      files: ['/ingress/default.key', '/ingress/default.crt'],
      modes: ['600', '600'],
      onDisk: true,
      first: [true, 'CN=mkube Ingress default certificate', ['localhost', 'meow.localhost']],
      kept: [false, true],
      grown: [true, true, ['localhost', 'shop.example.com']],
      repaired: [true, false, ['localhost']],
    });
  });
});
