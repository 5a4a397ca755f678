import { describe, expect, it } from 'vitest';
import { executeAsJson, JsonPath } from '../../../src/printers/jsonpath/index.js';

// Cases adapted from client-go util/jsonpath/jsonpath_test.go.
const types = {
  bools: [true, false, true, false],
  integers: [1, 2, 3, 4],
  floats: [1, 2.2, 3.3, 4],
  strings: ['one', 'two', 'three', 'four'],
  interfaces: [true, 'one', 1, 1.1],
  maps: [
    { name: 'one', value: 1 },
    { name: 'two', value: 2.02 },
  ],
};

const store = {
  Name: 'jsonpath',
  Book: [
    { Category: 'reference', Author: 'Nigel Rees', Title: 'Sayings of the Centurey', Price: 8.95 },
    { Category: 'fiction', Author: 'Evelyn Waugh', Title: 'Sword of Honour', Price: 12.99 },
    { Category: 'fiction', Author: 'Herman Melville', Title: 'Moby Dick', Price: 8.99 },
  ],
  Bicycle: [
    { Color: 'red', Price: 19.95, IsNew: true },
    { Color: 'green', Price: 20.01, IsNew: false },
  ],
  Labels: { engieer: 10, 'web/html': 15, 'k8s-app': 20 },
  Employees: { jason: 'manager', dan: 'clerk' },
};

const nodes = {
  kind: 'List',
  items: [
    {
      kind: 'None',
      metadata: { name: '127.0.0.1', labels: { 'kubernetes.io/hostname': '127.0.0.1' } },
      status: {
        capacity: { cpu: '4' },
        ready: true,
        addresses: [{ type: 'LegacyHostIP', address: '127.0.0.1' }],
      },
    },
    {
      kind: 'None',
      metadata: { name: '127.0.0.2', labels: { 'kubernetes.io/hostname': '127.0.0.2' } },
      status: {
        capacity: { cpu: '8' },
        ready: false,
        addresses: [
          { type: 'LegacyHostIP', address: '127.0.0.2' },
          { type: 'another', address: '127.0.0.3' },
        ],
      },
    },
  ],
  users: [
    { name: 'myself', user: {} },
    { name: 'e2e', user: { username: 'admin', password: 'secret' } },
  ],
};

const points = [
  { id: 'i1', x: 4, y: -5 },
  { id: 'i2', x: -2, y: -5, z: 1 },
  { id: 'i3', x: 8, y: 3 },
  { id: 'i7', x: null, y: 4 },
];

