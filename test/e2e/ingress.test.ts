// The Ingress controller on the real engine, with the seed's meow manifest: its Service and
// Ingress as written, its Deployment serving with busybox httpd on port 3000 (the seed's image,
// kennship/http-echo, is not on this machine). Requests go to 127.0.0.1 on the port the agent
// records in the Ingress status (80 when it could bind it) and are answered by both pods;
// an unknown path is a 404 and a Deployment scaled to zero is a 503.
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
}

function get(port: number, path: string, host = 'localhost'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers: { host }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
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

  it('routes /meow to both pods, 404s other paths, 503s without endpoints, and shows its address', async () => {
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

    // The agent created the default IngressClass and wrote the Ingress's address.
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
    const port = Number(
      await eventually(
        () =>
          home.run([
            'get',
            'ing',
            'meow-ingress',
            '-o',
            'jsonpath={.status.loadBalancer.ingress[0].ports[0].port}',
          ]).stdout,
      ),
    );
    expect(port).toBeGreaterThan(0);
    const table = home.run(['get', 'ing']).stdout.replace(/ \d+s\n/, ' <age>\n');
    expect(table).toBe(
      'NAME           CLASS    HOSTS   ADDRESS     PORTS   AGE\nmeow-ingress   <none>   *       localhost   80      <age>\n',
    );
    expect(home.run(['get', 'ing', 'meow-ingress', '-o', 'jsonpath={.status.loadBalancer}']).stdout).toBe(
      `{"ingress":[{"hostname":"localhost","ports":[{"port":${port},"protocol":"TCP"}]}]}`,
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
