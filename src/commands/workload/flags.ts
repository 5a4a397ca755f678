// pflag habits commander lacks, for the workload verbs: boolean flags that take `=true|false`
// (`--watch=false`, `--overwrite=true`), repeatable and comma-split list flags, and
// cobra's ArgsLenAtDash.
import { type Command, Option } from 'commander';
import { UserError } from '../../api/errors.js';

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * Declare boolean flags (`-w, --watch`) that also accept `--watch=false`, as pflag does.
 * Each gets a hidden `--no-<name>` that the rewrite maps `=false` onto.
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
  const parse = cmd.parseOptions.bind(cmd);
  cmd.parseOptions = (argv: string[]) => {
    const dash = argv.indexOf('--');
    const head = dash < 0 ? argv : argv.slice(0, dash);
    const tail = dash < 0 ? [] : argv.slice(dash);
    const rewritten = head.map((arg) => {
      const m = /^--([^=]+)=(.*)$/s.exec(arg);
      if (!m || !names.has(m[1]!)) return arg;
      if (TRUE.has(m[2]!)) return `--${m[1]}`;
      if (FALSE.has(m[2]!)) return `--no-${m[1]}`;
      throw new UserError(
        `invalid argument "${m[2]}" for "--${m[1]}" flag: strconv.ParseBool: parsing "${m[2]}": invalid syntax`,
      );
    });
    return parse([...rewritten, ...tail]);
  };
  return cmd;
}

/** Collector for a repeatable string flag (`--env A=1 --env B=2`). */
export const repeatable = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Collector for a pflag StringSlice (`-f a.yaml,b.yaml -f c.yaml`). */
export const commaList = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value.split(',').filter((v) => v !== ''),
];

/** An integer flag value, with pflag's error wording. */
export function intFlag(flag: string) {
  return (value: string): number => {
    if (!/^[-+]?\d+$/.test(value.trim())) {
      throw new UserError(
        `invalid argument "${value}" for "${flag}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`,
      );
    }
    return Number(value);
  };
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

/** Common namespace flags: `-n`, and (where kubectl has it) `-A`. */
export function namespaceFlags(cmd: Command, allNamespaces = false): Command {
  cmd.option('-n, --namespace <namespace>', 'If present, the namespace scope for this CLI request');
  if (allNamespaces) {
    boolFlags(cmd, [
      ['-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces.'],
    ]);
  }
  return cmd;
}

/** The namespace a command works in, and whether -n was given (kubectl's enforceNamespace). */
export function namespaceOf(opts: { namespace?: string }): { namespace: string; enforce: boolean } {
  return { namespace: opts.namespace || 'default', enforce: !!opts.namespace };
}

/**
 * A string flag with pflag's NoOptDefVal: a bare `--flag` means `--flag=<value>` and never eats
 * the next argument (`--dry-run` is `--dry-run=client`).
 */
export function noOptDefault(cmd: Command, spec: string, description: string, value: string): Command {
  const opt = new Option(spec, description);
  cmd.addOption(opt);
  const parse = cmd.parseOptions.bind(cmd);
  cmd.parseOptions = (argv: string[]) => {
    const dash = argv.indexOf('--');
    const head = dash < 0 ? argv : argv.slice(0, dash);
    const tail = dash < 0 ? [] : argv.slice(dash);
    return parse([...head.map((a) => (a === opt.long ? `${opt.long}=${value}` : a)), ...tail]);
  };
  return cmd;
}
