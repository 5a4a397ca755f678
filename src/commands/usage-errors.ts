// commander's usage errors reworded as cobra/pflag word them in kubectl: unknown commands with
// "Did you mean this?", unknown flags, missing flag values, unexpected arguments, required flags.
import type { Command } from 'commander';
import { groupedCommands } from './command-groups.js';
import { GLOBAL_FLAGS } from './global-flags.js';

/** The command `args` name (`create deployment`), and the words that named it. */
export function commandOf(program: Command, args: string[]): { cmd: Command; path: string } {
  const names = [program.name()];
  let cmd = program;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      // Skip the value of a flag that takes one (`-n dev get`).
      if (!arg.includes('=') && takesValue(cmd, arg)) i++;
      continue;
    }
    const sub = cmd.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!sub) break;
    names.push(sub.name());
    cmd = sub;
  }
  return { cmd, path: names.join(' ') };
}

function isKnownFlag(cmd: Command, flag: string): boolean {
  for (let c: Command | null = cmd; c; c = c.parent) {
    if (c.options.some((o) => o.short === flag || o.long === flag)) return true;
  }
  return GLOBAL_FLAGS.some((g) => flag === `--${g.long}` || (g.short && flag === `-${g.short}`));
}

function takesValue(cmd: Command, flag: string): boolean {
  for (let c: Command | null = cmd; c; c = c.parent) {
    const opt = c.options.find((o) => o.short === flag || o.long === flag);
    if (opt) return opt.required || opt.optional;
  }
  // Every global flag takes a value, also where no command declares it (the root).
  return GLOBAL_FLAGS.some((g) => flag === `--${g.long}` || (g.short && flag === `-${g.short}`));
}

/** The operands given to `cmd` (what follows its name, less flags and their values). */
function operandsOf(cmd: Command, path: string, args: string[]): string[] {
  const depth = path.split(' ').length - 1;
  const out: string[] = [];
  let words = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      out.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      if (!arg.includes('=') && takesValue(cmd, arg)) i++;
      continue;
    }
    if (words++ >= depth) out.push(arg);
  }
  return out;
}

/**
 * A group named without a subcommand (`mkube`, `mkube config`): cobra prints its help on stdout
 * and succeeds; commander would print it on stderr and fail.
 */
export function isBareGroup(program: Command, args: string[]): Command | undefined {
  const { cmd, path } = commandOf(program, args);
  const hasAction = !!(cmd as unknown as { _actionHandler?: unknown })._actionHandler;
  if (cmd.commands.length === 0 || hasAction) return undefined;
  if (args.some((a) => a === '-h' || a === '--help')) return undefined;
  // An unknown flag is commander's to report.
  const flags = args.filter((a) => a.startsWith('-') && a !== '-').map((a) => a.split('=')[0]!);
  if (!flags.every((f) => isKnownFlag(cmd, f))) return undefined;
  return operandsOf(cmd, path, args).length === 0 ? cmd : undefined;
}

/** cobra's Levenshtein distance, case-insensitive. */
export function levenshtein(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = row;
  }
  return prev[t.length]!;
}

/** cobra's SuggestionsFor: commands within distance 2, or that start with what was typed. */
export function suggestionsFor(typed: string, commands: string[]): string[] {
  return commands.filter(
    (name) => levenshtein(typed, name) <= 2 || name.toLowerCase().startsWith(typed.toLowerCase()),
  );
}

/** kubectl's text for one of commander's usage errors (`message` as commander wrote it). */
export function kubectlUsageError(message: string, program: Command, args: string[]): string {
  const { cmd, path } = commandOf(program, args);
  const forUsage = `See '${path} --help' for usage.`;
  const forExamples = `See '${path} -h' for help and examples`;
  // diff's flag errors are its own (cmdutil's UsageErrorf).
  const flagHint = path === `${program.name()} diff` ? forExamples : forUsage;

  const unknownCommand = /^error: unknown command '(.*)'/.exec(message);
  if (unknownCommand) {
    const typed = unknownCommand[1]!;
    if (cmd !== program) return `error: unknown command "${typed}"\n${forExamples}\n`;
    const inOrder = groupedCommands(program).flatMap(([, cmds]) => cmds.map((c) => c.name()));
    const suggestions = suggestionsFor(typed, inOrder);
    const hint = suggestions.length
      ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}`
      : '\n';
    return `error: unknown command "${typed}" for "${program.name()}"${hint}`;
  }
  const unknownOption = /^error: unknown option '([^']+)'/.exec(message);
  if (unknownOption) {
    const flag = unknownOption[1]!;
    const text = flag.startsWith('--')
      ? `unknown flag: ${flag}`
      : `unknown shorthand flag: '${flag[1]}' in ${flag}`;
    return `error: ${text}\n${flagHint}\n`;
  }
  const missingValue = /^error: option '([^']+)' argument missing/.exec(message);
  if (missingValue) {
    const [short, long] = flagNames(missingValue[1]!);
    const typed = [...args].reverse().find((a) => a === short || a === long);
    const text = typed && typed === short ? `'${short!.slice(1)}' in ${short}` : long;
    return `error: flag needs an argument: ${text}\n${flagHint}\n`;
  }
  if (/^error: too many arguments/.test(message)) {
    return `error: Unexpected args: [${operandsOf(cmd, path, args).join(' ')}]\n${forExamples}\n`;
  }
  const required = /^error: required option '([^']+)' not specified/.exec(message);
  if (required) {
    const [, long] = flagNames(required[1]!);
    return `error: required flag(s) "${long?.slice(2)}" not set\n`;
  }
  return message;
}

/** `-n, --namespace <namespace>` -> ['-n', '--namespace']. */
function flagNames(spec: string): [string | undefined, string | undefined] {
  const short = /(^|[ ,|])(-[^-\s,|])\b/.exec(spec)?.[2];
  const long = /(--[^\s,|<[]+)/.exec(spec)?.[1];
  return [short, long];
}
