// `kubectl top` tables (kubectl's metricsutil printer): every cell tab-terminated, so every column
// is padded, the last one too; CPU in millicores rounded up, memory in whole Mi; node percentages
// of allocatable (or capacity), truncated.
import type { NodeMetrics, PodMetrics, Usage } from '../api/metrics.js';
import { parseQuantity, quantityMilli, quantityValue } from '../api/quantity.js';
import { TabWriter } from './tabwriter.js';

export type SortBy = '' | 'cpu' | 'memory';

const POD_COLUMNS = ['NAME', 'CPU(cores)', 'MEMORY(bytes)'];
const NODE_COLUMNS = ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'];

interface Amount {
  milliCpu: number;
  memoryBytes: number;
}

const amountOf = (usage: Partial<Usage> | undefined): Amount => {
  const cpu = parseQuantity(usage?.cpu ?? '0');
  const mem = parseQuantity(usage?.memory ?? '0');
  return { milliCpu: cpu ? quantityMilli(cpu) : 0, memoryBytes: mem ? quantityValue(mem) : 0 };
};

/** CPU of a quantity in nanocores summed exactly, then shown in millicores as Go's MilliValue. */
function podTotal(m: PodMetrics): Amount {
  let cpuNanos = 0n;
  let memory = 0n;
  for (const c of m.containers) {
    cpuNanos += parseQuantity(c.usage.cpu)?.nanos ?? 0n;
    memory += parseQuantity(c.usage.memory)?.nanos ?? 0n;
  }
  return {
    milliCpu: Number((cpuNanos + 999_999n) / 1_000_000n),
    memoryBytes: Number((memory + 999_999_999n) / 1_000_000_000n),
  };
}

function byUsage<T>(
  items: T[],
  sortBy: SortBy,
  amount: (t: T) => Amount,
  byName: (a: T, b: T) => number,
): T[] {
  const sorted = [...items];
  if (sortBy === 'cpu') sorted.sort((a, b) => amount(b).milliCpu - amount(a).milliCpu);
  else if (sortBy === 'memory') sorted.sort((a, b) => amount(b).memoryBytes - amount(a).memoryBytes);
  else sorted.sort(byName);
  return sorted;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function usageCells(a: Amount, available?: Amount): string {
  const pct = (used: number, of: number) => `${Math.trunc((used / of) * 100)}%\t`;
  let s = `${a.milliCpu}m\t`;
  if (available) s += pct(a.milliCpu, available.milliCpu);
  s += `${Math.floor(a.memoryBytes / (1024 * 1024))}Mi\t`;
  if (available) s += pct(a.memoryBytes * 1000, available.memoryBytes * 1000);
  return s;
}

export interface PodTopOptions {
  containers: boolean;
  withNamespace: boolean;
  noHeaders: boolean;
  sortBy: SortBy;
  sum: boolean;
}

export function formatPodMetrics(metrics: PodMetrics[], o: PodTopOptions): string {
  if (metrics.length === 0) return '';
  let out = '';
  const w = new TabWriter((s) => (out += s), { minWidth: 6, padding: 3 });
  let columns = POD_COLUMNS.length;
  if (!o.noHeaders) {
    if (o.withNamespace) {
      w.write('NAMESPACE\t');
      columns++;
    }
    if (o.containers) {
      w.write('POD\t');
      columns++;
    }
    w.write(`${POD_COLUMNS.join('\t')}\t\n`);
  }
  const sorted = byUsage(metrics, o.sortBy, podTotal, (a, b) =>
    o.withNamespace && a.metadata.namespace !== b.metadata.namespace
      ? cmp(a.metadata.namespace, b.metadata.namespace)
      : cmp(a.metadata.name, b.metadata.name),
  );
  for (const m of sorted) {
    const ns = o.withNamespace ? `${m.metadata.namespace}\t` : '';
    if (!o.containers) {
      w.write(`${ns}${m.metadata.name}\t${usageCells(podTotal(m))}\n`);
      continue;
    }
    const containers = byUsage(
      m.containers,
      o.sortBy,
      (c) => amountOf(c.usage),
      (a, b) => cmp(a.name, b.name),
    );
    for (const c of containers)
      w.write(`${ns}${m.metadata.name}\t${c.name}\t${usageCells(amountOf(c.usage))}\n`);
  }
  if (o.sum) {
    // kubectl's ResourceAdder adds exact quantities; rounding comes last.
    const total = podTotal({ ...sorted[0]!, containers: sorted.flatMap((m) => m.containers) });
    w.write(`${'\t'.repeat(Math.max(0, columns - 2))}________\t________\t\n`);
    w.write(`${'\t'.repeat(Math.max(0, columns - 3))}\t${usageCells(total)}\n`);
  }
  w.flush();
  return out;
}

export interface NodeTopOptions {
  noHeaders: boolean;
  sortBy: SortBy;
}

/** `available`: allocatable (or capacity) by node name; nodes without metrics print `<unknown>`. */
export function formatNodeMetrics(
  metrics: NodeMetrics[],
  available: ReadonlyMap<string, Partial<Usage>>,
  o: NodeTopOptions,
): string {
  if (metrics.length === 0) return '';
  let out = '';
  const w = new TabWriter((s) => (out += s), { minWidth: 6, padding: 3 });
  if (!o.noHeaders) w.write(`${NODE_COLUMNS.join('\t')}\t\n`);
  const missing = new Map(available);
  const sorted = byUsage(
    metrics,
    o.sortBy,
    (m) => amountOf(m.usage),
    (a, b) => cmp(a.metadata.name, b.metadata.name),
  );
  for (const m of sorted) {
    const of = available.get(m.metadata.name);
    w.write(`${m.metadata.name}\t${usageCells(amountOf(m.usage), of ? amountOf(of) : undefined)}\n`);
    missing.delete(m.metadata.name);
  }
  for (const name of missing.keys()) w.write(`${name}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n`);
  w.flush();
  return out;
}
