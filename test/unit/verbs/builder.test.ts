// The resource builder's decisions (kubectl's cli-runtime builder.go): every argument form a verb
// takes, with the request it makes or kubectl's exact error. Messages checked against the
// installed kubectl where it needs no server, and against builder.go.
import { describe, expect, it } from 'vitest';
import { ALL_CATEGORY } from '../../../src/api/kinds.js';
import { type Plan, planResources, type ResourceRequest } from '../../../src/commands/builder.js';
import { resourceNames } from '../../../src/commands/resource-args.js';

/** A plan with kinds as their plural names, so a case reads as what was asked. */
function show(plan: Plan): unknown {
  switch (plan.visit) {
    case 'selector':
      return { ...plan, kinds: plan.kinds.map((k) => k.plural) };
    case 'tuples':
      return { visit: 'tuples', refs: plan.refs.map((r) => `${r.kind.plural}/${r.name}`) };
    case 'names':
      return { visit: 'names', kind: plan.kind.plural, names: plan.names };
    case 'paths':
      return plan;
  }
}

const base: ResourceRequest = { args: [], namespace: 'default' };
const ask = (args: string[], more: Partial<ResourceRequest> = {}) => ({ ...base, args, ...more });

const COMBINED =
  "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'mkube get resource/<resource_name>' instead of 'mkube get resource resource/<resource_name>'";
const MISSING = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;
const everything = (kinds: string[]) => ({ visit: 'selector', kinds, selector: '', fieldSelector: '' });

