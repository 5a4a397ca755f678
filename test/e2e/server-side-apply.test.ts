// `mkube apply --server-side` end to end through the built CLI, on the state alone (no agent, no
// Docker: MKUBE_NO_AUTOSTART): create, an unchanged re-apply, a conflict with what `scale`
// changed (kubectl's error and advice), and --force-conflicts taking the field back; the
// managedFields as `get --show-managed-fields` prints them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TestHome } from './harness.js';

class StoreOnlyHome extends TestHome {
  override get env(): NodeJS.ProcessEnv {
    return { ...super.env, MKUBE_NO_AUTOSTART: '1' };
  }
}

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

const APPLIED_FIELDS = {
  'f:metadata': { 'f:labels': { 'f:app': {} } },
  'f:spec': {
    'f:replicas': {},
    'f:selector': {},
    'f:template': {
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
    },
  },
};

const ADVICE = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe('apply --server-side', () => {
  const t = new StoreOnlyHome('mkube-ssa-');
  const file = join(t.home, 'web.yaml');
  writeFileSync(file, MANIFEST);
  afterAll(() => t.cleanup());

  const managed = () =>
    JSON.parse(t.run(['get', 'deploy', 'web', '-o', 'json', '--show-managed-fields']).stdout);

  it('creates, re-applies unchanged, conflicts with scale, and takes the field with --force-conflicts', () => {
    const ok = { code: 0, stdout: 'deployment.apps/web serverside-applied\n', stderr: '' };
    expect(t.run(['apply', '--server-side', '-f', file])).toEqual(ok);
    const created = managed();
    expect(created.metadata.managedFields).toEqual([
      {
        apiVersion: 'apps/v1',
        fieldsType: 'FieldsV1',
        fieldsV1: APPLIED_FIELDS,
        manager: 'kubectl',
        operation: 'Apply',
        time: expect.stringMatching(TIME),
      },
    ]);
    // Without the flag, get leaves them out as kubectl does.
    const plain = JSON.parse(t.run(['get', 'deploy', 'web', '-o', 'json']).stdout);
    expect(plain.metadata.managedFields).toBeUndefined();

    expect(t.run(['apply', '--server-side', '-f', file])).toEqual(ok);
    expect(managed().metadata.resourceVersion).toBe(created.metadata.resourceVersion);

    expect(t.run(['scale', 'deploy/web', '--replicas=5'])).toEqual({
      code: 0,
      stdout: 'deployment.apps/web scaled\n',
      stderr: '',
    });
    expect(t.run(['apply', '--server-side', '-f', file])).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas\n${ADVICE}\n`,
    });
    expect(managed().spec.replicas).toBe(5);

    expect(t.run(['apply', '--server-side', '--force-conflicts', '-f', file])).toEqual(ok);
    const forced = managed();
    expect([forced.spec.replicas, forced.metadata.managedFields]).toEqual([
      2,
      [
        {
          apiVersion: 'apps/v1',
          fieldsType: 'FieldsV1',
          fieldsV1: APPLIED_FIELDS,
          manager: 'kubectl',
          operation: 'Apply',
          time: expect.stringMatching(TIME),
        },
      ],
    ]);
  });
});
