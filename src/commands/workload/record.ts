// The deprecated `--record` flag: with --record=true the command line is written to the
// `kubernetes.io/change-cause` annotation, which `rollout history` shows (cli-runtime
// genericclioptions/record_flags.go).
import type { Command } from 'commander';
import type { KObject } from '../../api/types.js';
import { CHANGE_CAUSE } from '../../api/well-known.js';
import { boolFlags } from '../flags.js';

export { CHANGE_CAUSE };

export function recordFlag(cmd: Command): Command {
  return boolFlags(cmd, [
    [
      '--record',
      'Record current kubectl command in the resource annotation. If set to false, do not record the command. If set to true, record the command. If not set, default to updating the existing annotation value only if one already exists.',
    ],
  ]);
}

/**
 * The command line as kubectl records it: program, positional words, then every flag given as
 * `--long=value` in the order typed (parseCommandArguments).
 */
export function commandLine(cmd: Command): string {
  let root: Command = cmd;
  while (root.parent) root = root.parent;
  const raw: string[] = (root as unknown as { rawArgs?: string[] }).rawArgs ?? [];
  const words: string[] = [];
  const flags: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const tok = raw[i]!;
    if (tok === '--') {
      words.push(...raw.slice(i + 1));
      break;
    }
    if (!tok.startsWith('-') || tok === '-') {
      words.push(tok);
      continue;
    }
    const eq = tok.indexOf('=');
    const flag = eq < 0 ? tok : tok.slice(0, eq);
    const opt = cmd.options.find((o) => o.long === flag || o.short === flag);
    const takesValue = !!opt && (opt.required || opt.optional);
    let value: string;
    if (eq >= 0) value = tok.slice(eq + 1);
    else if (takesValue && opt!.required) value = raw[++i] ?? '';
    else value = 'true';
    flags.push(`--${(opt?.long ?? flag).replace(/^-+/, '')}=${value}`);
  }
  return ['mkube', ...words].join(' ') + flags.map((f) => ` ${f}`).join('');
}

/** Record the change cause on `obj` when --record was given; returns `obj` for chaining. */
export function record(obj: KObject, enabled: boolean | undefined, cmd: Command): KObject {
  if (!enabled) return obj;
  obj.metadata.annotations = { ...obj.metadata.annotations, [CHANGE_CAUSE]: commandLine(cmd) };
  return obj;
}

/** cobra's notice for a deprecated flag, on stderr. */
export function warnRecordDeprecated(err: NodeJS.WritableStream, given: boolean | undefined): void {
  if (given !== undefined)
    err.write('Flag --record has been deprecated, --record will be removed in the future\n');
}
