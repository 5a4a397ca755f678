// `mkube run NAME --image=IMAGE [-- args]`: create one Pod as kubectl's run generator does
// (label `run: NAME`, container named NAME, restartPolicy from --restart).
import type { Command } from 'commander';
import { UserError } from '../api/errors.js';
import { POD } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import type { Ctx } from './context.js';
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
import { forCreate, isImageReference, runPod } from './workload/generate.js';
import { applyMergePatch } from './workload/merge-patch.js';
import { VerbPrinter } from './workload/output.js';

interface RunOpts {
  image?: string;
  restart: string;
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
}

const usage = (msg: string) => new UserError(`${msg}\nSee 'mkube run -h' for help and examples`);

function checkFlags(o: RunOpts): void {
  if (!o.image) throw new UserError('--image is required');
  if (!isImageReference(o.image))
    throw new UserError(`Invalid image name "${o.image}": invalid reference format`);
  if (o.tty && !o.stdin) throw usage('-i/--stdin is required for containers with -t/--tty=true');
  if (o.expose && !o.port) throw usage('--port must be set when exposing a service');
  if (!['Always', 'OnFailure', 'Never'].includes(o.restart))
    throw usage(`invalid restart policy: ${o.restart}`);
  if (o.rm && !o.attach && !o.stdin) throw usage('--rm should only be used for attached containers');
  if (o.imagePullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(o.imagePullPolicy)) {
    throw usage(`invalid image pull policy: ${o.imagePullPolicy}`);
  }
  if (o.attach || o.stdin || o.tty) {
    throw new UserError(
      "mkube run cannot attach yet (-i, -t, --attach); run the pod, then use 'mkube exec' or 'mkube logs -f'",
    );
  }
  if (o.expose)
    throw new UserError("mkube run cannot --expose yet; create the Service with 'mkube create -f'");
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
  checkFlags(o);
  const dryRun = dryRunOf(ctx, o.dryRun);
  const printer = await VerbPrinter.create(ctx.out, o.output, dryRun, { typed: true });
  const { namespace, explicit } = namespaceOf(o);
  const generated = runPod({
    name: args[0]!,
    image: o.image!,
    restart: o.restart,
    labels: o.labels,
    annotations: o.annotations ?? [],
    env: o.env ?? [],
    port: o.port,
    command: !!o.command,
    args: args.slice(1),
    imagePullPolicy: o.imagePullPolicy,
    privileged: o.privileged,
    namespace: explicit && dryRun === 'client' ? namespace : undefined,
  });
  const pod = applyOverrides(generated, o);
  if (dryRun === 'client') {
    printer.print(POD, pod, 'created');
    return;
  }
  const registry = await ctx.registry();
  const created = await registry.create(
    { ...forCreate(pod), metadata: { ...forCreate(pod).metadata, namespace } },
    { dryRun: dryRun === 'server', warn: (w) => ctx.err.write(`Warning: ${w}\n`) },
  );
  if (dryRun === 'none') await ctx.ensureAgent();
  printer.print(POD, created, 'created');
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
    ['--attach', 'If true, wait for the Pod to start running, and then attach to the Pod.'],
    ['--rm', 'If true, delete the pod after it exits.'],
    ['--expose', 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.'],
  ]);
  dryRunFlag(cmd);
  namespaceFlags(cmd);
  cmd.action((args: string[], o: RunOpts) => run(ctx, cmd, args, o));
}
