// `mkube uncordon NODE`: cordon's inverse (see cordon.ts).
import type { Command } from 'commander';
import type { Ctx } from './context.js';
import { registerCordonVerb } from './cordon.js';

export function register(program: Command, ctx: Ctx): void {
  registerCordonVerb(program, ctx, 'uncordon');
}
