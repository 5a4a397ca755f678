// `mkube create configmap|cm NAME` and `mkube create secret generic|tls|docker-registry NAME`,
// as kubectl's cmd/create/create_configmap.go and create_secret*.go: the object from the
// sources, --append-hash, then the path `create deployment` takes (client/server dry run,
// --save-config, -o). Wired under `create` by registerCreateConfig.
import type { Command } from 'commander';
import { ApiError, UserError } from '../api/errors.js';
import { formatFieldError, InvalidError } from '../api/field-errors.js';
import { type KindInfo, lookupKind } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import {
  type ConfigSources,
  configMapData,
  configMapHash,
  readSources,
  secretData,
  secretHash,
} from './config-data.js';
import type { Ctx } from './context.js';
import {
  dryRunFlag,
  dryRunOf,
  namespaceFlags,
  namespaceOf,
  outputFlag,
  repeatable,
  withParentFlags,
} from './flags.js';
import { dockerConfigJson, tlsData } from './secret-sources.js';
import { createGenerated } from './workload/create-generated.js';
import { VerbPrinter } from './workload/output.js';

const CONFIGMAP = lookupKind('configmaps')!;
const SECRET = lookupKind('secrets')!;

interface CommonOpts extends ConfigSources {
  namespace?: string;
  output?: string;
  dryRun?: string;
  saveConfig?: boolean;
  validate?: string;
  appendHash?: boolean;
}

/** metadata in ObjectMeta's field order, as kubectl's JSON shows it. */
function meta(name: string, namespace: string | undefined): KObject['metadata'] {
  return { name, ...(namespace ? { namespace } : {}), creationTimestamp: null as unknown as string };
}

function oneName(args: string[], path: string): string {
  if (args.length !== 1)
    throw new UserError(
      `exactly one NAME is required, got ${args.length}\nSee 'mkube ${path} -h' for help and examples`,
    );
  return args[0]!;
}

/** `prefix`: kubectl's wrapping of a server error (`failed to create configmap: `, `failed to create secret `). */
async function send(ctx: Ctx, kind: KindInfo, obj: KObject, o: CommonOpts, prefix: string): Promise<void> {
  const dryRun = dryRunOf(ctx, o.dryRun);
  const printer = await VerbPrinter.create(ctx.out, o.output, dryRun);
  const { namespace } = namespaceOf(o);
  await createGenerated(ctx, {
    kind,
    obj,
    namespace,
    dryRun,
    saveConfig: o.saveConfig,
    printer,
    // kubectl wraps every server error with %v, a 422 included: it prints as the StatusError's
    // own text (`Secret "x" is invalid: [a, b]`), not as the unwrapped-422 form.
    failure: (e) => (e instanceof ApiError ? new UserError(`${prefix}${statusErrorText(e)}`) : e),
  });
}

function statusErrorText(e: ApiError): string {
  if (!(e instanceof InvalidError)) return e.message;
  const causes = e.causes.map((c) => formatFieldError(c));
  const aggregate = causes.length === 1 ? causes[0] : `[${causes.join(', ')}]`;
  return `${e.kind} "${e.objectName}" is invalid: ${aggregate}`;
}

async function createConfigMap(ctx: Ctx, args: string[], o: CommonOpts): Promise<void> {
  const name = oneName(args, 'create configmap');
  const { namespace, explicit } = namespaceOf(o);
  const entries = readSources(o, 'ConfigMap', name);
  const cm: KObject = {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: meta(name, explicit ? namespace : undefined),
    ...configMapDataInOrder(configMapData(entries)),
  };
  if (o.appendHash) cm.metadata.name = `${name}-${configMapHash(cm as never)}`;
  await send(ctx, CONFIGMAP, cm, o, 'failed to create configmap: ');
}

const configMapDataInOrder = (d: ReturnType<typeof configMapData>) => ({
  ...(d.data ? { data: d.data } : {}),
  ...(d.binaryData ? { binaryData: d.binaryData } : {}),
});

function secretObject(
  name: string,
  namespace: string | undefined,
  data: Record<string, string> | undefined,
  type: string,
): KObject {
  return {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: meta(name, namespace),
    ...(data ? { data } : {}),
    ...(type ? { type } : {}),
  };
}

async function createSecret(ctx: Ctx, args: string[], o: CommonOpts & { type?: string }): Promise<void> {
  const name = oneName(args, 'create secret generic');
  const { namespace, explicit } = namespaceOf(o);
  const secret = secretObject(
    name,
    explicit ? namespace : undefined,
    secretData(readSources(o, 'Secret', name)),
    o.type ?? '',
  );
  if (o.appendHash) secret.metadata.name = `${name}-${secretHash(secret as never)}`;
  await send(ctx, SECRET, secret, o, 'failed to create secret ');
}

async function createTlsSecret(ctx: Ctx, args: string[], o: CommonOpts & { cert?: string; key?: string }) {
  const name = oneName(args, 'create secret tls');
  const { namespace, explicit } = namespaceOf(o);
  const secret = secretObject(
    name,
    explicit ? namespace : undefined,
    tlsData(o.cert, o.key),
    'kubernetes.io/tls',
  );
  if (o.appendHash) secret.metadata.name = `${name}-${secretHash(secret as never)}`;
  await send(ctx, SECRET, secret, o, 'failed to create secret ');
}

interface DockerOpts extends CommonOpts {
  dockerServer: string;
  dockerUsername?: string;
  dockerPassword?: string;
  dockerEmail?: string;
}

