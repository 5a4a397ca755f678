import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The state directory: $MKUBE_HOME, or ~/.mkube. */
export function mkubeHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.MKUBE_HOME ? resolve(env.MKUBE_HOME) : join(homedir(), '.mkube');
}
