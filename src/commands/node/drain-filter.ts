// kubectl drain's pod filters (pure), applied in its order; the first that keeps a pod decides.
import type { Pod } from 'kubernetes-types/core/v1.js';

export const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
export const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
export const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
export const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
export const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
export const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

export interface DrainFlags {
  force: boolean;
  ignoreDaemonsets: boolean;
  deleteEmptydirData: boolean;
}

export type PodVerdict =
  | { delete: true; warning?: string }
  | { delete: false; warning?: string; error?: string; skip?: boolean };

const finished = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const controllerOf = (pod: Pod) => (pod.metadata?.ownerReferences ?? []).find((r) => r.controller);

/** `daemonSetExists` answers whether the pod's DaemonSet is still there. */
export function drainVerdict(
  pod: Pod,
  flags: DrainFlags,
  daemonSetExists: (name: string) => boolean,
): PodVerdict {
  let verdict: PodVerdict = { delete: true };
  const controller = controllerOf(pod);
  if (controller?.kind === 'DaemonSet' && !finished(pod)) {
    if (!daemonSetExists(controller.name)) {
      const notFound = `daemonsets.apps "${controller.name}" not found`;
      if (!flags.force) return { delete: false, error: notFound };
      verdict = { delete: true, warning: notFound };
    } else if (!flags.ignoreDaemonsets) return { delete: false, error: DAEMONSET_FATAL };
    else return { delete: false, warning: DAEMONSET_WARNING };
  }
  if (pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined)
    return { delete: false, skip: true };
  if ((pod.spec?.volumes ?? []).some((v) => v.emptyDir) && !finished(pod)) {
    if (!flags.deleteEmptydirData) return { delete: false, error: LOCAL_STORAGE_FATAL };
    verdict = { delete: true, warning: LOCAL_STORAGE_WARNING };
  }
  if (!finished(pod) && !controller) {
    if (!flags.force) return { delete: false, error: UNMANAGED_FATAL };
    verdict = { delete: true, warning: UNMANAGED_WARNING };
  }
  return verdict;
}

export interface DrainPlan {
  evict: Pod[];
  /** `WARNING: ...` text, or '' */
  warnings: string;
  errors: string[];
}

const ref = (p: Pod) => `${p.metadata?.namespace}/${p.metadata?.name}`;

/** GetPodsForDeletion: who goes, the warnings and the errors, grouped by message as kubectl does. */
export function drainPlan(
  pods: Pod[],
  flags: DrainFlags,
  daemonSetExists: (ns: string, name: string) => boolean,
): DrainPlan {
  const warnings = new Map<string, string[]>();
  const errors = new Map<string, string[]>();
  const evict: Pod[] = [];
  for (const pod of pods) {
    const v = drainVerdict(pod, flags, (name) => daemonSetExists(pod.metadata?.namespace ?? 'default', name));
    if (v.delete) evict.push(pod);
    if ('error' in v && v.error) errors.set(v.error, [...(errors.get(v.error) ?? []), ref(pod)]);
    else if (v.warning) warnings.set(v.warning, [...(warnings.get(v.warning) ?? []), ref(pod)]);
  }
  return {
    evict,
    warnings: [...warnings].map(([msg, refs]) => `${msg}: ${refs.join(', ')}`).join('; '),
    errors: [...errors].map(([msg, refs]) =>
      msg.toLowerCase().startsWith('cannot delete')
        ? `${msg}: ${refs.join(', ')}`
        : `cannot delete ${msg}: ${refs.join(', ')}`,
    ),
  };
}
