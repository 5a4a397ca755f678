// `mkube explain` as a command: its flags, its output on stdout, kubectl's errors and exit code
// (what it prints is compared with the real kubectl in test/unit/apiserver/explain-kubectl.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { explain, parseExplainTarget } from '../../../src/commands/explain.js';
import { TempStore } from './harness.js';

let t: TempStore;
beforeEach(() => {
  t = new TempStore();
});
afterEach(() => t.cleanup());

describe('mkube explain', () => {
  it('prints a field and its description', async () => {
    expect(await t.run(['explain', 'pod.spec.restartPolicy'])).toEqual({
      code: 0,
      out: explain(parseExplainTarget('pods.spec.restartPolicy', undefined), false, 'plaintext').out,
      err: '',
    });
    const r = await t.run(['explain', 'pod.spec.restartPolicy']);
    expect(r.out.split('\n').slice(0, 6)).toEqual([
      'KIND:       Pod',
      'VERSION:    v1',
      '',
      'FIELD: restartPolicy <string>',
      '',
      '',
    ]);
  });

  it('takes --recursive=true, --api-version and -o plaintext-openapiv2', async () => {
    expect((await t.run(['explain', 'deploy', '--recursive=true'])).out).toBe(
      explain(parseExplainTarget('deployments', undefined), true, 'plaintext').out,
    );
    expect((await t.run(['explain', 'hpa.spec', '--api-version=autoscaling/v2'])).out).toBe(
      explain(parseExplainTarget('hpa.spec', 'autoscaling/v2'), false, 'plaintext').out,
    );
    const v2 = await t.run(['explain', 'pods.spec.nodeName', '-o', 'plaintext-openapiv2']);
    expect(v2).toEqual({
      code: 0,
      out: `KIND:     Pod
VERSION:  v1

FIELD:    nodeName <string>

DESCRIPTION:
     NodeName is a request to schedule this pod onto a specific node. If it is
     non-empty, the scheduler simply schedules this pod onto that node, assuming
     that it fits resource requirements.
`,
      err: '',
    });
  });

  it('reports what kubectl reports', async () => {
    expect(await t.run(['explain', 'pod.spec.nope'])).toEqual({
      code: 1,
      out: 'KIND:       Pod\nVERSION:    v1\n\n',
      err: 'error: field "nope" does not exist\n',
    });
    expect(await t.run(['explain', 'widgets'])).toEqual({
      code: 1,
      out: '',
      err: 'error: the server doesn\'t have a resource type "widgets"\n',
    });
    expect(await t.run(['explain', 'pods', '--api-version=v2'])).toEqual({
      code: 1,
      out: '',
      err: 'error: couldn\'t find resource for "/v2, Resource=pods"\n',
    });
    expect(await t.run(['explain'])).toEqual({
      code: 1,
      out: '',
      err: 'error: You must specify the type of resource to explain. Use "mkube api-resources" for a complete list of supported resources.\n',
    });
  });
});
