export async function ensureAgentRunning(_home: string): Promise<void> {
  throw new Error('not implemented');
}
