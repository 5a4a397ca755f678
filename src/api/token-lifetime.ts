// The shortest lifetime a bound service-account token may ask for: Kubernetes' 10 minutes, unless
// MKUBE_MIN_TOKEN_SECONDS lowers it — for tests and demos of token rotation, which would
// otherwise take 8 minutes to see (the kubelet replaces a token at 80 % of its lifetime).
export const KUBERNETES_MIN_TOKEN_SECONDS = 600;

export function minTokenSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.MKUBE_MIN_TOKEN_SECONDS);
  return Number.isInteger(n) && n > 0 ? n : KUBERNETES_MIN_TOKEN_SECONDS;
}
