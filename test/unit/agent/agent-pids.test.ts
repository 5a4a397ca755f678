// Finding a home's agents by their command line: a tool the agent is spawning shows the agent's
// command line and environment until it execs, and is no agent.
import { describe, expect, it } from 'vitest';
import { withoutForkedChildren } from '../../../src/agent/process.js';

describe('withoutForkedChildren', () => {
  const cases: Array<[string, Array<{ pid: number; ppid: number }>, number[], number[]]> = [
    ['one agent', [{ pid: 10, ppid: 1 }], [], [10]],
    [
      'an agent and the child it is forking',
      [
        { pid: 10, ppid: 1 },
        { pid: 11, ppid: 10 },
      ],
      [],
      [10],
    ],
    ['a child of the agent named by the pid file', [{ pid: 11, ppid: 10 }], [10], []],
    [
      'two agents of the same home (both stopped by reset)',
      [
        { pid: 10, ppid: 1 },
        { pid: 20, ppid: 7 },
      ],
      [],
      [10, 20],
    ],
  ];
  it.each(cases)('%s', (_, found, known, want) =>
    expect(withoutForkedChildren(found, new Set(known))).toEqual(want),
  );
});
