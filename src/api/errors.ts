// Errors are typed by who is at fault: the user (exit 1, message only) or the "server"
// (an API status like NotFound, printed as kubectl prints it). Anything else is a bug.

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'TooManyRequests'
  | 'InternalError';

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  Forbidden: 403,
  TooManyRequests: 429,
  InternalError: 500,
};

/** An API status error, printed as `Error from server (<reason>): <message>`. */
export class ApiError extends Error {
  readonly code: number;
  constructor(
    readonly reason: StatusReason,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = CODES[reason];
  }

  /** `pods "x" not found`; `resource` is the plural, with `.group` for non-core groups. */
  static notFound(resource: string, name: string): ApiError {
    return new ApiError('NotFound', `${resource} "${name}" not found`);
  }

  static alreadyExists(resource: string, name: string): ApiError {
    return new ApiError('AlreadyExists', `${resource} "${name}" already exists`);
  }

  static conflict(resource: string, name: string): ApiError {
    return new ApiError(
      'Conflict',
      `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    );
  }
}

/** A mistake in what the user typed or wrote: printed as `error: <message>` (or verbatim), exit 1. */
export class UserError extends Error {
  constructor(
    message: string,
    /** When true the message is printed as is, without the `error: ` prefix. */
    readonly verbatim = false,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
