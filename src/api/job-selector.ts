// The Job's generated selector (the API server's job strategy, `generateSelector`): unless the
// user asks for `manualSelector: true`, the pod template gets the job-name and controller-uid
// labels (new and legacy keys) and the selector matches the uid, so two Jobs of the same name,
// one after the other, never share pods. It needs the uid, so the store calls it at create.
import type { KObject } from './types.js';
import {
  JOB_CONTROLLER_UID_LABEL,
  JOB_NAME_LABEL,
  LEGACY_CONTROLLER_UID_LABEL,
  LEGACY_JOB_NAME_LABEL,
} from './well-known.js';

/** Mutates a Job about to be stored with `uid`. */
export function generateJobSelector(job: KObject): void {
  job.spec ??= {};
  const spec = job.spec;
  const name = job.metadata.name!;
  const uid = job.metadata.uid!;
  if (spec.manualSelector !== true) {
    spec.template ??= {};
    spec.template.metadata ??= {};
    spec.template.metadata.labels ??= {};
    const labels: Record<string, string> = spec.template.metadata.labels;
    // A label the user set is kept: a conflict with the selector is then theirs to see.
    for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) labels[key] ??= name;
    for (const key of [LEGACY_CONTROLLER_UID_LABEL, JOB_CONTROLLER_UID_LABEL]) labels[key] ??= uid;
    spec.selector ??= {};
    spec.selector.matchLabels ??= {};
    spec.selector.matchLabels[JOB_CONTROLLER_UID_LABEL] ??= uid;
  }
  // SetDefaults_Job, as applied when the stored object is read back: a Job without labels takes
  // its template's.
  const templateLabels = spec.template?.metadata?.labels;
  if (templateLabels && !Object.keys(job.metadata.labels ?? {}).length)
    job.metadata.labels = { ...templateLabels };
}
