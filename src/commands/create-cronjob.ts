// `mkube create cronjob NAME --image=IMAGE --schedule=CRON [--restart=OnFailure|Never] [-- CMD]`,
// as kubectl's cmd/create/create_cronjob.go generates it.
import type { Command } from 'commander';
import { UserError } from '../api/errors.js';
import { lookupKind } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
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

const CRONJOB = lookupKind('cronjobs')!;

interface CreateCronJobOpts {
  image?: string;
  schedule?: string;
  restart?: string;
  namespace?: string;
  output?: string;
  dryRun?: string;
  saveConfig?: boolean;
  validate?: string;
}

export function createCronJobObject(o: {
  name: string;
  image: string;
  schedule: string;
  restart: string;
  command: string[];
  namespace?: string;
}): KObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {
      creationTimestamp: null as unknown as string,
      name: o.name,
      ...(o.namespace ? { namespace: o.namespace } : {}),
    },
    spec: {
      jobTemplate: {
        metadata: { creationTimestamp: null, name: o.name },
        spec: {
          template: {
            metadata: { creationTimestamp: null },
            spec: {
              containers: [
                {
                  ...(o.command.length ? { command: o.command } : {}),
                  image: o.image,
                  name: o.name,
                  resources: {},
                },
              ],
              restartPolicy: o.restart,
            },
          },
        },
      },
      schedule: o.schedule,
    },
    status: {},
  };
}

async function run(ctx: Ctx, cmd: Command, args: string[], o: CreateCronJobOpts): Promise<void> {
  const missing = [!o.image && '"image"', !o.schedule && '"schedule"'].filter(Boolean);
  if (missing.length) throw new UserError(`required flag(s) ${missing.join(', ')} not set`);
  const dash = argsLenAtDash(cmd, args);
  const named = dash === -1 ? args.length : dash;
  if (named !== 1) {
    throw new UserError(
      `exactly one NAME is required, got ${named}\nSee 'mkube create cronjob -h' for help and examples`,
    );
  }
  const dryRun = dryRunOf(ctx, o.dryRun);
  const printer = await VerbPrinter.create(ctx.out, o.output, dryRun);
  const { namespace, explicit } = namespaceOf(o);
  const cronJob = createCronJobObject({
    name: args[0]!,
    image: o.image!,
    schedule: o.schedule!,
    restart: o.restart || 'OnFailure',
    command: args.slice(1),
    namespace: explicit ? namespace : undefined,
  });
  await createGenerated(ctx, {
    kind: CRONJOB,
    obj: cronJob,
    namespace,
    dryRun,
    saveConfig: o.saveConfig,
    printer,
    failure: wrapServerError('cronjob'),
  });
}

/** Adds `cronjob` (alias `cj`) under the `create` command. */
export function registerCreateCronJob(createCommand: Command, ctx: Ctx): void {
  const cmd = createCommand
    .command('cronjob')
    .alias('cj')
    .description('Create a cron job with the specified name')
    .usage("NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [options]")
    .argument('[args...]')
    .option('--image <image>', 'Image name to run.')
    .option('--schedule <schedule>', 'A schedule in the Cron format the job should be run with.')
    .option('--restart <policy>', "job's restart policy. supported values: OnFailure, Never")
    .option('--save-config', 'If true, the configuration of current object will be saved in its annotation.')
    .option('--validate <mode>', 'Must be one of: strict (or true), warn, ignore (or false).', 'strict');
  outputFlag(cmd);
  dryRunFlag(cmd);
  namespaceFlags(cmd);
  cmd.action((args: string[], o: CreateCronJobOpts) => run(ctx, cmd, args, withParentFlags(cmd, o)));
}
