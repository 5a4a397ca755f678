// The Ingress controller on the real engine, with the seed's meow manifest: its Service and
// Ingress as written, its Deployment serving with busybox httpd on port 3000 (the seed's image,
// kennship/http-echo, is not on this machine). Requests go to 127.0.0.1 on the ports the agent
// records in the Ingress status (80 and 443 when it could bind them) and are answered by both
// pods; the Ingress gets the default class `mkube` when written; an unknown path is a 404; with a
// TLS Secret for meow.localhost, HTTPS presents that Secret's certificate by SNI (the home's
// default one for other names) and plain HTTP for that host is a 308 to https; a Deployment
// scaled to zero is a 503.
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../../src/network/ingress/self-signed.js';
import { eventually, ROOT, requireDocker, TestHome } from './harness.js';

const SERVE_HOSTNAME =
  'command: ["sh", "-c", "mkdir -p /www && hostname > /www/meow && exec httpd -f -p 3000 -h /www"]';

/** The seed's manifest with only the container's image and command changed. */
function meowManifest(): string {
  const seed = readFileSync(join(ROOT, 'test/e2e/fixtures/meow.yaml'), 'utf8');
  const image = '        image: kennship/http-echo:latest\n';
  expect(seed).toContain(image);
  return seed.replace(image, `        image: busybox:1.36\n        ${SERVE_HOSTNAME}\n`);
}

interface Answer {
  status: number;
  body: string;
  location?: string;
  /** The subject CN of the certificate the server presented (HTTPS only). */
  presented?: string;
}

/** A GET to 127.0.0.1:port; with `ca`, over TLS with SNI `host`, trusting only `ca`. */
function get(port: number, path: string, host = 'localhost', ca?: string): Promise<Answer> {
  const lib = ca ? https : http;
  const tls = ca ? { servername: host, ca, rejectUnauthorized: true } : {};
  return new Promise((resolve, reject) => {
    const req = lib.get({ host: '127.0.0.1', port, path, headers: { host }, agent: false, ...tls }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          ...(res.headers.location ? { location: res.headers.location } : {}),
          ...(ca ? { presented: (res.socket as TLSSocket).getPeerCertificate().subject.CN } : {}),
        }),
      );
    });
    req.on('error', reject);
    req.setTimeout(5_000, () => req.destroy(new Error('timed out')));
  });
}

const page = (title: string) =>
  `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>mkube</center>\r\n</body>\r\n</html>\r\n`;

