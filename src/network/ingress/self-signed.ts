// A self-signed certificate for the Ingress controller's default TLS server, made with node's own
// crypto (node 20 signs but has no certificate builder): an ECDSA P-256 key, and an X.509 v3
// certificate DER-encoded by hand — the few ASN.1 types a certificate needs, nothing more.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

// ---- the DER needed here ------------------------------------------------------------------

function tlv(tag: number, body: Buffer): Buffer {
  const n = body.length;
  let length: Buffer;
  if (n < 0x80) length = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const explicit = (n: number, item: Buffer) => tlv(0xa0 + n, item);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const octets = (b: Buffer) => tlv(0x04, b);
const bitString = (b: Buffer) => tlv(0x03, Buffer.concat([Buffer.from([0]), b]));
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));

/** A non-negative INTEGER from big-endian bytes (a leading 0 keeps the sign bit clear). */
const unsigned = (b: Buffer) => tlv(0x02, b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a! * 40 + b!];
  for (const v of rest) {
    const chunk = [v & 0x7f];
    for (let x = v >> 7; x > 0; x >>= 7) chunk.unshift((x & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime through 2049, GeneralizedTime after (RFC 5280 4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14); // YYYYMMDDHHMMSS
  return d.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : tlv(0x18, Buffer.from(`${iso}Z`));
}

// ---- the certificate ----------------------------------------------------------------------

const ECDSA_WITH_SHA256 = seq(oid('1.2.840.10045.4.3.2'));
const COMMON_NAME = '2.5.4.3';
const SUBJECT_ALT_NAME = '2.5.29.17';
const BASIC_CONSTRAINTS = '2.5.29.19';
const EXT_KEY_USAGE = '2.5.29.37';
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

export interface SelfSignedOptions {
  commonName: string;
  dnsNames: string[];
  /** Start of validity (default now). */
  notBefore?: Date;
  days?: number;
  /** An ECDSA P-256 key (PKCS#8 PEM) to certify again; a new one when absent. */
  keyPem?: string;
}

export interface KeyAndCertificate {
  keyPem: string;
  certPem: string;
}

export function selfSignedCertificate(opts: SelfSignedOptions): KeyAndCertificate {
  const { privateKey, publicKey } = opts.keyPem
    ? { privateKey: createPrivateKey(opts.keyPem), publicKey: createPublicKey(opts.keyPem) }
    : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const notBefore = opts.notBefore ?? new Date();
  const notAfter = new Date(notBefore.getTime() + (opts.days ?? 3650) * 86_400_000);
  const name = seq(set(seq(oid(COMMON_NAME), utf8(opts.commonName))));
  const sans = seq(...opts.dnsNames.map((d) => tlv(0x82, Buffer.from(d, 'ascii')))); // [2] dNSName
  const extensions = seq(
    seq(oid(BASIC_CONSTRAINTS), bool(true), octets(seq())),
    seq(oid(EXT_KEY_USAGE), octets(seq(oid(SERVER_AUTH)))),
    seq(oid(SUBJECT_ALT_NAME), octets(sans)),
  );
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const tbs = seq(
    explicit(0, tlv(0x02, Buffer.from([2]))), // v3
    unsigned(serial),
    ECDSA_WITH_SHA256,
    name,
    seq(time(notBefore), time(notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
  const der = seq(tbs, ECDSA_WITH_SHA256, bitString(signature));
  const body = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return {
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    certPem: `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`,
  };
}
