// The one flag toolkit every verb declares its flags with, so the same flag reads the same way
// everywhere: pflag habits commander lacks (booleans taking `=false`, NoOptDefVal, typed values
// with pflag's errors, repeatable and comma lists, ArgsLenAtDash), and kubectl's shared flags:
// -n/-A, -f/-R, -l/--field-selector, --dry-run, --timeout, -o. Values are parsed in
// flag-values.ts.
import { type Command, Option } from 'commander';
import { UserError } from '../api/errors.js';
import type { ContextNamespace } from '../state/kubeconfig-namespace.js';
import type { Ctx } from './context.js';
import {
  DRY_RUN_BARE,
  type DryRun,
  parseDryRun,
  parseGoBool,
  parseGoDuration,
  parseGoInt,
} from './flag-values.js';

/** A flag value pflag refuses; the CLI adds `See '<command> --help' for usage.`. */
export class FlagError extends UserError {}

function invalidArgument(flag: string, value: string, why: string): FlagError {
  return new FlagError(`invalid argument "${value}" for "${flag}" flag: ${why}`);
}

/** Collector for a repeatable string flag (`--env A=1 --env B=2`). */
export const repeatable = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Collector for a pflag StringSlice (`-f a.yaml,b.yaml -f c.yaml`). */
export const commaList = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value.split(',').filter((v) => v !== ''),
];

/** The pflag type of a flag parser, for help's `--flag=default:` (a Go int shows `0`). */
export type GoTyped = { goZero?: string };

/** An integer flag value (pflag Int). */
export function intFlag(flag: string) {
  const parse = (value: string): number => {
    const r = parseGoInt(value.trim());
    if ('error' in r) throw invalidArgument(flag, value, r.error);
    return r.value;
  };
  return Object.assign(parse, { goZero: '0' });
}

/** A Go duration flag value (pflag Duration) in milliseconds: `30s`, `1m`, `0`; `30` is refused. */
export function durationFlag(flag: string) {
  const parse = (value: string): number => {
    const r = parseGoDuration(value);
    if ('error' in r) throw invalidArgument(flag, value, r.error);
    return r.ms;
  };
  return Object.assign(parse, { goZero: '0s' });
}

/** `--timeout`, a Go duration with its default (`0s`, `30s`...) shown as kubectl shows it. */
export function timeoutFlag(cmd: Command, description: string, defaultText: string): Command {
  const opt = new Option('--timeout <duration>', description)
    .argParser(durationFlag('--timeout'))
    .default(durationFlag('--timeout')(defaultText), defaultText);
  return cmd.addOption(opt);
}

/** Rewrites argv before commander parses it (never past `--`). */
function rewriteArgv(cmd: Command, rewrite: (arg: string) => string): void {
  const parse = cmd.parseOptions.bind(cmd);
  cmd.parseOptions = (argv: string[]) => {
    const dash = argv.indexOf('--');
    const head = dash < 0 ? argv : argv.slice(0, dash);
    const tail = dash < 0 ? [] : argv.slice(dash);
    return parse([...head.map(rewrite), ...tail]);
  };
}

/**
 * Boolean flags (`-w, --watch`) that also take `--watch=false|true|0|1|t|f...`, as pflag's.
 * Each gets a hidden `--no-<name>` that `=false` becomes.
 */
export function boolFlags(
  cmd: Command,
  flags: Array<[spec: string, description: string, def?: boolean]>,
): Command {
  const names = new Set<string>();
  for (const [spec, description, def] of flags) {
    const opt = new Option(spec, description);
    if (def !== undefined) opt.default(def);
    cmd.addOption(opt);
    const long = opt.long!.slice(2);
    names.add(long);
    cmd.addOption(new Option(`--no-${long}`).hideHelp());
  }
  rewriteArgv(cmd, (arg) => {
    const m = /^--([^=]+)=(.*)$/s.exec(arg);
    if (!m || !names.has(m[1]!)) return arg;
    const b = parseGoBool(m[2]!);
    if (b === undefined)
      throw invalidArgument(`--${m[1]}`, m[2]!, `strconv.ParseBool: parsing "${m[2]}": invalid syntax`);
    return b ? `--${m[1]}` : `--no-${m[1]}`;
  });
  return cmd;
}

/**
 * A string flag with pflag's NoOptDefVal: a bare `--flag` means `--flag=<value>` and never eats
 * the next argument.
 */
export function noOptDefault(
  cmd: Command,
  spec: string,
  description: string,
  value: string,
  def?: string,
): Command {
  const opt = new Option(spec, description);
  if (def !== undefined) opt.default(def);
  cmd.addOption(opt);
  rewriteArgv(cmd, (a) => (a === opt.long ? `${opt.long}=${value}` : a));
  return cmd;
}

/**
 * cobra's ArgsLenAtDash: how many positional args came before `--`, or -1 without one.
 * `args` are the command's operands; the raw argv is on the root command.
 */
export function argsLenAtDash(cmd: Command, args: string[]): number {
  let root: Command = cmd;
  while (root.parent) root = root.parent;
  const raw: string[] = (root as unknown as { rawArgs?: string[] }).rawArgs ?? [];
  const dash = raw.indexOf('--');
  if (dash < 0) return -1;
  return args.length - (raw.length - dash - 1);
}

/**
 * cobra gives a subcommand every flag typed after the verb; commander gives a parent's own flags
 * (`create -o yaml deployment x`) to the parent. Fold those the subcommand also has into its
 * options, where it did not get them itself.
 */
