// `mkube set image TYPE/NAME container=image ...` (kubectl cmd/set/set_image.go): change container
// images in a pod or a pod template; `*` means every container.
import type { Command } from 'commander';
import { UserError } from '../api/errors.js';
import type { KindInfo } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import { requestFromFlags, resolveResources } from './builder.js';
import type { Ctx } from './context.js';
import type { DryRun } from './flag-values.js';
import {
  boolFlags,
  dryRunFlag,
  dryRunOf,
  filenameFlags,
  namespaceFlags,
  outputFlag,
  selectorFlags,
} from './flags.js';
import { updateObject } from './workload/admit.js';
import { throwIfAny } from './workload/errors.js';
import { VerbPrinter } from './workload/output.js';
import { getResourcesAndPairs, parsePairs } from './workload/pairs.js';
import { record, recordFlag, warnRecordDeprecated } from './workload/record.js';
import { semanticEqual } from './workload/semantic.js';

interface SetImageOpts {
  namespace?: string;
  selector?: string;
  all?: boolean;
  filename?: string[];
  recursive?: boolean;
  kustomize?: string;
  output?: string;
  dryRun?: string;
  record?: boolean;
  local?: boolean;
}

/** The pod spec inside any kind that has one (polymorphichelpers/updatepodspec.go). */
export function podSpecOf(obj: KObject): any | undefined {
  switch (obj.kind) {
    case 'Pod':
      obj.spec ??= {};
      return obj.spec;
    case 'ReplicationController':
    case 'Deployment':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'Job':
      obj.spec ??= {};
      obj.spec.template ??= {};
      obj.spec.template.spec ??= {};
      return obj.spec.template.spec;
    case 'CronJob':
      return obj.spec?.jobTemplate?.spec?.template?.spec;
    default:
      return undefined;
  }
}

/** Set images in `spec`; returns kubectl's errors for container names that matched nothing. */
export function setImages(spec: any, images: Map<string, string>): string[] {
  const errors: string[] = [];
  for (const [name, image] of images) {
    let found = false;
    for (const list of [spec.initContainers, spec.containers]) {
      for (const c of list ?? []) {
        if (c.name === name || name === '*') {
          c.image = image;
          found = true;
        }
      }
    }
    if (!found) errors.push(`error: unable to find container named "${name}"`);
  }
  return errors;
}

function validate(o: SetImageOpts, resources: string[], images: Map<string, string>): void {
  const errors: string[] = [];
  if (o.all && o.selector) errors.push('cannot set --all and --selector at the same time');
  if (resources.length < 1 && !(o.filename?.length ?? 0) && !o.kustomize) {
    errors.push('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  }
  if (images.size < 1) errors.push('at least one image update is required');
  else if (images.size > 1 && images.has('*')) {
    errors.push(
      'all containers are already specified by *, but saw more than one container_name=container_image pairs',
    );
  }
  throwIfAny(errors.map((e) => new UserError(e)));
}

async function setOne(
  ctx: Ctx,
  cmd: Command,
  kind: KindInfo,
  obj: KObject,
  images: Map<string, string>,
  o: SetImageOpts & { strategy: DryRun },
) {
  const errors: string[] = [];
  const mutate = (fresh: KObject): KObject | undefined => {
    const before = structuredClone(fresh);
    const spec = podSpecOf(fresh);
    if (!spec) {
      throw new UserError(
        `error: ${kind.plural}/${obj.metadata.name} the object is not a pod or does not have a pod template: *v1.${obj.kind}`,
        true,
      );
    }
    errors.splice(0, errors.length, ...setImages(spec, images));
    record(fresh, o.record, cmd);
    return semanticEqual(before, fresh) ? undefined : fresh;
  };
  const dryRun = o.strategy;
  let result: { obj: KObject; changed: boolean };
  if (dryRun === 'client') {
    const copy = structuredClone(obj);
    result = { obj: mutate(copy) ?? obj, changed: !semanticEqual(copy, obj) };
  } else {
    result = await updateObject(await ctx.registry(), kind, obj, mutate, {
      dryRun: dryRun === 'server',
      fieldManager: 'kubectl-set',
    });
  }
  return { ...result, errors, dryRun };
}

async function run(ctx: Ctx, cmd: Command, args: string[], o: SetImageOpts): Promise<void> {
  warnRecordDeprecated(ctx.err, o.record);
  const strategy = dryRunOf(ctx, o.dryRun);
  const printer = await VerbPrinter.create(ctx.out, o.output, strategy);
  const { resources, pairs } = getResourcesAndPairs(args, 'image');
  const images = parsePairs(pairs, 'image', false).set;
  const { found, errors } = await resolveResources(ctx.store(), {
    ...requestFromFlags(resources, o),
    stdin: ctx.in,
  });
  throwIfAny(errors);
  validate(o, resources, images);
  const failures: unknown[] = [];
  let wrote = false;
  for (const { kind, obj } of found) {
    try {
      const r = await setOne(ctx, cmd, kind, obj, images, { ...o, strategy });
      failures.push(...r.errors.map((e) => new UserError(e, true)));
      if (!r.changed) continue;
      wrote ||= r.dryRun === 'none';
      printer.print(kind, r.obj, 'image updated');
    } catch (e) {
      failures.push(e);
    }
  }
  if (wrote) await ctx.ensureAgent();
  throwIfAny(failures);
}

export function register(program: Command, ctx: Ctx): void {
  const set = program.command('set').description('Set specific features on objects');
  const cmd = set
    .command('image')
    .description('Update the image of a pod template')
    .usage(
      '(-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
    )
    .argument('[args...]');
  selectorFlags(cmd);
  filenameFlags(cmd, 'Filename, directory, or URL to files identifying the resource to get from a server.');
  outputFlag(cmd);
  boolFlags(cmd, [['--all', 'Select all resources, in the namespace of the specified resource types']]);
  recordFlag(cmd);
  dryRunFlag(cmd);
  namespaceFlags(cmd);
  cmd.action((args: string[], o: SetImageOpts) => run(ctx, cmd, args, o));
}
