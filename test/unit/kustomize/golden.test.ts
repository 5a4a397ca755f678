// Every kustomization under test/fixtures/kustomize/cases built by mkube and by `kubectl
// kustomize` (the oracle, run here): the same bytes on stdout, the same warnings, the same error.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
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

/** `kubectl kustomize DIR`, run concurrently for every case (it takes a while to start). */
function kubectl(dir: string): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile('kubectl', ['kustomize', dir], { encoding: 'utf8' }, (err, stdout, stderr) => {
      const failed = err !== null;
      resolve({
        stdout: failed ? '' : stdout,
        warnings: stderr.split('\n').filter((l) => l.startsWith('# Warning:')),
        error: failed ? klogError(stderr) : undefined,
      });
    });
  });
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
  const oracle = new Map<string, Outcome>();
  beforeAll(async () => {
    const outcomes = await Promise.all(cases.map((name) => kubectl(join(CASES, name))));
    for (const [i, name] of cases.entries()) oracle.set(name, outcomes[i]!);
  }, 120_000);
  it('has at least 10 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });
  for (const name of cases) {
    it(name, () => {
      const want = oracle.get(name)!;
      expect(want.stdout === '' && want.error === undefined).toBe(false);
      expect(mkube(join(CASES, name))).toEqual(want);
    });
  }
});
