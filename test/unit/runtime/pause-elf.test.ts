import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_OFFSET, EM_AARCH64, EM_X86_64, pauseArchOf, pauseElf } from '../../../src/runtime/pause-elf.js';

describe('pause ELF', () => {
  for (const [arch, machine] of [
    ['amd64', EM_X86_64],
    ['arm64', EM_AARCH64],
  ] as const) {
    it(`has a valid ELF64 executable header for ${arch}`, () => {
      const elf = pauseElf(arch);
      expect([...elf.subarray(0, 7)]).toEqual([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
      expect(elf.readUInt16LE(16)).toBe(2); // ET_EXEC
      expect(elf.readUInt16LE(18)).toBe(machine);
      expect(elf.readBigUInt64LE(24)).toBe(0x400000n + BigInt(CODE_OFFSET)); // entry = first code byte
      expect(elf.readBigUInt64LE(32)).toBe(64n); // program headers right after the header
      expect(elf.readUInt16LE(54)).toBe(56);
      expect(elf.readUInt16LE(56)).toBe(1);
      expect(elf.length).toBeLessThan(160);
    });

    it(`loads the whole ${arch} file as one read+execute segment`, () => {
      const elf = pauseElf(arch);
      expect(elf.readUInt32LE(64)).toBe(1); // PT_LOAD
      expect(elf.readUInt32LE(68)).toBe(5); // R|X
      expect(elf.readBigUInt64LE(64 + 32)).toBe(BigInt(elf.length)); // filesz
      expect(elf.readBigUInt64LE(64 + 40)).toBe(BigInt(elf.length)); // memsz
    });
  }

  it('makes the pause(2) loop on amd64 and the ppoll(2) loop on arm64', () => {
    expect(pauseElf('amd64').subarray(CODE_OFFSET).toString('hex')).toBe('b8220000000f05ebf7');
    const arm = pauseElf('arm64').subarray(CODE_OFFSET);
    expect(arm.readUInt32LE(16)).toBe(0xd2800928); // mov x8, #73 (ppoll)
    expect(arm.readUInt32LE(20)).toBe(0xd4000001); // svc #0
    expect(arm.readUInt32LE(24)).toBe(0x17fffffa); // b back to the start
  });

  it('maps Docker and uname architecture names', () => {
    expect(['amd64', 'x86_64', 'arm64', 'aarch64', 's390x'].map(pauseArchOf)).toEqual([
      'amd64',
      'amd64',
      'arm64',
      'arm64',
      undefined,
    ]);
  });

  it('runs natively and keeps running until killed', async () => {
    const arch = pauseArchOf(process.arch === 'x64' ? 'amd64' : process.arch);
    expect(arch, `no pause program for ${process.arch}`).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'mkube-pause-'));
    try {
      const file = join(dir, 'pause');
      writeFileSync(file, pauseElf(arch!));
      chmodSync(file, 0o755);
      const child = spawn(file, { stdio: 'ignore' });
      const exit = new Promise<string | null>((r) => child.on('exit', (_code, signal) => r(signal)));
      await new Promise((r) => setTimeout(r, 300));
      expect(child.exitCode).toBeNull();
      child.kill('SIGKILL');
      expect(await exit).toBe('SIGKILL');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
