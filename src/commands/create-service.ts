// `mkube create service clusterip|nodeport|loadbalancer|externalname NAME [--tcp=port:targetPort]`,
// as kubectl's cmd/create/create_service.go. Wired under `create` by registerCreateService.
import type { Command } from 'commander';
import { ApiError, UserError } from '../api/errors.js';
import { InvalidError } from '../api/field-errors.js';
import { lookupKind } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import type { Ctx } from './context.js';
import {
  commaList,
  dryRunFlag,
  dryRunOf,
  intFlag,
  namespaceFlags,
  namespaceOf,
  outputFlag,
  withParentFlags,
} from './flags.js';
import { createGenerated } from './workload/create-generated.js';
import { VerbPrinter } from './workload/output.js';
import { createServiceObject, type ServiceType } from './workload/service-generate.js';

const SERVICE = lookupKind('services')!;

interface CreateServiceFlags {
  tcp?: string[];
  clusterip?: string;
  nodePort?: number;
  externalName?: string;
  namespace?: string;
  output?: string;
  dryRun?: string;
  saveConfig?: boolean;
  validate?: string;
}

/** A 422 as the API client's error string shows it inside a wrapped error (no leading `The`). */
function statusText(e: ApiError): string {
  if (!(e instanceof InvalidError)) return e.message;
  return e.message.replace(/^The /, '');
}

async function run(ctx: Ctx, sub: string, type: ServiceType, args: string[], o: CreateServiceFlags) {
  if (args.length !== 1) {
    throw new UserError(
      `exactly one NAME is required, got ${args.length}\nSee 'mkube create service ${sub} -h' for help and examples`,
    );
  }
  const dryRun = dryRunOf(ctx, o.dryRun);
  const printer = await VerbPrinter.create(ctx.out, o.output, dryRun, { typed: true });
  const { namespace, explicit } = namespaceOf(o);
  let service: KObject;
  try {
    service = createServiceObject({
      name: args[0]!,
      type,
      tcp: o.tcp ?? [],
      clusterIP: o.clusterip,
      nodePort: o.nodePort,
      externalName: o.externalName,
      namespace: explicit ? namespace : undefined,
    });
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  await createGenerated(ctx, {
    kind: SERVICE,
    obj: service,
    namespace,
    dryRun,
    saveConfig: o.saveConfig,
    printer,
    failure: (e) =>
      e instanceof ApiError ? new UserError(`failed to create ${type} service: ${statusText(e)}`) : e,
  });
}

const SUBCOMMANDS: Array<{ sub: string; type: ServiceType; what: string; flags: (c: Command) => void }> = [
  {
    sub: 'clusterip',
    type: 'ClusterIP',
    what: 'Create a ClusterIP service',
    flags: (c) =>
      c.option(
        '--clusterip <ip>',
        "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing).",
      ),
  },
  {
    sub: 'nodeport',
    type: 'NodePort',
    what: 'Create a NodePort service',
    flags: (c) =>
      c.option(
        '--node-port <port>',
        'Port used to expose the service on each node in a cluster.',
        intFlag('--node-port'),
      ),
  },
  { sub: 'loadbalancer', type: 'LoadBalancer', what: 'Create a LoadBalancer service', flags: () => {} },
  {
    sub: 'externalname',
    type: 'ExternalName',
    what: 'Create an ExternalName service',
    flags: (c) => c.option('--external-name <name>', 'External name of service'),
  },
];

/** Adds `service` (alias `svc`) and its four subcommands under the `create` command. */
export function registerCreateService(createCommand: Command, ctx: Ctx): void {
  const svc = createCommand
    .command('service')
    .alias('svc')
    .description('Create a service using a specified subcommand')
    .usage('[flags] [options]');
  for (const { sub, type, what, flags } of SUBCOMMANDS) {
    const cmd = svc
      .command(sub)
      .description(what)
      .usage(
        sub === 'externalname'
          ? 'NAME --external-name external.name [--dry-run=server|client|none] [options]'
          : `NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]`,
      )
      .argument('[name...]')
      .option('--tcp <port:targetPort>', "Port pairs can be specified as '<port>:<targetPort>'.", commaList);
    flags(cmd);
    cmd
      .option(
        '--save-config',
        'If true, the configuration of current object will be saved in its annotation.',
      )
      .option('--validate <mode>', 'Must be one of: strict (or true), warn, ignore (or false).', 'strict');
    outputFlag(cmd);
    dryRunFlag(cmd);
    namespaceFlags(cmd);
    cmd.action(async (args: string[], o: CreateServiceFlags) => {
      // Flags typed after the subcommand may land on `create` (cobra gives them to the leaf).
      const flags = { ...withParentFlags(cmd, o) } as Record<string, unknown>;
      const create = svc.parent!;
      const own = new Set(cmd.options.map((opt) => opt.attributeName()));
      for (const [key, value] of Object.entries(create.opts())) {
        if (
          own.has(key) &&
          create.getOptionValueSource(key) === 'cli' &&
          cmd.getOptionValueSource(key) !== 'cli'
        )
          flags[key] = value;
      }
      if (type === 'ExternalName' && flags.externalName === undefined) {
        throw new UserError('required flag(s) "external-name" not set');
      }
      await run(ctx, sub, type, args, flags as CreateServiceFlags);
    });
  }
}
