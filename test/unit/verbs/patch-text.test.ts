import { describe, expect, it } from 'vitest';
import { patchToJson } from '../../../src/api/manifest.js';

// Expected texts are what kubectl 1.32 prints after `unable to parse "...": `.
describe('patchToJson', () => {
  it.each([
    ['sends JSON that starts with { as it is', '{"spec": {"replicas": 2}}', '{"spec": {"replicas": 2}}'],
    ['converts YAML to JSON', 'spec:\n  replicas: 3', '{"spec":{"replicas":3}}'],
    [
      'converts a YAML list (a JSON patch written in YAML)',
      '- op: add\n  path: /a\n  value: 1',
      '[{"op":"add","path":"/a","value":1}]',
    ],
    ['keeps a JSON list as JSON', '[{"op":"remove","path":"/x"}]', '[{"op":"remove","path":"/x"}]'],
    ['reads YAML 1.1 as go-yaml does', 'a: yes\nb: 0644', '{"a":true,"b":420}'],
  ])('%s', (_name, text, json) => {
    expect(patchToJson(text)).toBe(json);
  });

  it.each([
    ['spec: [', 'yaml: line 1: did not find expected node content'],
    ['a: b\n c: d', 'yaml: line 2: mapping values are not allowed in this context'],
    ['a: "b', 'yaml: found unexpected end of stream'],
    ['\ta: b', 'yaml: found character that cannot start any token'],
  ])('words the error for %j as go-yaml does', (text, message) => {
    expect(() => patchToJson(text)).toThrow(new Error(message));
  });
});