export function withParentFlags<T extends object>(cmd: Command, opts: T): T {
  const parent = cmd.parent;
  if (!parent) return opts;
  const merged: Record<string, unknown> = { ...(opts as Record<string, unknown>) };
  const own = new Set(cmd.options.map((o) => o.attributeName()));
  for (const [key, value] of Object.entries(parent.opts())) {
    if (!own.has(key) || parent.getOptionValueSource(key) !== 'cli') continue;
    if (cmd.getOptionValueSource(key) !== 'cli') merged[key] = value;
  }
  return merged as T;
}

// ---- kubectl's shared flags ----------------------------------------------------------------

export interface NamespaceOptions {
  namespace?: string;
  allNamespaces?: boolean;
}

/** `-n/--namespace`, and `-A/--all-namespaces` where the verb has it. */
export function namespaceFlags(cmd: Command, allNamespaces = false): Command {
  cmd.option('-n, --namespace <namespace>', 'If present, the namespace scope for this CLI request');
  if (allNamespaces) {
    boolFlags(cmd, [
      [
        '-A, --all-namespaces',
        'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
      ],
    ]);
  }
  return cmd;
}

// The current context's namespace (or why there is none), set by the CLI once per run.
let contextDefault: ContextNamespace = { namespace: 'default' };

/** What a verb uses without -n: the kubeconfig's current context's namespace. */
export function useContextNamespace(resolved: ContextNamespace): void {
  contextDefault = resolved;
}

/** The namespace to work in, and whether -n was given (kubectl's enforceNamespace). */
export function namespaceOf(opts: { namespace?: string }): { namespace: string; explicit: boolean } {
  if (opts.namespace) return { namespace: opts.namespace, explicit: true };
  if ('error' in contextDefault) throw new UserError(contextDefault.error, true);
  return { namespace: contextDefault.namespace, explicit: false };
}

export interface FilenameOptions {
  filename?: string[];
  recursive?: boolean;
  kustomize?: string;
}

/**
 * `-f/--filename` (repeatable, comma-separated), `-R/--recursive`, and `-k/--kustomize` where
 * kubectl has it (`kustomize`: the article its help uses, "a" for apply/delete/replace).
 */
export function filenameFlags(
  cmd: Command,
  what: string,
  recursiveDefault?: boolean,
  kustomize: 'a' | 'the' | false = 'the',
): Command {
  cmd.option('-f, --filename <file>', what, commaList);
  if (kustomize) {
    cmd.option(
      '-k, --kustomize <dir>',
      `Process ${kustomize} kustomization directory. This flag can't be used together with -f or -R.`,
    );
  }
  return boolFlags(cmd, [
    [
      '-R, --recursive',
      'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      recursiveDefault,
    ],
  ]);
}

/** Every -f value's valid documents and one error per file with a syntax error (kubectl's ContinueOnError). */
export async function loadFilesContinuing(ctx: Ctx, opts: FilenameOptions) {
  if (opts.kustomize) return { docs: await loadFiles(ctx, opts), errors: [] };
  const { loadManifestsContinuing } = await import('../api/manifest.js');
  return loadManifestsContinuing(opts.filename ?? [], { recursive: opts.recursive, ...stdinFor(ctx, opts) });
}

/** Read and parse every -f value (loads the YAML parser on demand). */
export async function loadFiles(ctx: Ctx, opts: FilenameOptions) {
  const { checkFilenameOptions, kustomizeDocs } = await import('./kustomize-docs.js');
  checkFilenameOptions(opts.filename, opts.kustomize, opts.recursive);
  if (opts.kustomize) return kustomizeDocs(opts.kustomize, (w) => ctx.err.write(w));
  const { loadManifests } = await import('../api/manifest.js');
  return loadManifests(opts.filename ?? [], { recursive: opts.recursive, ...stdinFor(ctx, opts) });
}

/** Stdin only for `-f -`: making process.stdin a stream costs a command ~4 ms at start. */
const stdinFor = (ctx: Ctx, opts: FilenameOptions) => (opts.filename?.includes('-') ? { stdin: ctx.in } : {});

/** `-l/--selector`, and `--field-selector` where the verb has it. */
export function selectorFlags(cmd: Command, fieldSelector = false): Command {
  cmd.option(
    '-l, --selector <selector>',
    "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
  );
  if (fieldSelector) {
    cmd.option(
      '--field-selector <selector>',
      "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
    );
  }
  return cmd;
}

/** `--dry-run[=none|client|server]` (a bare `--dry-run` is the deprecated `client`). */
export function dryRunFlag(cmd: Command): Command {
  return noOptDefault(
    cmd,
    '--dry-run <strategy>',
    'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
    DRY_RUN_BARE,
    'none',
  );
}

/** The --dry-run strategy; a deprecated spelling prints kubectl's (klog) warning. */
export function dryRunOf(ctx: Pick<Ctx, 'err'>, value: string | undefined): DryRun {
  const { dryRun, warning, at } = parseDryRun(value);
  if (warning) ctx.err.write(klogWarning(warning, new Date(), at ?? ''));
  return dryRun;
}

/** A klog warning line, as kubectl logs it: `W1201 23:41:56.615684   12345 helpers.go:702] text`. */
export function klogWarning(text: string, now: Date, file: string): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${p(now.getMonth() + 1)}${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}:${p(now.getSeconds())}.${p(now.getMilliseconds() * 1000, 6)}`;
  return `W${stamp} ${String(process.pid).padStart(7)} ${file}] ${text}\n`;
}

/** `-o/--output`. */
export function outputFlag(cmd: Command, formats = 'json, yaml, name, jsonpath'): Command {
  return cmd.option('-o, --output <format>', `Output format. One of: (${formats}).`);
}
