import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pod, Volume } from 'kubernetes-types/core/v1.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  payloadPathError,
  planWrite,
  readState,
  timestampedDirName,
  writeAtomic,
} from '../../../src/kubelet/atomic-writer.js';
import {
  memoryVolumesRoot,
  projectedVolumeDir,
  removeOrphanConfigVolumes,
} from '../../../src/kubelet/config-volumes.js';
import {
  type Payload,
  type PayloadSources,
  volumePayload,
  volumeReferences,
} from '../../../src/kubelet/volume-payload.js';
import { containerMounts } from '../../../src/kubelet/volumes.js';
import { basePod } from './fixtures.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const sources: PayloadSources = {
  configMap: (_ns, name) =>
    name === 'cfg'
      ? { data: { 'game.properties': 'lives=3\n', ui: 'color=red' }, binaryData: { bin: 'AAEC' } }
      : undefined,
  secret: (_ns, name) =>
    name === 'sec' ? { data: { password: b64('S3cr3t'), user: b64('admin') } } : undefined,
};

/** The payload as plain [path, text-or-bytes, octal mode] rows, for whole-result comparisons. */
function rows(p: Payload): [string, string, string][] {
  return [...p].map(([path, f]) => [path, f.data.toString('latin1'), f.mode.toString(8)]);
}

function payloadOf(v: Volume, pod: Pod = basePod()) {
  const r = volumePayload(pod, v, sources, { hostIP: '127.0.0.1' });
  return r.ok ? rows(r.payload) : r.message;
}

describe('volume payloads (the kubelet volume plugins MakePayload)', () => {
  it('a configMap volume: every key of data and binaryData, defaultMode 0644', () => {
    expect(payloadOf({ name: 'v', configMap: { name: 'cfg' } })).toEqual([
      ['game.properties', 'lives=3\n', '644'],
      ['ui', 'color=red', '644'],
      ['bin', '\x00\x01\x02', '644'],
    ]);
  });
  it('items pick keys to (nested) paths with their own mode over defaultMode', () => {
    const v: Volume = {
      name: 'v',
      configMap: {
        name: 'cfg',
        defaultMode: 0o400,
        items: [
          { key: 'ui', path: 'conf/ui.conf', mode: 0o600 },
          { key: 'bin', path: 'b' },
        ],
      },
    };
    expect(payloadOf(v)).toEqual([
      ['conf/ui.conf', 'color=red', '600'],
      ['b', '\x00\x01\x02', '400'],
    ]);
  });
  it('a missing source or key fails with the kubelet text unless optional', () => {
    expect(payloadOf({ name: 'v', configMap: { name: 'nope' } })).toBe('configmap "nope" not found');
    expect(payloadOf({ name: 'v', configMap: { name: 'nope', optional: true } })).toEqual([]);
    expect(payloadOf({ name: 'v', configMap: { name: 'cfg', items: [{ key: 'x', path: 'x' }] } })).toBe(
      'configmap references non-existent config key: x',
    );
    expect(payloadOf({ name: 'v', secret: { secretName: 'nope' } })).toBe('secret "nope" not found');
    expect(payloadOf({ name: 'v', secret: { secretName: 'sec', items: [{ key: 'x', path: 'x' }] } })).toBe(
      'references non-existent secret key: x',
    );
    expect(
      payloadOf({
        name: 'v',
        secret: { secretName: 'sec', optional: true, items: [{ key: 'x', path: 'x' }] },
      }),
    ).toEqual([]);
  });
  it('a secret volume decodes its data', () => {
    expect(payloadOf({ name: 'v', secret: { secretName: 'sec', defaultMode: 0o400 } })).toEqual([
      ['password', 'S3cr3t', '400'],
      ['user', 'admin', '400'],
    ]);
  });
  it('downwardAPI: metadata fields and resources with divisors', () => {
    const pod = basePod((p) => {
      p.metadata!.labels = { b: '2', a: '1' };
      p.metadata!.annotations = { note: 'hi' };
      p.spec!.containers[0]!.resources = {
        limits: { memory: '64Mi', cpu: '250m' },
        requests: { cpu: '100m' },
      };
    });
    const v: Volume = {
      name: 'v',
      downwardAPI: {
        items: [
          { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
          { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } },
          { path: 'name', fieldRef: { fieldPath: 'metadata.name' } },
          { path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } },
          { path: 'uid', fieldRef: { fieldPath: 'metadata.uid' }, mode: 0o600 },
          {
            path: 'mem',
            resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' },
          },
          {
            path: 'cpu',
            resourceFieldRef: { containerName: 'app', resource: 'requests.cpu', divisor: '1m' },
          },
        ],
      },
    };
    expect(payloadOf(v, pod)).toEqual([
      ['labels', 'a="1"\nb="2"', '644'],
      ['annotations', 'note="hi"', '644'],
      ['name', 'web', '644'],
      ['ns', 'default', '644'],
      ['uid', 'uid-1', '600'],
      ['mem', '64', '644'],
      ['cpu', '100', '644'],
    ]);
  });
  it('projected: sources in order under one defaultMode; serviceAccountToken from the token source', () => {
    const v: Volume = {
      name: 'v',
      projected: {
        defaultMode: 0o440,
        sources: [
          { configMap: { name: 'cfg', items: [{ key: 'ui', path: 'ui' }] } },
          { secret: { name: 'sec', items: [{ key: 'user', path: 'creds/user', mode: 0o400 }] } },
          { downwardAPI: { items: [{ path: 'name', fieldRef: { fieldPath: 'metadata.name' } }] } },
        ],
      },
    };
    expect(payloadOf(v)).toEqual([
      ['ui', 'color=red', '440'],
      ['creds/user', 'admin', '400'],
      ['name', 'web', '440'],
    ]);
    const token: Volume = {
      name: 'v',
      projected: { sources: [{ serviceAccountToken: { path: 't', audience: 'vault' } }] },
    };
    expect(payloadOf(token)).toBe('serviceAccountToken projections need the agent (it signs the tokens)');
    const withTokens: PayloadSources = {
      ...sources,
      serviceAccountToken: (pod, p) => `token-of-${pod.metadata?.name}-for-${p.audience}`,
    };
    const r = volumePayload(basePod(), token, withTokens, { hostIP: '127.0.0.1' });
    expect(r.ok && rows(r.payload)).toEqual([['t', 'token-of-web-for-vault', '644']]);
  });
  it('names the ConfigMaps and Secrets a volume reads (what a change must wake)', () => {
    expect(
      volumeReferences({
        name: 'v',
        projected: {
          sources: [{ configMap: { name: 'a' } }, { secret: { name: 'b' } }, { downwardAPI: {} }],
        },
      }),
    ).toEqual(['configmap/a', 'secret/b']);
    expect(volumeReferences({ name: 'v', secret: { secretName: 's' } })).toEqual(['secret/s']);
  });
});

