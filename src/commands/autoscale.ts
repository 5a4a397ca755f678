// `mkube autoscale`: create an autoscaling/v1 HorizontalPodAutoscaler for a deployment, replica
// set, stateful set or replication controller, as kubectl's cmd/autoscale does.
import type { Command } from 'commander';
import { UserError } from '../api/errors.js';
import { apiVersionOf, lookupKind } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import { type ResourceFlags, requestFromFlags, resolveResources } from './builder.js';
import type { Ctx } from './context.js';
import {
  dryRunFlag,
  dryRunOf,
  filenameFlags,
  intFlag,
  namespaceFlags,
  namespaceOf,
  outputFlag,
} from './flags.js';
import { throwIfAny } from './workload/errors.js';
import { VerbPrinter } from './workload/output.js';

const HPA = lookupKind('horizontalpodautoscalers.autoscaling')!;
const SCALABLE = new Set([
  'apps/Deployment',
  'apps/ReplicaSet',
  'apps/StatefulSet',
  '/ReplicationController',
]);

interface AutoscaleFlags extends ResourceFlags {
  min: number;
  max: number;
  cpuPercent: number;
  name?: string;
  output?: string;
  dryRun?: string;
  saveConfig?: boolean;
}

/** createHorizontalPodAutoscaler: only what the flags set, in autoscaling/v1. */
export function autoscalerObject(
  target: { apiVersion: string; kind: string; name: string },
  o: AutoscaleFlags,
): KObject {
  const spec: Record<string, unknown> = {
    scaleTargetRef: { kind: target.kind, name: target.name, apiVersion: target.apiVersion },
  };
  if (o.min > 0) spec.minReplicas = o.min;
  spec.maxReplicas = o.max;
  if (o.cpuPercent >= 0) spec.targetCPUUtilizationPercentage = o.cpuPercent;
  return {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v1',
    metadata: { name: o.name || target.name, creationTimestamp: null },
    spec,
    status: { currentReplicas: 0, desiredReplicas: 0 },
  } as unknown as KObject;
}

async function run(ctx: Ctx, args: string[], o: AutoscaleFlags): Promise<void> {
  if (o.max < 1) throw new UserError(`--max=MAXPODS is required and must be at least 1, max: ${o.max}`);
  if (o.max < o.min)
    throw new UserError(
      `--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${o.max}, min: ${o.min}`,
    );
  const dryRun = dryRunOf(ctx, o.dryRun);
  const printer = await VerbPrinter.create(ctx.out, o.output, dryRun);
  const { namespace } = namespaceOf(o);
  const { found, errors } = await resolveResources(ctx.store(), {
    ...requestFromFlags(args, o),
    stdin: ctx.in,
  });
  throwIfAny(errors);
  if (found.length === 0) throw new UserError('no objects passed to autoscale');
  for (const { kind, obj } of found) {
    if (!SCALABLE.has(`${kind.group}/${kind.kind}`))
      throw new UserError(
        `cannot autoscale a ${kind.kind}: could not find scale subresource for ${kind.plural}.${kind.group || ''} in discovery information`.replace(
          /\.\s/,
          ' ',
        ),
      );
    let hpa = autoscalerObject(
      { apiVersion: apiVersionOf(kind), kind: kind.kind, name: obj.metadata.name! },
      o,
    );
    if (dryRun === 'client') {
      printer.print(HPA, hpa, 'created');
      continue;
    }
    if (o.saveConfig) hpa = (await import('../api/apply-merge.js')).withLastApplied(hpa);
    const { status: _status, ...body } = hpa as KObject & { status?: unknown };
    const { creationTimestamp: _c, ...metadata } = body.metadata as Record<string, unknown>;
    const registry = await ctx.registry();
    const created = await registry.create(
      { ...body, metadata: { ...metadata, namespace: obj.metadata.namespace ?? namespace } } as KObject,
      { dryRun: dryRun === 'server', warn: (w) => ctx.err.write(`Warning: ${w}\n`) },
    );
    if (dryRun === 'none') await ctx.ensureAgent();
    printer.print(HPA, created, 'autoscaled');
  }
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('autoscale')
    .description('Auto-scale a deployment, replica set, stateful set, or replication controller')
    .usage('(-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]')
    .argument('[args...]')
    .option(
      '--min <n>',
      "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value.",
      intFlag('min'),
      -1,
    )
    .requiredOption(
      '--max <n>',
      'The upper limit for the number of pods that can be set by the autoscaler. Required.',
      intFlag('max'),
    )
    .option(
      '--cpu-percent <n>',
      "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used.",
      intFlag('cpu-percent'),
      -1,
    )
    .option(
      '--name <name>',
      'The name for the newly created object. If not specified, the name of the input resource will be used.',
    )
    .option('--save-config', 'If true, the configuration of current object will be saved in its annotation.');
  filenameFlags(cmd, 'Filename, directory, or URL to files identifying the resource to autoscale.', false);
  namespaceFlags(cmd);
  outputFlag(cmd);
  dryRunFlag(cmd);
  cmd.action((args: string[], o: AutoscaleFlags) => run(ctx, args, o));
}
