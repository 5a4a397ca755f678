// Builds the commander program: one line per command. Errors are printed the way kubectl prints
// them; only bugs get a stack trace.
import { Command, CommanderError } from 'commander';
import { ApiError, UserError } from './api/errors.js';
import { normalizeArgv } from './commands/argv.js';
import { CLOSED_PIPE_EXIT, exitQuietlyOnClosedPipe, isClosedPipe } from './commands/closed-pipe.js';
import { type Ctx, defaultCtx } from './commands/context.js';
import { FlagError, useContextNamespace } from './commands/flags.js';
import { addGlobalFlags, hoistGlobalFlags, kubeconfigFlags } from './commands/global-flags.js';
import { COMMANDS } from './commands/index.js';
import { commandOf, isBareGroup, kubectlUsageError } from './commands/usage-errors.js';
import { contextNamespace } from './state/kubeconfig-namespace.js';
import { startTrace, trace } from './util/trace.js';

/**
 * The program with the command `argv` names (or every command, for help and unknown verbs).
 * Commands are loaded on demand so `get` does not pay for `apply`'s schema or `exec`'s Docker.
 */
export async function buildProgram(ctx: Ctx, argv?: string[]): Promise<Command> {
  const program = new Command('mkube')
    .description(
      'mkube controls Kubernetes objects on the local Docker engine, as kubectl controls a cluster.',
    )
    .exitOverride()
    .showSuggestionAfterError(false)
    .configureOutput({
      writeOut: (s) => ctx.out.write(s),
      writeErr: (s) => ctx.err.write(s),
      outputError: (s, write) => write(kubectlUsageError(s, program, argv ?? [])),
    });
  const verb = argv?.find((a) => !a.startsWith('-'));
  const one = COMMANDS.find((c) => c.name === verb);
  const chosen = one ? [one] : COMMANDS;
  for (const { register } of await Promise.all(chosen.map((c) => c.load()))) register(program, ctx);
  addGlobalFlags(program);
  // The help texts load only when help may be printed: asked for, or a group without its verb.
  const group = chosen.length === 1 && program.commands[0]!.commands.length > 0;
  if (!one || group || argv?.some((a) => a === '-h' || a === '--help' || a === 'help')) {
    (await import('./commands/help.js')).useKubectlHelp(program);
  }
  return program;
}

/** Runs mkube with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], ctx: Ctx = defaultCtx()): Promise<number> {
  let program: Command | undefined;
  // The completion scripts' callback is no verb of its own: answer it before any verb parsing.
  if (argv[0] === '__complete' || argv[0] === '__completeNoDesc') {
    const { runComplete } = await import('./commands/completion/complete.js');
    return runComplete(ctx, argv.slice(1), argv[0] === '__complete', (args) => buildProgram(ctx, args));
  }
  const args = hoistGlobalFlags(normalizeArgv(argv));
  // MKUBE_TRACE: the first line's time since start is the CLI's own start-up (node + bundle).
  startTrace(ctx.home, 'cli');
  trace(
    'cli',
    `start ${args
      .filter((a) => !a.startsWith('-'))
      .slice(0, 3)
      .join(' ')}`,
  );
  if (ctx.out === process.stdout) exitQuietlyOnClosedPipe([process.stdout, process.stderr]);
  try {
    useContextNamespace(await contextNamespace(ctx.home, kubeconfigFlags(args)));
    program = await buildProgram(ctx, args);
    const group = isBareGroup(program, args);
    if (group) {
      ctx.out.write(group.helpInformation());
      return 0;
    }
    await program.parseAsync(args, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (caught) {
    let err = caught;
    // A stream piped into stdout may fail first when stdout's reader has gone: quiet, as kubectl.
    if (isClosedPipe(err) && ctx.out === process.stdout && process.stdout.destroyed) return CLOSED_PIPE_EXIT;
    // pflag's value errors name the command's help, as kubectl's do.
    if (err instanceof FlagError && program) {
      err = new UserError(`${err.message}\nSee '${commandOf(program, args).path} --help' for usage.`);
    }
    // Loaded only on this path and only for a terminal: colour must not cost every start.
    const paint = ctx.err.isTTY ? (await import('./printers/colour.js')).errorPaint(ctx.err) : undefined;
    return reportError(err, ctx, paint);
  } finally {
    trace('cli', 'done');
  }
}

export function reportError(
  err: unknown,
  ctx: Pick<Ctx, 'err'>,
  paint: (t: string) => string = (t) => t,
): number {
  if (err instanceof CommanderError) {
    // help and version exit 0; usage errors were already printed by outputError (exit 1, or the
    // code a command chose, as diff's 2).
    return err.exitCode === 0 ? 0 : err.exitCode || 1;
  }
  if (err instanceof ApiError && err.reason === 'Invalid') {
    // kubectl prints a 422 as the status message itself: `The Pod "x" is invalid: ...`.
    ctx.err.write(`${err.message}\n`);
    return 1;
  }
  if (err instanceof ApiError) {
    ctx.err.write(`${paint(`Error from server (${err.reason}):`)} ${err.message}\n`);
    return 1;
  }
  if (err instanceof UserError) {
    ctx.err.write(err.verbatim ? `${err.message}\n` : `${paint('error:')} ${err.message}\n`);
    return 1;
  }
  const e = err as Error;
  ctx.err.write(`error: internal error in mkube: ${e?.message ?? String(err)}\n`);
  if (process.env.MKUBE_DEBUG || process.argv.includes('-v')) ctx.err.write(`${e?.stack ?? ''}\n`);
  else
    ctx.err.write('This is a bug in mkube; run with MKUBE_DEBUG=1 for a stack trace and please report it.\n');
  return 1;
}