const cases: Array<[string, string, unknown, string]> = [
  ['a whole list prints as compact JSON', '{ .bools }', types, '[true,false,true,false]'],
  ['an index picks one element', '{ .bools[0] }', types, 'true'],
  ['a negative index counts from the end', '{ .integers[-2] }', types, '3'],
  ['a slice prints its elements joined with spaces', '{ .integers[0:2] }', types, '1 2'],
  ['a slice with a step skips elements', '{ .integers[:4:2] }', types, '1 3'],
  ['floats print as Go prints them', '{ .floats }', types, '[1,2.2,3.3,4]'],
  ['strings print bare', '{ .strings[:2] }', types, 'one two'],
  ['mixed lists keep their JSON types', '{ .interfaces }', types, '[true,"one",1,1.1]'],
  ['a map prints as compact JSON with sorted keys', '{ .maps[0] }', types, '{"name":"one","value":1}'],
  ['plain text outside braces is literal', 'hello jsonpath', undefined, 'hello jsonpath'],
  ['a quoted brace is text', '{"{"}', undefined, '{'],
  ['a union picks several indices', '{[1,3,4]}', [0, 1, 2, 3, 4], '1 3 4'],
  ['a filter compares numbers', '{[?(@<5)]}', [2, 6, 3, 7], '2 3'],
  ['fields may contain slashes', '{$.Labels.web/html}', store, '15'],
  ['fields may contain dashes', '{.Labels.k8s-app}', store, '20'],
  ['a wildcard walks a list', '{.Bicycle[*].Color}', store, 'red green'],
  ['recursive descent finds every match', '{..Price}', store, '8.95 12.99 8.99 19.95 20.01'],
  [
    'a last-element slice prints the object',
    '{.Book[-1:]}',
    store,
    '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}',
  ],
  ['a filter on a boolean field', '{.Bicycle[?(@.IsNew==true)].Color}', store, 'red'],
  ['a missing field prints nothing', 'before-{.hello}after', store, 'before-after'],
  [
    'range over items with text in between',
    '{range .items[*]}{.metadata.name}, {end}{.kind}',
    nodes,
    '127.0.0.1, 127.0.0.2, List',
  ],
  [
    'an escaped tab inside a range',
    '{range .items[*]}{.metadata.name}{"\\t"}{end}',
    nodes,
    '127.0.0.1\t127.0.0.2\t',
  ],
  [
    'nested wildcards flatten',
    '{.items[*].status.addresses[*].address}',
    nodes,
    '127.0.0.1 127.0.0.2 127.0.0.3',
  ],
  [
    'nested ranges',
    '{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}',
    nodes,
    '127.0.0.1, 127.0.0.2, 127.0.0.3, ',
  ],
  [
    'a union of quoted paths',
    "{.items[*]['metadata.name', 'status.capacity']}",
    nodes,
    '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}',
  ],
  ['a filter by string equality', '{.users[?(@.name=="e2e")].user.password}', nodes, 'secret'],
  [
    'an escaped dot keeps a label key whole',
    '{.items[0].metadata.labels.kubernetes\\.io/hostname}',
    nodes,
    '127.0.0.1',
  ],
  [
    'a filter on an escaped key',
    '{.items[?(@.metadata.labels.kubernetes\\.io/hostname=="127.0.0.1")].kind}',
    nodes,
    'None',
  ],
  ['a filter with recursive descent', '{.items[?(@..ready==true)].metadata.name}', nodes, '127.0.0.1'],
  ['an exists filter keeps elements that have the field', '{[?(@.z)].id}', points, 'i2'],
  ['a bracketed key', "{[0]['id']}", points, 'i1'],
  ['JSON null prints as null', "{[-1]['x']}", points, 'null'],
  ['an empty range prints nothing', '{range .items[*]}{.metadata.name}{end}', { items: [] }, ''],
  [
    'kubectl-style conditions filter',
    '{.c[?(@.type=="Ready")].status}',
    { c: [{ type: 'Ready', status: 'True' }] },
    'True',
  ],
];

describe('JsonPath executes the Kubernetes JSONPath dialect', () => {
  it.each(cases)('%s', (_name, template, data, want) => {
    expect(new JsonPath(template).execute(data)).toBe(want);
  });

  const errors: Array<[string, string, unknown, string]> = [
    ['an unknown identifier', '{hello}', store, 'unrecognized identifier hello'],
    ['an index into a map', '{.Labels[0]}', store, 'map[string]interface {} is not array or slice'],
    ['an unknown filter operator', '{.Book[?(@.Price<>10)]}', store, 'unrecognized filter operator <>'],
    ['an end outside a range', '{range .Labels.*}{@}{end}{end}', store, 'not in range, nothing to end'],
    ['an index out of range', '{.Book[5]}', store, 'array index out of bounds: index 5, length 3'],
  ];
  it.each(errors)('reports %s', (_name, template, data, message) => {
    expect(() => new JsonPath(template).execute(data)).toThrow(message);
  });

  const syntax: Array<[string, string]> = [
    ['{.a[}', 'unterminated array'],
    ['{.a', 'unclosed action'],
    ['{"abc}', 'unterminated quoted string'],
    ['{.a[?(@.b=="x"}', 'unterminated filter'],
  ];
  it.each(syntax)('rejects %s: %s', (template, message) => {
    expect(() => new JsonPath(template)).toThrow(message);
  });

  it('jsonpath-as-json prints the results as an indented JSON array', () => {
    expect(executeAsJson(new JsonPath('{.items[*].metadata.name}'), nodes)).toBe(
      '[\n    "127.0.0.1",\n    "127.0.0.2"\n]\n',
    );
  });
});
