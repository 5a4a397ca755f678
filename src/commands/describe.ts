// `describe`: flags -> options -> run. Reads the state only; the text comes from
// src/printers/describe.
import type { Command } from 'commander';
import { ApiError, UserError } from '../api/errors.js';
import { lookupKind } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import { gatherAndDescribe } from '../printers/describe/index.js';
import { type ResourceRequest, resolveResources } from './builder.js';
import type { Ctx } from './context.js';
import { boolFlags, filenameFlags, namespaceFlags, selectorFlags } from './flags.js';

interface DescribeFlags {
  namespace?: string;
  allNamespaces?: boolean;
  selector?: string;
  showEvents?: boolean;
  filename?: string[];
  recursive?: boolean;
  kustomize?: string;
}

const MISSING = `You must specify the type of resource to describe. Use "mkube api-resources" for a complete list of supported resources.
error: Required resource not specified.
See 'mkube describe -h' for help and examples`;

function errorLine(e: Error): string {
  return e instanceof ApiError ? `Error from server (${e.reason}): ${e.message}` : e.message;
}

async function run(args: string[], f: DescribeFlags, ctx: Ctx): Promise<void> {
  const paths = !!(f.filename?.length || f.kustomize);
  if (args.length === 0 && !paths) throw new UserError(MISSING, true);
  const store = ctx.store();
  const namespace = f.namespace || 'default';
  const req: ResourceRequest = {
    args,
    namespace,
    allNamespaces: !!f.allNamespaces,
    selector: f.selector,
    allowEmptySelector: true,
    filenames: f.filename,
    recursive: f.recursive,
    kustomize: f.kustomize,
    stdin: ctx.in,
    warn: (line) => ctx.err.write(line),
  };
  const resolved = await resolveResources(store, req);
  const opts = { showEvents: f.showEvents !== false, now: Date.now() };
  const describe = (kind: Parameters<typeof gatherAndDescribe>[1], obj: KObject) =>
    gatherAndDescribe(store, kind, obj, opts);

  // `describe pod web` with no pod "web": describe every pod whose name starts with "web".
  if (resolved.errors.length > 0 && args.length === 2 && !args[0]!.includes('/')) {
    const kind = lookupKind(args[0]!.split(',')[0]!)!;
    const prefixed = (await resolveResources(store, { ...req, args: [args[0]!] })).infos.flatMap((i) =>
      i.objects.filter((o) => o.metadata.name!.startsWith(args[1]!)).map((o) => ({ kind: i.kind, obj: o })),
    );
    if (prefixed.length === 0 || !kind) throw resolved.errors[0];
    for (const { kind: k, obj } of prefixed) ctx.out.write(`${describe(k, obj)}\n`);
    return;
  }
  let first = true;
  let count = 0;
  for (const info of resolved.infos) {
    for (const obj of info.objects) {
      ctx.out.write(first ? describe(info.kind, obj) : `\n\n${describe(info.kind, obj)}`);
      first = false;
      count++;
    }
  }
  if (count === 0 && resolved.errors.length === 0) {
    ctx.err.write(
      f.allNamespaces ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`,
    );
  }
  if (resolved.errors.length === 1) throw resolved.errors[0];
  if (resolved.errors.length > 1) throw new UserError(resolved.errors.map(errorLine).join('\n'), true);
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('describe')
    .description('Show details of a specific resource or group of resources')
    .usage('(-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)')
    .argument('[args...]')
    .option('--chunk-size <n>', 'Return large lists in chunks rather than all at once.');
  namespaceFlags(cmd, true);
  filenameFlags(cmd, 'Filename, directory, or URL to files containing the resource to describe');
  selectorFlags(cmd);
  boolFlags(cmd, [['--show-events', 'If true, display events related to the described object.', true]]);
  cmd.action((args: string[], flags: DescribeFlags) => run(args, flags, ctx));
}
