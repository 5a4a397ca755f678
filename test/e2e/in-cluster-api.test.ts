// The API from inside a pod, as in-cluster clients reach it: the `kubernetes` Service's endpoints
// name the agent's endpoint on the network's gateway, so a pod's busybox wget with its mounted
// token lists pods at https://kubernetes.default.svc and at $KUBERNETES_SERVICE_HOST:PORT; the
// endpoint says who a token is (SelfSubjectReview, `kubectl auth whoami`) for the pod's own and
// another namespace's ServiceAccount, refuses a garbage one, presents a certificate valid for the
// Service's names and ClusterIP, and a short-lived projected token is replaced before it expires.
// MKUBE_MIN_TOKEN_SECONDS=10 lets the pod ask for a 10 s token (Kubernetes' minimum is 10 min).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, requireDocker, TestHome } from './harness.js';

let t: TestHome;
let userHome: string;
let url: string;
const NS = 'incluster-e2e';
const WGET = 'wget -q -O- --no-check-certificate';
const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));

/** `sh -c script` in the pod's container, with `args` as $1... */
const inPod = (script: string, ...args: string[]) =>
  t.run(['exec', 'client', '-n', NS, '--', 'sh', '-c', script, 'sh', ...args]);

/** The real kubectl with no kubeconfig: the given server, the CA and a bearer token. */
const kubectl = (server: string, token: string, args: string[]) =>
  t.kubectlWithToken(server, token, userHome, args);

const manifests = `apiVersion: v1
kind: Namespace
metadata: {name: ${NS}}
---
apiVersion: v1
kind: Namespace
metadata: {name: other}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: robot, namespace: other}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: ${NS}}
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - name: c
    image: busybox:1.36
    command: [sh, -c, 'while true; do cat /var/run/secrets/tokens/short; echo; sleep 0.5; done']
    volumeMounts: [{name: short, mountPath: /var/run/secrets/tokens}]
  volumes:
  - name: short
    projected:
      sources:
      - serviceAccountToken: {path: short, expirationSeconds: 10}
`;

beforeAll(async () => {
  requireDocker();
  if (spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status !== 0)
    throw new Error('kubectl is not installed: these tests drive the real kubectl (v1.32).');
  t = new TestHome('mkube-e2e-incluster-', { MKUBE_MIN_TOKEN_SECONDS: '10' });
  userHome = mkdtempSync(join(tmpdir(), 'mkube-e2e-incluster-user-'));
  expect(t.run(['agent', 'start']).code).toBe(0);
  url = await t.apiServerUrl();
  expect(t.run(['apply', '-f', '-'], { input: manifests }).code).toBe(0);
  expect(t.run(['wait', '--for=condition=Ready', 'pod/client', '-n', NS, '--timeout=30s']).code).toBe(0);
});
afterAll(() => {
  t?.cleanup();
  if (userHome) rmSync(userHome, { recursive: true, force: true });
});

