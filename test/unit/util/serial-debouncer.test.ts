// The data plane's sync scheduling: a burst makes one run, runs never overlap, and a change that
// arrives during a run is followed by one more run that sees it.
import { describe, expect, it } from 'vitest';
import { SerialDebouncer } from '../../../src/util/serial-debouncer.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A task that takes `ms`, records its start and end, and notes any overlap. */
function recordingTask(ms: number) {
  const log: string[] = [];
  let active = 0;
  let overlapped = false;
  let n = 0;
  const task = async () => {
    const i = ++n;
    if (active++ > 0) overlapped = true;
    log.push(`start ${i}`);
    await sleep(ms);
    log.push(`end ${i}`);
    active--;
  };
  return { task, log, overlapped: () => overlapped };
}

describe('SerialDebouncer', () => {
  it('makes one run of a burst of triggers', async () => {
    const r = recordingTask(5);
    const d = new SerialDebouncer(r.task, 20);
    for (let i = 0; i < 10; i++) d.trigger();
    await sleep(80);
    expect(r.log).toEqual(['start 1', 'end 1']);
  });

  it('runs once more after a run during which triggers came, never two at once', async () => {
    const r = recordingTask(40);
    const d = new SerialDebouncer(r.task, 5);
    d.trigger();
    await sleep(20); // run 1 is going
    d.trigger();
    d.trigger();
    await sleep(150);
    expect(r.log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    expect(r.overlapped()).toBe(false);
  });

  it('runNow waits for the run in progress, then runs, and resolves when that run ends', async () => {
    const r = recordingTask(30);
    const d = new SerialDebouncer(r.task, 5);
    d.trigger();
    await sleep(15);
    await d.runNow();
    expect(r.log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    await sleep(50);
    expect(r.log.length).toBe(4);
  });

  it('reports a failing run and keeps going; runs nothing once stopped', async () => {
    const errors: string[] = [];
    let calls = 0;
    const d = new SerialDebouncer(
      async () => {
        calls++;
        throw new Error('iptables is busy');
      },
      5,
      (err) => errors.push((err as Error).message),
    );
    await d.runNow();
    d.trigger();
    await sleep(30);
    await d.stop();
    d.trigger();
    await sleep(30);
    expect({ calls, errors }).toEqual({ calls: 2, errors: ['iptables is busy', 'iptables is busy'] });
  });
});
