import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSimpleYaml } from '../../../src/util/simple-yaml.js';

// What kubectl and mkube write: the fast reader must agree with the YAML library on all of it.
const SAME: Array<[string, string]> = [
  [
    'kubectl set-context',
    'apiVersion: v1\nclusters:\n- cluster:\n    server: ""\n  name: x\ncontexts:\n- context:\n    cluster: x\n    namespace: dev\n    user: ""\n  name: "y"\ncurrent-context: "y"\nkind: Config\npreferences: {}\nusers: null\n',
  ],
  [
    'credentials and quoting',
    "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: LS0tLS1CRUdJTg==\n    server: https://127.0.0.1:6443\n  name: mkube\ncontexts: []\ncurrent-context: 'it''s'\nkind: Config\npreferences: {}\nusers:\n- name: mkube\n  user:\n    token: \"a\\\"b\"\n",
  ],
  [
    'indented sequences and comments',
    '# mine\nusers:\n  - name: a\n    user: {}\n  - name: b\n    user:\n      token: t\nport: 8080\n',
  ],
  ['a nested sequence item', 'items:\n-\n  a: 1\n- plain\n'],
  ['empty', ''],
];

describe('the kubeconfig YAML reader', () => {
  for (const [name, text] of SAME) {
    it(`reads ${name} as the YAML library does`, () => expect(parseSimpleYaml(text)).toEqual(parse(text)));
  }

  it('reads JSON kubeconfigs', () =>
    expect(parseSimpleYaml('{"current-context": "a", "contexts": []}')).toEqual({
      'current-context': 'a',
      contexts: [],
    }));

  const OUTSIDE: Array<[string, string]> = [
    ['anchors', 'a: &x 1\nb: *x\n'],
    ['flow maps', 'a: {b: 1}\n'],
    ['block scalars', 'a: |\n  text\n'],
    ['trailing comments', 'a: b # c\n'],
    ['tabs', 'a:\n\tb: 1\n'],
    ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['tags', 'a: !!str 1\n'],
  ];
  for (const [name, text] of OUTSIDE) {
    it(`leaves ${name} to the YAML library`, () => expect(parseSimpleYaml(text)).toBeUndefined());
  }
});
