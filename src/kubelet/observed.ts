// Views over what the runtime reports for one pod: newest attempt per container, previous attempt.
import type { ObservedContainer } from '../runtime/types.js';

export interface PodObservation {
  /** The newest sandbox (any state), if any. */
  sandbox?: ObservedContainer;
  /** Older sandboxes: always garbage. */
  staleSandboxes: ObservedContainer[];
  /** Per container name, attempts newest first. */
  byName: Map<string, ObservedContainer[]>;
}

export function observePod(containers: ObservedContainer[]): PodObservation {
  const sandboxes = containers
    .filter((c) => c.type === 'sandbox')
    .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || b.attempt - a.attempt);
  const byName = new Map<string, ObservedContainer[]>();
  for (const c of containers) {
    if (c.type === 'sandbox') continue;
    const list = byName.get(c.name) ?? [];
    list.push(c);
    byName.set(c.name, list);
  }
  for (const list of byName.values()) list.sort((a, b) => b.attempt - a.attempt);
  return { sandbox: sandboxes[0], staleSandboxes: sandboxes.slice(1), byName };
}

export function latest(obs: PodObservation, name: string): ObservedContainer | undefined {
  return obs.byName.get(name)?.[0];
}

export function previous(obs: PodObservation, name: string): ObservedContainer | undefined {
  return obs.byName.get(name)?.[1];
}

export function runMs(c: ObservedContainer): number {
  if (!c.startedAt || !c.finishedAt) return 0;
  return Date.parse(c.finishedAt) - Date.parse(c.startedAt);
}
