import { describe, expect, it } from 'vitest';
import { generateJobSelector } from '../../../src/api/job-selector.js';
import type { KObject } from '../../../src/api/types.js';

const job = (spec: Record<string, unknown>): KObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi', namespace: 'default', uid: 'u-1' },
  spec: { template: { spec: { containers: [] } }, ...spec },
});

describe('generateJobSelector', () => {
  it('labels the template with job-name and controller-uid and selects the uid, as the API server does', () => {
    const j = job({});
    generateJobSelector(j);
    const labels = {
      'batch.kubernetes.io/controller-uid': 'u-1',
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': 'u-1',
      'job-name': 'pi',
    };
    expect([j.metadata.labels, j.spec.selector, j.spec.template.metadata.labels]).toEqual([
      labels,
      { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } },
      labels,
    ]);
  });

  it('leaves the selector of a manualSelector Job alone', () => {
    const j = job({
      manualSelector: true,
      selector: { matchLabels: { app: 'x' } },
      template: { metadata: { labels: { app: 'x' } }, spec: { containers: [] } },
    });
    generateJobSelector(j);
    expect([j.metadata.labels, j.spec.selector]).toEqual([{ app: 'x' }, { matchLabels: { app: 'x' } }]);
  });
});
