// kubectl's describe.DescribePodTemplate as `rollout history --revision=N` and `rollout undo
// --dry-run` print it: written through a prefix writer without a tabwriter, so the tabs stay.
// The describer itself is src/printers/describe's; it loads only on these paths.

/** `Pod Template:` and what follows, with literal tabs. */
export async function describePodTemplate(template: unknown): Promise<string> {
  const [{ describePodTemplate: describe }, { escapeTerminal }] = await Promise.all([
    import('../../printers/describe/workloads.js'),
    import('../../printers/table.js'),
  ]);
  const chunks: string[] = [];
  describe(template, {
    write: (level: number, text: string) => chunks.push(escapeTerminal('  '.repeat(level) + text)),
  });
  return chunks.join('');
}
