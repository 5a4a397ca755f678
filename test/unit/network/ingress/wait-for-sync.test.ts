// The Ingress controller's hook for the drain: waitForSyncAfter resolves only after a routing
// table rebuild that read the cache after the call (a real temp home, port 0 on loopback).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IngressController } from '../../../../src/network/ingress/index.js';
import { Registry } from '../../../../src/registry/registry.js';
import { openHome } from '../../../../src/registry/service-network.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let root: string;
let registry: Registry;
let ingress: IngressController;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'mkube-unit-ingress-wait-'));
  process.env.MKUBE_RANGE_CLAIMS_DIR = join(root, 'claims');
  registry = new Registry(openHome(join(root, 'home')));
  ingress = new IngressController({ registry, log: () => {}, httpPort: 0, debounceMs: 50 });
});
afterEach(async () => {
  await ingress.stop();
  delete process.env.MKUBE_RANGE_CLAIMS_DIR;
  rmSync(root, { recursive: true, force: true });
});

describe('IngressController.waitForSyncAfter', () => {
  it('resolves at once before the proxy serves', async () => {
    await ingress.waitForSyncAfter();
  });

  it('resolves with the next (debounced) rebuild, not before', async () => {
    await ingress.start();
    let resolved = false;
    const waited = ingress.waitForSyncAfter().then(() => {
      resolved = true;
    });
    await sleep(20);
    expect(resolved).toBe(false);
    await waited;
    expect(resolved).toBe(true);
  });

  it('resolves when stopped', async () => {
    await ingress.start();
    const waited = ingress.waitForSyncAfter();
    await ingress.stop();
    await waited;
  });
});
