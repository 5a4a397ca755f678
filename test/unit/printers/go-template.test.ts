import { describe, expect, it } from 'vitest';
import { sprintf } from '../../../src/printers/go-template/fmt.js';
import { GoTemplate } from '../../../src/printers/go-template/index.js';

// A pod as kubectl's template printer sees it: decoded from JSON (numbers are float64).
const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-0',
    namespace: 'default',
    labels: { app: 'web', 'app.kubernetes.io/name': 'shop' },
    annotations: {},
  },
  spec: {
    containers: [
      { name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }] },
      { name: 'side', image: 'busybox:1.36' },
    ],
    terminationGracePeriodSeconds: 30,
    priority: 1000000,
  },
  status: { phase: 'Running', podIP: '10.244.0.5', ratio: 0.25, ready: true, nothing: null },
  data: { token: 'aGVsbG8gd29ybGQ=', bad: 'not base64!' },
};
const list = {
  apiVersion: 'v1',
  kind: 'List',
  items: [pod, { ...pod, metadata: { name: 'web-1' } }],
  metadata: { resourceVersion: '' },
};

const run = (text: string, data: unknown = pod) => new GoTemplate(text).execute(data);

describe('go-template output', () => {
  it.each([
    ['a field chain', '{{.metadata.name}}', 'web-0'],
    ['text around actions, {{"\\n"}} as a newline', 'name={{.metadata.name}}{{"\\n"}}', 'name=web-0\n'],
    ['a raw string literal', '{{`a\\nb`}}', 'a\\nb'],
    [
      'a missing key prints <no value>, at any depth',
      '{{.metadata.uid}}|{{.nope.deeper.still}}',
      '<no value>|<no value>',
    ],
    ['a JSON null prints <no value>', '{{.status.nothing}}', '<no value>'],
    [
      'numbers are float64: %v shortest, 1e+06 from a million',
      '{{.spec.terminationGracePeriodSeconds}} {{.status.ratio}} {{.spec.priority}}',
      '30 0.25 1e+06',
    ],
    [
      'a map prints as Go prints map[string]interface{}, keys sorted',
      '{{.metadata.labels}}',
      'map[app:web app.kubernetes.io/name:shop]',
    ],
    [
      'a slice of maps',
      '{{.spec.containers}}',
      '[map[image:nginx:1.27 name:app ports:[map[containerPort:80 protocol:TCP]]] map[image:busybox:1.36 name:side]]',
    ],
    ['booleans', '{{.status.ready}} {{true}} {{false}}', 'true true false'],
    [
      'dot is the whole object in range',
      '{{range .spec.containers}}{{.name}}:{{.image}}\n{{end}}',
      'app:nginx:1.27\nside:busybox:1.36\n',
    ],
    [
      'range with index and element',
      '{{range $i, $c := .spec.containers}}{{$i}}={{$c.name}} {{end}}',
      '0=app 1=side ',
    ],
    [
      'range with one variable binds the element',
      '{{range $c := .spec.containers}}{{$c.image}};{{end}}',
      'nginx:1.27;busybox:1.36;',
    ],
    [
      'range over a map goes in key order',
      '{{range $k, $v := .metadata.labels}}{{$k}}={{$v}},{{end}}',
      'app=web,app.kubernetes.io/name=shop,',
    ],
    ['range else on an empty map', '{{range .metadata.annotations}}x{{else}}none{{end}}', 'none'],
    ['range over a missing key runs else', '{{range .spec.volumes}}x{{else}}no volumes{{end}}', 'no volumes'],
    [
      'nested range uses $ for the root',
      '{{range .spec.containers}}{{$.metadata.name}}/{{.name}} {{end}}',
      'web-0/app web-0/side ',
    ],
    [
      'break and continue',
      '{{range .spec.containers}}{{if eq .name "app"}}{{continue}}{{end}}{{.name}}{{break}}{{end}}',
      'side',
    ],
    ['range over an int literal', '{{range 3}}{{.}}{{end}}', '012'],
    [
      'if / else if / else',
      '{{if eq .status.phase "Pending"}}P{{else if eq .status.phase "Running"}}R{{else}}?{{end}}',
      'R',
    ],
    ['if on a missing key is false', '{{if .spec.nodeName}}yes{{else}}no{{end}}', 'no'],
    [
      'if on an empty map is false, 0 is false',
      '{{if .metadata.annotations}}a{{end}}{{if 0}}b{{end}}{{if "x"}}c{{end}}',
      'c',
    ],
    [
      'with rebinds dot and has else',
      '{{with .status}}{{.podIP}}{{end}} {{with .nope}}x{{else}}empty{{end}}',
      '10.244.0.5 empty',
    ],
    ['else with', '{{with .nope}}a{{else with .status}}{{.phase}}{{end}}', 'Running'],
    [
      'variables, and assignment reaching out of if',
      '{{$n := .metadata.name}}{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$n}} {{$x}}',
      'web-0 2',
    ],
    ['a declaration prints nothing', '{{$p := .status.phase}}', ''],
    [
      'variables end with their block',
      '{{$x := "outer"}}{{with .status}}{{$x := "inner"}}{{$x}} {{end}}{{$x}}',
      'inner outer',
    ],
    [
      'pipelines pass the value as the last argument',
      '{{.metadata.name | printf "<%s>"}} {{"a" | printf "%s%s" "b"}}',
      '<web-0> ba',
    ],
    [
      'parenthesized pipelines and a chain on them',
      '{{(index .spec.containers 0).name}} {{len (index .spec.containers 1)}}',
      'app 2',
    ],
    [
      'trim markers eat whitespace on their side',
      'a  {{- .metadata.name -}}  \n b\n{{- /* comment */ -}}\nc',
      'aweb-0bc',
    ],
    ['a comment prints nothing', 'x{{/* anything {{ here */}}y', 'xy'],
    [
      'index into maps, slices, nested',
      '{{index .metadata.labels "app.kubernetes.io/name"}} {{index .spec.containers 1 "image"}}',
      'shop busybox:1.36',
    ],
    ['index of a missing map key is no value', '{{index .metadata.labels "nope"}}', '<no value>'],
    [
      'slice of a string and a slice',
      '{{slice .metadata.name 0 3}} {{slice .metadata.name 4}} {{len (slice .spec.containers 1)}}',
      'web 0 1',
    ],
    [
      'len of a slice, map and string',
      '{{len .spec.containers}} {{len .metadata.labels}} {{len .metadata.name}}',
      '2 2 5',
    ],
    [
      'comparisons on strings and floats',
      '{{lt "a" "b"}} {{gt .status.ratio 0.1}} {{le 1 1}} {{ge 2 3}} {{ne .kind "Pod"}}',
      'true true true false false',
    ],
    ['eq with several candidates', '{{eq .status.phase "Pending" "Running"}}', 'true'],
    ['eq against a missing key is false', '{{eq .nope "x"}}', 'false'],
    [
      'and/or return the deciding operand',
      '{{and .status.phase .nope}}|{{or .nope .status.phase}}|{{and 1 2}}',
      '<no value>|Running|2',
    ],
    ['not', '{{not .nope}} {{not .status.ready}}', 'true false'],
    ['print spaces operands when neither is a string', '{{print 1 2 "a" "b" 3}}', '1 2ab3'],
    ['println always spaces and ends the line', '{{println "a" 1 .status.ready}}', 'a 1 true\n'],
    [
      'printf verbs used in kubectl one-liners',
      '{{printf "%-8s|%5s|%q|%v|%.1f|%03d|%x" .kind "ab" .status.phase .spec.terminationGracePeriodSeconds .status.ratio 7 255}}',
      'Pod     |   ab|"Running"|30|0.2|007|ff',
    ],
    [
      'printf %d of a JSON number is a Go fmt error, as in kubectl',
      '{{printf "%d" .spec.terminationGracePeriodSeconds}}',
      '%!d(float64=30)',
    ],
    ['printf %s of a missing key is %!s(<nil>)', '{{printf "%s" .nope}}', '%!s(<nil>)'],
    [
      'printf missing and extra operands',
      '{{printf "%s %s" "a"}}|{{printf "x" 1 "y"}}',
      'a %!s(MISSING)|x%!(EXTRA int=1, string=y)',
    ],
    [
      "base64decode, kubectl's extra function",
      '{{.data.token | base64decode}} {{base64decode "YQ=="}}',
      'hello world a',
    ],
    [
      "exists, kubectl's other extra",
      '{{exists . "metadata" "labels" "app"}} {{exists . "spec" "containers" 5}}',
      'true false',
    ],
    [
      'html, js, urlquery escapes',
      '{{html "<a href=\'x\'>&"}} {{js "it\'s <b>"}} {{urlquery "a b&c=d/é"}}',
      "&lt;a href=&#39;x&#39;&gt;&amp; it\\'s \\u003Cb\\u003E a+b%26c%3Dd%2F%C3%A9",
    ],
    ['string escapes in literals', '{{"tab\\there \\"q\\" \\u00e9 \\x41"}}', 'tab\there "q" é A'],
    ['a character constant is an int', "{{'a'}} {{printf \"%c\" 'b'}}", '97 b'],
    [
      'dot prints the whole map',
      '{{.status}}',
      'map[nothing:<nil> phase:Running podIP:10.244.0.5 ratio:0.25 ready:true]',
    ],
  ])('%s', (_name, text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it('define, template and block: named templates with their own dot and $', () => {
    const text =
      '{{define "ctr"}}{{.name}}={{.image}}{{if $.ports}} ports={{len $.ports}}{{end}}{{end}}' +
      '{{range .spec.containers}}[{{template "ctr" .}}]{{end}}' +
      '{{block "footer" .metadata}} by {{.name}}{{end}}{{template "none"}}';
    expect(run(text.replace('{{template "none"}}', ''))).toBe(
      '[app=nginx:1.27 ports=1][side=busybox:1.36] by web-0',
    );
    expect(() => run(text)).toThrow(
      `template: output:1:${text.indexOf('"none"')}: executing "output" at <{{template "none"}}>: no such template "none"`,
    );
    expect(() => run('{{define "x"}}{{.a.b}}{{end}}{{template "x" "s"}}')).toThrow(
      'template: output:1:16: executing "x" at <.a.b>: can\'t evaluate field a in type string',
    );
    expect(() => new GoTemplate('{{define "x"}}a{{end}}{{define "x"}}b{{end}}')).toThrow(
      'template: output:1: template: multiple definition of template "x"',
    );
    expect(() => new GoTemplate('{{if 1}}{{define "x"}}{{end}}{{end}}')).toThrow(
      'template: output:1: unexpected <define> in command',
    );
  });

  it('runs on a List through .items, as kubectl get does for several objects', () => {
    expect(run('{{range .items}}{{.metadata.name}}{{"\\t"}}{{.status.phase}}{{"\\n"}}{{end}}', list)).toBe(
      'web-0\tRunning\nweb-1\tRunning\n',
    );
  });

  it.each([
    ['{{.metadata.name}', "template: output:1: bad character U+007D '}'"],
    ['{{.metadata.name }', 'template: output:1: unexpected "}" in operand'],
    ['{{.metadata.name', 'template: output:1: unclosed action'],
    ['a\n{{.metadata.name\n', 'template: output:3: unclosed action started at output:2'],
    ['{{"x\n"}}', 'template: output:1: unterminated quoted string'],
    ['{{foo .x}}', 'template: output:1: function "foo" not defined'],
    ['{{if .x}}yes', 'template: output:1: unexpected EOF'],
    ['a\n{{end}}', 'template: output:2: unexpected {{end}}'],
    ['{{else}}', 'template: output:1: unexpected {{else}}'],
    ['{{range}}{{end}}', 'template: output:1: missing value for range'],
    ['{{}}', 'template: output:1: missing value for command'],
    ['{{$x}}', 'template: output:1: undefined variable "$x"'],
    ['{{"abc}}', 'template: output:1: unterminated quoted string'],
    ['{{/* open }}', 'template: output:1: unclosed comment'],
    ['{{break}}', 'template: output:1: {{break}} outside {{range}}'],
    ['{{.a | "x"}}', 'template: output:1: non executable command in pipeline stage 2'],
    ['{{(.a}}', 'template: output:1: unclosed left paren'],
    ['{{.a)}}', 'template: output:1: unexpected ")" in command'],
    ['{{range $i, $e, $f := .x}}{{end}}', 'template: output:1: too many declarations in range'],
  ])("refuses %j with Go's parse error", (text, message) => {
    expect(() => new GoTemplate(text)).toThrow(message);
    expect(() => new GoTemplate(text)).toThrow(
      new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    );
  });

  it.each([
    [
      '{{.metadata.name.first}}',
      'template: output:1:2: executing "output" at <.metadata.name.first>: can\'t evaluate field first in type interface {}',
    ],
    [
      '{{.status.nothing.x}}',
      'template: output:1:2: executing "output" at <.status.nothing.x>: nil pointer evaluating interface {}.x',
    ],
    [
      'ok\n  {{index .spec.containers 5}}',
      'template: output:2:4: executing "output" at <index .spec.containers 5>: error calling index: index out of range: 5',
    ],
    [
      '{{eq .spec.terminationGracePeriodSeconds 30}}',
      'template: output:1:2: executing "output" at <eq .spec.terminationGracePeriodSeconds 30>: error calling eq: incompatible types for comparison',
    ],
    [
      '{{len .status.ready}}',
      'template: output:1:2: executing "output" at <len .status.ready>: error calling len: len of type bool',
    ],
    [
      '{{.data.bad | base64decode}}',
      'template: output:1:14: executing "output" at <base64decode>: error calling base64decode: base64 decode failed: illegal base64 data at input byte 3',
    ],
    [
      '{{base64decode .spec.priority}}',
      'template: output:1:15: executing "output" at <.spec.priority>: wrong type for value; expected string; got float64',
    ],
    [
      '{{range .metadata.name}}{{end}}',
      'template: output:1:8: executing "output" at <.metadata.name>: range can\'t iterate over web-0',
    ],
    [
      '{{slice .metadata.name 3 1}}',
      'template: output:1:2: executing "output" at <slice .metadata.name 3 1>: error calling slice: invalid slice index: 3 > 1',
    ],
    [
      '{{call .metadata.name}}',
      'template: output:1:2: executing "output" at <call .metadata.name>: error calling call: non-function .metadata.name of type string',
    ],
    [
      '{{len 1 2}}',
      'template: output:1:2: executing "output" at <len>: wrong number of args for len: want 1 got 2',
    ],
    [
      '{{.kind 1}}',
      'template: output:1:2: executing "output" at <.kind>: kind is not a method but has arguments',
    ],
  ])("fails %j at run time with Go's message", (text, message) => {
    expect(() => run(text)).toThrow(message);
  });

  it('with missingkey=error (--allow-missing-template-keys=false) a missing key fails', () => {
    const strict = (text: string) => new GoTemplate(text, { allowMissingKeys: false }).execute(pod);
    expect(strict('{{.metadata.name}} {{index .metadata.labels "nope"}}')).toBe('web-0 <no value>');
    expect(() => strict('{{.metadata.uid}}')).toThrow(
      'template: output:1:2: executing "output" at <.metadata.uid>: map has no entry for key "uid"',
    );
    expect(() => strict('{{$x := .nope}}{{$x.deeper}}')).toThrow(
      'template: output:1:8: executing "output" at <.nope>: map has no entry for key "nope"',
    );
  });

  it('names the receiver type as Go does: interface {} for map values and range elements', () => {
    const fail = (text: string) => {
      try {
        run(text);
      } catch (e) {
        return (e as Error).message.replace(/^.*: can't evaluate field x in type /, '');
      }
    };
    expect(fail('{{.metadata.name.x}}')).toBe('interface {}');
    expect(fail('{{with .metadata.name}}{{.x}}{{end}}')).toBe('string');
    expect(fail('{{$n := .spec.terminationGracePeriodSeconds}}{{$n.x}}')).toBe('float64');
    expect(fail('{{range .spec.containers}}{{.name.x}}{{end}}')).toBe('interface {}');
    expect(fail('{{range $c := .metadata.labels}}{{$c.x}}{{end}}')).toBe('interface {}');
    expect(fail('{{range $i, $c := .spec.containers}}{{$i.x}}{{end}}')).toBe('int');
    expect(fail('{{(index .spec.containers 0 "name").x}}')).toBe('string');
  });

  it('keeps what was written before a run-time error', () => {
    try {
      run('a{{.metadata.name}}b{{.metadata.name.x}}c');
      expect.unreachable();
    } catch (e) {
      expect((e as { partial: string }).partial).toBe('aweb-0b');
    }
  });
});

describe('printf (Go fmt)', () => {
  it.each([
    ['%s|%10s|%-10s|%.2s', ['abc', 'abc', 'abc', 'abc'], 'abc|       abc|abc       |ab'],
    [
      '%d|%5d|%-5d|%05d|%+d|%x|%X|%o|%b',
      [42n, 42n, 42n, -42n, 42n, 255n, 255n, 8n, 5n],
      '42|   42|42   |-0042|+42|ff|FF|10|101',
    ],
    [
      '%v|%g|%f|%.2f|%e|%8.3f',
      [1.5, 1e21, 2.5, 3.14259, 1234.5678, 3.14259],
      '1.5|1e+21|2.500000|3.14|1.234568e+03|   3.143',
    ],
    ['%t|%v|%s', [true, false, true], 'true|false|%!s(bool=true)'],
    ['%q|%q|%x', ['a"b\n', 'é\u0001', 'hi'], '"a\\"b\\n"|"é\\x01"|6869'],
    [
      '%v|%s|%d',
      [{ b: 1, a: 'x' }, ['a', 1], [1, 2]],
      'map[a:x b:1]|[a %!s(float64=1)]|[%!d(float64=1) %!d(float64=2)]',
    ],
    ['%T %T %T %T %T', ['s', 1, 1n, [], {}], 'string float64 int []interface {} map[string]interface {}'],
    ['100%% %z', [1n], '100% %!z(int=1)'],
  ])('%j', (format, args, expected) => {
    expect(sprintf(format, args as never)).toBe(expected);
  });
});
