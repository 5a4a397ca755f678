// `mkube create deployment NAME --image=IMAGE [--replicas=N] [--port=N] [-- COMMAND args]`, as
// kubectl's cmd/create/create_deployment.go. Wired under `create` by registerCreateDeployment.
import type { Command } from 'commander';
import { UserError } from '../api/errors.js';
import { lookupKind } from '../api/kinds.js';
import type { Ctx } from './context.js';
import {
  argsLenAtDash,
  dryRunFlag,
  dryRunOf,
  intFlag,
  namespaceFlags,
  namespaceOf,
  outputFlag,
  repeatable,
  withParentFlags,
} from './flags.js';
import { createGenerated, wrapServerError } from './workload/create-generated.js';
import { createDeploymentObject } from './workload/generate.js';
import { VerbPrinter } from './workload/output.js';

const DEPLOYMENT = lookupKind('deployments')!;
// apimachinery's util/rand alphabet (no vowels, no confusable digits).
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';
const randomSuffix = () =>
  Array.from(
    globalThis.crypto.getRandomValues(new Uint8Array(5)),
    (b) => ALPHANUMS[b % ALPHANUMS.length],
  ).join('');

interface CreateDeploymentOpts {
  image?: string[];
  replicas: number;
  port: number;
  namespace?: string;
  output?: string;
  dryRun?: string;
  saveConfig?: boolean;
  validate?: string;
}

async function run(ctx: Ctx, cmd: Command, args: string[], o: CreateDeploymentOpts): Promise<void> {
  // cobra checks required flags before the command runs.
  if (!o.image?.length) throw new UserError('required flag(s) "image" not set');
  const dash = argsLenAtDash(cmd, args);
  const named = dash === -1 ? args.length : dash;
  if (named !== 1) {
    throw new UserError(
      `exactly one NAME is required, got ${named}\nSee 'mkube create deployment -h' for help and examples`,
    );
  }
  const command = args.slice(1);
  if (o.image.length > 1 && command.length > 0) {
    throw new UserError('cannot specify multiple --image options and command');
  }
  const dryRun = dryRunOf(ctx, o.dryRun);
  const printer = await VerbPrinter.create(ctx.out, o.output, dryRun, { typed: true });
  const { namespace, explicit } = namespaceOf(o);
  const deploy = createDeploymentObject({
    name: args[0]!,
    images: o.image,
    replicas: o.replicas,
    port: o.port,
    command,
    namespace: explicit ? namespace : undefined,
    random: randomSuffix,
  });
  await createGenerated(ctx, {
    kind: DEPLOYMENT,
    obj: deploy,
    namespace,
    dryRun,
    saveConfig: o.saveConfig,
    printer,
    failure: wrapServerError('deployment'),
  });
}

/** Adds `deployment` (alias `deploy`) under the `create` command. */
export function registerCreateDeployment(createCommand: Command, ctx: Ctx): void {
  const cmd = createCommand
    .command('deployment')
    .alias('deploy')
    .description('Create a deployment with the specified name')
    .usage('NAME --image=image -- [COMMAND] [args...] [options]')
    .argument('[args...]')
    .option(
      '--image <image>',
      'Image names to run. A deployment can have multiple images set for multi-container pod.',
      repeatable,
    )
    .option('-r, --replicas <n>', 'Number of replicas to create. Default is 1.', intFlag('--replicas'), 1)
    .option('--port <port>', 'The containerPort that this deployment exposes.', intFlag('--port'), -1)
    .option('--save-config', 'If true, the configuration of current object will be saved in its annotation.')
    .option('--validate <mode>', 'Must be one of: strict (or true), warn, ignore (or false).', 'strict');
  outputFlag(cmd);
  dryRunFlag(cmd);
  namespaceFlags(cmd);
  cmd.action((args: string[], o: CreateDeploymentOpts) => run(ctx, cmd, args, withParentFlags(cmd, o)));
}
