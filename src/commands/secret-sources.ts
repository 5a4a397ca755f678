// The data of `create secret tls` (a certificate and its key, checked as Go's tls.X509KeyPair
// checks them) and `create secret docker-registry` (a .dockerconfigjson as kubectl encodes it).
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UserError } from '../api/errors.js';
import { goEscape } from './config-data.js';

function readPem(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file or directory'
        : code === 'EACCES'
          ? 'permission denied'
          : (err as Error).message;
    throw new UserError(`Cannot read file ${path}, open ${path}: ${why}`);
  }
}

const pemTypes = (pem: string) => [...pem.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----/g)].map((m) => m[1]!);

/** tls.crt and tls.key from PEM files; the messages are Go's tls.X509KeyPair's. */
export function tlsData(cert: string | undefined, key: string | undefined): Record<string, string> {
  if (!cert || !key) throw new UserError('key and cert must be specified');
  const certPem = readPem(cert);
  const keyPem = readPem(key);
  const certTypes = pemTypes(certPem.toString('latin1'));
  if (!certTypes.includes('CERTIFICATE')) {
    throw new UserError(
      certTypes.some((t) => t.endsWith('PRIVATE KEY'))
        ? 'tls: found a private key rather than a certificate in the PEM for the certificate'
        : 'tls: failed to find any PEM data in certificate input',
    );
  }
  const keyTypes = pemTypes(keyPem.toString('latin1'));
  if (!keyTypes.some((t) => t.endsWith('PRIVATE KEY'))) {
    throw new UserError(
      keyTypes.includes('CERTIFICATE')
        ? 'tls: found a certificate rather than a key in the PEM for the private key'
        : 'tls: failed to find any PEM data in key input',
    );
  }
  let matches: boolean;
  try {
    matches = new X509Certificate(certPem).checkPrivateKey(createPrivateKey(keyPem));
  } catch (err) {
    throw new UserError(`tls: failed to parse certificate or key: ${(err as Error).message}`);
  }
  if (!matches) throw new UserError('tls: private key does not match public key');
  return { 'tls.crt': certPem.toString('base64'), 'tls.key': keyPem.toString('base64') };
}

/** kubectl's DockerConfigJSON: {"auths":{server:{username,password,email,auth}}}, Go-encoded. */
export function dockerConfigJson(server: string, username: string, password: string, email?: string): string {
  const entry = {
    username,
    password,
    ...(email ? { email } : {}),
    auth: Buffer.from(`${username}:${password}`).toString('base64'),
  };
  return goEscape(JSON.stringify({ auths: { [server]: entry } }));
}
