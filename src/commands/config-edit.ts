// The pure parts of `mkube config`: what each subcommand does to a kubeconfig and what it
// prints, with kubectl's messages. The command file reads and writes the file around these.
import { UserError } from '../api/errors.js';
import type { Kubeconfig, NamedContext } from '../state/kubeconfig.js';

/** `config set-context [NAME | --current] [--cluster] [--user] [--namespace]`. */
export function setContext(
  config: Kubeconfig,
  name: string | undefined,
  opts: { current?: boolean; cluster?: string; user?: string; namespace?: string },
): { config: Kubeconfig; message: string } {
  if (opts.current && name) throw new UserError('you cannot specify both a context name and --current');
  const target = opts.current ? config['current-context'] : name;
  if (opts.current && !target) throw new UserError('no current context is set');
  if (!target) throw new UserError('you must specify a non-empty context name or --current');
  const contexts = [...(config.contexts ?? [])];
  const at = contexts.findIndex((c) => c.name === target);
  const before: NamedContext['context'] = at >= 0 ? contexts[at]!.context : {};
  // client-go always writes cluster and user (no omitempty); namespace only when set.
  const context: NamedContext['context'] = { cluster: '', user: '', ...before };
  // A flag given (even empty) sets its field; an empty value clears it, as kubectl's.
  for (const key of ['cluster', 'user', 'namespace'] as const) {
    const value = opts[key];
    if (value === undefined) continue;
    if (value === '' && key === 'namespace') delete context[key];
    else context[key] = value;
  }
  const entry: NamedContext = { context, name: target };
  if (at >= 0) contexts[at] = entry;
  else contexts.push(entry);
  return {
    config: { ...config, contexts },
    message: `Context "${target}" ${at >= 0 ? 'modified' : 'created'}.\n`,
  };
}

/** `config use-context NAME`. */
export function useContext(config: Kubeconfig, name: string): { config: Kubeconfig; message: string } {
  if (!(config.contexts ?? []).some((c) => c.name === name)) {
    throw new UserError(`no context exists with the name: "${name}"`);
  }
  return { config: { ...config, 'current-context': name }, message: `Switched to context "${name}".\n` };
}

/** `config current-context`. */
export function currentContext(config: Kubeconfig): string {
  const name = config['current-context'];
  if (!name) throw new UserError('current-context is not set');
  return `${name}\n`;
}

/** `config get-contexts [NAME...]`: kubectl's table (tabwriter, 3 spaces), or names. */
export function getContexts(
  config: Kubeconfig,
  names: string[],
  opts: { output?: string; noHeaders?: boolean },
): { out: string; errors: string[] } {
  const all = config.contexts ?? [];
  const errors: string[] = [];
  let chosen = all;
  if (names.length > 0) {
    chosen = [];
    for (const name of names) {
      const found = all.find((c) => c.name === name);
      if (found) chosen.push(found);
      else errors.push(`context ${name} not found`);
    }
  }
  // kubectl lists contexts sorted by name.
  chosen = [...chosen].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (opts.output === 'name') return { out: chosen.map((c) => `${c.name}\n`).join(''), errors };
  const rows = chosen.map((c) => [
    c.name === config['current-context'] ? '*' : '',
    c.name,
    c.context?.cluster ?? '',
    c.context?.user ?? '',
    c.context?.namespace ?? '',
  ]);
  const table = opts.noHeaders ? rows : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], ...rows];
  return { out: tabwriter(table), errors };
}

/**
 * kubectl's tabwriter (min width 6, padding 3): every cell but the last is tab-terminated, so
 * padded.
 */
function tabwriter(rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths = rows[0]!.map((_, i) => Math.max(6, ...rows.map((r) => r[i]!.length + 3)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i]!) : cell)).join('');
  return rows.map((r) => `${line(r)}\n`).join('');
}

/** `config view --minify`: only the current context and its cluster and user. */
export function minify(config: Kubeconfig, contextFlag?: string): Kubeconfig {
  const name = contextFlag || config['current-context'];
  if (!name) throw new UserError('current-context must exist in order to minify');
  const context = (config.contexts ?? []).find((c) => c.name === name);
  if (!context) throw new UserError(`cannot locate context ${name}`);
  const clusters = pick(config.clusters, context.context?.cluster, 'cluster');
  const users = pick(config.users, context.context?.user, 'user');
  return {
    ...config,
    clusters: clusters.length ? clusters : null,
    contexts: [context],
    'current-context': name,
    users: users.length ? users : null,
  };
}

/** The entry a context names (none when it names none); kubectl's error when it is missing. */
function pick<T extends { name: string }>(
  entries: T[] | null | undefined,
  name: string | undefined,
  what: string,
): T[] {
  if (!name) return [];
  const found = (entries ?? []).filter((e) => e.name === name);
  if (found.length === 0) throw new UserError(`cannot locate ${what} ${name}`);
  return found;
}

const SECRET_DATA = ['certificate-authority-data', 'client-certificate-data', 'client-key-data'];
const SECRET_TEXT = ['token', 'password'];

/** What `config view` shows without --raw: key and certificate data and secrets redacted. */
export function redact(config: Kubeconfig): Kubeconfig {
  const hide = (o: Record<string, unknown>) => {
    const out = { ...o };
    for (const k of SECRET_DATA) if (out[k]) out[k] = 'DATA+OMITTED';
    for (const k of SECRET_TEXT) if (out[k]) out[k] = 'REDACTED';
    return out;
  };
  return {
    ...config,
    clusters: config.clusters?.map((c) => ({ ...c, cluster: hide(c.cluster ?? {}) })) ?? config.clusters,
    users: config.users?.map((u) => ({ ...u, user: hide(u.user ?? {}) })) ?? config.users,
  };
}

/** The object `config view -o json` prints, in client-go's field order. */
export function jsonOrder(config: Kubeconfig): Record<string, unknown> {
  const ordered: Record<string, unknown> = {
    kind: config.kind ?? 'Config',
    apiVersion: config.apiVersion ?? 'v1',
    preferences: config.preferences ?? {},
    clusters: config.clusters?.map((c) => ({ name: c.name, cluster: { server: '', ...c.cluster } })) ?? null,
    users: config.users?.map((u) => ({ name: u.name, user: u.user })) ?? null,
    contexts:
      config.contexts?.map((c) => ({
        name: c.name,
        context: orderKeys({ cluster: '', user: '', ...c.context }, ['cluster', 'user', 'namespace']),
      })) ?? null,
    'current-context': config['current-context'] ?? '',
  };
  return ordered;
}

function orderKeys(o: Record<string, unknown>, first: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of first) if (k in o) out[k] = o[k];
  for (const k of Object.keys(o)) if (!(k in out)) out[k] = o[k];
  return out;
}
