// ensureImage: look locally, pull when the policy says so, decide with pull-policy.ts.
import type Docker from 'dockerode';
import { dockerMessage, isEngineUnreachable, isNotFound } from './client.js';
import { afterPull, planPull, withDefaultTag } from './pull-policy.js';
import type { EnsureImageResult, ImagePullPolicy } from './types.js';

/** A pull with no progress for this long is given up (a registry that does not answer). */
const PULL_STALL_MS = 60_000;

async function localImageId(docker: Docker, image: string): Promise<string | undefined> {
  try {
    return (await docker.getImage(image).inspect()).Id;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function ensureImage(
  docker: Docker,
  image: string,
  policy: ImagePullPolicy,
  onProgress?: (line: string) => void,
  onPullStart?: () => void,
): Promise<EnsureImageResult> {
  const before = await localImageId(docker, image).catch(unlessUnreachable);
  const plan = planPull(image, policy, before !== undefined);
  if ('ok' in plan) return plan;
  if (plan.action === 'use-local') return { ok: true, imageId: before!, pulled: false };
  onPullStart?.();
  const error = await pull(docker, withDefaultTag(image), onProgress);
  const after = await localImageId(docker, image).catch(unlessUnreachable);
  const outcome = afterPull(image, error, after !== undefined);
  if ('ok' in outcome) return outcome;
  return outcome.warning
    ? { ok: true, imageId: after!, pulled: false, warning: outcome.warning }
    : { ok: true, imageId: after!, pulled: true };
}

interface Progress {
  id?: string;
  status?: string;
  progress?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/** An engine that does not answer is no pull failure (no ErrImagePull, no back-off): rethrow. */
function unlessUnreachable(err: unknown): undefined {
  if (isEngineUnreachable(err)) throw err;
  return undefined;
}

/** Pulls `ref`; resolves with the error message, or undefined when it worked. */
async function pull(
  docker: Docker,
  ref: string,
  onProgress?: (line: string) => void,
): Promise<string | undefined> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.pull(ref);
  } catch (err) {
    if (isEngineUnreachable(err)) throw err;
    return dockerMessage(err);
  }
  return new Promise((resolve) => {
    let failure: string | undefined;
    let stall: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(stall);
      stall = setTimeout(() => {
        failure = `no progress for ${PULL_STALL_MS / 1000}s`;
        (stream as unknown as { destroy(): void }).destroy();
        resolve(failure);
      }, PULL_STALL_MS);
      stall.unref();
    };
    arm();
    docker.modem.followProgress(
      stream,
      (err: Error | null) => {
        clearTimeout(stall);
        resolve(failure ?? (err ? dockerMessage(err) : undefined));
      },
      (event: Progress) => {
        arm();
        if (event.error) failure = event.errorDetail?.message ?? event.error;
        else if (onProgress) onProgress([event.id, event.status, event.progress].filter(Boolean).join(' '));
      },
    );
  });
}
