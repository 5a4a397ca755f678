// Writing a StatefulSet's ControllerRevisions: find or create the update revision (bumping the
// collision count on a name clash), find the current one, and trim old history.
import { lookupKind } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import { isAlreadyExists, isNotFound } from '../common/errors.js';
import type { ControllerContext } from '../controller.js';
import { podRevision } from './identity.js';
import { chooseUpdateRevision, equalRevision, newRevision, nextRevision } from './revision.js';

export const CONTROLLERREVISION = lookupKind('controllerrevisions')!;

export interface Revisions {
  current: KObject;
  update: KObject;
  collisionCount: number;
}

/** `CreateControllerRevision`: on a clash with a different revision, count the collision and rehash. */
async function createRevision(ctx: ControllerContext, set: KObject, number: number, count: number) {
  for (let collisions = count; ; collisions++) {
    const rev = newRevision(set, number, collisions);
    try {
      return { revision: await ctx.registry.create(rev), collisionCount: collisions };
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      const existing = ctx.registry.get(CONTROLLERREVISION, rev.metadata.namespace, rev.metadata.name!);
      if (existing && equalRevision(existing, rev)) return { revision: existing, collisionCount: collisions };
    }
  }
}

/** `getStatefulSetRevisions`: `sorted` are the set's revisions, oldest first. */
export async function syncRevisions(
  ctx: ControllerContext,
  set: KObject,
  sorted: KObject[],
): Promise<Revisions> {
  let collisionCount: number = set.status?.collisionCount ?? 0;
  const choice = chooseUpdateRevision(set, sorted, collisionCount);
  let update: KObject;
  if (choice.kind === 'existing') {
    update = choice.revision;
  } else if (choice.kind === 'renumber') {
    // Rolling back to an older template: that revision becomes the newest.
    const r = choice.revision;
    update =
      (await ctx.registry.mutate(CONTROLLERREVISION, r.metadata.namespace, r.metadata.name!, (cur) =>
        cur.revision === choice.to ? undefined : { ...cur, revision: choice.to },
      )) ?? r;
  } else {
    ({ revision: update, collisionCount } = await createRevision(
      ctx,
      set,
      nextRevision(sorted),
      collisionCount,
    ));
  }
  const current = sorted.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount };
}

/** `truncateHistory`: delete the oldest revisions no pod uses, beyond revisionHistoryLimit. */
export function historyToDelete(
  set: KObject,
  pods: KObject[],
  sorted: KObject[],
  live: { current: string; update: string },
): KObject[] {
  const inUse = new Set([live.current, live.update, ...pods.map((p) => podRevision(p))]);
  const history = sorted.filter((r) => !inUse.has(r.metadata.name));
  const limit: number = set.spec?.revisionHistoryLimit ?? 10;
  return history.length <= limit ? [] : history.slice(0, history.length - limit);
}

export async function truncateHistory(ctx: ControllerContext, doomed: KObject[]): Promise<void> {
  for (const r of doomed) {
    await ctx.registry
      .delete(CONTROLLERREVISION, r.metadata.namespace, r.metadata.name!, { uid: r.metadata.uid })
      .catch((e) => {
        if (!isNotFound(e)) throw e;
      });
  }
}
