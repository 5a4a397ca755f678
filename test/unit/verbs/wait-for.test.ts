import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import {
  conditionMet,
  jsonPathMet,
  parseWaitFor,
  relaxedJSONPath,
} from '../../../src/commands/workload/wait-for.js';
import { JsonPath } from '../../../src/printers/jsonpath/index.js';

describe('parseWaitFor', () => {
  const cases: Array<[string, unknown]> = [
    ['delete', { type: 'delete' }],
    ['Delete', { type: 'delete' }],
    ['create', { type: 'create' }],
    ['condition=Ready', { type: 'condition', name: 'Ready', value: 'true' }],
    ['condition=Available=False', { type: 'condition', name: 'Available', value: 'False' }],
    [
      'jsonpath={.status.phase}=Running',
      { type: 'jsonpath', expression: '{.status.phase}', value: 'Running' },
    ],
    ['jsonpath=.status.readyReplicas', { type: 'jsonpath', expression: '{.status.readyReplicas}' }],
    [
      'jsonpath={.status.conditions[?(@.type=="Ready")].status}=True',
      { type: 'jsonpath', expression: '{.status.conditions[?(@.type=="Ready")].status}', value: 'True' },
    ],
  ];
  for (const [input, want] of cases) {
    it(`reads --for=${input}`, () => expect(parseWaitFor(input)).toEqual(want));
  }

  it('rejects what kubectl rejects, with its words', () => {
    expect(() => parseWaitFor('')).toThrow('unrecognized condition: ""');
    expect(() => parseWaitFor('ready')).toThrow('unrecognized condition: "ready"');
    expect(() => parseWaitFor('jsonpath={.a}=')).toThrow(
      "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3",
    );
    expect(() => parseWaitFor('jsonpath={.a}=1=2')).toThrow('jsonpath wait format must be');
    // Quotes the shell did not remove are part of the expression, as for kubectl.
    expect(() => parseWaitFor("jsonpath='{.status.phase}'=Running")).toThrow('unexpected path string');
  });

  it('relaxes jsonpath expressions as kubectl get does', () => {
    expect(relaxedJSONPath('status.phase')).toBe('{.status.phase}');
    expect(relaxedJSONPath('{status.phase}')).toBe('{.status.phase}');
    expect(relaxedJSONPath('.status.phase')).toBe('{.status.phase}');
  });
});

function withConditions(conditions: unknown[], generation?: number, observed?: number): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', generation },
    status: { conditions, observedGeneration: observed },
  };
}

describe('conditionMet', () => {
  const ready = [{ type: 'Available', status: 'True' }];
  const cases: Array<{ name: string; obj: KObject; cond: string; value: string; want: boolean }> = [
    {
      name: 'holds when the condition has the value',
      obj: withConditions(ready),
      cond: 'Available',
      value: 'true',
      want: true,
    },
    {
      name: 'compares type and value case-insensitively',
      obj: withConditions(ready),
      cond: 'available',
      value: 'TRUE',
      want: true,
    },
    {
      name: 'does not hold for another value',
      obj: withConditions(ready),
      cond: 'Available',
      value: 'false',
      want: false,
    },
    {
      name: 'does not hold when the condition is absent',
      obj: withConditions([]),
      cond: 'Available',
      value: 'true',
      want: false,
    },
    {
      name: 'waits while the status is older than the spec',
      obj: withConditions(ready, 3, 2),
      cond: 'Available',
      value: 'true',
      want: false,
    },
    {
      name: 'prefers the condition observedGeneration',
      obj: withConditions([{ type: 'Available', status: 'True', observedGeneration: 3 }], 3, 2),
      cond: 'Available',
      value: 'true',
      want: true,
    },
  ];
  for (const c of cases) it(c.name, () => expect(conditionMet(c.obj, c.cond, c.value)).toBe(c.want));
});

describe('jsonPathMet', () => {
  const pod: KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    status: {
      phase: 'Running',
      replicas: 3,
      conditions: [
        { type: 'Ready', status: 'True' },
        { type: 'X', status: 'False' },
      ],
    },
  };
  const met = (expr: string, value?: string) => jsonPathMet(pod, new JsonPath(expr), value);

  it('compares the value as text', () => {
    expect(met('{.status.phase}', 'Running')).toBe(true);
    expect(met('{.status.phase}', 'running')).toBe(false);
    expect(met('{.status.replicas}', '3')).toBe(true);
  });
  it('filters lists', () =>
    expect(met('{.status.conditions[?(@.type=="Ready")].status}', 'True')).toBe(true));
  it('only needs the path to exist without a value', () => {
    expect(met('{.status.phase}')).toBe(true);
    expect(met('{.status.missing}')).toBe(false);
  });
  it('refuses several values and nested objects', () => {
    expect(() => met('{.status.conditions[*].type}', 'Ready')).toThrow(
      'given jsonpath expression matches more than one value',
    );
    expect(() => met('{.status}', 'x')).toThrow(
      'jsonpath leads to a nested object or list which is not supported',
    );
  });
});
