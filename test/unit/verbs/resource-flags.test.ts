// Every verb reads resource arguments and the shared flags the same way, as kubectl does:
// `TYPE/NAME` forms, `delete all --all`, --timeout as a Go duration, the --dry-run spellings, and
// flags typed after `create`'s subcommands.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { deployment, pod, TempStore } from './harness.js';

let t: TempStore;
beforeEach(() => {
  t = new TempStore();
});
afterEach(() => t.cleanup());

/** klog's header (time and pid) varies; keep the rest. */
const klog = (text: string) => text.replace(/^W\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, 'W ');

const service = (name: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { ports: [{ port: 80 }] },
});
const configMap = (name: string): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });

describe('TYPE/NAME with two slashes', () => {
  const err = 'error: arguments in resource/name form may not have more than one slash\n';
  for (const verb of [['get'], ['delete'], ['describe'], ['label', 'a=b'], ['scale', '--replicas=1']]) {
    it(`is refused by ${verb[0]}`, async () => {
      await t.create(pod('a'));
      const r = await t.run([verb[0]!, 'pod/a/b', ...verb.slice(1)]);
      expect(r).toEqual({ code: 1, out: '', err });
      expect(t.get('pod', 'a')).toBeDefined();
    });
  }
});

describe('get', () => {
  it('takes TYPE1,TYPE2 NAME as both types', async () => {
    await t.create(pod('a'));
    await t.create(service('a'));
    const r = await t.run(['get', 'pods,svc', 'a', '-o', 'name']);
    expect(r).toEqual({ code: 0, out: 'pod/a\nservice/a\n', err: '' });
  });

  it('refuses a name with a selector', async () => {
    const r = await t.run(['get', 'pods', 'a', '--field-selector=metadata.name=a']);
    expect(r).toEqual({
      code: 1,
      out: '',
      err: 'error: name cannot be provided when a selector is specified\n',
    });
  });
});

