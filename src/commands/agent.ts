// `mkube agent start|stop|status|logs`: the background process that plays controller-manager,
// kubelet and kube-proxy. `agent run` is what `start` launches.
import { createReadStream, existsSync, readFileSync, statSync, watch } from 'node:fs';
import type { Command } from 'commander';
import { dataPlaneLine } from '../agent/data-plane-state.js';
import { readListeners } from '../agent/listeners.js';
import { agentPaths } from '../agent/paths.js';
import { isAlive, runningAgentPid } from '../agent/process.js';
import { NODE } from '../api/kinds.js';
import type { Ctx } from './context.js';

/** Where the agent's Kubernetes API endpoint listens, once it does. */
export function apiServerLine(home: string, pid: number): string {
  const listeners = readListeners(home, pid);
  if (listeners?.apiServer) return `api server: ${listeners.apiServer}`;
  if (listeners?.apiServerError) return `api server: not serving (${listeners.apiServerError})`;
  return 'api server: starting';
}

export function register(program: Command, ctx: Ctx): void {
  const agent = program
    .command('agent')
    .description('Start, stop and inspect the mkube agent (kubelet + controllers)');

  agent
    .command('start')
    .description('Start the agent in the background')
    .action(async () => {
      const already = runningAgentPid(ctx.home);
      if (already) {
        ctx.out.write(`mkube agent is already running (pid ${already})\n`);
        return;
      }
      const { ensureAgentRunning } = await import('../agent/client.js');
      const pid = await ensureAgentRunning(ctx.home, true);
      if (!pid) {
        ctx.err.write(`error: the agent did not start; see ${agentPaths(ctx.home).log}\n`);
        process.exitCode = 1;
        return;
      }
      ctx.out.write(`mkube agent started (pid ${pid})\n`);
    });

  agent
    .command('stop')
    .description('Stop the agent; running pods keep running, as when a kubelet stops')
    .action(async () => {
      const pid = runningAgentPid(ctx.home);
      if (!pid) {
        ctx.out.write('mkube agent is not running\n');
        return;
      }
      process.kill(pid, 'SIGTERM');
      const deadline = Date.now() + 15_000;
      while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
      ctx.out.write('mkube agent stopped\n');
    });

  agent
    .command('status')
    .description('Say whether the agent runs; exit 1 when it does not')
    .action(() => {
      const pid = runningAgentPid(ctx.home);
      if (!pid) {
        ctx.out.write(`mkube agent is not running\nstate directory: ${ctx.home}\n`);
        process.exitCode = 1;
        return;
      }
      const nodes = ctx.store().list(NODE);
      const ready = nodes.map((n) => {
        const c = (n.status?.conditions ?? []).find((x: { type: string }) => x.type === 'Ready');
        return `${n.metadata.name} ${c?.status === 'True' ? 'Ready' : 'NotReady'}`;
      });
      ctx.out.write(
        `mkube agent is running (pid ${pid})\nstate directory: ${ctx.home}\nnode: ${ready.join(', ') || '<none>'}\n${dataPlaneLine(ctx.home, pid)}\n${apiServerLine(ctx.home, pid)}\n`,
      );
    });

  agent
    .command('logs')
    .description("Print the agent's log")
    .option('-f, --follow', 'Keep printing as the log grows')
    .option('--tail <lines>', 'Lines of recent log to show; -1 shows all', '-1')
    .action(async (opts: { follow?: boolean; tail: string }) => {
      const file = agentPaths(ctx.home).log;
      if (!existsSync(file)) return;
      const text = readFileSync(file, 'utf8');
      const tail = Number(opts.tail);
      const lines = text.split('\n');
      if (lines.at(-1) === '') lines.pop();
      const shown = tail >= 0 ? lines.slice(Math.max(0, lines.length - tail)) : lines;
      if (shown.length) ctx.out.write(`${shown.join('\n')}\n`);
      if (!opts.follow) return;
      let offset = statSync(file).size;
      await new Promise<void>(() => {
        watch(file, () => {
          const size = statSync(file).size;
          if (size <= offset) return;
          createReadStream(file, { start: offset, end: size - 1 }).pipe(ctx.out, { end: false });
          offset = size;
        });
      });
    });

  agent
    .command('run', { hidden: true })
    .description('Run the agent in the foreground')
    .action(async () => {
      const { runAgent } = await import('../agent/daemon.js');
      // Exit explicitly: the Docker event stream and file watchers would keep the process alive.
      process.exit(await runAgent(ctx.home));
    });
}
