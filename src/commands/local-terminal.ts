// The terminal of the mkube process for a -t session (exec, attach, run -it): its size when
// stdout is a TTY, and its resizes (Node turns SIGWINCH into a 'resize' event on a TTY stdout).
import type { ExecTerminal } from '../runtime/types.js';
import type { Ctx } from './context.js';

export function localTerminal(ctx: Ctx): ExecTerminal {
  const out = ctx.out as NodeJS.WritableStream & { rows?: number; columns?: number; isTTY?: boolean };
  return {
    size: () => (out.isTTY && out.rows && out.columns ? { rows: out.rows, cols: out.columns } : undefined),
    onResize(listener) {
      out.on('resize', listener);
      return () => {
        out.removeListener('resize', listener);
      };
    },
  };
}