describe('delete all --all', () => {
  it('deletes every object of the all category in the namespace, one line each, and nothing else', async () => {
    await t.create(pod('p'));
    await t.create(service('s'));
    await t.create(deployment('d'));
    await t.create(configMap('keep'));
    await t.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    await t.create({ ...pod('other'), metadata: { name: 'other', namespace: 'dev' } });
    const r = await t.run(['delete', 'all', '--all', '--wait=false']);
    expect(r).toEqual({
      code: 0,
      out: 'pod "p" deleted\nservice "s" deleted\ndeployment.apps "d" deleted\n',
      err: '',
    });
    expect([t.get('pod', 'p'), t.get('svc', 's'), t.get('deploy', 'd')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(t.get('cm', 'keep')).toBeDefined();
    expect(t.get('pod', 'other', 'dev')).toBeDefined();
  });

  it('says so when there is nothing to delete', async () => {
    const r = await t.run(['delete', 'all', '--all']);
    expect(r).toEqual({ code: 0, out: 'No resources found\n', err: '' });
  });
});

describe('delete', () => {
  it('deletes TYPE/NAME of several types and reports the missing ones at the end', async () => {
    await t.create(pod('a'));
    await t.create(service('b'));
    const r = await t.run(['delete', 'pod/a', 'pod/nope', 'svc/b', '--wait=false']);
    expect(r).toEqual({
      code: 1,
      out: 'pod "a" deleted\nservice "b" deleted\n',
      err: 'Error from server (NotFound): pods "nope" not found\n',
    });
  });

  it('refuses a name with --all, as the builder does', async () => {
    const r = await t.run(['delete', 'pods', 'a', '--all']);
    expect(r).toEqual({
      code: 1,
      out: '',
      err: 'error: name cannot be provided when a selector is specified\n',
    });
  });

  it('refuses resource arguments with -f', async () => {
    const r = await t.run(['delete', '-f', '-', 'pods', 'a'], { stdin: 'kind: Pod\n' });
    expect(r).toEqual({
      code: 1,
      out: '',
      err: 'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n',
    });
  });
});

describe('--timeout is a Go duration for every verb', () => {
  const refused = (verb: string, value: string, why: string) => ({
    code: 1,
    out: '',
    err: `error: invalid argument "${value}" for "--timeout" flag: time: ${why}\nSee 'mkube ${verb} --help' for usage.\n`,
  });
  it('delete and wait both refuse a bare number', async () => {
    await t.create(pod('a'));
    const del = await t.run(['delete', 'pod', 'a', '--timeout=30']);
    const wait = await t.run(['wait', 'pod', 'a', '--for=delete', '--timeout=30']);
    expect([del, wait]).toEqual([
      refused('delete', '30', 'missing unit in duration "30"'),
      refused('wait', '30', 'missing unit in duration "30"'),
    ]);
    expect(t.get('pod', 'a')).toBeDefined();
  });

  it('scale and rollout status refuse an unknown unit', async () => {
    const scale = await t.run(['scale', 'deploy', 'web', '--replicas=1', '--timeout=1x']);
    const status = await t.run(['rollout', 'status', 'deploy/web', '--timeout', '1x']);
    expect([scale, status]).toEqual([
      refused('scale', '1x', 'unknown unit "x" in duration "1x"'),
      refused('rollout status', '1x', 'unknown unit "x" in duration "1x"'),
    ]);
  });

  it('replace refuses a bare number and an unknown unit before anything else', async () => {
    const bare = await t.run(['replace', '-f', 'x.yaml', '--force', '--timeout=30']);
    const unit = await t.run(['replace', '-f', 'x.yaml', '--timeout=1x']);
    expect([bare, unit]).toEqual([
      refused('replace', '30', 'missing unit in duration "30"'),
      refused('replace', '1x', 'unknown unit "x" in duration "1x"'),
    ]);
  });

  it('wait takes 0 as "check once"', async () => {
    await t.create(pod('a'));
    const r = await t.run(['wait', 'pod', 'a', '--for=delete', '--timeout=0']);
    expect(r).toEqual({ code: 1, out: '', err: 'error: condition not met for pods/a\n' });
  });
});

describe('--dry-run spellings are the same for every verb', () => {
  const DEPRECATED_BARE =
    'W helpers.go:702] --dry-run is deprecated and can be replaced with --dry-run=client.\n';
  const deprecatedBool = (v: string) =>
    `W helpers.go:716] --dry-run=${v} is deprecated (boolean value) and can be replaced with --dry-run=client.\n`;

  beforeEach(async () => {
    await t.create(deployment('web', { replicas: 1 }));
  });

  // replace reads the object from stdin: web with 3 replicas, as it would be sent.
  const replacement = JSON.stringify(deployment('web', { replicas: 3 }));
  const verbs: Array<[string, string[], string, string?]> = [
    ['scale', ['scale', 'deploy/web', '--replicas=3'], 'deployment.apps/web scaled (dry run)\n'],
    ['label', ['label', 'deploy/web', 'x=y'], 'deployment.apps/web labeled (dry run)\n'],
    ['delete', ['delete', 'deploy/web'], 'deployment.apps "web" deleted (dry run)\n'],
    // kubectl's patch line has no dry-run suffix.
    ['patch', ['patch', 'deploy/web', '-p', '{"spec":{"replicas":3}}'], 'deployment.apps/web patched\n'],
    ['replace', ['replace', '-f', '-'], 'deployment.apps/web replaced (dry run)\n', replacement],
  ];
  for (const [verb, args, out, stdin] of verbs) {
    it(`${verb} takes client, a bare --dry-run and the Go booleans, with kubectl's warnings`, async () => {
      const runs = [];
      for (const spelling of ['--dry-run=client', '--dry-run', '--dry-run=t', '--dry-run=1']) {
        const r = await t.run([...args, spelling], { stdin });
        runs.push({ ...r, err: klog(r.err) });
      }
      expect(runs).toEqual([
        { code: 0, out, err: '' },
        { code: 0, out, err: DEPRECATED_BARE },
        { code: 0, out, err: deprecatedBool('t') },
        { code: 0, out, err: deprecatedBool('1') },
      ]);
      const web = t.get('deploy', 'web')!;
      expect([web.spec.replicas, web.metadata.labels]).toEqual([1, { app: 'web' }]);
    });

    it(`${verb} refuses an unknown strategy`, async () => {
      const r = await t.run([...args, '--dry-run=maybe'], { stdin });
      expect(r).toEqual({
        code: 1,
        out: '',
        err: 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n',
      });
    });
  }

  it('a bare --dry-run never takes the next argument', async () => {
    const r = await t.run(['delete', '--dry-run', 'deploy', 'web']);
    expect({ ...r, err: klog(r.err) }).toEqual({
      code: 0,
      out: 'deployment.apps "web" deleted (dry run)\n',
      err: DEPRECATED_BARE,
    });
  });
});

describe("create's flags after and before a subcommand", () => {
  it('gives -o, --dry-run and -n after the subcommand to the subcommand', async () => {
    const r = await t.run([
      'create',
      'deployment',
      'api',
      '--image=nginx',
      '-o',
      'name',
      '--dry-run=client',
      '-n',
      'dev',
    ]);
    expect(r).toEqual({ code: 0, out: 'deployment.apps/api\n', err: '' });
  });

  it('folds create flags typed before the subcommand into it', async () => {
    const r = await t.run(['create', '-o', 'name', '--dry-run=client', 'namespace', 'dev']);
    expect(r).toEqual({ code: 0, out: 'namespace/dev\n', err: '' });
    expect(t.get('namespace', 'dev')).toBeUndefined();
  });
});

describe('delete --ignore-not-found', () => {
  it('prints nothing for a named object that is missing, as kubectl does', async () => {
    const r = await t.run(['delete', 'pod', 'nope', '--ignore-not-found']);
    expect(r).toEqual({ code: 0, out: '', err: '' });
  });
});
