// kustomize's content hash for generated ConfigMaps and Secrets (api/hasher): sha256 of a JSON
// encoding with sorted keys, 10 hex digits with 0,1,3,a,e swapped out (so the suffix never reads
// as a word or a number). kustomize looks the name up with a path its lookup does not split, so
// the name in the hashed document is always "".
import { createHash } from 'node:crypto';
import { goJson } from '../api/go-json.js';
import { isObject, type JsonObject } from './resource.js';

const SWAP: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };

export function encodeHash(hex: string): string {
  return hex
    .slice(0, 10)
    .split('')
    .map((c) => SWAP[c] ?? c)
    .join('');
}

const field = (obj: JsonObject, key: string): unknown => (obj[key] === undefined ? '' : obj[key]);

export { goJson };

export function contentHash(obj: JsonObject): string {
  let doc: JsonObject;
  if (obj.kind === 'ConfigMap') {
    doc = { kind: 'ConfigMap', name: '', data: field(obj, 'data') };
    if (isObject(obj.binaryData)) doc.binaryData = obj.binaryData;
  } else if (obj.kind === 'Secret') {
    doc = { kind: 'Secret', type: field(obj, 'type'), name: '', data: field(obj, 'data') };
    if (isObject(obj.stringData)) doc.stringData = obj.stringData;
  } else {
    doc = obj;
  }
  return encodeHash(createHash('sha256').update(goJson(doc)).digest('hex'));
}
