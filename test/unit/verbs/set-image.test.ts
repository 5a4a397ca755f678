import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployment, pod, TempStore } from './harness.js';

let t: TempStore;
beforeEach(async () => {
  t = new TempStore();
  await t.create(deployment('web', { image: 'nginx:1' }));
});
afterEach(() => t.cleanup());

describe('set image', () => {
  it('changes the named container and prints image updated', async () => {
    const r = await t.run(['set', 'image', 'deployment/web', 'app=nginx:2']);
    expect(r).toEqual({ code: 0, out: 'deployment.apps/web image updated\n', err: '' });
    const d = t.get('deploy', 'web')!;
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:2');
    expect(d.metadata.generation).toBe(2);
  });

  it('prints nothing when the image is already set', async () => {
    expect(await t.run(['set', 'image', 'deploy/web', 'app=nginx:1'])).toEqual({ code: 0, out: '', err: '' });
  });

  it('sets every container with *', async () => {
    await t.create({
      ...pod('p'),
      spec: {
        initContainers: [{ name: 'init', image: 'busybox:1' }],
        containers: [
          { name: 'a', image: 'busybox:1' },
          { name: 'b', image: 'busybox:1' },
        ],
      },
    });
    expect((await t.run(['set', 'image', 'pod', 'p', '*=busybox:2'])).out).toBe('pod/p image updated\n');
    const p = t.get('pod', 'p')!;
    expect([...p.spec.initContainers, ...p.spec.containers].map((c: any) => c.image)).toEqual([
      'busybox:2',
      'busybox:2',
      'busybox:2',
    ]);
  });

  it('reports a container that does not exist', async () => {
    const r = await t.run(['set', 'image', 'deploy/web', 'nope=x']);
    expect(r).toEqual({ code: 1, out: '', err: 'error: unable to find container named "nope"\n' });
  });

  it('validates its arguments as kubectl does', async () => {
    expect((await t.run(['set', 'image', 'deploy/web'])).err).toBe(
      'error: at least one image update is required\n',
    );
    expect((await t.run(['set', 'image', 'deploy/web', '*=a', 'app=b'])).err).toBe(
      'error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n',
    );
    expect((await t.run(['set', 'image', 'deploy/web', 'app=x', 'deploy/other'])).err).toBe(
      'error: all resources must be specified before image changes: deploy/other\n',
    );
    expect((await t.run(['set', 'image', 'deploy/nope', 'app=x'])).err).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
  });

  it('records the command as the change cause with --record', async () => {
    const r = await t.run(['set', 'image', 'deploy/web', 'app=nginx:3', '--record']);
    expect(r.err).toBe('Flag --record has been deprecated, --record will be removed in the future\n');
    expect(t.get('deploy', 'web')!.metadata.annotations?.['kubernetes.io/change-cause']).toBe(
      'mkube set image deploy/web app=nginx:3 --record=true',
    );
  });

  it('rejects an invalid image without changing anything', async () => {
    const r = await t.run(['set', 'image', 'deploy/web', 'app=']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('spec.template.spec.containers[0].image: Required value');
    expect(t.get('deploy', 'web')!.spec.template.spec.containers[0].image).toBe('nginx:1');
  });
});
