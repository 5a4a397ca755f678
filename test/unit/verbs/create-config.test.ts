// `create configmap|secret` in-process: kubectl 1.32's own --dry-run=client -o yaml output for
// the same arguments (golden files captured from kubectl), kubectl's errors, and the server path
// (create, get, describe, AlreadyExists) against a real temp state directory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Run, TempState } from '../validation/cli-ctx.js';

const DIR = join(import.meta.dirname, 'fixtures', 'config');
const FILE_FLAGS = /^(--from-file=|--from-env-file=|--cert=|--key=)((?:[^=]+=)?)(.*)$/;
/** The golden cases ran in DIR; here the files are named by absolute path (same keys: basenames). */
const absolute = (arg: string) =>
  arg.replace(FILE_FLAGS, (_, flag, key, path) => `${flag}${key}${join(DIR, path)}`);

let s: TempState;
beforeEach(() => {
  s = new TempState();
});
afterEach(() => s.cleanup());

const maskAge = (r: Run) => ({ ...r, stdout: r.stdout.replace(/ {3}\d+s\n/g, '   <age>\n') });

describe('client dry run: what kubectl prints', () => {
  const cases = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as string[][];
  for (const [i, args] of cases.entries()) {
    it(args.join(' '), async () => {
      const r = await s.run(['create', ...args.map(absolute), '--dry-run=client', '-o', 'yaml']);
      expect(r).toEqual({
        code: 0,
        stdout: readFileSync(join(DIR, 'golden', `${i}.yaml`), 'utf8'),
        stderr: '',
      });
    });
  }
});

describe("kubectl's errors", () => {
  const f = (name: string) => join(DIR, name);
  const cases: [string, string[], string][] = [
    [
      'a duplicate key',
      ['cm', 'x', '--from-literal=k=v', '--from-literal=k=w'],
      'error: cannot add key "k", another key by that name already exists in Data for ConfigMap "x"\n',
    ],
    [
      'a literal without =',
      ['cm', 'x', '--from-literal=kv'],
      'error: invalid literal source kv, expected key=value\n',
    ],
    [
      'a key for a directory',
      ['cm', 'x', `--from-file=k=${f('dir')}`],
      'error: cannot give a key name for a directory path\n',
    ],
    [
      'a missing file',
      ['cm', 'x', '--from-file=/no/such'],
      'error: error reading /no/such: no such file or directory\n',
    ],
    [
      'an invalid key',
      ['cm', 'x', '--from-literal=b@d=1'],
      `error: "b@d" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n`,
    ],
    [
      'env file with literals',
      ['cm', 'x', `--from-env-file=${f('game-env-file.properties')}`, '--from-literal=a=b'],
      'error: from-env-file cannot be combined with from-file or from-literal\n',
    ],
    [
      'no name',
      ['cm'],
      "error: exactly one NAME is required, got 0\nSee 'mkube create configmap -h' for help and examples\n",
    ],
    [
      'tls without a key',
      ['secret', 'tls', 't', `--cert=${f('tls.crt')}`],
      'error: key and cert must be specified\n',
    ],
    [
      'tls with an unreadable cert',
      ['secret', 'tls', 't', '--cert=/no/such', `--key=${f('tls.key')}`],
      'error: Cannot read file /no/such, open /no/such: no such file or directory\n',
    ],
    [
      'tls with a non-PEM cert',
      ['secret', 'tls', 't', `--cert=${f('game.properties')}`, `--key=${f('tls.key')}`],
      'error: tls: failed to find any PEM data in certificate input\n',
    ],
    [
      'tls with the cert as key',
      ['secret', 'tls', 't', `--cert=${f('tls.crt')}`, `--key=${f('tls.crt')}`],
      'error: tls: found a certificate rather than a key in the PEM for the private key\n',
    ],
    [
      'docker-registry without credentials',
      ['secret', 'docker-registry', 'r'],
      'error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n',
    ],
  ];
  for (const [name, args, stderr] of cases) {
    it(name, async () => {
      expect(await s.run(['create', ...args, '--dry-run=client', '-o', 'yaml'])).toEqual({
        code: 1,
        stdout: '',
        stderr,
      });
    });
  }
});

describe('the server path', () => {
  it('creates, lists and describes ConfigMaps and Secrets as kubectl shows them', async () => {
    expect(await s.run(['create', 'configmap', 'game-config', `--from-file=${join(DIR, 'dir')}`])).toEqual({
      code: 0,
      stdout: 'configmap/game-config created\n',
      stderr: '',
    });
    expect(
      await s.run([
        'create',
        'secret',
        'generic',
        'db',
        '--from-literal=username=admin',
        '--from-literal=password=S!B\\*d$zDsb=',
      ]),
    ).toEqual({ code: 0, stdout: 'secret/db created\n', stderr: '' });
    expect(
      await s.run([
        'create',
        'secret',
        'tls',
        'web',
        `--cert=${join(DIR, 'tls.crt')}`,
        `--key=${join(DIR, 'tls.key')}`,
      ]),
    ).toEqual({
      code: 0,
      stdout: 'secret/web created\n',
      stderr: '',
    });
    expect(maskAge(await s.run(['get', 'cm']))).toEqual({
      code: 0,
      stdout: 'NAME          DATA   AGE\ngame-config   2      <age>\n',
      stderr: '',
    });
    expect(maskAge(await s.run(['get', 'secret']))).toEqual({
      code: 0,
      stdout:
        'NAME   TYPE                DATA   AGE\ndb     Opaque              2      <age>\nweb    kubernetes.io/tls   2      <age>\n',
      stderr: '',
    });
    expect((await s.run(['describe', 'secret', 'db'])).stdout).toBe(
      'Name:         db\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  12 bytes\nusername:  5 bytes\n',
    );
    expect((await s.run(['describe', 'cm', 'game-config'])).stdout).toBe(
      'Name:         game-config\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\ngame-extra.properties:\n----\nsecret.code.allowed=true\n\n\nui.properties:\n----\ncolor.good=purple\nhow.nice.to.look=fairlyNice\n\n\n\nBinaryData\n====\n\nEvents:  <none>\n',
    );
    expect(await s.run(['create', 'secret', 'generic', 'db', '--from-literal=a=b'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: failed to create secret secrets "db" already exists\n',
    });
    expect(await s.run(['create', 'cm', 'game-config'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: failed to create configmap: configmaps "game-config" already exists\n',
    });
  });

  it('a server dry run validates and stores nothing', async () => {
    s.getStore();
    const before = s.snapshot();
    expect(
      await s.run([
        'create',
        'secret',
        'generic',
        'x',
        '--type=kubernetes.io/tls',
        '--from-literal=a=b',
        '--dry-run=server',
      ]),
    ).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: failed to create secret Secret "x" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]\n',
    });
    expect(await s.run(['create', 'cm', 'y', '--from-literal=a=b', '--dry-run=server'])).toEqual({
      code: 0,
      stdout: 'configmap/y created (server dry run)\n',
      stderr: '',
    });
    expect(s.snapshot()).toEqual(before);
  });
});
