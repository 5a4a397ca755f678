// `mkube __complete` and `mkube completion` in-process against a state directory: the whole
// stdout and stderr cobra's callback prints, with names read from the store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pod, TempStore } from '../verbs/harness.js';

let t: TempStore;
beforeEach(() => {
  t = new TempStore();
});
afterEach(() => t.cleanup());

const NO_FILES = 'Completion ended with directive: ShellCompDirectiveNoFileComp\n';

describe('mkube __complete', () => {
  it('lists every verb, help and completion included, by name', async () => {
    expect(await t.run(['__completeNoDesc', ''])).toEqual({
      code: 0,
      out: `${[
        'agent',
        'annotate',
        'api-resources',
        'api-versions',
        'apply',
        'attach',
        'autoscale',
        'cluster-info',
        'completion',
        'config',
        'cordon',
        'cp',
        'create',
        'delete',
        'describe',
        'diff',
        'drain',
        'edit',
        'events',
        'exec',
        'explain',
        'expose',
        'get',
        'help',
        'kubeconfig',
        'kustomize',
        'label',
        'logs',
        'patch',
        'port-forward',
        'replace',
        'reset',
        'rollout',
        'run',
        'scale',
        'set',
        'taint',
        'top',
        'uncordon',
        'version',
        'wait',
      ].join('\n')}\n:4\n`,
      err: NO_FILES,
    });
    expect(await t.run(['__complete', 'comp'])).toEqual({
      code: 0,
      out: 'completion\tOutput shell completion code for the specified shell (bash, zsh, fish, or powershell)\n:4\n',
      err: NO_FILES,
    });
  });

  it('completes resource types, then the pods of the namespace from the state directory', async () => {
    await t.create(pod('web'));
    await t.create(pod('db'));
    await t.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    await t.create({ ...pod('api'), metadata: { name: 'api', namespace: 'dev' } });
    expect(await t.run(['__complete', 'get', 'po'])).toEqual({
      code: 0,
      out: 'pods\npodtemplates\npods.metrics.k8s.io\npoddisruptionbudgets.policy\n:4\n',
      err: NO_FILES,
    });
    expect(await t.run(['__complete', 'get', 'pods', ''])).toEqual({
      code: 0,
      out: 'db\nweb\n:4\n',
      err: NO_FILES,
    });
    expect(await t.run(['__complete', 'logs', 'w'])).toEqual({ code: 0, out: 'web\n:4\n', err: NO_FILES });
    expect(await t.run(['__complete', 'exec', '-n', 'dev', ''])).toEqual({
      code: 0,
      out: 'api\n:4\n',
      err: NO_FILES,
    });
    expect(await t.run(['__complete', 'get', '-n', ''])).toEqual({
      code: 0,
      out: 'default\ndev\nkube-node-lease\nkube-public\nkube-system\n:4\n',
      err: NO_FILES,
    });
    expect(t.agentCalls).toBe(0);
  });

  it("completes contexts from mkube's kubeconfig and flags of the verb", async () => {
    expect(await t.run(['__complete', 'get', '--context', ''])).toEqual({
      code: 0,
      out: 'mkube\n:4\n',
      err: NO_FILES,
    });
    expect(await t.run(['__complete', 'get', '--wat'])).toEqual({
      code: 0,
      out:
        '--watch\tAfter listing/getting the requested object, watch for changes.\n' +
        '--watch-only\tWatch for changes to the requested object(s), without listing/getting first.\n:4\n',
      err: NO_FILES,
    });
  });
});

describe('mkube __complete on a broken state directory', () => {
  it('answers the error directive and the reason on stderr, no stack trace', async () => {
    t.store.list = () => {
      throw new Error('EIO: i/o error, scandir');
    };
    expect(await t.run(['__complete', 'get', 'pods', ''])).toEqual({
      code: 0,
      out: ':1\n',
      err: 'EIO: i/o error, scandir\nCompletion ended with directive: ShellCompDirectiveError\n',
    });
  });
});

describe('mkube completion', () => {
  it('prints the script for each shell, naming mkube', async () => {
    for (const shell of ['bash', 'zsh', 'fish', 'powershell']) {
      const run = await t.run(['completion', shell]);
      expect({ code: run.code, err: run.err, first: run.out.split('\n')[0] }).toEqual({
        code: 0,
        err: '',
        first: {
          bash: '# bash completion V2 for mkube                               -*- shell-script -*-',
          zsh: '#compdef mkube',
          fish: '# fish completion for mkube                             -*- shell-script -*-',
          powershell: '# powershell completion for mkube                       -*- shell-script -*-',
        }[shell],
      });
    }
  });

  it('fails as kubectl without a shell, with an unknown one, or with two', async () => {
    const hint = "See 'mkube completion -h' for help and examples\n";
    expect(await t.run(['completion'])).toEqual({
      code: 1,
      out: '',
      err: `error: Shell not specified.\n${hint}`,
    });
    expect(await t.run(['completion', 'tcsh'])).toEqual({
      code: 1,
      out: '',
      err: `error: Unsupported shell type "tcsh".\n${hint}`,
    });
    expect(await t.run(['completion', 'bash', 'zsh'])).toEqual({
      code: 1,
      out: '',
      err: `error: Too many arguments. Expected only the shell type.\n${hint}`,
    });
  });
});
