// What every `rollout` subcommand shares: the resource flags, kubectl's "required resource not
// specified", and the builder (a bare TYPE selects every object of it).
import type { Command } from 'commander';
import { UserError } from '../../api/errors.js';
import { type Resolved, resolveResources } from '../builder.js';
import type { Ctx } from '../context.js';
import { filenameFlags, namespaceFlags, namespaceOf, outputFlag, selectorFlags } from '../flags.js';

export interface RolloutOpts {
  namespace?: string;
  selector?: string;
  filename?: string[];
  recursive?: boolean;
  kustomize?: string;
  output?: string;
}

/** -f, -R, -l, -n (and -o when the subcommand prints objects). */
export function resourceFlags(cmd: Command, what: string, output = true): Command {
  cmd.argument('[args...]');
  filenameFlags(cmd, `Filename, directory, or URL to files identifying the resource to ${what}`);
  selectorFlags(cmd);
  if (output) outputFlag(cmd);
  return namespaceFlags(cmd);
}

export async function resolveRollout(
  ctx: Ctx,
  args: string[],
  o: RolloutOpts,
): Promise<Resolved & { namespace: string }> {
  if (args.length === 0 && !(o.filename?.length ?? 0) && !o.kustomize)
    throw new UserError('required resource not specified');
  const { namespace, explicit } = namespaceOf(o);
  const resolved = await resolveResources(ctx.store(), {
    args,
    namespace,
    enforceNamespace: explicit,
    selector: o.selector,
    filenames: o.filename,
    recursive: o.recursive,
    kustomize: o.kustomize,
    stdin: ctx.in,
    allowEmptySelector: true,
  });
  return { ...resolved, namespace };
}

/** `--revision` as kubectl validates it. */
export function checkRevision(revision: number): void {
  if (revision < 0) throw new UserError(`revision must be a positive integer: ${revision}`);
}
