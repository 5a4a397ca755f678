import { describe, expect, it } from 'vitest';
import { configMapHash, goJson, parseEnvFile, secretHash } from '../../../src/commands/config-data.js';

describe('--append-hash suffixes (kubectl create ... --append-hash, checked against kubectl 1.32)', () => {
  it('hashes a ConfigMap as kubectl does', () => {
    expect(configMapHash({ metadata: { name: 'c2' }, data: { one: 'da', two: 'db' } })).toBe('m97hd77h9t');
  });
  it('hashes a Secret with its type as kubectl does', () => {
    expect(secretHash({ metadata: { name: 's' }, data: { a: 'Yg==' }, type: '' })).toBe('7fd2tm89d8');
  });
  it('encodes JSON as Go does: sorted keys, HTML characters escaped', () => {
    expect(goJson({ b: '<&>', a: { d: 1, c: null } })).toBe(
      '{"a":{"c":null,"d":1},"b":"\\u003c\\u0026\\u003e"}',
    );
  });
});

describe('env files', () => {
  it('reads KEY=VALUE lines, skipping blanks and comments, a bare key from the environment', () => {
    const text = '\uFEFF# c\nK1=v1\r\nK2=\n\n  K3=a=b \nK4\n';
    expect(parseEnvFile(text, 'f', { K4: 'from-env' })).toEqual([
      ['K1', 'v1'],
      ['K2', ''],
      ['K3', 'a=b '],
      ['K4', 'from-env'],
    ]);
  });
  it('refuses an invalid name with kubectl message', () => {
    expect(() => parseEnvFile('K3 = v\n', 'f')).toThrow(
      `"K3 " is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
    );
  });
});
