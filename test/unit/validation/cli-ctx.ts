// Runs mkube commands in-process against a real temp state directory: a Ctx with captured
// streams, a real store, no runtime and a no-op agent. Plus a byte-for-byte snapshot of the state.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { lookupKind } from '../../../src/api/kinds.js';
import { main } from '../../../src/cli.js';
import type { Ctx } from '../../../src/commands/context.js';
import { Registry } from '../../../src/registry/registry.js';
import { openStore } from '../../../src/state/store.js';
import type { Store } from '../../../src/state/types.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

export class TempState {
  readonly home = mkdtempSync(join(tmpdir(), 'mkube-unit-state-'));
  readonly files = mkdtempSync(join(tmpdir(), 'mkube-unit-files-'));
  private store?: Store;

  getStore(): Store {
    this.store ??= openStore(this.home);
    return this.store;
  }

  /** Write a manifest; returns its path relative to the cwd (so messages name it as typed). */
  file(name: string, text: string): string {
    const path = join(this.files, name);
    writeFileSync(path, text);
    return relative(process.cwd(), path);
  }

  async run(args: string[], stdin = ''): Promise<Run> {
    const out = new Capture();
    const err = new Capture();
    const ctx: Ctx = {
      out,
      err,
      in: Readable.from([stdin]),
      home: this.home,
      store: () => this.getStore(),
      registry: async () => new Registry(this.getStore()),
      runtime: () => Promise.reject(new Error('no runtime in unit tests')),
      ensureAgent: async () => {},
    };
    const code = await main(args, ctx);
    return { code, stdout: out.text, stderr: err.text };
  }

  /** Every file under the state directory with its bytes, to compare before and after. */
  snapshot(): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else out[relative(this.home, path)] = readFileSync(path).toString('base64');
      }
    };
    walk(this.home);
    return out;
  }

  cleanup(): void {
    rmSync(this.home, { recursive: true, force: true });
    rmSync(this.files, { recursive: true, force: true });
  }
}

export const CONFIGMAP_KIND = lookupKind('configmaps')!;
