import type { Command } from 'commander';
import { UserError } from '../api/errors.js';
/** The Kubernetes version mkube imitates; printed as the server version. */
import { goPlatform, KUBE_VERSION, MKUBE_VERSION, versionInfo } from '../api/version.js';
import type { Ctx } from './context.js';

export { goPlatform, KUBE_VERSION, MKUBE_VERSION };

/** The kustomize whose build `apply -k` and `kustomize` reproduce (kubectl v1.32 embeds v5.5.0). */
export const KUSTOMIZE_VERSION = 'v5.5.0';

export function register(program: Command, ctx: Ctx): void {
  program
    .command('version')
    .description('Print the client and server version information')
    .option('-o, --output <format>', "One of 'yaml' or 'json'.")
    .option('--client', 'If true, shows client version only (no server required).')
    .action(async (opts: { output?: string; client?: boolean }) => {
      if (opts.output !== undefined && opts.output !== 'json' && opts.output !== 'yaml') {
        throw new UserError(`--output must be 'yaml' or 'json'`);
      }
      const version = versionInfo();
      // Struct order of kubectl's version.Version: client, kustomize, server.
      const info = {
        clientVersion: version,
        kustomizeVersion: KUSTOMIZE_VERSION,
        ...(opts.client ? {} : { serverVersion: version }),
      };
      if (opts.output === 'json') {
        ctx.out.write(`${JSON.stringify(info, null, 2)}\n`);
        return;
      }
      if (opts.output === 'yaml') {
        const { toYaml } = await import('../printers/yaml.js');
        ctx.out.write(toYaml(info));
        return;
      }
      ctx.out.write(`Client Version: ${version.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
      if (info.serverVersion) ctx.out.write(`Server Version: ${version.gitVersion}\n`);
    });
}
