import { describe, expect, it } from 'vitest';
import {
  copyToPodTarget,
  extractFileSpec,
  isRelative,
  stripPathShortcuts,
  tarPrefix,
  untarTarget,
} from '../../../src/commands/cp-paths.js';

describe("cp's file specs (kubectl's extractFileSpec)", () => {
  it.each([
    ['/tmp/foo/', { file: '/tmp/foo' }],
    ['/', { file: '/' }],
    ['mypod:/tmp/bar/', { pod: 'mypod', file: '/tmp/bar' }],
    ['ns1/mypod:/tmp/bar', { namespace: 'ns1', pod: 'mypod', file: '/tmp/bar' }],
    ['mypod:C:\\dir\\f', { pod: 'mypod', file: 'C:/dir/f' }],
    ['mypod:', { pod: 'mypod', file: '' }],
  ])('reads %s', (arg, spec) => {
    expect(extractFileSpec(arg)).toEqual(spec);
  });

  it.each([':/x', 'a/b/c:/x'])('refuses %s', (arg) => {
    expect(() => extractFileSpec(arg)).toThrow(
      'filespec must match the canonical format: [[namespace/]pod:]file/path',
    );
  });
});

describe('the path rules', () => {
  it.each([
    ['../../a/b', 'a/b'],
    ['..', ''],
    ['.', ''],
    ['/abs', 'abs'],
    ['a/../b', 'a/../b'],
  ])('strips the shortcuts of %s', (p, stripped) => {
    expect(stripPathShortcuts(p)).toBe(stripped);
  });

  it.each([
    ['/tmp/foo', 'tmp/foo'],
    ['/tmp/foo/', 'tmp/foo'],
    ['../../etc/x', 'etc/x'],
    ['/a/./b/../c', 'a/c'],
  ])('names the prefix of `tar cf - %s`', (remote, prefix) => {
    expect(tarPrefix(remote)).toBe(prefix);
  });

  it.each([
    ['out', 'out/a', true],
    ['out', 'out', true],
    ['out', 'other/a', false],
    ['/tmp/out', '/tmp/out/sub/f', true],
    ['/tmp/out', '/tmp/evil', false],
    ['out', '/abs', false],
  ])('%s contains %s: %s', (base, target, inside) => {
    expect(isRelative(base, target)).toBe(inside);
  });
});

describe("where the pod's tar entries land locally", () => {
  it('puts a copied directory under the destination', () => {
    expect(untarTarget('tmp/in', 'back', 'tmp/in/')).toEqual({ kind: 'inside', path: 'back' });
    expect(untarTarget('tmp/in', 'back', 'tmp/in/sub/f.bin')).toEqual({
      kind: 'inside',
      path: 'back/sub/f.bin',
    });
    expect(untarTarget('tmp/in/a.txt', 'one.txt', 'tmp/in/a.txt')).toEqual({
      kind: 'inside',
      path: 'one.txt',
    });
  });

  it('refuses entries outside the prefix and skips those that climb out of the target', () => {
    expect(untarTarget('tmp/in', 'back', 'etc/passwd')).toEqual({ kind: 'corrupted' });
    expect(untarTarget('tmp/in', 'back', 'tmp/in/../../evil')).toEqual({ kind: 'outside', path: '../evil' });
    expect(untarTarget('tmp/in', '/x/back', 'tmp/in/../../../etc/cron')).toEqual({
      kind: 'outside',
      path: '/etc/cron',
    });
    // "tmp/in-other" shares the prefix "tmp/in": Go's HasPrefix lets it through (joined as a child), as here.
    expect(untarTarget('tmp/in', 'back', 'tmp/in-other/f')).toEqual({
      kind: 'inside',
      path: 'back/-other/f',
    });
  });
});

describe('what copying to a pod extracts where', () => {
  it.each([
    ['src', '/tmp/in', false, { entryBase: 'in', extractDir: '/tmp' }],
    ['src', '/tmp', true, { entryBase: 'src', extractDir: '/tmp' }],
    ['/home/u/file.txt', '/data', true, { entryBase: 'file.txt', extractDir: '/data' }],
    ['f', 'rel/name', false, { entryBase: 'name', extractDir: 'rel' }],
    ['f', 'name', false, { entryBase: 'name', extractDir: '.' }],
  ])('%s -> %s (dir: %s)', (local, remote, isDir, target) => {
    expect(copyToPodTarget(local, remote, isDir)).toEqual(target);
  });
});
