/** One verb's help text, as kubectl's cobra.Command fields hold it. */
export interface HelpText {
  /** kubectl's Long (the Short with a period when absent). */
  long: string;
  /** kubectl's Example, unindented. */
  examples?: string;
  /** kubectl's Use after the command name, without ` [options]`. */
  use?: string;
}
