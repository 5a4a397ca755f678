import { join } from 'node:path';

export const agentPaths = (home: string) => ({
  pid: join(home, 'agent.pid'),
  log: join(home, 'agent.log'),
  startLock: join(home, 'agent-start'),
});
