import { join } from 'node:path';

export const agentPaths = (home: string) => ({
  pid: join(home, 'agent.pid'),
  log: join(home, 'agent.log'),
  startLock: join(home, 'agent-start'),
  /** The data plane's state, for `mkube agent status`. */
  dataPlane: join(home, 'agent-dataplane.json'),
  /** The ports the agent serves on the host, for `mkube cluster-info`. */
  listeners: join(home, 'agent-listeners.json'),
});
