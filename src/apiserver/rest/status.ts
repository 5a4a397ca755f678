// Errors as the API server writes them: a metav1.Status with kind, apiVersion v1, status
// Failure, message, reason, details {name, group, kind, causes} and code — the body kubectl
// turns into `Error from server (NotFound): pods "x" not found`.
import { ApiError, UserError } from '../../api/errors.js';
import { type FieldError, formatFieldError, InvalidError, pathString } from '../../api/field-errors.js';
import type { KindInfo } from '../../api/kinds.js';
import { encodeOrdered } from './json.js';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code?: number;
}

/** Reasons the registry does not raise but the REST layer does, with their codes. */
export class HttpError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** 404 for a path that names no resource (apiserver's NewNotFound with an empty resource). */
export const noSuchResource = (): HttpError =>
  new HttpError(404, 'NotFound', 'the server could not find the requested resource', {});

export const methodNotAllowed = (): HttpError =>
  new HttpError(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
    {},
  );

export const badRequest = (message: string): HttpError => new HttpError(400, 'BadRequest', message);

/** `too old resource version: 5 (10)`: the watch cache's words for a start point it no longer has. */
export const expired = (message: string): HttpError => new HttpError(410, 'Expired', message);

/** apimachinery's field.CauseType for each field error type. */
const CAUSE_REASONS: Record<FieldError['type'], string> = {
  Required: 'FieldValueRequired',
  Invalid: 'FieldValueInvalid',
  Duplicate: 'FieldValueDuplicate',
  Unsupported: 'FieldValueNotSupported',
  NotFound: 'FieldValueNotFound',
  Forbidden: 'FieldValueForbidden',
};

/** A field error as a StatusCause: the message is the error's body without its field path. */
export function causeOf(e: FieldError): StatusCause {
  const field = pathString(e.path);
  const text = formatFieldError(e);
  return { reason: CAUSE_REASONS[e.type], message: text.slice(field.length + 2), field };
}

/** `deployments.apps` -> {group: apps, kind: deployments} (details name the resource, not the kind). */
function resourceDetails(resource: string, name: string): StatusDetails {
  const dot = resource.indexOf('.');
  return dot < 0
    ? { name, kind: resource }
    : { name, group: resource.slice(dot + 1), kind: resource.slice(0, dot) };
}

/**
 * The details the API server attaches to an error. The registry's errors carry only a message,
 * made by ApiError.notFound/alreadyExists/conflict from `resource "name"`: read them back from it.
 */
function detailsOf(err: ApiError, resource?: KindInfo): StatusDetails | undefined {
  if (err instanceof InvalidError) {
    const [kind, named] = splitKind(err.kind);
    const group = named ?? (resource?.kind === kind && resource.group ? resource.group : undefined);
    return { name: err.objectName, group, kind, causes: err.causes.map(causeOf) };
  }
  const patterns = [
    /^(\S+) "([^"]*)" (?:not found|already exists)$/,
    /^Operation cannot be fulfilled on (\S+) "([^"]*)"/,
    /^(\S+) "([^"]*)" is forbidden: /,
  ];
  for (const re of patterns) {
    const m = re.exec(err.message);
    if (m) return resourceDetails(m[1]!, m[2]!);
  }
  return undefined;
}

/** InvalidError.kind is `Deployment` or `Deployment.apps`. */
function splitKind(kind: string): [string, string | undefined] {
  const dot = kind.indexOf('.');
  return dot < 0 ? [kind, undefined] : [kind.slice(0, dot), kind.slice(dot + 1)];
}

/**
 * The Status for anything a handler threw (`resource`: the kind the request was for, whose group
 * a 422's details carry); an unexpected error is a 500 InternalError, as a panic is.
 */
export function statusOf(err: unknown, resource?: KindInfo): Status {
  if (err instanceof HttpError) {
    return {
      status: 'Failure',
      message: err.message,
      reason: err.reason,
      details: err.details,
      code: err.code,
    };
  }
  if (err instanceof ApiError) {
    return {
      status: 'Failure',
      message: err.message,
      reason: err.reason,
      details: detailsOf(err, resource),
      code: err.code,
    };
  }
  // A mistake in what was sent that the code below the API words as a user's error.
  if (err instanceof UserError)
    return { status: 'Failure', message: err.message, reason: 'BadRequest', code: 400 };
  const message = err instanceof Error ? err.message : String(err);
  return {
    status: 'Failure',
    message: `Internal error occurred: ${message}`,
    reason: 'InternalError',
    details: { causes: [{ message }] },
    code: 500,
  };
}

/** The Status as JSON, fields in metav1.Status order. */
export function encodeStatus(s: Status): string {
  return encodeOrdered({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: s.status,
    message: s.message,
    reason: s.reason,
    details: s.details && {
      name: s.details.name,
      group: s.details.group,
      kind: s.details.kind,
      uid: s.details.uid,
      causes: s.details.causes?.map((c) => ({ reason: c.reason, message: c.message, field: c.field })),
      retryAfterSeconds: s.details.retryAfterSeconds,
    },
    code: s.code,
  });
}
