// `mkube run NAME --image=IMAGE [-- args]`: create one Pod as kubectl's run generator does
// (label `run: NAME`, container named NAME, restartPolicy from --restart).
import { type Command, Option } from 'commander';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { ApiError, UserError } from '../api/errors.js';
import { type KindInfo, lookupKind, POD } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import {
  attachToPod,
  podCompleted,
  podRunningAndReady,
  podSucceeded,
  printLogs,
  type StreamFlags,
  waitForPod,
} from './attach-session.js';
import type { Ctx } from './context.js';
import { goDurationMs } from './flag-values.js';
import {
  argsLenAtDash,
  boolFlags,
  dryRunFlag,
  dryRunOf,
  namespaceFlags,
  namespaceOf,
  outputFlag,
  repeatable,
} from './flags.js';
import { throwIfAny } from './workload/errors.js';
import { forCreate, isImageReference, runPod, runService } from './workload/generate.js';
import { applyMergePatch } from './workload/merge-patch.js';
import { VerbPrinter } from './workload/output.js';

interface RunOpts {
  image?: string;
  restart?: string;
  labels?: string;
  env?: string[];
  annotations?: string[];
  port?: string;
  command?: boolean;
  imagePullPolicy?: string;
  privileged?: boolean;
  overrides?: string;
  overrideType: string;
  namespace?: string;
  output?: string;
  dryRun?: string;
  stdin?: boolean;
  tty?: boolean;
  attach?: boolean;
  rm?: boolean;
  expose?: boolean;
  leaveStdinOpen?: boolean;
  quiet?: boolean;
  podRunningTimeout: string;
  timeout?: string;
}

const SERVICE = lookupKind('services')!;

const usage = (msg: string) => new UserError(`${msg}\nSee 'mkube run -h' for help and examples`);

/** kubectl's getRestartPolicy: unset means OnFailure for an interactive pod, else Always. */
export function restartPolicyOf(restart: string | undefined, interactive: boolean): string {
  if (!restart) return interactive ? 'OnFailure' : 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw usage(`invalid restart policy: ${restart}`);
  return restart;
}

/** -i attaches unless --attach=false says otherwise. */
const attachOf = (o: RunOpts) => o.attach ?? !!o.stdin;

function checkFlags(o: RunOpts, dryRun: string): { restartPolicy: string; timeoutMs: number } {
  if (!o.image) throw new UserError('--image is required');
  if (!isImageReference(o.image))
    throw new UserError(`Invalid image name "${o.image}": invalid reference format`);
  if (o.tty && !o.stdin) throw usage('-i/--stdin is required for containers with -t/--tty=true');
  if (o.expose && !o.port) throw usage('--port must be set when exposing a service');
  const restartPolicy = restartPolicyOf(o.restart, !!o.stdin);
  if (o.rm && !attachOf(o)) throw usage('--rm should only be used for attached containers');
  if (attachOf(o) && dryRun !== 'none')
    throw usage(
      "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)",
    );
  if (o.imagePullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(o.imagePullPolicy)) {
    throw usage(`invalid image pull policy: ${o.imagePullPolicy}`);
  }
  const timeoutMs = goDurationMs(o.podRunningTimeout);
  if (timeoutMs === undefined)
    throw new UserError(
      `invalid argument "${o.podRunningTimeout}" for "--pod-running-timeout" flag: time: invalid duration "${o.podRunningTimeout}"`,
    );
  return { restartPolicy, timeoutMs };
}

function applyOverrides(pod: KObject, o: RunOpts): KObject {
  if (!o.overrides) return pod;
  if (o.overrideType !== 'merge')
    throw new UserError(`--override-type=${o.overrideType} is not supported by mkube; use merge`);
  let patch: unknown;
  try {
    patch = JSON.parse(o.overrides);
  } catch (e) {
    throw new UserError(`error: unable to parse "${o.overrides}": ${(e as Error).message}`, true);
  }
  return applyMergePatch(pod, patch) as KObject;
}

