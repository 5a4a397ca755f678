import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployment, TempStore } from './harness.js';

let t: TempStore;
beforeEach(async () => {
  t = new TempStore();
  await t.create(deployment('web', { replicas: 3 }));
});
afterEach(() => t.cleanup());

describe('scale', () => {
  it('sets spec.replicas and prints the kubectl line', async () => {
    const r = await t.run(['scale', 'deploy/web', '--replicas=5']);
    expect(r).toEqual({ code: 0, out: 'deployment.apps/web scaled\n', err: '' });
    expect(t.get('deploy', 'web')!.spec.replicas).toBe(5);
    expect(t.agentCalls).toBe(1);
  });

  it('accepts TYPE NAME and several names', async () => {
    await t.create(deployment('api'));
    const r = await t.run(['scale', '--replicas', '0', 'deployment', 'web', 'api']);
    expect(r.out).toBe('deployment.apps/web scaled\ndeployment.apps/api scaled\n');
    expect(t.get('deploy', 'api')!.spec.replicas).toBe(0);
  });

  it('requires --replicas with kubectl wording', async () => {
    const r = await t.run(['scale', 'deploy/web']);
    expect(r).toEqual({ code: 1, out: '', err: 'error: required flag(s) "replicas" not set\n' });
  });

  it('refuses when --current-replicas does not match', async () => {
    const r = await t.run(['scale', 'deploy/web', '--replicas=1', '--current-replicas=2']);
    expect(r).toEqual({ code: 1, out: '', err: 'error: Expected replicas to be 2, was 3\n' });
    expect(t.get('deploy', 'web')!.spec.replicas).toBe(3);
  });

  it('scales when --current-replicas matches', async () => {
    const r = await t.run(['scale', 'deploy/web', '--replicas=1', '--current-replicas=3']);
    expect(r.code).toBe(0);
    expect(t.get('deploy', 'web')!.spec.replicas).toBe(1);
  });

  it('scales what a selector matches, and --all', async () => {
    await t.create({ ...deployment('api'), metadata: { name: 'api', labels: { tier: 'x' } } });
    let r = await t.run(['scale', 'deploy', '-l', 'tier=x', '--replicas=2']);
    expect(r.out).toBe('deployment.apps/api scaled\n');
    r = await t.run(['scale', 'deploy', '--all', '--replicas=4']);
    expect(r.out).toBe('deployment.apps/api scaled\ndeployment.apps/web scaled\n');
  });

  it('reports a missing object after scaling the others', async () => {
    const r = await t.run(['scale', 'deploy', 'nope', 'web', '--replicas=2']);
    expect(r).toEqual({
      code: 1,
      out: 'deployment.apps/web scaled\n',
      err: 'Error from server (NotFound): deployments.apps "nope" not found\n',
    });
  });

  it('reports the NotFound as the API server says it when every name is missing', async () => {
    const r = await t.run(['scale', 'deploy', 'nope', '--replicas=2']);
    expect(r).toEqual({
      code: 1,
      out: '',
      err: 'Error from server (NotFound): deployments.apps "nope" not found\n',
    });
  });

  it('scales the objects found and reports the missing ones after them', async () => {
    const r = await t.run(['scale', 'deploy', 'web', 'nope', '--replicas=3', '--dry-run=client']);
    expect(r).toEqual({
      code: 1,
      out: 'deployment.apps/web scaled (dry run)\n',
      err: 'Error from server (NotFound): deployments.apps "nope" not found\n',
    });
  });

  it('says no objects were passed when the selector picks none', async () => {
    const r = await t.run(['scale', 'deploy', '-l', 'app=none', '--replicas=2']);
    expect(r).toEqual({ code: 1, out: '', err: 'error: no objects passed to scale\n' });
  });

  it('prints -o name and does not write with --dry-run=client', async () => {
    const r = await t.run(['scale', 'deploy/web', '--replicas=9', '--dry-run=client']);
    expect(r.out).toBe('deployment.apps/web scaled (dry run)\n');
    expect(t.get('deploy', 'web')!.spec.replicas).toBe(3);
    const n = await t.run(['scale', 'deploy/web', '--replicas=9', '-o', 'name']);
    expect(n.out).toBe('deployment.apps/web\n');
  });

  it('waits with --timeout until status catches up', async () => {
    const p = t.run(['scale', 'deploy/web', '--replicas=2', '--timeout=5s']);
    t.whenWatching(() => t.setStatus('deploy', 'web', { replicas: 2 }));
    expect((await p).out).toBe('deployment.apps/web scaled\n');
  });

  it('times out with kubectl wording', async () => {
    const r = await t.run(['scale', 'deploy/web', '--replicas=2', '--timeout=100ms']);
    expect(r.err).toBe('error: timed out waiting for "web" to be synced\n');
  });
});

describe('scale -f', () => {
  it('scales the objects a manifest names', async () => {
    const file = `${t.home}/web.yaml`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
    const r = await t.run(['scale', '-f', file, '--replicas=7']);
    expect(r.out).toBe('deployment.apps/web scaled\n');
    expect(t.get('deploy', 'web')!.spec.replicas).toBe(7);
  });
});
