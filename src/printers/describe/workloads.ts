// Describers for workloads and their neighbours: Deployment, ReplicaSet, ReplicationController,
// StatefulSet, DaemonSet, Job, Service, ConfigMap and Secret (kubectl describe.go).
import { lookupKind } from '../../api/kinds.js';
import { labelSelectorFromObject, matchesLabels } from '../../api/selectors.js';
import type { KObject } from '../../api/types.js';
import { DEPLOYMENT_REVISION } from '../../api/well-known.js';
import { humanDuration, parseTime } from '../duration.js';
import { formatLabels } from '../table.js';
import { formatLabelSelector, labelSelectorString } from '../tables/common.js';
import { controlledBy, describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './common.js';
import { describeContainers } from './containers.js';
import { describeCronJob } from './cronjob.js';
import { printTolerations } from './pod.js';
import { OTHERS } from './services.js';
import { formatTime } from './time.js';
import { describeVolumes } from './volumes.js';
import type { WorkloadContext } from './workload-context.js';
import { PrefixWriter, type Writer } from './writer.js';

export type { WorkloadContext } from './workload-context.js';

/** DescribePodTemplate: the template nested two spaces under "Pod Template:". */
export function describePodTemplate(template: any, w: Writer): void {
  w.write(0, 'Pod Template:\n');
  if (!template) {
    w.write(1, '<unset>');
    return;
  }
  const spec = template.spec ?? {};
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) {
    printAnnotationsMultiline(w, '  Annotations', template.metadata.annotations);
  }
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length)
    describeContainers('Init Containers', spec.initContainers, undefined, undefined, w, '  ');
  describeContainers('Containers', spec.containers ?? [], undefined, undefined, w, '  ');
  describeVolumes(spec.volumes, w, '  ');
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerations(w, spec.tolerations, '  Tolerations');
}

/** Running / Waiting / Succeeded / Failed pods matching the selector and controlled by `owner`. */
function podsStatus(owner: KObject, pods: KObject[], selector: any, mapSelector = false): string {
  const sel = mapSelector
    ? labelSelectorFromObject({ matchLabels: selector ?? {} })
    : labelSelectorFromObject(selector ?? {});
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of pods) {
    const ref = (p.metadata.ownerReferences ?? []).find((r: any) => r.controller);
    if (ref?.uid !== owner.metadata.uid || !matchesLabels(sel, p.metadata.labels)) continue;
    const phase = p.status?.phase as keyof typeof counts;
    if (phase in counts) counts[phase]++;
  }
  return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}

