// mkube's kubeconfig: $MKUBE_HOME/kubeconfig (or --kubeconfig), in client-go's v1 Config format
// so kubectl can read it and a later issue can add the API endpoint's server and credentials to
// the same entries. mkube's own file is written on first change; until then it reads as the one
// mkube would write. A verb's default namespace is read by kubeconfig-namespace.ts.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseSimpleYaml } from '../util/simple-yaml.js';
import { isMissing, writeFileAtomicSync } from './fsio.js';

export interface NamedCluster {
  name: string;
  cluster: { server?: string; [field: string]: unknown };
}
export interface NamedContext {
  name: string;
  context: { cluster?: string; user?: string; namespace?: string; [field: string]: unknown };
}
export interface NamedUser {
  name: string;
  user: Record<string, unknown>;
}

export interface Kubeconfig {
  apiVersion?: string;
  kind?: string;
  clusters?: NamedCluster[] | null;
  contexts?: NamedContext[] | null;
  users?: NamedUser[] | null;
  'current-context'?: string;
  preferences?: Record<string, unknown>;
  [field: string]: unknown;
}

/** The name of the cluster, user and context mkube creates. */
export const MKUBE_CONTEXT = 'mkube';

/** Where the kubeconfig is: --kubeconfig, else the state directory's. */
export function kubeconfigPath(home: string, flag?: string): string {
  return flag || join(home, 'kubeconfig');
}

/** What `kubectl config view` shows for a missing file. */
export function emptyKubeconfig(): Kubeconfig {
  return {
    apiVersion: 'v1',
    clusters: null,
    contexts: null,
    'current-context': '',
    kind: 'Config',
    preferences: {},
    users: null,
  };
}

/** The file mkube writes on first need: one cluster, user and context named `mkube`, current. */
export function initialKubeconfig(): Kubeconfig {
  return {
    apiVersion: 'v1',
    clusters: [{ cluster: { server: '' }, name: MKUBE_CONTEXT }],
    contexts: [{ context: { cluster: MKUBE_CONTEXT, user: MKUBE_CONTEXT }, name: MKUBE_CONTEXT }],
    'current-context': MKUBE_CONTEXT,
    kind: 'Config',
    preferences: {},
    users: [{ name: MKUBE_CONTEXT, user: {} }],
  };
}

/** The parsed file, or undefined when it does not exist. */
export async function readKubeconfig(path: string): Promise<Kubeconfig | undefined> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw e;
  }
  let parsed = parseSimpleYaml(text) as Kubeconfig | null | undefined;
  if (parsed === undefined) parsed = (await import('yaml')).parse(text) as Kubeconfig | null;
  return parsed ?? emptyKubeconfig();
}

/**
 * The file for a `config` verb that changes it: `--kubeconfig` files start empty, as kubectl's;
 * mkube's own starts with its `mkube` context.
 */
export async function loadForWrite(home: string, flag?: string): Promise<Kubeconfig> {
  return (
    (await readKubeconfig(kubeconfigPath(home, flag))) ?? (flag ? emptyKubeconfig() : initialKubeconfig())
  );
}

/** The file to show: mkube's own reads as the one it will write until it exists. */
export async function loadForRead(home: string, flag?: string): Promise<Kubeconfig> {
  return loadForWrite(home, flag);
}

/** Writes the file (YAML text) as kubectl does: mode 0600, atomically. */
export function writeKubeconfig(path: string, yaml: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomicSync(path, yaml, 0o600);
}