const file = (text: string, mode = 0o644) => ({ data: Buffer.from(text), mode });

describe('the atomic writer plan', () => {
  it('a first write makes the timestamped directory and every top-level symlink', () => {
    const payload: Payload = new Map([
      ['b', file('2')],
      ['a/x', file('1')],
      ['a/y', file('1')],
    ]);
    expect(planWrite({ files: new Map(), visible: [] }, payload, '..new')).toEqual({
      newDir: '..new',
      addVisible: ['a', 'b'],
      removeVisible: [],
    });
  });
  it('the same content is not written again', () => {
    const payload: Payload = new Map([['a', file('1')]]);
    expect(
      planWrite({ dataDir: '..old', files: new Map([['a', file('1')]]), visible: ['a'] }, payload, '..new'),
    ).toEqual({
      addVisible: [],
      removeVisible: [],
    });
  });
  it('a changed value or mode swaps in a new directory and drops what went', () => {
    const state = {
      dataDir: '..old',
      files: new Map([
        ['a', file('1')],
        ['gone', file('x')],
      ]),
      visible: ['a', 'gone'],
    };
    expect(
      planWrite(
        state,
        new Map([
          ['a', file('1', 0o600)],
          ['c', file('3')],
        ]),
        '..new',
      ),
    ).toEqual({
      newDir: '..new',
      removeDir: '..old',
      addVisible: ['c'],
      removeVisible: ['gone'],
    });
  });
  it('refuses paths that leave the volume, as validatePath', () => {
    expect(['a/b', '/abs', 'a/../b', '..x', ''].map(payloadPathError)).toEqual([
      undefined,
      'invalid path: must be relative path: /abs',
      "invalid path: must not contain '..': a/../b",
      "invalid path: must not start with '..': ..x",
      'invalid path: must not be empty',
    ]);
  });
  it('names the directory as the kubelet does', () => {
    expect(timestampedDirName(new Date('2026-12-02T03:04:05.678Z'), 123456789)).toBe(
      '..2026_12_02_03_04_05.123456789',
    );
  });
});

