// The shared body of `label` and `annotate` (kubectl cmd/label, cmd/annotate): parse pairs,
// find the objects, edit one metadata map on each, print what happened.
import type { Command } from 'commander';
import { ApiError, UserError } from '../../api/errors.js';
import { type KindInfo, qualifiedResource } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { type ResourceFlags, requestFromFlags, resolveResources } from '../builder.js';
import type { Ctx } from '../context.js';
import type { DryRun } from '../flag-values.js';
import {
  boolFlags,
  dryRunFlag,
  dryRunOf,
  filenameFlags,
  namespaceFlags,
  outputFlag,
  selectorFlags,
} from '../flags.js';
import { updateObject } from './admit.js';
import { throwIfAny } from './errors.js';
import { VerbPrinter } from './output.js';
import {
  type Changes,
  checkAnnotationChanges,
  type EditResult,
  editAnnotations,
  editLabels,
  getResourcesAndPairs,
  labelChangeMessage,
  parseLabelChanges,
  parsePairs,
} from './pairs.js';
import { record, recordFlag, warnRecordDeprecated } from './record.js';

export interface MetadataOpts extends ResourceFlags {
  output?: string;
  dryRun?: string;
  overwrite?: boolean;
  list?: boolean;
  resourceVersion?: string;
  record?: boolean;
}

interface Flavor {
  verb: 'label' | 'annotate';
  field: 'labels' | 'annotations';
  /** "label" / "annotation": the word in kubectl's messages. */
  noun: string;
  parse(pairs: string[]): Changes;
  edit(current: Record<string, string> | undefined, c: Changes, overwrite: boolean): EditResult;
  /** The operation printed after the object name. */
  message(before: KObject, after: KObject, overwrite: boolean): string;
}

export const LABEL: Flavor = {
  verb: 'label',
  field: 'labels',
  noun: 'label',
  parse: parseLabelChanges,
  edit: editLabels,
  message: labelChangeMessage,
};

export const ANNOTATE: Flavor = {
  verb: 'annotate',
  field: 'annotations',
  noun: 'annotation',
  parse: (pairs) => parsePairs(pairs, 'annotation', true),
  edit: editAnnotations,
  message: () => 'annotated',
};

function validate(f: Flavor, o: MetadataOpts, resources: string[], c: Changes): void {
  if (o.list && o.output) throw new UserError('--list and --output may not be specified together');
  if (o.all && o.selector) throw new UserError('cannot set --all and --selector at the same time');
  if (resources.length < 1 && !(o.filename?.length ?? 0) && !o.kustomize) {
    throw new UserError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  }
  if (c.set.size < 1 && c.remove.length < 1 && !o.list) {
    throw new UserError(`at least one ${f.noun} update is required`);
  }
  if (f.verb === 'annotate') checkAnnotationChanges(c);
}

/** Apply the change to a copy of `obj`; throws the overwrite errors. */
function changed(f: Flavor, obj: KObject, c: Changes, o: MetadataOpts, cmd: Command): KObject {
  const next = structuredClone(obj);
  if (f.verb === 'annotate') record(next, o.record, cmd);
  const result = f.edit(next.metadata[f.field], c, !!o.overwrite);
  if ('errors' in result) throw new UserError(result.errors.join('\n'), result.errors.length > 1);
  next.metadata[f.field] = result.map;
  if (f.verb === 'label') record(next, o.record, cmd);
  return next;
}

function listMap(ctx: Ctx, map: Record<string, string> | undefined, header?: string): void {
  if (header) ctx.out.write(`${header}\n`);
  const indent = header ? ' ' : '';
  for (const k of Object.keys(map ?? {}).sort()) ctx.out.write(`${indent}${k}=${map![k]}\n`);
}

interface Job {
  kind: KindInfo;
  obj: KObject;
  changes: Changes;
  single: boolean;
}

