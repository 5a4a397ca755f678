// `mkube exec`: run a command in a pod's container as kubectl does, with -i (stdin), -t (a real
// terminal: raw mode and resizes forwarded), and the remote exit status as mkube's own.
import type { Command } from 'commander';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { ApiError, UserError } from '../api/errors.js';
import type { Ctx } from './context.js';
import { goDurationMs } from './flag-values.js';
import { argsLenAtDash, boolFlags, namespaceFlags, namespaceOf } from './flags.js';
import { localTerminal } from './local-terminal.js';
import { defaultContainer, execTarget, podHasContainer, resolvePod } from './pod-target.js';

interface ExecFlags {
  namespace?: string;
  container?: string;
  stdin?: boolean;
  tty?: boolean;
  quiet?: boolean;
  podRunningTimeout: string;
}

const NO_DASH =
  "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'mkube exec -h' for help and examples";

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('exec')
    .description('Execute a command in a container')
    .usage('(POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]')
    .argument('[target]', 'POD or TYPE/NAME')
    .argument('[command...]', 'the command and its arguments')
    .option(
      '-c, --container <name>',
      'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen',
    )
    .option(
      '--pod-running-timeout <duration>',
      'The length of time to wait until at least one pod is running',
      '1m0s',
    );
  namespaceFlags(cmd);
  boolFlags(cmd, [
    ['-i, --stdin', 'Pass stdin to the container'],
    ['-t, --tty', 'Stdin is a TTY'],
    ['-q, --quiet', 'Only print output from the remote session'],
  ]);
  cmd.action(async (target: string | undefined, command: string[], flags: ExecFlags) => {
    // cobra's ArgsLenAtDash: `exec -- ls` names no pod; `exec pod ls` (no dash) is refused.
    const operands = [...(target === undefined ? [] : [target]), ...command];
    const dash = argsLenAtDash(cmd, operands);
    if (dash === -1 && operands.length > 1) throw new UserError(NO_DASH);
    await runExec(ctx, dash === 0 ? undefined : target, dash === 0 ? operands : command, flags);
  });
}

async function runExec(
  ctx: Ctx,
  target: string | undefined,
  command: string[],
  flags: ExecFlags,
): Promise<void> {
  if (!target) throw new UserError('pod, type/name or --filename must be specified');
  if (command.length === 0) throw new UserError('you must specify at least one command for the container');
  const timeoutMs = goDurationMs(flags.podRunningTimeout);
  if (timeoutMs === undefined || timeoutMs <= 0)
    throw new UserError('--pod-running-timeout must be higher than zero');

  const podObj = await resolvePod({
    store: ctx.store(),
    namespace: namespaceOf(flags).namespace,
    target,
    verb: 'exec',
    timeoutMs,
  });
  const pod = podObj as unknown as Pod;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') {
    throw new UserError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  }
  const name = chooseContainer(ctx, pod, flags);

  const runtime = await ctx.runtime();
  const container = execTarget(await runtime.listContainers({ podUid: podObj.metadata.uid }), name);
  if (!container) throw new UserError(`unable to upgrade connection: container not found ("${name}")`);

  const tty = wantsTty(ctx, flags);
  const restore = tty ? enterRawMode(ctx) : () => {};
  let code: number;
  try {
    code = await runtime.exec(container.id, {
      command,
      tty,
      stdin: flags.stdin ? ctx.in : undefined,
      stdout: ctx.out,
      // A terminal has one output stream; kubectl drops the separate stderr in raw mode.
      stderr: tty ? ctx.out : ctx.err,
      terminal: tty ? localTerminal(ctx) : undefined,
    });
  } catch (err) {
    if ((err as Error).name === 'RuntimeError') throw new UserError((err as Error).message);
    throw err;
  } finally {
    restore();
  }
  if (code !== 0) {
    ctx.err.write(`command terminated with exit code ${code}\n`);
    process.exitCode = code;
  }
}

function chooseContainer(ctx: Ctx, pod: Pod, flags: ExecFlags): string {
  if (flags.container) {
    if (!podHasContainer(pod, flags.container)) {
      throw new ApiError(
        'BadRequest',
        `container ${flags.container} is not valid for pod ${pod.metadata?.name}`,
      );
    }
    return flags.container;
  }
  const choice = defaultContainer(pod, 'exec', flags.quiet ?? false);
  for (const notice of choice.notices) ctx.err.write(`${notice}\n`);
  return choice.name;
}

/** kubectl: a TTY needs -i too, and a terminal on stdin; otherwise it says so and goes on without. */
function wantsTty(ctx: Ctx, flags: ExecFlags): boolean {
  if (!flags.tty || !flags.stdin) return false;
  if (ctx.in.isTTY) return true;
  if (!flags.quiet)
    ctx.err.write('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  return false;
}

function enterRawMode(ctx: Ctx): () => void {
  ctx.in.setRawMode?.(true);
  return () => {
    ctx.in.setRawMode?.(false);
  };
}
