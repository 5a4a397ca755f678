// `api-resources`: the kinds mkube knows, as kubectl lists a server's resources.
import type { Command } from 'commander';
import { UserError } from '../api/errors.js';
import { KINDS } from '../api/kinds.js';
import { METRICS_KINDS } from '../api/metrics.js';
import { type ApiResourcesOptions, formatApiResources } from '../printers/api-resources.js';
import type { Ctx } from './context.js';
import { boolFlags, commaList } from './flags.js';

interface Flags {
  output?: string;
  apiGroup?: string;
  namespaced?: boolean;
  sortBy?: string;
  verbs?: string[];
  headers?: boolean;
  cached?: boolean;
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('api-resources')
    .description('Print the supported API resources on the server')
    .argument('[args...]')
    .option('-o, --output <format>', 'Output format. One of: (wide, name).')
    .option('--api-group <group>', 'Limit to resources in the specified API group.')
    .option(
      '--sort-by <field>',
      "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.",
    )
    .option('--verbs <verbs>', 'Limit to resources that support the specified verbs.', commaList)
    .option(
      '--categories <categories>',
      'Limit to resources that belong to the specified categories.',
      commaList,
    )
    .option(
      '--no-headers',
      "When using the default or custom-column output format, don't print headers (default print headers).",
    );
  boolFlags(cmd, [
    [
      '--namespaced',
      'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.',
    ],
    ['--cached', 'Use the cached list of resources if available.'],
  ]);
  cmd.action((args: string[], f: Flags) => {
    if (args.length > 0) {
      throw new UserError(
        `unexpected arguments: [${args.join(' ')}]\nSee 'mkube api-resources -h' for help and examples`,
      );
    }
    if (!['', 'wide', 'name'].includes(f.output ?? ''))
      throw new UserError(`--output ${f.output} is not available`);
    if (f.sortBy && !['name', 'kind'].includes(f.sortBy))
      throw new UserError('--sort-by accepts only name or kind');
    const opts: ApiResourcesOptions = {
      output: (f.output ?? '') as ApiResourcesOptions['output'],
      noHeaders: f.headers === false,
      apiGroup: f.apiGroup,
      namespaced: f.namespaced,
      sortBy: (f.sortBy ?? '') as ApiResourcesOptions['sortBy'],
      verbs: f.verbs,
    };
    // The resource metrics API the agent serves is discovered like any other group.
    ctx.out.write(formatApiResources([...KINDS, ...METRICS_KINDS], opts));
  });
}
