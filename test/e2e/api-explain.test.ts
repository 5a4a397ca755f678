// `kubectl explain` through the agent's API endpoint (OpenAPI v3, and v2 in protobuf) prints what
// `mkube explain` prints without it: the same documents, the same rendering, end to end.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireDocker, TestHome } from './harness.js';

let t: TestHome;
let cacheDir: string;

/** The real kubectl against the endpoint, with a discovery/OpenAPI cache of its own. */
function kubectl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const all = ['--kubeconfig', join(t.home, 'kubeconfig'), '--cache-dir', cacheDir, ...args];
  return new Promise((resolve) => {
    execFile('kubectl', all, { encoding: 'utf8', timeout: 30_000 }, (e, stdout, stderr) =>
      // This machine's kubectl is a vendor build that capitalizes `Error:`; upstream prints `error:`.
      resolve({
        code: e ? ((e as { code?: number }).code ?? -1) : 0,
        stdout,
        stderr: stderr.replace(/^Error: /, 'error: '),
      }),
    );
  });
}

beforeAll(async () => {
  requireDocker();
  if (spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status !== 0)
    throw new Error('kubectl is not installed: this test drives the real kubectl (v1.32).');
  t = new TestHome('mkube-e2e-explain-');
  cacheDir = mkdtempSync(join(tmpdir(), 'mkube-e2e-kcache-'));
  expect(t.run(['agent', 'start']).code).toBe(0);
  await t.apiServerUrl();
});
afterAll(() => {
  t?.cleanup();
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

describe('kubectl explain through the endpoint', () => {
  it('prints what mkube explain prints, for fields, --recursive, plaintext-openapiv2 and errors', async () => {
    const cases = [
      ['pod.spec.containers'],
      ['deployment', '--recursive'],
      ['sts.spec.volumeClaimTemplates', '-o', 'plaintext-openapiv2'],
      ['pod.spec.nope'],
    ];
    const viaEndpoint = await Promise.all(cases.map((c) => kubectl(['explain', ...c])));
    for (const [i, args] of cases.entries())
      expect({ args, ...t.run(['explain', ...args]) }).toEqual({ args, ...viaEndpoint[i] });
    expect(viaEndpoint.map((r) => r.code)).toEqual([0, 0, 0, 1]);
  });
});
