// What `mkube reset` says it removed: only what there was, singular or plural as counted.
import { describe, expect, it } from 'vitest';
import { removedLine } from '../../../src/commands/reset.js';

describe('reset summary line', () => {
  const cases: Array<[string, { containers: number; networks: number; volumes: number }, string]> = [
    [
      'names every kind there was, plural when more than one',
      { containers: 4, networks: 1, volumes: 2 },
      'Removed 4 containers, 1 network, 2 volumes',
    ],
    ['leaves out kinds there were none of', { containers: 0, networks: 1, volumes: 0 }, 'Removed 1 network'],
    [
      'says singular for one of each',
      { containers: 1, networks: 1, volumes: 1 },
      'Removed 1 container, 1 network, 1 volume',
    ],
    ['is empty when nothing was removed', { containers: 0, networks: 0, volumes: 0 }, ''],
  ];
  for (const [name, removed, line] of cases) {
    it(name, () => expect(removedLine(removed)).toBe(line));
  }
});
