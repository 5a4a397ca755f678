// `--help` in kubectl's layout (its templater): the description, Aliases, Examples, Available
// Commands, Options as `--flag=default:` with the text on the next line, Usage last and the
// pointer to `mkube options`. `mkube --help` lists the verbs in kubectl's groups.
import type { Command, Option } from 'commander';
import { groupedCommands, isHidden } from './command-groups.js';
import { commaList, type GoTyped, repeatable } from './flags.js';
import { GLOBAL_FLAGS } from './global-flags.js';
import { HELP_TEXTS } from './help-texts.js';

const OPTIONS_LINE =
  'Use "mkube options" for a list of global command-line options (applies to all commands).\n';

/** Give every command kubectl's help layout. */
export function useKubectlHelp(program: Command): void {
  program.helpInformation = () => rootHelp(program);
  const walk = (cmd: Command) => {
    for (const sub of cmd.commands) {
      sub.helpInformation = () => commandHelp(sub);
      walk(sub);
    }
  };
  walk(program);
}

function rootHelp(program: Command): string {
  const groups = groupedCommands(program);
  const width = namePadding(groups.flatMap(([, cmds]) => cmds));
  let out = `${program.description()}\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n`;
  for (const [title, cmds] of groups) out += `${title}:\n${commandList(cmds, width)}\n`;
  out += 'Usage:\n  mkube [flags] [options]\n\n';
  out += 'Use "mkube <command> --help" for more information about a given command.\n';
  return out + OPTIONS_LINE;
}

/** The words that name `cmd`: `mkube config view`. */
export function pathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function commandHelp(cmd: Command): string {
  const path = pathOf(cmd);
  const key = path.split(' ').slice(1).join(' ');
  const text = HELP_TEXTS[key];
  let out = `${text?.long ?? withPeriod(cmd.description())}\n\n`;
  if (cmd.aliases().length) out += `Aliases:\n${[cmd.name(), ...cmd.aliases()].join(', ')}\n\n`;
  if (text?.examples)
    out += `Examples:\n${text.examples.replace(/^(?=.)/gm, '  ').replace(/^$/gm, '  ')}\n\n`;
  const subs = cmd.commands
    .filter((c) => !isHidden(c) && c.name() !== 'help')
    .sort((a, b) => (a.name() < b.name() ? -1 : 1));
  if (subs.length) out += `Available Commands:\n${commandList(subs, namePadding(subs))}\n`;
  const options = visibleOptions(cmd);
  if (options.length) out += `Options:\n${options.map(optionHelp).join('\n')}\n`;
  out += `Usage:\n  ${usageLine(cmd, path, text?.use, options.length > 0)}\n\n`;
  if (subs.length) out += `Use "${path} <command> --help" for more information about a given command.\n`;
  return out + OPTIONS_LINE;
}

/**
 * cobra's UseLine with kubectl's ` [options]` when the command has flags: the usage the verb
 * declares, else kubectl's, else `[flags]` (commander's own default is not kubectl's).
 */
function usageLine(cmd: Command, path: string, use: string | undefined, hasFlags: boolean): string {
  const declared = (cmd as unknown as { _usage?: string })._usage;
  const usage = declared ?? use ?? (hasFlags ? '[flags]' : '');
  // kubectl's global flags apply to every command: its usage lines all end in [options].
  const line = `${path} ${usage}`.trimEnd();
  return line.includes('[options]') ? line : `${line} [options]`;
}

/** cobra pads command names to the longest (at least 11), plus kubectl's spacing. */
function namePadding(cmds: Command[]): number {
  return Math.max(11, ...cmds.map((c) => c.name().length)) + 3;
}

function commandList(cmds: Command[], width: number): string {
  return cmds.map((c) => `  ${c.name().padEnd(width)}${summaryOf(c)}\n`).join('');
}

/** The one-line summary (kubectl's Short): the description's first sentence, without a period. */
function summaryOf(cmd: Command): string {
  return cmd.summary() || cmd.description().split('\n')[0]!.replace(/\.$/, '');
}

function withPeriod(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Options in pflag's order (by long name), without help, the hidden and the global ones. */
function visibleOptions(cmd: Command): Option[] {
  // kubectl lists -n and the other global flags under `kubectl options`, not per verb.
  const global = (o: Option) =>
    GLOBAL_FLAGS.some((g) => `--${g.long}` === o.long && g.description === o.description);
  return cmd.options
    .filter((o) => !o.hidden && o.long !== '--help' && !global(o))
    .sort((a, b) => (a.long! < b.long! ? -1 : a.long! > b.long! ? 1 : 0));
}

/** `    -o, --output='':` then the text after a tab, as kubectl's flag usages. */
function optionHelp(o: Option): string {
  const name = o.short ? `-${o.short.slice(1)}, ${o.long}` : o.long;
  return `    ${name}=${defaultText(o)}:\n\t${o.description}\n`;
}

/** pflag's DefValue: strings quoted, booleans, numbers, durations and lists as Go prints them. */
export function defaultText(o: Option): string {
  // `--no-headers` is a flag of its own in pflag, false unless given.
  if (o.negate) return 'false';
  if (o.isBoolean()) return String(o.defaultValue === true);
  if (o.parseArg === commaList || o.parseArg === repeatable) {
    return Array.isArray(o.defaultValue) ? `[${o.defaultValue.join(',')}]` : '[]';
  }
  if (o.defaultValueDescription !== undefined) return o.defaultValueDescription;
  const goZero = (o.parseArg as GoTyped | undefined)?.goZero;
  if (o.defaultValue === undefined && goZero !== undefined) return goZero;
  if (typeof o.defaultValue === 'number' || typeof o.defaultValue === 'boolean')
    return String(o.defaultValue);
  return `'${o.defaultValue ?? ''}'`;
}
