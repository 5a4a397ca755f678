// What `mkube __complete <words...>` answers, as cobra answers for kubectl: the candidates for the
// last word (`name\tdescription`) and the directive the shell script acts on. Pure: the command
// tree and the names in the state directory come in as data.

/** cobra's ShellCompDirective bits. */
export const Directive = {
  Default: 0,
  Error: 1,
  NoSpace: 2,
  NoFileComp: 4,
  FilterFileExt: 8,
  FilterDirs: 16,
  KeepOrder: 32,
} as const;

export interface CompFlag {
  long?: string;
  short?: string;
  description: string;
  takesValue: boolean;
}

export interface CompCommand {
  name: string;
  description: string;
  /** Local flags (with --help), then what every command inherits (kubectl's global flags). */
  flags: CompFlag[];
  inherited: CompFlag[];
  subcommands: CompCommand[];
}

/** What completes resource names and kubeconfig entries: read from the state directory. */
export interface CompData {
  /** Names of objects of a resource type word (`pods`, `deploy`) in a namespace; [] when unknown. */
  names(type: string, namespace: string): string[];
  namespaces(): string[];
  contexts(): string[];
  clusters(): string[];
  users(): string[];
  /** `api-resources -o name --verbs get`: `pods`, `deployments.apps`. */
  resourceTypes(): string[];
  /** The namespace of the current (or --context) context. */
  defaultNamespace: string;
}

export interface Completion {
  candidates: string[];
  directive: number;
}

type ArgsCompleter = (args: string[], toComplete: string, ns: string, data: CompData) => Completion;

const none = (directive: number = Directive.NoFileComp): Completion => ({ candidates: [], directive });
const prefixed = (words: string[], toComplete: string): string[] =>
  words.filter((w) => w.startsWith(toComplete));

/** kubectl's CompGetResourceList: `pods,secre` completes the last element of the list. */
function resourceTypes(toComplete: string, data: CompData): string[] {
  const comma = toComplete.lastIndexOf(',');
  const head = toComplete.slice(0, comma + 1);
  return prefixed(data.resourceTypes(), toComplete.slice(comma + 1)).map((t) => head + t);
}

/** kubectl's ResourceTypeAndNameCompletionFunc: a type, then its names (or type/name). */
const typeAndName =
  (allowRepeat: boolean): ArgsCompleter =>
  (args, toComplete, ns, data) => {
    if (args.length > 0 && !args[0]!.includes('/')) {
      if (!allowRepeat && args.length > 1) return none();
      const names = prefixed(data.names(args[0]!, ns), toComplete).filter((n) => !args.slice(1).includes(n));
      return { candidates: names, directive: Directive.NoFileComp };
    }
    const slash = toComplete.indexOf('/');
    if (slash >= 0) {
      const type = toComplete.slice(0, slash);
      const names = prefixed(data.names(type, ns), toComplete.slice(slash + 1));
      return { candidates: names.map((n) => `${type}/${n}`), directive: Directive.NoFileComp };
    }
    if (args.length === 0)
      return { candidates: resourceTypes(toComplete, data), directive: Directive.NoFileComp };
    // The first argument was type/name: the others must be too, so offer `type/` without a space.
    const types = resourceTypes(toComplete, data);
    return {
      candidates: [...types, ...types.map((t) => `${t}/`)],
      directive: Directive.NoFileComp | Directive.NoSpace,
    };
  };

/** kubectl's SpecifiedResourceTypeAndNameCompletionFunc: one of `types`, then its names. */
const specifiedTypeAndName =
  (types: string[], allowRepeat = true): ArgsCompleter =>
  (args, toComplete, ns, data) => {
    if (args.length === 0)
      return { candidates: prefixed(types, toComplete), directive: Directive.NoFileComp };
    if (!allowRepeat && args.length > 1) return none();
    const names = prefixed(data.names(args[0]!, ns), toComplete).filter((n) => !args.slice(1).includes(n));
    return { candidates: names, directive: Directive.NoFileComp };
  };

/** kubectl's ResourceNameCompletionFunc: names of one type, for the first argument. */
const namesOf =
  (type: string): ArgsCompleter =>
  (args, toComplete, ns, data) =>
    args.length > 0
      ? none()
      : { candidates: prefixed(data.names(type, ns), toComplete), directive: Directive.NoFileComp };

const fixed =
  (words: string[]): ArgsCompleter =>
  (args, toComplete) =>
    args.length > 0 ? none() : { candidates: prefixed(words, toComplete), directive: Directive.NoFileComp };

