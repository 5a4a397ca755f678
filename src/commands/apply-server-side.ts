// `mkube apply --server-side`: the registry's server-side apply (the API server's PATCH with
// application/apply-patch+yaml) for each manifest, printed `serverside-applied`; a conflict is
// kubectl's error with its advice (apply.go).

import type { ResolvedDoc } from '../api/admission.js';
import { UserError } from '../api/errors.js';
import { ApplyConflictError } from '../api/ssa/index.js';
import { type DocRun, type WriteResult, writeOptions } from './manifest-write.js';

const CONFLICT_ADVICE = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

export async function serverSideApplyDoc(run: DocRun, r: ResolvedDoc, force: boolean): Promise<WriteResult> {
  const { info, obj } = r;
  const opts = writeOptions(run);
  try {
    const applied = await run.registry.apply(info, obj.metadata.namespace, obj.metadata.name!, obj, {
      ...opts,
      fieldManager: run.fieldManager ?? 'kubectl',
      force,
      dryRun: run.dryRun !== 'none',
    });
    return { info, obj: applied, operation: 'serverside-applied', wrote: run.dryRun === 'none' };
  } catch (err) {
    if (err instanceof ApplyConflictError) throw new UserError(`${err.message}\n${CONFLICT_ADVICE}`);
    throw err;
  }
}