const cases: Array<[string, ResourceRequest, unknown]> = [
  [
    'TYPE NAME is one type with its names',
    ask(['pods', 'a', 'b']),
    { visit: 'names', kind: 'pods', names: ['a', 'b'] },
  ],
  [
    'short names and kinds name the type',
    ask(['deploy', 'web']),
    { visit: 'names', kind: 'deployments', names: ['web'] },
  ],
  [
    'TYPE/NAME pairs may mix types',
    ask(['pod/a', 'deploy/b']),
    { visit: 'tuples', refs: ['pods/a', 'deployments/b'] },
  ],
  [
    'TYPE1,TYPE2 NAME means each type with that name',
    ask(['pods,svc', 'a']),
    { visit: 'tuples', refs: ['pods/a', 'services/a'] },
  ],
  [
    'TYPE1,TYPE2 NAME1 NAME2 is every pair, type-major',
    ask(['po,svc', 'a', 'b']),
    { visit: 'tuples', refs: ['pods/a', 'pods/b', 'services/a', 'services/b'] },
  ],
  [
    'a bare TYPE lists everything when the verb allows an empty selector',
    ask(['pods'], { allowEmptySelector: true }),
    everything(['pods']),
  ],
  [
    'duplicate types in a list are one type',
    ask(['po,pods'], { allowEmptySelector: true }),
    everything(['pods']),
  ],
  ['`all` is the category', ask(['all'], { allowEmptySelector: true }), everything([...ALL_CATEGORY])],
  [
    '`all` combines with other types',
    ask(['all,cm'], { allowEmptySelector: true }),
    everything([...ALL_CATEGORY, 'configmaps']),
  ],
  [
    'delete --all selects everything of the types',
    ask(['all'], { selectAll: true }),
    everything([...ALL_CATEGORY]),
  ],
  [
    '-l selects by label',
    ask(['pods'], { selector: 'app=web' }),
    { visit: 'selector', kinds: ['pods'], selector: 'app=web', fieldSelector: '' },
  ],
  [
    '--field-selector selects by field',
    ask(['pods'], { fieldSelector: 'metadata.name=a' }),
    { visit: 'selector', kinds: ['pods'], selector: '', fieldSelector: 'metadata.name=a' },
  ],
  [
    '-l wins over the empty selector a bare TYPE makes',
    ask(['pods'], { selector: 'a=b', allowEmptySelector: true }),
    { visit: 'selector', kinds: ['pods'], selector: 'a=b', fieldSelector: '' },
  ],
  [
    '--all with TYPE NAME still means the names',
    ask(['pods', 'a'], { allowEmptySelector: true }),
    { visit: 'names', kind: 'pods', names: ['a'] },
  ],
  ['-f reads the files', ask([], { filenames: ['x.yaml'] }), { visit: 'paths', filenames: ['x.yaml'] }],
  [
    '-f with -l filters the files',
    ask([], { filenames: ['x.yaml'], selector: 'a=b' }),
    { visit: 'paths', filenames: ['x.yaml'], selector: 'a=b' },
  ],
  [
    'cluster-scoped names are fine with -A',
    ask(['nodes', 'n1'], { allNamespaces: true }),
    { visit: 'names', kind: 'nodes', names: ['n1'] },
  ],
  ['no arguments', ask([]), new Error(MISSING)],
  [
    'a bare TYPE without an empty selector',
    ask(['pods']),
    new Error('resource(s) were provided, but no name was specified'),
  ],
  ['a type before TYPE/NAME', ask(['pod', 'pod/a']), new Error(COMBINED)],
  ['TYPE/NAME before a bare word', ask(['pod/a', 'pods']), new Error(COMBINED)],
  ['a name with a slash after a type', ask(['pods', 'a/b']), new Error(COMBINED)],
  [
    'two slashes',
    ask(['pod/a/b']),
    new Error('arguments in resource/name form may not have more than one slash'),
  ],
  [
    'no name after the slash',
    ask(['pod/']),
    new Error('arguments in resource/name form must have a single resource and name'),
  ],
  [
    'no type before the slash',
    ask(['/a']),
    new Error('arguments in resource/name form must have a single resource and name'),
  ],
  [
    'two types before the slash',
    ask(['pod,svc/a']),
    new Error('arguments in resource/name form must have a single resource and name'),
  ],
  ['an unknown type', ask(['foos', 'a']), new Error('the server doesn\'t have a resource type "foos"')],
  [
    'an unknown type keeps only its resource part',
    ask(['foos.example.com/a']),
    new Error('the server doesn\'t have a resource type "foos"'),
  ],
  [
    '`all` is no type of its own in TYPE/NAME',
    ask(['all/a']),
    new Error('the server doesn\'t have a resource type "all"'),
  ],
  [
    '`all NAME` is several types for one name',
    ask(['all', 'a']),
    new Error('you must specify only one resource'),
  ],
  [
    'a name with -l',
    ask(['pods', 'a'], { selector: 'x=y' }),
    new Error('name cannot be provided when a selector is specified'),
  ],
  [
    'a name with --field-selector',
    ask(['pods', 'a'], { fieldSelector: 'metadata.name=a' }),
    new Error('name cannot be provided when a selector is specified'),
  ],
  [
    'TYPE/NAME with delete --all',
    ask(['pod/a'], { selectAll: true }),
    new Error('selectors and the all flag cannot be used when passing resource/name arguments'),
  ],
  [
    'delete --all with -l',
    ask(['pods'], { selectAll: true, selector: 'a=b' }),
    new Error("setting 'all' parameter but found a non empty selector. "),
  ],
  [
    '-l without a type',
    ask([], { selector: 'a=b' }),
    new Error('at least one resource must be specified to use a selector'),
  ],
  [
    'a name across all namespaces',
    ask(['pods', 'a'], { allNamespaces: true }),
    new Error('a resource cannot be retrieved by name across all namespaces'),
  ],
  [
    'TYPE/NAME across all namespaces',
    ask(['pod/a'], { allNamespaces: true }),
    new Error('a resource cannot be retrieved by name across all namespaces'),
  ],
  [
    '-f with TYPE NAME',
    ask(['pods', 'a'], { filenames: ['x.yaml'] }),
    new Error(
      'when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well',
    ),
  ],
  [
    '-f with TYPE/NAME',
    ask(['pod/a'], { filenames: ['x.yaml'] }),
    new Error('resource/name arguments cannot be provided when a path is specified'),
  ],
  [
    'several types where one is required',
    ask(['pods,svc'], { allowEmptySelector: true, singleResourceType: true }),
    new Error('you may only specify a single resource type'),
  ],
  [
    'several TYPE/NAME types where one is required',
    ask(['pod/a', 'svc/b'], { singleResourceType: true }),
    new Error('you may only specify a single resource type'),
  ],
  [
    '-k is a path, like -f',
    ask([], { kustomize: 'overlay' }),
    { visit: 'paths', filenames: [], kustomize: 'overlay', selector: undefined },
  ],
  [
    '-k with -f is refused',
    ask([], { kustomize: 'o', filenames: ['a.yaml'] }),
    new Error('only one of -f or -k can be specified'),
  ],
  [
    '-k with -R is refused',
    ask([], { kustomize: 'o', recursive: true }),
    new Error("the -k flag can't be used with -f or -R"),
  ],
  [
    '-k with resource arguments is refused as -f is',
    ask(['pods'], { kustomize: 'o' }),
    new Error(
      'when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well',
    ),
  ],
];

/** The whole message a call throws. */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('planResources', () => {
  for (const [name, req, want] of cases) {
    it(name, () => {
      const got = () => show(planResources(req));
      expect(want instanceof Error ? messageOf(got) : got()).toEqual(
        want instanceof Error ? want.message : want,
      );
    });
  }
});

describe('resourceNames (logs, exec)', () => {
  it('reads NAME as the default type and TYPE/NAME as itself', () => {
    expect(resourceNames('pods', ['web', 'deploy/web'])).toEqual([
      { resource: 'pods', name: 'web' },
      { resource: 'deploy', name: 'web' },
    ]);
  });

  it('refuses a name with two slashes, as every verb does', () => {
    expect(messageOf(() => resourceNames('pods', ['pod/a/b']))).toBe(
      'arguments in resource/name form may not have more than one slash',
    );
  });
});
