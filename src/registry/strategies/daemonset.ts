// The DaemonSet strategy: the API server keeps `deprecated.daemonset.template.generation`, 1 at
// create and one more on every template change; the controller labels pods with it
// (`pod-template-generation`).
import { applyDefaults } from '../../api/defaults.js';
import { deepEqual } from '../../api/json-equal.js';
import type { KObject } from '../../api/types.js';
import type { Strategy } from '../strategy-types.js';

export const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

const withGeneration = (obj: KObject, generation: number): void => {
  obj.metadata.annotations = { ...obj.metadata.annotations, [TEMPLATE_GENERATION]: String(generation) };
};

export const daemonSetStrategy: Strategy = {
  prepareForCreate: (obj) => withGeneration(obj, 1),
  prepareForUpdate(next, live) {
    const current = Number(live.metadata.annotations?.[TEMPLATE_GENERATION] ?? 1) || 1;
    // Compared defaulted, so a PUT that omits defaults is no template change.
    const template = (o: KObject) => applyDefaults({ ...o, metadata: {} }).spec?.template ?? null;
    const changed = !deepEqual(template(next), template(live));
    withGeneration(next, changed ? current + 1 : current);
  },
};