async function createDockerSecret(ctx: Ctx, args: string[], o: DockerOpts) {
  const name = oneName(args, 'create secret docker-registry');
  const { namespace, explicit } = namespaceOf(o);
  let data: Record<string, string> | undefined;
  // A file without a key name is the .dockerconfigjson.
  const files = o.fromFile?.map((f) => (f.includes('=') ? f : `.dockerconfigjson=${f}`));
  if (files?.length) data = secretData(readSources({ fromFile: files }, 'Secret', name));
  else {
    if (!o.dockerUsername || !o.dockerPassword || !o.dockerServer)
      throw new UserError(
        'either --from-file or the combination of --docker-username, --docker-password and --docker-server is required',
      );
    data = {
      '.dockerconfigjson': Buffer.from(
        dockerConfigJson(o.dockerServer, o.dockerUsername, o.dockerPassword, o.dockerEmail),
      ).toString('base64'),
    };
  }
  const secret = secretObject(name, explicit ? namespace : undefined, data, 'kubernetes.io/dockerconfigjson');
  if (o.appendHash) secret.metadata.name = `${name}-${secretHash(secret as never)}`;
  await send(ctx, SECRET, secret, o, 'failed to create secret ');
}

function commonFlags(cmd: Command, sources: boolean): Command {
  if (sources) {
    cmd
      .option(
        '--from-file <source>',
        'Key file can be specified using its file path, in which case file basename will be used as the key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid key.',
        repeatable,
      )
      .option(
        '--from-literal <key=value>',
        'Specify a key and literal value to insert (i.e. mykey=somevalue)',
        repeatable,
      )
      .option(
        '--from-env-file <file>',
        'Specify the path to a file to read lines of key=val pairs to create a configmap or secret.',
        repeatable,
      );
  }
  cmd
    .option('--append-hash', 'Append a hash of the object to its name.')
    .option('--save-config', 'If true, the configuration of current object will be saved in its annotation.')
    .option('--validate <mode>', 'Must be one of: strict (or true), warn, ignore (or false).', 'strict');
  outputFlag(cmd);
  dryRunFlag(cmd);
  namespaceFlags(cmd);
  return cmd;
}

/**
 * withParentFlags, also from `create` for `create secret generic`: commander leaves the flags
 * `create` knows (-o, --dry-run, -n) with it when they come after the second word.
 */
function withAncestorFlags<T extends object>(cmd: Command, opts: T): T {
  const merged: Record<string, unknown> = { ...(withParentFlags(cmd, opts) as Record<string, unknown>) };
  const own = new Set(cmd.options.map((o) => o.attributeName()));
  const grand = cmd.parent?.parent;
  for (const [key, value] of Object.entries(grand?.opts() ?? {})) {
    if (!own.has(key) || grand!.getOptionValueSource(key) !== 'cli') continue;
    if (cmd.getOptionValueSource(key) !== 'cli') merged[key] = value;
  }
  return merged as T;
}

/** Adds `configmap` (alias `cm`) and `secret generic|tls|docker-registry` under `create`. */
export function registerCreateConfig(createCommand: Command, ctx: Ctx): void {
  const cm = commonFlags(
    createCommand
      .command('configmap')
      .alias('cm')
      .description('Create a config map from a local file, directory or literal value')
      .usage(
        'NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
      )
      .argument('[name...]'),
    true,
  );
  cm.action((args: string[], o: CommonOpts) => createConfigMap(ctx, args, withParentFlags(cm, o)));

  const secret = createCommand.command('secret').description('Create a secret using a specified subcommand');
  const generic = commonFlags(
    secret
      .command('generic')
      .description('Create a secret from a local file, directory, or literal value')
      .usage(
        'NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
      )
      .argument('[name...]')
      .option('--type <type>', 'The type of secret to create'),
    true,
  );
  generic.action((args: string[], o: CommonOpts) => createSecret(ctx, args, withAncestorFlags(generic, o)));

  const tls = commonFlags(
    secret
      .command('tls')
      .description('Create a TLS secret')
      .usage('NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]')
      .argument('[name...]')
      .option('--cert <path>', 'Path to PEM encoded public key certificate.')
      .option('--key <path>', 'Path to private key associated with given certificate.'),
    false,
  );
  tls.action((args: string[], o: CommonOpts) => createTlsSecret(ctx, args, withAncestorFlags(tls, o)));

  const docker = commonFlags(
    secret
      .command('docker-registry')
      .description('Create a secret for use with a Docker registry')
      .usage(
        'NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]',
      )
      .argument('[name...]')
      .option(
        '--docker-server <server>',
        'Server location for Docker registry',
        'https://index.docker.io/v1/',
      )
      .option('--docker-username <name>', 'Username for Docker registry authentication')
      .option('--docker-password <password>', 'Password for Docker registry authentication')
      .option('--docker-email <email>', 'Email for Docker registry')
      .option(
        '--from-file <source>',
        'Key files can be specified using their file path, in which case a default name of .dockerconfigjson will be given to them, or optionally with a name and file path, in which case the given name will be used. Specifying a directory will iterate each named file in the directory that is a valid secret key. For this command, the key should always be .dockerconfigjson.',
        repeatable,
      ),
    false,
  );
  docker.action((args: string[], o: DockerOpts) =>
    createDockerSecret(ctx, args, withAncestorFlags(docker, o)),
  );
}
