// MKUBE_TRACE=1 end to end: one pod started by a traced agent and CLI leaves a timeline with the
// CLI's write, the kubelet's plan, the Docker calls and the status write, in that order. (The
// agent's watch may start after the write, right after `agent start`: its first sync finds it.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { formatTimeline, operationOf, parseTrace } from '../../scripts/trace-timeline.mjs';
import { requireDocker, TestHome } from './harness.js';

class TracedHome extends TestHome {
  override get env(): NodeJS.ProcessEnv {
    return { ...super.env, MKUBE_TRACE: '1' };
  }
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: traced
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: c
    image: busybox:1.36
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
`;

interface TraceEvent {
  component: string;
  category: string;
  message: string;
}

describe('MKUBE_TRACE=1', () => {
  requireDocker();
  const t = new TracedHome();
  afterAll(() => t.cleanup());

  it('records a pod start from the CLI write to the Ready status write', () => {
    expect(t.run(['agent', 'start']).code).toBe(0);
    expect(t.run(['apply', '-f', '-'], { input: POD })).toEqual({
      code: 0,
      stdout: 'pod/traced created\n',
      stderr: '',
    });
    expect(t.run(['wait', '--for=condition=Ready', 'pod/traced', '--timeout=30s']).stdout).toBe(
      'pod/traced condition met\n',
    );
    const events: TraceEvent[] = parseTrace(readFileSync(join(t.home, 'trace.log'), 'utf8'));
    const line = (e: TraceEvent) => `${e.component} ${e.category} ${operationOf(e)}`;
    const about = (e: TraceEvent) => e.category === 'docker' || e.message.includes('default/traced');
    // The first of each milestone, in the order they happened.
    const milestones = [
      'cli store ADDED Pod',
      'agent kubelet plan sandbox start=c#0',
      'agent docker POST /containers/create',
      'agent docker POST /containers/<id>/start',
    ];
    const firsts = milestones.map((m) => events.findIndex((e) => about(e) && line(e) === m));
    expect(Object.fromEntries(milestones.map((m, i) => [m, firsts[i]! >= 0]))).toEqual(
      Object.fromEntries(milestones.map((m) => [m, true])),
    );
    expect([...firsts].sort((a, b) => a - b)).toEqual(firsts);
    // The status write that made the pod Ready comes after the last container start.
    const lastStart = events.findLastIndex((e) => line(e) === 'agent docker POST /containers/<id>/start');
    const lastStatus = events.findLastIndex((e) => about(e) && line(e) === 'agent store MODIFIED Pod');
    expect(lastStatus).toBeGreaterThan(lastStart);
    // The printed timeline starts at the chosen event, with the clock at zero.
    const printed: string[] = formatTimeline(events, { from: /^cli start apply/ });
    expect(printed[0]).toMatch(/^ {5}0\.0 {12}cli\[\d+\] +cli {8}start apply$/);
  });
});
