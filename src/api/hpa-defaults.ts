// autoscaling/v2 SetDefaults_HorizontalPodAutoscaler: minReplicas 1, a cpu target of 80 % when no
// metric is given, and — only when `behavior` is written — every missing part of it filled with
// the rules the controller uses anyway (scale up: 4 pods or 100 % per 15 s, no window; scale down:
// 100 % per 15 s, window left unset so the controller's 300 s default applies).
type Obj = Record<string, any>;

/** autoscaling.DefaultCPUUtilization. */
export const DEFAULT_CPU_UTILIZATION = 80;

export const DEFAULT_SCALE_UP = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};

export const DEFAULT_SCALE_DOWN = {
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
};

function withDefaults(rules: Obj | undefined, defaults: Obj): Obj {
  const out: Obj = structuredClone(defaults);
  if (!rules) return out;
  if (rules.selectPolicy != null) out.selectPolicy = rules.selectPolicy;
  if (rules.stabilizationWindowSeconds != null)
    out.stabilizationWindowSeconds = rules.stabilizationWindowSeconds;
  if (rules.policies != null) out.policies = rules.policies;
  return out;
}

export function defaultHorizontalPodAutoscaler(spec: Obj): void {
  spec.minReplicas ??= 1;
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION },
        },
      },
    ];
  }
  if (spec.behavior != null) {
    spec.behavior = {
      scaleUp: withDefaults(spec.behavior.scaleUp, DEFAULT_SCALE_UP),
      scaleDown: withDefaults(spec.behavior.scaleDown, DEFAULT_SCALE_DOWN),
    };
  }
}
