// kubectl collects the errors of a multi-object verb and reports them at the end
// (cmdutil.CheckErr): one error prints as itself, several print one per line without
// the `error: ` prefix, except where the message carries it already.
import { ApiError, UserError } from '../../api/errors.js';
import { InvalidError } from '../../api/field-errors.js';

/** The message kubectl prints for one error among several (`messageForError`). */
export function messageForError(err: unknown): string {
  // A 422 prints without `Error from server` (kubectl's checkErr special case).
  if (err instanceof InvalidError) return err.message;
  if (err instanceof ApiError) return `Error from server (${err.reason}): ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

/** A plain (non-API) error whose message may already start with `error: `. */
export function plainError(message: string): UserError {
  return message.startsWith('error: ') ? new UserError(message, true) : new UserError(message);
}

/** The error to throw for `errors`, as kubectl's CheckErr would print it; undefined for none. */
export function aggregate(errors: readonly unknown[]): Error | undefined {
  if (errors.length === 0) return undefined;
  if (errors.length === 1) {
    const only = errors[0];
    if (only instanceof InvalidError) return new UserError(only.message, true);
    if (only instanceof ApiError || only instanceof UserError) return only;
    return plainError(only instanceof Error ? only.message : String(only));
  }
  return new UserError(errors.map(messageForError).join('\n'), true);
}

/** Throws the aggregate of `errors`, if any. */
export function throwIfAny(errors: readonly unknown[]): void {
  const err = aggregate(errors);
  if (err) throw err;
}

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
export function finish(ctx: { err: NodeJS.WritableStream }, errors: unknown[]): void {
  if (!errors.length) return;
  const texts = errors.map(errorText);
  for (const t of texts.slice(0, -1)) ctx.err.write(`${t}\n`);
  throw new UserError(texts[texts.length - 1]!, true);
}
