// `describe cronjob` (kubectl describe.go describeCronJob and describeJobTemplate).
import type { KObject } from '../../api/types.js';
import { labelSelectorString } from '../tables/common.js';
import { printAnnotationsMultiline, printBool, printLabelsMultiline } from './common.js';
import { formatTime } from './time.js';
import type { Writer } from './writer.js';

const orUnset = (v: unknown, suffix = '') => (typeof v === 'number' ? `${v}${suffix}` : '<unset>');

export function describeCronJob(
  cj: KObject,
  w: Writer,
  podTemplate: (template: unknown, w: Writer) => void,
): void {
  const spec = cj.spec ?? {};
  const jobSpec = spec.jobTemplate?.spec ?? {};
  w.write(0, `Name:\t${cj.metadata.name}\n`);
  w.write(0, `Namespace:\t${cj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', cj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations);
  w.write(0, `Schedule:\t${spec.schedule ?? ''}\n`);
  w.write(0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
  w.write(0, `Suspend:\t${spec.suspend === undefined ? '<unset>' : printBool(spec.suspend)}\n`);
  w.write(0, `Successful Job History Limit:\t${orUnset(spec.successfulJobsHistoryLimit)}\n`);
  w.write(0, `Failed Job History Limit:\t${orUnset(spec.failedJobsHistoryLimit)}\n`);
  w.write(0, `Starting Deadline Seconds:\t${orUnset(spec.startingDeadlineSeconds, 's')}\n`);
  w.write(0, `Selector:\t${jobSpec.selector ? labelSelectorString(jobSpec.selector) : '<unset>'}\n`);
  w.write(0, `Parallelism:\t${orUnset(jobSpec.parallelism)}\n`);
  w.write(0, `Completions:\t${orUnset(jobSpec.completions)}\n`);
  if (typeof jobSpec.activeDeadlineSeconds === 'number') {
    w.write(0, `Active Deadline Seconds:\t${jobSpec.activeDeadlineSeconds}s\n`);
  }
  podTemplate(jobSpec.template, w);
  const last = cj.status?.lastScheduleTime;
  w.write(0, `Last Schedule Time:\t${last ? formatTime(last) : '<unset>'}\n`);
  const active: { name: string }[] = cj.status?.active ?? [];
  w.write(0, `Active Jobs:\t${active.length ? active.map((j) => j.name).join(', ') : '<none>'}\n`);
}
