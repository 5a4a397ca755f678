import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src/api/errors.js';
import { applyPatch, type PatchType } from '../../../../src/api/patch/index.js';
import type { JsonMap } from '../../../../src/api/patch/json-value.js';

const pod = (): JsonMap => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', labels: { a: '1' } },
  spec: { containers: [{ name: 'app', image: 'nginx' }] },
});

describe('applyPatch', () => {
  const cases: Array<[PatchType, string, JsonMap]> = [
    [
      'strategic',
      '{"spec":{"containers":[{"name":"side","image":"busybox"}]}}',
      {
        ...pod(),
        spec: {
          containers: [
            { name: 'side', image: 'busybox' },
            { name: 'app', image: 'nginx' },
          ],
        },
      },
    ],
    [
      'merge',
      '{"metadata":{"labels":{"a":null,"b":"2"}},"spec":{"containers":[{"name":"side"}]}}',
      { ...pod(), metadata: { name: 'p', labels: { b: '2' } }, spec: { containers: [{ name: 'side' }] } },
    ],
    [
      'json',
      '[{"op":"replace","path":"/spec/containers/0/image","value":"nginx:2"}]',
      { ...pod(), spec: { containers: [{ name: 'app', image: 'nginx:2' }] } },
    ],
    ['strategic', 'null', pod()],
  ];
  for (const [type, body, expected] of cases) {
    it(`applies a ${type} patch ${body}`, () => {
      expect(applyPatch(type, pod(), body, 'Pod')).toEqual(expected);
    });
  }

  const errors: Array<[PatchType, string, ApiError['reason'], string]> = [
    ['json', '[{"op":', 'BadRequest', 'invalid JSON patch'],
    ['strategic', '{', 'BadRequest', 'invalid JSON patch'],
    [
      'json',
      '{"op":"add"}',
      'BadRequest',
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    ],
    [
      'json',
      '[{"op":"test","path":"/metadata/name","value":"q"}]',
      'Invalid',
      'The request is invalid: testing value /metadata/name failed: test failed',
    ],
    [
      'json',
      '[{"op":"move","path":"/x"}]',
      'Invalid',
      'The request is invalid: move operation failed to decode from: operation, missing from field: missing value',
    ],
    ['merge', 'null', 'BadRequest', 'Invalid JSON Patch'],
    ['merge', '"x"', 'BadRequest', 'Invalid JSON Patch'],
    [
      'merge',
      '[1]',
      'Invalid',
      'The request is invalid: patch: Invalid value: "[1]": couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }',
    ],
    [
      'strategic',
      '[1]',
      'BadRequest',
      'json: cannot unmarshal array into Go value of type map[string]interface {}',
    ],
    ['strategic', '{"metadata":{"$retainKeys":"x"}}', 'BadRequest', 'invalid patch format of retainKeys'],
    [
      'strategic',
      '{"spec":{"containers":[{"image":"x"}]}}',
      'BadRequest',
      'map: map[image:x] does not contain declared merge key: name',
    ],
    [
      'strategic',
      '{"metadata":{"finalizers":[["x"]]}}',
      'Invalid',
      'The request is invalid: lists of lists are not supported',
    ],
  ];
  for (const [type, body, reason, message] of errors) {
    it(`answers a ${type} patch ${body} with ${reason}: ${message}`, () => {
      const original = type === 'strategic' ? { ...pod(), metadata: { name: 'p', finalizers: [] } } : pod();
      let caught: unknown;
      try {
        applyPatch(type, original, body, 'Pod');
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ApiError);
      expect({ reason: (caught as ApiError).reason, message: (caught as ApiError).message }).toEqual({
        reason,
        message,
      });
    });
  }
});
