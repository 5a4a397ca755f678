// What the agent's data plane is doing, as `mkube agent status` shows it: the agent writes one
// small file whenever the state changes; the status command reads it for the agent that runs.
import { readJsonSync } from '../state/fsio.js';
import { agentPaths } from './paths.js';

export type DataPlaneState =
  | { pid: number; mode: 'starting' }
  | { pid: number; mode: 'on'; serviceCIDR: string }
  | { pid: number; mode: 'off' | 'failing'; reason: string };

/** `data plane: on (iptables, service range 10.96.0.0/12)`, `data plane: off (<why>)`, ... */
export function dataPlaneLine(home: string, pid: number): string {
  const state = readJsonSync<DataPlaneState>(agentPaths(home).dataPlane);
  if (!state || state.pid !== pid || state.mode === 'starting') return 'data plane: starting';
  if (state.mode === 'on') return `data plane: on (iptables, service range ${state.serviceCIDR})`;
  return `data plane: ${state.mode} (${state.reason})`;
}
