// MKUBE_TRACE's line format and switch: one tab-separated line per event, nothing when unset.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatTraceLine, startTrace, trace, traced, tracing } from '../../../src/util/trace.js';

const home = mkdtempSync(join(tmpdir(), 'mkube-trace-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('trace', () => {
  it('formats an event as seven tab-separated fields, tabs and newlines in text made spaces', () => {
    expect(
      formatTraceLine({
        wallMs: 1764650000123.25,
        monoMs: 42.5,
        pid: 7,
        component: 'agent',
        category: 'docker',
        message: 'POST /containers/create\tname\nx',
        durationMs: 12.25,
      }),
    ).toBe('1764650000123.250\t42.500\t7\tagent\tdocker\tPOST /containers/create name x\t12.250');
    expect(
      formatTraceLine({ wallMs: 1, monoMs: 2, pid: 3, component: 'cli', category: 'cli', message: 'start' }),
    ).toBe('1.000\t2.000\t3\tcli\tcli\tstart\t-');
  });

  it('is off unless MKUBE_TRACE=1, and then appends to the home trace file', async () => {
    startTrace(home, 'agent', {});
    expect(tracing()).toBe(false);
    trace('kubelet', 'not written');
    startTrace(home, 'agent', { MKUBE_TRACE: '1' });
    expect(tracing()).toBe(true);
    trace('kubelet', 'plan default/p sandbox start=c#0');
    await traced('docker', 'POST /containers/x/start', async () => 'ok');
    await expect(
      traced(
        'docker',
        () => 'GET /containers/y/json',
        async () => Promise.reject(new Error('gone')),
      ),
    ).rejects.toThrow('gone');
    const lines = readFileSync(join(home, 'trace.log'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => {
        const f = l.split('\t');
        return [f[2], f[3], f[4], f[5], f[6] === '-' ? '-' : 'duration'];
      });
    expect(lines).toEqual([
      [String(process.pid), 'agent', 'kubelet', 'plan default/p sandbox start=c#0', '-'],
      [String(process.pid), 'agent', 'docker', 'POST /containers/x/start', 'duration'],
      [String(process.pid), 'agent', 'docker', 'GET /containers/y/json failed: gone', 'duration'],
    ]);
  });
});
