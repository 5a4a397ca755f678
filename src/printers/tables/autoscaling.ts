// `get hpa`: printHorizontalPodAutoscaler — REFERENCE as Kind/name, TARGETS per metric
// (`cpu: 45%/50%`, at most two then `+ N more...`), MINPODS `<unset>` when not written.
import { canonicalQuantity } from '../../api/quantity.js';
import { since } from '../duration.js';
import { AGE, type KindTable, NAME } from './common.js';

const quantity = (q: unknown) => (q === undefined || q === null ? '<unknown>' : canonicalQuantity(q));

function metricTarget(spec: any, status: any): string {
  switch (spec?.type) {
    case 'Resource':
    case 'ContainerResource': {
      const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
      const source = spec[key] ?? {};
      const current = status?.[key];
      if (source.target?.averageValue !== undefined) {
        const cur = current ? quantity(current.current?.averageValue) : '<unknown>';
        return `${source.name}: ${cur}/${quantity(source.target.averageValue)}`;
      }
      const util = current?.current?.averageUtilization;
      const cur = util !== undefined && util !== null ? `${util}%` : '<unknown>';
      const target = source.target?.averageUtilization;
      return `${source.name}: ${cur}/${target !== undefined && target !== null ? `${target}%` : '<auto>'}`;
    }
    case 'Pods': {
      const cur = status?.pods ? quantity(status.pods.current?.averageValue) : '<unknown>';
      return `${cur}/${quantity(spec.pods?.target?.averageValue)}`;
    }
    case 'Object': {
      const target = spec.object?.target ?? {};
      if (target.averageValue !== undefined) {
        const cur = status?.object ? quantity(status.object.current?.averageValue) : '<unknown>';
        return `${cur}/${quantity(target.averageValue)} (avg)`;
      }
      const cur = status?.object ? quantity(status.object.current?.value) : '<unknown>';
      return `${cur}/${quantity(target.value)}`;
    }
    case 'External': {
      const target = spec.external?.target ?? {};
      if (target.averageValue !== undefined) {
        const cur =
          status?.external?.current?.averageValue !== undefined
            ? quantity(status.external.current.averageValue)
            : '<unknown>';
        return `${cur}/${quantity(target.averageValue)} (avg)`;
      }
      const cur = status?.external ? quantity(status.external.current?.value) : '<unknown>';
      return `${cur}/${quantity(target.value)}`;
    }
    default:
      return '<unknown type>';
  }
}

/** formatHPAMetrics. */
export function formatHpaMetrics(specs: any[] | undefined, statuses: any[] | undefined): string {
  if (!specs || specs.length === 0) return '<none>';
  const MAXIMUM = 2;
  const list = specs.map((spec, i) => metricTarget(spec, statuses?.[i]));
  if (list.length > MAXIMUM) return `${list.slice(0, MAXIMUM).join(', ')} + ${list.length - MAXIMUM} more...`;
  return list.join(', ');
}

export const horizontalpodautoscalers: KindTable = {
  columns: [
    NAME,
    { name: 'Reference' },
    { name: 'Targets' },
    { name: 'MinPods' },
    { name: 'MaxPods' },
    { name: 'Replicas' },
    AGE,
  ],
  cells(hpa, now) {
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const min = hpa.spec?.minReplicas;
    return [
      hpa.metadata.name,
      `${ref.kind ?? ''}/${ref.name ?? ''}`,
      formatHpaMetrics(hpa.spec?.metrics, hpa.status?.currentMetrics),
      min === undefined || min === null ? '<unset>' : String(min),
      hpa.spec?.maxReplicas ?? 0,
      hpa.status?.currentReplicas ?? 0,
      since(hpa.metadata.creationTimestamp, now),
    ];
  },
};
