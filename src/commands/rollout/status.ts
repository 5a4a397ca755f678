// `rollout status`: print one line per observed change until the rollout is done
// (kubectl cmd/rollout/rollout_status.go with watchtools.UntilWithSync).
import type { Command } from 'commander';
import { UserError } from '../../api/errors.js';
import type { KindInfo } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import type { Ctx } from '../context.js';
import { boolFlags, intFlag, timeoutFlag } from '../flags.js';
import { throwIfAny } from '../workload/errors.js';
import { groupKind, rolloutStatusLine, STATUS_KINDS } from '../workload/rollout-status.js';
import { watchObject } from '../workload/watch-object.js';
import { checkRevision, type RolloutOpts, resolveRollout, resourceFlags } from './common.js';

interface StatusOpts extends RolloutOpts {
  revision: number;
  timeout: number;
  watch: boolean;
}

async function watchRollout(ctx: Ctx, kind: KindInfo, obj: KObject, o: StatusOpts, timeoutMs: number) {
  const result = await watchObject(ctx.store(), {
    kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name!,
    timeoutMs,
    onEvent: (type, current) => {
      // Abort rather than silently follow a re-created object.
      if (type === 'DELETED') throw new UserError('object has been deleted');
      const status = rolloutStatusLine(current, o.revision);
      if ('error' in status) throw new UserError(status.error);
      ctx.out.write(`${status.line}\n`);
      return status.done || !o.watch;
    },
  });
  if (result === 'timeout') throw new UserError('timed out waiting for the condition');
}

async function run(ctx: Ctx, args: string[], o: StatusOpts): Promise<void> {
  checkRevision(o.revision);
  const timeoutMs = o.timeout;
  const { found, errors, namespace } = await resolveRollout(ctx, args, o);
  const failures: unknown[] = [...errors];
  for (const { kind, obj } of found) {
    try {
      if (!STATUS_KINDS.has(kind.kind)) {
        throw new UserError(`no status viewer has been implemented for ${groupKind(obj)}`);
      }
      await watchRollout(ctx, kind, obj, o, timeoutMs);
    } catch (e) {
      failures.push(e);
    }
  }
  throwIfAny(failures);
  if (found.length === 0) ctx.err.write(`No resources found in ${namespace} namespace.\n`);
}

export function registerStatus(rollout: Command, ctx: Ctx): void {
  const cmd = rollout
    .command('status')
    .description('Show the status of the rollout')
    .usage('(TYPE NAME | TYPE/NAME) [flags] [options]')
    .option(
      '--revision <n>',
      'Pin to a specific revision for showing its status. Defaults to 0 (last revision).',
      intFlag('--revision'),
      0,
    );
  timeoutFlag(
    cmd,
    'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).',
    '0s',
  );
  resourceFlags(cmd, 'get from a server', false);
  boolFlags(cmd, [['-w, --watch', "Watch the status of the rollout until it's done.", true]]);
  cmd.action((args: string[], o: StatusOpts) => run(ctx, args, o));
}
