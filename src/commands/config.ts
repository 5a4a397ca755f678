// `mkube config`: kubectl's kubeconfig verbs on mkube's own kubeconfig ($MKUBE_HOME/kubeconfig,
// or --kubeconfig). The current context's namespace is what every verb uses without -n.
import type { Command } from 'commander';
import { UserError } from '../api/errors.js';
import {
  type Kubeconfig,
  kubeconfigPath,
  loadForRead,
  loadForWrite,
  writeKubeconfig,
} from '../state/kubeconfig.js';
import {
  currentContext,
  getContexts,
  jsonOrder,
  minify,
  redact,
  setContext,
  useContext,
} from './config-edit.js';
import type { Ctx } from './context.js';
import { boolFlags } from './flags.js';

/** A global flag's value, wherever on the command path commander put it. */
function globalValue(cmd: Command, key: 'kubeconfig' | 'context'): string | undefined {
  for (let c: Command | null = cmd; c; c = c.parent) {
    const v = c.getOptionValue(key);
    if (typeof v === 'string') return v;
  }
  return undefined;
}

/** cmdutil's helpErrorf: the command's help, then the error. */
function helpError(cmd: Command, message: string): UserError {
  cmd.outputHelp();
  return new UserError(message);
}

export function register(program: Command, ctx: Ctx): void {
  const config = program.command('config').description('Modify kubeconfig files').usage('SUBCOMMAND');

  const save = async (cmd: Command, next: Kubeconfig) => {
    const { toYaml } = await import('../printers/yaml.js');
    writeKubeconfig(kubeconfigPath(ctx.home, globalValue(cmd, 'kubeconfig')), toYaml(next));
  };
  const load = (cmd: Command, forWrite = false) =>
    (forWrite ? loadForWrite : loadForRead)(ctx.home, globalValue(cmd, 'kubeconfig'));

  config
    .command('current-context')
    .description('Display the current-context')
    .usage('[flags]')
    .action(async (_opts: unknown, cmd: Command) => {
      ctx.out.write(currentContext(await load(cmd)));
    });

  config
    .command('use-context')
    .alias('use')
    .description('Set the current-context in a kubeconfig file')
    .usage('CONTEXT_NAME')
    .argument('[name...]')
    .action(async (names: string[], _opts: unknown, cmd: Command) => {
      if (names.length !== 1) throw helpError(cmd, `Unexpected args: [${names.join(' ')}]`);
      const { config: next, message } = useContext(await load(cmd, true), names[0]!);
      await save(cmd, next);
      ctx.out.write(message);
    });

  const getCtx = config
    .command('get-contexts')
    .description('Describe one or many contexts')
    .usage('[(-o|--output=)name)]')
    .argument('[name...]')
    .option('-o, --output <format>', 'Output format. One of: (name).');
  boolFlags(getCtx, [
    [
      '--no-headers',
      "When using the default or custom-column output format, don't print headers (default print headers).",
    ],
  ]);
  getCtx.action(async (names: string[], opts: { output?: string; headers?: boolean }, cmd: Command) => {
    let output = opts.output;
    if (output !== undefined && output !== 'name') {
      if (output === 'wide' || output === '')
        ctx.err.write(
          `error: --output ${output} is not available in kubectl config get-contexts; resetting to default output format\n`,
        );
      else throw new UserError(`output must be one of '' or 'name': ${output}`);
      output = undefined;
    }
    const r = getContexts(await load(cmd), names, { output, noHeaders: opts.headers === false });
    ctx.out.write(r.out);
    if (r.errors.length) throw new UserError(r.errors.join('\nerror: '));
  });

  config
    .command('set-context')
    .description('Set a context entry in kubeconfig')
    .usage('[NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace]')
    .argument('[name...]')
    .option('--cluster <name>', 'cluster for the context entry in kubeconfig')
    .option('--current', 'Modify the current context')
    .option('--namespace <namespace>', 'namespace for the context entry in kubeconfig')
    .option('--user <name>', 'user for the context entry in kubeconfig')
    .action(
      async (
        names: string[],
        opts: { cluster?: string; current?: boolean; namespace?: string; user?: string },
        cmd: Command,
      ) => {
        if (names.length > 1) throw helpError(cmd, `Unexpected args: [${names.join(' ')}]`);
        if (names.length === 0 && !opts.current)
          throw helpError(cmd, 'you must specify a non-empty context name or --current');
        const { config: next, message } = setContext(await load(cmd, true), names[0], opts);
        await save(cmd, next);
        ctx.out.write(message);
      },
    );

  const view = config
    .command('view')
    .description('Display merged kubeconfig settings or a specified kubeconfig file')
    .usage('[flags]')
    .argument('[args...]')
    .option(
      '-o, --output <format>',
      'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      'yaml',
    )
    .option(
      '--template <template>',
      'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
    );
  boolFlags(view, [
    [
      '--allow-missing-template-keys',
      'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      true,
    ],
    // One file, never merged: accepted for kubectl's scripts.
    ['--merge', 'Merge the full hierarchy of kubeconfig files', true],
    [
      '--show-managed-fields',
      'If true, keep the managedFields when printing objects in JSON or YAML format.',
    ],
    [
      '--flatten',
      'Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)',
    ],
    ['--minify', 'Remove all information not used by current-context from the output'],
    ['--raw', 'Display raw byte data and sensitive data'],
  ]);
  view.action(
    async (
      args: string[],
      opts: { output: string; template?: string; minify?: boolean; raw?: boolean },
      cmd: Command,
    ) => {
      if (args.length > 0) {
        throw new UserError(
          `unexpected arguments: [${args.join(' ')}]\nSee 'mkube config view -h' for help and examples`,
        );
      }
      let shown = await load(cmd);
      if (opts.minify) shown = minify(shown, globalValue(cmd, 'context'));
      if (!opts.raw) shown = redact(shown);
      const { parseOutputFormat, GenericPrinter } = await import('../printers/output.js');
      const format = parseOutputFormat(opts.output, { template: opts.template, allowWide: false });
      if (format.type === 'table') throw new UserError(`output format "${opts.output}" is not supported`);
      // client-go's struct order; GenericPrinter's JSON sorts keys as for API objects.
      if (format.type === 'json') ctx.out.write(`${JSON.stringify(jsonOrder(shown), null, 4)}\n`);
      else
        new GenericPrinter(format, (s) => ctx.out.write(s)).print(
          format.type === 'yaml' ? shown : jsonOrder(shown),
        );
    },
  );
}
