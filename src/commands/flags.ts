// Flags shared by the verbs that take manifests or change objects (apply, create, delete, ...):
// namespace, -f/-R, -o, --dry-run, and kubectl's way of reporting several errors at the end.
import type { Command } from 'commander';
import { ApiError, UserError } from '../api/errors.js';
import { InvalidError } from '../api/field-errors.js';
import { type KindInfo, qualifiedKind } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import type { Ctx } from './context.js';

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

// ---- namespace ------------------------------------------------------------------------------

export interface NamespaceOptions {
  namespace?: string;
  allNamespaces?: boolean;
}

/** `-n/--namespace`, and `-A/--all-namespaces` where the verb has it. */
export function addNamespaceFlags(cmd: Command, allNamespaces = false): Command {
  cmd.option('-n, --namespace <namespace>', 'If present, the namespace scope for this CLI request');
  if (allNamespaces) {
    cmd.option(
      '-A, --all-namespaces',
      'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
    );
  }
  return cmd;
}

/** The namespace to work in and whether -n was given (a manifest may then not name another one). */
export function namespaceChoice(opts: NamespaceOptions): { namespace: string; explicit: boolean } {
  return { namespace: opts.namespace || 'default', explicit: !!opts.namespace };
}

// ---- files ----------------------------------------------------------------------------------

export interface FilenameOptions {
  filename?: string[];
  recursive?: boolean;
}

/** `-f/--filename` (repeatable) and `-R/--recursive`. */
export function addFilenameFlags(cmd: Command, what: string): Command {
  return cmd
    .option('-f, --filename <file>', what, collect)
    .option(
      '-R, --recursive',
      'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
    );
}

/** Read and parse every -f value (loads the YAML parser on demand). */
export async function loadFiles(ctx: Ctx, opts: FilenameOptions) {
  const { loadManifests } = await import('../api/manifest.js');
  return loadManifests(opts.filename ?? [], { recursive: opts.recursive, stdin: ctx.in });
}

// ---- output and dry run -----------------------------------------------------------------------

export type OutputFormat = '' | 'name' | 'yaml' | 'json';
export type DryRun = 'none' | 'client' | 'server';

export function addOutputFlag(cmd: Command, help = 'Output format. One of: (json, yaml, name).'): Command {
  return cmd.option('-o, --output <format>', help);
}

export function parseOutput(
  value: string | undefined,
  allowed: OutputFormat[] = ['name', 'yaml', 'json'],
): OutputFormat {
  if (!value) return '';
  if (!allowed.includes(value as OutputFormat)) {
    throw new UserError(
      `unable to match a printer suitable for the output format "${value}", allowed formats are: ${allowed.join(',')}`,
    );
  }
  return value as OutputFormat;
}

export function addDryRunFlag(cmd: Command): Command {
  return cmd.option(
    '--dry-run [strategy]',
    'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
  );
}

/** `--dry-run` as kubectl reads it; bare `--dry-run` is the deprecated spelling of client. */
export function parseDryRun(value: string | boolean | undefined): DryRun {
  if (value === undefined || value === false || value === 'none' || value === 'false') return 'none';
  if (value === true || value === 'client' || value === 'true') return 'client';
  if (value === 'server') return 'server';
  throw new UserError(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
}

export function dryRunSuffix(d: DryRun): string {
  return d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
}

/** An object as -o yaml / -o json print it (the printers' go-yaml / Go JSON emitters). */
export async function formatObject(obj: unknown, format: 'yaml' | 'json'): Promise<string> {
  if (format === 'json') {
    const { goJson } = await import('../printers/gofmt.js');
    return `${goJson(obj, '    ')}\n`;
  }
  const { toYaml } = await import('../printers/yaml.js');
  return toYaml(obj);
}

/**
 * Print what a verb did to objects: `pod/x created (dry run)`, or the objects for -o name|yaml|json
 * (several objects as one `kind: List`, as kubectl prints them).
 */
export async function printResults(
  ctx: Ctx,
  results: Array<{ info: KindInfo; obj: KObject; operation: string }>,
  output: OutputFormat,
  dryRun: DryRun,
): Promise<void> {
  if (output === 'yaml' || output === 'json') {
    if (!results.length) return;
    const body =
      results.length === 1
        ? results[0]!.obj
        : {
            apiVersion: 'v1',
            items: results.map((r) => r.obj),
            kind: 'List',
            metadata: { resourceVersion: '' },
          };
    ctx.out.write(await formatObject(body, output));
    return;
  }
  for (const r of results) {
    const name = `${qualifiedKind(r.info)}/${r.obj.metadata?.name ?? ''}`;
    ctx.out.write(output === 'name' ? `${name}\n` : `${name} ${r.operation}${dryRunSuffix(dryRun)}\n`);
  }
}

// ---- errors -----------------------------------------------------------------------------------

/** The text kubectl prints for an error (checkErr): 422 verbatim, API errors with their reason. */
export function errorText(err: unknown): string {
  if (err instanceof InvalidError) return err.message;
  if (err instanceof ApiError) return `Error from server (${err.reason}): ${err.message}`;
  if (err instanceof UserError) return err.verbatim ? err.message : `error: ${err.message}`;
  throw err;
}

/**
 * kubectl reports every error of a multi-object verb at the end, one after another. Print all but
 * the last; throw the last so the CLI prints it and exits 1.
 */
export function finish(ctx: Ctx, errors: unknown[]): void {
  if (!errors.length) return;
  const texts = errors.map(errorText);
  for (const t of texts.slice(0, -1)) ctx.err.write(`${t}\n`);
  throw new UserError(texts[texts.length - 1]!, true);
}
