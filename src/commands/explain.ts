// `mkube explain TYPE[.field...]`: the documentation of a kind or field, printed as
// `kubectl explain` prints it, from the very OpenAPI documents the API endpoint serves (built
// from the schema mkube validates with); no agent needed.
import type { Command } from 'commander';
import { UserError } from '../api/errors.js';
import { type KindInfo, lookupKind } from '../api/kinds.js';
import { groupVersionPath, openApiV3Documents, swaggerJson } from '../apiserver/openapi/documents.js';
import { explainV2 } from '../apiserver/openapi/explain-v2.js';
import { explainV3, type Gvr, gvrString } from '../apiserver/openapi/explain-v3.js';
import type { Ctx } from './context.js';
import { boolFlags } from './flags.js';

export interface ExplainRequest {
  info: KindInfo;
  gvr: Gvr;
  fieldPath: string[];
}

/**
 * kubectl's parsing of `TYPE[.field...]`: the first word names the resource (any of its names);
 * `deployments.apps.spec` also works (the group-qualified plural as a prefix). With
 * --api-version, the group and version come from it instead.
 */
export function parseExplainTarget(arg: string, apiVersion: string | undefined): ExplainRequest {
  const words = arg.replace(/\.$/, '').split('.');
  const info = lookupKind(words[0]);
  if (!info) throw new UserError(`the server doesn't have a resource type "${words[0]}"`);
  let fieldPath = words.slice(1);
  const qualified = info.group ? `${info.plural}.${info.group}` : info.plural;
  if (!apiVersion && arg.startsWith(qualified)) fieldPath = arg.slice(qualified.length).split('.').slice(1);
  fieldPath = fieldPath.filter((w) => w !== '');
  let gvr: Gvr = { group: info.group, version: info.version, resource: info.plural };
  if (apiVersion) {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
    gvr = { ...gvr, group, version };
  }
  return { info, gvr, fieldPath };
}

/** What `kubectl explain` prints for the request with output format `format`, and its error. */
export function explain(
  request: ExplainRequest,
  recursive: boolean,
  format: string,
): { out: string; error?: string } {
  if (format === 'plaintext-openapiv2') {
    const apiVersion = request.gvr.group
      ? `${request.gvr.group}/${request.gvr.version}`
      : request.gvr.version;
    return explainV2(
      JSON.parse(swaggerJson()),
      { apiVersion, kind: request.info.kind },
      request.fieldPath,
      recursive,
    );
  }
  const json = openApiV3Documents().get(groupVersionPath(request.gvr));
  if (json === undefined) return { out: '', error: `couldn't find resource for "${gvrString(request.gvr)}"` };
  if (format !== 'plaintext') return { out: '', error: `unrecognized format: ${format}` };
  return explainV3(JSON.parse(json), request.gvr, request.fieldPath, recursive);
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('explain')
    .description('Get documentation for a resource')
    .argument('[type]')
    .argument('[extra...]');
  boolFlags(cmd, [
    [
      '--recursive',
      'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.',
      false,
    ],
  ]);
  cmd
    .option('--api-version <group/version>', 'Use given api-version (group/version) of the resource.')
    .option(
      '-o, --output <format>',
      'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).',
      'plaintext',
    )
    .action((type: string | undefined, extra: string[], opts: ExplainOptions) => {
      if (!type)
        throw new UserError(
          'You must specify the type of resource to explain. Use "mkube api-resources" for a complete list of supported resources.',
        );
      if (extra.length > 0) throw new UserError('We accept only this format: explain RESOURCE');
      const request = parseExplainTarget(type, opts.apiVersion);
      const { out, error } = explain(request, opts.recursive, opts.output);
      ctx.out.write(out);
      if (error) throw new UserError(error.replace(/^error: /, ''));
    });
}

interface ExplainOptions {
  recursive: boolean;
  apiVersion?: string;
  output: string;
}
