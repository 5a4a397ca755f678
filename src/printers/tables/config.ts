// configmaps, secrets, serviceaccounts, resourcequotas, limitranges.
import type { KObject } from '../../api/types.js';
import { since } from '../duration.js';
import { AGE, type KindTable, NAME } from './common.js';

const age = (obj: KObject, now: number) => since(obj.metadata.creationTimestamp, now);
const size = (m: unknown) => Object.keys((m as object) ?? {}).length;

export const configmaps: KindTable = {
  columns: [NAME, { name: 'Data' }, AGE],
  cells: (cm, now) => [cm.metadata.name, size(cm.data) + size(cm.binaryData), age(cm, now)],
};

export const secrets: KindTable = {
  columns: [NAME, { name: 'Type' }, { name: 'Data' }, AGE],
  cells: (s, now) => [s.metadata.name, s.type ?? 'Opaque', size(s.data), age(s, now)],
};

export const serviceaccounts: KindTable = {
  columns: [NAME, { name: 'Secrets' }, AGE],
  cells: (sa, now) => [sa.metadata.name, (sa.secrets ?? []).length, age(sa, now)],
};

function quotaColumns(rq: KObject): [string, string] {
  const hard: Record<string, string> = rq.status?.hard ?? {};
  const used: Record<string, string> = rq.status?.used ?? {};
  const requests: string[] = [];
  const limits: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const pieces = name.split('.');
    const cell = `${name}: ${used[name] ?? '0'}/${hard[name]}`;
    if (pieces.length > 1 && pieces[0] === 'limits') limits.push(cell);
    else requests.push(cell);
  }
  return [requests.join(', '), limits.join(', ')];
}

export const resourcequotas: KindTable = {
  columns: [NAME, AGE, { name: 'Request' }, { name: 'Limit' }],
  cells: (rq, now) => [rq.metadata.name, age(rq, now), ...quotaColumns(rq)],
};
