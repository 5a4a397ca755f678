// The candidates `__complete` computes, on a small command tree and fixed state: whole
// candidate lists and the directive, as cobra answers them for kubectl.
import { describe, expect, it } from 'vitest';
import {
  type CompCommand,
  type CompData,
  type CompFlag,
  complete,
  Directive,
  directiveMessage,
  formatCompletion,
} from '../../../src/commands/completion/candidates.js';

const GLOBAL: CompFlag[] = [
  { long: 'context', description: 'The name of the kubeconfig context to use', takesValue: true },
  {
    short: 'n',
    long: 'namespace',
    description: 'If present, the namespace scope for this CLI request',
    takesValue: true,
  },
];
const HELP = (name: string): CompFlag => ({
  long: 'help',
  short: 'h',
  description: `help for ${name}`,
  takesValue: false,
});
const leaf = (name: string, description: string, flags: CompFlag[] = []): CompCommand => ({
  name,
  description,
  flags: [...flags, HELP(name)],
  inherited: GLOBAL,
  subcommands: [],
});

const ROOT: CompCommand = {
  name: 'mkube',
  description: '',
  flags: [],
  inherited: GLOBAL,
  subcommands: [
    leaf('logs', 'Print the logs for a container in a pod'),
    leaf('get', 'Display one or many resources', [
      {
        short: 'w',
        long: 'watch',
        description: 'After listing/getting the requested object, watch for changes.',
        takesValue: false,
      },
      { short: 'f', long: 'filename', description: 'Filename, directory, or URL to files', takesValue: true },
      { short: 'l', long: 'selector', description: 'Selector (label query) to filter on', takesValue: true },
      {
        short: 'o',
        long: 'output',
        description: 'Output format. One of: (json, yaml, name, wide). See custom columns',
        takesValue: true,
      },
    ]),
    leaf('version', 'Print the client and server version information', [
      { short: 'o', long: 'output', description: 'Output format. One of: (json, yaml).', takesValue: true },
    ]),
    {
      ...leaf('config', 'Modify kubeconfig files'),
      subcommands: [
        leaf('use-context', 'Set the current-context in a kubeconfig file'),
        leaf('current-context', 'Display the current-context'),
      ],
    },
  ],
};

const PODS: Record<string, string[]> = { default: ['db', 'web', 'worker'], dev: ['api'] };
const DATA: CompData = {
  names: (type, ns) =>
    ['pods', 'pod', 'po'].includes(type) ? (PODS[ns] ?? []) : type === 'nodes' ? ['mkube'] : [],
  namespaces: () => ['default', 'dev', 'kube-system'],
  contexts: () => ['mkube', 'staging'],
  clusters: () => ['mkube'],
  users: () => ['mkube'],
  resourceTypes: () => [
    'configmaps',
    'pods',
    'podtemplates',
    'secrets',
    'deployments.apps',
    'poddisruptionbudgets.policy',
  ],
  defaultNamespace: 'default',
};

const run = (...words: string[]) => complete(ROOT, words, DATA);
const NO_FILES = Directive.NoFileComp;

