// `mkube attach (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] [-q]`: stream a running container's own
// process (its stdin when the pod spec opened it), as kubectl attach does.
import type { Command } from 'commander';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { UserError } from '../api/errors.js';
import { attachToPod } from './attach-session.js';
import type { Ctx } from './context.js';
import { goDurationMs } from './flag-values.js';
import { boolFlags, namespaceFlags, namespaceOf } from './flags.js';
import { resolvePod } from './pod-target.js';

interface AttachFlags {
  namespace?: string;
  container?: string;
  stdin?: boolean;
  tty?: boolean;
  quiet?: boolean;
  podRunningTimeout: string;
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('attach')
    .description('Attach to a running container')
    .usage('(POD | TYPE/NAME) -c CONTAINER [options]')
    .argument('[args...]', 'POD, TYPE/NAME or TYPE NAME')
    .option(
      '-c, --container <name>',
      'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen',
    )
    .option(
      '--pod-running-timeout <duration>',
      'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
      '1m0s',
    );
  namespaceFlags(cmd);
  boolFlags(cmd, [
    ['-i, --stdin', 'Pass stdin to the container'],
    ['-t, --tty', 'Stdin is a TTY'],
    ['-q, --quiet', 'Only print output from the remote session'],
  ]);
  cmd.action((args: string[], flags: AttachFlags) => runAttach(ctx, args, flags));
}

async function runAttach(ctx: Ctx, args: string[], flags: AttachFlags): Promise<void> {
  if (args.length === 0) throw new UserError('at least 1 argument is required for attach');
  if (args.length > 2)
    throw new UserError(
      `expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]`,
    );
  const timeoutMs = goDurationMs(flags.podRunningTimeout);
  if (timeoutMs === undefined || timeoutMs <= 0)
    throw new UserError('--pod-running-timeout must be higher than zero');
  const target = args.length === 2 ? `${args[0]}/${args[1]}` : args[0]!;
  const pod = (await resolvePod({
    store: ctx.store(),
    namespace: namespaceOf(flags).namespace,
    target,
    verb: 'exec',
    timeoutMs,
  })) as unknown as Pod;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed')
    throw new UserError(`cannot attach a container in a completed pod; current phase is ${phase}`);
  await attachToPod(
    ctx,
    pod,
    { stdin: !!flags.stdin, tty: !!flags.tty, quiet: !!flags.quiet, container: flags.container },
    'mkube attach',
  );
}