async function run(ctx: Ctx, cmd: Command, args: string[], o: RunOpts): Promise<void> {
  if (args.length === 0 || argsLenAtDash(cmd, args) === 0) throw usage('NAME is required for run');
  if (o.timeout !== undefined)
    ctx.err.write(
      'Flag --timeout has been deprecated, because it is not used by this command. It will be removed in version 1.29.\n',
    );
  const dryRun = dryRunOf(ctx, o.dryRun);
  const { restartPolicy, timeoutMs } = checkFlags(o, dryRun);
  const printer = await VerbPrinter.create(ctx.out, o.output, dryRun);
  const { namespace, explicit } = namespaceOf(o);
  const name = args[0]!;
  const generated = runPod({
    name,
    image: o.image!,
    restart: o.restart ?? '',
    labels: o.labels,
    annotations: o.annotations ?? [],
    env: o.env ?? [],
    port: o.port,
    command: !!o.command,
    args: args.slice(1),
    imagePullPolicy: o.imagePullPolicy,
    privileged: o.privileged,
    namespace: explicit && dryRun === 'client' ? namespace : undefined,
    stdin: o.stdin,
    leaveStdinOpen: o.leaveStdinOpen,
    tty: o.tty,
  });
  const pod = applyOverrides(generated, o);
  const service = o.expose
    ? runService({
        name,
        labels: o.labels,
        port: o.port!,
        namespace: explicit && dryRun === 'client' ? namespace : undefined,
      })
    : undefined;
  if (dryRun === 'client') {
    // kubectl prints the Service as it creates it, before the pod's line.
    if (service) printer.print(SERVICE, service, 'created');
    printer.print(POD, pod, 'created');
    return;
  }
  const registry = await ctx.registry();
  const opts = { dryRun: dryRun === 'server', warn: (w: string) => ctx.err.write(`Warning: ${w}\n`) };
  const created = await registry.create(
    { ...forCreate(pod), metadata: { ...forCreate(pod).metadata, namespace } },
    opts,
  );
  const createdObjects: Array<{ kind: KindInfo; name: string }> = [{ kind: POD, name }];
  const errors: unknown[] = [];
  if (service) {
    try {
      const svc = await registry.create(
        { ...forCreate(service), metadata: { ...forCreate(service).metadata, namespace } },
        opts,
      );
      printer.print(SERVICE, svc, 'created');
      createdObjects.push({ kind: SERVICE, name });
    } catch (err) {
      errors.push(err);
    }
  }
  if (dryRun === 'none') await ctx.ensureAgent();
  if (!attachOf(o)) {
    printer.print(POD, created, 'created');
    throwIfAny(errors);
    return;
  }
  let failed: ContainerFailure | undefined;
  try {
    failed = await attachAndWait(ctx, { namespace, name, restartPolicy, timeoutMs, o });
  } finally {
    if (o.rm) await removeCreated(ctx, namespace, createdObjects, !!o.quiet);
  }
  // After the removal, as kubectl reports its error once its deferred delete ran.
  if (failed) {
    ctx.err.write(failed.text.endsWith('\n') ? failed.text : `${failed.text}\n`);
    process.exitCode = failed.exitCode;
  }
}

/** uexec.CodeExitError: printed as is (no `error: `), its code becomes mkube's own. */
interface ContainerFailure {
  text: string;
  exitCode: number;
}

interface AttachRun {
  namespace: string;
  name: string;
  restartPolicy: string;
  timeoutMs: number;
  o: RunOpts;
}

