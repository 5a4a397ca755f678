// `mkube options`: the global flags every command accepts, in kubectl's layout.
import type { Command } from 'commander';
import type { Ctx } from './context.js';
import { GLOBAL_FLAGS } from './global-flags.js';

export function globalOptionsText(): string {
  const flags = GLOBAL_FLAGS.map((f) => {
    const name = f.short ? `-${f.short}, --${f.long}` : `--${f.long}`;
    return `    ${name}=${f.def}:\n\t${f.description}\n`;
  });
  return `The following options can be passed to any command:\n\n${flags.join('\n')}`;
}

export function register(program: Command, ctx: Ctx): void {
  program
    .command('options', { hidden: true })
    .description('Print the list of flags inherited by all commands')
    .action(() => {
      ctx.out.write(globalOptionsText());
    });
}
