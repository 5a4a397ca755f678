// What the running agent serves on the host (the ingress ports it could bind, the API endpoint),
// written once it listens, for `mkube cluster-info` and `mkube agent status`; read only for the
// agent whose pid it names (but the next agent reuses the last endpoint port, see below).
import { readJsonSync, writeFileAtomicSync } from '../state/fsio.js';
import { agentPaths } from './paths.js';

export interface AgentListeners {
  pid: number;
  /** 0 when the proxy could not listen. */
  ingressHttp: number;
  ingressHttps: number;
  /** The API endpoint's URL once it serves; neither this nor the error while it starts. */
  apiServer?: string;
  /** Why the API endpoint could not start. */
  apiServerError?: string;
}

export function writeListeners(home: string, listeners: AgentListeners): void {
  try {
    writeFileAtomicSync(agentPaths(home).listeners, `${JSON.stringify(listeners)}\n`, 0o644, false);
  } catch {
    // Informational only: a home deleted under a running agent (mkube reset's case) must not
    // take the agent down before reset can stop it.
  }
}

/** The listeners of the agent running as `pid`, if it wrote them. */
export function readListeners(home: string, pid: number): AgentListeners | undefined {
  const l = readJsonSync<AgentListeners>(agentPaths(home).listeners);
  return l?.pid === pid ? l : undefined;
}

/** The API endpoint's port of the last agent that recorded one, whichever pid it was. */
export function lastApiServerPort(home: string): number | undefined {
  const url = readJsonSync<AgentListeners>(agentPaths(home).listeners)?.apiServer;
  const port = url ? Number(new URL(url).port) : Number.NaN;
  return Number.isInteger(port) && port > 0 ? port : undefined;
}
