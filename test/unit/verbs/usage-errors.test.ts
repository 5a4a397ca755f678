// Usage errors worded as upstream kubectl words them (cobra/pflag): each expected text is
// kubectl v1.32's with `kubectl` replaced by `mkube` (and `Error:` by upstream's `error:`).
import { afterAll, describe, expect, it } from 'vitest';
import { hoistGlobalFlags, kubeconfigFlags } from '../../../src/commands/global-flags.js';
import { levenshtein, suggestionsFor } from '../../../src/commands/usage-errors.js';
import { TempStore } from './harness.js';

const t = new TempStore();
afterAll(() => t.cleanup());

const CASES: Array<[string[], string]> = [
  // mkube has `top` and `cp`, suggested in command order as kubectl does.
  [['tpo'], 'error: unknown command "tpo" for "mkube"\n\nDid you mean this?\n\ttop\n\tcp\n'],
  [['crate'], 'error: unknown command "crate" for "mkube"\n\nDid you mean this?\n\tcreate\n'],
  [['gett'], 'error: unknown command "gett" for "mkube"\n\nDid you mean this?\n\tset\n\tget\n\tagent\n'],
  [['desc'], 'error: unknown command "desc" for "mkube"\n\nDid you mean this?\n\tdescribe\n'],
  [['get', '--bogus'], "error: unknown flag: --bogus\nSee 'mkube get --help' for usage.\n"],
  [['get', 'pods', '-x'], "error: unknown shorthand flag: 'x' in -x\nSee 'mkube get --help' for usage.\n"],
  [['get', 'pods', '-o'], "error: flag needs an argument: 'o' in -o\nSee 'mkube get --help' for usage.\n"],
  [['get', '-n'], "error: flag needs an argument: 'n' in -n\nSee 'mkube get --help' for usage.\n"],
  [['get', '--namespace'], "error: flag needs an argument: --namespace\nSee 'mkube get --help' for usage.\n"],
  [
    ['create', 'deployment', 'x', '--image'],
    "error: flag needs an argument: --image\nSee 'mkube create deployment --help' for usage.\n",
  ],
  [['create', 'foo'], "error: Unexpected args: [foo]\nSee 'mkube create -h' for help and examples\n"],
  [['set', 'foo'], 'error: unknown command "foo"\nSee \'mkube set -h\' for help and examples\n'],
  [['rollout', 'foo'], 'error: unknown command "foo"\nSee \'mkube rollout -h\' for help and examples\n'],
  [['config', 'foo'], 'error: unknown command "foo"\nSee \'mkube config -h\' for help and examples\n'],
  [['create', 'deployment', 'x'], 'error: required flag(s) "image" not set\n'],
  [['create', 'deployment'], 'error: required flag(s) "image" not set\n'],
  [['--bogus'], "error: unknown flag: --bogus\nSee 'mkube --help' for usage.\n"],
  [['config', '--bogus'], "error: unknown flag: --bogus\nSee 'mkube config --help' for usage.\n"],
  [
    ['diff', '-f', 'x.yaml', '--bogus'],
    "error: unknown flag: --bogus\nSee 'mkube diff -h' for help and examples\n",
  ],
];

describe('usage errors', () => {
  for (const [args, err] of CASES) {
    it(`mkube ${args.join(' ')}`, async () => {
      const r = await t.run(args);
      expect(r).toEqual({ code: args[0] === 'diff' ? 2 : 1, out: '', err });
    });
  }
});

describe('a group without its subcommand', () => {
  // cobra prints the help on stdout and succeeds.
  for (const args of [[], ['-n', 'dev'], ['config'], ['rollout'], ['set']]) {
    it(`mkube ${args.join(' ')} prints help`, async () => {
      const help = await t.run([...args, '--help']);
      expect(await t.run(args)).toEqual({ code: 0, out: help.out, err: '' });
      expect(help.out).toMatch(/^.+\n(.|\n)*\nUsage:\n {2}mkube .*\[options\]\n\n/);
    });
  }
});

describe("cobra's suggestions", () => {
  it('measures Levenshtein distance without case', () => {
    expect([levenshtein('tpo', 'top'), levenshtein('tpo', 'cp'), levenshtein('GET', 'get')]).toEqual([
      2, 2, 0,
    ]);
  });
  it('suggests within distance 2 and by prefix, in command order', () => {
    const kubectl = [
      'create',
      'expose',
      'run',
      'set',
      'get',
      'top',
      'cp',
      'apply',
      'api-versions',
      'api-resources',
    ];
    expect(suggestionsFor('ap', kubectl)).toEqual(['top', 'cp', 'apply', 'api-versions', 'api-resources']);
    expect(suggestionsFor('tpo', kubectl)).toEqual(['top', 'cp']);
  });
});

describe('global flags before the verb', () => {
  const HOIST: Array<[string[], string[]]> = [
    [
      ['-n', 'x', 'get', 'pods'],
      ['get', 'pods', '-n', 'x'],
    ],
    [
      ['--namespace=x', 'get', 'pods', '-o', 'name'],
      ['get', 'pods', '-o', 'name', '--namespace=x'],
    ],
    [
      ['--context', 'c', '-v', '6', 'exec', 'p', '--', 'ls', '-n'],
      ['exec', 'p', '--context', 'c', '-v', '6', '--', 'ls', '-n'],
    ],
    [
      ['--bogus', 'get'],
      ['--bogus', 'get'],
    ],
    [
      ['-n', 'x'],
      ['-n', 'x'],
    ],
    [
      ['get', '-n', 'x'],
      ['get', '-n', 'x'],
    ],
  ];
  for (const [args, want] of HOIST) {
    it(`moves ${args.join(' ')}`, () => expect(hoistGlobalFlags(args)).toEqual(want));
  }
  it('reads --context and --kubeconfig, never past --', () => {
    expect(kubeconfigFlags(['get', '--context', 'a', '--kubeconfig=/k', '--', '--context', 'b'])).toEqual({
      context: 'a',
      kubeconfig: '/k',
    });
  });
  it('are accepted by every verb', async () => {
    expect(
      await t.run(['--request-timeout=5s', '--user', 'u', 'config', 'current-context', '-v', '2']),
    ).toEqual({
      code: 0,
      out: 'mkube\n',
      err: '',
    });
  });
});
