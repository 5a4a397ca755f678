import { describe, expect, it } from 'vitest';
import {
  labelSelectorFromObject,
  mapSelectorToString,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  selectorToString,
  unsupportedField,
} from '../../../src/api/selectors.js';
import type { KObject } from '../../../src/api/types.js';

const labels = { app: 'web', tier: 'front', version: '3' };

describe('label selectors', () => {
  const matches: Array<[string, string, boolean]> = [
    ['an empty selector matches everything', '', true],
    ['= matches an equal value', 'app=web', true],
    ['== is the same as =', 'app==web', true],
    ['= fails on another value', 'app=db', false],
    ['!= matches another value', 'app!=db', true],
    ['!= matches a missing key', 'missing!=x', true],
    ['!= fails on the same value', 'app!=web', false],
    ['in matches a listed value', 'tier in (front, back)', true],
    ['in fails on a missing key', 'missing in (a)', false],
    ['notin matches a missing key', 'missing notin (a)', true],
    ['notin fails on a listed value', 'tier notin (front)', false],
    ['a bare key means the key exists', 'app', true],
    ['!key means the key is absent', '!missing', true],
    ['!key fails when the key is there', '!app', false],
    ['commas are AND', 'app=web,tier=front', true],
    ['commas are AND and one failing fails all', 'app=web,tier=back', false],
    ['spaces around operators are ignored', ' app = web , tier in (front) ', true],
    ['gt compares integers', 'version>2', true],
    ['lt compares integers', 'version<2', false],
    ['an empty value after = matches an empty label only', 'app=', false],
    ['in and notin are values where a value is expected', 'app in (in,web)', true],
  ];
  for (const [name, sel, want] of matches) {
    it(name, () => expect(matchesLabels(parseLabelSelector(sel), labels)).toBe(want));
  }

  const errors: Array<[string, string, string]> = [
    ['a missing ( after in', 'a in b', "unable to parse requirement: found 'b' expected: '('"],
    [
      'two words in a row',
      'a b',
      "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt",
    ],
    ['a word after a complete requirement', 'a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['a trailing comma', 'a=b,', "found '', expected: identifier after ','"],
    ['an operator with no key', '=b', "found '=', expected: !, identifier, or 'end of string'"],
    [
      'an unknown operator',
      'a ~ b',
      "unable to parse requirement: found '~', expected: in, notin, =, ==, !=, gt, lt",
    ],
    ['an unclosed set', 'a in (b', "unable to parse requirement: found '', expected: ',' or ')'"],
    [
      'a bad key',
      'a_=b',
      "unable to parse requirement: key: Invalid value: \"a_\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ],
    [
      'a non-integer gt value',
      'a>b',
      "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer",
    ],
  ];
  for (const [name, sel, message] of errors) {
    it(`rejects ${name} with apimachinery's message`, () =>
      expect(() => parseLabelSelector(sel)).toThrow(message));
  }

  const objects: Array<[string, any, string]> = [
    ['matchLabels print as k=v sorted by key', { matchLabels: { b: '2', a: '1' } }, 'a=1,b=2'],
    [
      'matchExpressions print in kubectl form',
      {
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['b', 'a'] },
          { key: 'env', operator: 'NotIn', values: ['prod'] },
          { key: 'x', operator: 'Exists' },
          { key: 'y', operator: 'DoesNotExist' },
        ],
      },
      'env notin (prod),tier in (a,b),x,!y',
    ],
    ['an empty selector prints empty', {}, ''],
    ['a missing selector prints <none>', undefined, '<none>'],
  ];
  for (const [name, sel, want] of objects) {
    it(name, () => expect(selectorToString(sel)).toBe(want));
  }

  it('matches a LabelSelector object with the same matcher', () => {
    const sel = labelSelectorFromObject({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }],
    });
    expect(matchesLabels(sel, labels)).toBe(true);
    expect(matchesLabels(sel, { app: 'web' })).toBe(false);
  });

  it('prints a map selector as k=v sorted, or <none>', () => {
    expect(mapSelectorToString({ b: '1', a: '2' })).toBe('a=2,b=1');
    expect(mapSelectorToString({})).toBe('<none>');
  });
});

describe('field selectors', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'default' },
    spec: { nodeName: 'laptop', hostNetwork: false },
    status: { phase: 'Running' },
  } as KObject;
  const cases: Array<[string, string, boolean]> = [
    ['metadata.name= matches the name', 'metadata.name=web-1', true],
    ['== is the same as =', 'metadata.namespace==default', true],
    ['!= excludes a value', 'status.phase!=Running', false],
    ['several terms are ANDed', 'status.phase=Running,spec.nodeName=laptop', true],
    ['a missing field compares as empty', 'spec.schedulerName=', true],
    ['booleans compare as true/false', 'spec.hostNetwork=false', true],
    ['escaped commas are part of the value', 'metadata.name=web\\,1', false],
  ];
  for (const [name, sel, want] of cases) {
    it(name, () => expect(matchesFields(parseFieldSelector(sel), pod)).toBe(want));
  }

  it('rejects a term without an operator', () => {
    expect(() => parseFieldSelector('metadata.name')).toThrow(
      "invalid selector: 'metadata.name'; can't understand 'metadata.name'",
    );
  });

  it('names fields a kind does not support as the API server does', () => {
    expect(unsupportedField(parseFieldSelector('spec.foo=1'), 'ConfigMap')).toBe(
      '"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    expect(unsupportedField(parseFieldSelector('status.phase=Running'), 'Pod')).toBeUndefined();
    expect(unsupportedField(parseFieldSelector('involvedObject.name=x'), 'Event')).toBeUndefined();
  });
});
