// `mkube rollout status|history|undo|pause|resume|restart`: one file per subcommand under rollout/.
import type { Command } from 'commander';
import type { Ctx } from './context.js';
import { registerHistory } from './rollout/history.js';
import { registerMark } from './rollout/mark.js';
import { registerStatus } from './rollout/status.js';
import { registerUndo } from './rollout/undo.js';

export function register(program: Command, ctx: Ctx): void {
  const rollout = program.command('rollout').description('Manage the rollout of a resource');
  registerHistory(rollout, ctx);
  registerMark(rollout, ctx);
  registerStatus(rollout, ctx);
  registerUndo(rollout, ctx);
}
