// The data of `create configmap` and `create secret generic` from --from-literal, --from-file
// (file, key=file, directory) and --from-env-file, with kubectl's rules and messages
// (cmd/create/create_configmap.go, create_secret.go, cmdutil/env_file.go), and --append-hash
// (kubectl's hash package). File reading is the only effect.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UserError } from '../api/errors.js';
import { configKeyErrors } from '../api/validation-rules.js';

export interface ConfigSources {
  fromLiteral?: string[];
  fromFile?: string[];
  fromEnvFile?: string[];
}

/** Values by key, as bytes; `kind` names the object in messages (ConfigMap / Secret). */
export type Entries = Map<string, Buffer>;

function add(entries: Entries, key: string, value: Buffer, kind: string, name: string): void {
  const errs = configKeyErrors(key);
  if (errs.length)
    throw new UserError(`${JSON.stringify(key)} is not a valid key name for a ${kind}: ${errs.join(';')}`);
  if (entries.has(key))
    throw new UserError(
      `cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ${kind} ${JSON.stringify(name)}`,
    );
  entries.set(key, value);
}

/** Reads every source into one key -> bytes map, in kubectl's order (files, literals, env files). */
export function readSources(src: ConfigSources, kind: string, name: string): Entries {
  const entries: Entries = new Map();
  if (src.fromEnvFile?.length && (src.fromFile?.length || src.fromLiteral?.length))
    throw new UserError('from-env-file cannot be combined with from-file or from-literal');
  for (const spec of src.fromFile ?? []) fromFile(entries, spec, kind, name);
  for (const literal of src.fromLiteral ?? []) {
    const eq = literal.indexOf('=');
    if (eq <= 0) throw new UserError(`invalid literal source ${literal}, expected key=value`);
    add(entries, literal.slice(0, eq), Buffer.from(literal.slice(eq + 1)), kind, name);
  }
  for (const file of src.fromEnvFile ?? []) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new UserError(`error reading ${file}: ${posixMessage(err)}`);
    }
    for (const [k, v] of parseEnvFile(text, file)) add(entries, k, Buffer.from(v), kind, name);
  }
  return entries;
}

function posixMessage(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (err as Error).message;
}

function fromFile(entries: Entries, spec: string, kind: string, name: string): void {
  const eq = spec.indexOf('=');
  const [key, path] = eq === -1 ? [undefined, spec] : [spec.slice(0, eq), spec.slice(eq + 1)];
  if (key === '') throw new UserError(`key names or file paths cannot be empty`);
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (err) {
    throw new UserError(`error reading ${path}: ${posixMessage(err)}`);
  }
  if (isDir) {
    if (key !== undefined) throw new UserError('cannot give a key name for a directory path');
    // Regular files only (subdirectories, symlinks and devices are skipped), by name.
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (!entry.isFile()) continue;
      add(entries, entry.name, readFileSync(join(path, entry.name)), kind, name);
    }
    return;
  }
  add(entries, key ?? basename(path), readFileSync(path), kind, name);
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_NAME_ERROR =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** cmdutil's env file: KEY=VALUE lines; blank and # lines skipped; a bare KEY takes the environment's value. */
export function parseEnvFile(
  text: string,
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): [string, string][] {
  const out: [string, string][] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '').replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = eq === -1 ? line : line.slice(0, eq);
    if (!ENV_NAME.test(key))
      throw new UserError(`${JSON.stringify(key)} is not a valid key name: ${ENV_NAME_ERROR}`);
    out.push([key, eq === -1 ? (env[key] ?? '') : line.slice(eq + 1)]);
  }
  void file;
  return out;
}

/** ConfigMap data: valid UTF-8 as text in `data`, the rest base64 in `binaryData`. */
export function configMapData(entries: Entries): {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
} {
  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  for (const [k, v] of entries) {
    const text = new TextDecoder('utf-8', { fatal: true });
    try {
      data[k] = text.decode(v);
    } catch {
      binaryData[k] = v.toString('base64');
    }
  }
  return {
    ...(Object.keys(binaryData).length ? { binaryData } : {}),
    ...(Object.keys(data).length ? { data } : {}),
  };
}

export function secretData(entries: Entries): Record<string, string> | undefined {
  if (!entries.size) return undefined;
  return Object.fromEntries([...entries].map(([k, v]) => [k, v.toString('base64')]));
}

/** Go's json.Marshal of a map (sorted keys, HTML characters escaped). */
export function goJson(value: unknown): string {
  const sortKeys = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
        )
      : v;
  return goEscape(JSON.stringify(sortKeys(value)));
}

/** Go's encoding/json escapes <, >, & and the line/paragraph separators. */
export const goEscape = (json: string) =>
  json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** kubectl's encodeHash: the first 10 hex digits of sha256, vowel-like digits mapped to consonants. */
function encodeHash(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex').slice(0, 10);
  const map: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex].map((c) => map[c] ?? c).join('');
}

export function configMapHash(cm: {
  metadata: { name?: string };
  data?: object;
  binaryData?: object;
  immutable?: boolean;
}): string {
  return encodeHash(
    goJson({
      kind: 'ConfigMap',
      name: cm.metadata.name ?? '',
      data: cm.data ?? null,
      ...(cm.immutable !== undefined ? { immutable: cm.immutable } : {}),
      ...(cm.binaryData && Object.keys(cm.binaryData).length ? { binaryData: cm.binaryData } : {}),
    }),
  );
}

export function secretHash(s: {
  metadata: { name?: string };
  data?: object;
  type?: string;
  immutable?: boolean;
}): string {
  return encodeHash(
    goJson({
      kind: 'Secret',
      type: s.type ?? '',
      name: s.metadata.name ?? '',
      data: s.data ?? null,
      ...(s.immutable !== undefined ? { immutable: s.immutable } : {}),
    }),
  );
}
