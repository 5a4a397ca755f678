// Workload kinds: deployments, replicasets, replicationcontrollers, statefulsets, daemonsets,
// jobs, cronjobs and controllerrevisions.
import type { KObject } from '../../api/types.js';
import { humanDuration, parseTime, since } from '../duration.js';
import { formatLabels } from '../table.js';
import {
  AGE,
  containerCells,
  controllerOf,
  formatLabelSelector,
  type KindTable,
  labelSelectorString,
  NAME,
  num,
  wide,
} from './common.js';

const template = (obj: KObject) => obj.spec?.template?.spec?.containers;
const age = (obj: KObject, now: number) => since(obj.metadata.creationTimestamp, now);
const CONTAINERS = wide('Containers');
const IMAGES = wide('Images');
const SELECTOR = wide('Selector');

export const deployments: KindTable = {
  columns: [
    NAME,
    { name: 'Ready' },
    { name: 'Up-to-date' },
    { name: 'Available' },
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(d, now) {
    const s = d.status ?? {};
    return [
      d.metadata.name,
      `${num(s.readyReplicas)}/${num(d.spec?.replicas)}`,
      num(s.updatedReplicas),
      num(s.availableReplicas),
      age(d, now),
      ...containerCells(template(d)),
      labelSelectorString(d.spec?.selector),
    ];
  },
};

export const replicasets: KindTable = {
  columns: [
    NAME,
    { name: 'Desired' },
    { name: 'Current' },
    { name: 'Ready' },
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells: (rs, now) => [
    rs.metadata.name,
    num(rs.spec?.replicas),
    num(rs.status?.replicas),
    num(rs.status?.readyReplicas),
    age(rs, now),
    ...containerCells(template(rs)),
    formatLabelSelector(rs.spec?.selector),
  ],
};

export const replicationcontrollers: KindTable = {
  columns: replicasets.columns,
  cells: (rc, now) => [
    rc.metadata.name,
    num(rc.spec?.replicas),
    num(rc.status?.replicas),
    num(rc.status?.readyReplicas),
    age(rc, now),
    ...containerCells(template(rc)),
    formatLabels(rc.spec?.selector),
  ],
};

export const statefulsets: KindTable = {
  columns: [NAME, { name: 'Ready' }, AGE, CONTAINERS, IMAGES],
  cells: (sts, now) => [
    sts.metadata.name,
    `${num(sts.status?.readyReplicas)}/${num(sts.spec?.replicas)}`,
    age(sts, now),
    ...containerCells(template(sts)),
  ],
};

export const daemonsets: KindTable = {
  columns: [
    NAME,
    { name: 'Desired' },
    { name: 'Current' },
    { name: 'Ready' },
    { name: 'Up-to-date' },
    { name: 'Available' },
    { name: 'Node Selector' },
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(ds, now) {
    const s = ds.status ?? {};
    return [
      ds.metadata.name,
      num(s.desiredNumberScheduled),
      num(s.currentNumberScheduled),
      num(s.numberReady),
      num(s.updatedNumberScheduled),
      num(s.numberAvailable),
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      age(ds, now),
      ...containerCells(template(ds)),
      formatLabelSelector(ds.spec?.selector),
    ];
  },
};

const hasCondition = (obj: KObject, type: string) =>
  (obj.status?.conditions ?? []).find((c: any) => c.type === type)?.status === 'True';

function jobStatus(job: KObject): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function jobCompletions(job: KObject): string {
  const succeeded = num(job.status?.succeeded);
  if (typeof job.spec?.completions === 'number') return `${succeeded}/${job.spec.completions}`;
  const parallelism = num(job.spec?.parallelism);
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(job: KObject, now: number): string {
  const start = parseTime(job.status?.startTime);
  if (start === undefined) return '';
  const end = parseTime(job.status?.completionTime);
  return humanDuration((end ?? now) - start);
}

export const jobs: KindTable = {
  columns: [
    NAME,
    { name: 'Status' },
    { name: 'Completions' },
    { name: 'Duration' },
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells: (job, now) => [
    job.metadata.name,
    jobStatus(job),
    jobCompletions(job),
    jobDuration(job, now),
    age(job, now),
    ...containerCells(template(job)),
    formatLabelSelector(job.spec?.selector),
  ],
};

export const cronjobs: KindTable = {
  columns: [
    NAME,
    { name: 'Schedule' },
    { name: 'Timezone' },
    { name: 'Suspend' },
    { name: 'Active' },
    { name: 'Last Schedule' },
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(cj, now) {
    const suspend = cj.spec?.suspend;
    const jobSpec = cj.spec?.jobTemplate?.spec;
    return [
      cj.metadata.name,
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      suspend === undefined || suspend === null ? '<unset>' : suspend ? 'True' : 'False',
      (cj.status?.active ?? []).length,
      cj.status?.lastScheduleTime ? since(cj.status.lastScheduleTime, now) : '<none>',
      age(cj, now),
      ...containerCells(jobSpec?.template?.spec?.containers),
      formatLabelSelector(jobSpec?.selector),
    ];
  },
};

function controllerName(obj: KObject): string {
  const ref = controllerOf(obj);
  if (!ref) return '<none>';
  const apiVersion: string = ref.apiVersion ?? '';
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const kind = group ? `${ref.kind}.${group}` : ref.kind;
  return `${String(kind).toLowerCase()}/${ref.name}`;
}

export const controllerrevisions: KindTable = {
  columns: [NAME, { name: 'Controller' }, { name: 'Revision' }, AGE],
  cells: (cr, now) => [cr.metadata.name, controllerName(cr), num(cr.revision), age(cr, now)],
};
