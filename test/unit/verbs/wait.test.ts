import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployment, pod, TempStore } from './harness.js';

let t: TempStore;
beforeEach(async () => {
  t = new TempStore();
  await t.create(pod('a', { app: 'x' }));
  await t.create(pod('b', { app: 'x' }));
});
afterEach(() => t.cleanup());

const ready = (status: 'True' | 'False') => ({ conditions: [{ type: 'Ready', status }] });

describe('wait --for=condition', () => {
  it('prints condition met once the condition holds', async () => {
    const p = t.run(['wait', '--for=condition=Ready', 'pod/a']);
    t.whenWatching(() => t.setStatus('pod', 'a', ready('True')));
    expect(await p).toEqual({ code: 0, out: 'pod/a condition met\n', err: '' });
  });

  it('checks once with --timeout=0', async () => {
    expect(await t.run(['wait', '--for=condition=Ready', 'pod/a', '--timeout=0'])).toEqual({
      code: 1,
      out: '',
      err: 'error: condition not met for pods/a\n',
    });
    await t.setStatus('pod', 'a', ready('True'));
    expect((await t.run(['wait', '--for=condition=Ready', 'pod/a', '--timeout=0'])).out).toBe(
      'pod/a condition met\n',
    );
  });

  it('times out with the resource in the message', async () => {
    const r = await t.run(['wait', '--for=condition=Ready', 'pod/a', '--timeout=100ms']);
    expect(r).toEqual({ code: 1, out: '', err: 'error: timed out waiting for the condition on pods/a\n' });
  });

  it('prints what succeeded and one line per failure for several objects', async () => {
    await t.setStatus('pod', 'a', ready('True'));
    const r = await t.run(['wait', '--for=condition=Ready', 'pod', '-l', 'app=x', '--timeout=100ms']);
    expect(r).toEqual({
      code: 1,
      out: 'pod/a condition met\n',
      err: 'error: timed out waiting for the condition on pods/b\n',
    });
    await t.create(pod('c', { app: 'x' }));
    const r2 = await t.run(['wait', '--for=condition=Ready', 'pods', '--all', '--timeout=50ms']);
    expect(r2.err).toBe(
      'timed out waiting for the condition on pods/b\ntimed out waiting for the condition on pods/c\n',
    );
  });

  it('reports missing objects and empty selections', async () => {
    expect((await t.run(['wait', '--for=condition=Ready', 'pod/nope'])).err).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
    expect((await t.run(['wait', '--for=condition=Ready', 'pod', '-l', 'app=none'])).err).toBe(
      'error: no matching resources found\n',
    );
  });

  it('waits for a deployment to become Available', async () => {
    await t.create(deployment('web'));
    const p = t.run(['wait', '--for=condition=Available', 'deployment/web', '--timeout=5s']);
    t.whenWatching(() =>
      t.setStatus('deploy', 'web', {
        observedGeneration: 1,
        conditions: [{ type: 'Available', status: 'True' }],
      }),
    );
    expect((await p).out).toBe('deployment.apps/web condition met\n');
  });
});

describe('wait --for=delete, create, jsonpath', () => {
  it('succeeds silently for an object that is already gone', async () => {
    expect(await t.run(['wait', '--for=delete', 'pod/nope'])).toEqual({ code: 0, out: '', err: '' });
  });

  it('waits until the object is deleted', async () => {
    const p = t.run(['wait', '--for=delete', 'pod/a', '--timeout=5s']);
    t.whenWatching(() => t.remove('pod', 'a'));
    expect((await p).out).toBe('pod/a condition met\n');
  });

  it('waits until the object exists', async () => {
    const p = t.run(['wait', '--for=create', 'pod/later', '--timeout=5s']);
    t.whenWatching(() => t.create(pod('later')));
    expect((await p).out).toBe('pod/later condition met\n');
    expect((await t.run(['wait', '--for=create', 'pod/never', '--timeout=100ms'])).err).toBe(
      'error: timed out waiting for the condition\n',
    );
  });

  it('waits for a jsonpath value', async () => {
    const p = t.run(['wait', '--for=jsonpath={.status.phase}=Running', 'pod/a', '--timeout=5s']);
    t.whenWatching(() => t.setStatus('pod', 'a', { phase: 'Running' }));
    expect((await p).out).toBe('pod/a condition met\n');
  });
});
