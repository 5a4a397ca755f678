// `mkube scale`: set spec.replicas of deployments, replica sets, replication controllers and
// stateful sets, as kubectl's cmd/scale (through the scale subresource) does.
import type { Command } from 'commander';
import { ApiError, UserError } from '../api/errors.js';
import type { KindInfo } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import { type ResourceFlags, requestFromFlags, resolveResources } from './builder.js';
import type { Ctx } from './context.js';
import {
  boolFlags,
  dryRunFlag,
  dryRunOf,
  filenameFlags,
  intFlag,
  namespaceFlags,
  outputFlag,
  selectorFlags,
  timeoutFlag,
} from './flags.js';
import { updateObject } from './workload/admit.js';
import { throwIfAny } from './workload/errors.js';
import { VerbPrinter } from './workload/output.js';
import { watchObject } from './workload/watch-object.js';

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);

interface ScaleOpts extends ResourceFlags {
  replicas?: number;
  currentReplicas: number;
  resourceVersion?: string;
  output?: string;
  dryRun?: string;
  timeout: number;
}

/** scale.go's PreconditionError. */
export function checkPreconditions(obj: KObject, currentReplicas: number, resourceVersion?: string): void {
  const actual = obj.spec?.replicas ?? 0;
  if (currentReplicas !== -1 && actual !== currentReplicas) {
    throw new UserError(`Expected replicas to be ${currentReplicas}, was ${actual}`);
  }
  if (resourceVersion && obj.metadata.resourceVersion !== resourceVersion) {
    throw new UserError(
      `Expected resource version to be ${resourceVersion}, was ${obj.metadata.resourceVersion ?? ''}`,
    );
  }
}

async function scaleOne(
  ctx: Ctx,
  kind: KindInfo,
  obj: KObject,
  o: ScaleOpts,
  dryRun: boolean,
): Promise<void> {
  if (!SCALABLE.has(kind.kind)) {
    throw new ApiError('NotFound', 'the server could not find the requested resource');
  }
  const replicas = o.replicas!;
  await updateObject(
    await ctx.registry(),
    kind,
    obj,
    (fresh) => {
      checkPreconditions(fresh, o.currentReplicas, o.resourceVersion);
      if (fresh.spec?.replicas === replicas) return undefined;
      return { ...fresh, spec: { ...fresh.spec, replicas } };
    },
    // kubectl scale writes the scale subresource with no field manager: the API server records
    // the user agent's name, `kubectl`, for subresource scale.
    { dryRun, fieldManager: 'kubectl', managerSubresource: 'scale' },
  );
}

// scale.go WaitForScaleHasDesiredReplicas: spec and status agree (or spec moved on).
async function waitForReplicas(ctx: Ctx, kind: KindInfo, obj: KObject, replicas: number, timeoutMs: number) {
  const result = await watchObject(ctx.store(), {
    kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name!,
    timeoutMs,
    onEvent: (type, o) => {
      if (type === 'DELETED') throw ApiError.notFound(kind.plural, obj.metadata.name!);
      if (o.spec?.replicas !== replicas) return true;
      return (o.status?.replicas ?? 0) === replicas;
    },
  });
  if (result === 'timeout') throw new UserError(`timed out waiting for "${obj.metadata.name}" to be synced`);
}

async function run(ctx: Ctx, args: string[], o: ScaleOpts): Promise<void> {
  if (o.replicas === undefined) throw new UserError('required flag(s) "replicas" not set');
  if (o.replicas < 0) {
    throw new UserError(
      'The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
    );
  }
  if (o.currentReplicas < -1)
    throw new UserError('The --current-replicas must specify an integer of -1 or greater');
  const dryRun = dryRunOf(ctx, o.dryRun);
  const printer = await VerbPrinter.create(ctx.out, o.output, dryRun);
  const timeoutMs = o.timeout;
  const request = { ...requestFromFlags(args, o), stdin: ctx.in };
  const { found, errors } = await resolveResources(ctx.store(), request);
  if (o.resourceVersion && found.length > 1) {
    throw new UserError('cannot use --resource-version with multiple resources');
  }
  // scale.go visits with ContinueOnError: the objects' errors first, "no objects" only without any.
  if (found.length === 0) {
    throwIfAny(errors);
    throw new UserError('no objects passed to scale');
  }
  for (const { kind, obj } of found) {
    if (dryRun !== 'client') {
      await scaleOne(ctx, kind, obj, o, dryRun === 'server');
      if (dryRun === 'none') {
        await ctx.ensureAgent();
        if (timeoutMs > 0) await waitForReplicas(ctx, kind, obj, o.replicas, timeoutMs);
      }
    }
    printer.print(kind, obj, 'scaled');
  }
  throwIfAny(errors);
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('scale')
    .description('Set a new size for a deployment, replica set, or replication controller')
    .usage(
      '[--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)',
    )
    .argument('[args...]')
    .option('--replicas <count>', 'The new desired number of replicas. Required.', intFlag('--replicas'))
    .option(
      '--current-replicas <count>',
      'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.',
      intFlag('--current-replicas'),
      -1,
    )
    .option('--resource-version <version>', 'Precondition for resource version.');
  selectorFlags(cmd);
  filenameFlags(cmd, 'Filename, directory, or URL to files identifying the resource to set a new size');
  outputFlag(cmd);
  timeoutFlag(
    cmd,
    "The length of time to wait before giving up on a scale operation, zero means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).",
    '0s',
  );
  boolFlags(cmd, [['--all', 'Select all resources in the namespace of the specified resource types']]);
  dryRunFlag(cmd);
  namespaceFlags(cmd);
  cmd.action((args: string[], o: ScaleOpts) => run(ctx, args, o));
}
