// events: LAST SEEN TYPE REASON OBJECT MESSAGE | wide: SUBOBJECT SOURCE (after OBJECT),
// FIRST SEEN COUNT NAME (after MESSAGE). Port of printEvent.
import { since } from '../duration.js';
import { type KindTable, wide } from './common.js';

const firstNonEmpty = (...values: (string | undefined)[]) => values.find((v) => v) ?? '';

function eventSource(ev: any): string {
  const component = firstNonEmpty(ev.source?.component, ev.reportingComponent);
  const instance = firstNonEmpty(ev.source?.host, ev.reportingInstance);
  return instance ? `${component}, ${instance}` : component;
}

export const events: KindTable = {
  columns: [
    { name: 'Last Seen' },
    { name: 'Type' },
    { name: 'Reason' },
    { name: 'Object' },
    wide('Subobject'),
    wide('Source'),
    { name: 'Message' },
    wide('First Seen'),
    wide('Count'),
    { name: 'Name', priority: 1, isName: true },
  ],
  cells(ev, now) {
    const first = ev.firstTimestamp ? since(ev.firstTimestamp, now) : since(ev.eventTime, now);
    let last = ev.lastTimestamp ? since(ev.lastTimestamp, now) : first;
    let count = ev.count ?? 0;
    if (ev.series) {
      last = since(ev.series.lastObservedTime, now);
      count = ev.series.count ?? 0;
    } else if (count === 0) count = 1;
    const io = ev.involvedObject ?? {};
    const kind = String(io.kind ?? '').toLowerCase();
    return [
      last,
      ev.type ?? '',
      ev.reason ?? '',
      io.name ? `${kind}/${io.name}` : kind,
      io.fieldPath ?? '',
      eventSource(ev),
      String(ev.message ?? '').trim(),
      first,
      count,
      ev.metadata.name,
    ];
  },
};
