import { describe, expect, it } from 'vitest';
import { ALPHANUMS, fnv32, fnv32a, safeEncodeString } from '../../../src/controllers/common/hash.js';
import { computePodTemplateHash, equalIgnoreHash } from '../../../src/controllers/deployment/hash.js';
import { hashRevision, revisionData } from '../../../src/controllers/statefulset/revision.js';

const template = () => ({
  metadata: { labels: { app: 'web', tier: 'front' } },
  spec: { containers: [{ name: 'web', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
});

describe('FNV and SafeEncodeString', () => {
  it('match Go for the reference vectors', () => {
    const bytes = (s: string) => Buffer.from(s, 'utf8');
    expect(fnv32a(bytes(''))).toBe(0x811c9dc5);
    expect(fnv32a(bytes('a'))).toBe(0xe40c292c);
    expect(fnv32a(bytes('foobar'))).toBe(0xbf9cf968);
    expect(fnv32(bytes('a'))).toBe(0x050c5d7e);
    expect(fnv32(bytes('foobar'))).toBe(0x31f0b262);
  });
  it('encodes each decimal digit into the vowel-free alphabet', () => {
    // '0' is byte 48; 48 % 27 = 21.
    expect(safeEncodeString('0')).toBe(ALPHANUMS[21]);
    expect(safeEncodeString('1234567890')).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/);
  });
});

describe('computePodTemplateHash', () => {
  it('is stable for the same template', () => {
    expect(computePodTemplateHash(template())).toBe(computePodTemplateHash(template()));
  });
  it('ignores key order and empty fields', () => {
    const reordered = {
      spec: { containers: [{ command: ['sleep', '3600'], image: 'busybox:1.36', name: 'web', env: [] }] },
      metadata: { annotations: {}, labels: { tier: 'front', app: 'web' } },
    };
    expect(computePodTemplateHash(reordered)).toBe(computePodTemplateHash(template()));
  });
  it('changes with the image, a label, the command or the collision count', () => {
    const base = computePodTemplateHash(template());
    const image = template();
    image.spec.containers[0]!.image = 'busybox:1.31';
    const label = template();
    label.metadata.labels.tier = 'back';
    const command = template();
    command.spec.containers[0]!.command = ['sleep', '60'];
    const all = [
      base,
      computePodTemplateHash(image),
      computePodTemplateHash(label),
      computePodTemplateHash(command),
    ];
    all.push(computePodTemplateHash(template(), 1));
    expect(new Set(all).size).toBe(all.length);
  });
  it('is at most 10 characters of the safe alphabet', () => {
    expect(computePodTemplateHash(template())).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  });
});

describe('equalIgnoreHash', () => {
  it('ignores only the pod-template-hash label', () => {
    const withHash = template() as any;
    withHash.metadata.labels['pod-template-hash'] = 'abc';
    expect(equalIgnoreHash(withHash, template())).toBe(true);
    withHash.metadata.labels.other = 'x';
    expect(equalIgnoreHash(withHash, template())).toBe(false);
  });
});

describe('StatefulSet revision hash', () => {
  it('depends on the template and the collision count only', () => {
    const set = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web' },
      spec: { template: template() },
    };
    const a = hashRevision(revisionData(set), 0);
    expect(hashRevision(revisionData(structuredClone(set)), 0)).toBe(a);
    expect(hashRevision(revisionData(set), 1)).not.toBe(a);
    expect((revisionData(set) as any).spec.template.$patch).toBe('replace');
  });
});
