// `mkube kubeconfig --merge`: which file it writes and what it says.
import { afterAll, describe, expect, it } from 'vitest';
import { mergeMessage, userKubeconfigPath } from '../../../src/commands/kubeconfig.js';
import { emptyKubeconfig, initialKubeconfig } from '../../../src/state/kubeconfig.js';
import { TempStore } from './harness.js';

const t = new TempStore();
afterAll(() => t.cleanup());

describe('userKubeconfigPath', () => {
  it.each([
    ['~/.kube/config without KUBECONFIG', {}, '/home/me/.kube/config'],
    ['~/.kube/config with an empty KUBECONFIG', { KUBECONFIG: '' }, '/home/me/.kube/config'],
    ['the first file of KUBECONFIG', { KUBECONFIG: '/a/one:/b/two' }, '/a/one'],
    ['the first non-empty entry', { KUBECONFIG: ':/b/two' }, '/b/two'],
  ])('%s', (_name, env, expected) => {
    expect(userKubeconfigPath(env, '/home/me')).toBe(expected);
  });
});

describe('mergeMessage', () => {
  it('says created or modified, and the switch when asked', () => {
    expect(mergeMessage(emptyKubeconfig(), '/h/.kube/config', false)).toBe(
      'Context "mkube" created in /h/.kube/config.\n',
    );
    expect(mergeMessage(initialKubeconfig(), '/h/.kube/config', true)).toBe(
      'Context "mkube" modified in /h/.kube/config.\nSwitched to context "mkube".\n',
    );
  });
});

describe('usage errors', () => {
  it('refuses --set-current without --merge, and arguments, before starting anything', async () => {
    expect(await t.run(['kubeconfig', '--set-current'])).toEqual({
      code: 1,
      out: '',
      err: 'error: --set-current can only be used with --merge\n',
    });
    expect(await t.run(['kubeconfig', 'foo'])).toEqual({
      code: 1,
      out: '',
      err: "error: unexpected arguments: [foo]\nSee 'mkube kubeconfig -h' for help and examples\n",
    });
    expect(t.agentCalls).toBe(0);
  });
});
