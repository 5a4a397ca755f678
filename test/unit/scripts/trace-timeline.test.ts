// The timeline printer of MKUBE_TRACE files: parsing, ordering by start, the summary, whole.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import {
  formatTimeline,
  operationOf,
  parseTrace,
  parseTraceLine,
  summarize,
} from '../../../scripts/trace-timeline.mjs';

const line = (wall: number, pid: number, who: string, cat: string, msg: string, dur?: number) =>
  [wall.toFixed(3), '10.000', pid, who, cat, msg, dur === undefined ? '-' : dur.toFixed(3)].join('\t');

const TEXT = [
  line(1000, 1, 'cli', 'cli', 'start apply'),
  line(1012, 1, 'cli', 'store', 'ADDED Pod default/p rv=8 commit 2.0 ms (lock wait 0.5 ms)', 4),
  line(1020, 2, 'agent', 'watch', 'ADDED Pod default/p rv=8'),
  line(1400, 2, 'agent', 'docker', 'POST /containers/0123456789ab/start', 300),
  line(1090, 2, 'agent', 'docker', 'POST /containers/create', 60),
  'torn line',
  line(1450, 2, 'agent', 'store', 'MODIFIED Pod default/p rv=9 commit 1.0 ms (lock wait 0.1 ms)', 2),
].join('\n');

describe('trace-timeline', () => {
  it('parses a line, and refuses one that is not a trace line', () => {
    expect(parseTraceLine(line(1100, 2, 'agent', 'docker', 'GET /containers/json', 5))).toEqual({
      start: 1095,
      end: 1100,
      monoMs: 10,
      pid: 2,
      component: 'agent',
      category: 'docker',
      message: 'GET /containers/json',
      durationMs: 5,
    });
    expect(parseTraceLine('torn line')).toBeUndefined();
  });

  it('orders events of every process by when they began', () => {
    expect(formatTimeline(parseTrace(TEXT))).toEqual([
      '     0.0            cli[1]         cli        start apply',
      '     8.0       4.0  cli[1]         store      ADDED Pod default/p rv=8 commit 2.0 ms (lock wait 0.5 ms)',
      '    20.0            agent[2]       watch      ADDED Pod default/p rv=8',
      '    30.0      60.0  agent[2]       docker     POST /containers/create',
      '   100.0     300.0  agent[2]       docker     POST /containers/0123456789ab/start',
      '   448.0       2.0  agent[2]       store      MODIFIED Pod default/p rv=9 commit 1.0 ms (lock wait 0.1 ms)',
    ]);
  });

  it('starts the clock at the first match of --from and keeps only --grep matches', () => {
    expect(formatTimeline(parseTrace(TEXT), { from: /^watch/, grep: /docker/ })).toEqual([
      '    10.0      60.0  agent[2]       docker     POST /containers/create',
      '    80.0     300.0  agent[2]       docker     POST /containers/0123456789ab/start',
    ]);
  });

  it('names operations generically for the summary', () => {
    const op = (category: string, message: string) => operationOf({ category, message });
    expect([
      op('docker', 'POST /containers/0123456789ab/start'),
      op('docker', 'GET /containers/0123456789ab/json'),
      op('store', 'MODIFIED Pod default/p rv=9 commit 1.0 ms (lock wait 0.1 ms)'),
      op('watch', 'ADDED Pod default/p rv=8'),
      op('kubelet', 'plan default/p sandbox start=c#0'),
      op('kubelet', 'sync default/p'),
      op('controller', 'replicaset-controller reconcile default/rs'),
      op('controller', 'replicaset-controller woken for default/rs by Pod'),
    ]).toEqual([
      'POST /containers/<id>/start',
      'GET /containers/<id>/json',
      'MODIFIED Pod',
      'ADDED Pod',
      'plan sandbox start=c#0',
      'sync',
      'replicaset-controller reconcile',
      'replicaset-controller woken for',
    ]);
  });

  it('sums time per operation, longest total first', () => {
    expect(summarize(parseTrace(TEXT))).toEqual([
      '   count  total ms    max ms  event',
      '       1    300.0     300.0  docker     POST /containers/<id>/start',
      '       1     60.0      60.0  docker     POST /containers/create',
      '       1      4.0       4.0  store      ADDED Pod',
      '       1      2.0       2.0  store      MODIFIED Pod',
      '       1      0.0       0.0  cli        start apply',
      '       1      0.0       0.0  watch      ADDED Pod',
      'span: 450.0 ms from the first event to the last',
    ]);
  });
});
