// `-k DIR` for every verb that takes `-f`: the kustomize build of DIR as the documents `-f` would
// have read (kubectl's KustomizeVisitor names DIR as their source), and kubectl's checks on
// combining -k with -f and -R (cli-runtime FilenameOptions.validate).
import { UserError } from '../api/errors.js';
import type { ManifestDoc } from '../api/manifest.js';

export function checkFilenameOptions(
  filenames: string[] | undefined,
  kustomize: string | undefined,
  recursive?: boolean,
): void {
  if (!kustomize) return;
  if (filenames?.length) throw new UserError('only one of -f or -k can be specified');
  if (recursive) throw new UserError("the -k flag can't be used with -f or -R");
}

/** The build of `dir` as manifest documents; deprecation warnings go to `warn`. */
export async function kustomizeDocs(dir: string, warn: (line: string) => void): Promise<ManifestDoc[]> {
  const { kustomizeBuild } = await import('../kustomize/index.js');
  const built = kustomizeBuild(dir);
  for (const w of built.warnings) warn(`${w}\n`);
  return built.objects.map((object) => ({ source: dir, object, line: 1, lineOf: () => undefined }));
}
