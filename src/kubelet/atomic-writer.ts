// The kubelet's atomic writer (pkg/volume/util/atomic_writer.go): a volume's files live in a
// timestamped directory `..2006_01_02_15_04_05.NNN`, `..data` is a symlink to it, and each
// top-level name the user sees is a symlink `name -> ..data/name`. An update writes a new
// timestamped directory and swaps `..data` with one rename, so a reader sees the old set or the
// new one, never half of each. planWrite is the pure decision; writeAtomic carries it out.
import {
  chmodSync,
  lchownSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, posix } from 'node:path';
import type { Payload } from './volume-payload.js';

export const DATA_DIR = '..data';
const DATA_TMP = '..data_tmp';

/** The kubelet's validatePath: relative, no `..` element, not starting with `..`. */
export function payloadPathError(path: string): string | undefined {
  if (path === '') return 'invalid path: must not be empty';
  if (path.length > 4096) return `invalid path: must be less than or equal to 4096 characters`;
  if (posix.isAbsolute(path)) return `invalid path: must be relative path: ${path}`;
  if (path.split('/').includes('..')) return `invalid path: must not contain '..': ${path}`;
  if (path.startsWith('..')) return `invalid path: must not start with '..': ${path}`;
  return undefined;
}

/** What is in the volume directory now. */
export interface WriterState {
  /** Target of `..data`, if any. */
  dataDir?: string;
  /** The files under `..data` (path -> content and permission bits). */
  files: Payload;
  /** The user-visible top-level names (everything not starting with `..`). */
  visible: string[];
}

export interface WritePlan {
  /** A new timestamped directory to fill and point `..data` at; undefined: content unchanged. */
  newDir?: string;
  /** The old timestamped directory to remove after the swap. */
  removeDir?: string;
  addVisible: string[];
  removeVisible: string[];
}

const topLevel = (payload: Payload) => [...new Set([...payload.keys()].map((p) => p.split('/')[0]!))].sort();

function samePayload(a: Payload, b: Payload): boolean {
  if (a.size !== b.size) return false;
  for (const [path, file] of a) {
    const other = b.get(path);
    if (!other || other.mode !== file.mode || !other.data.equals(file.data)) return false;
  }
  return true;
}

/** Timestamped directory name, as os.MkdirTemp with the kubelet's pattern. */
export function timestampedDirName(now: Date, random: number): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const t = `${now.getUTCFullYear()}_${p(now.getUTCMonth() + 1)}_${p(now.getUTCDate())}_${p(now.getUTCHours())}_${p(now.getUTCMinutes())}_${p(now.getUTCSeconds())}`;
  return `..${t}.${random}`;
}

/** Pure: what to do to bring the directory from `state` to `payload`. */
export function planWrite(state: WriterState, payload: Payload, newDirName: string): WritePlan {
  const wanted = topLevel(payload);
  const unchanged = state.dataDir !== undefined && samePayload(state.files, payload);
  return {
    ...(unchanged ? {} : { newDir: newDirName }),
    ...(!unchanged && state.dataDir ? { removeDir: state.dataDir } : {}),
    addVisible: wanted.filter((n) => !state.visible.includes(n)),
    removeVisible: state.visible.filter((n) => !wanted.includes(n)).sort(),
  };
}

export interface WriteOptions {
  /** The pod's fsGroup: files get that group and read permission for it (SetVolumeOwnership). */
  fsGroup?: number;
  now?: Date;
}

/** Writes `payload` into `dir` atomically; true when the content changed. */
export function writeAtomic(dir: string, payload: Payload, opts: WriteOptions = {}): boolean {
  for (const path of payload.keys()) {
    const err = payloadPathError(path);
    if (err) throw new Error(err);
  }
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  // Compared and written with the group bits SetVolumeOwnership adds, so an fsGroup pod's
  // unchanged volume is not rewritten on every sync.
  const effective: Payload = new Map(
    [...payload].map(([p, f]) => [p, { data: f.data, mode: modeWithFsGroup(f.mode, opts.fsGroup) }]),
  );
  const state = readState(dir);
  const name = timestampedDirName(opts.now ?? new Date(), Math.floor(Math.random() * 1e9));
  const plan = planWrite(state, effective, name);
  if (plan.newDir) {
    const target = join(dir, plan.newDir);
    mkdirSync(target, { mode: 0o755 });
    for (const [path, file] of effective) {
      const full = join(target, path);
      mkdirSync(dirname(full), { recursive: true, mode: 0o755 });
      writeFileSync(full, file.data);
      chmodSync(full, file.mode);
    }
    if (opts.fsGroup !== undefined) setOwnership(dir, target, opts.fsGroup);
    rmSync(join(dir, DATA_TMP), { force: true });
    symlinkSync(plan.newDir, join(dir, DATA_TMP));
    renameSync(join(dir, DATA_TMP), join(dir, DATA_DIR));
  }
  for (const n of plan.addVisible) symlinkSync(posix.join(DATA_DIR, n), join(dir, n));
  for (const n of plan.removeVisible) rmSync(join(dir, n), { force: true });
  if (plan.removeDir) rmSync(join(dir, plan.removeDir), { recursive: true, force: true });
  return plan.newDir !== undefined;
}

export function readState(dir: string): WriterState {
  const visible = readdirSync(dir).filter((n) => !n.startsWith('..'));
  let dataDir: string | undefined;
  try {
    dataDir = readlinkSync(join(dir, DATA_DIR));
  } catch {
    return { files: new Map(), visible };
  }
  const files: Payload = new Map();
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, dataDir!, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      const full = join(dir, dataDir!, path);
      if (entry.isDirectory()) walk(path);
      else files.set(path, { data: readFileSync(full), mode: statSync(full).mode & 0o7777 });
    }
  };
  try {
    walk('');
  } catch {
    return { files: new Map(), visible };
  }
  return { dataDir, files, visible };
}

/**
 * The kubelet's SetVolumeOwnership for these (read-only) volumes: group fsGroup on everything,
 * files gain 0440 (already in their written mode), directories 0550 and setgid.
 */
function setOwnership(root: string, dataDir: string, gid: number): void {
  const uid = process.getuid?.() ?? 0;
  const apply = (path: string) => {
    const st = lstatSync(path);
    lchownSync(path, uid, gid);
    if (st.isSymbolicLink()) return;
    chmodSync(path, (st.mode & 0o7777) | (st.isDirectory() ? 0o2550 : 0o440));
  };
  apply(root);
  const walk = (dir: string) => {
    apply(dir);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else apply(full);
    }
  };
  walk(dataDir);
}

/** The mode a file ends with once ownership is set (what readState reports afterwards). */
export const modeWithFsGroup = (mode: number, fsGroup: number | undefined) =>
  fsGroup === undefined ? mode : mode | 0o440;
