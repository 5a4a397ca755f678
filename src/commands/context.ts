// What every command gets: its output streams and lazy handles on the store, the runtime and
// the agent. Lazy, so a command that only reads state never loads dockerode.
import type { Registry } from '../registry/registry.js';
// The store opened with the home's service network (range + bootstrap Services): plain fs code.
import { openHome } from '../registry/service-network.js';
import type { Runtime } from '../runtime/types.js';
import { mkubeHome } from '../state/home.js';
import { withNodeLifecycleView } from '../state/node-lifecycle-view.js';
import type { Store, StoreReader } from '../state/types.js';

export interface Ctx {
  out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  err: NodeJS.WritableStream & { isTTY?: boolean };
  in: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  home: string;
  /** Reads only: every write goes through `registry()`. */
  store(): StoreReader;
  /** The one write path (and reads through it). Loaded on demand: it brings validation. */
  registry(): Promise<Registry>;
  runtime(): Promise<Runtime>;
  /** Start the agent in the background when it is not running (commands that change state). */
  ensureAgent(): Promise<void>;
}

export function defaultCtx(): Ctx {
  const home = mkubeHome();
  let raw: Store | undefined;
  let view: StoreReader | undefined;
  const openRaw = (): Store => {
    raw ??= openHome(home);
    return raw;
  };
  let registry: Promise<Registry> | undefined;
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
      view ??= withNodeLifecycleView(openRaw());
      return view;
    },
    registry() {
      // The one place the store's writer is handed out: to the registry.
      registry ??= import('../registry/registry.js').then((m) => new m.Registry(openRaw()));
      return registry;
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
