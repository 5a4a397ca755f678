// Values in 422 causes as the API server prints them: Go's %#v, not JSON.
import { describe, expect, it } from 'vitest';
import { formatValue } from '../../../src/api/field-errors.js';

const CASES: Array<[string, unknown, string]> = [
  ['a string', 'Bad_Name', '"Bad_Name"'],
  ['a number', 70000, '70000'],
  ['a []string', ['10.0.0.1', '10.0.0.2'], '[]string{"10.0.0.1", "10.0.0.2"}'],
  ['labels (keys sorted)', { tier: 'web', app: 'x' }, 'map[string]string{"app":"x", "tier":"web"}'],
  ['no labels', {}, 'map[string]string{}'],
  [
    'a matchLabels selector',
    { matchLabels: { app: 'other' } },
    'v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}',
  ],
  [
    'a matchExpressions selector',
    {
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['a', 'b'] },
        { key: 'x', operator: 'Exists' },
      ],
    },
    'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"tier", Operator:"In", Values:[]string{"a", "b"}}, v1.LabelSelectorRequirement{Key:"x", Operator:"Exists", Values:[]string(nil)}}}',
  ],
];

describe('formatValue', () => {
  for (const [name, value, want] of CASES) it(`prints ${name}`, () => expect(formatValue(value)).toBe(want));
});
