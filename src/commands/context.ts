// What every command gets: its output streams and lazy handles on the store, the runtime and
// the agent. Lazy, so a command that only reads state never loads dockerode.
import type { Runtime } from '../runtime/types.js';
import { mkubeHome } from '../state/home.js';
import { withNodeLifecycleView } from '../state/node-lifecycle-view.js';
// Imported statically: the store is plain fs code and every command needs it.
import { openStore as openStoreSync } from '../state/store.js';
import type { Store } from '../state/types.js';

export interface Ctx {
  out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  err: NodeJS.WritableStream & { isTTY?: boolean };
  in: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  home: string;
  store(): Store;
  runtime(): Promise<Runtime>;
  /** Start the agent in the background when it is not running (commands that change state). */
  ensureAgent(): Promise<void>;
}

export function defaultCtx(): Ctx {
  const home = mkubeHome();
  let store: Store | undefined;
  let runtime: Promise<Runtime> | undefined;
  return {
    out: process.stdout,
    err: process.stderr,
    // process.stdin is a getter that builds a stream: only commands that read input pay for it.
    get in() {
      return process.stdin;
    },
    home,
    store() {
      // Nodes read as the node lifecycle controller would leave them (stale heartbeat: NotReady).
      if (!store) store = withNodeLifecycleView(openStoreSync(home));
      return store;
    },
    runtime() {
      runtime ??= import('../runtime/docker.js').then((m) => m.createDockerRuntime(home));
      return runtime;
    },
    async ensureAgent() {
      // State-only use (benchmarks, tests of the store): never start containers.
      if (process.env.MKUBE_NO_AUTOSTART === '1') return;
      const { ensureAgentRunning } = await import('../agent/client.js');
      await ensureAgentRunning(home);
    },
  };
}
