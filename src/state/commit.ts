// The one write path: under the lock, allocate resourceVersions, write the object files
// (tmp + fsync + rename), append the journal, compact it when large.
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import type { KindInfo } from '../api/kinds.js';
import type { KObject, WatchEvent } from '../api/types.js';
import { isMissing, unlinkQuiet, writeFileAtomicSync } from './fsio.js';
import { compactJournal, journalSize, lastJournalRv } from './journal.js';
import { type Layout, namespaceDir, objectPath } from './layout.js';
import type { Meta } from './meta.js';
import type { Plan } from './plan.js';

export interface Change {
  kind: KindInfo;
  plan: Extract<Plan, { op: 'put' | 'remove' }>;
}

export interface CommitOptions {
  /** Compact the journal when it grows past this many bytes (to half of it). */
  journalMaxBytes: number;
  /** Directories already known to exist (a cache owned by the caller). */
  dirs: Set<string>;
}

function readRvFile(path: string): number {
  try {
    return Number(readFileSync(path, 'utf8')) || 0;
  } catch (e) {
    if (isMissing(e)) return 0;
    throw e;
  }
}

function ensureDir(dir: string, dirs: Set<string>): void {
  if (dirs.has(dir)) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  dirs.add(dir);
}

/** Commit `changes` in order; the caller holds the lock. Returns the objects as stored. */
export function commitSync(layout: Layout, changes: Change[], opts: CommitOptions): KObject[] {
  if (changes.length === 0) return [];
  // The journal's last line wins over the counter file if a crash left them apart.
  const base = Math.max(readRvFile(layout.rv), lastJournalRv(layout.journal, true));
  // Allocate first: a crash from here on leaves a gap in resourceVersions, never a reuse.
  writeFileAtomicSync(layout.rv, String(base + changes.length), 0o600, false);

  const lines: string[] = [];
  const stored = changes.map(({ kind, plan }, i) => {
    const obj = plan.obj;
    (obj.metadata as Meta).resourceVersion = String(base + i + 1);
    const { namespace, name } = obj.metadata;
    if (plan.op === 'remove') {
      unlinkQuiet(objectPath(layout, kind, namespace, name!));
    } else {
      ensureDir(namespaceDir(layout, kind, namespace), opts.dirs);
      const mode = kind.kind === 'Secret' ? 0o600 : 0o644;
      writeFileAtomicSync(objectPath(layout, kind, namespace, name!), JSON.stringify(obj), mode);
    }
    const event: WatchEvent = { type: plan.op === 'remove' ? 'DELETED' : plan.type, object: obj };
    lines.push(JSON.stringify(event));
    return obj;
  });
  // One write(2) of whole lines with O_APPEND: watchers see complete lines or nothing new.
  appendFileSync(layout.journal, `${lines.join('\n')}\n`, { mode: 0o600 });
  if (journalSize(layout.journal) > opts.journalMaxBytes) {
    compactJournal(layout.journal, Math.floor(opts.journalMaxBytes / 2));
  }
  return stored;
}
