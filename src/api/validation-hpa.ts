// ValidateHorizontalPodAutoscaler (pkg/apis/autoscaling/validation), for the metric types mkube
// serves: bounds of min/max replicas, the scale target, Resource metric targets and behavior.
import { type FieldError, invalid, type Path, required, unsupported } from './field-errors.js';
import type { KObject } from './types.js';

type Errs = FieldError[];

const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;

function validateRules(errs: Errs, rules: any, path: Path): void {
  if (!rules) return;
  const policy = rules.selectPolicy;
  if (policy != null && !['Disabled', 'Max', 'Min'].includes(policy))
    errs.push(unsupported([...path, 'selectPolicy'], policy, ['Disabled', 'Max', 'Min']));
  const window = rules.stabilizationWindowSeconds;
  if (typeof window === 'number' && (window < 0 || window > MAX_STABILIZATION_WINDOW_SECONDS))
    errs.push(
      invalid(
        [...path, 'stabilizationWindowSeconds'],
        window,
        window < 0
          ? 'must be greater than or equal to zero'
          : `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`,
      ),
    );
  const policies: any[] = rules.policies ?? [];
  if (policies.length === 0) errs.push(required([...path, 'policies'], 'must specify at least one Policy'));
  policies.forEach((p, i) => {
    const at: Path = [...path, 'policies', i];
    if (!['Pods', 'Percent'].includes(p?.type))
      errs.push(unsupported([...at, 'type'], p?.type, ['Percent', 'Pods']));
    if (!(p?.value > 0)) errs.push(invalid([...at, 'value'], p?.value, 'must be greater than zero'));
    if (!(p?.periodSeconds > 0))
      errs.push(invalid([...at, 'periodSeconds'], p?.periodSeconds, 'must be greater than zero'));
    else if (p.periodSeconds > MAX_PERIOD_SECONDS)
      errs.push(
        invalid(
          [...at, 'periodSeconds'],
          p.periodSeconds,
          `must be less than or equal to ${MAX_PERIOD_SECONDS}`,
        ),
      );
  });
}

function validateMetric(errs: Errs, m: any, path: Path): void {
  const types = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
  if (!m?.type) {
    errs.push(required([...path, 'type'], 'must specify a metric source type'));
    return;
  }
  if (!types.includes(m.type)) {
    errs.push(unsupported([...path, 'type'], m.type, types));
    return;
  }
  if (m.type !== 'Resource' && m.type !== 'ContainerResource') return;
  const key = m.type === 'Resource' ? 'resource' : 'containerResource';
  const source = m[key];
  if (!source) {
    errs.push(required([...path, key], `must populate information for the given metric source`));
    return;
  }
  if (!source.name) errs.push(required([...path, key, 'name'], 'must specify a resource name'));
  if (m.type === 'ContainerResource' && !source.container)
    errs.push(required([...path, key, 'container'], 'must specify a container'));
  const target = source.target ?? {};
  const tpath: Path = [...path, key, 'target'];
  if (!['AverageValue', 'Utilization', 'Value'].includes(target.type)) {
    errs.push(required([...tpath, 'type'], 'must specify a metric target type'));
    return;
  }
  if (target.type === 'Utilization' && !(target.averageUtilization > 0))
    errs.push(
      target.averageUtilization == null
        ? required(
            [...tpath, 'averageUtilization'],
            'must set either a target raw value or a target utilization',
          )
        : invalid([...tpath, 'averageUtilization'], target.averageUtilization, 'must be greater than 0'),
    );
  if (target.type === 'AverageValue' && target.averageValue == null)
    errs.push(
      required([...tpath, 'averageValue'], 'must set either a target raw value or a target utilization'),
    );
  if (target.type === 'Value')
    errs.push(invalid([...tpath, 'type'], target.type, 'must be either Utilization or AverageValue'));
}

export function validateHorizontalPodAutoscaler(obj: KObject): Errs {
  const errs: Errs = [];
  const spec = obj.spec ?? {};
  const min = spec.minReplicas;
  const max = spec.maxReplicas;
  if (typeof min === 'number' && min < 1)
    errs.push(invalid(['spec', 'minReplicas'], min, 'must be greater than or equal to 1'));
  if (typeof max === 'number' && max < 1)
    errs.push(invalid(['spec', 'maxReplicas'], max, 'must be greater than 0'));
  if (typeof min === 'number' && typeof max === 'number' && min > max)
    errs.push(invalid(['spec', 'maxReplicas'], max, 'must be greater than or equal to `minReplicas`'));
  const ref = spec.scaleTargetRef ?? {};
  if (!ref.kind) errs.push(required(['spec', 'scaleTargetRef', 'kind']));
  if (!ref.name) errs.push(required(['spec', 'scaleTargetRef', 'name']));
  for (const [i, m] of ((spec.metrics ?? []) as unknown[]).entries())
    validateMetric(errs, m, ['spec', 'metrics', i]);
  validateRules(errs, spec.behavior?.scaleUp, ['spec', 'behavior', 'scaleUp']);
  validateRules(errs, spec.behavior?.scaleDown, ['spec', 'behavior', 'scaleDown']);
  return errs;
}
