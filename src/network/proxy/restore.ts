// The text handed to `iptables-restore --noflush` for one table, and what `iptables-save` tells us.
// Declaring a chain in a --noflush restore creates or flushes it, so the desired chains are rebuilt
// atomically; chains of this home that are no longer wanted are declared (flushed) and then deleted,
// after every rule that pointed at them is gone. Nothing outside this home's prefix is named. Pure.
import { chainPrefix } from './names.js';

/** Names of the chains of this home that exist in one table, from `iptables-save -t <table>` output. */
export function ownChains(saveOutput: string, id: string): string[] {
  const prefix = `:${chainPrefix(id)}`;
  return saveOutput
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(1).split(' ')[0]!);
}

/** Whole restore input for one table: desired chains and rules, then stale chains removed. */
export function restoreText(table: 'nat' | 'filter', lines: string[], existing: string[]): string {
  const declared = new Set(lines.filter((l) => l.startsWith(':')).map((l) => l.slice(1).split(' ')[0]!));
  const stale = existing.filter((c) => !declared.has(c));
  const declarations = lines.filter((l) => l.startsWith(':'));
  const rules = lines.filter((l) => !l.startsWith(':'));
  return `${[
    `*${table}`,
    ...declarations,
    ...stale.map((c) => `:${c} - [0:0]`),
    ...rules,
    ...stale.map((c) => `-X ${c}`),
    'COMMIT',
  ].join('\n')}\n`;
}

/** Restore input that removes every chain of this home in one table (after its jumps are gone). */
export function removalText(table: 'nat' | 'filter', existing: string[]): string {
  return restoreText(table, [], existing);
}

/**
 * The service range a home's rules were built for, from `iptables-save -t nat` output: its SERVICES
 * chain returns early for the range (`-A MKUBE-<id>-SERVICES -d <cidr> -j RETURN`). Lets a reset
 * remove the local route of a home whose directory, and so its config, is already gone.
 */
export function serviceCIDRInRules(natSave: string, id: string): string | undefined {
  const head = `-A ${chainPrefix(id)}SERVICES -d `;
  for (const line of natSave.split('\n')) {
    if (!line.startsWith(head)) continue;
    const m = /^(\d+\.\d+\.\d+\.\d+\/\d+) -j RETURN$/.exec(line.slice(head.length));
    if (m && !m[1]!.startsWith('127.')) return m[1];
  }
  return undefined;
}
