// `mkube top pod|node`: resource usage from the agent's metrics (kubectl's top, reading the
// metrics.k8s.io API that metrics-server serves on a cluster).
import type { Command } from 'commander';
import { ApiError, UserError } from '../api/errors.js';
import { NODE, POD } from '../api/kinds.js';
import { goDuration, type MetricsSnapshot, type Usage } from '../api/metrics.js';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from '../api/selectors.js';
import type { KObject } from '../api/types.js';
import { formatNodeMetrics, formatPodMetrics, type SortBy } from '../printers/top.js';
import { readMetrics } from '../state/metrics-file.js';
import type { Ctx } from './context.js';
import { boolFlags, namespaceFlags, namespaceOf, selectorFlags } from './flags.js';

/** kubectl's metricsCreationDelay: an older pod without metrics is a problem, a newer one is not. */
const METRICS_CREATION_DELAY_MS = 2 * 60_000;

interface CommonFlags {
  selector?: string;
  fieldSelector?: string;
  sortBy?: string;
  headers?: boolean;
}

interface PodFlags extends CommonFlags {
  namespace?: string;
  allNamespaces?: boolean;
  containers?: boolean;
  sum?: boolean;
}

interface NodeFlags extends CommonFlags {
  showCapacity?: boolean;
}

function sortByOf(value: string | undefined): SortBy {
  if (value === undefined || value === '') return '';
  if (value === 'cpu' || value === 'memory') return value;
  throw new UserError('--sort-by accepts only cpu or memory');
}

function metricsOrFail(ctx: Ctx): MetricsSnapshot {
  const metrics = readMetrics(ctx.home);
  if (!metrics) throw new UserError('Metrics API not available');
  return metrics;
}

function topPods(ctx: Ctx, name: string | undefined, f: PodFlags): void {
  const sortBy = sortByOf(f.sortBy);
  if (name && f.selector) throw new UserError('only one of NAME or selector can be provided');
  const labels = f.selector ? parseLabelSelector(f.selector) : undefined;
  const fields = f.fieldSelector ? parseFieldSelector(f.fieldSelector) : undefined;
  const { namespace } = namespaceOf(f);
  const all = !!f.allNamespaces;
  const snapshot = metricsOrFail(ctx);
  const inScope = (o: { metadata: { namespace?: string; name?: string; labels?: Record<string, string> } }) =>
    (all || o.metadata.namespace === namespace) &&
    (!labels || matchesLabels(labels, o.metadata.labels)) &&
    (!fields || matchesFields(fields, o as KObject));
  let metrics = snapshot.pods.filter(inScope);
  if (name) {
    metrics = metrics.filter((m) => m.metadata.name === name);
    if (metrics.length === 0)
      throw ApiError.notFound('podmetrics.metrics.k8s.io', `${all ? '' : namespace}/${name}`);
  }
  if (metrics.length === 0) {
    // kubectl's verifyEmptyMetrics: say why nothing came back.
    const pods = ctx
      .store()
      .list(POD, all ? {} : { namespace })
      .filter(inScope);
    if (pods.length > 0) {
      const now = Date.now();
      for (const pod of pods) {
        const age = now - Date.parse(pod.metadata.creationTimestamp ?? '');
        if (age > METRICS_CREATION_DELAY_MS)
          throw new UserError(
            `Metrics not available for pod ${pod.metadata.namespace}/${pod.metadata.name}, age: ${goDuration(age)}`,
          );
      }
      throw new UserError('metrics not available yet');
    }
    ctx.err.write(all ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
  }
  ctx.out.write(
    formatPodMetrics(metrics, {
      containers: !!f.containers,
      withNamespace: all,
      noHeaders: f.headers === false,
      sortBy,
      sum: !!f.sum,
    }),
  );
}

function topNodes(ctx: Ctx, name: string | undefined, f: NodeFlags): void {
  const sortBy = sortByOf(f.sortBy);
  if (name && f.selector) throw new UserError('only one of NAME or --selector can be provided');
  const labels = f.selector ? parseLabelSelector(f.selector) : undefined;
  const snapshot = metricsOrFail(ctx);
  let metrics = snapshot.nodes.filter((m) => !labels || matchesLabels(labels, m.metadata.labels));
  let nodes: KObject[];
  if (name) {
    metrics = metrics.filter((m) => m.metadata.name === name);
    if (metrics.length === 0) throw ApiError.notFound('nodemetrics.metrics.k8s.io', name);
    const node = ctx.store().get(NODE, undefined, name);
    if (!node) throw ApiError.notFound('nodes', name);
    nodes = [node];
  } else {
    if (metrics.length === 0) throw new UserError('metrics not available yet');
    nodes = ctx
      .store()
      .list(NODE)
      .filter((n) => !labels || matchesLabels(labels, n.metadata.labels));
  }
  const available = new Map<string, Partial<Usage>>();
  for (const n of nodes)
    available.set(n.metadata.name!, (f.showCapacity ? n.status?.capacity : n.status?.allocatable) ?? {});
  ctx.out.write(formatNodeMetrics(metrics, available, { noHeaders: f.headers === false, sortBy }));
}

const sortByHelp = (what: string) =>
  `If non-empty, sort ${what} list using specified field. The field can be either 'cpu' or 'memory'.`;

export function register(program: Command, ctx: Ctx): void {
  const top = program
    .command('top')
    .description('Display resource (CPU/memory) usage')
    .addHelpText(
      'before',
      'Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires the metrics of the mkube agent, which samples them every 15 seconds.\n',
    );

  const pod = top
    .command('pod')
    .aliases(['pods', 'po'])
    .description('Display resource (CPU/memory) usage of pods')
    .argument('[NAME]')
    .option('--sort-by <field>', sortByHelp('pods'))
    .option('--no-headers', 'If present, print output without headers.');
  namespaceFlags(pod, true);
  selectorFlags(pod, true);
  boolFlags(pod, [
    ['--containers', 'If present, print usage of containers within a pod.'],
    ['--sum', 'Print the sum of the resource usage'],
    ['--use-protocol-buffers', 'Enables using protocol-buffers to access Metrics API.'],
  ]);
  pod.action((name: string | undefined, f: PodFlags) => topPods(ctx, name, f));

  const node = top
    .command('node')
    .aliases(['nodes', 'no'])
    .description('Display resource (CPU/memory) usage of nodes')
    .argument('[NAME]')
    .option('--sort-by <field>', sortByHelp('nodes'))
    .option('--no-headers', 'If present, print output without headers.');
  selectorFlags(node);
  boolFlags(node, [
    [
      '--show-capacity',
      'Print node resources based on Capacity instead of Allocatable(default) of the nodes.',
    ],
    ['--use-protocol-buffers', 'Enables using protocol-buffers to access Metrics API.'],
  ]);
  node.action((name: string | undefined, f: NodeFlags) => topNodes(ctx, name, f));
}
