// ServiceAccounts through the agent: the controller's `default` in a new namespace, the pod
// admission refusing a missing ServiceAccount, and `mkube create token` / the TokenRequest API
// giving bound tokens the endpoint accepts from the real kubectl as system:serviceaccount users,
// while a garbage token gets 401.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, requireDocker, TestHome } from './harness.js';

let t: TestHome;
let userHome: string;
let url: string;
const NS = 'sa-e2e';

/** The real kubectl with no kubeconfig: only the server, the CA and the given bearer token. */
const kubectlWithToken = (token: string, args: string[]) => t.kubectlWithToken(url, token, userHome, args);

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));

beforeAll(async () => {
  requireDocker();
  if (spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status !== 0)
    throw new Error('kubectl is not installed: these tests drive the real kubectl (v1.32).');
  t = new TestHome('mkube-e2e-sa-');
  userHome = mkdtempSync(join(tmpdir(), 'mkube-e2e-sa-user-'));
  expect(t.run(['agent', 'start']).code).toBe(0);
  url = await t.apiServerUrl();
  expect(t.run(['create', 'namespace', NS])).toEqual({
    code: 0,
    stdout: `namespace/${NS} created\n`,
    stderr: '',
  });
});
afterAll(() => {
  t?.cleanup();
  if (userHome) rmSync(userHome, { recursive: true, force: true });
});

describe('service accounts', () => {
  it('gives a new namespace its default ServiceAccount', async () => {
    const r = await eventually(
      () => {
        const got = t.run(['get', 'serviceaccounts', '-n', NS, '-o', 'name']);
        return got.stdout ? got : undefined;
      },
      10_000,
      100,
    );
    expect(r).toEqual({ code: 0, stdout: 'serviceaccount/default\n', stderr: '' });
  });

  it('refuses a pod that names a missing ServiceAccount, as the admission plugin does', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  serviceAccountName: ghost
  containers: [{name: c, image: busybox}]
`;
    expect(t.run(['apply', '-n', NS, '-f', '-'], { input: pod })).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error from server (Forbidden): error when creating "STDIN": pods "p" is forbidden: error looking up service account ${NS}/ghost: serviceaccount "ghost" not found\n`,
    });
  });

  it('issues a token the endpoint accepts as the service account; a garbage token is 401', () => {
    const created = t.run(['create', 'token', 'default', '-n', NS, '--duration', '15m']);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(created.stdout).toBe(`${token}\n`);
    const claims = claimsOf(token);
    const sa = JSON.parse(t.run(['get', 'sa', 'default', '-n', NS, '-o', 'json']).stdout);
    expect(claims).toEqual({
      aud: ['https://kubernetes.default.svc.cluster.local'],
      exp: claims.iat + 900,
      iat: claims.iat,
      iss: 'https://kubernetes.default.svc.cluster.local',
      jti: claims.jti,
      'kubernetes.io': { namespace: NS, serviceaccount: { name: 'default', uid: sa.metadata.uid } },
      nbf: claims.iat,
      sub: `system:serviceaccount:${NS}:default`,
    });
    expect(kubectlWithToken(token, ['get', 'serviceaccounts', '-n', NS, '-o', 'name'])).toEqual({
      code: 0,
      stdout: 'serviceaccount/default\n',
      stderr: '',
    });
    // The TokenRequest API itself, from the real kubectl (it sends the request as protobuf).
    const viaApi = kubectlWithToken(token, ['create', 'token', 'default', '-n', NS]);
    expect(viaApi.code).toBe(0);
    expect(claimsOf(viaApi.stdout.trim()).sub).toBe(`system:serviceaccount:${NS}:default`);
    expect(kubectlWithToken(viaApi.stdout.trim(), ['get', 'namespace', NS, '-o', 'name']).stdout).toBe(
      `namespace/${NS}\n`,
    );
    expect(kubectlWithToken(`${token.slice(0, -4)}AAAA`, ['get', 'pods', '-n', NS])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: You must be logged in to the server (Unauthorized)\n',
    });
  });

  it("mounts the pod's token, the CA and the namespace; the pod's token is accepted while the pod lives", async () => {
    const pod = `apiVersion: v1
kind: Pod
metadata: {name: reader}
spec:
  restartPolicy: Never
  terminationGracePeriodSeconds: 0
  containers:
  - name: c
    image: busybox:1.36
    command: [sh, -c, 'cd /var/run/secrets/kubernetes.io/serviceaccount && ls && cat namespace && echo && head -1 ca.crt && cat token && echo && sleep 3600']
`;
    expect(t.run(['apply', '-n', NS, '-f', '-'], { input: pod }).code).toBe(0);
    const logs = await eventually(
      () => {
        const r = t.run(['logs', 'reader', '-n', NS]);
        return r.stdout.split('\n').length >= 7 ? r.stdout : undefined;
      },
      15_000,
      200,
    );
    const lines = logs.split('\n');
    expect(lines.slice(0, 5)).toEqual(['ca.crt', 'namespace', 'token', NS, '-----BEGIN CERTIFICATE-----']);
    const token = lines[5]!;
    const claims = claimsOf(token);
    const live = JSON.parse(t.run(['get', 'pod', 'reader', '-n', NS, '-o', 'json']).stdout);
    expect(claims.exp - claims.iat).toBe(3607);
    expect(claims['kubernetes.io'].pod).toEqual({ name: 'reader', uid: live.metadata.uid });
    expect(live.spec.containers[0].volumeMounts).toEqual([
      {
        mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
        name: live.spec.volumes[0].name,
        readOnly: true,
      },
    ]);
    expect(kubectlWithToken(token, ['get', 'pods', '-n', NS, '-o', 'name'])).toEqual({
      code: 0,
      stdout: 'pod/reader\n',
      stderr: '',
    });
    expect(t.run(['delete', 'pod', 'reader', '-n', NS, '--wait=false']).code).toBe(0);
    await eventually(() => kubectlWithToken(token, ['get', 'pods', '-n', NS]).code === 1, 10_000, 200);
  });

  it('answers create token for a missing ServiceAccount and a too short duration as kubectl', () => {
    expect(t.run(['create', 'token', 'ghost', '-n', NS])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: failed to create token: serviceaccounts "ghost" not found\n',
    });
    expect(t.run(['create', 'token', 'default', '-n', NS, '--duration', '5m'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: failed to create token: TokenRequest.authentication.k8s.io "default" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n',
    });
  });
});