describe('writeAtomic on a real directory', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  it('lays out ..data, per-key symlinks and modes; an update swaps ..data and removes the old directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mkube-aw-'));
    dirs.push(dir);
    expect(
      writeAtomic(
        dir,
        new Map([
          ['k', file('v1', 0o400)],
          ['n/x', file('x')],
        ]),
      ),
    ).toBe(true);
    const first = readlinkSync(join(dir, '..data'));
    expect(readdirSync(dir).sort()).toEqual([first, '..data', 'k', 'n'].sort());
    expect([readlinkSync(join(dir, 'k')), readlinkSync(join(dir, 'n'))]).toEqual(['..data/k', '..data/n']);
    expect((statSync(join(dir, 'k')).mode & 0o777).toString(8)).toBe('400');
    expect(
      writeAtomic(
        dir,
        new Map([
          ['k', file('v1', 0o400)],
          ['n/x', file('x')],
        ]),
      ),
    ).toBe(false);
    expect(writeAtomic(dir, new Map([['k', file('v2', 0o400)]]))).toBe(true);
    const second = readlinkSync(join(dir, '..data'));
    expect(second).not.toBe(first);
    expect(readdirSync(dir).sort()).toEqual([second, '..data', 'k'].sort());
    expect(readFileSync(join(dir, 'k'), 'utf8')).toBe('v2');
    expect([...readState(dir).files.keys()]).toEqual(['k']);
  });
  it('with an fsGroup: group ownership and read bits for the group, and no rewrite on the next sync', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mkube-aw-'));
    dirs.push(dir);
    expect(writeAtomic(dir, new Map([['k', file('v', 0o400)]]), { fsGroup: 2000 })).toBe(true);
    const st = statSync(join(dir, 'k'));
    expect([st.gid, (st.mode & 0o777).toString(8)]).toEqual([2000, '440']);
    expect(writeAtomic(dir, new Map([['k', file('v', 0o400)]]), { fsGroup: 2000 })).toBe(false);
  });
});

describe('mounts of these volumes', () => {
  const pod = basePod((p) => {
    p.spec!.volumes = [
      { name: 'cm', configMap: { name: 'cfg' } },
      { name: 'sec', secret: { secretName: 'sec' } },
    ];
    p.spec!.containers[0]!.volumeMounts = [
      { name: 'cm', mountPath: '/etc/cm' },
      { name: 'cm', mountPath: '/etc/ui', subPath: 'ui' },
      { name: 'sec', mountPath: '/etc/sec', readOnly: false },
    ];
  });
  const dirs = { disk: '/state/kubelet/pods', memory: '/dev/shm/mkube-x' };
  it('bind the volume directory read-only; a subPath binds the file it resolves to now', () => {
    const fs = {
      kind: () => undefined,
      mkdirp() {},
      touch() {},
      realpath: (p: string) => p.replace(/\/ui$/, '/..2026_01_01_00_00_00.1/ui'),
    };
    const result = containerMounts(pod, pod.spec!.containers[0]!, {
      claims: () => ({ error: '' }),
      fs,
      configDir: (v) => projectedVolumeDir(dirs, 'uid-1', v),
    });
    expect(result).toEqual({
      ok: true,
      mounts: [
        { type: 'bind', source: '/state/kubelet/pods/uid-1/volumes/cm', target: '/etc/cm', readOnly: true },
        {
          type: 'bind',
          source: '/state/kubelet/pods/uid-1/volumes/cm/..2026_01_01_00_00_00.1/ui',
          target: '/etc/ui',
          readOnly: true,
        },
        { type: 'bind', source: '/dev/shm/mkube-x/uid-1/volumes/sec', target: '/etc/sec', readOnly: true },
      ],
    });
  });
  it('keeps secret volumes of a home on the tmpfs, in a directory named after the home', () => {
    expect(memoryVolumesRoot('/home/u/.mkube', '/dev/shm')).toMatch(/^\/dev\/shm\/mkube-[0-9a-f]{12}$/);
    expect(memoryVolumesRoot('/home/u/.mkube', '/no-such-shm')).toBe('/home/u/.mkube/kubelet/memory-volumes');
  });
});

describe('orphaned tmpfs directories', () => {
  it('removes those of pods that are gone once they are a minute old, never a live or young one', () => {
    const root = mkdtempSync(join(tmpdir(), 'mkube-orphans-'));
    try {
      for (const uid of ['live', 'gone-old', 'gone-young'])
        mkdirSync(join(root, uid, 'volumes'), { recursive: true });
      const old = new Date(Date.now() - 120_000);
      utimesSync(join(root, 'gone-old'), old, old);
      utimesSync(join(root, 'live'), old, old);
      removeOrphanConfigVolumes({ disk: '/unused', memory: root }, new Set(['live']));
      expect(readdirSync(root).sort()).toEqual(['gone-young', 'live']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
