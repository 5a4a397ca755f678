import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { daemonSetStrategy, TEMPLATE_GENERATION } from '../../../src/registry/strategies/daemonset.js';

const ds = (image: string, generation?: string): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'a', ...(generation ? { annotations: { [TEMPLATE_GENERATION]: generation } } : {}) },
  spec: {
    selector: { matchLabels: { app: 'a' } },
    template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image }] } },
  },
});

describe('the DaemonSet strategy', () => {
  it('starts the template generation at 1 and bumps it only on a template change', () => {
    const created = ds('busybox');
    daemonSetStrategy.prepareForCreate!(created);
    const same = ds('busybox');
    daemonSetStrategy.prepareForUpdate!(same, ds('busybox', '3'));
    const changed = ds('nginx');
    daemonSetStrategy.prepareForUpdate!(changed, ds('busybox', '3'));
    expect([created, same, changed].map((o) => o.metadata.annotations?.[TEMPLATE_GENERATION])).toEqual([
      '1',
      '3',
      '4',
    ]);
  });
});