const kubeconfigEntries =
  (pick: (data: CompData) => string[]): ArgsCompleter =>
  (args, toComplete, _ns, data) =>
    args.length > 0
      ? none()
      : { candidates: prefixed(pick(data), toComplete), directive: Directive.NoFileComp };

const ROLLOUT_TYPES = ['deployment', 'daemonset', 'statefulset'];
const SCALE_TYPES = ['deployment', 'replicaset', 'replicationcontroller', 'statefulset'];

/** The argument completion of each command path, as kubectl registers ValidArgsFunction. */
const ARGS: Record<string, ArgsCompleter> = {
  get: typeAndName(true),
  describe: typeAndName(true),
  delete: typeAndName(true),
  edit: typeAndName(true),
  label: typeAndName(false),
  annotate: typeAndName(false),
  patch: typeAndName(false),
  wait: typeAndName(true),
  logs: namesOf('pods'),
  exec: namesOf('pods'),
  attach: namesOf('pods'),
  'port-forward': namesOf('pods'),
  cordon: namesOf('nodes'),
  uncordon: namesOf('nodes'),
  drain: namesOf('nodes'),
  taint: specifiedTypeAndName(['node'], false),
  'top pod': namesOf('pods'),
  'top node': namesOf('nodes'),
  scale: specifiedTypeAndName(SCALE_TYPES),
  autoscale: specifiedTypeAndName(SCALE_TYPES, false),
  expose: specifiedTypeAndName(
    ['pod', 'service', 'replicationcontroller', 'deployment', 'replicaset'],
    false,
  ),
  ...Object.fromEntries(
    ['history', 'pause', 'restart', 'resume', 'status', 'undo'].map((s) => [
      `rollout ${s}`,
      specifiedTypeAndName(ROLLOUT_TYPES),
    ]),
  ),
  completion: fixed(['bash', 'zsh', 'fish', 'powershell']),
  'config use-context': kubeconfigEntries((d) => d.contexts()),
  'config get-contexts': kubeconfigEntries((d) => d.contexts()),
  'config delete-context': kubeconfigEntries((d) => d.contexts()),
  'config rename-context': kubeconfigEntries((d) => d.contexts()),
  'config set-context': kubeconfigEntries((d) => d.contexts()),
  'config delete-cluster': kubeconfigEntries((d) => d.clusters()),
  'config delete-user': kubeconfigEntries((d) => d.users()),
};

/** `get -o <TAB>`: the formats the flag's description lists (`One of: (json, yaml, ...)`), in its order. */
function outputFormats(description: string): string[] {
  const list = /One of: \(([^)]*)\)/.exec(description)?.[1];
  return list
    ? list
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean)
    : [];
}

/** The values of a flag, as kubectl registers flag completion functions. */
function flagValues(flag: CompFlag, toComplete: string, data: CompData, path: string): Completion {
  switch (flag.long) {
    case 'namespace':
      return { candidates: prefixed(data.namespaces(), toComplete), directive: Directive.NoFileComp };
    case 'context':
      return { candidates: prefixed(data.contexts(), toComplete), directive: Directive.NoFileComp };
    case 'cluster':
      return { candidates: prefixed(data.clusters(), toComplete), directive: Directive.NoFileComp };
    case 'user':
      return { candidates: prefixed(data.users(), toComplete), directive: Directive.NoFileComp };
    case 'filename':
      return { candidates: ['json', 'yaml', 'yml'], directive: Directive.FilterFileExt };
    case 'kustomize':
      return { candidates: [], directive: Directive.FilterDirs };
    case 'output': {
      // Only get registers completion for its -o in kubectl.
      const formats = path === 'get' ? outputFormats(flag.description) : [];
      if (formats.length === 0) return none(Directive.Default);
      return { candidates: prefixed(formats, toComplete), directive: Directive.NoFileComp };
    }
    default:
      return none(Directive.Default);
  }
}

function findFlag(cmd: CompCommand, word: string): CompFlag | undefined {
  const all = [...cmd.flags, ...cmd.inherited];
  return word.startsWith('--')
    ? all.find((f) => f.long === word.slice(2))
    : all.find((f) => f.short !== undefined && f.short === word.slice(1));
}

