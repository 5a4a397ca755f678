// Every kustomization under test/fixtures/kustomize/cases built by mkube and by `kubectl
// kustomize` (the oracle, run here): the same bytes on stdout, the same warnings, the same error.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kustomizeBuild, renderKustomize } from '../../../src/kustomize/index.js';

const CASES = join(import.meta.dirname, '../../fixtures/kustomize/cases');

interface Outcome {
  stdout: string;
  warnings: string[];
  error?: string;
}

/** kubectl's klog line `... "command failed" err="<Go-quoted message>"` back to the message. */
function klogError(stderr: string): string | undefined {
  const m = stderr.match(/"command failed" err=("(?:[^"\\]|\\.)*")/);
  if (m) return JSON.parse(m[1]!);
  const plain = stderr.match(/^error: (.*)$/ims);
  return plain ? plain[1]!.trimEnd() : undefined;
}

function kubectl(dir: string): Outcome {
  const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  const lines = r.stderr.split('\n');
  return {
    stdout: r.status === 0 ? r.stdout : '',
    warnings: lines.filter((l) => l.startsWith('# Warning:')),
    error: r.status === 0 ? undefined : klogError(r.stderr),
  };
}

function mkube(dir: string): Outcome {
  try {
    const built = kustomizeBuild(dir);
    return { stdout: renderKustomize(built.objects), warnings: built.warnings };
  } catch (err) {
    return { stdout: '', warnings: [], error: (err as Error).message };
  }
}

describe('kustomize build matches kubectl kustomize byte for byte', () => {
  const cases = readdirSync(CASES).sort();
  it('has at least 10 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });
  for (const name of cases) {
    it(name, () => {
      const dir = join(CASES, name);
      const want = kubectl(dir);
      expect(want.stdout === '' && want.error === undefined).toBe(false);
      expect(mkube(dir)).toEqual(want);
    });
  }
});
