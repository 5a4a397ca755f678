// `mkube create job NAME --image=IMAGE [-- COMMAND args]` and `create job NAME --from=cronjob/X`,
// as kubectl's cmd/create/create_job.go: a Job with one container named after the Job and
// restartPolicy Never, or the CronJob's jobTemplate with the `instantiate: manual` annotation.
import type { Command } from 'commander';
import { ApiError, UserError } from '../api/errors.js';
import { lookupKind, qualifiedResource } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import { manualJob } from '../controllers/cronjob/job-from-cronjob.js';
import { kindOrThrow } from './builder.js';
import type { Ctx } from './context.js';
import {
  argsLenAtDash,
  dryRunFlag,
  dryRunOf,
  namespaceFlags,
  namespaceOf,
  outputFlag,
  withParentFlags,
} from './flags.js';
import { createGenerated, wrapServerError } from './workload/create-generated.js';
import { VerbPrinter } from './workload/output.js';

const JOB = lookupKind('jobs')!;

interface CreateJobOpts {
  image?: string;
  from?: string;
  namespace?: string;
  output?: string;
  dryRun?: string;
  saveConfig?: boolean;
  validate?: string;
}

/** kubectl's `createJob`: the generated Job, with creationTimestamp null as it prints it. */
export function createJobObject(name: string, image: string, command: string[], namespace?: string): KObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { creationTimestamp: null as unknown as string, name, ...(namespace ? { namespace } : {}) },
    spec: {
      template: {
        metadata: { creationTimestamp: null },
        spec: {
          containers: [{ ...(command.length ? { command } : {}), image, name, resources: {} }],
          restartPolicy: 'Never',
        },
      },
    },
    status: {},
  };
}

function fromCronJob(ctx: Ctx, from: string, namespace: string, name: string, explicit: boolean): KObject {
  const slash = from.indexOf('/');
  if (slash < 0) throw new UserError(`arguments in resource/name form must have a single resource and name`);
  const kind = kindOrThrow(from.slice(0, slash));
  const source = ctx.store().get(kind, kind.namespaced ? namespace : undefined, from.slice(slash + 1));
  if (!source) throw ApiError.notFound(qualifiedResource(kind), from.slice(slash + 1));
  if (source.kind !== 'CronJob') throw new UserError(`unknown object type *v1.${source.kind}`);
  const job = manualJob(source, name);
  const { namespace: _, ...metadata } = job.metadata;
  return {
    ...job,
    metadata: {
      creationTimestamp: null as unknown as string,
      ...metadata,
      ...(explicit ? { namespace } : {}),
    },
    spec: {
      ...job.spec,
      template: {
        ...job.spec.template,
        metadata: { creationTimestamp: null, ...job.spec.template?.metadata },
      },
    },
    status: {},
  };
}

async function run(ctx: Ctx, cmd: Command, args: string[], o: CreateJobOpts): Promise<void> {
  if (!o.image && !o.from) throw new UserError('either --image or --from must be specified');
  const dash = argsLenAtDash(cmd, args);
  const named = dash === -1 ? args.length : dash;
  if (named !== 1) {
    throw new UserError(
      `exactly one NAME is required, got ${named}\nSee 'mkube create job -h' for help and examples`,
    );
  }
  const name = args[0]!;
  const dryRun = dryRunOf(ctx, o.dryRun);
  const printer = await VerbPrinter.create(ctx.out, o.output, dryRun);
  const { namespace, explicit } = namespaceOf(o);
  const job = o.image
    ? createJobObject(name, o.image, args.slice(1), explicit ? namespace : undefined)
    : fromCronJob(ctx, o.from!, namespace, name, explicit);
  await createGenerated(ctx, {
    kind: JOB,
    obj: job,
    namespace,
    dryRun,
    saveConfig: o.saveConfig,
    printer,
    failure: wrapServerError('job'),
  });
}

/** Adds `job` under the `create` command. */
export function registerCreateJob(createCommand: Command, ctx: Ctx): void {
  const cmd = createCommand
    .command('job')
    .description('Create a job with the specified name')
    .usage('NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]')
    .argument('[args...]')
    .option('--image <image>', 'Image name to run.')
    .option('--from <resource>', 'The name of the resource to create a Job from (only cronjob is supported).')
    .option('--save-config', 'If true, the configuration of current object will be saved in its annotation.')
    .option('--validate <mode>', 'Must be one of: strict (or true), warn, ignore (or false).', 'strict');
  outputFlag(cmd);
  dryRunFlag(cmd);
  namespaceFlags(cmd);
  cmd.action((args: string[], o: CreateJobOpts) => run(ctx, cmd, args, withParentFlags(cmd, o)));
}
