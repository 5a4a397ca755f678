// mkube's kubeconfig pointed at the endpoint: written when missing or different, never rewritten
// when right, other entries (from `mkube config` verbs) kept.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { writeEndpointKubeconfig } from '../../../src/apiserver/kubeconfig-writer.js';

const home = mkdtempSync(join(tmpdir(), 'mkube-kcw-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const file = join(home, 'kubeconfig');
const creds = { server: 'https://127.0.0.1:6443', caCert: 'CA', clientCert: 'CERT', clientKey: 'KEY' };
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('writeEndpointKubeconfig', () => {
  it("writes mkube's file when there is none, 0600", async () => {
    expect(await writeEndpointKubeconfig(home, creds)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(
      [
        'apiVersion: v1',
        'clusters:',
        '- cluster:',
        `    certificate-authority-data: ${b64('CA')}`,
        '    server: https://127.0.0.1:6443',
        '  name: mkube',
        'contexts:',
        '- context:',
        '    cluster: mkube',
        '    user: mkube',
        '  name: mkube',
        'current-context: mkube',
        'kind: Config',
        'preferences: {}',
        'users:',
        '- name: mkube',
        '  user:',
        `    client-certificate-data: ${b64('CERT')}`,
        `    client-key-data: ${b64('KEY')}`,
        '',
      ].join('\n'),
    );
  });

  it('leaves a file that is already right alone', async () => {
    const before = statSync(file);
    expect(await writeEndpointKubeconfig(home, creds)).toBe(true);
    const after = statSync(file);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('updates the server on a new port, keeping the contexts and namespace the user set', async () => {
    const edited = parse(readFileSync(file, 'utf8'));
    edited.contexts[0].context.namespace = 'dev';
    edited.contexts.push({ context: { cluster: 'mkube', user: 'mkube', namespace: 'web' }, name: 'other' });
    edited['current-context'] = 'other';
    writeFileSync(file, JSON.stringify(edited));
    expect(await writeEndpointKubeconfig(home, { ...creds, server: 'https://127.0.0.1:40000' })).toBe(true);
    const merged = parse(readFileSync(file, 'utf8'));
    expect(merged).toEqual({
      ...edited,
      clusters: [
        {
          ...edited.clusters[0],
          cluster: { ...edited.clusters[0].cluster, server: 'https://127.0.0.1:40000' },
        },
      ],
    });
  });
});
