// `mkube kubeconfig`: the kubeconfig that reaches the agent's Kubernetes API endpoint, for the
// real kubectl and client libraries. Prints mkube's own ($MKUBE_HOME/kubeconfig, with its key
// and certificate data); --merge writes the `mkube` cluster, user and context into ~/.kube/config
// (or $KUBECONFIG's first file) and touches no other entry; --set-current also switches to it.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../api/errors.js';
import {
  emptyKubeconfig,
  type Kubeconfig,
  kubeconfigPath,
  MKUBE_CONTEXT,
  readKubeconfig,
  writeKubeconfig,
} from '../state/kubeconfig.js';
import type { EndpointCredentials } from '../state/kubeconfig-mkube.js';
import type { Ctx } from './context.js';
import { boolFlags } from './flags.js';

/** The file kubectl writes new entries to: $KUBECONFIG's first file, else ~/.kube/config. */
export function userKubeconfigPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const first = (env.KUBECONFIG ?? '').split(delimiter).find((p) => p !== '');
  return first ?? join(home, '.kube', 'config');
}

/** What --merge says, as kubectl's config verbs word it. */
export function mergeMessage(before: Kubeconfig, path: string, setCurrent: boolean): string {
  const existed = (before.contexts ?? []).some((c) => c.name === MKUBE_CONTEXT);
  return (
    `Context "${MKUBE_CONTEXT}" ${existed ? 'modified' : 'created'} in ${path}.\n` +
    (setCurrent ? `Switched to context "${MKUBE_CONTEXT}".\n` : '')
  );
}

/** The endpoint's URL, starting the agent when it does not run and waiting until it serves. */
async function endpointUrl(home: string): Promise<string> {
  const [{ runningAgentPid }, { ensureAgentRunning }, { readListeners }, { agentPaths }] = await Promise.all([
    import('../agent/process.js'),
    import('../agent/client.js'),
    import('../agent/listeners.js'),
    import('../agent/paths.js'),
  ]);
  let pid = runningAgentPid(home);
  if (!pid && process.env.MKUBE_NO_AUTOSTART === '1')
    throw new UserError(
      `the mkube agent is not running (state directory ${home}); 'mkube agent start' starts it`,
    );
  pid ??= await ensureAgentRunning(home, true);
  if (!pid) throw new UserError(`the agent did not start; see ${agentPaths(home).log}`);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const listeners = readListeners(home, pid);
    if (listeners?.apiServer) return listeners.apiServer;
    if (listeners?.apiServerError || Date.now() > deadline)
      throw new UserError(
        `the mkube API server is not serving${listeners?.apiServerError ? `: ${listeners.apiServerError}` : ''}; see 'mkube agent logs'`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function credentials(home: string, server: string): Promise<EndpointCredentials> {
  const { pkiPaths } = await import('../apiserver/pki.js');
  const paths = pkiPaths(home);
  return {
    server,
    caCert: readFileSync(paths.caCert, 'utf8'),
    clientCert: readFileSync(paths.clientCert, 'utf8'),
    clientKey: readFileSync(paths.clientKey, 'utf8'),
  };
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('kubeconfig')
    .description("Print or merge the kubeconfig of mkube's Kubernetes API endpoint")
    .usage('[--merge [--set-current]]')
    .argument('[args...]');
  boolFlags(cmd, [
    [
      '--merge',
      'Write the mkube cluster, user and context into ~/.kube/config (or $KUBECONFIG) instead of printing.',
    ],
    ['--set-current', 'With --merge, also make mkube the current context.'],
  ]);
  cmd.action(async (args: string[], f: { merge?: boolean; setCurrent?: boolean }) => {
    if (args.length > 0) {
      throw new UserError(
        `unexpected arguments: [${args.join(' ')}]\nSee 'mkube kubeconfig -h' for help and examples`,
      );
    }
    if (f.setCurrent && !f.merge) throw new UserError('--set-current can only be used with --merge');
    const creds = await credentials(ctx.home, await endpointUrl(ctx.home));
    if (!f.merge) {
      // The agent wrote it at start; a `config` verb racing that write may have undone it.
      const { writeEndpointKubeconfig } = await import('../apiserver/kubeconfig-writer.js');
      await writeEndpointKubeconfig(ctx.home, creds);
      ctx.out.write(readFileSync(kubeconfigPath(ctx.home), 'utf8'));
      return;
    }
    const [{ withMkubeEntries }, { toYaml }] = await Promise.all([
      import('../state/kubeconfig-mkube.js'),
      import('../printers/yaml.js'),
    ]);
    const path = userKubeconfigPath();
    const before = (await readKubeconfig(path)) ?? emptyKubeconfig();
    const after = withMkubeEntries(before, creds, { setCurrent: !!f.setCurrent });
    writeKubeconfig(path, toYaml(after));
    ctx.out.write(mergeMessage(before, path, !!f.setCurrent));
  });
}
