// kustomize's configMapGenerator and secretGenerator (internal/generators, api/kv): data from
// literals, files and env files, the generator options, and the `merge`/`replace` behaviors that
// change a ConfigMap or Secret an earlier kustomization generated.
import { basename } from 'node:path';
import { UserError } from '../api/errors.js';
import type { KustomizeFiles } from './files.js';
import { stringMap } from './kustomization.js';
import {
  gvkOf,
  isObject,
  type JsonObject,
  metadataOf,
  nameOf,
  namespaceOf,
  newResource,
  type Resource,
} from './resource.js';

export interface GeneratorArgs extends JsonObject {
  name?: string;
  namespace?: string;
  behavior?: string;
  literals?: string[];
  files?: string[];
  envs?: string[];
  env?: string;
  type?: string;
  options?: JsonObject;
}

interface Options {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  disableNameSuffixHash: boolean;
  immutable: boolean;
}

function mergeOptions(global: unknown, local: unknown): Options {
  const g = isObject(global) ? global : {};
  const l = isObject(local) ? local : {};
  return {
    labels: { ...stringMap(g.labels), ...stringMap(l.labels) },
    annotations: { ...stringMap(g.annotations), ...stringMap(l.annotations) },
    disableNameSuffixHash: !!(g.disableNameSuffixHash || l.disableNameSuffixHash),
    immutable: !!(g.immutable || l.immutable),
  };
}

function removeQuotes(s: string): string {
  if (s.length < 2 || s[0] !== s[s.length - 1]) return s;
  return s[0] === '"' || s[0] === "'" ? s.slice(1, -1) : s;
}

export function parseLiteral(source: string): [string, string] {
  const eq = source.indexOf('=');
  if (eq <= 0) throw new UserError(`invalid literal source ${source}, expected key=value`);
  return [source.slice(0, eq), removeQuotes(source.slice(eq + 1))];
}

/** Pairs of an env file: `KEY=VALUE` lines, blank and `#` lines skipped, a bare KEY is empty. */
export function parseEnvFile(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw) => {
      const line = raw.trimStart();
      if (line === '' || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      out.push(eq < 0 ? [line, ''] : [line.slice(0, eq), line.slice(eq + 1)]);
    });
  return out;
}

function fileSource(source: string): [key: string, path: string] {
  const eq = source.indexOf('=');
  if (eq < 0) return [basename(source), source];
  if (eq === 0) throw new UserError(`key name for file path ${source} missing`);
  return [source.slice(0, eq), source.slice(eq + 1)];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The key/value pairs of a generator, read relative to its kustomization's directory. */
function pairs(files: KustomizeFiles, args: GeneratorArgs): Array<[string, string | Buffer]> {
  const out: Array<[string, string | Buffer]> = [];
  const envs = [...(args.envs ?? []), ...(args.env ? [args.env] : [])].map(String);
  const sources = (args.files ?? []).map(String);
  const kv = (what: string, list: string[]) => (m: string) =>
    `loading KV pairs: ${what}: [${list.join(' ')}]: ${m}`;
  for (const env of envs)
    out.push(...parseEnvFile(files.read(env, kv('env source files', envs)).toString('utf8')));
  for (const lit of args.literals ?? []) out.push(parseLiteral(String(lit)));
  for (const src of sources) {
    const [key, path] = fileSource(src);
    out.push([key, files.read(path, kv('file sources', sources))]);
  }
  return out;
}

function dataOf(name: string, kvs: Array<[string, string | Buffer]>, secret: boolean): JsonObject {
  const data: Record<string, string> = {};
  const binary: Record<string, string> = {};
  for (const [key, value] of kvs) {
    if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
      throw new UserError(
        `"${key}" is not a valid key name: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      );
    }
    if (key in data || key in binary)
      throw new UserError(`configmap ${name} illegally repeats the key \`${key}\``);
    const buf = typeof value === 'string' ? Buffer.from(value) : value;
    if (secret) data[key] = buf.toString('base64');
    else {
      try {
        data[key] = typeof value === 'string' ? value : utf8.decode(value);
      } catch {
        binary[key] = buf.toString('base64');
      }
    }
  }
  const out: JsonObject = {};
  if (Object.keys(data).length || !Object.keys(binary).length) out.data = data;
  if (Object.keys(binary).length) out.binaryData = binary;
  return out;
}

export function generate(
  files: KustomizeFiles,
  kind: 'ConfigMap' | 'Secret',
  args: GeneratorArgs,
  global: unknown,
): Resource {
  const name = args.name ? String(args.name) : '';
  if (!name) throw new UserError(`a ${kind.toLowerCase()} must have a name`);
  const opts = mergeOptions(global, args.options);
  const metadata: JsonObject = { name };
  if (args.namespace) metadata.namespace = String(args.namespace);
  if (Object.keys(opts.labels).length) metadata.labels = opts.labels;
  if (Object.keys(opts.annotations).length) metadata.annotations = opts.annotations;
  const obj: JsonObject = { apiVersion: 'v1', kind, metadata };
  if (kind === 'Secret') obj.type = args.type ? String(args.type) : 'Opaque';
  Object.assign(obj, dataOf(name, pairs(files, args), kind === 'Secret'));
  if (opts.immutable) obj.immutable = true;
  const res = newResource(obj);
  res.needsHash = !opts.disableNameSuffixHash;
  res.behavior = args.behavior ? String(args.behavior) : 'create';
  return res;
}

/** Add a generated resource to the list, merging into or replacing an earlier one as it asks. */
export function absorb(resources: Resource[], made: Resource): void {
  const kind = gvkOf(made.obj).kind;
  const ns = namespaceOf(made.obj);
  const name = nameOf(made.obj);
  const i = resources.findIndex(
    (r) =>
      gvkOf(r.obj).kind === kind &&
      (r.orgName === name || nameOf(r.obj) === name) &&
      (namespaceOf(r.obj) === ns || r.orgNamespace === ns),
  );
  if (made.behavior === 'create' || made.behavior === '') {
    if (i >= 0)
      throw new UserError(
        `may not add resource with an already registered id: ${kind}.v1.[noGrp]/${name}.${ns || '[noNs]'}`,
      );
    resources.push(made);
    return;
  }
  if (i < 0)
    throw new UserError(
      `id ${JSON.stringify(`${kind}.v1.[noGrp]/${name}.${ns || '[noNs]'}`)} does not exist; cannot merge or replace`,
    );
  const old = resources[i]!;
  const meta = metadataOf(old.obj);
  const newMeta = metadataOf(made.obj);
  if (made.behavior === 'merge') {
    for (const field of ['data', 'binaryData']) {
      if (isObject(made.obj[field]))
        old.obj[field] = { ...(isObject(old.obj[field]) ? old.obj[field] : {}), ...made.obj[field] };
    }
    if (isObject(newMeta.labels))
      meta.labels = { ...(isObject(meta.labels) ? meta.labels : {}), ...newMeta.labels };
    if (isObject(newMeta.annotations))
      meta.annotations = { ...(isObject(meta.annotations) ? meta.annotations : {}), ...newMeta.annotations };
  } else if (made.behavior === 'replace') {
    for (const field of ['data', 'binaryData']) {
      if (made.obj[field] === undefined) delete old.obj[field];
      else old.obj[field] = made.obj[field];
    }
    if (newMeta.labels) meta.labels = newMeta.labels;
    if (newMeta.annotations) meta.annotations = newMeta.annotations;
  } else {
    throw new UserError(`unknown generator behavior: ${made.behavior}`);
  }
  old.needsHash = old.needsHash && made.needsHash;
}