/** cobra's flag name completion: inherited flags, then local ones, each by name. */
function flagNames(cmd: CompCommand, toComplete: string, typed: Set<string>): string[] {
  const out: string[] = [];
  const byName = (a: CompFlag, b: CompFlag) => ((a.long ?? a.short!) < (b.long ?? b.short!) ? -1 : 1);
  for (const f of [...[...cmd.inherited].sort(byName), ...[...cmd.flags].sort(byName)]) {
    if ((f.long && typed.has(`--${f.long}`)) || (f.short && typed.has(`-${f.short}`))) continue;
    if (f.long && `--${f.long}`.startsWith(toComplete)) out.push(`--${f.long}\t${f.description}`);
    if (f.short && toComplete === '-') out.push(`-${f.short}\t${f.description}`);
  }
  return out;
}

/**
 * The completion of the last of `words` (the words after `mkube`; the last may be ''), for
 * `root`. Descriptions come as `name\tdescription`; `withDescriptions` false drops them.
 */
export function complete(
  root: CompCommand,
  words: string[],
  data: CompData,
  withDescriptions = true,
): Completion {
  const toComplete = words.at(-1) ?? '';
  const before = words.slice(0, -1);
  let cmd = root;
  const path: string[] = [];
  const args: string[] = [];
  const typed = new Set<string>();
  let namespace: string | undefined;
  let pendingFlag: CompFlag | undefined;
  let dashdash = false;
  for (let i = 0; i < before.length; i++) {
    const w = before[i]!;
    if (!dashdash && w === '--') {
      dashdash = true;
      continue;
    }
    if (!dashdash && w.startsWith('-') && w !== '-') {
      const [name, inline] = w.includes('=')
        ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]
        : [w, undefined];
      typed.add(name!);
      const flag = findFlag(cmd, name!);
      let value = inline;
      if (flag?.takesValue && value === undefined) {
        if (i + 1 < before.length) value = before[++i];
        else pendingFlag = flag;
      }
      if (flag?.long === 'namespace' && value !== undefined) namespace = value;
      continue;
    }
    const sub = args.length === 0 && !dashdash ? cmd.subcommands.find((c) => c.name === w) : undefined;
    if (sub) {
      cmd = sub;
      path.push(sub.name);
    } else args.push(w);
  }
  const ns = namespace ?? data.defaultNamespace;
  let result: Completion;
  if (pendingFlag) {
    result = flagValues(pendingFlag, toComplete, data, path.join(' '));
  } else if (!dashdash && /^--[^=]+=/.test(toComplete)) {
    const eq = toComplete.indexOf('=');
    const flag = findFlag(cmd, toComplete.slice(0, eq));
    result = flag
      ? flagValues(flag, toComplete.slice(eq + 1), data, path.join(' '))
      : none(Directive.Default);
  } else if (!dashdash && toComplete.startsWith('-')) {
    result = { candidates: flagNames(cmd, toComplete, typed), directive: Directive.NoFileComp };
  } else if (cmd.subcommands.length > 0 && args.length === 0) {
    const subs = cmd.subcommands.filter((c) => c.name.startsWith(toComplete));
    result = {
      candidates: [...subs]
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map((c) => `${c.name}\t${c.description}`),
      directive: Directive.NoFileComp,
    };
  } else if (cmd === root) {
    result = none(Directive.Default);
  } else {
    const completer = ARGS[path.join(' ')];
    result = completer ? completer(args, toComplete, ns, data) : none(Directive.Default);
  }
  const candidates = result.candidates.map((c) => (withDescriptions ? c : c.split('\t')[0]!));
  return { candidates, directive: result.directive };
}

/** The text cobra prints on stdout: one candidate a line, then `:<directive>`. */
export function formatCompletion(c: Completion): string {
  return `${c.candidates.map((line) => `${line}\n`).join('')}:${c.directive}\n`;
}

const DIRECTIVE_NAMES: Array<[number, string]> = [
  [Directive.Error, 'ShellCompDirectiveError'],
  [Directive.NoSpace, 'ShellCompDirectiveNoSpace'],
  [Directive.NoFileComp, 'ShellCompDirectiveNoFileComp'],
  [Directive.FilterFileExt, 'ShellCompDirectiveFilterFileExt'],
  [Directive.FilterDirs, 'ShellCompDirectiveFilterDirs'],
  [Directive.KeepOrder, 'ShellCompDirectiveKeepOrder'],
];

/** What cobra writes on stderr: `Completion ended with directive: ShellCompDirectiveNoFileComp`. */
export function directiveMessage(directive: number): string {
  const names = DIRECTIVE_NAMES.filter(([bit]) => (directive & bit) !== 0).map(([, name]) => name);
  return `Completion ended with directive: ${names.length ? names.join(', ') : 'ShellCompDirectiveDefault'}\n`;
}
