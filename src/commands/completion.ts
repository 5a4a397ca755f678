// `mkube completion bash|zsh|fish|powershell`: the shell code that completes mkube's verbs, flags,
// resource types and the names in the state directory (through the hidden `__complete` command).
import type { Command } from 'commander';
import { UserError } from '../api/errors.js';
import { completionScript, SHELLS, type Shell } from './completion/scripts.js';
import type { Ctx } from './context.js';

export function register(program: Command, ctx: Ctx): void {
  program
    .command('completion')
    .description(
      'Output shell completion code for the specified shell (bash, zsh, fish, or powershell). The shell code must be evaluated to provide interactive completion of mkube commands.  This can be done by sourcing it from the .bash_profile.',
    )
    .summary('Output shell completion code for the specified shell (bash, zsh, fish, or powershell)')
    .argument('[shell...]')
    .action((shells: string[]) => {
      const hint = "See 'mkube completion -h' for help and examples";
      if (shells.length === 0) throw new UserError(`Shell not specified.\n${hint}`);
      if (shells.length > 1)
        throw new UserError(`Too many arguments. Expected only the shell type.\n${hint}`);
      const shell = shells[0]!;
      if (!SHELLS.includes(shell as Shell))
        throw new UserError(`Unsupported shell type "${shell}".\n${hint}`);
      ctx.out.write(completionScript(shell as Shell, program.name()));
    });
}
