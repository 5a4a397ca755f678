// `get -w` / `--watch-only` (kubectl get.go watch): print the current list (header once), then
// one row per change with the age at that moment, DELETED rows included; a later wider cell
// widens its column from then on (the tabwriter remembers widths across flushes).
import { UserError } from '../../api/errors.js';
import type { ObjectSource, Watcher } from '../../api/reader.js';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from '../../api/selectors.js';
import type { KObject, WatchEvent } from '../../api/types.js';
import { goJson } from '../gofmt.js';
import { GenericPrinter, type OutputFormat } from '../output.js';
import { TablePrinter } from '../table.js';
import { buildTable } from '../tables/index.js';
import { TabWriter } from '../tabwriter.js';
import type { GetPrintOptions, Resolved, Streams } from './print.js';

/** The request the watch follows. */
export interface GetRequest {
  namespace: string;
  allNamespaces?: boolean;
  selector?: string;
  fieldSelector?: string;
}

export interface WatchOptions extends GetPrintOptions {
  watchOnly?: boolean;
  outputWatchEvents?: boolean;
}

type EventType = WatchEvent['type'];

/** Prints objects or events in the chosen format; one printer for the whole watch. */
function eventPrinter(opts: WatchOptions, streams: Streams, now: () => number) {
  const format = opts.format;
  if (format.type === 'table') {
    const w = TabWriter.forTables(streams.out);
    const printer = new TablePrinter({
      wide: format.wide,
      noHeaders: opts.noHeaders,
      withNamespace: opts.allNamespaces,
      showLabels: opts.showLabels,
      labelColumns: opts.labelColumns,
    });
    return (kind: Resolved['kinds'][number], objects: KObject[], type?: EventType) => {
      printer.print(buildTable(kind, objects, now()), w, opts.outputWatchEvents ? type : undefined);
      w.flush();
    };
  }
  const generic = new GenericPrinter(format as Exclude<OutputFormat, { type: 'table' }>, streams.out, opts);
  return (_kind: Resolved['kinds'][number], objects: KObject[], type?: EventType) => {
    for (const obj of objects) {
      // A watch event prints as {type, object}; JSON compact on one line, as kubectl does.
      if (!opts.outputWatchEvents || !type || format.type === 'name') generic.print(obj);
      else if (format.type === 'json') streams.out(`${goJson({ object: obj, type })}\n`);
      else generic.print({ object: obj, type });
    }
  };
}

const keyOf = (o: KObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/**
 * Runs the watch until `stopSignal` resolves. Objects that stop matching the selectors are
 * reported as DELETED and ones that start matching as ADDED, as the API server's watch does.
 */
export async function runWatch(
  store: ObjectSource,
  req: GetRequest,
  resolved: Resolved,
  opts: WatchOptions,
  streams: Streams,
  stopSignal: Promise<void>,
  now: () => number = Date.now,
): Promise<void> {
  if (new Set(resolved.kinds).size > 1) throw new UserError('you may only specify a single resource type');
  if (resolved.errors.length > 0) throw resolved.errors[0];
  const kind = resolved.kinds[0]!;
  const initial = resolved.infos.flatMap((i) => i.objects);
  const names = resolved.infos.every((i) => !i.isList)
    ? new Set(initial.map((o) => o.metadata.name))
    : undefined;
  const labels = req.selector ? parseLabelSelector(req.selector) : undefined;
  const fields = req.fieldSelector ? parseFieldSelector(req.fieldSelector) : undefined;
  const selected = (o: KObject) =>
    (!names || names.has(o.metadata.name!)) &&
    (!labels || matchesLabels(labels, o.metadata.labels)) &&
    (!fields || matchesFields(fields, o));

  const print = eventPrinter(opts, streams, now);
  if (!opts.watchOnly && initial.length > 0) print(kind, initial, 'ADDED');
  const visible = new Set(initial.map(keyOf));

  const onEvent = (ev: WatchEvent) => {
    const key = keyOf(ev.object);
    const was = visible.has(key);
    const is = ev.type !== 'DELETED' && selected(ev.object);
    if (!was && !is) return;
    let type: EventType = ev.type;
    if (was && !is) {
      type = 'DELETED';
      visible.delete(key);
    } else if (!was && is) {
      type = 'ADDED';
      visible.add(key);
    }
    print(kind, [ev.object], type);
  };

  const namespace = kind.namespaced && !req.allNamespaces ? req.namespace : undefined;
  let watcher: Watcher;
  const start = (rv: number) => {
    watcher = store.watch(rv, onEvent, { kind, namespace, onExpired: () => restart() });
  };
  const restart = () => {
    watcher.stop();
    start(store.resourceVersion());
  };
  start(resolved.infos[0]?.resourceVersion ?? store.resourceVersion());
  await stopSignal;
  watcher!.stop();
}
