// `mkube kustomize [DIR]`: kustomize's build of a directory, printed as `kubectl kustomize` prints
// it (deprecation warnings on stderr). Needs no agent.
import type { Command } from 'commander';
import type { Ctx } from './context.js';

export function register(program: Command, ctx: Ctx): void {
  program
    .command('kustomize')
    .description("Build a set of KRM resources using a 'kustomization.yaml' file")
    .usage('DIR [flags] [options]')
    .argument('[dir]', 'The directory holding kustomization.yaml', '.')
    .option(
      '--load-restrictor <mode>',
      "if set to 'LoadRestrictionsNone', local kustomizations may load files from outside their root. This does, however, break the relocatability of the kustomization.",
      'LoadRestrictionsRootOnly',
    )
    .action(async (dir: string, flags: { loadRestrictor?: string }) => {
      const { kustomizeBuild, renderKustomize } = await import('../kustomize/index.js');
      const built = kustomizeBuild(dir, { loadRestrictor: flags.loadRestrictor });
      for (const w of built.warnings) ctx.err.write(`${w}\n`);
      ctx.out.write(renderKustomize(built.objects));
    });
}
