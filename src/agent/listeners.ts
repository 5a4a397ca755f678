// What the running agent serves on the host (the ingress ports it could bind), written once it
// listens, for `mkube cluster-info`; read only for the agent whose pid it names.
import { readJsonSync, writeFileAtomicSync } from '../state/fsio.js';
import { agentPaths } from './paths.js';

export interface AgentListeners {
  pid: number;
  /** 0 when the proxy could not listen. */
  ingressHttp: number;
  ingressHttps: number;
}

export function writeListeners(home: string, listeners: AgentListeners): void {
  writeFileAtomicSync(agentPaths(home).listeners, `${JSON.stringify(listeners)}\n`, 0o644, false);
}

/** The listeners of the agent running as `pid`, if it wrote them. */
export function readListeners(home: string, pid: number): AgentListeners | undefined {
  const l = readJsonSync<AgentListeners>(agentPaths(home).listeners);
  return l?.pid === pid ? l : undefined;
}
