// Pieces every describer shares: multi-line labels and annotations, the Events table and
// finding the events of an object.
import type { KObject } from '../../api/types.js';
import { LAST_APPLIED } from '../../api/well-known.js';
import { parseTime, since } from '../duration.js';
import type { Writer } from './writer.js';

const MAX_ANNOTATION_LEN = 140;
const SKIP_ANNOTATIONS = new Set([LAST_APPLIED]);

/** printLabelsMultilineWithIndent: `Title:<inner>k=v` then continuation lines, sorted. */
export function printLabelsMultiline(
  w: Writer,
  title: string,
  labels: Record<string, string> | undefined | null,
  initialIndent = '',
  innerIndent = '\t',
): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, `${initialIndent}${innerIndent}`);
    w.write(0, `${key}=${labels![key]}\n`);
  });
}

const shorten = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}...` : s);

/** printAnnotationsMultiline: long or multi-line values go on their own lines, cut at 138. */
export function printAnnotationsMultiline(
  w: Writer,
  title: string,
  annotations: Record<string, string> | undefined | null,
): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = annotations![key]!.replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(0, `\t  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else w.write(0, `${key}: ${value}\n`);
  });
}

/** The time kubectl sorts events by: series last observation, else lastTimestamp, else eventTime. */
function eventTime(ev: KObject): number {
  return (
    parseTime(ev.series?.lastObservedTime) ?? parseTime(ev.lastTimestamp) ?? parseTime(ev.eventTime) ?? 0
  );
}

/**
 * Events whose involvedObject is `obj`, as kubectl's field selector finds them: same name and
 * namespace, same uid (a node's events may carry its name as uid), same kind when recorded.
 */
export function eventsFor(obj: KObject, events: KObject[]): KObject[] {
  const m = obj.metadata;
  return events.filter((ev) => {
    const io = ev.involvedObject ?? {};
    if (io.name !== m.name || (io.namespace ?? '') !== (m.namespace ?? '')) return false;
    if (io.uid && m.uid && io.uid !== m.uid && io.uid !== m.name) return false;
    return !io.kind || io.kind === obj.kind;
  });
}

/** DescribeEvents: `Events:  <none>` or the Type/Reason/Age/From/Message table, oldest first. */
export function describeEvents(events: KObject[] | undefined, w: Writer, now: number): void {
  if (events === undefined) return;
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  const sorted = [...events].sort((a, b) => eventTime(a) - eventTime(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    let interval = first;
    if (e.series) interval = `${since(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(
      1,
      `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${String(e.message ?? '').trim()}\n`,
    );
  }
}

/** `Kind/name` of the controlling owner, or ''. */
export function controlledBy(obj: KObject): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((r: any) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

export const printBool = (v: unknown) => (v ? 'True' : 'False');
export const stringOrNone = (s: string | undefined) => (s ? s : '<none>');
