// The kubelet's token manager: the bound tokens of serviceAccountToken projections, kept per pod,
// audience and lifetime, and replaced once 80 % of a token's lifetime has passed, as the kubelet's
// token manager does; the kubelet syncs the pod again when its next token is due, so the volume
// gets the new one then rather than at the next full resync.
import type { Pod, ServiceAccountTokenProjection } from 'kubernetes-types/core/v1.js';

export interface IssuedToken {
  token: string;
  /** Seconds since the epoch. */
  iat: number;
  exp: number;
}

/** Issue a token for the pod's ServiceAccount bound to the pod (throws the API's error). */
export type IssueToken = (pod: Pod, audience: string | undefined, seconds: number) => IssuedToken;

/** The projection's lifetime when it names none (SetDefaults_ServiceAccountTokenProjection). */
export const DEFAULT_PROJECTION_SECONDS = 3600;

/** Whether a token issued at `iat` for until `exp` should be replaced at `nowSeconds`. Pure. */
export function needsRefresh(t: Pick<IssuedToken, 'iat' | 'exp'>, nowSeconds: number): boolean {
  return nowSeconds * 1000 >= refreshAtMs(t);
}

/** When a token should be replaced, in ms since the epoch. Pure. */
const refreshAtMs = (t: Pick<IssuedToken, 'iat' | 'exp'>) => (t.iat + 0.8 * (t.exp - t.iat)) * 1000;

export class TokenManager {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly issue: IssueToken,
    private readonly now: () => number = Date.now,
  ) {}

  token(pod: Pod, projection: ServiceAccountTokenProjection): string {
    const seconds = projection.expirationSeconds ?? DEFAULT_PROJECTION_SECONDS;
    const key = `${pod.metadata?.uid}/${projection.audience ?? ''}/${seconds}`;
    const nowSeconds = Math.floor(this.now() / 1000);
    const cached = this.tokens.get(key);
    if (cached && !needsRefresh(cached, this.now() / 1000)) return cached.token;
    const issued = this.issue(pod, projection.audience || undefined, seconds);
    this.tokens.set(key, issued);
    // Tokens of pods long gone: dropped once expired.
    for (const [k, t] of this.tokens) if (t.exp <= nowSeconds) this.tokens.delete(k);
    return issued.token;
  }

  /** In how many ms the pod's next token is due for replacement; undefined when none is ahead. */
  refreshInMs(podUid: string): number | undefined {
    const now = this.now();
    let soonest: number | undefined;
    for (const [key, t] of this.tokens) {
      if (!key.startsWith(`${podUid}/`)) continue;
      const due = refreshAtMs(t) - now;
      // A token already due is replaced by whatever writes the volume next: no busy loop for it.
      if (due > 0 && (soonest === undefined || due < soonest)) soonest = due;
    }
    return soonest === undefined ? undefined : Math.ceil(soonest);
  }
}
