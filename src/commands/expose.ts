// `mkube expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP]
// [--target-port=n] [--name=name] [--external-ip=ip] [--type=type]`: a Service for a pod,
// deployment, replica set, replication controller or service, as kubectl's cmd/expose does it.
import type { Command } from 'commander';
import { UserError } from '../api/errors.js';
import { lookupKind } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import { type ResourceFlags, requestFromFlags, resolveResources } from './builder.js';
import type { Ctx } from './context.js';
import { dryRunFlag, dryRunOf, filenameFlags, namespaceFlags, namespaceOf, outputFlag } from './flags.js';
import { throwIfAny } from './workload/errors.js';
import { forCreate } from './workload/generate.js';
import { VerbPrinter } from './workload/output.js';
import { checkExposable, ExposeUsageError, exposeServiceObject } from './workload/service-generate.js';

const SERVICE = lookupKind('services')!;

interface ExposeFlags extends ResourceFlags {
  port?: string;
  targetPort?: string;
  protocol?: string;
  type?: string;
  name?: string;
  selector?: string;
  labels?: string;
  externalIp?: string;
  clusterIp?: string;
  loadBalancerIp?: string;
  sessionAffinity?: string;
  output?: string;
  dryRun?: string;
  saveConfig?: boolean;
}

const USAGE_HINT = "\nSee 'mkube expose -h' for help and examples";

async function run(ctx: Ctx, args: string[], o: ExposeFlags): Promise<void> {
  const dryRun = dryRunOf(ctx, o.dryRun);
  const printer = await VerbPrinter.create(ctx.out, o.output, dryRun, { typed: true });
  const { namespace, explicit } = namespaceOf(o);
  // --selector here is the Service's selector, not a filter on what to expose.
  const request = { ...requestFromFlags(args, { ...o, selector: undefined }), stdin: ctx.in };
  const { found, errors } = await resolveResources(ctx.store(), request);
  throwIfAny(errors);
  if (found.length === 0) throw new UserError(`no objects passed to expose${USAGE_HINT}`);
  for (const { kind, obj } of found) {
    try {
      checkExposable(kind.group, kind.kind);
    } catch (e) {
      throw new UserError((e as Error).message);
    }
    let service: KObject;
    try {
      service = exposeServiceObject({
        object: obj,
        name: o.name,
        port: o.port,
        targetPort: o.targetPort,
        protocol: o.protocol,
        type: o.type,
        selector: o.selector,
        labels: o.labels,
        externalIP: o.externalIp,
        clusterIP: o.clusterIp,
        loadBalancerIP: o.loadBalancerIp,
        sessionAffinity: o.sessionAffinity,
        namespace: explicit ? namespace : undefined,
      });
    } catch (e) {
      const hint = e instanceof ExposeUsageError ? USAGE_HINT : '';
      throw new UserError(`${(e as Error).message}${hint}`);
    }
    if (o.saveConfig) service = (await import('../api/apply-merge.js')).withLastApplied(service);
    if (dryRun === 'client') {
      printer.print(SERVICE, service, 'exposed');
      continue;
    }
    const body = forCreate(service);
    body.metadata = { ...body.metadata, namespace: obj.metadata.namespace ?? namespace };
    const registry = await ctx.registry();
    const created = await registry.create(body, {
      dryRun: dryRun === 'server',
      warn: (w) => ctx.err.write(`Warning: ${w}\n`),
    });
    if (dryRun === 'none') await ctx.ensureAgent();
    printer.print(SERVICE, created, 'exposed');
  }
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('expose')
    .description(
      'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
    )
    .usage(
      '(-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
    )
    .argument('[args...]')
    .option(
      '--port <port>',
      'The port that the service should serve on. Copied from the resource being exposed, if unspecified',
    )
    .option(
      '--target-port <port>',
      'Name or number for the port on the container that the service should direct traffic to. Optional.',
    )
    .option('--protocol <protocol>', "The network protocol for the service to be created. Default is 'TCP'.")
    .option(
      '--type <type>',
      "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.",
    )
    .option('--name <name>', 'The name for the newly created object.')
    .option(
      '--selector <selector>',
      'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)',
    )
    .option('-l, --labels <labels>', 'Labels to apply to the service created by this call.')
    .option(
      '--external-ip <ip>',
      'Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.',
    )
    .option(
      '--cluster-ip <ip>',
      "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service.",
    )
    .option(
      '--load-balancer-ip <ip>',
      'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).',
    )
    .option(
      '--session-affinity <affinity>',
      "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'",
    )
    .option('--save-config', 'If true, the configuration of current object will be saved in its annotation.');
  filenameFlags(
    cmd,
    'Filename, directory, or URL to files identifying the resource to expose a service',
    false,
  );
  namespaceFlags(cmd);
  outputFlag(cmd);
  dryRunFlag(cmd);
  cmd.action((args: string[], o: ExposeFlags) => run(ctx, args, o));
}
