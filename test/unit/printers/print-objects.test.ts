import { describe, expect, it } from 'vitest';
import { KINDS } from '../../../src/api/kinds.js';
import { formatApiResources } from '../../../src/printers/api-resources.js';
import { printObjects } from '../../../src/printers/index.js';
import * as f from './fixtures.js';

function capture(fn: (out: { write(s: string): void }) => void): string {
  let text = '';
  fn({ write: (s) => (text += s) });
  return text;
}

describe('printObjects prints for other commands', () => {
  it('prints each object by itself with -o yaml, separated by ---', () => {
    const text = capture((out) => printObjects(out, [f.secret, f.configMap], 'yaml'));
    expect(text.split('---\n')).toHaveLength(2);
    expect(text.startsWith('apiVersion: v1\ndata:\n')).toBe(true);
  });

  it('prints kind/name lines with -o name', () => {
    expect(capture((out) => printObjects(out, [f.deployment, f.pod('p')], 'name'))).toBe(
      'deployment.apps/web\npod/p\n',
    );
  });

  it('wraps several objects in a List when asked', () => {
    const text = capture((out) =>
      printObjects(out, [f.pod('a'), f.pod('b')], 'jsonpath={.kind}', { asList: true }),
    );
    expect(text).toBe('List');
  });

  it('prints tables grouped by kind, with kind prefixes when kinds are mixed', () => {
    const text = capture((out) => printObjects(out, [f.pod('p'), f.secret], undefined, { now: f.NOW }));
    expect(text).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE\npod/p   1/1     Running   0          10s\n\nNAME           TYPE     DATA   AGE\nsecret/creds   Opaque   2      30s\n',
    );
  });
});

describe('api-resources lists the kinds registry as kubectl does', () => {
  it('sorts by group, then name, and prints the five columns', () => {
    const lines = formatApiResources(KINDS).split('\n');
    expect(lines[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/);
    expect(lines[1]).toMatch(/^bindings\s+v1\s+true\s+Binding$/);
    expect(lines.find((l) => l.startsWith('deployments'))).toMatch(
      /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/,
    );
    const groups = lines.slice(1, -1).map((l) => l.split(/\s+/).find((c) => c.includes('v1'))!);
    expect(groups.indexOf('apps/v1')).toBeGreaterThan(groups.lastIndexOf('v1'));
  });

  it('filters cluster-scoped kinds with --namespaced=false and names them with -o name', () => {
    expect(formatApiResources(KINDS, { namespaced: false, output: 'name' })).toBe(
      'componentstatuses\nnamespaces\nnodes\npersistentvolumes\ningressclasses.networking.k8s.io\nstorageclasses.storage.k8s.io\n',
    );
  });

  it('adds VERBS and CATEGORIES with -o wide and filters by --api-group', () => {
    const text = formatApiResources(KINDS, { output: 'wide', apiGroup: 'batch' });
    expect(text).toBe(
      'NAME       SHORTNAMES   APIVERSION   NAMESPACED   KIND      VERBS                                                        CATEGORIES\n' +
        'cronjobs   cj           batch/v1     true         CronJob   create,delete,deletecollection,get,list,patch,update,watch   all\n' +
        'jobs                    batch/v1     true         Job       create,delete,deletecollection,get,list,patch,update,watch   all\n',
    );
  });
});
