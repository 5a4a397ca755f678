// Image pull decisions, pure: (policy, present locally?, pull result) -> what to do. Kubernetes'
// policies plus one laptop rule: a failed pull of an image that exists locally uses the local one
// (with a warning), so `docker build -t app .` then `image: app` just runs.
import type { EnsureImageResult, ImagePullPolicy } from './types.js';

export type PullPlan =
  | { action: 'use-local' }
  | { action: 'pull' }
  | Extract<EnsureImageResult, { ok: false }>;

/** Before any pull: does the policy want one? */
export function planPull(image: string, policy: ImagePullPolicy, present: boolean): PullPlan {
  if (!isValidReference(image)) {
    return {
      ok: false,
      reason: 'InvalidImageName',
      message: `Failed to apply default image tag "${image}": couldn't parse image reference "${image}": invalid reference format`,
    };
  }
  if (policy === 'Never') {
    return present
      ? { action: 'use-local' }
      : {
          ok: false,
          reason: 'ErrImageNeverPull',
          message: `Container image "${image}" is not present with pull policy of Never`,
        };
  }
  if (policy === 'IfNotPresent' && present) return { action: 'use-local' };
  return { action: 'pull' };
}

export type PullOutcome =
  | { action: 'use-local'; warning?: string }
  | Extract<EnsureImageResult, { ok: false }>;

/** After a pull: `error` is undefined when it worked; `present` is whether the image is there now. */
export function afterPull(image: string, error: string | undefined, present: boolean): PullOutcome {
  if (error === undefined && present) return { action: 'use-local' };
  const why = error ?? 'the image is not present after the pull';
  if (present) {
    return {
      action: 'use-local',
      warning: `Failed to pull image "${image}": ${why}; using the image present locally`,
    };
  }
  return { ok: false, reason: 'ErrImagePull', message: `Failed to pull image "${image}": ${why}` };
}

// Docker's reference grammar, simplified: [domain[:port]/]path[:tag][@digest], path lower-case.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN =
  '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?)';
const REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

export function isValidReference(image: string): boolean {
  return image.length > 0 && image.length <= 255 && REFERENCE.test(image);
}

/** `busybox` -> `busybox:latest` (Docker would otherwise pull every tag); tags and digests kept. */
export function withDefaultTag(image: string): string {
  if (image.includes('@')) return image;
  const lastSlash = image.lastIndexOf('/');
  return image.slice(lastSlash + 1).includes(':') ? image : `${image}:latest`;
}
