// autoscaling/v1 HorizontalPodAutoscaler: still served (kubectl autoscale writes it), not
// deprecated, and stored as autoscaling/v2. Its one metric, targetCPUUtilizationPercentage,
// becomes a cpu Resource metric; SetDefaults in autoscaling/v1 sets minReplicas 1 only, the 80 %
// default target is the controller's (and v2's defaulting) when no metric is given.
import type { LegacyKind, Obj } from './shared.js';
import { isSet, setIfAbsent } from './shared.js';

function mapFields(obj: Obj): void {
  const spec = obj.spec;
  if (isSet(spec.targetCPUUtilizationPercentage)) {
    spec.metrics = [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage },
        },
      },
    ];
  }
  delete spec.targetCPUUtilizationPercentage;
  if (obj.status && isSet(obj.status.currentCPUUtilizationPercentage)) {
    obj.status.currentMetrics = [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          current: { averageUtilization: obj.status.currentCPUUtilizationPercentage },
        },
      },
    ];
    delete obj.status.currentCPUUtilizationPercentage;
  }
}

export const AUTOSCALING_V1: readonly LegacyKind[] = [
  {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    storage: 'autoscaling/v2',
    // A current version: converted, never warned about.
    deprecated: '',
    removed: '',
    replacement: '',
    setDefaults: (obj) => setIfAbsent(obj.spec, 'minReplicas', 1),
    mapFields,
  },
];