/** kubectl run's attach path: attach (or show the logs of a pod that already ended), then the exit code. */
async function attachAndWait(ctx: Ctx, r: AttachRun): Promise<ContainerFailure | undefined> {
  const flags: StreamFlags = { stdin: !!r.o.stdin, tty: !!r.o.tty, quiet: !!r.o.quiet };
  const started = await waitForPod(
    ctx,
    r.namespace,
    r.name,
    r.timeoutMs,
    (p) => podRunningAndReady(p) || podCompleted(p),
  );
  const pod = started as unknown as Pod;
  if (podCompleted(started)) await printLogs(ctx, pod, flags);
  else {
    try {
      await attachToPod(ctx, pod, flags, 'mkube attach');
    } catch (err) {
      if (err instanceof UserError || (err as Error).name === 'RuntimeError') {
        ctx.err.write(
          `warning: couldn't attach to pod/${r.name}, falling back to streaming logs: ${(err as Error).message}\n`,
        );
        await printLogs(ctx, pod, flags);
      } else throw err;
    }
  }
  // With --leave-stdin-open or restartPolicy Always there is no exit code to wait for.
  if (r.o.leaveStdinOpen || r.restartPolicy === 'Always') return undefined;
  const done = r.restartPolicy === 'OnFailure' ? podSucceeded : podCompleted;
  return exitStatus(await waitForPod(ctx, r.namespace, r.name, r.timeoutMs, done));
}

/** kubectl's ending: success, the container's exit code with its reason, or an error. */
export function exitStatus(pod: KObject): ContainerFailure | undefined {
  const where = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') return undefined;
  if (phase !== 'Failed') throw new UserError(`pod ${where} left in phase ${phase}`);
  const terminated = pod.status?.containerStatuses?.[0]?.state?.terminated;
  if (!terminated?.exitCode) throw new UserError(`pod ${where} failed with unknown exit code`);
  return {
    text: `pod ${where} terminated (${terminated.reason ?? ''})\n${terminated.message ?? ''}`,
    exitCode: terminated.exitCode,
  };
}

/** --rm: delete what run created, as `delete` prints it, without waiting. */
async function removeCreated(
  ctx: Ctx,
  namespace: string,
  objects: Array<{ kind: KindInfo; name: string }>,
  quiet: boolean,
): Promise<void> {
  const registry = await ctx.registry();
  for (const { kind, name } of objects) {
    try {
      await registry.delete(kind, namespace, name);
    } catch (err) {
      if (err instanceof ApiError && err.reason === 'NotFound') continue;
      throw err;
    }
    if (!quiet) ctx.out.write(`${kind.kind.toLowerCase()} "${name}" deleted\n`);
  }
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('run')
    .description('Run a particular image on the cluster')
    .usage(
      'NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
    )
    .argument('[args...]')
    .option('--image <image>', 'The image for the container to run.')
    .option(
      '--restart <policy>',
      'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].',
      'Always',
    )
    .option(
      '--pod-running-timeout <duration>',
      'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
      '1m0s',
    )
    .addOption(new Option('--timeout <duration>').hideHelp())
    .option(
      '-l, --labels <labels>',
      'Comma separated labels to apply to the pod. Will override previous values.',
    )
    .option('--env <env>', 'Environment variables to set in the container.', repeatable)
    .option('--annotations <annotation>', 'Annotations to apply to the pod.', repeatable)
    .option('--port <port>', 'The port that this container exposes.')
    .option('--image-pull-policy <policy>', 'The image pull policy for the container.')
    .option('--overrides <json>', 'An inline JSON override for the generated object.')
    .option(
      '--override-type <type>',
      'The method used to override the generated object: json, merge, or strategic.',
      'merge',
    );
  outputFlag(cmd);
  boolFlags(cmd, [
    [
      '--command',
      "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default.",
    ],
    ['--privileged', 'If true, run the container in privileged mode.'],
    ['-i, --stdin', 'Keep stdin open on the container in the pod, even if nothing is attached.'],
    ['-t, --tty', 'Allocate a TTY for the container in the pod.'],
    [
      '--attach',
      "If true, wait for the Pod to start running, and then attach to the Pod as if 'mkube attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true. With '--restart=Never' the exit code of the container process is returned.",
    ],
    [
      '--rm',
      "If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with '--attach' or with '-i/--stdin'.",
    ],
    [
      '--leave-stdin-open',
      'If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes. By default, stdin will be closed after the first attach completes.',
    ],
    ['-q, --quiet', 'If true, suppress prompt messages.'],
    ['--expose', 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.'],
  ]);
  dryRunFlag(cmd);
  namespaceFlags(cmd);
  cmd.action((args: string[], o: RunOpts) => run(ctx, cmd, args, o));
}