describe('__complete candidates', () => {
  it('lists the verbs by name with their descriptions, or without for __completeNoDesc', () => {
    expect(run('')).toEqual({
      candidates: [
        'config\tModify kubeconfig files',
        'get\tDisplay one or many resources',
        'logs\tPrint the logs for a container in a pod',
        'version\tPrint the client and server version information',
      ],
      directive: NO_FILES,
    });
    expect(complete(ROOT, [''], DATA, false)).toEqual({
      candidates: ['config', 'get', 'logs', 'version'],
      directive: NO_FILES,
    });
    expect(run('co')).toEqual({ candidates: ['config\tModify kubeconfig files'], directive: NO_FILES });
    expect(run('config', '')).toEqual({
      candidates: [
        'current-context\tDisplay the current-context',
        'use-context\tSet the current-context in a kubeconfig file',
      ],
      directive: NO_FILES,
    });
  });

  it('completes resource types as api-resources -o name lists them, and lists of them', () => {
    expect(run('get', 'po')).toEqual({
      candidates: ['pods', 'podtemplates', 'poddisruptionbudgets.policy'],
      directive: NO_FILES,
    });
    expect(run('get', 'pods,sec')).toEqual({ candidates: ['pods,secrets'], directive: NO_FILES });
    expect(run('get', 'x')).toEqual({ candidates: [], directive: NO_FILES });
  });

  it('completes names of the type in the namespace, without those already typed', () => {
    expect(run('get', 'pods', '')).toEqual({ candidates: ['db', 'web', 'worker'], directive: NO_FILES });
    expect(run('get', 'pods', 'w')).toEqual({ candidates: ['web', 'worker'], directive: NO_FILES });
    expect(run('get', 'pods', 'web', '')).toEqual({ candidates: ['db', 'worker'], directive: NO_FILES });
    expect(run('get', '-n', 'dev', 'pods', '')).toEqual({ candidates: ['api'], directive: NO_FILES });
    expect(run('get', 'pods', '--namespace=dev', '')).toEqual({ candidates: ['api'], directive: NO_FILES });
    expect(run('-n', 'dev', 'get', 'po', '')).toEqual({ candidates: ['api'], directive: NO_FILES });
  });

  it('completes type/name, and after a type/name offers types with and without the slash', () => {
    expect(run('get', 'pods/w')).toEqual({ candidates: ['pods/web', 'pods/worker'], directive: NO_FILES });
    expect(run('get', 'pods/db', 'con')).toEqual({
      candidates: ['configmaps', 'configmaps/'],
      directive: NO_FILES | Directive.NoSpace,
    });
  });

  it('completes one pod for logs, nothing after it', () => {
    expect(run('logs', '')).toEqual({ candidates: ['db', 'web', 'worker'], directive: NO_FILES });
    expect(run('logs', 'web', '')).toEqual({ candidates: [], directive: NO_FILES });
  });

  it('completes flag names: inherited then local, shorthands for a lone dash, not those given', () => {
    expect(run('get', 'pods', '-')).toEqual({
      candidates: [
        '--context\tThe name of the kubeconfig context to use',
        '--namespace\tIf present, the namespace scope for this CLI request',
        '-n\tIf present, the namespace scope for this CLI request',
        '--filename\tFilename, directory, or URL to files',
        '-f\tFilename, directory, or URL to files',
        '--help\thelp for get',
        '-h\thelp for get',
        '--output\tOutput format. One of: (json, yaml, name, wide). See custom columns',
        '-o\tOutput format. One of: (json, yaml, name, wide). See custom columns',
        '--selector\tSelector (label query) to filter on',
        '-l\tSelector (label query) to filter on',
        '--watch\tAfter listing/getting the requested object, watch for changes.',
        '-w\tAfter listing/getting the requested object, watch for changes.',
      ],
      directive: NO_FILES,
    });
    expect(run('get', '-w', '--')).toEqual({
      candidates: [
        '--context\tThe name of the kubeconfig context to use',
        '--namespace\tIf present, the namespace scope for this CLI request',
        '--filename\tFilename, directory, or URL to files',
        '--help\thelp for get',
        '--output\tOutput format. One of: (json, yaml, name, wide). See custom columns',
        '--selector\tSelector (label query) to filter on',
      ],
      directive: NO_FILES,
    });
  });

  it('completes flag values: namespaces, contexts, manifest files, the formats of get; none for free text', () => {
    expect(run('get', '-n', '')).toEqual({
      candidates: ['default', 'dev', 'kube-system'],
      directive: NO_FILES,
    });
    expect(run('get', '--namespace=d')).toEqual({ candidates: ['default', 'dev'], directive: NO_FILES });
    expect(run('--context', '')).toEqual({ candidates: ['mkube', 'staging'], directive: NO_FILES });
    expect(run('get', '-f', '')).toEqual({
      candidates: ['json', 'yaml', 'yml'],
      directive: Directive.FilterFileExt,
    });
    expect(run('get', '-l', '')).toEqual({ candidates: [], directive: Directive.Default });
    expect(run('get', '-o', '')).toEqual({
      candidates: ['json', 'yaml', 'name', 'wide'],
      directive: NO_FILES,
    });
    expect(run('get', '--output=j')).toEqual({ candidates: ['json'], directive: NO_FILES });
    expect(run('version', '-o', '')).toEqual({ candidates: [], directive: Directive.Default });
    expect(run('config', 'use-context', 's')).toEqual({ candidates: ['staging'], directive: NO_FILES });
  });

  it('leaves arguments of a command without completion to the shell (files)', () => {
    expect(run('version', '')).toEqual({ candidates: [], directive: Directive.Default });
  });
});

describe('the protocol text', () => {
  it('prints one candidate a line and the directive, and names the directive on stderr as cobra', () => {
    expect(formatCompletion({ candidates: ['pods', 'podtemplates'], directive: 4 })).toBe(
      'pods\npodtemplates\n:4\n',
    );
    expect(formatCompletion({ candidates: [], directive: 0 })).toBe(':0\n');
    expect(directiveMessage(4)).toBe('Completion ended with directive: ShellCompDirectiveNoFileComp\n');
    expect(directiveMessage(6)).toBe(
      'Completion ended with directive: ShellCompDirectiveNoSpace, ShellCompDirectiveNoFileComp\n',
    );
    expect(directiveMessage(0)).toBe('Completion ended with directive: ShellCompDirectiveDefault\n');
  });
});
