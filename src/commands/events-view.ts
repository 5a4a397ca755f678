// kubectl events' selection, order and rows (pure): filter by --for and --types, sort by the
// event's time (series, lastTimestamp, eventTime), and LAST SEEN with `(xN over AGE)` repeats.

import type { KObject } from '../api/types.js';
import { since } from '../printers/duration.js';

export interface EventFilter {
  /** Lower-case kind and name from `--for TYPE/NAME`. */
  forKind?: string;
  forName?: string;
  /** Normal / Warning (case-insensitive), empty for all. */
  types: string[];
}

export function eventTime(ev: KObject): number {
  const t = ev.series?.lastObservedTime ?? ev.lastTimestamp ?? ev.eventTime ?? ev.firstTimestamp;
  const ms = t ? Date.parse(t) : Number.NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

export function selectEvents(events: KObject[], filter: EventFilter): KObject[] {
  const types = filter.types.map((t) => t.toLowerCase());
  return events
    .filter((ev) => {
      const io = ev.involvedObject ?? {};
      if (filter.forKind && String(io.kind ?? '').toLowerCase() !== filter.forKind) return false;
      if (filter.forName && io.name !== filter.forName) return false;
      return types.length === 0 || types.includes(String(ev.type ?? '').toLowerCase());
    })
    .sort((a, b) => eventTime(a) - eventTime(b));
}

/** One row's cells: [NAMESPACE,] LAST SEEN, TYPE, REASON, OBJECT, MESSAGE. */
export function eventRow(ev: KObject, now: number, allNamespaces: boolean): string[] {
  const first = ev.firstTimestamp ?? ev.eventTime;
  let interval: string;
  if (ev.series) {
    interval = `${since(ev.series.lastObservedTime, now)} (x${ev.series.count} over ${since(first, now)})`;
  } else if ((ev.count ?? 0) > 1) {
    interval = `${since(ev.lastTimestamp, now)} (x${ev.count} over ${since(first, now)})`;
  } else {
    interval = since(ev.lastTimestamp ?? ev.eventTime, now);
  }
  const io = ev.involvedObject ?? {};
  const cells = [
    interval,
    ev.type ?? '',
    ev.reason ?? '',
    `${String(io.kind ?? '').toLowerCase()}/${io.name ?? ''}`,
    String(ev.message ?? '').trim(),
  ];
  return allNamespaces ? [ev.metadata.namespace ?? '', ...cells] : cells;
}

export function eventHeader(allNamespaces: boolean): string[] {
  const cols = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  return allNamespaces ? ['NAMESPACE', ...cols] : cols;
}
