// `get`: flags -> options -> validate -> run. Reads the state only (never Docker, never the
// agent); the printing lives in src/printers.
import type { Command } from 'commander';
import { ApiError, UserError } from '../api/errors.js';
import { printGeneric, printTables, type Streams } from '../printers/get/print.js';
import { type GetRequest, runWatch, type WatchOptions } from '../printers/get/watch.js';
import { parseOutputFormat } from '../printers/output.js';
import { type ResourceFlags, requestFromFlags, resolveResources } from './builder.js';
import type { Ctx } from './context.js';
import { boolFlags, commaList, filenameFlags, namespaceFlags, selectorFlags } from './flags.js';

interface GetFlags extends ResourceFlags {
  output?: string;
  template?: string;
  allowMissingTemplateKeys?: boolean;
  showLabels?: boolean;
  showKind?: boolean;
  labelColumns?: string[];
  noHeaders?: boolean;
  showManagedFields?: boolean;
  ignoreNotFound?: boolean;
  sortBy?: string;
  watch?: boolean;
  watchOnly?: boolean;
  outputWatchEvents?: boolean;
  raw?: string;
}

const NO_TYPE = `You must specify the type of resource to get. Use "mkube api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "mkube explain <resource>" for a detailed description of that resource (e.g. mkube explain pods).
See 'mkube get -h' for help and examples`;

/** kubectl's MultipleErrors: one `Error from server (...)` line per error. */
function errorLine(e: Error): string {
  return e instanceof ApiError ? `Error from server (${e.reason}): ${e.message}` : e.message;
}

function failWith(errors: Error[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new UserError(errors.map(errorLine).join('\n'), true);
}

function validate(args: string[], f: GetFlags, ctx: Ctx): void {
  if (f.raw) throw new UserError('--raw is not supported by mkube');
  const watching = f.watch || f.watchOnly;
  if (watching && f.sortBy) {
    ctx.err.write('warning: --watch or --watch-only requested, --sort-by will be ignored\n');
  }
  if (!watching && args.length === 0 && !f.filename?.length && !f.kustomize)
    throw new UserError(NO_TYPE, true);
  if (f.showLabels && f.output && f.output !== 'wide') {
    throw new UserError(`--show-labels option cannot be used with ${f.output} printer`);
  }
  if (f.outputWatchEvents && !watching) {
    throw new UserError(
      "--output-watch-events option can only be used with --watch or --watch-only\nSee 'mkube get -h' for help and examples",
    );
  }
}

/** Resolves on SIGINT/SIGTERM; kubectl's interrupt handler then exits with status 1. */
function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.exitCode = 1;
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function run(args: string[], f: GetFlags, ctx: Ctx): Promise<void> {
  validate(args, f, ctx);
  // kubectl's get PrintFlags: --template without -o means -o go-template.
  const output = f.output || (f.template ? 'go-template' : undefined);
  const format = parseOutputFormat(output, {
    template: f.template,
    allowMissingKeys: f.allowMissingTemplateKeys !== false,
  });
  const noArgs = args.length === 0 && !f.filename?.length && !f.kustomize;
  const request = { ...requestFromFlags(noArgs ? [''] : args, f), allowEmptySelector: true, stdin: ctx.in };
  const req: GetRequest = { ...request, allNamespaces: !!f.allNamespaces };
  const store = ctx.store();
  const resolved = await resolveResources(store, request);
  if (f.ignoreNotFound) {
    resolved.errors = resolved.errors.filter((e) => !(e instanceof ApiError && e.reason === 'NotFound'));
  }
  const streams: Streams = { out: (s) => ctx.out.write(s), err: (s) => ctx.err.write(s) };
  const opts: WatchOptions = {
    format,
    namespace: req.namespace,
    allNamespaces: !!f.allNamespaces,
    noHeaders: f.noHeaders,
    showManagedFields: f.showManagedFields,
    showLabels: f.showLabels,
    showKind: f.showKind,
    labelColumns: f.labelColumns,
    sortBy: f.watch || f.watchOnly ? undefined : f.sortBy,
    ignoreNotFound: f.ignoreNotFound,
    watchOnly: f.watchOnly,
    outputWatchEvents: f.outputWatchEvents,
  };
  if (f.watch || f.watchOnly) {
    await runWatch(store, req, resolved, opts, streams, untilInterrupted());
    return;
  }
  if (format.type === 'table') printTables(resolved, opts, streams, Date.now());
  else {
    if (resolved.singleItemImplied && resolved.errors.length > 0) throw resolved.errors[0];
    printGeneric(resolved, opts, streams);
  }
  failWith(resolved.errors);
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('get')
    .description('Display one or many resources')
    .usage(
      '[(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]',
    )
    .argument('[args...]');
  namespaceFlags(cmd, true);
  selectorFlags(cmd, true);
  filenameFlags(cmd, 'Filename, directory, or URL to files identifying the resource to get from a server.');
  cmd
    .option(
      '-o, --output <format>',
      'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].',
    )
    .option(
      '--template <template>',
      'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
    )
    .option(
      '-L, --label-columns <labels>',
      'Accepts a comma separated list of labels that are going to be presented as columns.',
      commaList,
    )
    .option('--sort-by <jsonpath>', 'If non-empty, sort list types using this field specification.')
    .option('--chunk-size <n>', 'Return large lists in chunks rather than all at once.')
    .option('--raw <uri>', 'Raw URI to request from the server.')
    // commander reads `--no-headers` as the negation of `headers`.
    .option(
      '--no-headers',
      "When using the default or custom-column output format, don't print headers (default print headers).",
    );
  boolFlags(cmd, [
    ['--show-labels', 'When printing, show all labels as the last column (default hide labels column)'],
    ['--show-kind', 'If present, list the resource type for the requested object(s).'],
    ['--ignore-not-found', 'If the requested object does not exist the command will return exit code 0.'],
    ['-w, --watch', 'After listing/getting the requested object, watch for changes.'],
    ['--watch-only', 'Watch for changes to the requested object(s), without listing/getting first.'],
    ['--output-watch-events', 'Output watch event objects when --watch or --watch-only is used.'],
    [
      '--show-managed-fields',
      'If true, keep the managedFields when printing objects in JSON or YAML format.',
    ],
    ['--server-print', 'If true, have the server return the appropriate table output.'],
    [
      '--allow-missing-template-keys',
      'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      true,
    ],
  ]);
  cmd.action((args: string[], flags: GetFlags & { headers?: boolean }) =>
    run(args, { ...flags, noHeaders: flags.headers === false }, ctx),
  );
}
