// `mkube kustomize DIR` as a command: the build on stdout, kustomize's warnings on stderr, its
// errors as kubectl prints them, and --load-restrictor.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempStore } from './harness.js';

const CASES = join(import.meta.dirname, '../../fixtures/kustomize/cases');
let t: TempStore;
beforeEach(() => {
  t = new TempStore();
});
afterEach(() => t.cleanup());

describe('mkube kustomize', () => {
  it('prints what kubectl kustomize prints, warnings on stderr', async () => {
    const dir = join(CASES, 'prod-overlay');
    expect(await t.run(['kustomize', dir])).toEqual({
      code: 0,
      out: execFileSync('kubectl', ['kustomize', dir], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
      err: [
        "# Warning: 'bases' is deprecated. Please use 'resources' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
        "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
        '',
      ].join('\n'),
    });
  });

  it('reports errors as kubectl does, and lets files outside the root in with LoadRestrictionsNone', async () => {
    const dir = join(CASES, 'error-file-outside-root');
    const outside = join(CASES, '../bases/redis/statefulset.yaml');
    expect(await t.run(['kustomize', dir])).toEqual({
      code: 1,
      out: '',
      err: `error: accumulating resources: accumulation err='accumulating resources from '../../bases/redis/statefulset.yaml': security; file '${outside}' is not in or below '${dir}'': must build at directory: '${outside}': file is not directory\n`,
    });
    const r = await t.run(['kustomize', dir, '--load-restrictor=LoadRestrictionsNone']);
    expect(r).toEqual({
      code: 0,
      out: execFileSync('kubectl', ['kustomize', dir, '--load-restrictor=LoadRestrictionsNone'], {
        encoding: 'utf8',
      }),
      err: '',
    });
  });
});
