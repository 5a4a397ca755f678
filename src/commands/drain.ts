// `mkube drain NODE`: cordon, then evict every pod on the node through the eviction API
// (PodDisruptionBudgets honoured: a refusal is retried every 5 s), with kubectl drain's filters,
// messages and refusals for DaemonSet pods, emptyDir data and pods without a controller.
import type { Command } from 'commander';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { ApiError, UserError } from '../api/errors.js';
import { lookupKind, POD } from '../api/kinds.js';
import { matchesLabels, parseLabelSelector } from '../api/selectors.js';
import type { KObject } from '../api/types.js';
import { evictPod } from '../registry/eviction.js';
import type { Registry } from '../registry/registry.js';
import type { Ctx } from './context.js';
import { cordonNodes } from './cordon.js';
import type { DryRun } from './flag-values.js';
import { boolFlags, dryRunFlag, dryRunOf, intFlag, timeoutFlag } from './flags.js';
import { drainPlan } from './node/drain-filter.js';
import { resolveNodes } from './node/nodes.js';

const DAEMONSET = lookupKind('daemonsets')!;
/** kubectl waits this long between evictions a budget refused. */
export const EVICTION_RETRY_MS = Number(process.env.MKUBE_EVICTION_RETRY_MS ?? 5000);

interface DrainFlags {
  selector?: string;
  podSelector?: string;
  force?: boolean;
  ignoreDaemonsets?: boolean;
  deleteEmptydirData?: boolean;
  disableEviction?: boolean;
  gracePeriod: number;
  timeout: number;
  dryRun?: string;
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('drain')
    .description('Drain node in preparation for maintenance')
    .usage('NODE [options]')
    .argument('[node...]')
    .option(
      '-l, --selector <selector>',
      "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
    )
    .option('--pod-selector <selector>', 'Label selector to filter pods on the node')
    .option(
      '--grace-period <seconds>',
      'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.',
      intFlag('--grace-period'),
      -1,
    );
  boolFlags(cmd, [
    ['--force', 'Continue even if there are pods that do not declare a controller.'],
    ['--ignore-daemonsets', 'Ignore DaemonSet-managed pods.'],
    [
      '--delete-emptydir-data',
      'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).',
    ],
    [
      '--disable-eviction',
      'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.',
    ],
  ]);
  timeoutFlag(cmd, 'The length of time to wait before giving up, zero means infinite', '0s');
  dryRunFlag(cmd);
  cmd.action((nodes: string[], flags: DrainFlags) => runDrain(ctx, nodes, flags));
}

async function runDrain(ctx: Ctx, names: string[], flags: DrainFlags): Promise<void> {
  if (names.length === 0 && flags.selector === undefined)
    throw new UserError("USAGE: drain NODE [flags]\nSee 'mkube drain -h' for help and examples");
  if (names.length > 0 && flags.selector !== undefined)
    throw new UserError('error: cannot specify both a node name and a --selector option');
  if (flags.podSelector !== undefined) {
    try {
      parseLabelSelector(flags.podSelector);
    } catch {
      throw new UserError('--pod-selector=<pod_selector> must be a valid label selector');
    }
  }
  const dryRun = dryRunOf(ctx, flags.dryRun);
  const nodes = resolveNodes(ctx.store(), names, flags.selector);
  await cordonNodes(ctx, nodes, true, dryRun);
  const registry = await ctx.registry();
  const pending = nodes.map((n) => n.metadata.name!);
  for (const node of nodes) {
    const name = node.metadata.name!;
    try {
      await drainNode(ctx, registry, name, flags, dryRun);
    } catch (err) {
      ctx.err.write(
        `error: unable to drain node "${name}" due to error: ${(err as Error).message}, continuing command...\n`,
      );
      ctx.err.write(`There are pending nodes to be drained:\n${pending.map((n) => ` ${n}\n`).join('')}`);
      throw err;
    }
    pending.shift();
    ctx.out.write(`node/${name} drained\n`);
  }
}

function podsOn(registry: Registry, node: string, podSelector?: string): KObject[] {
  const selector = podSelector ? parseLabelSelector(podSelector) : undefined;
  return registry
    .list(POD)
    .filter((p) => p.spec?.nodeName === node && (!selector || matchesLabels(selector, p.metadata.labels)));
}

