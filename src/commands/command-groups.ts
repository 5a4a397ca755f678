// kubectl's command groups (`kubectl --help`), which also order cobra's "Did you mean this?"
// suggestions (the order commands were added to the root).
import type { Command } from 'commander';

/** kubectl's groups, in its order; mkube's own verbs have one; the rest go to Other Commands. */
export const COMMAND_GROUPS: ReadonlyArray<[title: string, names: string[]]> = [
  ['Basic Commands (Beginner)', ['create', 'expose', 'run', 'set']],
  ['Basic Commands (Intermediate)', ['explain', 'get', 'edit', 'delete']],
  ['Deploy Commands', ['rollout', 'scale', 'autoscale']],
  [
    'Cluster Management Commands',
    ['certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint'],
  ],
  [
    'Troubleshooting and Debugging Commands',
    ['describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events'],
  ],
  ['Advanced Commands', ['diff', 'apply', 'patch', 'replace', 'wait', 'kustomize']],
  ['Settings Commands', ['label', 'annotate', 'completion']],
  ['Local Engine Commands', ['agent', 'kubeconfig', 'reset']],
];

/** The root's visible verbs by group, in kubectl's order (also cobra's suggestion order). */
export function groupedCommands(program: Command): Array<[string, Command[]]> {
  const visible = program.commands.filter((c) => !isHidden(c) && c.name() !== 'help');
  const byName = new Map(visible.map((c) => [c.name(), c]));
  const groups: Array<[string, Command[]]> = [];
  const placed = new Set<string>();
  for (const [title, names] of COMMAND_GROUPS) {
    const cmds = names.flatMap((n) => (byName.has(n) ? [byName.get(n)!] : []));
    for (const c of cmds) placed.add(c.name());
    if (cmds.length) groups.push([title, cmds]);
  }
  const other = visible.filter((c) => !placed.has(c.name())).sort((a, b) => (a.name() < b.name() ? -1 : 1));
  if (other.length) groups.push(['Other Commands', other]);
  return groups;
}

export function isHidden(cmd: Command): boolean {
  return (cmd as unknown as { _hidden?: boolean })._hidden === true;
}
