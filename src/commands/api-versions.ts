// `mkube api-versions`: the group/versions of the kinds mkube serves, sorted, as kubectl prints
// a server's discovery.
import type { Command } from 'commander';
import { UserError } from '../api/errors.js';
import { apiVersionOf, KINDS } from '../api/kinds.js';
import { METRICS_KINDS } from '../api/metrics.js';
import type { Ctx } from './context.js';

/** Every group/version, once, in Go's string order (`v1` after the named groups). */
export function apiVersions(apiVersions: readonly string[]): string[] {
  return [...new Set(apiVersions)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function register(program: Command, ctx: Ctx): void {
  program
    .command('api-versions')
    .description('Print the supported API versions on the server, in the form of "group/version"')
    .argument('[args...]')
    .action((args: string[]) => {
      if (args.length > 0) {
        throw new UserError(
          `unexpected arguments: [${args.join(' ')}]\nSee 'mkube api-versions -h' for help and examples`,
        );
      }
      ctx.out.write(
        // The resource metrics API is discovered like any other group, as api-resources lists it.
        apiVersions([...KINDS, ...METRICS_KINDS].map(apiVersionOf))
          .map((v) => `${v}\n`)
          .join(''),
      );
    });
}
