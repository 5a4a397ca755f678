// `rollout history`: the revisions of a Deployment (its ReplicaSets) or StatefulSet/DaemonSet
// (its ControllerRevisions), or one revision's pod template (polymorphichelpers/history.go).
import type { Command } from 'commander';
import { UserError } from '../../api/errors.js';
import { type KindInfo, lookupKind } from '../../api/kinds.js';
import { labelSelectorFromObject, matchesLabels } from '../../api/selectors.js';
import type { KObject } from '../../api/types.js';
import type { StoreReader } from '../../state/types.js';
import type { Ctx } from '../context.js';
import { intFlag } from '../flags.js';
import { throwIfAny } from '../workload/errors.js';
import {
  controllerRevisionHistory,
  deploymentHistory,
  type HistoryEntry,
  historyTable,
  isControlledBy,
} from '../workload/history.js';
import { objectName, VerbPrinter } from '../workload/output.js';
import { describePodTemplate } from '../workload/pod-template.js';
import { groupKind } from '../workload/rollout-status.js';
import { checkRevision, type RolloutOpts, resolveRollout, resourceFlags } from './common.js';

const REPLICASET = lookupKind('replicasets')!;
const CONTROLLER_REVISION = lookupKind('controllerrevisions')!;

interface HistoryOpts extends RolloutOpts {
  revision: number;
}

/** Objects of `kind` in the owner's namespace that match its selector and that it controls. */
export function controlledBy(store: StoreReader, kind: KindInfo, owner: KObject): KObject[] {
  const selector = labelSelectorFromObject(owner.spec?.selector);
  return store
    .list(kind, { namespace: owner.metadata.namespace })
    .filter((o) => matchesLabels(selector, o.metadata.labels) && isControlledBy(o, owner));
}

/** The history of a workload, or kubectl's error for a kind without one. */
export function historyOf(store: StoreReader, obj: KObject): HistoryEntry[] {
  switch (obj.kind) {
    case 'Deployment':
      return deploymentHistory(controlledBy(store, REPLICASET, obj));
    case 'StatefulSet':
    case 'DaemonSet':
      return controllerRevisionHistory(controlledBy(store, CONTROLLER_REVISION, obj));
    default:
      throw new UserError(`no history viewer has been implemented for "${groupKind(obj)}"`);
  }
}

/** What -o prints for a revision: the ReplicaSet, or the workload with that template. */
function revisionObject(obj: KObject, entry: HistoryEntry): { kind: KindInfo; obj: KObject } {
  if (obj.kind === 'Deployment') return { kind: REPLICASET, obj: entry.source };
  return { kind: lookupKind(obj.kind)!, obj: { ...obj, spec: { ...obj.spec, template: entry.template } } };
}

async function printOne(ctx: Ctx, kind: KindInfo, obj: KObject, o: HistoryOpts, printer: VerbPrinter) {
  const entries = historyOf(ctx.store(), obj);
  if (o.output) {
    const chosen = o.revision > 0 ? entries.filter((e) => e.revision === o.revision) : entries;
    for (const e of chosen) {
      const r = revisionObject(obj, e);
      printer.print(r.kind, r.obj, '');
    }
    return;
  }
  let body: string;
  if (entries.length === 0) body = historyTable(entries);
  else if (o.revision > 0) {
    const entry = entries.find((e) => e.revision === o.revision);
    if (!entry) throw new UserError('unable to find the specified revision');
    body = await describePodTemplate(entry.template);
  } else body = historyTable(entries);
  const withRevision = o.revision > 0 ? `with revision #${o.revision}` : '';
  ctx.out.write(`${objectName(kind, obj.metadata.name)} ${withRevision}\n${body}\n`);
}

async function run(ctx: Ctx, args: string[], o: HistoryOpts): Promise<void> {
  checkRevision(o.revision);
  const printer = await VerbPrinter.create(ctx.out, o.output);
  const { found, errors } = await resolveRollout(ctx, args, o);
  const failures: unknown[] = [...errors];
  for (const { kind, obj } of found) {
    try {
      await printOne(ctx, kind, obj, o, printer);
    } catch (e) {
      failures.push(e);
    }
  }
  throwIfAny(failures);
}

export function registerHistory(rollout: Command, ctx: Ctx): void {
  const cmd = rollout
    .command('history')
    .description('View rollout history')
    .usage('(TYPE NAME | TYPE/NAME) [flags] [options]')
    .option(
      '--revision <n>',
      'See the details, including podTemplate of the revision specified',
      intFlag('--revision'),
      0,
    );
  resourceFlags(cmd, 'get from a server');
  cmd.action((args: string[], o: HistoryOpts) => run(ctx, args, o));
}