describe('the Ingress controller with the seed meow manifest', () => {
  let home: TestHome;
  beforeAll(() => {
    requireDocker();
    home = new TestHome('mkube-e2e-ingress-');
  });
  afterAll(() => home?.cleanup());

  it('routes /meow to both pods over HTTP and HTTPS (SNI), redirects TLS hosts, 404s, 503s, shows class and address', async () => {
    // A first write starts the agent, which creates the default IngressClass: an Ingress written
    // after that gets it from admission (one written before the agent ever ran stays classless).
    const meowPair = selfSignedCertificate({ commonName: 'meow', dnsNames: ['meow.localhost'] });
    const b64 = (t: string) => Buffer.from(t).toString('base64');
    const secretFile = join(home.home, 'meow-tls.json');
    writeFileSync(
      secretFile,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'meow-tls' },
        type: 'kubernetes.io/tls',
        data: { 'tls.crt': b64(meowPair.certPem), 'tls.key': b64(meowPair.keyPem) },
      }),
    );
    expect(home.run(['apply', '-f', secretFile])).toEqual({
      code: 0,
      stdout: 'secret/meow-tls created\n',
      stderr: '',
    });
    const classes = await eventually(() => {
      const r = home.run(['get', 'ingressclass']);
      return r.stdout.replace(/ \d+s\n/, ' <age>\n');
    });
    expect(classes).toBe(
      'NAME    CONTROLLER          PARAMETERS   AGE\nmkube   mkube.dev/ingress   <none>       <age>\n',
    );
    expect(home.run(['get', 'ingressclass', 'mkube', '-o', 'jsonpath={.metadata.annotations}']).stdout).toBe(
      '{"ingressclass.kubernetes.io/is-default-class":"true"}',
    );
    const file = join(home.home, 'meow.yaml');
    writeFileSync(file, meowManifest());
    const applied = home.run(['apply', '-f', file]);
    expect(applied).toEqual({
      code: 0,
      stdout:
        'deployment.apps/meow created\nservice/meow-svc created\ningress.networking.k8s.io/meow-ingress created\n',
      stderr: [
        'Warning: extensions/v1beta1 Deployment is deprecated in v1.8+, unavailable in v1.16+; use apps/v1 Deployment',
        'Warning: extensions/v1beta1 Ingress is deprecated in v1.14+, unavailable in v1.22+; use networking.k8s.io/v1 Ingress',
        '',
      ].join('\n'),
    });

    const [port, tlsPort] = (
      await eventually(() => {
        const ports = home.run([
          'get',
          'ing',
          'meow-ingress',
          '-o',
          'jsonpath={.status.loadBalancer.ingress[0].ports[*].port}',
        ]).stdout;
        return ports.split(' ').length === 2 && ports;
      })
    )
      .split(' ')
      .map(Number) as [number, number];
    expect(port).toBeGreaterThan(0);
    expect(tlsPort).toBeGreaterThan(0);
    // The Ingress was applied after the agent created IngressClass mkube: admission set its class.
    const table = home.run(['get', 'ing']).stdout.replace(/ \d+s\n/, ' <age>\n');
    expect(table).toBe(
      'NAME           CLASS   HOSTS   ADDRESS     PORTS   AGE\nmeow-ingress   mkube   *       localhost   80      <age>\n',
    );
    expect(home.run(['get', 'ing', 'meow-ingress', '-o', 'jsonpath={.status.loadBalancer}']).stdout).toBe(
      `{"ingress":[{"hostname":"localhost","ports":[{"port":${port},"protocol":"TCP"},{"port":${tlsPort},"protocol":"TCP"}]}]}`,
    );

    // Both pods answer through the Ingress once they are ready.
    const pods = await eventually(() => {
      const names = home.run(['get', 'pods', '-l', 'app=meow', '-o', 'name']).stdout.trim().split('\n');
      return names.length === 2 && names.every(Boolean) && names.map((n) => n.replace('pod/', '')).sort();
    }, 60_000);
    await eventually(async () => (await get(port, '/meow')).status === 200, 60_000);
    const seen = new Set<string>();
    await eventually(async () => {
      for (let i = 0; i < 20; i++) {
        const r = await get(port, '/meow');
        expect(r.status).toBe(200);
        seen.add(r.body.trim());
      }
      return seen.size === 2;
    }, 30_000);
    expect([...seen].sort()).toEqual(pods);

    // A path no rule matches is nginx's 404; any Host reaches the rule without a host.
    expect(await get(port, '/nope')).toEqual({ status: 404, body: page('404 Not Found') });
    expect((await get(port, '/meow', 'meow.localhost')).status).toBe(200);

    // TLS: the home's default certificate for names without a Secret (localhost among them).
    const defaultCa = readFileSync(join(home.home, 'ingress', 'default.crt'), 'utf8');
    const viaDefault = await get(tlsPort, '/meow', 'localhost', defaultCa);
    expect({ ...viaDefault, body: pods.includes(viaDefault.body.trim()) }).toEqual({
      status: 200,
      body: true,
      presented: 'mkube Ingress default certificate',
    });

    // The Ingress names the tls Secret for meow.localhost: HTTPS presents it by SNI, and plain
    // HTTP for that host is redirected (the seed's ssl-redirect value, `\"false\"` quotes and
    // all, is no boolean, so ingress-nginx's default, on, applies).
    const tlsPatch = { spec: { tls: [{ hosts: ['meow.localhost'], secretName: 'meow-tls' }] } };
    expect(
      home.run(['patch', 'ing', 'meow-ingress', '--type=merge', '-p', JSON.stringify(tlsPatch)]).stdout,
    ).toBe('ingress.networking.k8s.io/meow-ingress patched\n');
    const viaSecret = await eventually(async () => {
      const r = await get(tlsPort, '/meow', 'meow.localhost', meowPair.certPem).catch(() => undefined);
      return r?.status === 200 && r;
    }, 30_000);
    expect({ ...viaSecret, body: pods.includes(viaSecret.body.trim()) }).toEqual({
      status: 200,
      body: true,
      presented: 'meow',
    });
    expect(await get(port, '/meow?x=1', 'meow.localhost')).toEqual({
      status: 308,
      location: `https://meow.localhost${tlsPort === 443 ? '' : `:${tlsPort}`}/meow?x=1`,
      body: page('308 Permanent Redirect'),
    });
    expect((await get(port, '/meow', 'localhost')).status).toBe(200);
    expect(home.run(['get', 'ing']).stdout.replace(/ \d+s\n/, ' <age>\n')).toBe(
      'NAME           CLASS   HOSTS   ADDRESS     PORTS     AGE\nmeow-ingress   mkube   *       localhost   80, 443   <age>\n',
    );

    // No ready endpoint: 503.
    expect(home.run(['scale', 'deployment/meow', '--replicas=0']).stdout).toBe(
      'deployment.apps/meow scaled\n',
    );
    await eventually(async () => (await get(port, '/meow')).status === 503, 60_000);
    expect(await get(port, '/meow')).toEqual({
      status: 503,
      body: page('503 Service Temporarily Unavailable'),
    });
  }, 240_000);
});
