// `mkube reset`, as `kind delete cluster`: stop the agent, remove every container, network and
// volume labelled with this state directory, its data plane (iptables chains and jumps, the local
// route of its service range), then the directory. Idempotent: whatever is already
// gone is not an error, so it also cleans up after a half-deleted directory or a dead agent.
import { existsSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import { agentPidsOf, stopProcess } from '../agent/process.js';
import { UserError } from '../api/errors.js';
import type { Removed } from '../runtime/cleanup.js';
import type { Ctx } from './context.js';

const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** `Removed 2 containers, 1 network, 1 volume`, naming only what there was; '' for nothing. */
export function removedLine(r: Removed): string {
  const parts = [
    r.containers && counted(r.containers, 'container'),
    r.networks && counted(r.networks, 'network'),
    r.volumes && counted(r.volumes, 'volume'),
  ].filter(Boolean);
  return parts.length ? `Removed ${parts.join(', ')}` : '';
}

export function register(program: Command, ctx: Ctx): void {
  program
    .command('reset')
    .description('Stop the agent; remove its containers, network, volumes and the state directory')
    .action(async () => {
      // Never ctx.store(): opening the store would create the directory we are deleting.
      const home = ctx.home;
      const say = (line: string) => line && ctx.out.write(`${line}\n`);
      let didSomething = false;

      // The agent first, or it would recreate what we remove.
      for (const pid of agentPidsOf(home)) {
        await stopProcess(pid);
        say(`Stopped the agent (pid ${pid})`);
        didSomething = true;
      }

      const [{ dockerClient }, { removeHomeObjects }] = await Promise.all([
        import('../runtime/client.js'),
        import('../runtime/cleanup.js'),
      ]);
      let removed: Removed;
      try {
        removed = await removeHomeObjects(dockerClient(), home);
      } catch (err) {
        // Keep the directory: a second `mkube reset` once Docker answers finishes the job.
        throw new UserError(
          `could not remove the Docker objects of ${home}: ${(err as Error).message}; the state directory was kept, run mkube reset again once Docker answers`,
        );
      }
      const line = removedLine(removed);
      say(line);
      didSomething ||= line !== '';

      if (await removeDataPlane(home)) {
        say('Removed the data plane rules of this home');
        didSomething = true;
      }

      // Secret volumes live on tmpfs outside the home (config-volumes.ts).
      const { memoryVolumesRoot } = await import('../kubelet/config-volumes.js');
      rmSync(memoryVolumesRoot(home), { recursive: true, force: true });
      if (existsSync(home)) {
        try {
          rmSync(home, { recursive: true, force: true });
        } catch (err) {
          throw new UserError(`could not delete ${home}: ${(err as Error).message}`);
        }
        (await import('../registry/service-range-claims.js')).releaseServiceRange(home);
        say(`Deleted ${home}`);
        didSomething = true;
      }
      if (!didSomething)
        say(`Nothing to reset: ${home} does not exist and nothing in Docker is labelled with it`);
    });
}

/** Removes this home's iptables chains, jumps and local route; true when there was any. */
async function removeDataPlane(home: string): Promise<boolean> {
  const [proxy, { serviceRangeOf }, { recordedServiceRange }] = await Promise.all([
    import('../network/proxy/index.js'),
    import('../registry/service-network.js'),
    import('../registry/service-range-claims.js'),
  ]);
  // Where the kernel cannot be programmed, no agent of this machine programmed it either.
  if (await proxy.proxyUnsupportedReason()) return false;
  // The range from the home's config, else from the machine's claims (a directory deleted by hand).
  const serviceCIDR = (existsSync(home) ? serviceRangeOf(home) : undefined) ?? recordedServiceRange(home);
  const r = await proxy.cleanup({ id: proxy.proxyIdentity(home), serviceCIDR });
  if (!r.ok) {
    // Keep the directory: it holds the range, and a second reset retries.
    throw new UserError(
      `could not remove the data plane rules of ${home}: ${r.reason}; the state directory was kept, run mkube reset again`,
    );
  }
  return r.chainsRemoved > 0 || r.jumpsRemoved > 0 || r.routeRemoved;
}
