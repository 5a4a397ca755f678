import type { Command } from 'commander';
import type { Ctx } from './context.js';

export function register(_program: Command, _ctx: Ctx): void {
  // 'scale' is not built yet.
}
