// The `mkube` entries written into a kubeconfig: only they change; the namespace of the `mkube`
// context and every other entry stay; current-context only on request.
import { describe, expect, it } from 'vitest';
import { emptyKubeconfig, initialKubeconfig, type Kubeconfig } from '../../../src/state/kubeconfig.js';
import { hasMkubeEntries, withMkubeEntries } from '../../../src/state/kubeconfig-mkube.js';

const creds = { server: 'https://127.0.0.1:6443', caCert: 'CA', clientCert: 'CERT', clientKey: 'KEY' };
const b64 = (s: string) => Buffer.from(s).toString('base64');
const cluster = {
  cluster: { 'certificate-authority-data': b64('CA'), server: 'https://127.0.0.1:6443' },
  name: 'mkube',
};
const user = {
  name: 'mkube',
  user: { 'client-certificate-data': b64('CERT'), 'client-key-data': b64('KEY') },
};

const someoneElses: Kubeconfig = {
  apiVersion: 'v1',
  clusters: [{ cluster: { server: 'https://prod.example:6443' }, name: 'prod' }],
  contexts: [
    { context: { cluster: 'prod', user: 'ops', namespace: 'web' }, name: 'prod' },
    { context: { cluster: 'old', user: 'old', namespace: 'dev' }, name: 'mkube' },
  ],
  'current-context': 'prod',
  kind: 'Config',
  preferences: { colors: true },
  users: [
    { name: 'ops', user: { token: 'abc' } },
    { name: 'mkube', user: { token: 'stale' } },
  ],
};

describe('withMkubeEntries', () => {
  it('adds the three entries to an empty file, current-context untouched', () => {
    expect(withMkubeEntries(emptyKubeconfig(), creds)).toEqual({
      apiVersion: 'v1',
      clusters: [cluster],
      contexts: [{ context: { cluster: 'mkube', user: 'mkube' }, name: 'mkube' }],
      'current-context': '',
      kind: 'Config',
      preferences: {},
      users: [user],
    });
  });

  it("replaces mkube's entries in place, keeps its context's namespace and every other entry", () => {
    expect(withMkubeEntries(someoneElses, creds)).toEqual({
      ...someoneElses,
      clusters: [someoneElses.clusters![0], cluster],
      contexts: [
        someoneElses.contexts![0],
        { context: { cluster: 'mkube', user: 'mkube', namespace: 'dev' }, name: 'mkube' },
      ],
      users: [someoneElses.users![0], user],
    });
  });

  it('switches to the mkube context when asked', () => {
    expect(withMkubeEntries(someoneElses, creds, { setCurrent: true })['current-context']).toBe('mkube');
  });

  it('says whether the entries are already there (nothing to write)', () => {
    expect(hasMkubeEntries(initialKubeconfig(), creds)).toBe(false);
    expect(hasMkubeEntries(withMkubeEntries(initialKubeconfig(), creds), creds)).toBe(true);
    expect(
      hasMkubeEntries(withMkubeEntries(initialKubeconfig(), creds), {
        ...creds,
        server: 'https://127.0.0.1:1',
      }),
    ).toBe(false);
  });
});
