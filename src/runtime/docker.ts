import type { Runtime } from './types.js';
export async function createDockerRuntime(_home: string): Promise<Runtime> {
  throw new Error('not implemented');
}
