import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getResourcesAndPairs, parseLabelChanges, parsePairs } from '../../../src/commands/workload/pairs.js';
import { pod, TempStore } from './harness.js';

describe('label and annotate arguments', () => {
  it('splits resources from pairs', () => {
    expect(getResourcesAndPairs(['pod', 'x', 'a=b', 'c-'], 'label')).toEqual({
      resources: ['pod', 'x'],
      pairs: ['a=b', 'c-'],
    });
    expect(() => getResourcesAndPairs(['pod', 'a=b', 'x'], 'label')).toThrow(
      'all resources must be specified before label changes: x',
    );
  });

  const labelCases: Array<[string[], unknown]> = [
    [['a=b'], { set: new Map([['a', 'b']]), remove: [] }],
    [['a='], { set: new Map([['a', '']]), remove: [] }],
    [['a-'], { set: new Map(), remove: ['a'] }],
  ];
  for (const [specs, want] of labelCases) {
    it(`parses label ${specs.join(' ')}`, () => expect(parseLabelChanges(specs)).toEqual(want));
  }

  it('rejects bad label specs with kubectl wording', () => {
    expect(() => parseLabelChanges(['a=b=c'])).toThrow('invalid label spec: a=b=c');
    expect(() => parseLabelChanges(['a=b c'])).toThrow('invalid label value: "a=b c": a valid label must be');
    expect(() => parseLabelChanges(['a=b', 'a-'])).toThrow(
      'can not both modify and remove a label in the same command',
    );
  });

  it('parses annotations whose values contain =', () => {
    expect(parsePairs(['url=http://x/?a=b', 'old-'], 'annotation', true)).toEqual({
      set: new Map([['url', 'http://x/?a=b']]),
      remove: ['old'],
    });
    expect(() => parsePairs(['=x'], 'annotation', true)).toThrow('invalid annotation format: =x');
  });
});

let t: TempStore;
beforeEach(async () => {
  t = new TempStore();
  await t.create(pod('x', { app: 'web' }));
  await t.create(pod('y', { app: 'web' }));
});
afterEach(() => t.cleanup());

describe('label', () => {
  it('adds a label', async () => {
    expect(await t.run(['label', 'pod', 'x', 'tier=front'])).toEqual({
      code: 0,
      out: 'pod/x labeled\n',
      err: '',
    });
    expect(t.get('pod', 'x')!.metadata.labels).toEqual({ app: 'web', tier: 'front' });
  });

  it('refuses to change a value without --overwrite', async () => {
    expect(await t.run(['label', 'pod/x', 'app=api'])).toEqual({
      code: 1,
      out: '',
      err: "error: 'app' already has a value (web), and --overwrite is false\n",
    });
    expect((await t.run(['label', 'pod/x', 'app=api', '--overwrite'])).out).toBe('pod/x labeled\n');
    expect(t.get('pod', 'x')!.metadata.labels.app).toBe('api');
  });

  it('says not labeled when nothing changes and unlabeled when a label goes', async () => {
    expect((await t.run(['label', 'pod/x', 'app=web'])).out).toBe('pod/x not labeled\n');
    expect((await t.run(['label', 'pod/x', 'app-'])).out).toBe('pod/x unlabeled\n');
    expect(t.get('pod', 'x')!.metadata.labels).toBeUndefined();
    // kubectl compares the object before (no labels) with its local copy (labels: {}).
    expect((await t.run(['label', 'pod/x', 'gone-'])).out).toBe('label "gone" not found.\npod/x labeled\n');
    expect((await t.run(['label', 'pod/y', 'gone-'])).out).toBe(
      'label "gone" not found.\npod/y not labeled\n',
    );
  });

  it('labels what a selector or --all picks', async () => {
    expect((await t.run(['label', 'pods', '-l', 'app=web', 'env=dev'])).out).toBe(
      'pod/x labeled\npod/y labeled\n',
    );
    expect((await t.run(['label', 'pods', '--all', 'env=prod', '--overwrite'])).out).toBe(
      'pod/x labeled\npod/y labeled\n',
    );
  });

  it('validates the label key on the server side', async () => {
    const r = await t.run(['label', 'pod/x', 'bad key=v']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^The Pod "x" is invalid: metadata\.labels: Invalid value: "bad key"/);
  });

  it('lists labels', async () => {
    expect((await t.run(['label', 'pod/x', '--list'])).out).toBe('app=web\n');
  });

  it('needs resources and changes', async () => {
    expect((await t.run(['label', 'pod/x'])).err).toBe('error: at least one label update is required\n');
    expect((await t.run(['label', 'a=b'])).err).toBe(
      'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n',
    );
    expect((await t.run(['label', 'pod/nope', 'a=b'])).err).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
  });
});

describe('annotate', () => {
  it('annotates, refuses to overwrite, removes', async () => {
    expect((await t.run(['annotate', 'pod/x', 'note=hello world'])).out).toBe('pod/x annotated\n');
    expect(t.get('pod', 'x')!.metadata.annotations).toEqual({ note: 'hello world' });
    expect((await t.run(['annotate', 'pod/x', 'note=other'])).err).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello world)\n",
    );
    expect((await t.run(['annotate', 'pod/x', 'note=other', '--overwrite=true'])).out).toBe(
      'pod/x annotated\n',
    );
    expect((await t.run(['annotate', 'pod/x', 'note-'])).out).toBe('pod/x annotated\n');
    expect(t.get('pod', 'x')!.metadata.annotations).toBeUndefined();
  });

  it('refuses to set and remove the same key', async () => {
    expect((await t.run(['annotate', 'pod/x', 'a=1', 'a-'])).err).toBe(
      'error: can not both modify and remove the following annotation(s) in the same command: a\n',
    );
  });
});
