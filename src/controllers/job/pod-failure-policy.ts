// `spec.podFailurePolicy`: the first rule that matches a failed pod decides what its failure
// means — FailJob (the Job fails now), FailIndex (its index fails), Ignore (not counted against
// backoffLimit) or Count (the default). Exit code 0 never matches an onExitCodes rule.
import type { KObject } from '../../api/types.js';

export type FailureAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';

export interface PolicyMatch {
  action: FailureAction;
  /** For FailJob: the condition message, as the controller words it. */
  message?: string;
}

interface ExitCodesRequirement {
  containerName?: string;
  operator: 'In' | 'NotIn';
  values: number[];
}

interface ContainerStatus {
  name: string;
  state?: { terminated?: { exitCode?: number } };
}

function matchExitCodes(pod: KObject, req: ExitCodesRequirement): { name: string; code: number } | undefined {
  const statuses: ContainerStatus[] = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
  ];
  for (const s of statuses) {
    const code = s.state?.terminated?.exitCode;
    if (code === undefined || code === 0) continue;
    if (req.containerName && req.containerName !== s.name) continue;
    if (req.values.includes(code) === (req.operator === 'In')) return { name: s.name, code };
  }
  return undefined;
}

function matchConditions(pod: KObject, patterns: { type: string; status?: string }[]): string | undefined {
  for (const p of patterns) {
    const hit = (pod.status?.conditions ?? []).find(
      (c: { type: string; status: string }) => c.type === p.type && c.status === (p.status ?? 'True'),
    );
    if (hit) return hit.type;
  }
  return undefined;
}

/** The matching rule's action for a pod in phase Failed, or undefined when no rule matches. */
export function matchPodFailurePolicy(job: KObject, pod: KObject): PolicyMatch | undefined {
  const rules: any[] = job.spec?.podFailurePolicy?.rules ?? [];
  const where = `${pod.metadata.namespace}/${pod.metadata.name}`;
  for (const [i, rule] of rules.entries()) {
    const action = rule.action as FailureAction;
    if (rule.onExitCodes) {
      const hit = matchExitCodes(pod, rule.onExitCodes);
      if (!hit) continue;
      return action === 'FailJob'
        ? {
            action,
            message: `Container ${hit.name} for pod ${where} failed with exit code ${hit.code} matching FailJob rule at index ${i}`,
          }
        : { action };
    }
    if (rule.onPodConditions) {
      const type = matchConditions(pod, rule.onPodConditions);
      if (!type) continue;
      return action === 'FailJob'
        ? { action, message: `Pod ${where} has condition ${type} matching FailJob rule at index ${i}` }
        : { action };
    }
  }
  return undefined;
}