async function one(ctx: Ctx, f: Flavor, cmd: Command, job: Job, o: MetadataOpts & { strategy: DryRun }) {
  const { kind, obj, changes: c, single } = job;
  const dryRun = o.strategy;
  const local = dryRun === 'client' || !!o.list;
  if (!local && f.verb === 'label') {
    for (const k of c.remove) {
      if (!Object.hasOwn(obj.metadata.labels ?? {}, k)) ctx.out.write(`label "${k}" not found.\n`);
    }
  }
  const next = changed(f, obj, c, o, cmd);
  const message = f.message(obj, next, !!o.overwrite);
  if (o.list) {
    const gk = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
    const title = f.verb === 'label' ? 'labels' : 'annotations';
    listMap(
      ctx,
      next.metadata[f.field],
      single ? undefined : `Listing ${title} for ${obj.kind}.${gk}/${obj.metadata.name}:`,
    );
    return undefined;
  }
  if (local) return { obj: next, message };
  if (o.resourceVersion && obj.metadata.resourceVersion !== o.resourceVersion) {
    throw ApiError.conflict(qualifiedResource(kind), obj.metadata.name!);
  }
  const server = dryRun === 'server';
  const mutate = (fresh: KObject) => {
    const n = changed(f, fresh, c, o, cmd);
    // The API server drops an empty map (omitempty); kubectl's message saw it as `{}`.
    if (Object.keys(n.metadata[f.field] ?? {}).length === 0) delete n.metadata[f.field];
    return n;
  };
  const { obj: stored } = await updateObject(await ctx.registry(), kind, obj, mutate, {
    dryRun: server,
    fieldManager: `kubectl-${f.verb}`,
  });
  return { obj: f.verb === 'label' || server ? next : stored, message, wrote: !server };
}

export async function runMetadataVerb(ctx: Ctx, f: Flavor, cmd: Command, args: string[], o: MetadataOpts) {
  warnRecordDeprecated(ctx.err, o.record);
  const { resources, pairs } = getResourcesAndPairs(args, f.noun);
  const changes = f.parse(pairs);
  validate(f, o, resources, changes);
  const strategy = dryRunOf(ctx, o.dryRun);
  const printer = await VerbPrinter.create(ctx.out, o.output, strategy);
  const { found, errors, singleItemImplied } = await resolveResources(ctx.store(), {
    ...requestFromFlags(resources, o),
    stdin: ctx.in,
  });
  if (o.resourceVersion && !singleItemImplied) {
    throw new UserError(`--resource-version may only be used with a single resource`);
  }
  const failures: unknown[] = [...errors];
  let wrote = false;
  for (const { kind, obj } of found) {
    try {
      const r = await one(ctx, f, cmd, { kind, obj, changes, single: singleItemImplied }, { ...o, strategy });
      if (!r) continue;
      wrote ||= !!r.wrote;
      printer.print(kind, r.obj, r.message);
    } catch (e) {
      failures.push(e);
    }
  }
  if (wrote) await ctx.ensureAgent();
  throwIfAny(failures);
}

/** The flags label and annotate share. */
export function metadataFlags(cmd: Command, noun: string): Command {
  cmd.argument('[args...]');
  selectorFlags(cmd, true);
  filenameFlags(cmd, `Filename, directory, or URL to files identifying the resource to update the ${noun}`);
  outputFlag(cmd);
  cmd.option(
    '--resource-version <version>',
    `If non-empty, the ${noun}s update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.`,
  );
  boolFlags(cmd, [
    [
      '--overwrite',
      `If true, allow ${noun}s to be overwritten, otherwise reject ${noun} updates that overwrite existing ${noun}s.`,
    ],
    ['--all', 'Select all resources, in the namespace of the specified resource types'],
    ['--list', `If true, display the ${noun}s for a given resource.`],
  ]);
  recordFlag(cmd);
  dryRunFlag(cmd);
  return namespaceFlags(cmd, true);
}
