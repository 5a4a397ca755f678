// kubectl's global flags (`kubectl options`): accepted by every command and before the verb
// (`mkube -n dev get pods`). mkube reads -n, --context and --kubeconfig; the others are accepted
// so scripts written for kubectl run, and have no effect on a local engine.
import { type Command, Option } from 'commander';

export interface GlobalFlag {
  short?: string;
  long: string;
  /** Shown by `mkube options` as kubectl shows it: `--context=''`. */
  def: string;
  description: string;
}

/** The ones mkube accepts, in `kubectl options` order. */
export const GLOBAL_FLAGS: readonly GlobalFlag[] = [
  { long: 'cluster', def: "''", description: 'The name of the kubeconfig cluster to use' },
  { long: 'context', def: "''", description: 'The name of the kubeconfig context to use' },
  { long: 'kubeconfig', def: "''", description: 'Path to the kubeconfig file to use for CLI requests.' },
  {
    short: 'n',
    long: 'namespace',
    def: "''",
    description: 'If present, the namespace scope for this CLI request',
  },
  {
    long: 'request-timeout',
    def: "'0'",
    description:
      "The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests.",
  },
  { long: 'user', def: "''", description: 'The name of the kubeconfig user to use' },
  { short: 'v', long: 'v', def: '0', description: 'number for the log level verbosity' },
];

/** The global flag `arg` (`-n`, `--context`, `--context=x`) names, if any. */
function globalFlagOf(arg: string): { flag: GlobalFlag; inline: boolean } | undefined {
  const m = /^(--?)([^=]+)(=.*)?$/s.exec(arg);
  if (!m) return undefined;
  const flag = GLOBAL_FLAGS.find((f) => (m[1] === '-' ? f.short === m[2] : f.long === m[2]));
  return flag ? { flag, inline: m[3] !== undefined } : undefined;
}

/**
 * Global flags typed before the verb move behind its arguments (never past `--`), where every
 * command accepts them: `-n dev get pods` parses as `get pods -n dev`.
 */
export function hoistGlobalFlags(args: string[]): string[] {
  const hoisted: string[] = [];
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-') && args[i] !== '--') {
    const g = globalFlagOf(args[i]!);
    if (!g) return args;
    const take = g.inline ? 1 : 2;
    hoisted.push(...args.slice(i, i + take));
    i += take;
  }
  if (hoisted.length === 0 || i >= args.length) return args;
  const rest = args.slice(i);
  const dash = rest.indexOf('--');
  return dash < 0 ? [...rest, ...hoisted] : [...rest.slice(0, dash), ...hoisted, ...rest.slice(dash)];
}

/** The values of --context and --kubeconfig (the last one typed wins, as pflag's). */
export function kubeconfigFlags(args: string[]): { context?: string; kubeconfig?: string } {
  const out: { context?: string; kubeconfig?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    const m = /^--(context|kubeconfig)(?:=(.*))?$/s.exec(arg);
    if (!m) continue;
    const value = m[2] ?? args[++i];
    if (value !== undefined) out[m[1] as 'context' | 'kubeconfig'] = value;
  }
  return out;
}

/**
 * Give every command the global flags it does not declare, hidden from its Options. Not the
 * root, nor a group for a flag one of its subcommands declares: commander gives a flag to the
 * first command on the path that knows it, and `get -n x` must reach `get`.
 */
export function addGlobalFlags(root: Command): void {
  for (const sub of root.commands) addTo(sub);
}

function addTo(cmd: Command): void {
  const own = flagsOf(cmd);
  const below = new Set(cmd.commands.flatMap((c) => [...declaredBelow(c)]));
  for (const f of GLOBAL_FLAGS) {
    const long = `--${f.long}`;
    const short = f.short ? `-${f.short}` : undefined;
    if (own.has(long) || below.has(long)) continue;
    const spec =
      short && !own.has(short) && !below.has(short) ? `${short}, ${long} <value>` : `${long} <value>`;
    cmd.addOption(new Option(spec, f.description).hideHelp());
  }
  for (const sub of cmd.commands) addTo(sub);
}

function flagsOf(cmd: Command): Set<string> {
  return new Set(cmd.options.flatMap((o) => [o.short, o.long].filter((x): x is string => !!x)));
}

function declaredBelow(cmd: Command): Set<string> {
  const out = flagsOf(cmd);
  for (const sub of cmd.commands) for (const f of declaredBelow(sub)) out.add(f);
  return out;
}
