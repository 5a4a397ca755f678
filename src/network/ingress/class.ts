// Which Ingresses mkube serves: those of an IngressClass whose controller is mkube's, and those
// with no class when one of mkube's classes is the default (what the DefaultIngressClass
// admission plugin would have filled in on a cluster).
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1.js';
import { IS_DEFAULT_CLASS, LEGACY_CLASS_ANNOTATION } from '../../registry/strategies/ingress.js';

export { IS_DEFAULT_CLASS, LEGACY_CLASS_ANNOTATION };

export const INGRESS_CONTROLLER = 'mkube.dev/ingress';
export const DEFAULT_INGRESS_CLASS = 'mkube';

/** The IngressClass the agent creates when it is missing. */
export function defaultIngressClass(): IngressClass {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: DEFAULT_INGRESS_CLASS, annotations: { [IS_DEFAULT_CLASS]: 'true' } },
    spec: { controller: INGRESS_CONTROLLER },
  };
}

/** The class an Ingress asks for: spec.ingressClassName, else the legacy annotation. */
export function classOf(ing: Ingress): string | undefined {
  return ing.spec?.ingressClassName || ing.metadata?.annotations?.[LEGACY_CLASS_ANNOTATION] || undefined;
}

/** A predicate for the Ingresses this controller serves, given every IngressClass. */
export function servedBy(classes: readonly IngressClass[]): (ing: Ingress) => boolean {
  const ours = classes.filter((c) => c.spec?.controller === INGRESS_CONTROLLER);
  const names = new Set(ours.map((c) => c.metadata?.name));
  const defaultIsOurs = ours.some((c) => c.metadata?.annotations?.[IS_DEFAULT_CLASS] === 'true');
  return (ing) => {
    const name = classOf(ing);
    return name === undefined ? defaultIsOurs : names.has(name);
  };
}
