// The Ingress strategy: the API server's DefaultIngressClass admission plugin. On create, an
// Ingress that names no class (no spec.ingressClassName, no legacy annotation) gets the default
// IngressClass — the one annotated is-default-class "true", the newest when there are several —
// read inside the store's write lock. Updates are left alone, as the plugin only handles Create.
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1.js';
import { lookupKind } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import type { StoreReader } from '../../state/types.js';
import type { Strategy } from '../strategy-types.js';

export const IS_DEFAULT_CLASS = 'ingressclass.kubernetes.io/is-default-class';
/** The annotation that named the class before spec.ingressClassName (still honoured by controllers). */
export const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

const INGRESS = lookupKind('ingresses')!;
const INGRESS_CLASS = lookupKind('ingressclasses')!;

/** The default class among `classes`: newest creationTimestamp first, then name order (as the plugin sorts). */
export function defaultClassOf(classes: readonly IngressClass[]): string | undefined {
  const defaults = classes
    .filter((c) => c.metadata?.annotations?.[IS_DEFAULT_CLASS] === 'true')
    .sort((a, b) => {
      const ta = Date.parse(a.metadata?.creationTimestamp ?? '') || 0;
      const tb = Date.parse(b.metadata?.creationTimestamp ?? '') || 0;
      return tb - ta || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');
    });
  return defaults[0]?.metadata?.name;
}

/** The Ingress to store on create: with the default class filled in when it names none. */
export function defaultIngressClassName(ing: Ingress, classes: readonly IngressClass[]): Ingress {
  if (ing.spec?.ingressClassName != null) return ing;
  if (ing.metadata?.annotations && LEGACY_CLASS_ANNOTATION in ing.metadata.annotations) return ing;
  const name = defaultClassOf(classes);
  return name === undefined ? ing : { ...ing, spec: { ...ing.spec, ingressClassName: name } };
}

function admit(obj: KObject, current: StoreReader): KObject {
  const { namespace, name } = obj.metadata;
  // admit runs on create and on update; only a create finds no stored object of that name.
  if (current.get(INGRESS, namespace, name ?? '')) return obj;
  return defaultIngressClassName(obj as Ingress, current.list(INGRESS_CLASS) as IngressClass[]) as KObject;
}

export const ingressStrategy: Strategy = { admit };
