// ensureImage: look locally, pull when the policy says so, decide with pull-policy.ts.
import type Docker from 'dockerode';
import { dockerMessage, isEngineUnreachable, isNotFound } from './client.js';
import { afterPull, planPull, withDefaultTag } from './pull-policy.js';
import type { EnsureImageResult, ImagePullPolicy } from './types.js';

/** A pull with no progress for this long is given up (a registry that does not answer). */
const PULL_STALL_MS = 60_000;

/**
 * The local image's id, undefined when absent. Lookups of one image made while another is under
 * way share its answer, and a found image is taken as present for FOUND_FRESH_MS: 20 replicas
 * starting asked the engine the same question 20 times, up to a second each under load. (An image
 * removed in that window fails the create, which is retried as any CreateContainerError.)
 */
const FOUND_FRESH_MS = 1000;
const lookups = new WeakMap<Docker, Map<string, { at: number; id: Promise<string | undefined> }>>();

function localImageId(docker: Docker, image: string): Promise<string | undefined> {
  let byImage = lookups.get(docker);
  if (!byImage) {
    byImage = new Map();
    lookups.set(docker, byImage);
  }
  const hit = byImage.get(image);
  if (hit && (hit.at === 0 || Date.now() - hit.at < FOUND_FRESH_MS)) return hit.id;
  const entry = { at: 0, id: inspectImageId(docker, image) };
  byImage.set(image, entry);
  entry.id.then(
    (id) => {
      if (id !== undefined) entry.at = Date.now();
      else if (byImage.get(image) === entry) byImage.delete(image);
    },
    () => {
      if (byImage.get(image) === entry) byImage.delete(image);
    },
  );
  return entry.id;
}

async function inspectImageId(docker: Docker, image: string): Promise<string | undefined> {
  try {
    return (await docker.getImage(image).inspect()).Id;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** After a pull the image is looked up afresh. */
function forgetImage(docker: Docker, image: string): void {
  lookups.get(docker)?.delete(image);
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
  forgetImage(docker, image);
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
