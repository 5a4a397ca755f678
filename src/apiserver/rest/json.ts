// The bytes of a response body as the API server's encoding/json writes them: struct fields in
// Go order (objects through goJsonTyped; our own envelopes — Status, List, Table — are built
// with their keys already in struct order), strings with `<`, `>`, `&` escaped.

import { goJsonTyped } from '../../printers/go-json-typed.js';
import { goJsonString } from '../../printers/gofmt.js';

/** JSON text to embed as is (an object already encoded). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A stored object in Go struct order. */
export const typed = (obj: unknown): RawJson =>
  (obj as { kind?: string })?.kind === 'Scale'
    ? new RawJson(encodeScale(obj as Scale))
    : new RawJson(goJsonTyped(obj));

interface Scale {
  metadata: Record<string, unknown>;
  spec: { replicas?: number };
  status: { replicas?: number; selector?: string };
}

/** autoscaling/v1 Scale (not in mkube's schema): its struct order by hand. */
function encodeScale(scale: Scale): string {
  const m = scale.metadata;
  return encodeOrdered({
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    // spec.replicas is omitempty in Go, status.replicas is not.
    spec: { replicas: scale.spec.replicas || undefined },
    status: { replicas: scale.status.replicas ?? 0, selector: scale.status.selector },
  });
}

/** encoding/json of a value whose object keys are already in the order to write (undefined fields left out). */
export function encodeOrdered(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(encodeOrdered).join(',')}]`;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    parts.push(`${goJsonString(k)}:${encodeOrdered(v)}`);
  }
  return `{${parts.join(',')}}`;
}
