// A Job's pod: the template (whose labels carry job-name and controller-uid), the tracking
// finalizer, and for an Indexed Job its index — annotation and label, the JOB_COMPLETION_INDEX
// variable read from the annotation through the downward API in every container, the name
// `<job>-<index>-` and the hostname `<job>-<index>` (with the template's subdomain, if any).
import type { KObject } from '../../api/types.js';
import {
  JOB_COMPLETION_INDEX,
  JOB_INDEX_FAILURE_COUNT,
  JOB_TRACKING_FINALIZER,
} from '../../api/well-known.js';
import { podFromTemplate } from '../common/template.js';
import type { PodToCreate } from './compute.js';

const INDEX_ENV = {
  name: 'JOB_COMPLETION_INDEX',
  valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${JOB_COMPLETION_INDEX}']` } },
};

export function jobPod(job: KObject, want: PodToCreate): KObject {
  const pod = podFromTemplate(job, job.spec?.template);
  pod.metadata.finalizers = [...(pod.metadata.finalizers ?? []), JOB_TRACKING_FINALIZER];
  if (want.index === undefined) return pod;
  const index = String(want.index);
  pod.metadata.generateName = `${job.metadata.name}-${index}-`;
  pod.metadata.annotations = { ...pod.metadata.annotations, [JOB_COMPLETION_INDEX]: index };
  if (want.failureCount !== undefined) {
    pod.metadata.annotations[JOB_INDEX_FAILURE_COUNT] = String(want.failureCount);
  }
  pod.metadata.labels = { ...pod.metadata.labels, [JOB_COMPLETION_INDEX]: index };
  pod.spec.hostname ||= `${job.metadata.name}-${index}`;
  for (const list of [pod.spec.initContainers, pod.spec.containers]) {
    for (const c of list ?? []) {
      if (!(c.env ?? []).some((e: { name: string }) => e.name === INDEX_ENV.name))
        c.env = [...(c.env ?? []), INDEX_ENV];
    }
  }
  return pod;
}