function conditions(obj: KObject, w: Writer): void {
  const list: any[] = obj.status?.conditions ?? [];
  if (list.length === 0) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(1, '----\t------\t------\n');
  for (const c of list) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

function head(obj: KObject, w: Writer): void {
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

function replicaSetsOf(d: KObject, ctx: WorkloadContext): { old: KObject[]; current: KObject[] } {
  const owned = ctx.store
    .list(lookupKind('replicasets')!, { namespace: d.metadata.namespace })
    .filter((rs) => (rs.metadata.ownerReferences ?? []).some((r: any) => r.uid === d.metadata.uid));
  const revision = (o: KObject) => Number(o.metadata.annotations?.[DEPLOYMENT_REVISION] ?? 0);
  const target = revision(d) || Math.max(0, ...owned.map(revision));
  const current = owned.filter((rs) => revision(rs) === target).slice(0, 1);
  return { old: owned.filter((rs) => !current.includes(rs)), current };
}

const rsList = (list: KObject[]) =>
  list
    .map(
      (rs) => `${rs.metadata.name} (${num(rs.status?.replicas)}/${num(rs.spec?.replicas)} replicas created)`,
    )
    .join(', ') || '<none>';

function deployment(d: KObject, w: Writer, ctx: WorkloadContext): void {
  const s = d.status ?? {};
  head(d, w);
  w.write(0, `CreationTimestamp:\t${formatTime(d.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', d.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(0, `Selector:\t${labelSelectorString(d.spec?.selector)}\n`);
  w.write(
    0,
    `Replicas:\t${num(d.spec?.replicas)} desired | ${num(s.updatedReplicas)} updated | ${num(s.replicas)} total | ${num(s.availableReplicas)} available | ${num(s.unavailableReplicas)} unavailable\n`,
  );
  const strategy = d.spec?.strategy ?? {};
  w.write(0, `StrategyType:\t${strategy.type ?? 'RollingUpdate'}\n`);
  w.write(0, `MinReadySeconds:\t${num(d.spec?.minReadySeconds)}\n`);
  if ((strategy.type ?? 'RollingUpdate') === 'RollingUpdate') {
    const ru = strategy.rollingUpdate ?? {};
    w.write(
      0,
      `RollingUpdateStrategy:\t${ru.maxUnavailable ?? '25%'} max unavailable, ${ru.maxSurge ?? '25%'} max surge\n`,
    );
  }
  describePodTemplate(d.spec?.template, w);
  conditions(d, w);
  const { old, current } = replicaSetsOf(d, ctx);
  if (old.length > 0 || current.length > 0) {
    w.write(0, `OldReplicaSets:\t${rsList(old)}\n`);
    w.write(0, `NewReplicaSet:\t${rsList(current)}\n`);
  }
}

function replicaSet(rs: KObject, w: Writer, ctx: WorkloadContext, rc = false): void {
  head(rs, w);
  w.write(0, `Selector:\t${rc ? formatLabels(rs.spec?.selector) : formatLabelSelector(rs.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', rs.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const owner = controlledBy(rs);
  if (owner && !rc) w.write(0, `Controlled By:\t${owner}\n`);
  w.write(0, `Replicas:\t${num(rs.status?.replicas)} current / ${num(rs.spec?.replicas)} desired\n`);
  w.write(0, `Pods Status:\t${podsStatus(rs, ctx.pods, rs.spec?.selector, rc)}\n`);
  describePodTemplate(rs.spec?.template, w);
  conditions(rs, w);
}

function statefulSet(sts: KObject, w: Writer, ctx: WorkloadContext): void {
  head(sts, w);
  w.write(0, `CreationTimestamp:\t${formatTime(sts.metadata.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${labelSelectorString(sts.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', sts.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', sts.metadata.annotations);
  w.write(0, `Replicas:\t${num(sts.spec?.replicas)} desired | ${num(sts.status?.replicas)} total\n`);
  const strategy = sts.spec?.updateStrategy ?? {};
  w.write(0, `Update Strategy:\t${strategy.type ?? 'RollingUpdate'}\n`);
  if (strategy.rollingUpdate?.partition !== undefined) {
    w.write(1, `Partition:\t${strategy.rollingUpdate.partition}\n`);
    if (strategy.rollingUpdate.maxUnavailable !== undefined)
      w.write(1, `MaxUnavailable:\t${strategy.rollingUpdate.maxUnavailable}\n`);
  }
  w.write(0, `Pods Status:\t${podsStatus(sts, ctx.pods, sts.spec?.selector)}\n`);
  describePodTemplate(sts.spec?.template, w);
  const templates: any[] = sts.spec?.volumeClaimTemplates ?? [];
  if (templates.length === 0) w.write(0, 'Volume Claims:\t<none>\n');
  else {
    w.write(0, 'Volume Claims:\n');
    for (const pvc of templates) {
      w.write(1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
      w.write(1, `StorageClass:\t${pvc.spec?.storageClassName ?? ''}\n`);
      printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
      printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
      w.write(1, `Capacity:\t${pvc.spec?.resources?.requests?.storage ?? '<default>'}\n`);
      w.write(1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
    }
  }
}

function daemonSet(ds: KObject, w: Writer, ctx: WorkloadContext): void {
  const s = ds.status ?? {};
  w.write(0, `Name:\t${ds.metadata.name}\n`);
  w.write(0, `Selector:\t${labelSelectorString(ds.spec?.selector)}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  printLabelsMultiline(w, 'Labels', ds.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${num(s.desiredNumberScheduled)}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${num(s.currentNumberScheduled)}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${num(s.updatedNumberScheduled)}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${num(s.numberAvailable)}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${num(s.numberMisscheduled)}\n`);
  w.write(0, `Pods Status:\t${podsStatus(ds, ctx.pods, ds.spec?.selector)}\n`);
  describePodTemplate(ds.spec?.template, w);
}

function job(j: KObject, w: Writer): void {
  const spec = j.spec ?? {};
  const s = j.status ?? {};
  head(j, w);
  w.write(0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', j.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', j.metadata.annotations);
  const owner = controlledBy(j);
  if (owner) w.write(0, `Controlled By:\t${owner}\n`);
  if (spec.parallelism !== undefined) w.write(0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
  if (spec.completionMode) w.write(0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec.suspend !== undefined) w.write(0, `Suspend:\t${spec.suspend}\n`);
  if (spec.backoffLimit !== undefined) w.write(0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined)
    w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (s.startTime) w.write(0, `Start Time:\t${formatTime(s.startTime)}\n`);
  if (s.completionTime) w.write(0, `Completed At:\t${formatTime(s.completionTime)}\n`);
  const start = parseTime(s.startTime);
  const end = parseTime(s.completionTime);
  if (start !== undefined && end !== undefined) w.write(0, `Duration:\t${humanDuration(end - start)}\n`);
  if (spec.activeDeadlineSeconds !== undefined)
    w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  const ready = s.ready === undefined ? '' : ` (${s.ready} Ready)`;
  w.write(
    0,
    `Pods Statuses:\t${num(s.active)} Active${ready} / ${num(s.succeeded)} Succeeded / ${num(s.failed)} Failed\n`,
  );
  describePodTemplate(spec.template, w);
}

const DESCRIBERS: Record<string, (obj: KObject, w: Writer, ctx: WorkloadContext) => void> = {
  Deployment: deployment,
  ReplicaSet: (o, w, c) => replicaSet(o, w, c),
  ReplicationController: (o, w, c) => replicaSet(o, w, c, true),
  StatefulSet: statefulSet,
  DaemonSet: daemonSet,
  Job: job,
  CronJob: (o, w) => describeCronJob(o, w, describePodTemplate),
};

export const hasWorkloadDescriber = (kind: string): boolean => kind in DESCRIBERS || kind in OTHERS;

/** The describe text of a workload (or Service, ConfigMap, Secret) object. */
export function describeWorkload(kind: string, obj: KObject, ctx: WorkloadContext): string {
  const w = new PrefixWriter();
  const other = OTHERS[kind];
  if (other) other(obj, w, ctx);
  else DESCRIBERS[kind]!(obj, w, ctx);
  if (kind !== 'Secret') describeEvents(ctx.events, w, ctx.now);
  return w.toString();
}