async function drainNode(ctx: Ctx, registry: Registry, node: string, flags: DrainFlags, dryRun: DryRun) {
  const pods = podsOn(registry, node, flags.podSelector) as unknown as Pod[];
  const plan = drainPlan(
    pods,
    {
      force: !!flags.force,
      ignoreDaemonsets: !!flags.ignoreDaemonsets,
      deleteEmptydirData: !!flags.deleteEmptydirData,
    },
    (ns, name) => !!registry.get(DAEMONSET, ns, name),
  );
  if (plan.errors.length)
    throw new UserError(plan.errors.length === 1 ? plan.errors[0]! : `[${plan.errors.join(', ')}]`);
  if (plan.warnings) ctx.err.write(`Warning: ${plan.warnings}\n`);
  if (dryRun === 'client') {
    for (const p of plan.evict)
      ctx.out.write(`evicting pod ${p.metadata!.namespace}/${p.metadata!.name} (dry run)\n`);
    return;
  }
  const deadline = flags.timeout > 0 ? Date.now() + flags.timeout : Number.POSITIVE_INFINITY;
  const results = await Promise.allSettled(
    plan.evict.map((p) => evictOne(ctx, registry, p as unknown as KObject, flags, dryRun, deadline)),
  );
  const failed = results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r) => r.reason);
  if (failed.length) {
    const left = podsOn(registry, node, flags.podSelector).filter((p) => !p.metadata.deletionTimestamp);
    if (left.length) {
      ctx.err.write(
        `There are pending pods in node "${node}" when an error occurred: ${messageOf(failed)}\n`,
      );
      for (const p of left) ctx.err.write(`pod/${p.metadata.name}\n`);
    }
    throw new UserError(messageOf(failed));
  }
}

const messageOf = (errs: unknown[]) =>
  errs.length === 1 ? (errs[0] as Error).message : `[${errs.map((e) => (e as Error).message).join(', ')}]`;

const timeoutText = (ms: number) => `${ms / 1000}s`;

/** One pod: evict (retrying refusals), then wait until it is gone. */
async function evictOne(
  ctx: Ctx,
  registry: Registry,
  pod: KObject,
  flags: DrainFlags,
  dryRun: DryRun,
  deadline: number,
): Promise<void> {
  const { namespace, name, uid } = pod.metadata as { namespace: string; name: string; uid: string };
  const grace = flags.gracePeriod >= 0 ? flags.gracePeriod : undefined;
  for (;;) {
    ctx.out.write(`evicting pod ${namespace}/${name}${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
    if (Date.now() >= deadline)
      throw new Error(
        `error when evicting pods/"${name}" -n "${namespace}": global timeout reached: ${timeoutText(flags.timeout)}`,
      );
    try {
      if (flags.disableEviction)
        await registry.delete(POD, namespace, name, {
          gracePeriodSeconds: grace,
          uid,
          dryRun: dryRun === 'server',
        });
      else
        await evictPod(registry, namespace, name, { gracePeriodSeconds: grace, dryRun: dryRun === 'server' });
      break;
    } catch (err) {
      if (err instanceof ApiError && err.reason === 'NotFound') return;
      if (err instanceof ApiError && err.reason === 'TooManyRequests') {
        ctx.err.write(
          `error when evicting pods/"${name}" -n "${namespace}" (will retry after 5s): ${err.message}\n`,
        );
        await new Promise((r) => setTimeout(r, EVICTION_RETRY_MS));
        continue;
      }
      throw new Error(`error when evicting pods/"${name}" -n "${namespace}": ${(err as Error).message}`);
    }
  }
  if (dryRun === 'server') return;
  // waitForDelete: gone, or replaced by a pod of the same name (another uid).
  for (;;) {
    const live = ctx.store().get(POD, namespace, name);
    if (!live || live.metadata.uid !== uid) break;
    if (Date.now() >= deadline)
      throw new Error(
        `error when waiting for pod "${name}" in namespace "${namespace}" to terminate: global timeout reached: ${timeoutText(flags.timeout)}`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
  ctx.out.write(`pod/${name} evicted\n`);
}
