import type { Command } from 'commander';
/** The Kubernetes version mkube imitates; printed as the server version. */
import { KUBE_VERSION, MKUBE_VERSION } from '../api/version.js';
import type { Ctx } from './context.js';

export { KUBE_VERSION, MKUBE_VERSION };

export function register(program: Command, ctx: Ctx): void {
  program
    .command('version')
    .description('Print the client and server version information')
    .option('-o, --output <format>', 'One of yaml or json')
    .option('--client', 'If true, shows client version only (no server required)')
    .action((opts: { output?: string; client?: boolean }) => {
      const info = {
        clientVersion: {
          major: '1',
          minor: '32',
          gitVersion: `${KUBE_VERSION}+mkube.${MKUBE_VERSION}`,
          platform: `${process.platform}/${process.arch}`,
        },
        ...(opts.client
          ? {}
          : {
              serverVersion: {
                major: '1',
                minor: '32',
                gitVersion: `${KUBE_VERSION}+mkube.${MKUBE_VERSION}`,
                platform: `${process.platform}/${process.arch}`,
              },
            }),
      };
      if (opts.output === 'json') {
        ctx.out.write(`${JSON.stringify(info, null, 2)}\n`);
        return;
      }
      ctx.out.write(`Client Version: ${info.clientVersion.gitVersion}\n`);
      if (info.serverVersion) ctx.out.write(`Server Version: ${info.serverVersion.gitVersion}\n`);
    });
}
