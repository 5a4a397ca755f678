// Shared fixtures for the store tests: a fresh state directory per test, and small objects.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { openStore, type StoreOptions } from '../../../src/state/store.js';
import type { Store } from '../../../src/state/types.js';

const homes: string[] = [];

afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

/** A new, empty temporary directory, removed after the test. */
export function tempHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'mkube-state-'));
  homes.push(home);
  return home;
}

export function freshStore(options: StoreOptions = {}): Store {
  return openStore(tempHome(), options);
}

export function pod(name: string, extra: Partial<KObject> & { namespace?: string } = {}): KObject {
  const { namespace, ...rest } = extra;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
    ...rest,
  };
}

export function configMap(name: string, data: Record<string, string> = {}, namespace?: string): KObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

export function namespace(name: string): KObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** Wait until `check` passes or the deadline expires (then its last error is thrown). */
export async function eventually(check: () => void, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}
