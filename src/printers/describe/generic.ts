// The describers for namespaces and for kinds without a dedicated one (kubectl's
// genericDescriber: every field as an indented `Smart Label:  value`).
import type { KObject } from '../../api/types.js';
import { goNumber } from '../gofmt.js';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './common.js';
import { formatTime } from './time.js';
import { PrefixWriter, type Writer } from './writer.js';

const ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID'];

/** fatih/camelcase.Split: runs of lower, upper, digit and other characters. */
export function camelSplit(src: string): string[] {
  const classOf = (r: string) => (/\p{Ll}/u.test(r) ? 1 : /\p{Lu}/u.test(r) ? 2 : /\p{Nd}/u.test(r) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const r of src) {
    const c = classOf(r);
    if (c === last) runs[runs.length - 1]!.push(r);
    else runs.push([r]);
    last = c;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (/\p{Lu}/u.test(runs[i]![0]!) && /\p{Ll}/u.test(runs[i + 1]![0]!)) {
      runs[i + 1]!.unshift(runs[i]!.pop()!);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

const title = (s: string) =>
  s.replace(/(^|[^\p{L}])(\p{L})/gu, (_m, pre: string, ch: string) => pre + ch.toUpperCase());

/** smartLabelFor: `apiVersion` -> `API Version`, `podIP` -> `Pod IP`; odd field names as they are. */
export function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return camelSplit(field)
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.includes(p.toUpperCase()) ? p.toUpperCase() : title(p)))
    .join(' ');
}

const goValue = (v: unknown): string =>
  v === null || v === undefined ? '<nil>' : typeof v === 'number' ? goNumber(v) : String(v);

/** printUnstructuredContent: fields sorted, maps and lists indented one level, `skip` paths left out. */
export function printUnstructured(
  w: Writer,
  level: number,
  content: Record<string, unknown>,
  prefix: string,
  skip: string[],
): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (skip.includes(path)) continue;
    if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) {
          printUnstructured(w, level + 1, child as Record<string, unknown>, path, skip);
        } else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else if (value !== null && typeof value === 'object') {
      w.write(level, `${smartLabel(field)}:\n`);
      printUnstructured(w, level + 1, value as Record<string, unknown>, path, skip);
    } else w.write(level, `${smartLabel(field)}:\t${goValue(value)}\n`);
  }
}

/** The generic describer for kinds without a dedicated one. */
export function describeGeneric(obj: KObject, events: KObject[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  printUnstructured(w, 0, obj as Record<string, unknown>, '', [
    '.metadata.managedFields',
    '.metadata.name',
    '.metadata.namespace',
    '.metadata.labels',
    '.metadata.annotations',
  ]);
  describeEvents(events ?? [], w, now);
  return w.toString();
}

/** `describe namespace`: name, labels, annotations, status, quotas and limit ranges. */
export function describeNamespace(ns: KObject, quotas: KObject[], limitRanges: KObject[]): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ns.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', ns.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const conditions: any[] = ns.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(
        1,
        `${c.type}\t${c.status}\t${formatTime(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`,
      );
    }
  }
  w.write(0, '\n');
  if (quotas.length === 0) w.write(0, 'No resource quota.\n');
  else {
    w.write(0, 'Resource Quotas\n');
    for (const q of quotas) {
      w.write(1, `Name:\t${q.metadata.name}\n`);
      w.write(1, 'Resource\tUsed\tHard\n');
      w.write(1, '--------\t---\t---\n');
      const hard: Record<string, string> = q.status?.hard ?? {};
      for (const r of Object.keys(hard).sort())
        w.write(1, `${r}\t${q.status?.used?.[r] ?? '0'}\t${hard[r]}\n`);
    }
  }
  w.write(0, '\n');
  w.write(0, limitRanges.length === 0 ? 'No LimitRange resource.\n' : 'Resource Limits\n');
  return w.toString();
}
