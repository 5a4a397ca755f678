// A Job made from a CronJob's jobTemplate: the controller's (`getJobFromTemplate2`, named
// `<cronjob>-<scheduled time in minutes since the epoch>`, with the scheduled-timestamp
// annotation) and kubectl's `create job --from=cronjob/NAME` (the instantiate: manual annotation).
import type { KObject } from '../../api/types.js';
import { CRONJOB_SCHEDULED_TIMESTAMP } from '../../api/well-known.js';

/** `getJobName`: minutes since the epoch, so each scheduled time names one Job. */
export const jobNameFor = (cj: KObject, scheduledMs: number): string =>
  `${cj.metadata.name}-${Math.floor(scheduledMs / 60_000)}`;

function fromTemplate(
  cj: KObject,
  name: string,
  annotations: Record<string, string>,
  manual = false,
): KObject {
  const tmpl = cj.spec?.jobTemplate ?? {};
  const labels = tmpl.metadata?.labels;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      ...(cj.metadata.namespace ? { namespace: cj.metadata.namespace } : {}),
      ...(labels ? { labels: { ...labels } } : {}),
      // kubectl lets the template's annotations win; the controller sets its own last.
      annotations: manual
        ? { ...annotations, ...tmpl.metadata?.annotations }
        : { ...tmpl.metadata?.annotations, ...annotations },
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          name: cj.metadata.name!,
          uid: cj.metadata.uid!,
          controller: true,
          // kubectl leaves blockOwnerDeletion unset (it would need the cronjobs/finalizers right).
          ...(manual ? {} : { blockOwnerDeletion: true }),
        },
      ],
    },
    spec: structuredClone(tmpl.spec ?? {}),
  };
}

/** RFC 3339 of `ms` in the CronJob's zone offset, as the controller writes the annotation. */
export function zonedRfc3339(ms: number, timeZone: string | undefined): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  if (!timeZone || timeZone === 'UTC') return d.toISOString().replace('.000Z', 'Z');
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(
    +parts.year,
    +parts.month - 1,
    +parts.day,
    +parts.hour,
    +parts.minute,
    +parts.second,
  );
  const offMin = Math.round((local - d.getTime()) / 60_000);
  if (offMin === 0)
    return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}Z`;
  const sign = offMin < 0 ? '-' : '+';
  const abs = Math.abs(offMin);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${off}`;
}

export const scheduledJob = (cj: KObject, scheduledMs: number): KObject =>
  fromTemplate(cj, jobNameFor(cj, scheduledMs), {
    [CRONJOB_SCHEDULED_TIMESTAMP]: zonedRfc3339(scheduledMs, cj.spec?.timeZone),
  });

export const manualJob = (cj: KObject, name: string): KObject =>
  fromTemplate(cj, name, { 'cronjob.kubernetes.io/instantiate': 'manual' }, true);
