// `source <(mkube completion bash)` in a real bash: the registered function, driven as bash
// drives it on TAB (COMP_WORDS/COMP_CWORD set, then called), asks the built mkube through
// `__complete` and fills COMPREPLY with resource types and the pod names in the home. Store
// only: the pods are created without an agent, and completing must not start one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, TestHome } from './harness.js';

const PODS = ['web', 'db']
  .map(
    (name) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: app\n    image: busybox:1.36\n`,
  )
  .join('---\n');

let t: TestHome;
let bin: string;
beforeAll(() => {
  t = new TestHome('mkube-e2e-completion-');
  // The script calls back the program by the name typed: put `mkube` on PATH.
  bin = mkdtempSync(join(tmpdir(), 'mkube-e2e-completion-bin-'));
  symlinkSync(BIN, join(bin, 'mkube'));
  const created = spawnSync(process.execPath, [BIN, 'apply', '-f', '-'], {
    env: { ...t.env, MKUBE_NO_AUTOSTART: '1' },
    input: PODS,
    encoding: 'utf8',
  });
  expect(created.stdout).toBe('pod/web created\npod/db created\n');
});
afterAll(() => {
  t?.cleanup();
  if (bin) rmSync(bin, { recursive: true, force: true });
});

/** COMPREPLY, one a line, after bash's completion of `line` (the cursor at its end). */
function tab(line: string): string {
  const script = `
source <(mkube completion bash) || exit 9
# bash breaks words at '=' too (COMP_WORDBREAKS): --namespace=x is three words.
read -ra COMP_WORDS <<<"\${LINE//=/ = }"
[[ $LINE == *' ' ]] && COMP_WORDS+=("")
COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
COMP_LINE=$LINE
COMP_POINT=\${#LINE}
$(complete -p mkube | sed -E 's/.* -F ([^ ]+) .*/\\1/') mkube "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\\n' "\${COMPREPLY[@]}"
`;
  const r = spawnSync('bash', ['-c', script], {
    env: { ...t.env, PATH: `${bin}:${process.env.PATH}`, LINE: line },
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  return r.stdout;
}

describe('bash completion', () => {
  it('registers a completion function for mkube', () => {
    const r = spawnSync('bash', ['-c', 'source <(mkube completion bash) && complete -p mkube'], {
      env: { ...t.env, PATH: `${bin}:${process.env.PATH}` },
      encoding: 'utf8',
    });
    expect(r.stdout).toBe('complete -o default -F __start_mkube mkube\n');
  });

  it('completes `mkube get po<TAB>` with the resource types, pods first', () => {
    expect(tab('mkube get po')).toBe(
      'pods\npodtemplates\npods.metrics.k8s.io\npoddisruptionbudgets.policy\n',
    );
    expect(tab('mkube get pods.m')).toBe('pods.metrics.k8s.io\n');
  });

  it('completes `mkube get pods <TAB>` and `mkube logs <TAB>` with the pods in the home, without an agent', () => {
    expect(tab('mkube get pods ')).toBe('db\nweb\n');
    expect(tab('mkube logs w')).toBe('web\n');
    expect(tab('mkube get --namespace=kube-p')).toBe('kube-public\n');
    expect(tab('mkube ge')).toBe('get\n');
    expect(existsSync(join(t.home, 'agent.pid'))).toBe(false);
  });
});
