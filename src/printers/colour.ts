// Colour is decoration only: on a terminal, and never where a script reads (pipes, files).
import chalk from 'chalk';

export type Paint = (text: string) => string;

/** Red for error prefixes when `stream` is a terminal and NO_COLOR is unset; identity otherwise. */
export function errorPaint(stream: { isTTY?: boolean }): Paint {
  if (!stream.isTTY || process.env.NO_COLOR) return (t) => t;
  return (t) => chalk.red(t);
}
