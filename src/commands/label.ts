// `mkube label`: add, change (--overwrite) or remove (`key-`) labels (kubectl cmd/label).
import type { Command } from 'commander';
import type { Ctx } from './context.js';
import { LABEL, type MetadataOpts, metadataFlags, runMetadataVerb } from './workload/metadata-verb.js';

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('label')
    .description('Update the labels on a resource')
    .usage(
      '[--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
    );
  metadataFlags(cmd, 'label');
  cmd.action((args: string[], o: MetadataOpts) => runMetadataVerb(ctx, LABEL, cmd, args, o));
}