describe('the API from inside a pod', () => {
  it("makes the kubernetes Service's endpoints the API endpoint on the network's gateway", () => {
    const gateway = t.networkGateway();
    const port = new URL(url).port;
    expect(
      t.run([
        'get',
        'endpoints,endpointslices',
        'kubernetes',
        '-o',
        'jsonpath={range .items[*]}{.kind} {.subsets[0].addresses[0].ip}{.endpoints[0].addresses[0]} {.subsets[0].ports[0].port}{.ports[0].port}{"\\n"}{end}',
      ]),
    ).toEqual({
      code: 0,
      stdout: `Endpoints ${gateway} ${port}\nEndpointSlice ${gateway} ${port}\n`,
      stderr: '',
    });
  });

  it('lists pods with the mounted token at kubernetes.default.svc and at $KUBERNETES_SERVICE_HOST', () => {
    const listed = inPod(
      `${WGET} --header "Authorization: Bearer $(cat ${SA_DIR}/token)" https://kubernetes.default.svc/api/v1/namespaces/$(cat ${SA_DIR}/namespace)/pods`,
    );
    expect(listed.code).toBe(0);
    const list = JSON.parse(listed.stdout);
    expect([list.kind, list.items.map((p: { metadata: { name: string } }) => p.metadata.name)]).toEqual([
      'PodList',
      ['client'],
    ]);
    const version = inPod(
      `${WGET} --header "Authorization: Bearer $(cat ${SA_DIR}/token)" https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT/version`,
    );
    expect(JSON.parse(version.stdout)).toEqual({
      major: '1',
      minor: '32',
      gitVersion: 'v1.32.0+mkube.0.1.0',
      gitCommit: '',
      gitTreeState: '',
      buildDate: '',
      goVersion: '',
      compiler: '',
      platform: 'linux/amd64',
    });
  });

  it("says who the pod's token is: its ServiceAccount, bound to the pod", () => {
    const r = inPod(
      `T=$(cat ${SA_DIR}/token); echo "$T"; ${WGET} --header "Authorization: Bearer $T" --header 'Content-Type: application/json' --post-data '{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}' https://kubernetes.default.svc/apis/authentication.k8s.io/v1/selfsubjectreviews`,
    );
    expect(r.code).toBe(0);
    const [token, review] = r.stdout.split('\n') as [string, string];
    const pod = JSON.parse(t.run(['get', 'pod', 'client', '-n', NS, '-o', 'json']).stdout);
    const sa = JSON.parse(t.run(['get', 'sa', 'default', '-n', NS, '-o', 'json']).stdout);
    expect(JSON.parse(review)).toEqual({
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      status: {
        userInfo: {
          username: `system:serviceaccount:${NS}:default`,
          uid: sa.metadata.uid,
          groups: ['system:serviceaccounts', `system:serviceaccounts:${NS}`, 'system:authenticated'],
          extra: {
            'authentication.kubernetes.io/credential-id': [`JTI=${claimsOf(token).jti}`],
            'authentication.kubernetes.io/pod-name': ['client'],
            'authentication.kubernetes.io/pod-uid': [pod.metadata.uid],
          },
        },
      },
    });
  });

  it("accepts another namespace's ServiceAccount token as that account, and refuses a garbage one", () => {
    const robot = t.run(['create', 'token', 'robot', '-n', 'other']).stdout.trim();
    const uid = JSON.parse(t.run(['get', 'sa', 'robot', '-n', 'other', '-o', 'json']).stdout).metadata.uid;
    const listed = inPod(
      `${WGET} --header "Authorization: Bearer $1" https://kubernetes.default.svc/api/v1/namespaces/other/serviceaccounts`,
      robot,
    );
    expect(
      JSON.parse(listed.stdout)
        .items.map((s: { metadata: { name: string } }) => s.metadata.name)
        .sort(),
    ).toEqual(['default', 'robot']);
    // The real kubectl's whoami with the same token, through the Service's ClusterIP.
    const clusterIP = t.run(['get', 'svc', 'kubernetes', '-o', 'jsonpath={.spec.clusterIP}']).stdout;
    expect(kubectl(`https://${clusterIP}`, robot, ['auth', 'whoami'])).toEqual({
      code: 0,
      stdout: [
        'ATTRIBUTE                                           VALUE',
        'Username                                            system:serviceaccount:other:robot',
        `UID                                                 ${uid}`,
        'Groups                                              [system:serviceaccounts system:serviceaccounts:other system:authenticated]',
        `Extra: authentication.kubernetes.io/credential-id   [JTI=${claimsOf(robot).jti}]`,
        '',
      ].join('\n'),
      stderr: '',
    });
    // No authorization in mkube: kubectl's can-i (a protobuf SelfSubjectAccessReview) says yes.
    expect(kubectl(`https://${clusterIP}`, robot, ['auth', 'can-i', 'delete', 'pods', '-n', NS])).toEqual({
      code: 0,
      stdout: 'yes\n',
      stderr: '',
    });
    expect(
      inPod(
        `${WGET} --header "Authorization: Bearer not-a-token" https://kubernetes.default.svc/api/v1/pods`,
      ),
    ).toEqual({
      code: 1,
      stdout: '',
      stderr: 'wget: server returned error: HTTP/1.1 401 Unauthorized\ncommand terminated with exit code 1\n',
    });
  });

  it("presents a certificate valid for the Service's names and its ClusterIP", () => {
    const admin = readFileSync(join(t.home, 'pki', 'token'), 'utf8').trim();
    const clusterIP = t.run(['get', 'svc', 'kubernetes', '-o', 'jsonpath={.spec.clusterIP}']).stdout;
    for (const name of ['', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'kubernetes'])
      expect(
        kubectl(`https://${clusterIP}`, admin, [
          ...(name ? ['--tls-server-name', name] : []),
          'get',
          'svc',
          'kubernetes',
          '-o',
          'name',
        ]),
      ).toEqual({ code: 0, stdout: 'service/kubernetes\n', stderr: '' });
  });

  it('replaces a short-lived projected token in the pod before it expires', async () => {
    // The container prints its token file twice a second: wait for a second token to appear.
    const tokens = await eventually(
      () => {
        const seen = [
          ...new Set(
            t
              .run(['logs', 'client', '-n', NS])
              .stdout.split('\n')
              .filter((l) => l.split('.').length === 3),
          ),
        ];
        return seen.length >= 2 ? seen : undefined;
      },
      15_000,
      250,
    );
    const [first, second] = tokens.map(claimsOf);
    // Replaced at 80 % of its 10 s (within the second the kubelet's clock rounds to), before expiry.
    expect([second.iat - first.iat >= 7, second.iat < first.exp, second.exp - second.iat]).toEqual([
      true,
      true,
      10,
    ]);
    expect(second['kubernetes.io'].pod.name).toBe('client');
  });
});
