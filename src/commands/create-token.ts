// `mkube create token SERVICE_ACCOUNT_NAME [--audience A]... [--duration D] [--bound-object-kind
// Pod --bound-object-name N [--bound-object-uid U]]`: a bound token for a ServiceAccount, signed
// with the agent's key as the TokenRequest API issues it, printed alone on a line as kubectl does.
import type { Command } from 'commander';
import { ApiError, UserError } from '../api/errors.js';
import { formatFieldError, InvalidError } from '../api/field-errors.js';
import type { Ctx } from './context.js';
import { parseGoDuration } from './flag-values.js';
import { namespaceFlags, namespaceOf, withParentFlags } from './flags.js';

interface CreateTokenOpts {
  audience?: string[];
  duration?: string;
  boundObjectKind?: string;
  boundObjectName?: string;
  boundObjectUid?: string;
  namespace?: string;
}

const BOUND_KINDS = ['Pod'];

/** The TokenRequest spec the flags ask for, or kubectl's message for flags it refuses. Pure. */
export function tokenRequestSpecOf(o: CreateTokenOpts): {
  audiences?: string[];
  expirationSeconds?: number;
  boundObjectRef?: { kind: string; apiVersion: string; name: string; uid?: string };
} {
  if ((o.audience ?? []).some((a) => a === '')) throw new UserError('--audience must not be an empty string');
  let expirationSeconds: number | undefined;
  if (o.duration !== undefined) {
    const d = parseGoDuration(o.duration);
    if ('error' in d)
      throw new UserError(`invalid argument "${o.duration}" for "--duration" flag: ${d.error}`);
    if (d.ms < 0) throw new UserError('--duration must be greater than or equal to 0');
    if (d.ms % 1000 !== 0) throw new UserError('--duration cannot be expressed in units less than seconds');
    if (d.ms > 0) expirationSeconds = d.ms / 1000;
  }
  if (!o.boundObjectKind) {
    if (o.boundObjectName)
      throw new UserError('--bound-object-name can only be set if --bound-object-kind is provided');
    if (o.boundObjectUid)
      throw new UserError('--bound-object-uid can only be set if --bound-object-kind is provided');
  } else {
    if (!BOUND_KINDS.includes(o.boundObjectKind))
      throw new UserError(
        `supported --bound-object-kind values are ${BOUND_KINDS.join(', ')}; mkube binds no other kinds`,
      );
    if (!o.boundObjectName)
      throw new UserError('--bound-object-name is required if --bound-object-kind is provided');
  }
  return {
    ...(o.audience?.length ? { audiences: o.audience } : {}),
    ...(expirationSeconds !== undefined ? { expirationSeconds } : {}),
    ...(o.boundObjectKind
      ? {
          boundObjectRef: {
            kind: o.boundObjectKind,
            apiVersion: 'v1',
            name: o.boundObjectName!,
            ...(o.boundObjectUid ? { uid: o.boundObjectUid } : {}),
          },
        }
      : {}),
  };
}

async function run(ctx: Ctx, args: string[], o: CreateTokenOpts): Promise<void> {
  if (args.length !== 1)
    throw new UserError(
      "SERVICE_ACCOUNT_NAME is required\nSee 'mkube create token -h' for help and examples",
    );
  const spec = tokenRequestSpecOf(o);
  const { namespace } = namespaceOf(o);
  const { requestToken } = await import('../registry/token-request.js');
  let tokenRequest: { status: { token: string } };
  try {
    tokenRequest = requestToken(ctx.store(), ctx.home, namespace, args[0]!, spec) as never;
  } catch (e) {
    // kubectl wraps the server's error: `failed to create token: <status message>`.
    if (e instanceof InvalidError)
      throw new UserError(
        `failed to create token: ${e.kind} "${e.objectName}" is invalid: ${e.causes.map(formatFieldError).join(', ')}`,
      );
    if (e instanceof ApiError) throw new UserError(`failed to create token: ${e.message}`);
    throw e;
  }
  ctx.out.write(`${tokenRequest.status.token}\n`);
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Adds `token` under the `create` command. */
export function registerCreateToken(createCommand: Command, ctx: Ctx): void {
  const cmd = createCommand
    .command('token')
    .description('Request a service account token')
    .usage('SERVICE_ACCOUNT_NAME [options]')
    .argument('[args...]')
    .option(
      '--audience <audience>',
      'Audience of the requested token. If unset, defaults to requesting a token for use with the Kubernetes API server. May be repeated to request a token valid for multiple audiences.',
      collect,
    )
    .option(
      '--duration <duration>',
      'Requested lifetime of the issued token. If not set or if set to 0, the lifetime will be determined by the server automatically.',
    )
    .option('--bound-object-kind <kind>', 'Kind of an object to bind the token to. Supported kinds are Pod.')
    .option(
      '--bound-object-name <name>',
      'Name of an object to bind the token to. The token will expire when the object is deleted. Requires --bound-object-kind.',
    )
    .option(
      '--bound-object-uid <uid>',
      'UID of an object to bind the token to. Requires --bound-object-kind and --bound-object-name. If unset, the UID of the existing object is used.',
    );
  namespaceFlags(cmd);
  cmd.action((args: string[], o: CreateTokenOpts) => run(ctx, args, withParentFlags(cmd, o)));
}
