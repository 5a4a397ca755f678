// What the kubelet's configMap, secret, downwardAPI and projected volume plugins put in a volume
// (their MakePayload / CollectData): a path -> bytes + mode map, or the error a FailedMount event
// carries. Pure: the ConfigMaps and Secrets come from the caller's lookups.
import type {
  ConfigMapProjection,
  DownwardAPIVolumeFile,
  KeyToPath,
  Pod,
  SecretProjection,
  ServiceAccountTokenProjection,
  Volume,
} from 'kubernetes-types/core/v1.js';
import { fieldValue, resourceValue } from './env.js';

/** The raw objects as stored (Secret data is base64, ConfigMap binaryData too). */
export interface PayloadSources {
  configMap(
    namespace: string,
    name: string,
  ): { data?: Record<string, string>; binaryData?: Record<string, string> } | undefined;
  secret(namespace: string, name: string): { data?: Record<string, string> } | undefined;
  /** A bound token for a serviceAccountToken projection (throws the API's error). */
  serviceAccountToken?(pod: Pod, projection: ServiceAccountTokenProjection): string;
}

export interface FileProjection {
  data: Buffer;
  mode: number;
}

export type Payload = Map<string, FileProjection>;

export type PayloadResult = { ok: true; payload: Payload } | { ok: false; message: string };

/** configMap, secret, downwardAPI and projected volumes: those written as files by the kubelet. */
export const isProjectedKind = (v: Volume): boolean =>
  Boolean(v.configMap || v.secret || v.downwardAPI || v.projected);

/** Secret and projected volumes live on tmpfs (the kubelet wraps them in a Memory emptyDir). */
export const onTmpfs = (v: Volume): boolean => Boolean(v.secret || v.projected);

/** Volumes whose content follows the pod's own metadata (downward API labels and annotations). */
export const followsPodMetadata = (v: Volume): boolean =>
  Boolean(v.downwardAPI || v.projected?.sources?.some((s) => s.downwardAPI));

/** The ConfigMaps and Secrets a volume reads, as `configmap/NAME` / `secret/NAME`. */
export function volumeReferences(v: Volume): string[] {
  const refs: string[] = [];
  if (v.configMap?.name) refs.push(`configmap/${v.configMap.name}`);
  if (v.secret?.secretName) refs.push(`secret/${v.secret.secretName}`);
  for (const s of v.projected?.sources ?? []) {
    if (s.configMap?.name) refs.push(`configmap/${s.configMap.name}`);
    if (s.secret?.name) refs.push(`secret/${s.secret.name}`);
  }
  return refs;
}

const DEFAULT_MODE = 0o644;

export interface PayloadContext {
  podIP?: string;
  hostIP: string;
}

export function volumePayload(pod: Pod, v: Volume, src: PayloadSources, ctx: PayloadContext): PayloadResult {
  const ns = pod.metadata?.namespace ?? 'default';
  const out: Payload = new Map();
  try {
    if (v.configMap) {
      configMapFiles(out, ns, v.configMap, v.configMap.defaultMode ?? DEFAULT_MODE, src);
    } else if (v.secret) {
      const ref = { name: v.secret.secretName, items: v.secret.items, optional: v.secret.optional };
      secretFiles(out, ns, ref, v.secret.defaultMode ?? DEFAULT_MODE, src);
    } else if (v.downwardAPI) {
      downwardFiles(out, pod, v.downwardAPI.items ?? [], v.downwardAPI.defaultMode ?? DEFAULT_MODE, ctx);
    } else if (v.projected) {
      const mode = v.projected.defaultMode ?? DEFAULT_MODE;
      for (const s of v.projected.sources ?? []) {
        if (s.configMap) configMapFiles(out, ns, s.configMap, mode, src);
        else if (s.secret) secretFiles(out, ns, s.secret, mode, src);
        else if (s.downwardAPI) downwardFiles(out, pod, s.downwardAPI.items ?? [], mode, ctx);
        else if (s.serviceAccountToken) {
          if (!src.serviceAccountToken) throw new Error(SERVICE_ACCOUNT_TOKEN_UNSUPPORTED);
          const token = src.serviceAccountToken(pod, s.serviceAccountToken);
          out.set(s.serviceAccountToken.path, { data: Buffer.from(token, 'utf8'), mode });
        } else if (s.clusterTrustBundle)
          throw new Error('clusterTrustBundle projections are not supported by mkube');
      }
    } else {
      return { ok: false, message: `volume "${v.name}" is not a projected kind` };
    }
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
  return { ok: true, payload: out };
}

export const SERVICE_ACCOUNT_TOKEN_UNSUPPORTED =
  'serviceAccountToken projections need the agent (it signs the tokens)';

function keyFiles(
  out: Payload,
  all: Map<string, Buffer>,
  items: KeyToPath[] | undefined,
  mode: number,
  optional: boolean,
  missingKey: string,
): void {
  if (!items?.length) {
    for (const [k, data] of all) out.set(k, { data, mode });
    return;
  }
  for (const item of items) {
    const data = all.get(item.key);
    if (!data) {
      if (optional) continue;
      throw new Error(`${missingKey}: ${item.key}`);
    }
    out.set(item.path, { data, mode: item.mode ?? mode });
  }
}

function configMapFiles(
  out: Payload,
  ns: string,
  ref: ConfigMapProjection,
  mode: number,
  src: PayloadSources,
) {
  const cm = src.configMap(ns, ref.name ?? '');
  if (!cm) {
    if (ref.optional) return;
    throw new Error(`configmap "${ref.name}" not found`);
  }
  const all = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(cm.data ?? {})) all.set(k, Buffer.from(v, 'utf8'));
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) all.set(k, Buffer.from(v, 'base64'));
  keyFiles(out, all, ref.items, mode, ref.optional ?? false, 'configmap references non-existent config key');
}

function secretFiles(out: Payload, ns: string, ref: SecretProjection, mode: number, src: PayloadSources) {
  const secret = src.secret(ns, ref.name ?? '');
  if (!secret) {
    if (ref.optional) return;
    throw new Error(`secret "${ref.name}" not found`);
  }
  const all = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(secret.data ?? {})) all.set(k, Buffer.from(v, 'base64'));
  keyFiles(out, all, ref.items, mode, ref.optional ?? false, 'references non-existent secret key');
}

function downwardFiles(
  out: Payload,
  pod: Pod,
  items: DownwardAPIVolumeFile[],
  mode: number,
  ctx: PayloadContext,
) {
  for (const item of items) {
    let text = '';
    if (item.fieldRef) text = fieldValue(pod, item.fieldRef.fieldPath, ctx);
    else if (item.resourceFieldRef) {
      const r = item.resourceFieldRef;
      const container = (pod.spec?.containers ?? []).find((c) => c.name === r.containerName);
      if (!container) throw new Error(`container ${r.containerName ?? ''} not found`);
      text = resourceValue(container, r.resource, String(r.divisor ?? '1'));
    }
    out.set(item.path, { data: Buffer.from(text, 'utf8'), mode: item.mode ?? mode });
  }
}
