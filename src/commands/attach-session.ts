// What `attach` and `run -i/-t/--attach` share: waiting for the pod, choosing the container and
// the terminal mode as kubectl's AttachOptions does, then streaming through Docker attach.
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { ApiError, UserError } from '../api/errors.js';
import { POD } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import type { Ctx } from './context.js';
import { localTerminal } from './local-terminal.js';
import { attemptsOf, defaultContainer, execTarget } from './pod-target.js';

export interface StreamFlags {
  stdin: boolean;
  tty: boolean;
  quiet: boolean;
  container?: string;
}

/** kubectl's terminal decision for one attach (pure). */
export interface AttachMode {
  /** Forward local stdin. */
  stdin: boolean;
  /** The local terminal goes raw and its size is forwarded. */
  raw: boolean;
  /** Lines for stderr before streaming, in order. */
  notices: string[];
}

export function attachMode(o: {
  flags: StreamFlags;
  containerName: string;
  containerTty: boolean;
  stdinIsTerminal: boolean;
}): AttachMode {
  const notices: string[] = [];
  let tty = o.flags.tty;
  if (tty && !o.containerTty) {
    tty = false;
    if (!o.flags.quiet)
      notices.push(`error: Unable to use a TTY - container ${o.containerName} did not allocate one`);
  } else if (!tty && o.containerTty) {
    // A container with a TTY has one output stream: attach as a terminal or read garbage.
    tty = true;
  }
  if (!o.flags.stdin) return { stdin: false, raw: false, notices: withPrompt(notices, o.flags.quiet) };
  if (tty && !o.stdinIsTerminal) {
    tty = false;
    if (!o.flags.quiet)
      notices.push('Unable to use a TTY - input is not a terminal or the right kind of file');
  }
  return { stdin: true, raw: tty, notices: withPrompt(notices, o.flags.quiet) };
}

function withPrompt(notices: string[], quiet: boolean): string[] {
  return quiet ? notices : [...notices, "If you don't see a command prompt, try pressing enter."];
}

/** The container `attach -c` names, or kubectl's default one (notices go to stderr). */
export function containerToAttach(ctx: Ctx, pod: Pod, flags: StreamFlags): Container {
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let name = flags.container;
  if (!name) {
    const choice = defaultContainer(pod, 'exec', flags.quiet);
    for (const notice of choice.notices) ctx.err.write(`${notice}\n`);
    name = choice.name;
  }
  const found = all.find((c) => c.name === name);
  if (!found)
    throw new UserError(
      `cannot attach to the container: container ${name} not found in pod ${pod.metadata?.name}`,
    );
  return found;
}

export type PodCondition = (pod: KObject) => boolean;

export const podCompleted: PodCondition = (p) =>
  p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
export const podSucceeded: PodCondition = (p) => p.status?.phase === 'Succeeded';
export const podRunningAndReady: PodCondition = (p) =>
  p.status?.phase === 'Running' &&
  (p.status?.conditions ?? []).some(
    (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
  );

/** kubectl's waitForPod: until `done` holds; a deleted pod is NotFound, a deadline an error. */
export async function waitForPod(
  ctx: Ctx,
  namespace: string,
  name: string,
  timeoutMs: number,
  done: PodCondition,
): Promise<KObject> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pod = ctx.store().get(POD, namespace, name);
    // watch.Deleted: the API's NotFound with an empty name, as kubectl prints it.
    if (!pod) throw ApiError.notFound('pods', '');
    if (done(pod)) return pod;
    if (Date.now() >= deadline) throw new UserError('timed out waiting for the condition');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stream one container of a running pod; resolves when its process exits or stdin ends it. */
export async function attachToPod(
  ctx: Ctx,
  pod: Pod,
  flags: StreamFlags,
  commandName: string,
): Promise<void> {
  const container = containerToAttach(ctx, pod, flags);
  const runtime = await ctx.runtime();
  const target = execTarget(await runtime.listContainers({ podUid: pod.metadata!.uid! }), container.name);
  if (!target) throw new UserError(`unable to upgrade connection: container not found ("${container.name}")`);
  const mode = attachMode({
    flags,
    containerName: container.name,
    containerTty: container.tty ?? false,
    stdinIsTerminal: !!ctx.in.isTTY,
  });
  for (const line of mode.notices) ctx.err.write(`${line}\n`);
  if (mode.raw) ctx.in.setRawMode?.(true);
  try {
    await runtime.attach(target.id, {
      tty: container.tty ?? false,
      stdin: mode.stdin ? ctx.in : undefined,
      stdout: ctx.out,
      stderr: mode.raw ? ctx.out : ctx.err,
      terminal: mode.raw ? localTerminal(ctx) : undefined,
    });
  } finally {
    if (mode.raw) ctx.in.setRawMode?.(false);
  }
  if (!flags.quiet && mode.stdin && mode.raw) {
    ctx.out.write(
      `Session ended, resume using '${commandName} ${pod.metadata!.name} -c ${container.name} -i -t' command when the pod is running\n`,
    );
  }
}

/** kubectl's fallback when it cannot attach: the container's log so far. */
export async function printLogs(ctx: Ctx, pod: Pod, flags: StreamFlags): Promise<void> {
  const container = containerToAttach(ctx, pod, { ...flags, quiet: true });
  const runtime = await ctx.runtime();
  const newest = attemptsOf(await runtime.listContainers({ podUid: pod.metadata!.uid! }), container.name)[0];
  if (!newest) return;
  await runtime.logs(newest.id, { follow: false, timestamps: false, stdout: ctx.out, stderr: ctx.err });
}
