// `mkube annotate`: add, change (--overwrite) or remove (`key-`) annotations (kubectl cmd/annotate).
import type { Command } from 'commander';
import type { Ctx } from './context.js';
import { ANNOTATE, type MetadataOpts, metadataFlags, runMetadataVerb } from './workload/metadata-verb.js';

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('annotate')
    .description('Update the annotations on a resource')
    .usage(
      '[--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
    );
  metadataFlags(cmd, 'annotation');
  cmd.action((args: string[], o: MetadataOpts) => runMetadataVerb(ctx, ANNOTATE, cmd, args, o));
}
