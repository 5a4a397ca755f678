// The kubelet's events for a container held in back-off, worded as the kubelet words them.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { backOffEvents } from '../../../src/kubelet/backoff-events.js';

const pod: KObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', uid: 'u1' },
  spec: { containers: [{ name: 'app', image: 'nope:1' }] },
};
const app = { name: 'app', image: 'nope:1' };

describe('backOffEvents', () => {
  it('names a crash loop in a Warning BackOff', () => {
    expect(backOffEvents(pod, app, { reason: 'CrashLoopBackOff', message: '' })).toEqual([
      {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container app in pod web_default(u1)',
      },
    ]);
  });

  it('names an image pull back-off in a Normal BackOff, then the sync error', () => {
    expect(backOffEvents(pod, app, { reason: 'ImagePullBackOff', message: '' })).toEqual([
      { type: 'Normal', reason: 'BackOff', message: 'Back-off pulling image "nope:1"' },
      { type: 'Warning', reason: 'Failed', message: 'Error: ImagePullBackOff' },
    ]);
  });

  it('has nothing for other waiting reasons', () => {
    expect(backOffEvents(pod, app, { reason: 'ErrImagePull', message: '' })).toEqual([]);
  });
});
