// `kubectl describe hpa` (describe.go describeHorizontalPodAutoscalerV2).

import { canonicalQuantity } from '../../api/quantity.js';
import type { KObject } from '../../api/types.js';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './common.js';
import { formatTime } from './time.js';
import { PrefixWriter, type Writer } from './writer.js';

const q = (v: unknown) => (v === undefined || v === null ? '<unknown>' : canonicalQuantity(v));

function metricLines(w: Writer, metric: any, status: any): void {
  switch (metric.type) {
    case 'Resource':
    case 'ContainerResource': {
      const key = metric.type === 'Resource' ? 'resource' : 'containerResource';
      const source = metric[key] ?? {};
      const current = status?.[key];
      w.write(
        1,
        metric.type === 'Resource'
          ? `resource ${source.name} on pods`
          : `resource ${source.name} of container "${source.container}" on pods`,
      );
      if (source.target?.averageValue !== undefined) {
        w.write(
          0,
          `:\t${current ? q(current.current?.averageValue) : '<unknown>'} / ${q(source.target.averageValue)}\n`,
        );
        return;
      }
      const util = current?.current?.averageUtilization;
      const cur =
        util !== undefined && util !== null ? `${util}% (${q(current.current?.averageValue)})` : '<unknown>';
      const target = source.target?.averageUtilization;
      w.write(
        1,
        `(as a percentage of request):\t${cur} / ${target !== undefined && target !== null ? `${target}%` : '<auto>'}\n`,
      );
      return;
    }
    case 'Pods':
      w.write(
        1,
        `"${metric.pods?.metric?.name}" on pods:\t${status?.pods ? q(status.pods.current?.averageValue) : '<unknown>'} / ${q(metric.pods?.target?.averageValue)}\n`,
      );
      return;
    case 'Object': {
      const o = metric.object ?? {};
      w.write(1, `"${o.metric?.name}" on ${o.describedObject?.kind}/${o.describedObject?.name} `);
      if (o.target?.type === 'AverageValue')
        w.write(
          0,
          `(target average value):\t${status?.object ? q(status.object.current?.averageValue) : '<unknown>'} / ${q(o.target.averageValue)}\n`,
        );
      else
        w.write(
          0,
          `(target value):\t${status?.object ? q(status.object.current?.value) : '<unknown>'} / ${q(o.target?.value)}\n`,
        );
      return;
    }
    case 'External': {
      const e = metric.external ?? {};
      if (e.target?.averageValue !== undefined)
        w.write(
          1,
          `"${e.metric?.name}" (target average value):\t${q(status?.external?.current?.averageValue)} / ${q(e.target.averageValue)}\n`,
        );
      else
        w.write(
          1,
          `"${e.metric?.name}" (target value):\t${status?.external ? q(status.external.current?.value) : '<unknown>'} / ${q(e.target?.value)}\n`,
        );
      return;
    }
    default:
      w.write(1, `<unknown metric type "${metric.type}">\n`);
  }
}

function directionBehavior(w: Writer, direction: string, rules: any): void {
  if (!rules) return;
  w.write(1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined && rules.stabilizationWindowSeconds !== null)
    w.write(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  const policies: any[] = rules.policies ?? [];
  if (policies.length === 0) return;
  w.write(2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
  w.write(2, 'Policies:\n');
  for (const p of policies)
    w.write(3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
}

export function describeHorizontalPodAutoscaler(
  hpa: KObject,
  events: KObject[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  const spec = hpa.spec ?? {};
  const status = hpa.status ?? {};
  w.write(0, `Name:\t${hpa.metadata.name}\n`);
  w.write(0, `Namespace:\t${hpa.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', hpa.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', hpa.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${formatTime(hpa.metadata.creationTimestamp)}\n`);
  w.write(0, `Reference:\t${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}\n`);
  w.write(0, 'Metrics:\t( current / target )\n');
  (spec.metrics ?? []).forEach((m: any, i: number) => {
    metricLines(w, m, status.currentMetrics?.[i]);
  });
  w.write(0, `Min replicas:\t${spec.minReplicas ?? '<unset>'}\n`);
  w.write(0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
  if (spec.behavior) {
    w.write(0, 'Behavior:\n');
    directionBehavior(w, 'Scale Up', spec.behavior.scaleUp);
    directionBehavior(w, 'Scale Down', spec.behavior.scaleDown);
  }
  w.write(0, `${spec.scaleTargetRef?.kind ?? ''} pods:\t`);
  w.write(0, `${status.currentReplicas ?? 0} current / ${status.desiredReplicas ?? 0} desired\n`);
  const conditions: any[] = status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tReason\tMessage\n');
    w.write(1, '----\t------\t------\t-------\n');
    for (const c of conditions) w.write(1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  describeEvents(events, w, now);
  return w.toString();
}
