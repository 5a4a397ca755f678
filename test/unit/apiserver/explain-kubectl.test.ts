// `mkube explain` against the real `kubectl explain`: kubectl reads the OpenAPI documents from the
// endpoint's OpenAPI handler (served over plain HTTP here, with stub discovery; v3 as JSON, v2 as
// protobuf), mkube renders the same documents itself; both must print the same bytes, errors
// included.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain, parseExplainTarget } from '../../../src/commands/explain.js';
import { OpenApiTestServer } from './openapi-server.js';

let server: OpenApiTestServer;
beforeAll(async () => {
  server = new OpenApiTestServer();
  await server.start();
});
afterAll(() => server.stop());

interface Outcome {
  out: string;
  err: string;
}

function kubectl(args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile('kubectl', server.kubectlArgs('explain', ...args), { encoding: 'utf8' }, (_e, stdout, stderr) =>
      // This machine's kubectl is a vendor build that capitalizes `Error:`; upstream prints `error:`.
      resolve({ out: stdout, err: stderr.replace(/^Error: /, 'error: ') }),
    );
  });
}

function mkube(args: string[]): Outcome {
  const recursive = args.includes('--recursive');
  const apiVersion = args.find((a) => a.startsWith('--api-version='))?.split('=')[1];
  const format = args.find((a) => a.startsWith('-o='))?.split('=')[1] ?? 'plaintext';
  const target = args.find((a) => !a.startsWith('-'))!;
  const { out, error } = explain(parseExplainTarget(target, apiVersion), recursive, format);
  return { out, err: error ? `error: ${error.replace(/^error: /, '')}\n` : '' };
}

const CASES = [
  ['pods'],
  ['pod.spec.containers'],
  ['deployment', '--recursive'],
  ['deployments.apps.spec.strategy'],
  ['svc.spec.ports'],
  ['service.spec.ports.targetPort'],
  ['pods.metadata.creationTimestamp'],
  ['po.spec.containers.resources.limits'],
  ['cronjob.spec.jobTemplate.spec.template.spec.volumes.configMap', '--recursive'],
  ['ingress.spec.rules.http.paths.backend'],
  ['hpa', '--api-version=autoscaling/v2'],
  ['pod.spec.nope'],
  ['deployment', '--api-version=apps/v2'],
  // The older printer, over /openapi/v2 in its protobuf encoding.
  ['deployment', '-o=plaintext-openapiv2'],
  ['pods.spec.containers.ports', '-o=plaintext-openapiv2'],
  ['svc.spec.ports.targetPort', '-o=plaintext-openapiv2'],
  ['configmap.metadata.creationTimestamp', '-o=plaintext-openapiv2'],
  ['job.spec', '--recursive', '-o=plaintext-openapiv2'],
  ['pod.spec.nope', '-o=plaintext-openapiv2'],
];

describe('mkube explain prints what kubectl explain prints from the endpoint', () => {
  it('matches for every case', async () => {
    const outcomes = await Promise.all(CASES.map((c) => kubectl(c)));
    for (const [i, args] of CASES.entries())
      expect({ args, ...mkube(args) }).toEqual({ args, ...outcomes[i] });
  });
});
