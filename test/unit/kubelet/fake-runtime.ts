// A recording fake of the runtime seam for executor and kubelet tests: containers live in an array,
// every call is recorded as a line, and hooks let a case look at the world mid-sync.
import type {
  ContainerCreateSpec,
  ExecOptions,
  ObservedContainer,
  Runtime,
  SandboxSpec,
} from '../../../src/runtime/types.js';

/** Records every call as a line; `onExec`/`onStop` let a case look at the store mid-sync. */
export class FakeRuntime {
  readonly calls: string[] = [];
  readonly containers: ObservedContainer[] = [];
  onExec: (name: string, command: string) => number = () => 0;
  onStop: (name: string) => void = () => {};
  /** The engine does not answer: every call fails as a closed socket does, and is recorded. */
  down = false;
  /** Containers that the next `staleLists` lists still report as running. */
  readonly stale = new Set<string>();
  staleLists = 0;
  private seq = 0;

  private add(c: Partial<ObservedContainer> & { name: string; podUid: string }): ObservedContainer {
    const now = new Date().toISOString();
    const full: ObservedContainer = {
      id: `id-${++this.seq}`,
      dockerName: c.name,
      namespace: 'default',
      podName: 'web',
      type: 'app',
      attempt: 0,
      specHash: '',
      image: 'busybox:1.36',
      imageId: 'sha256:abc',
      state: 'created',
      exitCode: 0,
      oomKilled: false,
      createdAt: now,
      ...c,
    };
    this.containers.push(full);
    return full;
  }

  private byId(id: string): ObservedContainer {
    return this.containers.find((c) => c.id === id)!;
  }

  /** The container exits on its own (a crash, a `docker kill`). */
  exit(c: ObservedContainer, exitCode: number): void {
    Object.assign(c, { state: 'exited', exitCode, finishedAt: new Date().toISOString() });
  }

  running(podUid: string, name: string, type: 'sandbox' | 'app' = 'app'): ObservedContainer {
    const startedAt = new Date(Date.now() - 60_000).toISOString();
    return this.add({
      name,
      podUid,
      type,
      state: 'running',
      startedAt,
      ip: type === 'sandbox' ? '10.0.0.9' : undefined,
    });
  }

  runtime(): Runtime {
    const r: Partial<Runtime> = {
      ensureNetwork: async () => 'net',
      networkInfo: async () => ({
        name: 'net',
        id: '0123456789abcdef',
        options: {},
        subnets: ['172.31.0.0/16'],
      }),
      ensureSandboxImage: async () => 'pause',
      ensureImage: async () => ({ ok: true, imageId: 'sha256:abc', pulled: false }),
      listContainers: async (f) => {
        const list = this.containers
          .filter((c) => !f?.podUid || c.podUid === f.podUid)
          .map((c) => ({ ...c }));
        // As Docker's list right after a `die` event: the exited container still shows running.
        if (this.staleLists > 0) {
          this.staleLists--;
          for (const c of list) if (this.stale.has(c.id)) c.state = 'running';
        }
        return list;
      },
      createSandbox: async (spec: SandboxSpec, onCreated?: (id: string) => void) => {
        const sb = this.add({ name: '', podUid: spec.podUid, type: 'sandbox' });
        onCreated?.(sb.id);
        Object.assign(sb, { state: 'running', startedAt: new Date().toISOString(), ip: '10.0.0.9' });
        this.calls.push('sandbox');
        return sb.id;
      },
      createContainer: async (spec: ContainerCreateSpec) => {
        this.calls.push(`create ${spec.name}`);
        return this.add({ name: spec.name, podUid: spec.podUid, attempt: spec.attempt, type: spec.type }).id;
      },
      startContainer: async (id) => {
        const c = this.byId(id);
        this.calls.push(`start ${c.name}`);
        Object.assign(c, { state: 'running', startedAt: new Date().toISOString() });
      },
      stopContainer: async (id, grace) => {
        const c = this.byId(id);
        this.calls.push(`stop ${c.name || 'sandbox'} ${grace}`);
        this.onStop(c.name);
        Object.assign(c, { state: 'exited', exitCode: 137, finishedAt: new Date().toISOString() });
      },
      removeContainer: async (id) => {
        this.calls.push(`remove ${this.byId(id)?.name || 'sandbox'}`);
        this.containers.splice(this.containers.indexOf(this.byId(id)), 1);
      },
      exec: async (id: string, opts: ExecOptions) => {
        const c = this.byId(id);
        const command = opts.command.join(' ');
        this.calls.push(`exec ${c.name} ${command}`);
        return this.onExec(c.name, command);
      },
      ping: async () => {
        this.calls.push('ping');
      },
      events: async () => () => {},
    };
    // While `down`, every call fails before doing anything, as on a socket nobody listens to.
    for (const [key, fn] of Object.entries(r)) {
      (r as Record<string, unknown>)[key] = (...args: unknown[]) => {
        if (!this.down) return (fn as (...a: unknown[]) => unknown)(...args);
        this.calls.push(`unreachable ${key}`);
        return Promise.reject(
          Object.assign(new Error('connect ENOENT /var/run/docker.sock'), {
            code: 'ENOENT',
            syscall: 'connect',
          }),
        );
      };
    }
    return r as Runtime;
  }
}
